<?xml version="1.0" encoding="utf-8"?>
<!-- IceCube realtime neutrino alerts: IceCat-1 (Gold and Bronze track
alerts 2011-2023), the cascade alerts, and single alerts added as
VOEvents.

"apdc import icecube_alerts" fills the table with
converters/icecube_alerts.py from every catalogue CSV and every VOEvent
(*.xml) in resources/icecube_alerts/data; "apdc alert add FILE" copies a
VOEvent there (converters/voevent.py).  The data element below only
creates the (empty) table and its metadata.
-->
<resource schema="icecube_alerts" resdir="../resources/icecube_alerts">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- alerts arrive one by one (apdc alert add): every import from new
  VOEvents is the next release of the series IZAR (docs/releases.md) -->
  <property name="releases">serial</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">-90.0 0.0 IceCube Neutrino Observatory, South Pole</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">IceCube Realtime Neutrino Alerts (IceCat-1 Tracks, Cascades, VOEvents)</meta>
  <meta name="shortName">IceCube alerts</meta>
  <meta name="description">
    High-energy neutrino events of IceCube that are likely of astrophysical
    origin, as alerts: the IceCat-1 catalogue of Gold and Bronze track
    alerts (2011-2023, including events from before the start of the
    alert programme that would have triggered one, and IceCube-170922A,
    the neutrino associated with the blazar TXS 0506+056), the cascade
    alerts of 2020-2024, and single alerts received as VOEvent 2.0
    messages through GCN.  Each alert has its time, best-fit direction,
    asymmetric 90% error bounds, most probable neutrino energy, false
    alarm rate and signalness; the data centre adds the 90% error region
    as a polygon, so that ADQL CONTAINS and INTERSECTS can match alerts
    with sources and with events of other messengers.
  </meta>
  <meta name="subject">neutrino-astronomy</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="subject">transient-sources</meta>
  <meta name="subject">time-domain-astronomy</meta>
  <meta name="coverage.waveband">Neutrino</meta>
  <meta name="creator">IceCube Collaboration</meta>
  <meta name="instrument">IceCube</meta>
  <meta name="facility">IceCube Neutrino Observatory</meta>
  <meta name="source">2023ApJS..269...25A</meta>
  <meta name="referenceURL">https://github.com/icecube/IceCat-2</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    IceCat-1 and the alerts are public data of the IceCube Collaboration.
    Publications using IceCat-1 must cite IceCube Collaboration, "IceCat-1:
    The IceCube Event Catalog of Alert Tracks", ApJS 269 (2023) 25
    (2023ApJS..269...25A).  Cascade alerts and VOEvents are as distributed
    by IceCube through NASA's GCN; cite the corresponding GCN notices or
    circulars.  The sample VOEvents of IceCube's FastResponseAnalysis are
    under the BSD licence.
  </meta>
  <meta name="howtociteLink">https://ui.adsabs.harvard.edu/abs/2023ApJS..269...25A</meta>
  <meta name="_longdoc" format="rst">
    Provenance

    * IceCat-1: ``IceCube_Gold_Bronze_Tracks.csv`` of the IceCat-1 release
      (IceCube's repository icecube/IceCat-2, docs/IceCat-1-dataverse_files,
      also on Harvard Dataverse), 348 alerts.  Best-fit directions and
      90% bounds are from the offline likelihood scans.
    * Cascade alerts: 26 cascade alerts 2020-2024 in IceCat-1's columns
      (a compilation of IceCube's GCN cascade notices,
      github.com/ema1501/IceCubeAllertDatabase, ``IceCube_cascade.csv``).
      Its four error columns repeat the circular 90% radius of the notice;
      it has no signalness or topology scores (NULL).
    * VOEvents: any IceCube VOEvent 2.0 (GCN/AMON notice types
      ICECUBE_ASTROTRACK_GOLD, _BRONZE, ICECUBE_CASCADE) put in the data
      folder (``apdc alert add FILE``).  A VOEvent of an event that a
      catalogue already has (same run and event number) is not added: the
      catalogue's offline reconstruction supersedes the realtime notice.
      Of several revisions of one notice the highest is kept.

    Data centre additions: ``alert_id`` (run and event number, as in
    GCN's JSON notices), ``alert_name`` (the name used in GCN circulars,
    IceCube-YYMMDDA, from IceCat's NAME ICYYMMDDA), ``alert_type``
    (track or cascade) and ``stream`` (Gold or Bronze) from the selection
    name, ``err_radius`` for circular regions, and ``error_region``.

    Error region: IceCat-1's RA bounds are extents in right ascension
    (on the sky, RA_ERR * cos(Dec)).  ``error_region`` is a 16-vertex
    spherical polygon around the asymmetric ellipse inscribed in the 90%
    rectangle: in the plane tangent at the best fit the semi-axes are
    RA_ERR_PLUS * cos(Dec) to the east, RA_ERR_MINUS * cos(Dec) to the
    west, DEC_ERR_PLUS to the north and DEC_ERR_MINUS to the south; the
    plane is mapped onto the sphere keeping distances from the best fit
    (azimuthal equidistant), which stays correct near the poles.  The
    vertices are pushed out by 1/cos(pi/16) (2%) so that the polygon
    encloses the ellipse.  Circular regions (cascades, VOEvents) are
    built the same way with ``err_radius``.  The polygon approximates the
    region: the true 90% contours of the likelihood scans are not
    ellipses, and the rectangle's corners lie outside the polygon.
  </meta>

  <table id="alerts" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="alert_id">
    <FEED source="releases#current" name="IZAR"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- How the two inputs fill the columns (converters/icecube_alerts.py):
      catalogue CSV rows from the field in property source, VOEvents
      from the value in property voevent (converters/voevent.py:parse;
      and as voevent_position says for ra and dec); otherwise
      computed as property derive says, else NULL.  Texts in
      source_null (any case) and empty fields are NULL in the CSV. -->
    <property name="voevent_position">ra=C1 dec=C2</property>
    <property name="source_null">none nan null n/a - --</property>
    <meta name="description">
      One row per IceCube alert (track or cascade), with its 90% error
      region as a polygon.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="obs_time"/>
    <index columns="obs_mjd"/>
    <index columns="energy"/>
    <index columns="name"/>
    <index columns="alert_name"/>
    <index columns="run_id, event_id"/>
    <index columns="error_region" method="GIST"/>

    <column name="alert_id" type="text" ucd="meta.id;meta.main"
      tablehead="Alert" verbLevel="1" required="True"
      description="Identifier of the alert: IceCube run and event number,
        'run_event' (as in GCN's JSON notices).">
      <property name="derive">alert_id</property>
    </column>
    <column name="name" type="text" ucd="meta.id"
      tablehead="Name" verbLevel="1"
      description="Catalogue name of the alert, ICYYMMDDA (IceCat-1 NAME);
        NULL for alerts known only from a VOEvent.">
      <property name="source">NAME</property>
      <property name="source_required">True</property>
    </column>
    <column name="alert_name" type="text" ucd="meta.id"
      tablehead="Alert name" verbLevel="1"
      description="Name of the alert in GCN circulars and the literature,
        e.g. IceCube-170922A (from the catalogue name), or the VOEvent's
        event_name; NULL where neither is known.">
      <property name="derive">gcn_name</property>
      <property name="voevent">event_name</property>
    </column>
    <column name="alert_type" type="text" ucd="meta.code.class"
      tablehead="Type" verbLevel="1" required="True"
      description="Event topology of the alert: track or cascade.">
      <property name="derive">alert_type</property>
      <property name="voevent">alert_type</property>
    </column>
    <column name="stream" type="text" ucd="meta.code.qual"
      tablehead="Stream" verbLevel="1"
      description="Track alert stream, Gold (higher average astrophysical
        purity) or Bronze; NULL for cascades.">
      <property name="derive">stream</property>
      <property name="voevent">stream</property>
    </column>
    <column name="i3type" type="text" ucd="meta.code"
      tablehead="Selection" verbLevel="5"
      description="IceCube event selection that issued the alert (IceCat-1
        I3TYPE: gfu-gold, gfu-bronze, ehe-gold, hese-gold, hese-bronze;
        Cascade); NULL for VOEvents.">
      <property name="source">I3TYPE</property>
      <property name="source_required">True</property>
    </column>
    <column name="other_i3types" type="text" ucd="meta.code"
      tablehead="Other selections" verbLevel="10"
      description="Further event selections the event passed (IceCat-1
        OTHER_I3TYPES, comma separated); NULL if none.">
      <property name="source">OTHER_I3TYPES</property>
    </column>
    <column name="run_id" type="integer" ucd="meta.id;obs.sequence"
      tablehead="Run" verbLevel="5" required="True"
      description="IceCube run number (RUNID).">
      <property name="source">RUNID</property>
      <property name="voevent">run_id</property>
    </column>
    <column name="event_id" type="bigint" ucd="meta.id"
      tablehead="Event" verbLevel="5" required="True"
      description="Event number within the run (EVENTID).">
      <property name="source">EVENTID</property>
      <property name="voevent">event_id</property>
    </column>
    <column name="revision" type="smallint" ucd="meta.version"
      tablehead="Rev." verbLevel="10"
      description="Revision of the VOEvent notice (Rev); NULL for
        catalogue entries.">
      <property name="voevent">Rev</property>
      <values nullLiteral="-1"/>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;meta.main"
      unit="" tablehead="Time (UTC)" verbLevel="1" required="True"
      description="Time of the event (UTC): IceCat-1 START, or the
        VOEvent's ISOTime."
      displayHint="type=humanDate">
      <property name="source">START</property>
      <property name="voevent">ISOTime</property>
    </column>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="Time of the event as a Modified Julian Date (EVENTMJD;
        for VOEvents computed from the ISOTime).">
      <values min="40000" max="100000"/>
      <property name="source">EVENTMJD</property>
      <property name="voevent">MJD</property>
    </column>
    <FEED source="common#positions" raSource="RA" decSource="DEC" what="the best-fit arrival direction" note=" (J2000)"/>
    <column name="ra_err_plus" type="double precision"
      ucd="stat.error;pos.eq.ra" unit="deg" tablehead="RA err +"
      verbLevel="5"
      description="Upper 90% bound of the right ascension minus the best
        fit, an extent in RA (multiply by cos(dec) for the angle on the
        sky), as given (RA_ERR_PLUS); for cascades the circular radius.
        NULL for VOEvents.">
      <values min="0" max="360"/>
      <property name="source">RA_ERR_PLUS</property>
    </column>
    <column name="ra_err_minus" type="double precision"
      ucd="stat.error;pos.eq.ra" unit="deg" tablehead="RA err -"
      verbLevel="5"
      description="Best-fit right ascension minus its lower 90% bound, an
        extent in RA, as given (RA_ERR_MINUS); for cascades the circular
        radius.  NULL for VOEvents.">
      <values min="0" max="360"/>
      <property name="source">RA_ERR_MINUS</property>
    </column>
    <column name="dec_err_plus" type="double precision"
      ucd="stat.error;pos.eq.dec" unit="deg" tablehead="Dec err +"
      verbLevel="5"
      description="Upper 90% bound of the declination minus the best fit,
        as given (DEC_ERR_PLUS).  NULL for VOEvents.">
      <values min="0" max="180"/>
      <property name="source">DEC_ERR_PLUS</property>
    </column>
    <column name="dec_err_minus" type="double precision"
      ucd="stat.error;pos.eq.dec" unit="deg" tablehead="Dec err -"
      verbLevel="5"
      description="Best-fit declination minus its lower 90% bound, as
        given (DEC_ERR_MINUS).  NULL for VOEvents.">
      <values min="0" max="180"/>
      <property name="source">DEC_ERR_MINUS</property>
    </column>
    <column name="err_radius" type="double precision"
      ucd="stat.error;pos" unit="deg" tablehead="Err. radius"
      verbLevel="5"
      description="Radius of a circular 90% error region (cascade alerts;
        VOEvent Error2Radius); NULL where the region is the asymmetric
        rectangle.">
      <values min="0" max="90"/>
      <property name="derive">circle_radius</property>
      <property name="voevent">Error2Radius</property>
    </column>
    <column name="error_region" type="spoly" ucd="pos.outline;obs.field"
      unit="deg" tablehead="90% region" verbLevel="5"
      description="Polygon enclosing the 90% error region: the asymmetric
        ellipse inscribed in the RA/Dec error bounds, or the error circle,
        with 16 vertices (computed by the data centre; see the resource
        documentation).">
      <property name="derive">error_region</property>
    </column>
    <column name="energy" type="double precision" ucd="phys.energy"
      unit="TeV" tablehead="E" verbLevel="1"
      description="Most probable energy of the neutrino (IceCat-1 ENERGY,
        assuming an E^-2.19 astrophysical spectrum; VOEvent energy).">
      <values min="0" max="1e9"/>
      <property name="source">ENERGY</property>
      <property name="voevent">energy</property>
    </column>
    <column name="far" type="double precision" ucd="stat.probability"
      unit="yr**-1" tablehead="FAR" verbLevel="1"
      description="False alarm rate: expected rate of background events
        like this one, per year (FAR).">
      <values min="0" max="1e9"/>
      <property name="source">FAR</property>
      <property name="voevent">FAR</property>
    </column>
    <column name="signalness" type="double precision"
      ucd="stat.probability" tablehead="Signalness" verbLevel="1"
      description="Probability that the event is of astrophysical origin
        (SIGNAL, assuming an E^-2.19 spectrum); dimensionless.">
      <values min="0" max="1"/>
      <property name="source">SIGNAL</property>
      <property name="voevent">signalness</property>
    </column>
    <column name="cascade_score" type="double precision"
      ucd="stat.probability" tablehead="Cascade score" verbLevel="10"
      description="Topology classifier probability: vertex inside the
        detector with a shower (CASCADE_SCR).">
      <values min="0" max="1"/>
      <property name="source">CASCADE_SCR</property>
    </column>
    <column name="skimming_score" type="double precision"
      ucd="stat.probability" tablehead="Skimming score" verbLevel="10"
      description="Topology classifier probability: vertex outside, little
        or no energy in the detector (SKIMMING_SCR).">
      <values min="0" max="1"/>
      <property name="source">SKIMMING_SCR</property>
    </column>
    <column name="starting_score" type="double precision"
      ucd="stat.probability" tablehead="Starting score" verbLevel="10"
      description="Topology classifier probability: vertex inside the
        detector with a muon track (START_SCR).">
      <values min="0" max="1"/>
      <property name="source">START_SCR</property>
    </column>
    <column name="stopping_score" type="double precision"
      ucd="stat.probability" tablehead="Stopping score" verbLevel="10"
      description="Topology classifier probability: muon track entering
        and stopping in the detector (STOP_SCR).">
      <values min="0" max="1"/>
      <property name="source">STOP_SCR</property>
    </column>
    <column name="throughgoing_score" type="double precision"
      ucd="stat.probability" tablehead="Through-going score" verbLevel="10"
      description="Topology classifier probability: muon track passing
        through the detector (THRGOING_SCR).">
      <values min="0" max="1"/>
      <property name="source">THRGOING_SCR</property>
    </column>
    <column name="cr_veto" type="smallint" ucd="meta.code.qual"
      tablehead="CR veto" verbLevel="5"
      description="1 if IceTop saw significant coincident cosmic-ray
        air-shower activity, so that the event is likely background, 0 if
        not (IceCat-1 CR_VETO TRUE/FALSE, evaluated after the alert); NULL
        where not given.  An integer rather than a boolean, because ADQL
        has no boolean type.">
      <property name="source">CR_VETO</property>
      <property name="source_format">boolean</property>
      <values nullLiteral="-1"/>
    </column>
    <column name="ivorn" type="text" ucd="meta.ref.ivoid"
      tablehead="IVORN" verbLevel="10"
      description="IVORN of the VOEvent the row comes from; NULL for
        catalogue entries.">
      <property name="voevent">ivorn</property>
    </column>
    <column name="source_file" type="text" ucd="meta.ref;meta.file"
      tablehead="Source file" verbLevel="10" required="True"
      description="The input file the row was read from.">
      <property name="derive">source_file</property>
    </column>
  </table>

  <!-- The on-the-fly analysis of arriving alerts (apdc alert add,
    apdc alert analyse; apdc/alert_analysis.py).  Its parameters are
    the properties of the table analyses; the tables keep their rows
    through re-imports of the alerts (data analysis, updating). -->
  <table id="analyses" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="alert_id">
    <FEED source="releases#current" name="IZAR"/>
    <property name="filledBy">apdc alert add / apdc alert analyse (apdc/alert_analysis.py, one transaction per alert)</property>
    <!-- the searches: TABLE:ID_COLUMN[:NAME_COLUMN], blank separated;
      tables absent from the database are left out (and said so) -->
    <property name="region_tables">fermi3fhl.main:source_name:source_name fermi3fgl.main:source_name:source_name gammacat.main:source_id:common_name tevcat.main:source_id:source_name hgps.main:source_name:source_name swift_bat70.main:swift_name:counterpart_name vcv_agn.main:name:name</property>
    <property name="uhecr_tables">auger2022.events:event_id ta2014.events:event_id</property>
    <property name="air_shower_tables">kascade.events:event_did tunka_rex.events:event_did</property>
    <property name="neutrino_tables">icecube_ps.events:event_id</property>
    <property name="uhecr_radius">5.0</property>
    <property name="event_radius">3.0</property>
    <property name="time_window">1.0</property>
    <property name="n_scrambles">1000</property>
    <property name="seed">20170922</property>
    <meta name="description">
      One row per analysed alert: the alert as analysed (best fit, 90%
      region, time), the search parameters, and for each kind of
      counterpart the number found and its chance probability from
      scrambled skies.  Counterparts are in icecube_alerts.counterparts,
      the count of each searched table in icecube_alerts.searches.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>
    <index columns="obs_time"/>
    <index columns="alert_name"/>
    <column name="alert_id" type="text" ucd="meta.id;meta.main"
      tablehead="Alert" verbLevel="1" required="True"
      description="Identifier of the alert, IceCube 'run_event' (as in
        icecube_alerts.alerts)."/>
    <column name="alert_name" type="text" ucd="meta.id"
      tablehead="Alert name" verbLevel="1"
      description="Name of the alert in GCN circulars (e.g.
        IceCube-170922A); NULL where the alert has none."/>
    <column name="alert_type" type="text" ucd="meta.code.class"
      tablehead="Type" verbLevel="1" required="True"
      description="Event topology of the alert: track or cascade."/>
    <column name="revision" type="smallint" ucd="meta.version"
      tablehead="Rev." verbLevel="10"
      description="Revision of the analysed VOEvent notice; NULL for an
        alert analysed from the catalogue.">
      <values nullLiteral="-1"/>
    </column>
    <column name="obs_time" type="timestamp" ucd="time.epoch;meta.main"
      unit="" tablehead="Time (UTC)" verbLevel="1" required="True"
      description="Time of the neutrino event (UTC)."
      displayHint="type=humanDate"/>
    <column name="obs_mjd" type="double precision" ucd="time.epoch"
      unit="d" tablehead="MJD" verbLevel="5" required="True"
      description="Time of the neutrino event as a Modified Julian Date.">
      <values min="40000" max="100000"/>
    </column>
    <FEED source="common#positions" from="derive" raSource="alert" decSource="alert" what="the alert's best-fit direction" note=" as analysed"/>
    <column name="err_radius" type="double precision"
      ucd="stat.error;pos" unit="deg" tablehead="Err. radius"
      verbLevel="5"
      description="Radius of a circular 90% error region; NULL where the
        region is IceCat-1's asymmetric rectangle.">
      <values min="0" max="90"/>
    </column>
    <column name="error_region" type="spoly" ucd="pos.outline;obs.field"
      unit="deg" tablehead="90% region" verbLevel="5" required="True"
      description="The 90% error region searched for catalogue sources
        (16-vertex polygon, as in icecube_alerts.alerts)."/>
    <column name="origin" type="text" ucd="meta.ref;meta.file"
      tablehead="Analysed from" verbLevel="5" required="True"
      description="What the analysed values come from: the VOEvent file
        (its name) or icecube_alerts.alerts (an alert of a catalogue)."/>
    <column name="ivorn" type="text" ucd="meta.ref.ivoid"
      tablehead="IVORN" verbLevel="10"
      description="IVORN of the analysed VOEvent; NULL for catalogue
        alerts."/>
    <column name="analysed_at" type="timestamp" ucd="time.processing"
      unit="" tablehead="Analysed (UTC)" verbLevel="5" required="True"
      description="When the data centre analysed the alert (UTC)."/>
    <column name="duration" type="double precision" ucd="time.duration"
      unit="s" tablehead="Took" verbLevel="10" required="True"
      description="Wall-clock time the analysis took, queries, scrambles
        and storing included."/>
    <column name="n_scrambles" type="integer" ucd="meta.number"
      tablehead="Scrambles" verbLevel="5" required="True"
      description="Number of scrambled skies (right ascensions of the
        candidate objects redrawn, declinations and times kept) behind
        each chance probability."/>
    <column name="seed" type="bigint" ucd="meta.code"
      tablehead="Seed" verbLevel="10" required="True"
      description="Seed of the scrambles; the same seed gives the same
        probabilities."/>
    <column name="uhecr_radius" type="double precision" ucd="pos.angDistance"
      unit="deg" tablehead="UHECR radius" verbLevel="5" required="True"
      description="Angular distance from the best fit within which
        ultra-high-energy cosmic-ray events (any time) are counted."/>
    <column name="event_radius" type="double precision" ucd="pos.angDistance"
      unit="deg" tablehead="Event radius" verbLevel="5" required="True"
      description="Angular distance from the best fit within which air
        showers and neutrino events inside the time window are
        counted."/>
    <column name="time_window" type="double precision" ucd="time.interval"
      unit="d" tablehead="Time window" verbLevel="5" required="True"
      description="Half-width of the time window around the alert for
        air showers and neutrino events."/>
    <column name="n_sources" type="integer" ucd="meta.number"
      tablehead="N sources" verbLevel="1" required="True"
      description="Catalogue sources (gamma-ray catalogues, Swift-BAT,
        Veron-Cetty and Veron AGN) inside the 90% error region."/>
    <column name="p_sources" type="double precision" ucd="stat.probability"
      tablehead="P sources" verbLevel="1" required="True"
      description="Chance probability of at least n_sources catalogue
        sources in the region, from scrambled skies."/>
    <column name="n_uhecr" type="integer" ucd="meta.number"
      tablehead="N UHECR" verbLevel="1" required="True"
      description="Ultra-high-energy cosmic rays (Auger, Telescope Array)
        within uhecr_radius of the best fit."/>
    <column name="p_uhecr" type="double precision" ucd="stat.probability"
      tablehead="P UHECR" verbLevel="1" required="True"
      description="Chance probability of at least n_uhecr such events,
        from scrambled skies."/>
    <column name="n_air_showers" type="integer" ucd="meta.number"
      tablehead="N showers" verbLevel="1" required="True"
      description="Air showers (KASCADE, Tunka-Rex where served) within
        event_radius and time_window of the alert."/>
    <column name="p_air_showers" type="double precision"
      ucd="stat.probability" tablehead="P showers" verbLevel="1"
      required="True"
      description="Chance probability of at least n_air_showers such
        showers, from scrambled skies."/>
    <column name="n_neutrinos" type="integer" ucd="meta.number"
      tablehead="N neutrinos" verbLevel="1" required="True"
      description="IceCube point-source events within event_radius and
        time_window of the alert."/>
    <column name="p_neutrinos" type="double precision"
      ucd="stat.probability" tablehead="P neutrinos" verbLevel="1"
      required="True"
      description="Chance probability of at least n_neutrinos such
        events, from scrambled skies."/>
    <column name="n_counterparts" type="integer" ucd="meta.number"
      tablehead="N total" verbLevel="1" required="True"
      description="All counterparts found (the sum of the four counts);
        n_counterparts &gt; 0 selects the alerts with a counterpart."/>
    <column name="summary" type="text" ucd="meta.note"
      tablehead="Summary" verbLevel="10" required="True"
      description="The analysis in a few lines of text, as mailed to the
        portal's subscribers."/>
  </table>

  <table id="searches" onDisk="True" adql="True"
      primary="alert_id, searched_table">
    <FEED source="releases#current" name="IZAR"/>
    <property name="filledBy">apdc alert add / apdc alert analyse (apdc/alert_analysis.py, one transaction per alert)</property>
    <meta name="description">
      One row per analysed alert and searched table: what was searched,
      how many objects could fall into the region in a scrambled sky,
      how many were found, and their chance probability.
    </meta>
    <index columns="alert_id"/>
    <column name="alert_id" type="text" ucd="meta.id"
      tablehead="Alert" verbLevel="1" required="True"
      description="The analysed alert (icecube_alerts.analyses)."/>
    <column name="searched_table" type="text" ucd="meta.id;meta.dataset"
      tablehead="Table" verbLevel="1" required="True"
      description="The searched table (schema.table, as in TAP)."/>
    <column name="kind" type="text" ucd="meta.code.class"
      tablehead="Kind" verbLevel="1" required="True"
      description="The kind of counterpart the table gives: sources,
        uhecr, air_showers or neutrinos."/>
    <column name="search_region" type="text" ucd="meta.code"
      tablehead="Region" verbLevel="1" required="True"
      description="error_region (inside the 90% polygon), cone (within
        radius) or cone_time (within radius and the time window)."/>
    <column name="radius" type="double precision" ucd="pos.angDistance"
      unit="deg" tablehead="Radius" verbLevel="5"
      description="Radius of the searched cone; NULL for the error
        region."/>
    <column name="time_window" type="double precision" ucd="time.interval"
      unit="d" tablehead="Window" verbLevel="5"
      description="Half-width of the time window; NULL where any time
        counts."/>
    <column name="n_candidates" type="integer" ucd="meta.number"
      tablehead="Candidates" verbLevel="5" required="True"
      description="Objects whose declination (and time) let them fall
        into the region in a scrambled sky."/>
    <column name="n_found" type="integer" ucd="meta.number"
      tablehead="Found" verbLevel="1" required="True"
      description="Objects found in the region."/>
    <column name="p_chance" type="double precision" ucd="stat.probability"
      tablehead="P chance" verbLevel="1" required="True"
      description="Chance probability of at least n_found objects, from
        the scrambled skies of icecube_alerts.analyses.n_scrambles."/>
  </table>

  <table id="counterparts" onDisk="True" adql="True"
      mixin="//scs#q3cindex" primary="alert_id, searched_table, object_id">
    <FEED source="releases#current" name="IZAR"/>
    <property name="filledBy">apdc alert add / apdc alert analyse (apdc/alert_analysis.py, one transaction per alert)</property>
    <meta name="description">
      One row per counterpart of an analysed alert: a catalogue source
      in its error region, or an event within the searched distance
      (and time window).
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>
    <index columns="alert_id"/>
    <column name="alert_id" type="text" ucd="meta.id"
      tablehead="Alert" verbLevel="1" required="True"
      description="The analysed alert (icecube_alerts.analyses)."/>
    <column name="searched_table" type="text" ucd="meta.id;meta.dataset"
      tablehead="Table" verbLevel="1" required="True"
      description="The table the counterpart comes from (schema.table)."/>
    <column name="kind" type="text" ucd="meta.code.class"
      tablehead="Kind" verbLevel="1" required="True"
      description="sources, uhecr, air_showers or neutrinos."/>
    <column name="object_id" type="text" ucd="meta.id;meta.main"
      tablehead="Object" verbLevel="1" required="True"
      description="Identifier of the object in its table."/>
    <column name="object_name" type="text" ucd="meta.id"
      tablehead="Name" verbLevel="1"
      description="Name of the source (or its association) where the
        catalogue gives one; NULL for events."/>
    <FEED source="common#positions" from="derive" raSource="counterpart" decSource="counterpart" what="the counterpart" note=" (as in its table)"/>
    <column name="ang_distance" type="double precision" ucd="pos.angDistance"
      unit="deg" tablehead="Dist." verbLevel="1" required="True"
      description="Angular distance of the counterpart from the alert's
        best fit."/>
    <column name="obs_time" type="timestamp" ucd="time.epoch"
      unit="" tablehead="Time (UTC)" verbLevel="5"
      description="Time of the event; NULL for catalogue sources."
      displayHint="type=humanDate"/>
    <column name="time_offset" type="double precision" ucd="time.interval"
      unit="d" tablehead="dt" verbLevel="5"
      description="Time of the event minus the time of the alert; NULL
        for catalogue sources."/>
  </table>

  <coverage>
    <!-- a coarse MOC: the events sample the sky the instrument sees -->
    <updater sourceTable="alerts" mocOrder="2"/>
  </coverage>

  <!-- Only creates the table and its metadata; apdc import fills it.
    auto="False" keeps a plain "dachs imp icecube_alerts" from emptying
    it. -->
  <data id="create" auto="False">
    <make table="alerts"/>
  </data>
  <!-- Creates the analysis tables where missing and keeps their rows
    (updating): apdc import runs it after every import of the alerts. -->
  <data id="analysis" auto="False" updating="True">
    <make table="analyses"/>
    <make table="searches"/>
    <make table="counterparts"/>
  </data>

  <service id="found" allowed="form,api">
    <meta name="title">IceCube alert analysis: counterparts</meta>
    <meta name="shortName">IC alert counterparts</meta>
    <meta name="description">
      The counterparts that the data centre's on-the-fly analysis found
      for one IceCube alert (parameter alert_id, e.g. 130033_50579430 for
      IceCube-170922A): catalogue sources inside its 90% error region,
      ultra-high-energy cosmic rays near it, air showers and neutrino
      events near it in time, as a VOTable (renderer api) or a form.
    </meta>
    <dbCore queriedTable="counterparts">
      <condDesc required="True" buildFrom="alert_id"/>
      <condDesc buildFrom="kind"/>
    </dbCore>
  </service>
  <FEED source="common#cone"
      title="IceCube Alerts Cone Search"
      shortName="IC alerts cone"
      description="Cone search over the best-fit directions (ICRS) of IceCube&#x27;s realtime neutrino alerts (IceCat-1 tracks, cascades, VOEvents)."
      testRA="77.43"
      testDec="5.79"
      testSR="1.0"
      table="alerts"
      condDescs="alert_type energy obs_mjd"/>

  <regSuite title="IceCube alerts regression">
    <regTest title="IceCube alerts cone search finds IceCube-170922A">
      <url RA="77.43" DEC="5.79" SR="0.5">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        names = [row["alert_name"] for row in rows]
        self.assertTrue("IceCube-170922A" in names, names)
        row = rows[names.index("IceCube-170922A")]
        self.assertEqual(row["alert_id"], "130033_50579430")
        self.assertAlmostEqual(row["energy"], 264.0)
      </code>
    </regTest>
    <regTest title="IceCube alerts: TXS 0506+056 is in the 90% region of
        IceCube-170922A">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT alert_name FROM
        icecube_alerts.alerts WHERE 1=CONTAINS(POINT('ICRS', 77.3582,
        5.6932), error_region)">/tap/sync</url>
      <code>
        names = [row["alert_name"] for row in self.getVOTableRows()]
        self.assertTrue("IceCube-170922A" in names, names)
      </code>
    </regTest>
    <regTest title="IceCube alerts: all IceCat-1 tracks and cascades in TAP">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT alert_type,
        COUNT(*) AS n FROM icecube_alerts.alerts WHERE ivorn IS NULL
        GROUP BY alert_type">/tap/sync</url>
      <code>
        counts = dict((row["alert_type"], row["n"])
          for row in self.getVOTableRows())
        self.assertEqual(counts, {"track": 348, "cascade": 26})
      </code>
    </regTest>
    <regTest title="IceCube alerts cone search without a radius answers with a VOTable
        error">
      <url RA="10" DEC="10">cone/scs.xml</url>
      <code>
        self.assertHasStrings('name="Error"', "SR")
      </code>
    </regTest>
  </regSuite>
</resource>
