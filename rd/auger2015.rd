<?xml version="1.0" encoding="utf-8"?>
<!-- Pierre Auger Observatory: the 231 cosmic rays above 52 EeV of
ApJ 804 (2015) 15.

"apdc import auger2015" fills the table (converters/auger.py:events_2015,
manifest resources/auger2015/dataset.json); the data element below only
creates the (empty) table and its metadata.
-->
<resource schema="auger2015" resdir="../resources/auger2015">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">-35.2 -69.3 Pierre Auger Observatory, Malargüe, Argentina</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Pierre Auger Observatory Cosmic Rays above 52 EeV (2004-2014)</meta>
  <meta name="shortName">Auger 52 EeV</meta>
  <meta name="description">
    Arrival directions, energies, zenith angles and days of the 231
    ultra-high-energy cosmic rays with energies of at least 52 EeV and zenith
    angles up to 80 degrees recorded by the surface detector of the
    Pierre Auger Observatory from 1 January 2004 to 31 March 2014, as
    listed by the Pierre Auger Collaboration in their search for
    anisotropies of the highest-energy cosmic rays (ApJ 804 (2015) 15).
    Equatorial and galactic coordinates are as published; the data
    centre adds the event day as a timestamp and MJD.
  </meta>
  <meta name="subject">ultra-high-energy-cosmic-radiation</meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="subject">extensive-air-showers</meta>
  <meta name="subject">cosmic-ray-sources</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="coverage.waveband">Particle</meta>
  <meta name="creator">Pierre Auger Collaboration</meta>
  <meta name="instrument">Pierre Auger Observatory surface detector</meta>
  <meta name="facility">Pierre Auger Observatory</meta>
  <meta name="source">2015ApJ...804...15A</meta>
  <meta name="referenceURL">https://doi.org/10.1088/0004-637X/804/1/15</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Event list published by the Pierre Auger Collaboration with
    "Searches for Anisotropies in the Arrival Directions of the Highest
    Energy Cosmic Rays Detected by the Pierre Auger Observatory", ApJ 804
    (2015) 15, doi:10.1088/0004-637X/804/1/15 (arXiv:1411.6111).  No
    licence is stated with the list; it is served here for research and
    cross-matching as published facts.  Publications using it must cite
    that article.
  </meta>
  <meta name="howtociteLink">https://doi.org/10.1088/0004-637X/804/1/15</meta>
  <meta name="_longdoc" format="rst">
    Provenance
    ----------

    Origin: the list of the 231 events published with ApJ 804 (2015) 15
    (arXiv:1411.6111), as the text file
    ``Auger2015_ApJ804_15_above52EeV.dat`` (header ``#Year JulianDay
    Zenith(deg) E(EeV) RA(deg) DEC(deg) gal-longitude(deg)
    gal-latitude(deg)``; minus signs are the Unicode character U+2212,
    which the import reads as ASCII minus).  No download address of that
    file from the collaboration or the journal is known to the data
    centre; the import takes it from the operator's mirror and verifies
    its SHA-256 (resources/auger2015/dataset.json).

    Taken over unchanged: ``pub_year`` (Year), ``pub_day`` (JulianDay),
    ``zenith``, ``energy``, ``ra``, ``dec``, ``gal_b``; ``gal_l`` is the
    published longitude brought from [-180, 180) to [0, 360).  The import
    checks that the published galactic and equatorial coordinates agree
    (within 0.5 deg; the rounding of both to 0.1 deg makes up to 0.12 deg).

    Computed by the data centre:

    * ``event_id``: "Auger2015-" and the 1-based position of the event in
      the file (time order);
    * ``obs_time``, ``obs_mjd``: the middle of the event's day.  The list
      gives no time of day.  Year and JulianDay count days from 12:00 UTC
      to 12:00 UTC (the Julian-day convention): the 2022 Auger list
      (resource auger2022), which gives exact times, uses this convention
      for all its events, and the 191 events of this list found in it
      (same year, zenith within 1 deg, direction within 1 deg) all have
      the same day number there.  The middle of such a day is 00:00 UTC
      of the following calendar day; the event time is within 0.5 d of
      it.
  </meta>

  <table id="events" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="event_id">
    <FEED source="releases#current" name="ALDEBARAN"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The file's header (it must be exactly this) and the names its fields are given here, in file order. -->
    <property name="source_header">Year JulianDay Zenith(deg) E(EeV) RA(deg) DEC(deg) gal-longitude(deg) gal-latitude(deg)</property>
    <property name="source_fields">Year JulianDay Zenith E RA DEC l b</property>
    <meta name="description">
      One row per cosmic ray above 52 EeV of the Pierre Auger Observatory
      listed in ApJ 804 (2015) 15.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="obs_time"/>
    <index columns="obs_mjd"/>
    <index columns="energy"/>

    <column name="event_id" type="text" ucd="meta.id;meta.main"
      tablehead="Event" verbLevel="1" required="True"
      description="Data centre identifier of the event: Auger2015- and its
        1-based position in the published list (time order).">
      <property name="derive">event_id</property>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;obs"
      unit="" tablehead="Day (UTC)" verbLevel="1" required="True"
      description="Middle of the event's day (00:00 UTC between the two
        noons bounding it); the list gives no time of day, so the event
        time is within 0.5 d of this."
      displayHint="type=humanDate">
      <property name="derive">day_middle_time</property>
    </column>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="obs_time as a Modified Julian Date (UTC); the event
        time is within 0.5 d of it.">
      <property name="derive">day_middle_mjd</property>
    </column>
    <column name="pub_year" type="smallint" ucd="time.epoch"
      tablehead="Year" verbLevel="15" required="True"
      description="Published year (Year) of the event's day in the
        noon-to-noon (Julian-day) convention.">
      <values min="1990" max="2100"/>
      <property name="source">Year</property>
    </column>
    <column name="pub_day" type="smallint" ucd="time.epoch"
      tablehead="Day" verbLevel="15" required="True"
      description="Published day of the year (JulianDay), 1-based, of a
        day running from 12:00 UTC to 12:00 UTC.">
      <property name="source">JulianDay</property>
    </column>
    <column name="energy" type="double precision" ucd="phys.energy;meta.main"
      unit="EeV" tablehead="E" verbLevel="1" required="True"
      description="Reconstructed energy of the cosmic ray (published
        column E; Auger energy scale of 2015).">
      <values min="1" max="1e4"/>
      <property name="source">E</property>
    </column>
    <FEED source="common#positions" raSource="RA" decSource="DEC" what="the arrival direction" note=" (published, rounded to 0.1 deg)"/>
    <column name="gal_l" type="double precision" ucd="pos.galactic.lon"
      unit="deg" tablehead="l" verbLevel="5" required="True"
      description="Galactic longitude of the arrival direction as published
        (rounded to 0.1 deg), in [0, 360).">
      <property name="source">l</property>
      <property name="source_range">-180 360</property>
      <property name="source_wrap">360</property>
    </column>
    <column name="gal_b" type="double precision" ucd="pos.galactic.lat"
      unit="deg" tablehead="b" verbLevel="5" required="True"
      description="Galactic latitude of the arrival direction as published
        (rounded to 0.1 deg).">
      <values min="-90" max="90"/>
      <property name="source">b</property>
    </column>
    <column name="zenith" type="double precision" ucd="pos.az.zd"
      unit="deg" tablehead="Zenith" verbLevel="5" required="True"
      description="Zenith angle of the arrival direction at the
        Observatory (published).">
      <values min="0" max="90"/>
      <property name="source">Zenith</property>
    </column>
  </table>

  <coverage>
    <!-- a coarse MOC: the events sample the sky the instrument sees -->
    <updater sourceTable="events" mocOrder="2"/>
  </coverage>

  <!-- Only creates the table and its metadata; apdc import fills it. -->
  <data id="create" auto="False">
    <make table="events"/>
  </data>
  <FEED source="common#cone"
      title="Auger Cosmic Rays above 52 EeV Cone Search"
      shortName="Auger52 cone"
      description="Cone search over the arrival directions (ICRS) of the 231 cosmic rays above 52 EeV of the Pierre Auger Observatory (ApJ 804 (2015) 15)."
      testRA="267.2"
      testDec="-11.4"
      testSR="0.5"
      table="events"
      condDescs="energy obs_mjd"/>

  <regSuite title="Auger 2015 events regression">
    <regTest title="Auger 2015 cone search finds the first event of the list">
      <url RA="267.2" DEC="-11.4" SR="0.5">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        ids = [row["event_id"] for row in rows]
        self.assertTrue("Auger2015-0001" in ids, ids)
        for row in rows:
          if row["event_id"] == "Auger2015-0001":
            self.assertAlmostEqual(row["energy"], 62.2, places=3)
      </code>
    </regTest>
    <regTest title="Auger 2015 negative declinations survive the Unicode minus">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n
        FROM auger2015.events WHERE dec &lt; 0">/tap/sync</url>
      <code>
        self.assertTrue(self.getFirstVOTableRow()["n"] &gt; 150)
      </code>
    </regTest>
    <regTest title="Auger 2015 table is in TAP with all 231 events">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n
        FROM auger2015.events">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 231)
      </code>
    </regTest>
  </regSuite>
</resource>
