<?xml version="1.0" encoding="utf-8"?>
<!-- Telescope Array: the 72 cosmic rays above 57 EeV of the hotspot
paper, ApJL 790 (2014) L21.

"apdc import ta2014" fills the table (converters/telescope_array.py,
manifest resources/ta2014/dataset.json); the data element below only
creates the (empty) table and its metadata.
-->
<resource schema="ta2014" resdir="../resources/ta2014">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">39.30 -112.91 Telescope Array, Millard County, Utah, USA</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Telescope Array Cosmic Rays above 57 EeV (2008-2013, hotspot events)</meta>
  <meta name="shortName">TA 57 EeV</meta>
  <meta name="description">
    Arrival times, directions, zenith angles and energies of the 72
    ultra-high-energy cosmic rays above 57 EeV recorded by the surface
    detector of the Telescope Array (Utah, USA) from May 2008 to May 2013,
    with which the Telescope Array Collaboration reported an
    intermediate-scale anisotropy (the "hotspot") in the northern sky
    (ApJL 790 (2014) L21).  The data centre adds galactic coordinates and
    the event time as a timestamp and MJD.
  </meta>
  <meta name="subject">ultra-high-energy-cosmic-radiation</meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="subject">extensive-air-showers</meta>
  <meta name="subject">cosmic-ray-sources</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="coverage.waveband">Particle</meta>
  <meta name="creator">Telescope Array Collaboration</meta>
  <meta name="instrument">Telescope Array surface detector</meta>
  <meta name="facility">Telescope Array</meta>
  <meta name="source">2014ApJ...790L..21A</meta>
  <meta name="referenceURL">https://doi.org/10.1088/2041-8205/790/2/L21</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Event list of the Telescope Array Collaboration, "Indications of
    Intermediate-scale Anisotropy of Cosmic Rays with Energy Greater than
    57 EeV in the Northern Sky Measured with the Surface Detector of the
    Telescope Array Experiment", ApJL 790 (2014) L21,
    doi:10.1088/2041-8205/790/2/L21 (arXiv:1404.5890).  No licence is
    stated with the list; it is served here for research and
    cross-matching as published facts.  Publications using it must cite
    that article.
  </meta>
  <meta name="howtociteLink">https://doi.org/10.1088/2041-8205/790/2/L21</meta>
  <meta name="_longdoc" format="rst">
    Provenance
    ----------

    Origin: the list of the 72 events of ApJL 790 (2014) L21
    (arXiv:1404.5890), as the comma-separated file
    ``TA2014_ApJL790_L21_above57EeV.csv`` with the header
    ``Arrival_Year, Arrival_Month, Arrival_Day, Arrival_Hour,
    Arrival_Minute, Arrival_Second, Zenith_angle_deg, Energy_EeV,
    RA_J2000, Dec_J2000`` (month as an English abbreviation).  No download
    address of that file from the collaboration or the journal is known
    to the data centre; the import takes it from the operator's mirror
    and verifies its SHA-256 (resources/ta2014/dataset.json).

    Taken over unchanged: ``zenith``, ``energy``, ``ra``, ``dec``.  The
    J2000 equatorial coordinates are served as ICRS: the two frames
    differ by less than 0.1 arcsec, far below the resolution of the data.

    Computed by the data centre:

    * ``event_id``: "TA2014-" and the 1-based position of the event in the
      file (time order);
    * ``obs_time``, ``obs_mjd``: the arrival date and time, read as UTC.
      That reading is confirmed by the data: the zenith angle of the
      published RA/Dec at that time at the Telescope Array site (39.30 N,
      112.91 W) equals the published zenith angle to 0.015 deg for all
      72 events (several hours' shift would change it by tens of degrees);
    * ``gal_l``, ``gal_b``: galactic coordinates from RA/Dec (astropy).

    The list gives no azimuth.
  </meta>

  <table id="events" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="event_id">
    <FEED source="releases#current" name="SPICA"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The file's header (comma separated; it must be exactly this) in file order, and the fields of the arrival time (UTC). -->
    <property name="source_fields">Arrival_Year Arrival_Month Arrival_Day Arrival_Hour Arrival_Minute Arrival_Second Zenith_angle_deg Energy_EeV RA_J2000 Dec_J2000</property>
    <property name="time_fields">Arrival_Year Arrival_Month Arrival_Day Arrival_Hour Arrival_Minute Arrival_Second</property>
    <meta name="description">
      One row per cosmic ray above 57 EeV of the Telescope Array surface
      detector listed in ApJL 790 (2014) L21.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="obs_time"/>
    <index columns="obs_mjd"/>
    <index columns="energy"/>

    <column name="event_id" type="text" ucd="meta.id;meta.main"
      tablehead="Event" verbLevel="1" required="True"
      description="Data centre identifier of the event: TA2014- and its
        1-based position in the published list (time order).">
      <property name="derive">event_id</property>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;obs"
      unit="" tablehead="Time (UTC)" verbLevel="1" required="True"
      description="Arrival time (UTC), from the published date and time
        (to the second)."
      displayHint="type=humanDate">
      <property name="derive">arrival_time</property>
    </column>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="Arrival time as a Modified Julian Date (UTC).">
      <property name="derive">arrival_mjd</property>
    </column>
    <column name="energy" type="double precision" ucd="phys.energy;meta.main"
      unit="EeV" tablehead="E" verbLevel="1" required="True"
      description="Reconstructed energy of the cosmic ray (published
        Energy_EeV).">
      <values min="1" max="1e4"/>
      <property name="source">Energy_EeV</property>
    </column>
    <FEED source="common#positions" raSource="RA_J2000" decSource="Dec_J2000" what="the arrival direction" note=" (published RA_J2000 and Dec_J2000, served as ICRS)"/>
    <column name="gal_l" type="double precision" ucd="pos.galactic.lon"
      unit="deg" tablehead="l" verbLevel="5" required="True"
      description="Galactic longitude of the arrival direction, computed
        from ra and dec by the data centre.">
      <property name="derive">galactic_l</property>
    </column>
    <column name="gal_b" type="double precision" ucd="pos.galactic.lat"
      unit="deg" tablehead="b" verbLevel="5" required="True"
      description="Galactic latitude of the arrival direction, computed
        from ra and dec by the data centre.">
      <property name="derive">galactic_b</property>
    </column>
    <column name="zenith" type="double precision" ucd="pos.az.zd"
      unit="deg" tablehead="Zenith" verbLevel="5" required="True"
      description="Zenith angle of the arrival direction at the Telescope
        Array (published Zenith_angle_deg).">
      <values min="0" max="90"/>
      <property name="source">Zenith_angle_deg</property>
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
      title="Telescope Array Cosmic Rays above 57 EeV Cone Search"
      shortName="TA57 cone"
      description="Cone search over the arrival directions (ICRS) of the 72 Telescope Array cosmic rays above 57 EeV of ApJL 790 (2014) L21."
      testRA="93.5"
      testDec="20.82"
      testSR="0.5"
      table="events"
      condDescs="energy obs_mjd"/>

  <regSuite title="TA 2014 events regression">
    <regTest title="TA 2014 cone search finds the first event of the list">
      <url RA="93.5" DEC="20.82" SR="0.5">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        ids = [row["event_id"] for row in rows]
        self.assertTrue("TA2014-0001" in ids, ids)
        for row in rows:
          if row["event_id"] == "TA2014-0001":
            self.assertAlmostEqual(row["energy"], 88.8, places=3)
      </code>
    </regTest>
    <regTest title="TA 2014 table is in TAP with all 72 events">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n,
        MAX(energy) AS emax FROM ta2014.events">/tap/sync</url>
      <code>
        row = self.getFirstVOTableRow()
        self.assertEqual(row["n"], 72)
        self.assertAlmostEqual(row["emax"], 162.2, places=3)
      </code>
    </regTest>
  </regSuite>
</resource>
