<?xml version="1.0" encoding="utf-8"?>
<!-- Fermi-LAT Third Catalog of Hard Fermi-LAT Sources (3FHL), v13.

Filled by "apdc import fermi3fhl" from gll_psch_v13.fit (stored gzipped)
through converters/catalogs/fermi.py:fermi3fhl_table; the data element only
creates the table.
-->
<resource schema="fermi3fhl" resdir="../resources/fermi3fhl">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Fermi-LAT Third Catalog of Hard Sources (3FHL)</meta>
  <meta name="shortName">Fermi-LAT 3FHL</meta>
  <meta name="description">
    The third catalogue of hard Fermi-LAT sources (3FHL): 1,556 sources
    detected above 10 GeV in the first seven years of Fermi-LAT data, with
    positions and error ellipses, fluxes between 10 GeV and 1 TeV, spectral
    parameters, the highest photon energy, Bayesian-block variability,
    associations with counterparts at other wavelengths and their classes (79%
    blazars), and redshifts where known. Served here for cross-matching high-
    energy neutrinos and cosmic rays with gamma-ray sources, e.g. selecting
    blazars by class.
  </meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">gamma-ray-sources</meta>
  <meta name="subject">blazars</meta>
  <meta name="subject">active-galactic-nuclei</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="creator">Fermi-LAT Collaboration</meta>
  <meta name="creator">Ajello, M.</meta>
  <meta name="instrument">Fermi LAT</meta>
  <meta name="facility">Fermi Gamma-ray Space Telescope</meta>
  <meta name="source">2017ApJS..232...18A</meta>
  <meta name="referenceURL">https://fermi.gsfc.nasa.gov/ssc/data/access/lat/3FHL/</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Fermi-LAT catalogue data are public NASA data, released by the Fermi
    Science Support Center without restrictions on use. Publications using
    them must cite the catalogue paper (M. Ajello et al., ApJS 232 (2017) 18,
    doi:10.3847/1538-4365/aa8221) and should acknowledge the Fermi-LAT
    Collaboration and the FSSC.
  </meta>
  <meta name="rights.rightsURI">https://fermi.gsfc.nasa.gov/ssc/data/policy/</meta>
  <meta name="howtociteLink">https://doi.org/10.3847/1538-4365/aa8221</meta>
  <meta name="_longdoc" format="rst">
    Provenance: the FITS catalogue gll_psch_v13.fit of the Fermi Science
    Support Center
    (https://fermi.gsfc.nasa.gov/ssc/data/access/lat/3FHL/gll_psch_v13.fit),
    HDU LAT_Point_Source_Catalog; the data centre keeps a gzipped copy of the
    same file.

    Changes: a subset of the columns is served, renamed to lower case (the
    original names are given in each column description); blank strings, NaN
    and infinities are NULL; class is class_given in lower case and identified
    tells capitals (identifications) from lower case (associations). The ICRS
    position is the catalogue's RAJ2000/DEJ2000. The error ellipses of 3FHL
    are circles, so no position angle is served.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="source_name">
    <FEED source="releases#current" name="ELNATH"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per 3FHL source.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="assoc1"/>
    <index columns="redshift"/>

    <column name="source_name" type="text" ucd="meta.id;meta.main"
      tablehead="Name" verbLevel="1" required="True"
      description="Official source designation (Source_Name).">
      <property name="source">Source_Name</property>
      <property name="unique">True</property>
    </column>
    <FEED source="common#positions" raSource="RAJ2000" decSource="DEJ2000"/>
    <column name="gal_l" type="double precision" unit="deg"
      ucd="pos.galactic.lon" tablehead="l" verbLevel="5"
      description="Galactic longitude (GLON).">
      <property name="source">GLON</property>
    </column>
    <column name="gal_b" type="double precision" unit="deg"
      ucd="pos.galactic.lat" tablehead="b" verbLevel="5"
      description="Galactic latitude (GLAT).">
      <property name="source">GLAT</property>
    </column>
    <column name="conf95_semimajor" type="real" unit="deg"
      ucd="phys.angSize.smajAxis;pos.errorEllipse" tablehead="Err95 a"
      verbLevel="1"
      description="Semi-major axis of the 95% confidence error ellipse of the
      position (Conf_95_SemiMajor).">
      <property name="source">Conf_95_SemiMajor</property>
    </column>
    <column name="conf95_semiminor" type="real" unit="deg"
      ucd="phys.angSize.sminAxis;pos.errorEllipse" tablehead="Err95 b"
      verbLevel="10"
      description="Semi-minor axis of the 95% confidence error ellipse
      (Conf_95_SemiMinor).">
      <property name="source">Conf_95_SemiMinor</property>
    </column>
    <column name="signif_avg" type="real" ucd="stat.snr" tablehead="Signif"
      verbLevel="5"
      description="Source significance in sigma over the whole energy range
      (Signif_Avg).">
      <property name="source">Signif_Avg</property>
    </column>
    <column name="pivot_energy" type="real" unit="GeV" ucd="em.energy"
      tablehead="E pivot" verbLevel="10"
      description="Pivot energy of the spectral fit, where the flux density is
      least correlated with the index (Pivot_Energy).">
      <property name="source">Pivot_Energy</property>
    </column>
    <column name="flux_density" type="real" unit="cm**-2.s**-1.GeV**-1"
      ucd="phot.flux.density;em.energy" tablehead="dN/dE" verbLevel="10"
      description="Differential photon flux at the pivot energy
      (Flux_Density).">
      <property name="source">Flux_Density</property>
    </column>
    <column name="unc_flux_density" type="real" unit="cm**-2.s**-1.GeV**-1"
      ucd="stat.error;phot.flux.density;em.energy" tablehead="err dN/dE"
      verbLevel="15"
      description="1 sigma uncertainty of flux_density (Unc_Flux_Density).">
      <property name="source">Unc_Flux_Density</property>
    </column>
    <column name="spectrum_type" type="text" ucd="meta.code"
      tablehead="Spec. type" verbLevel="10"
      description="Spectral model of the catalogue fit (SpectrumType:
      PowerLaw, LogParabola, ...).">
      <property name="source">SpectrumType</property>
    </column>
    <column name="spectral_index" type="real" ucd="spect.index"
      tablehead="Index" verbLevel="1"
      description="Photon index of the spectral model at the pivot energy
      (Spectral_Index).">
      <property name="source">Spectral_Index</property>
    </column>
    <column name="unc_spectral_index" type="real" ucd="stat.error;spect.index"
      tablehead="err Index" verbLevel="15"
      description="1 sigma uncertainty of spectral_index
      (Unc_Spectral_Index).">
      <property name="source">Unc_Spectral_Index</property>
    </column>
    <column name="powerlaw_index" type="real" ucd="spect.index"
      tablehead="PL index" verbLevel="10"
      description="Photon index of a power-law fit, whatever the preferred
      model (PowerLaw_Index).">
      <property name="source">PowerLaw_Index</property>
    </column>
    <column name="extended_source_name" type="text" ucd="meta.id.cross"
      tablehead="Ext. name" verbLevel="10"
      description="Name of the spatial template of an extended source
      (Extended_Source_Name); NULL for point sources.">
      <property name="source">Extended_Source_Name</property>
    </column>
    <column name="tevcat_flag" type="text" ucd="meta.code"
      tablehead="TeV flag" verbLevel="10"
      description="TeVCat association flag as given (TEVCAT_FLAG: N none, P a
      TeV point source, E an extended TeV source, C a candidate).">
      <property name="source">TEVCAT_FLAG</property>
    </column>
    <column name="assoc_tev" type="text" ucd="meta.id.assoc"
      tablehead="TeV assoc." verbLevel="5"
      description="Name of the associated TeV source (ASSOC_TEV).">
      <property name="source">ASSOC_TEV</property>
    </column>
    <column name="flux" type="real" unit="cm**-2.s**-1"
      ucd="phot.flux;em.gamma" tablehead="Flux" verbLevel="1"
      description="Photon flux from 10 GeV to 1 TeV (Flux).">
      <property name="source">Flux</property>
    </column>
    <column name="unc_flux" type="real" unit="cm**-2.s**-1"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err Flux" verbLevel="15"
      description="1 sigma uncertainty of flux (Unc_Flux).">
      <property name="source">Unc_Flux</property>
    </column>
    <column name="energy_flux" type="real" unit="mW.m**-2"
      ucd="phot.flux;em.gamma" tablehead="Energy flux" verbLevel="5"
      description="Energy flux from 10 GeV to 1 TeV (Energy_Flux).">
      <property name="source">Energy_Flux</property>
    </column>
    <column name="unc_energy_flux" type="real" unit="mW.m**-2"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err E flux"
      verbLevel="15"
      description="1 sigma uncertainty of energy_flux (Unc_Energy_Flux).">
      <property name="source">Unc_Energy_Flux</property>
    </column>
    <column name="variability_bayes_blocks" type="smallint" ucd="src.var"
      tablehead="BB" verbLevel="5"
      description="Number of Bayesian blocks of the light curve
      (Variability_BayesBlocks); 1 means no variability detected.">
      <property name="source">Variability_BayesBlocks</property>
      <values nullLiteral="-1"/>
    </column>
    <column name="hep_energy" type="real" unit="GeV" ucd="em.energy;stat.max"
      tablehead="E max" verbLevel="5"
      description="Energy of the highest-energy photon associated with the
      source (HEP_Energy).">
      <property name="source">HEP_Energy</property>
    </column>
    <column name="assoc_gam" type="text" ucd="meta.id.cross"
      tablehead="Gamma assoc." verbLevel="5"
      description="Name of the corresponding source in 3FGL, 2FHL or 1FHL
      (ASSOC_GAM).">
      <property name="source">ASSOC_GAM</property>
    </column>
    <column name="class_given" type="text" ucd="src.class"
      tablehead="Class (LAT)" verbLevel="5"
      description="Source class as given by the catalogue: capital letters for
      firm identifications, lower case for associations (e.g. BLL, bll, fsrq,
      bcu, PSR, snr); NULL for unassociated sources.">
      <property name="source">CLASS</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1"
      description="class_given in lower case. Lower-case class code of the
      data centre's vocabulary shared by all catalogues (docs/catalogs.md),
      e.g. bll, fsrq, bcu (blazars), sy1, sy2 (Seyferts), psr, pwn, snr;
      select blazars with class IN ('bll','fsrq','bcu').">
      <property name="derive">lower_class</property>
    </column>
    <column name="identified" type="boolean" ucd="meta.code"
      tablehead="Identified" verbLevel="10" required="True"
      description="True where class_given is in capitals, i.e. a firm
      identification rather than an association.">
      <property name="derive">capitals</property>
    </column>
    <column name="assoc1" type="text" ucd="meta.id.assoc" tablehead="Assoc. 1"
      verbLevel="1"
      description="Name of the most probable counterpart (ASSOC1).">
      <property name="source">ASSOC1</property>
    </column>
    <column name="assoc2" type="text" ucd="meta.id.assoc" tablehead="Assoc. 2"
      verbLevel="5"
      description="Name of an alternative counterpart (ASSOC2).">
      <property name="source">ASSOC2</property>
    </column>
    <column name="assoc_prob_bay" type="real" ucd="stat.probability"
      tablehead="P(assoc)" verbLevel="10"
      description="Probability of the association from the Bayesian method
      (ASSOC_PROB_BAY).">
      <property name="source">ASSOC_PROB_BAY</property>
    </column>
    <column name="redshift" type="real" ucd="src.redshift" tablehead="z"
      verbLevel="1"
      description="Redshift of the counterpart, where known (Redshift).">
      <property name="source">Redshift</property>
    </column>
    <column name="nupeak_obs" type="real" unit="Hz" ucd="em.freq"
      tablehead="nu peak" verbLevel="10"
      description="Observed frequency of the synchrotron peak of the
      counterpart (NuPeak_obs).">
      <property name="source">NuPeak_obs</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import fermi3fhl" fills it
    (converters/catalogs/fermi.py:fermi3fhl_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="Fermi-LAT 3FHL Cone Search"
      shortName="3FHL cone"
      description="Cone search over the 3FHL catalogue of Fermi-LAT sources above 10 GeV (ICRS positions)."
      testRA="77.36"
      testDec="5.7"
      testSR="0.2"
      condDescs="class"/>

  <regSuite title="Fermi-LAT 3FHL regression">
    <regTest title="3FHL cone search finds TXS 0506+056 (3FHL J0509.4+0542)">
      <url RA="77.36" DEC="5.7" SR="0.2">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        names = [r["assoc1"] for r in rows]
        self.assertTrue("TXS 0506+056" in names, names)

        for r in rows:
          if r["assoc1"] == "TXS 0506+056":
            self.assertEqual(r["source_name"], "3FHL J0509.4+0542")
            self.assertEqual(r["class"], "bll")
      </code>
    </regTest>
    <regTest title="Fermi-LAT 3FHL table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        fermi3fhl.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1556)
      </code>
    </regTest>
    <regTest title="3FHL blazars are selected by class">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM fermi3fhl.main WHERE class IN ('bll','fsrq','bcu')">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1212)
      </code>
    </regTest>
  </regSuite>
</resource>
