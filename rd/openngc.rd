<?xml version="1.0" encoding="utf-8"?>
<!-- OpenNGC: the NGC and IC objects, and addendum objects (Messier ...).

Filled by "apdc import openngc" from NGC.csv and addendum.csv through
converters/catalogs/openngc.py:openngc_table; the data element only creates the
table.
-->
<resource schema="openngc" resdir="../resources/openngc">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">OpenNGC: NGC, IC and Messier Objects</meta>
  <meta name="shortName">OpenNGC</meta>
  <meta name="description">
    OpenNGC, an open database of the objects of the New General Catalogue and
    the Index Catalogues with their Messier numbers, plus an addendum of
    further well-known objects (Messier objects not in NGC/IC, Caldwell
    objects, ...): 14,033 entries with type, position, size, magnitudes,
    surface brightness, Hubble type, radial velocity and redshift, cross-
    identifications and common names.
  </meta>
  <meta name="subject">galaxies</meta>
  <meta name="subject">star-clusters</meta>
  <meta name="subject">nebulae</meta>
  <meta name="subject">supernova-remnants</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="creator">Verga, M.</meta>
  <meta name="facility">OpenNGC</meta>
  <meta name="source">OpenNGC (https://github.com/mattiaverga/OpenNGC)</meta>
  <meta name="referenceURL">https://github.com/mattiaverga/OpenNGC</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    OpenNGC by Mattia Verga is licensed under the Creative Commons
    Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0); this
    table, an adaptation, is under the same licence. Attribution: 'OpenNGC,
    https://github.com/mattiaverga/OpenNGC, by Mattia Verga (CC BY-SA 4.0)'.
  </meta>
  <meta name="rights.rightsURI">https://creativecommons.org/licenses/by-sa/4.0/</meta>
  <meta name="howtociteLink">https://github.com/mattiaverga/OpenNGC</meta>
  <meta name="_longdoc" format="rst">
    Provenance: database_files/NGC.csv and database_files/addendum.csv of the
    GitHub repository mattiaverga/OpenNGC at commit
    17397545d4e64708e2f4867796d97d33a1fff40f (semicolon separated, sexagesimal
    positions).

    Changes: positions converted from sexagesimal to degrees (ICRS/J2000 as
    given); gal_l, gal_b computed; a subset of the columns served (the
    coordinates of central stars, parallax and proper motions and the per-
    field source codes are left out); empty fields are NULL. The 7 entries
    without a position (non-existent objects, type NonEx) are kept with NULL
    ra, dec: the q3c index skips them, cone searches never return them, ADQL
    queries by name do. A name that occurs in both files would be served once,
    from NGC.csv (none does in this version); source_file tells which file a
    row is from. class is Type in lower case, G as gal and GCl as glc (Fermi-
    LAT's codes).
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="name">
    <FEED source="releases#current" name="POLARIS"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The file fields of ra and dec (sexagesimal, hours and degrees). -->
    <property name="sexagesimal_fields">RA Dec</property>
    <meta name="description">
      One row per OpenNGC object (NGC.csv and addendum.csv).
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="messier"/>
    <index columns="common_names"/>

    <column name="name" type="text" ucd="meta.id;meta.main" tablehead="Name"
      verbLevel="1" required="True"
      description="Object name as in OpenNGC, e.g. NGC0224, IC0342, M040
      (Name).">
      <property name="source">Name</property>
      <property name="unique">True</property>
    </column>
    <column name="type" type="text" ucd="src.class" tablehead="Type"
      verbLevel="1"
      description="Object type as given (Type): * star, ** double star, *Ass
      association, OCl open cluster, GCl globular cluster, Cl+N cluster with
      nebula, G galaxy, GPair, GTrpl, GGroup galaxy pair, triplet, group, PN
      planetary nebula, HII HII region, DrkN dark, EmN emission, Neb, RfN
      reflection nebula, SNR supernova remnant, Nova, NonEx non-existent, Dup
      duplicate, Other.">
      <property name="source">Type</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1"
      description="type in lower case, G as gal and GCl as glc. Lower-case
      class code of the data centre's vocabulary shared by all catalogues
      (docs/catalogs.md), e.g. bll, fsrq, bcu (blazars), sy1, sy2 (Seyferts),
      psr, pwn, snr; select blazars with class IN ('bll','fsrq','bcu').">
      <property name="derive">openngc_class</property>
    </column>
    <FEED source="common#positions" from="derive" raSource="sexagesimal_ra" decSource="sexagesimal_dec" what="the object" required="False" note=" (J2000; RA, Dec); NULL for the few objects without a position"/>
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
    <column name="const" type="text" ucd="meta.id.part" tablehead="Const."
      verbLevel="10"
      description="Constellation, IAU abbreviation (Const).">
      <property name="source">Const</property>
    </column>
    <column name="maj_ax" type="real" unit="arcmin"
      ucd="phys.angSize.smajAxis" tablehead="Major axis" verbLevel="5"
      description="Major axis (MajAx).">
      <property name="source">MajAx</property>
    </column>
    <column name="min_ax" type="real" unit="arcmin"
      ucd="phys.angSize.sminAxis" tablehead="Minor axis" verbLevel="10"
      description="Minor axis (MinAx).">
      <property name="source">MinAx</property>
    </column>
    <column name="pos_ang" type="real" unit="deg" ucd="pos.posAng"
      tablehead="PA" verbLevel="15"
      description="Position angle of the major axis, north through east
      (PosAng).">
      <property name="source">PosAng</property>
    </column>
    <column name="b_mag" type="real" unit="mag" ucd="phot.mag;em.opt.B"
      tablehead="B" verbLevel="5"
      description="B magnitude (B-Mag).">
      <property name="source">B-Mag</property>
    </column>
    <column name="v_mag" type="real" unit="mag" ucd="phot.mag;em.opt.V"
      tablehead="V" verbLevel="1"
      description="V magnitude (V-Mag).">
      <property name="source">V-Mag</property>
    </column>
    <column name="j_mag" type="real" unit="mag" ucd="phot.mag;em.IR.J"
      tablehead="J" verbLevel="10"
      description="J magnitude, 2MASS (J-Mag).">
      <property name="source">J-Mag</property>
    </column>
    <column name="h_mag" type="real" unit="mag" ucd="phot.mag;em.IR.H"
      tablehead="H" verbLevel="10"
      description="H magnitude, 2MASS (H-Mag).">
      <property name="source">H-Mag</property>
    </column>
    <column name="k_mag" type="real" unit="mag" ucd="phot.mag;em.IR.K"
      tablehead="K" verbLevel="10"
      description="K magnitude, 2MASS (K-Mag).">
      <property name="source">K-Mag</property>
    </column>
    <column name="surf_br" type="real" unit="mag.arcsec**-2" ucd="phot.mag.sb"
      tablehead="Surf. br." verbLevel="10"
      description="Mean surface brightness within the 25 mag isophote, B band,
      for galaxies (SurfBr).">
      <property name="source">SurfBr</property>
    </column>
    <column name="hubble" type="text" ucd="src.morph.type" tablehead="Hubble"
      verbLevel="5"
      description="Morphological (Hubble) type of galaxies (Hubble).">
      <property name="source">Hubble</property>
    </column>
    <column name="radvel" type="real" unit="km.s**-1"
      ucd="spect.dopplerVeloc.opt" tablehead="RV" verbLevel="10"
      description="Radial velocity (RadVel).">
      <property name="source">RadVel</property>
    </column>
    <column name="redshift" type="real" ucd="src.redshift" tablehead="z"
      verbLevel="5"
      description="Redshift (Redshift).">
      <property name="source">Redshift</property>
    </column>
    <column name="messier" type="smallint" ucd="meta.id.cross" tablehead="M"
      verbLevel="1"
      description="Messier number (M), e.g. 1 for the Crab nebula.">
      <property name="source">M</property>
      <values nullLiteral="-1"/>
    </column>
    <column name="ngc" type="text" ucd="meta.id.cross" tablehead="NGC"
      verbLevel="10"
      description="NGC number(s) of IC or addendum objects that are also in
      NGC (NGC).">
      <property name="source">NGC</property>
    </column>
    <column name="ic" type="text" ucd="meta.id.cross" tablehead="IC"
      verbLevel="10"
      description="IC number(s) of objects that are also in IC (IC).">
      <property name="source">IC</property>
    </column>
    <column name="identifiers" type="text" ucd="meta.id.cross"
      tablehead="Identifiers" verbLevel="10"
      description="Cross-identifications in other catalogues, comma separated
      (Identifiers).">
      <property name="source">Identifiers</property>
    </column>
    <column name="common_names" type="text" ucd="meta.id"
      tablehead="Common names" verbLevel="1"
      description="Common names, comma separated, e.g. Crab Nebula (Common
      names).">
      <property name="source">Common names</property>
    </column>
    <column name="ned_notes" type="text" ucd="meta.note" tablehead="NED notes"
      verbLevel="15"
      description="Notes from NED (NED notes).">
      <property name="source">NED notes</property>
    </column>
    <column name="openngc_notes" type="text" ucd="meta.note" tablehead="Notes"
      verbLevel="15"
      description="OpenNGC's notes (OpenNGC notes).">
      <property name="source">OpenNGC notes</property>
    </column>
    <column name="source_file" type="text" ucd="meta.code" tablehead="File"
      verbLevel="15" required="True"
      description="The OpenNGC file of the row: openngc_NGC.csv or
      openngc_addendum.csv.">
      <property name="derive">source_file</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import openngc" fills it
    (converters/catalogs/openngc.py:openngc_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="OpenNGC Cone Search"
      shortName="OpenNGC cone"
      description="Cone search over OpenNGC, the NGC, IC and Messier objects (ICRS positions)."
      testRA="83.633"
      testDec="22.0145"
      testSR="0.1"
      condDescs="class messier"/>

  <regSuite title="OpenNGC regression">
    <regTest title="OpenNGC cone search finds M1, the Crab nebula">
      <url RA="83.633" DEC="22.0145" SR="0.1">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        found = [r for r in rows if r["messier"] == 1]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["name"], "NGC1952")
      </code>
    </regTest>
    <regTest title="OpenNGC table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        openngc.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 14033)
      </code>
    </regTest>
    <regTest title="OpenNGC finds M31 by its Messier number">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT name FROM openngc.main WHERE messier = 31">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["name"], "NGC0224")
      </code>
    </regTest>
  </regSuite>
</resource>
