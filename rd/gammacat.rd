<?xml version="1.0" encoding="utf-8"?>
<!-- gamma-cat, the open TeV gamma-ray source catalogue.

Filled by "apdc import gammacat" from gamma-cat's output/gammacat.fits.gz
through converters/catalogs/tev.py:gammacat_table; the data element only
creates the table.
-->
<resource schema="gammacat" resdir="../resources/gammacat">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">gamma-cat: Open Catalogue of TeV Gamma-ray Sources</meta>
  <meta name="shortName">gamma-cat</meta>
  <meta name="description">
    gamma-cat, an open catalogue of TeV gamma-ray sources compiled from the
    literature by the Gammapy project: 166 sources with names in other
    catalogues, source classes, discoverer and discovery date, position,
    morphology and spectral parameters (power-law index, flux above 1 TeV, in
    Crab units and as energy flux).
  </meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">gamma-ray-sources</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="subject">blazars</meta>
  <meta name="subject">supernova-remnants</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="creator">Deil, C.</meta>
  <meta name="creator">gamma-cat contributors</meta>
  <meta name="instrument">Imaging atmospheric Cherenkov telescopes (H.E.S.S., MAGIC, VERITAS, ...)</meta>
  <meta name="facility">H.E.S.S.</meta>
  <meta name="facility">MAGIC</meta>
  <meta name="facility">VERITAS</meta>
  <meta name="source">2017ICRC...35..766D</meta>
  <meta name="referenceURL">https://github.com/gammapy/gamma-cat</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    gamma-cat is distributed under the 3-clause BSD licence (copyright gamma-
    cat contributors). All data in it were published by others: cite the
    original publication of each source (reference_id), and acknowledge gamma-
    cat: 'This research made use of gamma-cat
    (https://github.com/gammapy/gamma-cat), an open data collection and source
    catalog for gamma-ray astronomy.' Reference for the project: C. Deil et
    al., ICRC 2017, PoS(ICRC2017)766.
  </meta>
  <meta name="rights.rightsURI">https://opensource.org/licenses/BSD-3-Clause</meta>
  <meta name="howtociteLink">https://ui.adsabs.harvard.edu/abs/2017ICRC...35..766D</meta>
  <meta name="_longdoc" format="rst">
    Provenance: gamma-cat's catalogue output output/gammacat.fits.gz in the
    GitHub repository gammapy/gamma-cat at commit
    e4d09c06e74683e41257837c0d036f7d9b32f752 (the same content as
    output/gammacat.ecsv).

    Changes: a subset of the columns is served (the spectral-model details and
    the spectral energy distributions are left out); 'where' is renamed
    location (WHERE is reserved in ADQL); blank strings and NaN are NULL;
    class is the first of gamma-cat's classes mapped to the shared vocabulary
    (hbl, ibl, lbl to bll; blazar to bcu; fri to rdg; galaxy to gal; the
    others unchanged). ra and dec are gamma-cat's SIMBAD positions.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="source_id">
    <FEED source="releases#current" name="FOMALHAUT"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per gamma-cat source.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="common_name"/>
    <index columns="tevcat_id"/>

    <column name="source_id" type="integer" ucd="meta.id;meta.main"
      tablehead="ID" verbLevel="1" required="True"
      description="gamma-cat source identifier (source_id).">
      <property name="source">source_id</property>
      <property name="unique">True</property>
    </column>
    <column name="common_name" type="text" ucd="meta.id" tablehead="Name"
      verbLevel="1" required="True"
      description="Common source name, unique in gamma-cat (common_name).">
      <property name="source">common_name</property>
    </column>
    <column name="gamma_names" type="text" ucd="meta.id.cross"
      tablehead="Gamma names" verbLevel="5"
      description="Other gamma-ray source names, comma separated
      (gamma_names).">
      <property name="source">gamma_names</property>
    </column>
    <column name="fermi_names" type="text" ucd="meta.id.cross"
      tablehead="Fermi names" verbLevel="10"
      description="Names of nearby Fermi-LAT catalogue sources, comma
      separated (fermi_names).">
      <property name="source">fermi_names</property>
    </column>
    <column name="other_names" type="text" ucd="meta.id.cross"
      tablehead="Other names" verbLevel="10"
      description="Other names of the source, comma separated (other_names).">
      <property name="source">other_names</property>
    </column>
    <column name="location" type="text" ucd="meta.code" tablehead="Location"
      verbLevel="5"
      description="gal (galactic), egal (extragalactic) or unid (gamma-cat's
      where).">
      <property name="source">where</property>
    </column>
    <column name="classes" type="text" ucd="src.class" tablehead="Classes"
      verbLevel="5"
      description="gamma-cat's source classes, comma separated, as given
      (classes; e.g. hbl, fsrq, pwn, snr, unid).">
      <property name="source">classes</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1"
      description="First of classes, mapped to the shared vocabulary.
      Lower-case class code of the data centre's vocabulary shared by all
      catalogues (docs/catalogs.md), e.g. bll, fsrq, bcu (blazars), sy1, sy2
      (Seyferts), psr, pwn, snr; select blazars with class IN
      ('bll','fsrq','bcu').">
      <property name="derive">gammacat_class</property>
    </column>
    <column name="discoverer" type="text" ucd="instr.tel"
      tablehead="Discoverer" verbLevel="5"
      description="Instrument that discovered the source (discoverer).">
      <property name="source">discoverer</property>
    </column>
    <column name="seen_by" type="text" ucd="instr.tel" tablehead="Seen by"
      verbLevel="10"
      description="Instruments that detected the source, comma separated
      (seen_by).">
      <property name="source">seen_by</property>
    </column>
    <column name="discovery_date" type="text" ucd="time.epoch"
      tablehead="Discovered" verbLevel="10"
      description="Discovery date, YYYY-MM (discovery_date).">
      <property name="source">discovery_date</property>
    </column>
    <column name="tevcat_id" type="integer" ucd="meta.id.cross"
      tablehead="TeVCat ID" verbLevel="10"
      description="TeVCat source identifier (tevcat_id); joins
      tevcat.main.source_id.">
      <property name="source">tevcat_id</property>
      <property name="null_at_most">0</property>
      <values nullLiteral="-1"/>
    </column>
    <column name="tevcat_name" type="text" ucd="meta.id.cross"
      tablehead="TeVCat name" verbLevel="5"
      description="TeVCat name, TeV Jhhmm+ddm (tevcat_name).">
      <property name="source">tevcat_name</property>
    </column>
    <column name="reference_id" type="text" ucd="meta.bib.bibcode"
      tablehead="Reference" verbLevel="10"
      description="Bibcode of the paper the source parameters come from
      (reference_id).">
      <property name="source">reference_id</property>
    </column>
    <column name="significance" type="real" ucd="stat.snr" tablehead="Signif."
      verbLevel="10"
      description="Detection significance in sigma (significance).">
      <property name="source">significance</property>
    </column>
    <column name="livetime" type="real" unit="h"
      ucd="time.duration;obs.exposure" tablehead="Livetime" verbLevel="15"
      description="Observation live time of that measurement (livetime).">
      <property name="source">livetime</property>
    </column>
    <FEED source="common#positions"/>
    <column name="gal_l" type="double precision" unit="deg"
      ucd="pos.galactic.lon" tablehead="l" verbLevel="5"
      description="Galactic longitude (glon).">
      <property name="source">glon</property>
    </column>
    <column name="gal_b" type="double precision" unit="deg"
      ucd="pos.galactic.lat" tablehead="b" verbLevel="5"
      description="Galactic latitude (glat).">
      <property name="source">glat</property>
    </column>
    <column name="pos_err" type="real" unit="deg" ucd="stat.error;pos"
      tablehead="Pos. err" verbLevel="5"
      description="Symmetric error of the position from the reference
      (pos_err).">
      <property name="source">pos_err</property>
    </column>
    <column name="morph_type" type="text" ucd="meta.code"
      tablehead="Morphology" verbLevel="10"
      description="Morphology model: point, gauss, shell, ... (morph_type).">
      <property name="source">morph_type</property>
    </column>
    <column name="morph_sigma" type="real" unit="deg" ucd="phys.angSize"
      tablehead="Size" verbLevel="5"
      description="Extension of the morphology model, Gaussian sigma or major
      axis (morph_sigma).">
      <property name="source">morph_sigma</property>
    </column>
    <column name="spec_type" type="text" ucd="meta.code"
      tablehead="Spec. model" verbLevel="10"
      description="Spectral model: pl, pl2, ecpl, ... (spec_type).">
      <property name="source">spec_type</property>
    </column>
    <column name="spec_index" type="real" ucd="spect.index" tablehead="Index"
      verbLevel="1"
      description="Photon index of the power-law spectral model
      (spec_pl_index).">
      <property name="source">spec_pl_index</property>
    </column>
    <column name="spec_index_err" type="real" ucd="stat.error;spect.index"
      tablehead="err Index" verbLevel="15"
      description="Statistical error of spec_index (spec_pl_index_err).">
      <property name="source">spec_pl_index_err</property>
    </column>
    <column name="flux_1tev" type="real" unit="cm**-2.s**-1"
      ucd="phot.flux;em.gamma" tablehead="F(&gt;1 TeV)" verbLevel="1"
      description="Integral photon flux above 1 TeV from the spectral model
      (spec_flux_1TeV).">
      <property name="source">spec_flux_1TeV</property>
    </column>
    <column name="flux_1tev_err" type="real" unit="cm**-2.s**-1"
      ucd="stat.error;phot.flux;em.gamma" tablehead="err F" verbLevel="15"
      description="Statistical error of flux_1tev (spec_flux_1TeV_err).">
      <property name="source">spec_flux_1TeV_err</property>
    </column>
    <column name="flux_1tev_crab" type="real" ucd="phot.flux;arith.ratio"
      tablehead="F/Crab %" verbLevel="5"
      description="Integral flux above 1 TeV in per cent of the Crab nebula's,
      dimensionless (spec_flux_1TeV_crab, which gamma-cat calls Crab units
      after Meyer et al.).">
      <property name="source">spec_flux_1TeV_crab</property>
    </column>
    <column name="eflux_1_10tev" type="real" unit="mW.m**-2"
      ucd="phot.flux;em.gamma" tablehead="Energy flux" verbLevel="10"
      description="Energy flux between 1 and 10 TeV (spec_eflux_1TeV_10TeV).">
      <property name="source">spec_eflux_1TeV_10TeV</property>
    </column>
    <column name="erange_min" type="real" unit="TeV" ucd="em.energy;stat.min"
      tablehead="E min" verbLevel="15"
      description="Lower end of the energy range of the spectrum
      (spec_erange_min).">
      <property name="source">spec_erange_min</property>
    </column>
    <column name="erange_max" type="real" unit="TeV" ucd="em.energy;stat.max"
      tablehead="E max" verbLevel="15"
      description="Upper end of the energy range of the spectrum
      (spec_erange_max).">
      <property name="source">spec_erange_max</property>
    </column>
  </table>

  <coverage>
    <!-- spatial only: discovery dates are no time coverage of the catalogue -->
    <updater spaceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import gammacat" fills it
    (converters/catalogs/tev.py:gammacat_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="gamma-cat Cone Search"
      shortName="gamma-cat cone"
      description="Cone search over gamma-cat, the open catalogue of TeV gamma-ray sources (ICRS positions)."
      testRA="83.633"
      testDec="22.0145"
      testSR="0.1"
      condDescs="class"/>

  <regSuite title="gamma-cat regression">
    <regTest title="gamma-cat cone search finds the Crab nebula">
      <url RA="83.633" DEC="22.0145" SR="0.1">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        names = [r["common_name"] for r in rows]
        self.assertTrue("Crab nebula" in names, names)
      </code>
    </regTest>
    <regTest title="gamma-cat table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        gammacat.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 166)
      </code>
    </regTest>
    <regTest title="gamma-cat blazars are selected by class">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM gammacat.main WHERE class IN ('bll','fsrq','bcu')">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 58)
      </code>
    </regTest>
  </regSuite>
</resource>
