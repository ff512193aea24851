<?xml version="1.0" encoding="utf-8"?>
<!-- TeVCat source names and positions (snapshot of 2016-06-11).

Filled by "apdc import tevcat" from tevcat.ecsv (with the classes of
gamma-cat, matched by TeVCat ID) through
converters/catalogs/tev.py:tevcat_table; the data element only creates the
table.
-->
<resource schema="tevcat" resdir="../resources/tevcat">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">TeVCat Sources (Names and Positions, 2016)</meta>
  <meta name="shortName">TeVCat 2016</meta>
  <meta name="description">
    Names and positions of the 176 TeV gamma-ray sources listed in TeVCat, the
    online catalogue of TeV astronomy of the University of Chicago, as of
    2016-06-11, as redistributed by the gamma-cat project. The export has no
    source types; the data centre adds the source classes of the same sources
    in gamma-cat (matched by TeVCat ID).
  </meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">gamma-ray-sources</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="creator">Wakely, S. P.</meta>
  <meta name="creator">Horan, D.</meta>
  <meta name="instrument">Imaging atmospheric Cherenkov telescopes</meta>
  <meta name="facility">TeVCat, University of Chicago</meta>
  <meta name="source">2008ICRC....3.1341W</meta>
  <meta name="referenceURL">http://tevcat.uchicago.edu/</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    TeVCat positions as exported on 2016-06-11 and redistributed in the gamma-
    cat repository (gammapy/gamma-cat, 3-clause BSD licence). TeVCat's own
    terms of use (http://tevcat.uchicago.edu/) forbid systematic downloads
    from its web site without permission; this table is not such a download.
    Cite S. P. Wakely and D. Horan, 'TeVCat: An online catalog for Very High
    Energy Gamma-Ray Astronomy', Proc. 30th ICRC (2008) 3, 1341, and
    acknowledge gamma-cat for the classes.
  </meta>
  <meta name="rights.rightsURI">https://opensource.org/licenses/BSD-3-Clause</meta>
  <meta name="howtociteLink">https://ui.adsabs.harvard.edu/abs/2008ICRC....3.1341W</meta>
  <meta name="_longdoc" format="rst">
    Provenance: other_data_collections/tevcat/tevcat.ecsv in the GitHub
    repository gammapy/gamma-cat at commit
    e4d09c06e74683e41257837c0d036f7d9b32f752, an export of TeVCat
    (http://tevcat.uchicago.edu/) of June 11, 2016 with source_name,
    source_id, ra, dec.

    Changes: gal_l and gal_b are computed from ra, dec (ICRS to galactic,
    astropy). gammacat_id, gammacat_classes and class come from gamma-cat
    (resource gammacat, file gammacat.fits.gz): the gamma-cat source whose
    tevcat_id equals source_id (the first by gamma-cat ID if several); they
    are NULL for the 11 TeVCat sources gamma-cat lacks. class maps the first
    of gamma-cat's classes to the shared vocabulary.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="source_id">
    <FEED source="releases#current" name="THUBAN"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per TeVCat source of the 2016 export.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="source_name"/>

    <column name="source_id" type="integer" ucd="meta.id;meta.main"
      tablehead="TeVCat ID" verbLevel="1" required="True"
      description="TeVCat source identifier (source_id).">
      <property name="source">source_id</property>
      <property name="unique">True</property>
    </column>
    <column name="source_name" type="text" ucd="meta.id" tablehead="Name"
      verbLevel="1" required="True"
      description="TeVCat's canonical source name (source_name).">
      <property name="source">source_name</property>
    </column>
    <FEED source="common#positions"/>
    <column name="gal_l" type="double precision" unit="deg"
      ucd="pos.galactic.lon" tablehead="l" verbLevel="5"
      description="Galactic longitude, computed from ra, dec.">
      <property name="derive">galactic_l</property>
    </column>
    <column name="gal_b" type="double precision" unit="deg"
      ucd="pos.galactic.lat" tablehead="b" verbLevel="5"
      description="Galactic latitude, computed from ra, dec.">
      <property name="derive">galactic_b</property>
    </column>
    <column name="gammacat_id" type="integer" ucd="meta.id.cross"
      tablehead="gamma-cat ID" verbLevel="10"
      description="gamma-cat source_id of the same source (matched by TeVCat
      ID); joins gammacat.main.source_id.">
      <property name="derive">gammacat_id</property>
      <values nullLiteral="-1"/>
    </column>
    <column name="gammacat_classes" type="text" ucd="src.class"
      tablehead="Classes" verbLevel="5"
      description="Source classes from gamma-cat, comma separated (e.g. hbl,
      pwn, snr); NULL where gamma-cat lacks the source.">
      <property name="derive">gammacat_classes</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1"
      description="First of gammacat_classes, mapped to the shared vocabulary.
      Lower-case class code of the data centre's vocabulary shared by all
      catalogues (docs/catalogs.md), e.g. bll, fsrq, bcu (blazars), sy1, sy2
      (Seyferts), psr, pwn, snr; select blazars with class IN
      ('bll','fsrq','bcu').">
      <property name="derive">gammacat_class</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import tevcat" fills it
    (converters/catalogs/tev.py:tevcat_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="TeVCat 2016 Cone Search"
      shortName="TeVCat cone"
      description="Cone search over the TeVCat source positions of 2016 (ICRS)."
      testRA="83.63"
      testDec="22.01"
      testSR="0.1"
      condDescs="class"/>

  <regSuite title="TeVCat 2016 regression">
    <regTest title="TeVCat cone search finds the Crab">
      <url RA="83.63" DEC="22.01" SR="0.1">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        names = [r["source_name"] for r in rows]
        self.assertTrue("Crab" in names, names)
      </code>
    </regTest>
    <regTest title="TeVCat 2016 table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        tevcat.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 176)
      </code>
    </regTest>
  </regSuite>
</resource>
