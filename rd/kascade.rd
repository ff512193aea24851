<?xml version="1.0" encoding="utf-8"?>
<!-- KASCADE air-shower events as exported by KCDC.

The table is filled by "apdc import kascade" (apdc/ingest.py): it reads
every KCDC export (ASCII, HDF5 or ROOT) in resources/kascade/data,
computes the derived columns and loads them with PostgreSQL COPY into a
staging copy of this table, which replaces the served table in one short
transaction.  The data element below only creates the (empty) table and
its metadata; DaCHS's own rowmaker path would be about 20 times slower.
-->
<resource schema="kascade" resdir="../resources/kascade">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- any KCDC export dropped into resources/kascade/data is imported: every import from new
  inputs is the next release of the series (docs/releases.md) -->
  <property name="releases">serial</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">49.1007 8.4380 KASCADE array, Karlsruhe Institute of Technology, Germany</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">KASCADE Air-Shower Events (KCDC)</meta>
  <meta name="shortName">KASCADE events</meta>
  <meta name="description">
    Extensive air showers measured by the KASCADE array at Karlsruhe
    (Germany), as published by the KASCADE Cosmic-ray Data Centre (KCDC):
    reconstructed primary energy, shower core, arrival direction, electron
    and muon numbers, shower age, hadronic quantities and the atmospheric
    conditions of each event.  The data centre adds the arrival direction
    in ICRS and galactic coordinates, computed from the event time and the
    horizontal direction at the KASCADE site, so that air-shower events
    can be cross-matched with astronomical catalogues and with events of
    other messengers.  The default content is a small KCDC sample of
    1998-07-02; any KCDC export placed in the resource's data folder is
    imported.
  </meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="subject">extensive-air-showers</meta>
  <meta name="subject">cosmic-ray-showers</meta>
  <meta name="coverage.waveband">Particle</meta>
  <meta name="creator">KASCADE Collaboration</meta>
  <meta name="creator">Haungs, A.</meta>
  <meta name="instrument">KASCADE array</meta>
  <meta name="facility">KASCADE, Karlsruhe Institute of Technology</meta>
  <meta name="source">2018EPJC...78..741H</meta>
  <meta name="referenceURL">https://kcdc.iap.kit.edu</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="contentLevel">General</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    KASCADE data as released by KCDC (https://kcdc.iap.kit.edu) under
    KCDC's terms of use.  Publications using these data must cite
    A. Haungs et al., "The KASCADE Cosmic-ray Data Centre KCDC: granting
    open access to astroparticle physics research data", Eur. Phys. J. C
    78 (2018) 741, doi:10.1140/epjc/s10052-018-6221-2, and acknowledge KCDC.
  </meta>
  <meta name="howtociteLink">https://doi.org/10.1140/epjc/s10052-018-6221-2</meta>
  <meta name="_longdoc" format="rst">
    Provenance: the events are reconstructed by KASCADE's analysis program
    KRETA and exported by KCDC.  The sample shipped by default is KCDC's
    ASCII example export of 1998-07-02 (9 events).

    Derived columns: ``ra``, ``dec`` (ICRS) and ``gal_l``, ``gal_b`` are
    computed by the data centre from ``obs_time``, ``zenith`` and
    ``azimuth`` at the KASCADE site (49.1007 N, 8.4380 E, 110 m a.s.l.),
    without refraction.  The azimuth is read as a geographic azimuth of
    the arrival direction counted from north through east; see the
    project's docs/coordinates.md for the sources and the conventions.
  </meta>

  <!-- Run files (resources/NAME/data/runs, read by
    converters/kascade/runs.py, written by the product step
    apdc/products/kascade.py): one row per run, HDF5 with a ROOT twin;
    published in ivoa.obscore. -->
  <STREAM id="runcolumns">
    <column name="run_did" type="text" ucd="meta.id;meta.main"
      tablehead="Run DID" verbLevel="1" required="True"
      description="Publisher's dataset identifier of the run file."/>
    <column name="run" type="integer" ucd="meta.id;obs.sequence"
      tablehead="Run" verbLevel="1" required="True"
      description="Run number."/>
    <column name="n_events" type="integer" ucd="meta.number"
      tablehead="# events" verbLevel="1" required="True"
      description="Number of events in the run file."/>
    <column name="n_station_events" type="integer" ucd="meta.number"
      tablehead="# with stations" verbLevel="10" required="True"
      description="Number of events of the file that carry per-station
        arrays (energy deposits, arrival times); 0 for summary-only
        files."/>
    <column name="t_min" type="double precision" ucd="time.start;obs"
      unit="d" tablehead="First event" verbLevel="1" required="True"
      description="MJD (UTC) of the first event of the run."/>
    <column name="t_max" type="double precision" ucd="time.end;obs"
      unit="d" tablehead="Last event" verbLevel="1" required="True"
      description="MJD (UTC) of the last event of the run."/>
    <column name="hdf5_url" type="text" ucd="meta.ref.url"
      tablehead="HDF5" verbLevel="1" required="True" displayHint="type=url"
      description="URL of the run file in the KCDC-HDF5 layout."/>
    <column name="hdf5_size" type="bigint" ucd="phys.size;meta.file"
      unit="byte" tablehead="HDF5 size" verbLevel="10" required="True"
      description="Size of the HDF5 run file."/>
    <column name="root_url" type="text" ucd="meta.ref.url"
      tablehead="ROOT" verbLevel="1" displayHint="type=url"
      description="URL of the run file in the KCDC-ROOT layout (NULL if
        there is none)."/>
    <column name="root_size" type="bigint" ucd="phys.size;meta.file"
      unit="byte" tablehead="ROOT size" verbLevel="10"
      description="Size of the ROOT run file.">
      <values nullLiteral="-1"/>
    </column>
    <column name="title" type="text" ucd="meta.title"
      tablehead="Title" verbLevel="10" required="True"
      description="Human-readable title of the run file."/>
  </STREAM>

  <table id="runs" onDisk="True" adql="True" primary="run_did">
    <FEED source="releases#current" name="LESATH"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      Run files of the KASCADE events (one row per run), in HDF5 and ROOT.
      The measured sample's files hold the per-event summary only (KCDC's
      ASCII export has no per-station data).
    </meta>
    <property name="run_title">KASCADE</property>
    <mixin
      productType="'event'"
      calibLevel="2"
      collectionName="'KASCADE'"
      did="run_did"
      obsId="'run' || run"
      title="title"
      accessURL="hdf5_url"
      mime="'application/x-hdf5'"
      size="hdf5_size/1024"
      tMin="t_min"
      tMax="t_max"
      expTime="(t_max - t_min) * 86400"
      oUCD="'phys.energy'"
      facilityName="'KASCADE'"
      instrumentName="'KASCADE array'"
      preview="NULL">//obscore#publish</mixin>
    <FEED source="runcolumns"/>
  </table>

  <table id="events" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="event_did">
    <FEED source="releases#current" name="LESATH"/>
    <!-- for TAP_SCHEMA.keys (joins in TOPCAT); not a database constraint -->
    <foreignKey inTable="runs" source="run" metaOnly="True"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per reconstructed air shower of the KASCADE array.
    </meta>
    <!-- DataLink for every event (ID = event_did): run file, extracts,
      preview; see docs/datalink.md.  kascade_sim.events (a copy of this
      table) declares the same for its own "dl" service. -->
    <meta name="_associatedDatalinkService">
      <meta name="serviceId">dl</meta>
      <meta name="idColumn">event_did</meta>
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>
    <!-- How the KCDC readers fill this table (docs/kcdc_formats.md): the
      columns with a "kcdc" property are KCDC quantities; kcdc_inputs
      declares the quantities that fill no column one-to-one; kcdc_files
      says which files of data/ are read. -->
    <property name="kcdc_extra">kascade#kcdc_inputs</property>
    <property name="kcdc_files">*</property>
    <!-- The data shop (exporters/shop) offers this
      table as a detector component; its quantities are the kcdc ones.
      Packages are ordered by shop_order; shop_time and shop_position
      are the columns of the time-range and sky-region selections. -->
    <property name="shop">True</property>
    <property name="shop_component">KASCADE array</property>
    <property name="shop_order">run event</property>
    <property name="shop_time">obs_time</property>
    <property name="shop_position">ra dec</property>

    <index columns="obs_time"/>
    <index columns="obs_mjd"/>
    <index columns="log_energy"/>
    <index columns="run, event"/>

    <column name="event_did" type="text" ucd="meta.id;meta.main"
      tablehead="Event DID" verbLevel="1"
      description="Publisher's dataset identifier of the event (stable:
        built from the experiment, run and event number)."/>
    <column name="run" type="integer" ucd="meta.id;obs.sequence"
      tablehead="Run" verbLevel="5" required="True"
      description="KASCADE run number.">
      <property name="kcdc">R</property>
    </column>
    <column name="event" type="integer" ucd="meta.id.part"
      tablehead="Event" verbLevel="5" required="True"
      description="Event number within the run.">
      <property name="kcdc">EV</property>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;obs"
      unit="" tablehead="Time (UTC)" verbLevel="1" required="True"
      description="Event time (UTC), from KCDC's GPS seconds and the
        sub-second nanoseconds (truncated to microseconds)."
      displayHint="type=humanDate"/>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="Event time as a Modified Julian Date (UTC)."/>
    <column name="log_energy" type="double precision" ucd="phys.energy"
      unit="log(eV)" tablehead="lg E/eV" verbLevel="1" required="True"
      description="Decadic logarithm of the reconstructed primary energy in
        eV (KCDC quantity E).">
      <property name="kcdc">E</property>
    </column>
    <column name="energy" type="double precision" ucd="phys.energy;meta.main"
      unit="PeV" tablehead="E" verbLevel="1" required="True"
      description="Reconstructed primary energy, 10**log_energy eV, in PeV."
      displayHint="displayUnit=PeV,sf=3"/>
    <column name="core_x" type="real" ucd="pos.cartesian.x;instr.det"
      unit="m" tablehead="Core x" verbLevel="10" required="True"
      description="Shower core x in the KASCADE array frame (the grid is
        rotated by about 15 deg against geographic north; KCDC XC).">
      <property name="kcdc">XC</property>
      <property name="kcdc_dtype">float64</property>
    </column>
    <column name="core_y" type="real" ucd="pos.cartesian.y;instr.det"
      unit="m" tablehead="Core y" verbLevel="10" required="True"
      description="Shower core y in the KASCADE array frame (KCDC YC).">
      <property name="kcdc">YC</property>
      <property name="kcdc_dtype">float64</property>
    </column>
    <column name="zenith" type="double precision" ucd="pos.az.zd"
      unit="deg" tablehead="Zenith" verbLevel="5" required="True"
      description="Zenith angle of the reconstructed arrival direction
        (KCDC ZE).">
      <values min="0" max="90"/>
      <property name="kcdc">ZE</property>
    </column>
    <column name="azimuth" type="double precision" ucd="pos.az.azi"
      unit="deg" tablehead="Azimuth" verbLevel="5" required="True"
      description="Geographic azimuth of the arrival direction, counted
        from north through east (KCDC AZ).">
      <values min="0" max="360"/>
      <property name="kcdc">AZ</property>
    </column>
    <column name="ra" type="double precision" ucd="pos.eq.ra;meta.main"
      unit="deg" tablehead="RA" verbLevel="1" required="True"
      description="ICRS right ascension of the arrival direction, computed
        from time, zenith and azimuth at the KASCADE site."/>
    <column name="dec" type="double precision" ucd="pos.eq.dec;meta.main"
      unit="deg" tablehead="Dec" verbLevel="1" required="True"
      description="ICRS declination of the arrival direction, computed
        from time, zenith and azimuth at the KASCADE site."/>
    <column name="gal_l" type="double precision" ucd="pos.galactic.lon"
      unit="deg" tablehead="l" verbLevel="5" required="True"
      description="Galactic longitude of the arrival direction."/>
    <column name="gal_b" type="double precision" ucd="pos.galactic.lat"
      unit="deg" tablehead="b" verbLevel="5" required="True"
      description="Galactic latitude of the arrival direction."/>
    <column name="log_ne" type="real" ucd="meta.number;phys.particle"
      unit="" tablehead="lg Ne" verbLevel="5" required="True"
      description="Decadic logarithm of the shower size (electron number,
        KCDC NE); dimensionless.">
      <property name="kcdc">NE</property>
      <property name="kcdc_dtype">float64</property>
    </column>
    <column name="log_nmu" type="real" ucd="meta.number;phys.particle"
      unit="" tablehead="lg Nmu" verbLevel="5" required="True"
      description="Decadic logarithm of the truncated muon number (KCDC NMU);
        dimensionless.">
      <property name="kcdc">NMU</property>
      <property name="kcdc_dtype">float64</property>
    </column>
    <column name="age" type="real" ucd="stat.fit.param"
      unit="" tablehead="Age" verbLevel="10" required="True"
      description="Shower age parameter of the lateral electron
        distribution (KCDC AGE); dimensionless.">
      <property name="kcdc">AGE</property>
      <property name="kcdc_dtype">float64</property>
    </column>
    <column name="esum_had" type="real" ucd="phys.energy;phys.particle"
      unit="GeV" tablehead="Sum E had" verbLevel="10"
      description="Hadronic energy sum in the central calorimeter (KCDC
        ESUMHAD); NULL where it was not measured.">
      <values min="0"/>
      <property name="kcdc">ESUMHAD</property>
      <property name="kcdc_dtype">float64</property>
      <property name="kcdc_null">-1</property>
    </column>
    <column name="n_had" type="integer" ucd="meta.number;phys.particle"
      unit="" tablehead="N had" verbLevel="10"
      description="Number of reconstructed hadrons in the central
        calorimeter (KCDC NHAD); NULL where it was not measured.">
      <property name="kcdc">NHAD</property>
      <property name="kcdc_null">-1</property>
      <values min="0" nullLiteral="-1"/>
    </column>
    <column name="air_temperature" type="real"
      ucd="phys.temperature;obs.atmos" unit="K" tablehead="T air"
      verbLevel="15" required="True"
      description="Air temperature at the site at event time (KCDC T,
        converted from degrees Celsius).">
      <property name="kcdc">T</property>
      <property name="kcdc_dtype">float64</property>
      <property name="kcdc_unit">degC</property>
    </column>
    <column name="air_pressure" type="real" ucd="phys.pressure;obs.atmos"
      unit="hPa" tablehead="p air" verbLevel="15" required="True"
      description="Air pressure at the site at event time (KCDC P).">
      <property name="kcdc">P</property>
      <property name="kcdc_dtype">float64</property>
    </column>
    <column name="datalink" type="text" ucd="meta.ref.url"
      tablehead="DataLink" verbLevel="15" displayHint="type=url"
      description="DataLink document of the event: this event alone in
        HDF5, ROOT, ASCII or VOTable, the whole run file (HDF5, ROOT), a
        preview of the station signals and the format description."/>
  </table>

  <!-- Not a database table: the KCDC quantities of an export that fill
    no column of events one-to-one (the event time, from which obs_time
    and obs_mjd are computed; KCDC's date and time fields, checked but not
    stored) and the per-station arrays of the run files.  A column with
    kcdc_array="station" has one value per station, one with
    kcdc_array="event station" one per event and station. -->
  <table id="kcdc_inputs">
    <meta name="description">
      KCDC quantities read from the exports and run files that are not
      columns of the events table.
    </meta>
    <column name="unix_seconds" type="bigint" unit="s" ucd="time.epoch"
      required="True"
      description="Event time, seconds since 1970-01-01 UTC (KCDC GT; Unix
        time, not a count of GPS seconds).">
      <property name="kcdc">GT</property>
      <property name="shop_from">obs_time</property>
      <property name="shop_derive">unix_seconds</property>
    </column>
    <column name="nanoseconds" type="bigint" unit="ns" ucd="time.epoch"
      required="True"
      description="Sub-second part of the event time (KCDC MT).">
      <values min="0" max="999999999"/>
      <property name="kcdc">MT</property>
      <property name="shop_from">obs_time</property>
      <property name="shop_derive">nanoseconds</property>
    </column>
    <column name="utc_date" type="integer" ucd="time.epoch"
      required="True" description="UTC date as YYYYMMDD (KCDC YMD).">
      <property name="kcdc">YMD</property>
      <property name="shop_from">obs_time</property>
      <property name="shop_derive">utc_date</property>
    </column>
    <column name="utc_time" type="integer" ucd="time.epoch"
      required="True" description="UTC time as HHMMSS (KCDC HMS).">
      <property name="kcdc">HMS</property>
      <property name="shop_from">obs_time</property>
      <property name="shop_derive">utc_time</property>
    </column>
    <column name="station_id" type="integer" ucd="meta.id;instr.det"
      required="True" description="Station number.">
      <property name="kcdc">station_id</property>
      <property name="kcdc_array">station</property>
    </column>
    <column name="station_x" type="double precision" unit="m"
      ucd="pos.cartesian.x;instr.det" required="True"
      description="Station x in the KASCADE array frame.">
      <property name="kcdc">x</property>
      <property name="kcdc_array">station</property>
    </column>
    <column name="station_y" type="double precision" unit="m"
      ucd="pos.cartesian.y;instr.det" required="True"
      description="Station y in the KASCADE array frame.">
      <property name="kcdc">y</property>
      <property name="kcdc_array">station</property>
    </column>
    <column name="energy_deposit" type="real" unit="MeV"
      ucd="phys.energy;instr.det" required="True"
      description="Energy deposit per event and station.">
      <property name="kcdc">energy_deposit</property>
      <property name="kcdc_array">event station</property>
    </column>
    <column name="arrival_time" type="real" unit="ns"
      ucd="time.epoch;instr.det" required="True"
      description="Arrival time per event and station, NaN if the station
        did not trigger.">
      <property name="kcdc">arrival_time</property>
      <property name="kcdc_array">event station</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="events"/>
  </coverage>

  <!-- Only creates the table and its metadata; apdc/ingest.py fills it
    (see the comment at the top).  auto="False" keeps a plain
    "dachs imp kascade" from emptying the served table. -->
  <data id="create" auto="False">
    <make table="events"/>
    <make table="runs"/>
  </data>

  <FEED source="common#cone"
      table="events"
      title="KASCADE Events Cone Search"
      shortName="KASCADE cone"
      description="Cone search over the arrival directions (ICRS) of the KASCADE air-shower events published by KCDC."
      testRA="153.98"
      testDec="51.2"
      testSR="0.1"
      condDescs="log_energy obs_mjd"/>

  <!-- DataLink: the services behind the datalink column; the code is in
    services/kascade_datalink.py (docs/datalink.md).  kascade_sim FEEDs
    the same STREAM. -->
  <STREAM id="datalink-services">
    <doc>
      The services behind the datalink column of a KASCADE events table
      (ID = event_did): dl (DataLink and the per-event extracts in HDF5,
      ROOT, ASCII and VOTable, with the FORMAT parameter), preview (a PNG
      footprint of the station signals) and files (the run files below
      data/runs).  The code is services/kascade_datalink.py; what a
      document contains: docs/datalink.md.

      Macros (FEED attributes):

      * label: what the events are, in the services' titles and
        descriptions (e.g. "KASCADE-like simulated events (SIMULATED
        DATA)").
    </doc>
    <DEFAULTS label="KASCADE events"/>
    <service id="dl" allowed="dlget,dlmeta">
      <meta name="title">\label: DataLink</meta>
      <meta name="description">
        DataLink for the \label (ID = event_did): the
        event alone in HDF5, ROOT, ASCII or VOTable (processing service,
        parameter FORMAT), its whole run file in HDF5 and ROOT, a preview
        of the station signals and the description of the formats.
      </meta>
      <meta name="dlget.description">
        This event alone, in the format given by FORMAT (default HDF5).
      </meta>
      <property name="staticData">data/runs</property>
      <datalinkCore>
        <descriptorGenerator>
          <setup><code>
            from services import kascade_datalink as kdl
          </code></setup>
          <code>
            return kdl.make_descriptor(pubDID, rd)
          </code>
        </descriptorGenerator>
        <metaMaker semantics="#this">
          <setup><code>
            from services import kascade_datalink as kdl
          </code></setup>
          <code>
            yield MS(InputKey, name="FORMAT", type="text",
              ucd="meta.code.mime", multiplicity="forced-single",
              description="Media type of the extract; default HDF5",
              values=MS(Values, options=[
                MS(Option, title=label, content_=mime)
                for mime, (_, _, label) in kdl.FORMATS.items()]))
          </code>
        </metaMaker>
        <metaMaker semantics="#this">
          <setup><code>
            from services import kascade_datalink as kdl
          </code></setup>
          <code>
            yield from kdl.iter_links(descriptor)
          </code>
        </metaMaker>
        <dataFunction>
          <setup><code>
            from services import kascade_datalink as kdl
          </code></setup>
          <code>
            descriptor.data = kdl.extract_data(descriptor, args)
          </code>
        </dataFunction>
        <FEED source="releases#datalink"/>
      </datalinkCore>
    </service>

    <service id="preview" allowed="dlget">
      <meta name="title">\label: previews</meta>
      <meta name="description">
        PNG footprint of one of the \label (ID = event_did):
        stations coloured by their energy deposit, core and direction
        marked; rendered on the first request and cached.
      </meta>
      <datalinkCore>
        <descriptorGenerator>
          <setup><code>
            from services import kascade_datalink as kdl
          </code></setup>
          <code>
            return kdl.make_descriptor(pubDID, rd)
          </code>
        </descriptorGenerator>
        <dataFunction>
          <setup><code>
            from services import kascade_datalink as kdl
          </code></setup>
          <code>
            descriptor.data = File(str(kdl.preview_path(descriptor)),
              "image/png")
          </code>
        </dataFunction>
      </datalinkCore>
    </service>

    <service id="files" allowed="static">
      <meta name="title">\label: run files</meta>
      <meta name="description">
        The run files of the \label in HDF5 and ROOT (KCDC layouts,
        docs/kcdc_formats.md).
      </meta>
      <property name="staticData">data/runs</property>
      <property name="staticFiles">*.h5 *.root</property>
      <nullCore/>
    </service>
  </STREAM>

  <FEED source="datalink-services"/>

  <service id="docs" allowed="static">
    <meta name="title">KASCADE format documentation</meta>
    <meta name="description">
      The data centre's documentation of the KCDC event files (HDF5, ROOT,
      ASCII), linked as #documentation from the KASCADE links documents.
    </meta>
    <property name="staticData">../../docs</property>
    <property name="staticFiles">kcdc_formats.md</property>
    <nullCore/>
  </service>

  <regSuite title="KASCADE events regression">
    <regTest title="KASCADE cone search finds the event at its own position">
      <url RA="153.98" DEC="51.2" SR="0.1">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual([r["event"] for r in rows], [10013])
        self.assertAlmostEqual(rows[0]["log_energy"], 14.6306)
      </code>
    </regTest>
    <regTest title="KASCADE cone search rejects a bad radius with a VOTable error">
      <url RA="10" DEC="10">cone/scs.xml</url>
      <code>
        self.assertHasStrings('name="Error"', "SR")
      </code>
    </regTest>
    <regTest title="KASCADE table is in TAP with all sample events">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        kascade.events WHERE obs_time BETWEEN '1998-07-02T00:00:00'
        AND '1998-07-03T00:00:00'">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 9)
      </code>
    </regTest>
    <regTest title="KASCADE DataLink lists extract, run files, preview, docs">
      <url ID="ivo://astroparticle.vo/~?kascade/1000/10013">dl/dlmeta</url>
      <code>
        rows = self.getVOTableRows()
        bySem = {}
        for row in rows:
          bySem.setdefault(row["semantics"], []).append(row)
        self.assertEqual(len(bySem["#this"]), 4)
        self.assertEqual(len(bySem["#progenitor"]), 2)
        for sem in ["#proc", "#preview"]:
          self.assertEqual(len(bySem[sem]), 1)
        # the format documentation and the release (rd/releases.rd)
        docs = sorted(bySem["#documentation"],
          key=lambda r: r["content_type"] == "application/x-votable+xml")
        self.assertEqual(len(docs), 2)
        self.assertTrue(docs[0]["access_url"].endswith("kcdc_formats.md"))
        self.assertEqual(docs[1]["content_type"], "application/x-votable+xml")
        self.assertTrue("releases.releases" in docs[1]["description"])
        self.assertFalse([r for r in rows if r["error_message"]])
        self.assertHasStrings("application/x-hdf5", "application/x-root",
          "ivo://ivoa.net/std/SODA#sync-1.0")
      </code>
    </regTest>
    <regTest title="KASCADE DataLink gives an error row for an unknown event">
      <url ID="ivo://astroparticle.vo/~?kascade/1000/1">dl/dlmeta</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["error_message"].startswith("NotFoundFault"))
      </code>
    </regTest>
    <regTest title="KASCADE event extract is an HDF5 file">
      <url ID="ivo://astroparticle.vo/~?kascade/1000/10013">dl/dlget</url>
      <code>
        self.assertHTTPStatus(200)
        self.assertEqual(self.data[1:4], b"HDF")
      </code>
    </regTest>
  </regSuite>
</resource>
