<?xml version="1.0" encoding="utf-8"?>
<!-- Pierre Auger Observatory: the 2,635 cosmic rays above 32 EeV of
Phase 1 (ApJ 935 (2022) 170).

"apdc import auger2022" fills the table: it fetches the published file
(resources/auger2022/dataset.json), converts it with
converters/auger.py:events_2022 and loads it with PostgreSQL COPY into a
staging copy that replaces the served table in one transaction.  The
data element below only creates the (empty) table and its metadata.
-->
<resource schema="auger2022" resdir="../resources/auger2022">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">-35.2 -69.3 Pierre Auger Observatory, Malargüe, Argentina</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Pierre Auger Observatory Cosmic Rays above 32 EeV (Phase 1, 2004-2020)</meta>
  <meta name="shortName">Auger 32 EeV</meta>
  <meta name="description">
    Arrival directions, energies and times of the 2,635 ultra-high-energy
    cosmic rays with energies of at least 32 EeV recorded by the surface
    detector of the Pierre Auger Observatory (Malargüe, Argentina) from
    1 January 2004 to 31 December 2020 (Phase 1), as published by the
    Pierre Auger Collaboration with their anisotropy search (ApJ 935
    (2022) 170): zenith and azimuth angle, equatorial coordinates, energy
    and the exposure accumulated up to each event.  The data centre adds
    galactic coordinates and the event time as a timestamp and MJD, so
    that the events can be cross-matched with catalogues and with events
    of other messengers.
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
  <meta name="source">2022ApJ...935..170A</meta>
  <meta name="referenceURL">https://doi.org/10.5281/zenodo.6759610</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Data of the Pierre Auger Collaboration, published on Zenodo
    (doi:10.5281/zenodo.6759610) under the Creative Commons
    Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0);
    this table is a derived work under the same licence.  Cite Pierre
    Auger Collaboration, "Arrival Directions of Cosmic Rays above 32 EeV
    from Phase One of the Pierre Auger Observatory", ApJ 935 (2022) 170
    (arXiv:2206.13492), and the data set doi:10.5281/zenodo.6759610.
  </meta>
  <meta name="rights.rightsURI">https://creativecommons.org/licenses/by-sa/4.0/</meta>
  <meta name="howtociteLink">https://doi.org/10.5281/zenodo.6759610</meta>
  <meta name="_longdoc" format="rst">
    Provenance
    ----------

    Official origin: Zenodo record 10.5281/zenodo.6759610 of the Pierre
    Auger Collaboration, file
    ``Anisotropy_ ApJS_2022/Data/AugerApJS2022_Yr_JD_UTC_Th_Ph_RA_Dec_E_Expo.dat``
    of ``Anisotropy_ ApJS_2022.zip`` (one line per event, columns Yr, JD,
    UTC, Th, Ph, RA, Dec, E, Expo).  The import verifies the file's
    SHA-256 (resources/auger2022/dataset.json).

    Taken over unchanged: ``pub_year`` (Yr), ``pub_day`` (JD),
    ``unix_time`` (UTC), ``zenith`` (Th), ``phi_auger`` (Ph), ``ra``,
    ``dec``, ``energy`` (E) and ``exposure`` (Expo).

    Computed by the data centre:

    * ``event_id``: "Auger2022-" and the 1-based line number of the event
      in the file (the file is in time order);
    * ``obs_time`` and ``obs_mjd``: the UTC Unix seconds as a timestamp
      and as a Modified Julian Date;
    * ``azimuth``: 90 deg - Ph, modulo 360: the geographic azimuth counted
      from north through east.  Ph is counted counter-clockwise from east
      (the Auger convention); with this reading, time, zenith and azimuth
      at the Observatory (35.2 S, 69.3 W) reproduce the published RA/Dec
      to 0.22 deg (median; 0.62 deg at most), the rounding of the
      published angles;
    * ``gal_l``, ``gal_b``: galactic coordinates from RA/Dec (astropy).

    Yr and JD are the year and day of year of a day running from 12:00 UTC
    to 12:00 UTC (the Julian-day convention): for every event they are the
    calendar year and day of year of the UTC time minus 12 hours, which
    the import checks.  Expo, in km^2 sr yr, grows monotonically through
    the file from 30.9 to 121,420: it is the exposure of the event
    selection accumulated from the start of Phase 1 up to the event.
  </meta>

  <table id="events" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="event_id">
    <FEED source="releases#current" name="BETELGEUSE"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The file's header names its fields, in file order; it must be exactly this. -->
    <property name="source_fields">Yr JD UTC Th Ph RA Dec E Expo</property>
    <meta name="description">
      One row per cosmic ray of at least 32 EeV recorded by the Pierre
      Auger Observatory surface detector in Phase 1 (2004-2020).
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="obs_time"/>
    <index columns="obs_mjd"/>
    <index columns="energy"/>

    <column name="event_id" type="text" ucd="meta.id;meta.main"
      tablehead="Event" verbLevel="1" required="True"
      description="Data centre identifier of the event: Auger2022- and its
        1-based position in the published file (time order).">
      <property name="derive">event_id</property>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;obs"
      unit="" tablehead="Time (UTC)" verbLevel="1" required="True"
      description="Event time (UTC), from the published Unix seconds."
      displayHint="type=humanDate">
      <property name="derive">utc_time</property>
    </column>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="Event time as a Modified Julian Date (UTC).">
      <property name="derive">utc_mjd</property>
    </column>
    <column name="unix_time" type="bigint" ucd="time.epoch"
      unit="s" tablehead="Unix time" verbLevel="20" required="True"
      description="Event time in seconds since 1970-01-01T00:00:00 UTC
        (published column UTC).">
      <property name="source">UTC</property>
    </column>
    <column name="pub_year" type="smallint" ucd="time.epoch"
      tablehead="Year" verbLevel="20" required="True"
      description="Published year (Yr) of the day in the noon-to-noon
        (Julian-day) convention: the calendar year of the UTC time minus
        12 hours.">
      <values min="1990" max="2100"/>
      <property name="source">Yr</property>
    </column>
    <column name="pub_day" type="smallint" ucd="time.epoch"
      tablehead="Day" verbLevel="20" required="True"
      description="Published day of the year (JD), 1-based, of a day
        running from 12:00 UTC to 12:00 UTC: the calendar day of the year
        of the UTC time minus 12 hours.">
      <property name="source">JD</property>
    </column>
    <column name="energy" type="double precision" ucd="phys.energy;meta.main"
      unit="EeV" tablehead="E" verbLevel="1" required="True"
      description="Reconstructed energy of the cosmic ray (published
        column E; Auger energy scale of 2022).">
      <values min="1" max="1e4"/>
      <property name="source">E</property>
    </column>
    <FEED source="common#positions" raSource="RA" decSource="Dec" what="the arrival direction" note=" (published columns RA and Dec, rounded to 0.1 deg)"/>
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
      description="Zenith angle of the arrival direction at the Observatory
        (published column Th).">
      <values min="0" max="90"/>
      <property name="source">Th</property>
    </column>
    <column name="azimuth" type="double precision" ucd="pos.az.azi"
      unit="deg" tablehead="Azimuth" verbLevel="5" required="True"
      description="Geographic azimuth of the arrival direction, counted
        from north through east, in [0, 360): 90 deg minus the published
        phi_auger, computed by the data centre.">
      <property name="derive">geographic_azimuth</property>
    </column>
    <column name="phi_auger" type="double precision" ucd="pos.az.azi"
      unit="deg" tablehead="Phi (Auger)" verbLevel="15" required="True"
      description="Published azimuth (column Ph), in Auger's convention:
        counted counter-clockwise from east, from -180 to 180.">
      <values min="-180" max="360"/>
      <property name="source">Ph</property>
    </column>
    <column name="exposure" type="double precision"
      ucd="obs.param;obs.exposure" unit="km**2.sr.yr" tablehead="Exposure"
      verbLevel="10" required="True"
      description="Exposure of the event selection accumulated from the
        start of Phase 1 up to this event (published column Expo).">
      <values min="0" max="1e7"/>
      <property name="source">Expo</property>
    </column>
  </table>

  <coverage>
    <!-- a coarse MOC: the events sample the sky the instrument sees -->
    <updater sourceTable="events" mocOrder="2"/>
  </coverage>

  <!-- Only creates the table and its metadata; apdc import fills it.
    auto="False" keeps a plain "dachs imp auger2022" from emptying it. -->
  <data id="create" auto="False">
    <make table="events"/>
  </data>
  <FEED source="common#cone"
      title="Auger Cosmic Rays above 32 EeV Cone Search"
      shortName="Auger32 cone"
      description="Cone search over the arrival directions (ICRS) of the 2,635 cosmic rays above 32 EeV of Phase 1 of the Pierre Auger Observatory."
      testRA="295.6"
      testDec="-31.0"
      testSR="0.5"
      table="events"
      condDescs="energy obs_mjd"/>

  <regSuite title="Auger 2022 events regression">
    <regTest title="Auger 2022 cone search finds the first event of the list">
      <url RA="295.6" DEC="-31.0" SR="0.5">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        ids = [row["event_id"] for row in rows]
        self.assertTrue("Auger2022-0001" in ids, ids)
        for row in rows:
          if row["event_id"] == "Auger2022-0001":
            self.assertAlmostEqual(row["energy"], 50.9, places=3)
      </code>
    </regTest>
    <regTest title="Auger 2022 cone search without a radius is a VOTable error">
      <url RA="10" DEC="10">cone/scs.xml</url>
      <code>
        self.assertHasStrings('name="Error"', "SR")
      </code>
    </regTest>
    <regTest title="Auger 2022 table is in TAP with all 2,635 events">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n,
        MIN(energy) AS emin FROM auger2022.events">/tap/sync</url>
      <code>
        row = self.getFirstVOTableRow()
        self.assertEqual(row["n"], 2635)
        self.assertAlmostEqual(row["emin"], 32.0, places=3)
      </code>
    </regTest>
  </regSuite>
</resource>
