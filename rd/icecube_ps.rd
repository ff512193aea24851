<?xml version="1.0" encoding="utf-8"?>
<!-- IceCube 10-year point-source data release (IC40 ... IC86_VII).

"apdc import icecube_ps" fills the tables with the converters named in
resources/icecube_ps/dataset.json (converters/icecube_ps.py): every
season file in resources/icecube_ps/data is imported.  The data element
below only creates the (empty) tables and their metadata.
-->
<resource schema="icecube_ps" resdir="../resources/icecube_ps">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- every season file put into resources/icecube_ps/data is imported: every import from new
  inputs is the next release of the series (docs/releases.md) -->
  <property name="releases">serial</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">-90.0 0.0 IceCube Neutrino Observatory, South Pole</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">IceCube 10-year Point-Source Neutrino Events (2008-2018)</meta>
  <meta name="shortName">IceCube PS 10yr</meta>
  <meta name="description">
    The neutrino candidate events of IceCube's time-integrated point-source
    searches with ten years of data (April 2008 to July 2018, detector
    configurations IC40, IC59, IC79 and IC86), as released by the IceCube
    Collaboration: arrival time, reconstructed muon energy, estimated
    angular uncertainty, ICRS and local arrival directions of each
    track-like event, together with the good-run intervals (uptime) and the
    muon-neutrino effective areas of each season.  The events are mostly
    atmospheric muon neutrinos and muons; the release shows a cumulative
    excess from NGC 1068, TXS 0506+056, PKS 1424+240 and GB6 J1542+6129.
    By default the data centre serves the IC40 season; every further
    season file of the release placed in the resource's data folder is
    imported as well.
  </meta>
  <meta name="subject">neutrino-astronomy</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="coverage.waveband">Neutrino</meta>
  <meta name="creator">IceCube Collaboration</meta>
  <meta name="instrument">IceCube</meta>
  <meta name="facility">IceCube Neutrino Observatory</meta>
  <meta name="source">2021arXiv210109836I</meta>
  <meta name="referenceURL">https://icecube.wisc.edu/science/data/PS-IC40-IC86_VII</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Public data release of the IceCube Collaboration (icecube.wisc.edu,
    data release DOI 10.21234/sxvs-mt83).  Publications using these data
    must cite the release, IceCube Collaboration, "IceCube Data for Neutrino
    Point-Source Searches: Years 2008-2018", arXiv:2101.09836, and the
    analysis, IceCube Collaboration, "Time-Integrated Neutrino Source
    Searches with 10 Years of IceCube Data", Phys. Rev. Lett. 124 (2020)
    051103.  Events of this release must not be combined with earlier
    IceCube point-source releases.
  </meta>
  <meta name="howtociteLink">https://doi.org/10.21234/sxvs-mt83</meta>
  <meta name="_longdoc" format="rst">
    Provenance: the release zip
    https://icecube.wisc.edu/data-releases/20210126_PS-IC40-IC86_VII.zip
    (folder ``icecube_10year_ps``).  The data centre imports, per season,
    ``events/SEASON_exp.csv`` (table ``events``),
    ``uptime/SEASON_exp.csv`` (table ``uptime``, stored in the data
    folder as ``SEASON_uptime.csv``) and
    ``irfs/SEASON_effectiveArea.csv`` (table ``effective_area``).  The
    smearing matrices are not served.

    Values are served as released, with these additions: ``event_id``
    (season and 1-based row number in the season's file, e.g.
    ``IC40-000001``), ``season`` (from the file name), the times as
    timestamps (``obs_time``, ``time_start``, ``time_stop``, computed from
    the MJDs, which the release gives in UT1; UT1 differs from UTC by less
    than 0.9 s) and the run ``duration``.

    The release notes one duplicated event in the IC86-2015 season
    (IC86_IV); it is kept, as released.  The effective area of IC86_II
    applies to the seasons IC86_II to IC86_VII.
  </meta>

  <table id="uptime" onDisk="True" adql="True" primary="season, mjd_start">
    <FEED source="releases#current" name="KOCHAB"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The fields of <season>_uptime.csv, in file order. -->
    <property name="source_fields">mjd_start mjd_stop</property>
    <meta name="description">
      Good-run intervals of each season: the periods of data taking usable
      for analysis (IceCube's good run lists).
    </meta>
    <index columns="season"/>
    <index columns="mjd_start"/>
    <index columns="time_start"/>

    <column name="season" type="text" ucd="meta.id;instr.setup"
      tablehead="Season" verbLevel="1" required="True"
      description="Data-taking season (detector configuration), from the
        release's file name.">
      <property name="derive">season</property>
    </column>
    <column name="mjd_start" type="double precision"
      ucd="time.start;obs.exposure" unit="d" tablehead="MJD start"
      verbLevel="1" required="True"
      description="Start of the good run as a Modified Julian Date (UT1),
        MJD_start[days].">
      <values min="53000" max="80000"/>
      <property name="source">mjd_start</property>
    </column>
    <column name="mjd_stop" type="double precision"
      ucd="time.end;obs.exposure" unit="d" tablehead="MJD stop"
      verbLevel="1" required="True"
      description="End of the good run as a Modified Julian Date (UT1),
        MJD_stop[days].">
      <values min="53000" max="80000"/>
      <property name="source">mjd_stop</property>
    </column>
    <column name="time_start" type="timestamp" ucd="time.start"
      unit="" tablehead="Start" verbLevel="5" required="True"
      description="Start of the good run, computed from mjd_start."
      displayHint="type=humanDate">
      <property name="derive">time_start</property>
    </column>
    <column name="time_stop" type="timestamp" ucd="time.end"
      unit="" tablehead="Stop" verbLevel="5" required="True"
      description="End of the good run, computed from mjd_stop."
      displayHint="type=humanDate">
      <property name="derive">time_stop</property>
    </column>
    <column name="duration" type="double precision"
      ucd="time.duration;obs.exposure" unit="s" tablehead="Duration"
      verbLevel="5" required="True"
      description="Length of the good run, (mjd_stop - mjd_start) in
        seconds (computed by the data centre).">
      <property name="derive">duration</property>
    </column>
  </table>

  <table id="effective_area" onDisk="True" adql="True"
      primary="season, log_enu_min, dec_nu_min">
    <FEED source="releases#current" name="KOCHAB"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The fields of <season>_effectiveArea.csv, in file order. -->
    <property name="source_fields">log_enu_min log_enu_max dec_nu_min dec_nu_max a_eff</property>
    <meta name="description">
      Muon-neutrino effective area of each season, averaged over bins of
      true neutrino energy and true declination (from simulation).  The
      area of IC86_II applies to the seasons IC86_II to IC86_VII.
    </meta>
    <index columns="season"/>

    <column name="season" type="text" ucd="meta.id;instr.setup"
      tablehead="Season" verbLevel="1" required="True"
      description="Data-taking season (detector configuration), from the
        release's file name.">
      <property name="derive">season</property>
    </column>
    <column name="log_enu_min" type="double precision"
      ucd="phys.energy;stat.min" unit="log(GeV)" tablehead="lg Enu min"
      verbLevel="1" required="True"
      description="Lower edge of the bin in the decadic logarithm of the
        true neutrino energy in GeV (log10(E_nu/GeV)_min).">
      <values min="-5" max="15"/>
      <property name="source">log_enu_min</property>
    </column>
    <column name="log_enu_max" type="double precision"
      ucd="phys.energy;stat.max" unit="log(GeV)" tablehead="lg Enu max"
      verbLevel="1" required="True"
      description="Upper edge of the bin in the decadic logarithm of the
        true neutrino energy in GeV (log10(E_nu/GeV)_max).">
      <values min="-5" max="15"/>
      <property name="source">log_enu_max</property>
    </column>
    <column name="dec_nu_min" type="double precision"
      ucd="pos.eq.dec;stat.min" unit="deg" tablehead="Dec min"
      verbLevel="1" required="True"
      description="Lower edge of the bin in the true declination of the
        neutrino origin (Dec_nu_min[deg]).">
      <values min="-90" max="90"/>
      <property name="source">dec_nu_min</property>
    </column>
    <column name="dec_nu_max" type="double precision"
      ucd="pos.eq.dec;stat.max" unit="deg" tablehead="Dec max"
      verbLevel="1" required="True"
      description="Upper edge of the bin in the true declination of the
        neutrino origin (Dec_nu_max[deg]).">
      <values min="-90" max="90"/>
      <property name="source">dec_nu_max</property>
    </column>
    <column name="a_eff" type="double precision"
      ucd="instr.param;phys.area" unit="cm**2" tablehead="A_eff"
      verbLevel="1" required="True"
      description="Muon-neutrino effective area averaged over the bin
        (A_Eff[cm^2]), in square centimetres as released.">
      <values min="0" max="1e12"/>
      <property name="source">a_eff</property>
    </column>
  </table>

  <table id="events" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="event_id">
    <FEED source="releases#current" name="KOCHAB"/>
    <!-- for TAP_SCHEMA.keys (joins in TOPCAT); not database constraints:
      an event's season has its good-run intervals and effective areas -->
    <foreignKey inTable="uptime" source="season" metaOnly="True"/>
    <foreignKey inTable="effective_area" source="season" metaOnly="True"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The fields of <season>_exp.csv, in file order (its header line is a comment). -->
    <property name="source_fields">mjd log_energy ang_err ra dec azimuth zenith</property>
    <meta name="description">
      One row per neutrino candidate (track-like event) of the IceCube
      10-year point-source sample.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>
    <meta name="_associatedDatalinkService">
      <meta name="serviceId">dl</meta>
      <meta name="idColumn">event_id</meta>
    </meta>

    <index columns="obs_time"/>
    <index columns="obs_mjd"/>
    <index columns="log_energy"/>
    <index columns="season"/>

    <column name="event_id" type="text" ucd="meta.id;meta.main"
      tablehead="Event" verbLevel="1" required="True"
      description="Identifier of the event given by the data centre: the
        season and the 1-based row number in the season's event file of the
        release (e.g. IC40-000001).">
      <property name="derive">event_id</property>
    </column>
    <column name="season" type="text" ucd="meta.id;instr.setup"
      tablehead="Season" verbLevel="1" required="True"
      description="Data-taking season (detector configuration), from the
        release's file name: IC40, IC59, IC79, IC86_I ... IC86_VII.">
      <property name="derive">season</property>
    </column>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="1" required="True"
      description="Event time as a Modified Julian Date (UT1), given to
        1e-8 d (MJD[days]).">
      <values min="53000" max="80000"/>
      <property name="source">mjd</property>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;obs"
      unit="" tablehead="Time" verbLevel="5" required="True"
      description="Event time, computed from obs_mjd (UT1, which differs
        from UTC by less than 0.9 s)."
      displayHint="type=humanDate">
      <property name="derive">obs_time</property>
    </column>
    <column name="log_energy" type="real" ucd="phys.energy;meta.main"
      unit="log(GeV)" tablehead="lg E/GeV" verbLevel="1" required="True"
      description="Decadic logarithm of the reconstructed energy of the
        muon passing through the detector, in GeV (log10(E/GeV)); not the
        neutrino energy.">
      <values min="-5" max="15"/>
      <property name="source">log_energy</property>
    </column>
    <column name="ang_err" type="real" ucd="stat.error;pos"
      unit="deg" tablehead="Ang. err." verbLevel="1" required="True"
      description="Estimated angular uncertainty of the reconstructed
        direction (AngErr), assumed symmetric, calibrated for an E^-2
        flux; at least 0.2 deg.">
      <values min="0" max="180"/>
      <property name="source">ang_err</property>
    </column>
    <FEED source="common#positions" what="the reconstructed arrival direction" note=" (J2000; RA[deg] and Dec[deg] in the release)"/>
    <column name="azimuth" type="real" ucd="pos.az.azi"
      unit="deg" tablehead="Azimuth" verbLevel="5" required="True"
      description="Azimuth of the reconstructed arrival direction in
        IceCube's local coordinates (Azimuth[deg]).">
      <values min="0" max="360"/>
      <property name="source">azimuth</property>
    </column>
    <column name="zenith" type="real" ucd="pos.az.zd"
      unit="deg" tablehead="Zenith" verbLevel="5" required="True"
      description="Zenith angle of the reconstructed arrival direction in
        IceCube's local coordinates (Zenith[deg]); above 90 deg for
        up-going events.">
      <values min="0" max="180"/>
      <property name="source">zenith</property>
    </column>
  </table>

  <coverage>
    <!-- a coarse MOC: the events sample the sky the instrument sees -->
    <updater sourceTable="events" mocOrder="3"/>
  </coverage>

  <!-- Only creates the tables and their metadata; apdc import fills them.
    auto="False" keeps a plain "dachs imp icecube_ps" from emptying them. -->
  <data id="create" auto="False">
    <make table="events"/>
    <make table="uptime"/>
    <make table="effective_area"/>
  </data>
  <FEED source="common#cone"
      title="IceCube 10-year Point-Source Events Cone Search"
      shortName="IceCube PS cone"
      description="Cone search over the reconstructed arrival directions (ICRS) of the neutrino candidate events of IceCube&#x27;s 10-year point-source sample."
      testRA="203.024"
      testDec="16.760"
      testSR="0.1"
      table="events"
      condDescs="log_energy obs_mjd season"/>

  <!-- DataLink for the events (docs/datalink.md): the event's season
    file, that season's good-run intervals and its effective area, served
    from the data folder by the static renderer. -->
  <service id="dl" allowed="dlmeta,static">
    <meta name="title">IceCube 10-year Point-Source Events DataLink</meta>
    <meta name="shortName">IceCube PS DL</meta>
    <meta name="description">
      DataLink for the events of the IceCube 10-year point-source sample
      (ID: the event_id, e.g. IC40-000001): the release's event file of
      the event's season, the season's good-run intervals (uptime) and
      its muon-neutrino effective area, as CSV files.
    </meta>
    <property name="staticData">data</property>
    <datalinkCore>
      <descriptorGenerator>
        <code>
          with base.getTableConn() as conn:
            rows = list(conn.query("SELECT season FROM icecube_ps.events"
              " WHERE event_id=%(id)s", {"id": pubDID}))
          if not rows:
            return DatalinkFault.NotFoundFault(pubDID, "No event with this"
              " event_id in the IceCube 10-year point-source sample (IDs"
              " look like IC40-000001)")
          descriptor = ProductDescriptor(pubDID, None, None, None)
          descriptor.suppressAutoLinks = True
          descriptor.season = rows[0][0]
          return descriptor
        </code>
      </descriptorGenerator>
      <metaMaker semantics="#this">
        <code>
          # the event itself: its row of icecube_ps.events, by TAP (VOTable)
          import urllib.parse
          query = ("SELECT * FROM icecube_ps.events WHERE event_id = '%s'"
            % descriptor.pubDID.replace("'", "''"))
          yield descriptor.makeLink(
            base.getConfig("web", "serverURL") + "/tap/sync?"
              + urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
                "QUERY": query}),
            description="This event: its row of icecube_ps.events (MJD,"
              " energy, angular error, ICRS position, local direction) as a"
              " VOTable, by a TAP query",
            contentType="application/x-votable+xml")
        </code>
      </metaMaker>
      <metaMaker semantics="#progenitor">
        <code>
          season = descriptor.season
          yield descriptor.makeLinkFromFile("data/%s_exp.csv"%season,
            "Event file of season %s as released (the event is one row;"
            " MJD, log10 E/GeV, AngErr, RA, Dec, Azimuth, Zenith)"%season,
            contentType="text/csv")
        </code>
      </metaMaker>
      <metaMaker semantics="#auxiliary">
        <code>
          season = descriptor.season
          yield descriptor.makeLinkFromFile("data/%s_uptime.csv"%season,
            "Good-run intervals (uptime, MJD start and stop) of season %s"%
            season, contentType="text/csv")
        </code>
      </metaMaker>
      <metaMaker semantics="#calibration">
        <code>
          # the release gives one effective area for IC86_II ... IC86_VII
          season = descriptor.season
          areaSeason = season
          if season.startswith("IC86_") and season!="IC86_I":
            areaSeason = "IC86_II"
          yield descriptor.makeLinkFromFile(
            "data/%s_effectiveArea.csv"%areaSeason,
            "Muon-neutrino effective area of season %s (from %s, by true"
            " neutrino energy and declination)"%(season, areaSeason),
            contentType="text/csv")
        </code>
      </metaMaker>
      <FEED source="releases#datalink"/>
    </datalinkCore>
  </service>

  <regSuite title="IceCube point-source events regression">
    <regTest title="IceCube PS cone search finds the first IC40 event">
      <url RA="203.024" DEC="16.760" SR="0.01">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        ids = [row["event_id"] for row in rows]
        self.assertTrue("IC40-000001" in ids, ids)
        row = rows[ids.index("IC40-000001")]
        self.assertAlmostEqual(row["log_energy"], 3.31, places=4)
        self.assertAlmostEqual(row["obs_mjd"], 54562.37911273, places=7)
      </code>
    </regTest>
    <regTest title="IceCube PS cone search without a radius answers with a VOTable
        error">
      <url RA="10" DEC="10">cone/scs.xml</url>
      <code>
        self.assertHasStrings('name="Error"', "SR")
      </code>
    </regTest>
    <regTest title="IceCube PS: all IC40 events are in TAP">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        icecube_ps.events WHERE season='IC40'">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 36900)
      </code>
    </regTest>
    <regTest title="IceCube PS: all IC40 good runs are in TAP">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        icecube_ps.uptime WHERE season='IC40'">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1420)
      </code>
    </regTest>
    <regTest title="IceCube PS: all IC40 effective-area bins are in TAP">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        icecube_ps.effective_area WHERE season='IC40'">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 2000)
      </code>
    </regTest>
    <regTest title="IceCube PS DataLink: an event links to its season's files">
      <url ID="IC40-000001">dl/dlmeta</url>
      <code>
        rows = self.getVOTableRows()
        bySem = dict((row["semantics"], row) for row in rows)
        self.assertEqual(len(rows), 5)
        self.assertEqual(set(bySem), {"#this", "#progenitor", "#auxiliary",
          "#calibration", "#documentation"})
        self.assertTrue("/tap/sync?" in bySem["#this"]["access_url"])
        # the release the event comes from (rd/releases.rd)
        self.assertTrue("/tap/sync?" in bySem["#documentation"]["access_url"])
        self.assertTrue("releases.releases"
          in bySem["#documentation"]["description"])
        self.assertTrue(bySem["#progenitor"]["access_url"].endswith(
          "/icecube_ps/dl/static/IC40_exp.csv"))
        self.assertEqual(bySem["#calibration"]["content_type"], "text/csv")
      </code>
    </regTest>
  </regSuite>
</resource>
