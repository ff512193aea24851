<?xml version="1.0" encoding="utf-8"?>
<!-- H.E.S.S. Galactic Plane Survey catalogue (HGPS), v1.

Filled by "apdc import hgps" from hgps_catalog_v1.fits.gz (HDUs
HGPS_SOURCES and HGPS_ASSOCIATIONS) through
converters/catalogs/tev.py:hgps_table; the data element only creates the
table.
-->
<resource schema="hgps" resdir="../resources/hgps">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">H.E.S.S. Galactic Plane Survey Source Catalogue (HGPS)</meta>
  <meta name="shortName">HGPS</meta>
  <meta name="description">
    The source catalogue of the H.E.S.S. Galactic Plane Survey (HGPS): 78
    very-high-energy gamma-ray sources in the inner Milky Way (galactic
    longitude 250 to 65 degrees), from about 2,700 hours of H.E.S.S.
    observations 2004-2013, with positions and errors, sizes, fluxes above 1
    TeV, power-law indices, source classes and identified objects, and
    associations with sources of other catalogues.
  </meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">gamma-ray-sources</meta>
  <meta name="subject">supernova-remnants</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="creator">H.E.S.S. Collaboration</meta>
  <meta name="creator">Abdalla, H.</meta>
  <meta name="instrument">H.E.S.S.</meta>
  <meta name="facility">High Energy Stereoscopic System (H.E.S.S.)</meta>
  <meta name="source">2018A&amp;A...612A...1H</meta>
  <meta name="referenceURL">https://www.mpi-hd.mpg.de/hfm/HESS/hgps/</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    HGPS data are released by the H.E.S.S. Collaboration under the Creative
    Commons Attribution 4.0 International licence (CC BY 4.0). Cite H.E.S.S.
    Collaboration (H. Abdalla et al.), 'The H.E.S.S. Galactic plane survey',
    A&amp;A 612 (2018) A1, doi:10.1051/0004-6361/201732098.
  </meta>
  <meta name="rights.rightsURI">https://creativecommons.org/licenses/by/4.0/</meta>
  <meta name="howtociteLink">https://doi.org/10.1051/0004-6361/201732098</meta>
  <meta name="_longdoc" format="rst">
    Provenance: hgps_catalog_v1.fits.gz of the H.E.S.S. Collaboration
    (https://www.mpi-hd.mpg.de/hfm/HESS/hgps/data/hgps_catalog_v1.fits.gz),
    HDUs HGPS_SOURCES (one row per source) and HGPS_ASSOCIATIONS.

    Changes: a subset of the source columns is served, renamed to lower case
    (original names in the column descriptions); NaN is NULL; class is
    Source_Class in lower case (Binary becomes bin); associations joins the
    HGPS_ASSOCIATIONS rows of each source as 'name (catalogue)', nearest
    first.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="source_name">
    <FEED source="releases#current" name="HADAR"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per HGPS source.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>

    <column name="source_name" type="text" ucd="meta.id;meta.main"
      tablehead="Name" verbLevel="1" required="True"
      description="Source name, HESS Jhhmm-ddd (Source_Name).">
      <property name="source">Source_Name</property>
      <property name="unique">True</property>
    </column>
    <column name="analysis_reference" type="text" ucd="meta.ref"
      tablehead="Analysis" verbLevel="10"
      description="Analysis the parameters come from: HGPS or an external
      dedicated analysis (Analysis_Reference).">
      <property name="source">Analysis_Reference</property>
    </column>
    <column name="source_class" type="text" ucd="src.class"
      tablehead="Class (HGPS)" verbLevel="5"
      description="Source class as given: Unid, PWN, SNR, Composite, Binary
      (Source_Class).">
      <property name="source">Source_Class</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1"
      description="source_class in lower case, Binary as bin. Lower-case class
      code of the data centre's vocabulary shared by all catalogues
      (docs/catalogs.md), e.g. bll, fsrq, bcu (blazars), sy1, sy2 (Seyferts),
      psr, pwn, snr; select blazars with class IN ('bll','fsrq','bcu').">
      <property name="derive">hgps_class</property>
    </column>
    <column name="identified_object" type="text" ucd="meta.id.assoc"
      tablehead="Identified" verbLevel="1"
      description="Name of the firmly identified counterpart
      (Identified_Object).">
      <property name="source">Identified_Object</property>
    </column>
    <column name="associations" type="text" ucd="meta.id.assoc"
      tablehead="Associations" verbLevel="5"
      description="Associated sources of other catalogues (HGPS_ASSOCIATIONS),
      'name (catalogue)' comma separated, nearest first.">
      <property name="derive">associations</property>
    </column>
    <column name="gammacat_ids" type="text" ucd="meta.id.cross"
      tablehead="gamma-cat IDs" verbLevel="10"
      description="gamma-cat source IDs of the source, comma separated
      (Gamma_Cat_Source_ID).">
      <property name="source">Gamma_Cat_Source_ID</property>
    </column>
    <FEED source="common#positions" raSource="RAJ2000" decSource="DEJ2000"/>
    <column name="gal_l" type="double precision" unit="deg"
      ucd="pos.galactic.lon" tablehead="l" verbLevel="5"
      description="Galactic longitude of the source (GLON).">
      <property name="source">GLON</property>
    </column>
    <column name="gal_l_err" type="real" unit="deg"
      ucd="stat.error;pos.galactic.lon" tablehead="err l" verbLevel="15"
      description="Statistical error of gal_l (GLON_Err).">
      <property name="source">GLON_Err</property>
    </column>
    <column name="gal_b" type="double precision" unit="deg"
      ucd="pos.galactic.lat" tablehead="b" verbLevel="5"
      description="Galactic latitude of the source (GLAT).">
      <property name="source">GLAT</property>
    </column>
    <column name="gal_b_err" type="real" unit="deg"
      ucd="stat.error;pos.galactic.lat" tablehead="err b" verbLevel="15"
      description="Statistical error of gal_b (GLAT_Err).">
      <property name="source">GLAT_Err</property>
    </column>
    <column name="pos_err_68" type="real" unit="deg" ucd="stat.error;pos"
      tablehead="Pos. err 68%" verbLevel="5"
      description="68% containment radius of the position error (Pos_Err_68).">
      <property name="source">Pos_Err_68</property>
    </column>
    <column name="pos_err_95" type="real" unit="deg" ucd="stat.error;pos"
      tablehead="Pos. err 95%" verbLevel="5"
      description="95% containment radius of the position error (Pos_Err_95).">
      <property name="source">Pos_Err_95</property>
    </column>
    <column name="spatial_model" type="text" ucd="meta.code"
      tablehead="Spatial model" verbLevel="10"
      description="Spatial model: Point-Like, Gaussian, 2-Gaussian,
      3-Gaussian, Shell (Spatial_Model).">
      <property name="source">Spatial_Model</property>
    </column>
    <column name="size_sigma" type="real" unit="deg" ucd="phys.angSize"
      tablehead="Size" verbLevel="1"
      description="Gaussian sigma of the source extension (Size); NULL for
      point-like sources.">
      <property name="source">Size</property>
    </column>
    <column name="size_err" type="real" unit="deg"
      ucd="stat.error;phys.angSize" tablehead="err Size" verbLevel="15"
      description="Statistical error of size_sigma (Size_Err).">
      <property name="source">Size_Err</property>
    </column>
    <column name="size_ul" type="real" unit="deg" ucd="phys.angSize;stat.max"
      tablehead="Size UL" verbLevel="10"
      description="95% upper limit of the size for point-like sources
      (Size_UL).">
      <property name="source">Size_UL</property>
    </column>
    <column name="r70" type="real" unit="deg" ucd="phys.angSize"
      tablehead="R70" verbLevel="10"
      description="Radius containing 70% of the source's emission, PSF
      included (R70).">
      <property name="source">R70</property>
    </column>
    <column name="sqrt_ts" type="real" ucd="stat.snr" tablehead="sqrt(TS)"
      verbLevel="5"
      description="Square root of the test statistic of the source (Sqrt_TS).">
      <property name="source">Sqrt_TS</property>
    </column>
    <column name="livetime" type="real" unit="h"
      ucd="time.duration;obs.exposure" tablehead="Livetime" verbLevel="15"
      description="Observation live time at the source position (Livetime).">
      <property name="source">Livetime</property>
    </column>
    <column name="energy_threshold" type="real" unit="TeV"
      ucd="em.energy;stat.min" tablehead="E thr" verbLevel="10"
      description="Energy threshold at the source position
      (Energy_Threshold).">
      <property name="source">Energy_Threshold</property>
    </column>
    <column name="spectral_model" type="text" ucd="meta.code"
      tablehead="Spec. model" verbLevel="10"
      description="Preferred spectral model, PL or ECPL (Spectral_Model).">
      <property name="source">Spectral_Model</property>
    </column>
    <column name="flux_1tev" type="real" unit="cm**-2.s**-1"
      ucd="phot.flux;em.gamma" tablehead="F(&gt;1 TeV)" verbLevel="1"
      description="Integral photon flux above 1 TeV from the preferred
      spectral model (Flux_Spec_Int_1TeV).">
      <property name="source">Flux_Spec_Int_1TeV</property>
    </column>
    <column name="flux_1tev_err" type="real" unit="cm**-2.s**-1"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err F" verbLevel="15"
      description="Statistical error of flux_1tev (Flux_Spec_Int_1TeV_Err).">
      <property name="source">Flux_Spec_Int_1TeV_Err</property>
    </column>
    <column name="eflux_1_10tev" type="real" unit="mW.m**-2"
      ucd="phot.flux;em.gamma" tablehead="Energy flux" verbLevel="10"
      description="Energy flux between 1 and 10 TeV
      (Flux_Spec_Energy_1_10_TeV).">
      <property name="source">Flux_Spec_Energy_1_10_TeV</property>
    </column>
    <column name="eflux_1_10tev_err" type="real" unit="mW.m**-2"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err E flux"
      verbLevel="15"
      description="Statistical error of eflux_1_10tev
      (Flux_Spec_Energy_1_10_TeV_Err).">
      <property name="source">Flux_Spec_Energy_1_10_TeV_Err</property>
    </column>
    <column name="index_pl" type="real" ucd="spect.index" tablehead="Index"
      verbLevel="1"
      description="Photon index of the power-law fit (Index_Spec_PL).">
      <property name="source">Index_Spec_PL</property>
    </column>
    <column name="index_pl_err" type="real" ucd="stat.error;spect.index"
      tablehead="err Index" verbLevel="15"
      description="Statistical error of index_pl (Index_Spec_PL_Err).">
      <property name="source">Index_Spec_PL_Err</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import hgps" fills it
    (converters/catalogs/tev.py:hgps_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="HGPS Cone Search"
      shortName="HGPS cone"
      description="Cone search over the source catalogue of the H.E.S.S. Galactic Plane Survey (ICRS positions)."
      testRA="128.8867"
      testDec="-45.6589"
      testSR="0.5"
      condDescs="class"/>

  <regSuite title="HGPS regression">
    <regTest title="HGPS cone search finds Vela X (HESS J0835-455)">
      <url RA="128.8867" DEC="-45.6589" SR="0.5">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        names = [r["source_name"] for r in rows]
        self.assertTrue("HESS J0835-455" in names, names)
      </code>
    </regTest>
    <regTest title="HGPS table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        hgps.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 78)
      </code>
    </regTest>
  </regSuite>
</resource>
