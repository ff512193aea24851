<?xml version="1.0" encoding="utf-8"?>
<!-- Fermi-LAT Third Source Catalog (3FGL), v16.

Filled by "apdc import fermi3fgl" from gll_psc_v16.fit (stored gzipped)
through converters/catalogs/fermi.py:fermi3fgl_table; the data element only
creates the table.
-->
<resource schema="fermi3fgl" resdir="../resources/fermi3fgl">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Fermi-LAT Third Source Catalog (3FGL)</meta>
  <meta name="shortName">Fermi-LAT 3FGL</meta>
  <meta name="description">
    The third Fermi-LAT source catalogue (3FGL): 3,034 sources detected
    between 100 MeV and 300 GeV in the first four years of Fermi-LAT data,
    with positions and error ellipses, fluxes, spectral parameters, a
    variability index, names in earlier LAT catalogues, associations with
    counterparts and their classes (blazars, pulsars, supernova remnants,
    ...). Served for cross-matching neutrinos and cosmic rays with GeV gamma-
    ray sources.
  </meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">gamma-ray-sources</meta>
  <meta name="subject">blazars</meta>
  <meta name="subject">active-galactic-nuclei</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="creator">Fermi-LAT Collaboration</meta>
  <meta name="creator">Acero, F.</meta>
  <meta name="instrument">Fermi LAT</meta>
  <meta name="facility">Fermi Gamma-ray Space Telescope</meta>
  <meta name="source">2015ApJS..218...23A</meta>
  <meta name="referenceURL">https://fermi.gsfc.nasa.gov/ssc/data/access/lat/4yr_catalog/</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Fermi-LAT catalogue data are public NASA data, released by the Fermi
    Science Support Center without restrictions on use. Publications using
    them must cite the catalogue paper (F. Acero et al., ApJS 218 (2015) 23,
    doi:10.1088/0067-0049/218/2/23) and should acknowledge the Fermi-LAT
    Collaboration and the FSSC.
  </meta>
  <meta name="rights.rightsURI">https://fermi.gsfc.nasa.gov/ssc/data/policy/</meta>
  <meta name="howtociteLink">https://doi.org/10.1088/0067-0049/218/2/23</meta>
  <meta name="_longdoc" format="rst">
    Provenance: the FITS catalogue gll_psc_v16.fit of the Fermi Science
    Support Center (https://fermi.gsfc.nasa.gov/ssc/data/access/lat/4yr_catalo
    g/gll_psc_v16.fit), HDU LAT_Point_Source_Catalog; the data centre keeps a
    gzipped copy of the same file.

    Changes: a subset of the columns is served, renamed to lower case (the
    original names are given in each column description); blank strings, NaN
    and the infinities the file uses for parameters that do not apply are
    NULL; class is class_given (CLASS1) in lower case and identified tells
    capitals (identifications) from lower case (associations). 3FGL gives no
    redshifts.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="source_name">
    <FEED source="releases#current" name="DENEB"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per 3FGL source.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="assoc1"/>

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
    <column name="pivot_energy" type="real" unit="MeV" ucd="em.energy"
      tablehead="E pivot" verbLevel="10"
      description="Pivot energy of the spectral fit, where the flux density is
      least correlated with the index (Pivot_Energy).">
      <property name="source">Pivot_Energy</property>
    </column>
    <column name="flux_density" type="real" unit="cm**-2.s**-1.MeV**-1"
      ucd="phot.flux.density;em.energy" tablehead="dN/dE" verbLevel="10"
      description="Differential photon flux at the pivot energy
      (Flux_Density).">
      <property name="source">Flux_Density</property>
    </column>
    <column name="unc_flux_density" type="real" unit="cm**-2.s**-1.MeV**-1"
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
    <column name="conf95_posang" type="real" unit="deg"
      ucd="pos.posAng;pos.errorEllipse" tablehead="Err95 PA" verbLevel="15"
      description="Position angle of the 95% error ellipse, east of north
      (Conf_95_PosAng).">
      <property name="source">Conf_95_PosAng</property>
    </column>
    <column name="flux1000" type="real" unit="cm**-2.s**-1"
      ucd="phot.flux;em.gamma" tablehead="Flux 1-100 GeV" verbLevel="1"
      description="Photon flux from 1 to 100 GeV (Flux1000).">
      <property name="source">Flux1000</property>
    </column>
    <column name="unc_flux1000" type="real" unit="cm**-2.s**-1"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err Flux" verbLevel="15"
      description="1 sigma uncertainty of flux1000 (Unc_Flux1000).">
      <property name="source">Unc_Flux1000</property>
    </column>
    <column name="energy_flux100" type="real" unit="mW.m**-2"
      ucd="phot.flux;em.gamma" tablehead="Energy flux" verbLevel="5"
      description="Energy flux from 100 MeV to 100 GeV (Energy_Flux100).">
      <property name="source">Energy_Flux100</property>
    </column>
    <column name="unc_energy_flux100" type="real" unit="mW.m**-2"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err E flux"
      verbLevel="15"
      description="1 sigma uncertainty of energy_flux100
      (Unc_Energy_Flux100).">
      <property name="source">Unc_Energy_Flux100</property>
    </column>
    <column name="variability_index" type="real" ucd="src.var"
      tablehead="Var. index" verbLevel="5"
      description="Variability index: the likelihood-ratio test statistic of
      the yearly light curve against a constant flux (Variability_Index);
      above 72.44 the source is variable at 99% confidence.">
      <property name="source">Variability_Index</property>
    </column>
    <column name="fgl2_name" type="text" ucd="meta.id.cross"
      tablehead="2FGL name" verbLevel="10"
      description="Name of the corresponding 2FGL source (2FGL_Name).">
      <property name="source">2FGL_Name</property>
    </column>
    <column name="fhl1_name" type="text" ucd="meta.id.cross"
      tablehead="1FHL name" verbLevel="10"
      description="Name of the corresponding 1FHL source (1FHL_Name).">
      <property name="source">1FHL_Name</property>
    </column>
    <column name="assoc_gam1" type="text" ucd="meta.id.cross"
      tablehead="Gamma assoc." verbLevel="10"
      description="Name of an associated source in another gamma-ray catalogue
      (ASSOC_GAM1).">
      <property name="source">ASSOC_GAM1</property>
    </column>
    <column name="flags" type="smallint" ucd="meta.code.qual"
      tablehead="Flags" verbLevel="10" required="True"
      description="Analysis flags as given (Flags; bit meanings in the 3FGL
      paper, Table 5); 0 means no caveat.">
      <property name="source">Flags</property>
    </column>
    <column name="class_given" type="text" ucd="src.class"
      tablehead="Class (LAT)" verbLevel="5"
      description="Source class as given by the catalogue: capital letters for
      firm identifications, lower case for associations (e.g. BLL, bll, fsrq,
      bcu, PSR, snr); NULL for unassociated sources.">
      <property name="source">CLASS1</property>
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
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import fermi3fgl" fills it
    (converters/catalogs/fermi.py:fermi3fgl_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="Fermi-LAT 3FGL Cone Search"
      shortName="3FGL cone"
      description="Cone search over the 3FGL catalogue of Fermi-LAT sources (ICRS positions)."
      testRA="77.36"
      testDec="5.7"
      testSR="0.2"
      condDescs="class"/>

  <regSuite title="Fermi-LAT 3FGL regression">
    <regTest title="3FGL cone search finds TXS 0506+056">
      <url RA="77.36" DEC="5.7" SR="0.2">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        names = [r["assoc1"] for r in rows]
        self.assertTrue("TXS 0506+056" in names, names)
      </code>
    </regTest>
    <regTest title="Fermi-LAT 3FGL table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        fermi3fgl.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 3034)
      </code>
    </regTest>
    <regTest title="3FGL blazars are selected by class">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM fermi3fgl.main WHERE class IN ('bll','fsrq','bcu')">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1717)
      </code>
    </regTest>
  </regSuite>
</resource>
