<?xml version="1.0" encoding="utf-8"?>
<!-- One ADQL table of the air-shower events of every observatory of the
data centre: a database view (viewStatement) over the events tables of
the member resources, in common units and conventions.

The view holds no rows of its own.  It follows its base tables:

* "apdc import kascade" (and every COPY-path import) swaps the new rows
  in and re-creates the views on the replaced table, this one included,
  from their saved definitions in the same transaction (apdc/ingest.py,
  _dependent_views), so the view never misses or lags a re-import;
* where DaCHS itself re-creates a base table ("apdc import - -recreate",
  a changed layout), it drops this view with it; the property dependsOn
  makes "apdc import" import this resource after its members and again
  whenever one of them is imported (apdc/resources.py, import_sequence),
  which re-creates the view ("dachs imp airshowers create").

The restricted kascade_embargo is not a member: the view is public.
docs/airshowers.md describes the columns and conventions.
-->
<resource schema="airshowers" resdir=".">
  <FEED source="common#jsonld"/>
  <property name="simulated">True</property>
  <!-- the resources whose tables the view reads (import order) -->
  <property name="dependsOn">kascade kascade_sim tunka_rex</property>
  <!-- a new release of a member is the next release of the view's series
    (docs/releases.md) -->
  <property name="releases">serial</property>
  <!-- the root page (portal/observatories.py): observatory: its tables
    in the view, measured and simulated -->
  <property name="observatories">KASCADE: kascade.events kascade_sim.events; Tunka-Rex: tunka_rex.events</property>
  <meta name="creationDate">2026-12-01T00:00:00Z</meta>
  <meta name="title">Air-Shower Events of all Observatories, measured and simulated</meta>
  <meta name="shortName">air showers</meta>
  <meta name="description">
    One table of the extensive air showers of every observatory of the
    data centre, in common units and conventions: the KASCADE events
    measured at Karlsruhe (as published by KCDC), the SIMULATED
    KASCADE-like events of the data centre's generator and the SIMULATED
    Tunka-Rex-like radio events (simulated, not Tunka-Rex measurements:
    no Tunka-Rex event data are public here).  Each row says
    its observatory and whether it is simulated (simulated rows are not
    measurements), and gives the event time, the primary energy in eV,
    the arrival direction (zenith, geographic azimuth counted from north
    through east, ICRS position), the shower core in the frame of its
    array, the depth of the shower maximum where the observatory measures
    it and the link to the event's DataLink document.  The table is a
    view over the events tables of the member resources, so it always
    holds exactly their rows.
  </meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="subject">extensive-air-showers</meta>
  <meta name="subject">astronomical-simulations</meta>
  <meta name="coverage.waveband">Particle</meta>
  <meta name="creator">Astroparticle VO Data Centre</meta>
  <meta name="creator">KASCADE Collaboration</meta>
  <meta name="instrument">KASCADE array</meta>
  <meta name="instrument">Tunka-Rex radio array (simulated)</meta>
  <meta name="facility">KASCADE, Karlsruhe Institute of Technology</meta>
  <meta name="facility">Tunka-Rex, TAIGA, Tunka valley (simulated)</meta>
  <!-- VOResource allows one source: KCDC's; Tunka-Rex's (2016JCAP...01..052B)
    is in the rights and in its own resource -->
  <meta name="source">2018EPJC...78..741H</meta>
  <meta name="referenceURL">https://kcdc.iap.kit.edu</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="contentLevel">University</meta>
  <meta name="type">Catalog</meta>
  <meta name="type">Simulation</meta>
  <meta name="rights">
    Each row keeps the terms of its base table: the measured KASCADE
    events those of KCDC (cite A. Haungs et al., Eur. Phys. J. C 78
    (2018) 741, doi:10.1140/epjc/s10052-018-6221-2, and acknowledge
    KCDC); the simulated events (KASCADE-like and Tunka-Rex-like) are the
    data centre's, free to use under CC BY 4.0
    (https://creativecommons.org/licenses/by/4.0/); cite the data centre
    and the sources of their parameters (docs/simulation.md,
    docs/tunka_rex.md; for Tunka-Rex P.A. Bezyazeekov et al., JCAP 01
    (2016) 052, and N.M. Budnev et al., Astropart. Phys. 117 (2020)
    102406).  The column source_table names the base table of
    every row.
  </meta>
  <meta name="howtociteLink">https://doi.org/10.1140/epjc/s10052-018-6221-2</meta>
  <meta name="_longdoc" format="rst">
    Provenance: a view (no copy) over kascade.events (measured, KCDC),
    kascade_sim.events (SIMULATED by the data centre's seeded
    generator, docs/simulation.md) and tunka_rex.events (SIMULATED,
    not Tunka-Rex measurements, docs/tunka_rex.md); each row comes
    unchanged from its
    base table except for the unit of the energy (eV everywhere) and
    the added observatory, simulated and source_table columns.  The
    sky positions are those of the base tables, computed there from
    time, zenith and azimuth at each observatory's site.  Conventions:
    docs/airshowers.md.
  </meta>

  <table id="events" onDisk="True" adql="True" mixin="//scs#q3cindex">
    <FEED source="releases#current" name="ALTAIR"/>
    <property name="filledBy">view over the members' events tables (data create)</property>
    <meta name="description">
      One row per air-shower event of every observatory, measured or
      SIMULATED (column simulated), in common units: a view over
      kascade.events, kascade_sim.events and tunka_rex.events (simulated,
      not Tunka-Rex measurements).
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <column name="event_did" type="text" ucd="meta.id;meta.main"
      tablehead="Event DID" verbLevel="1" required="True"
      description="Publisher's dataset identifier of the event, as in its
        base table (the ID of its DataLink document)."/>
    <column name="observatory" type="text" ucd="meta.id;instr.obsty"
      tablehead="Observatory" verbLevel="1" required="True"
      description="Observatory that measured the event or, for simulated
        rows, whose detector the simulation imitates: KASCADE or
        Tunka-Rex."/>
    <column name="simulated" type="boolean" ucd="meta.code"
      tablehead="Simulated" verbLevel="1" required="True"
      description="True for SIMULATED events (kascade_sim, tunka_rex),
        which are not measurements; false for measured events
        (kascade)."/>
    <column name="source_table" type="text" ucd="meta.id;meta.table"
      tablehead="Table" verbLevel="5" required="True"
      description="Base table of the row (schema.table), whose resource
        gives the row's provenance, licence and citation."/>
    <column name="obs_time" type="timestamp" ucd="time.epoch;obs"
      unit="" tablehead="Time (UTC)" verbLevel="1" required="True"
      description="Event time (UTC), as in the base table." displayHint="type=humanDate"/>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="Event time as a Modified Julian Date (UTC)."/>
    <column name="energy" type="double precision" ucd="phys.energy;meta.main"
      unit="eV" tablehead="E" verbLevel="1" required="True"
      description="Reconstructed primary energy in eV (KASCADE: the
        energy estimate of its base table, given there in PeV)."
      displayHint="sf=4"/>
    <column name="zenith" type="double precision" ucd="pos.az.zd"
      unit="deg" tablehead="Zenith" verbLevel="5" required="True"
      description="Zenith angle of the reconstructed arrival direction.">
      <values min="0" max="90"/>
    </column>
    <column name="azimuth" type="double precision" ucd="pos.az.azi"
      unit="deg" tablehead="Azimuth" verbLevel="5" required="True"
      description="Geographic azimuth of the arrival direction at the
        observatory's site, counted from north through east (the
        convention of every base table, docs/coordinates.md).">
      <values min="0" max="360"/>
    </column>
    <FEED source="common#positions" what="the arrival direction"
      note=", computed in the base table from time, zenith and azimuth at the observatory's site"
      from="derive"/>
    <column name="core_x" type="double precision"
      ucd="pos.cartesian.x;instr.det" unit="m" tablehead="Core x"
      verbLevel="10" required="True"
      description="Shower core x in the frame of the observatory's array
        (KASCADE: the array grid, rotated by about 15 deg against
        geographic north; Tunka-Rex: x to the east from the centre of the
        dense array)."/>
    <column name="core_y" type="double precision"
      ucd="pos.cartesian.y;instr.det" unit="m" tablehead="Core y"
      verbLevel="10" required="True"
      description="Shower core y in the frame of the observatory's
        array (Tunka-Rex: to the north)."/>
    <column name="x_max" type="double precision" ucd="phys.columnDensity"
      unit="g/cm**2" tablehead="Xmax" verbLevel="5"
      description="Reconstructed atmospheric depth of the shower maximum
        where the observatory measures it (Tunka-Rex, from the radio
        signal); NULL for KASCADE, which does not."/>
    <column name="datalink" type="text" ucd="meta.ref.url"
      tablehead="DataLink" verbLevel="15" displayHint="type=url"
      description="DataLink document of the event, served by the
        resource of its base table (extracts, run files, previews)."/>

    <!-- energy: KASCADE gives PeV.  Casts: the members' types differ
      (core positions are real in KASCADE). -->
    <viewStatement>
      CREATE VIEW \qName (\colNames) AS
        SELECT event_did, 'KASCADE'::text, false, 'kascade.events'::text,
          obs_time, obs_mjd, energy * 1e15, zenith, azimuth, ra, dec,
          core_x::double precision, core_y::double precision,
          NULL::double precision, datalink
        FROM kascade.events
      UNION ALL
        SELECT event_did, 'KASCADE'::text, true, 'kascade_sim.events'::text,
          obs_time, obs_mjd, energy * 1e15, zenith, azimuth, ra, dec,
          core_x::double precision, core_y::double precision,
          NULL::double precision, datalink
        FROM kascade_sim.events
      UNION ALL
        SELECT event_did, 'Tunka-Rex'::text, simulated,
          'tunka_rex.events'::text,
          obs_time, obs_mjd, energy, zenith, azimuth, ra, dec,
          core_x::double precision, core_y::double precision,
          x_max::double precision, datalink
        FROM tunka_rex.events
    </viewStatement>
  </table>

  <coverage>
    <updater sourceTable="events" mocOrder="3"/>
  </coverage>

  <data id="create" auto="False">
    <make table="events"/>
  </data>

  <FEED source="common#cone"
      table="events"
      title="Air-Shower Events Cone Search (all observatories)"
      shortName="air showers cone"
      description="Cone search over the arrival directions (ICRS) of the air-shower events of every observatory of the data centre, measured and SIMULATED (column simulated), in common units."
      testRA="153.98"
      testDec="51.2"
      testSR="0.5"
      condDescs="observatory obs_mjd"/>

  <regSuite title="Air-shower view regression">
    <regTest title="The air-shower cone search finds measured and simulated events">
      <url RA="153.98" DEC="51.2" SR="0.5">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual(sorted(set(r["simulated"] for r in rows)),
          [False, True])
        self.assertTrue("ivo://astroparticle.vo/~?kascade/1000/10013"
          in [r["event_did"] for r in rows])
      </code>
    </regTest>
    <regTest title="The air-shower view has the rows of its base tables">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        airshowers.events WHERE source_table = 'kascade.events'">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 9)
      </code>
    </regTest>
  </regSuite>
</resource>
