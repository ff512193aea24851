<?xml version="1.0" encoding="utf-8"?>
<!-- Veron-Cetty & Veron (13th ed.) AGN with redshift up to 0.03.

Filled by "apdc import vcv_agn" from HEASARC's VERONCAT extract
vcv_agn_z0.03.dat through converters/catalogs/vcv.py:vcv_agn_table; the
data element only creates the table.
-->
<resource schema="vcv_agn" resdir="../resources/vcv_agn">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Veron-Cetty &amp; Veron AGN (13th ed.) with z &lt;= 0.03</meta>
  <meta name="shortName">VCV nearby AGN</meta>
  <meta name="description">
    The 1,145 active galactic nuclei with redshift up to 0.03 of the 13th
    edition of the Veron-Cetty &amp; Veron catalogue of quasars and active
    nuclei, as extracted from HEASARC's VERONCAT table: name, redshift,
    spectral class (Seyfert 1 to 2, LINER, BL Lac, ...), galactic coordinates
    and the ICRS position computed from them. This nearby-AGN sample is the
    one used in the Pierre Auger Observatory's correlation studies of ultra-
    high-energy cosmic rays.
  </meta>
  <meta name="subject">active-galactic-nuclei</meta>
  <meta name="subject">seyfert-galaxies</meta>
  <meta name="subject">ultra-high-energy-cosmic-radiation</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="creator">Veron-Cetty, M.-P.</meta>
  <meta name="creator">Veron, P.</meta>
  <meta name="facility">Observatoire de Haute-Provence</meta>
  <meta name="source">2010A&amp;A...518A..10V</meta>
  <meta name="referenceURL">https://heasarc.gsfc.nasa.gov/W3Browse/all/veroncat.html</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    No explicit licence: the catalogue is published in A&amp;A and distributed
    freely by CDS and HEASARC for research use. Cite M.-P. Veron-Cetty and P.
    Veron, 'A catalogue of quasars and active nuclei: 13th edition', A&amp;A
    518 (2010) A10, doi:10.1051/0004-6361/201014188.
  </meta>
  <meta name="howtociteLink">https://doi.org/10.1051/0004-6361/201014188</meta>
  <meta name="_longdoc" format="rst">
    Provenance: a HEASARC query result of the table VERONCAT (Veron Catalog of
    Quasars &amp; AGN, 13th Edition) for redshift &lt;= 0.03 with the fields
    name, redshift, object_type, lii, bii, broad_type, class, pipe separated,
    as published in the GitHub repository lvillasen/Tools-Cosmic-Rays
    (VCV_z03.dat, commit bcf5a6447f801abb18d5f6a5b16731966848cc34); HEASARC
    keeps no static copy of such a query.

    Changes: the file has galactic coordinates only (4 decimals, 0.0001 deg);
    ra and dec are computed from them with astropy (galactic to ICRS),
    accurate to about 0.0001 deg. Two entries share the name MCG +00.35.020,
    so the identifier vcv_id is built from the galactic position ('VCV
    Glll.llll+bb.bbbb'). class maps the spectral class (object_type; a
    trailing '?' dropped): S1, S1.0, S1.2, S1h, S1i to sy1; S1n to nlsy1;
    S1.5, S1.8, S1.9 to sy1.5, sy1.8, sy1.9; S2 to sy2; S to sy; S3, S3b, S3h
    to liner; H2 to hii; AG to agn; BL to bll. The V magnitude of the
    catalogue is not in the extract.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="vcv_id">
    <FEED source="releases#current" name="VEGA"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per AGN of the extract.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="name"/>
    <index columns="redshift"/>

    <column name="vcv_id" type="text" ucd="meta.id;meta.main" tablehead="ID"
      verbLevel="1" required="True"
      description="Data centre identifier from the galactic position, VCV
      Glll.llll+bb.bbbb (unique; names are not).">
      <property name="derive">vcv_id</property>
    </column>
    <column name="name" type="text" ucd="meta.id" tablehead="Name"
      verbLevel="1" required="True"
      description="Name of the object in the catalogue (name).">
      <property name="source">name</property>
      <property name="empty_is_null">False</property>
    </column>
    <column name="redshift" type="real" ucd="src.redshift" tablehead="z"
      verbLevel="1" required="True"
      description="Redshift (redshift).">
      <property name="source">redshift</property>
    </column>
    <column name="spectral_class" type="text" ucd="src.class"
      tablehead="Sp. class" verbLevel="5"
      description="Spectral classification as given (object_type): S1, S1.5,
      S1.8, S1.9, S2 Seyferts, S1n narrow-line Seyfert 1, S1h, S1i hidden
      broad lines, S3 LINER, H2 nuclear HII region, AG unclassified AGN, BL BL
      Lac; '?' uncertain.">
      <property name="source">object_type</property>
    </column>
    <column name="table_type" type="text" ucd="meta.code" tablehead="Table"
      verbLevel="10"
      description="Table of the catalogue the object is listed in, as given by
      HEASARC (broad_type: QSO, AGN, BLLAC).">
      <property name="source">broad_type</property>
    </column>
    <column name="vcv_class" type="text" ucd="src.class"
      tablehead="Class (HEASARC)" verbLevel="5"
      description="HEASARC's class as given (class: SEYFERT TYPE 1, SEYFERT
      TYPE 2, LINER, BL LAC, AGN UNCLASSIFIED, ...).">
      <property name="source">class</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1" required="True"
      description="Normalised class from spectral_class. Lower-case class code
      of the data centre's vocabulary shared by all catalogues
      (docs/catalogs.md), e.g. bll, fsrq, bcu (blazars), sy1, sy2 (Seyferts),
      psr, pwn, snr; select blazars with class IN ('bll','fsrq','bcu').">
      <property name="derive">vcv_class</property>
    </column>
    <FEED source="common#positions" from="derive" raSource="icrs_ra" decSource="icrs_dec" what="the nucleus" note=", computed from gal_l, gal_b"/>
    <column name="gal_l" type="double precision" unit="deg"
      ucd="pos.galactic.lon" tablehead="l" verbLevel="5" required="True"
      description="Galactic longitude (lii).">
      <values min="0" max="360"/>
      <property name="source">lii</property>
    </column>
    <column name="gal_b" type="double precision" unit="deg"
      ucd="pos.galactic.lat" tablehead="b" verbLevel="5" required="True"
      description="Galactic latitude (bii).">
      <values min="-90" max="90"/>
      <property name="source">bii</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import vcv_agn" fills it
    (converters/catalogs/vcv.py:vcv_agn_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="VCV nearby AGN Cone Search"
      shortName="VCV AGN cone"
      description="Cone search over the Veron-Cetty &amp; Veron AGN with z &lt;= 0.03 (ICRS positions computed from galactic coordinates)."
      testRA="182.6357"
      testDec="39.4057"
      testSR="0.1"
      condDescs="class redshift"/>

  <regSuite title="VCV nearby AGN regression">
    <regTest title="VCV cone search finds the Seyfert 1.5 NGC 4151">
      <url RA="182.6357" DEC="39.4057" SR="0.1">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        found = [r for r in rows if r["name"] == "NGC 4151"]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["class"], "sy1.5")
      </code>
    </regTest>
    <regTest title="VCV nearby AGN table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        vcv_agn.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1145)
      </code>
    </regTest>
  </regSuite>
</resource>
