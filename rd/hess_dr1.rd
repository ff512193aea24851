<?xml version="1.0" encoding="utf-8"?>
<!-- H.E.S.S. DL3 public test data release 1: the observation index and
the run files.

How each table is filled ("apdc import hess_dr1", manifest
resources/hess_dr1/dataset.json, docs/datalink.md):

* observations: the binary COPY of apdc from obs-index.fits.gz
  (converters/hess_dl3.py: each column taken from the index names its
  GADF column in <property name="source"> and its range in <values>);
  data "create" only creates the table;
* run_files (and dc.products): DaCHS's grammar over the served run
  files, data "runs" ("dachs imp hess_dr1 runs", after the COPY
  tables); the files are unpacked by the product step
  apdc/products/hess.py:unpack_runs.
-->
<resource schema="hess_dr1" resdir="../resources/hess_dr1">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <!-- where the instrument stands: "latitude longitude place" (deg,
    WGS84), for the geo-locations of the FAIR records (docs/fair.md) -->
  <property name="site">-23.2717 16.5000 H.E.S.S., Khomas Highland, Namibia</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">H.E.S.S. DL3 Public Test Data Release 1: Observation Index</meta>
  <meta name="shortName">HESS DL3 DR1 obs</meta>
  <meta name="description">
    The 105 observation runs of the first public test data release of the
    H.E.S.S. imaging atmospheric Cherenkov telescopes (HESS DL3 DR1,
    H.E.S.S. collaboration 2018): pointing position (equatorial, galactic
    and horizontal), observed object and target, start and stop time,
    on-time, live time and dead-time correction, telescopes, optical
    (muon) efficiency, event count, quality flag and safe energy range of
    each run, taken in 2004-2008 on the Crab Nebula, PKS 2155-304,
    MSH 15-52, RX J1713.7-3946 and empty-field ("off") regions.  The
    release is a test data set for data formats and open science tools:
    no new scientific claims may be derived from it.  The event lists and
    instrument response functions of the runs are in the release itself
    (GADF DL3 FITS files hess_dl3_dr1_obs_id_NNNNNN.fits.gz by obs_id).
  </meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">gamma-ray-sources</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="creator">H.E.S.S. Collaboration</meta>
  <meta name="instrument">H.E.S.S. I (four 12 m Cherenkov telescopes)</meta>
  <meta name="facility">High Energy Stereoscopic System (H.E.S.S.), Namibia</meta>
  <meta name="source">2018arXiv181004516H</meta>
  <meta name="referenceURL">https://www.mpi-hd.mpg.de/hfm/HESS/pages/dl3-dr1/</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    H.E.S.S. DL3 public test data release 1, H.E.S.S. collaboration 2018
    (doi:10.5281/zenodo.1421099), licensed under Creative Commons
    Attribution 4.0 International (CC BY 4.0), with the release's terms of
    use: No scientific publications may be derived from the data.  Using
    the data for new claims about the astrophysical sources is not
    permitted.  When using this data, please include the following
    attribution: "This work made use of data from the H.E.S.S. DL3 public
    test data release 1 (HESS DL3 DR1, H.E.S.S. collaboration, 2018)."
    Alternatively, use the shorter version, e.g. for presentations:
    "HESS DL3 DR1, H.E.S.S. collaboration".  These terms of use must be
    included in all copies in full or part of the data.
  </meta>
  <meta name="rights.rightsURI">https://creativecommons.org/licenses/by/4.0/</meta>
  <meta name="howtociteLink">https://doi.org/10.5281/zenodo.1421099</meta>
  <meta name="_longdoc" format="rst">
    Terms of use
    ------------

    The release's README.txt (kept with the data in
    resources/hess_dr1/data) says: no scientific publications may be
    derived from the data; using the data for new claims about the
    astrophysical sources is not permitted.  Attribution: "This work made
    use of data from the H.E.S.S. DL3 public test data release 1 (HESS
    DL3 DR1, H.E.S.S. collaboration, 2018)".  These terms must be
    included in all copies in full or part of the data; they are in the
    rights of this resource, which every VOTable and registry record of
    it carries.  Release paper: H.E.S.S. Collaboration, arXiv:1810.04516.

    Provenance
    ----------

    Official origin: Zenodo record 10.5281/zenodo.1421099, archive
    ``hess_dl3_dr1.tar.gz``, member ``hess_dl3_dr1/obs-index.fits.gz``
    (HDU OBS_INDEX, GADF format 0.2, one row per run).  The import
    verifies the SHA-256 of that file (resources/hess_dr1/SHA256SUMS).

    Taken over unchanged (GADF column in brackets): ``obs_id`` (OBS_ID),
    ``ra``/``dec`` (RA_PNT/DEC_PNT), ``gal_l``/``gal_b``
    (GLON_PNT/GLAT_PNT), ``zenith``/``altitude``/``azimuth``
    (ZEN_PNT/ALT_PNT/AZ_PNT), ``object`` (OBJECT), ``ra_obj``/``dec_obj``
    (RA_OBJ/DEC_OBJ), ``offset_obj`` (OFFSET_OBJ), ``ontime`` (ONTIME),
    ``livetime`` (LIVETIME), ``deadc`` (DEADC), ``met_start``/``met_stop``
    (TSTART/TSTOP), ``n_tels`` (N_TELS), ``tel_list`` (TELLIST),
    ``quality`` (QUALITY), ``muon_eff`` (MUONEFF), ``event_count``
    (EVENT_COUNT), ``target_name``, ``target_tag``, ``target_offset``
    (TARGET_NAME, TARGET_TAG, TARGET_OFFSET; the offset is NULL for the
    45 "Off data" runs, NaN in the file), ``safe_energy_lo``/``hi``
    (SAFE_ENERGY_LO/HI).

    Computed by the data centre: ``t_start``, ``t_stop`` (UTC timestamps)
    and ``t_start_mjd``, ``t_stop_mjd`` (UTC MJD) from TSTART/TSTOP, which
    are seconds in TT since MJDREFI + MJDREFF = MJD 51910.000742870 (TT),
    that is 2001-01-01T00:00:00 UTC; leap seconds are applied with
    astropy.  The index's DATE-OBS/TIME-OBS strings are in TT as well
    (64.184 s and, after the leap second of 2005-12-31, 65.184 s ahead of
    UTC) and are not served.

    The pointing is fixed in RA/Dec during a run; its altitude and
    azimuth change, and the published ALT_PNT/AZ_PNT/ZEN_PNT are one
    representative value per run (within a few degrees of the pointing at
    the middle of the run).  The index gives no field-of-view size; the
    cone search is on the pointing position.

    Run files, ObsCore and DataLink
    -------------------------------

    The 105 DL3 files (``hess_dl3_dr1/data/hess_dl3_dr1_obs_id_NNNNNN.fits.gz``
    in the same archive, SHA-256 verified) are served uncompressed (same
    content) through /getproduct and published in ivoa.obscore as event
    lists (``dataproduct_type`` event, ``calib_level`` 2): pointing,
    a field of view of 2.5 deg radius (where the runs' IRFs end), start
    and stop, live time, and the safe energy range as vacuum wavelength
    (lambda = hc/E).  Each run has DataLink links (``pub_did``): the file,
    its four IRFs as FITS files of their own, and a SODA service cutting
    the events by position, time and energy (docs/datalink.md).
  </meta>

  <table id="observations" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="obs_id">
    <FEED source="releases#current" name="GACRUX"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per observation run of the H.E.S.S. DL3 DR1 (observation
      index of the release).
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>
    <meta name="_associatedDatalinkService">
      <meta name="serviceId">dl</meta>
      <meta name="idColumn">pub_did</meta>
    </meta>

    <!-- ivoa.obscore: one event-list row per run.  The view is
      SELECT clause FROM hess_dr1.observations; the file-related values
      come from run_files (registered from the data folder on import).
      em_min/em_max: the run's safe energy range as vacuum wavelength,
      lambda = hc/E with hc = 1.2398419843320028e-18 TeV m (so em_min
      belongs to safe_energy_hi).  s_fov/s_region: the 2.5 deg radius
      up to which the runs' IRFs are given (services/hess/names.py).
      target_name: the object logged by H.E.S.S. (the release's target
      where that is just 'custom'). -->
    <mixin
      productType="'event'"
      calibLevel="2"
      collectionName="'H.E.S.S. DL3 DR1'"
      obsId="CAST(obs_id AS text)"
      title="'H.E.S.S. DL3 DR1 run ' || obs_id || ' (' || object || ')'"
      did="'ivo://\getConfig{ivoa}{authority}/~?hess_dr1/hess_dl3_dr1_obs_id_'
        || lpad(CAST(obs_id AS text), 6, '0') || '.fits'"
      accessURL="(SELECT f.accref FROM hess_dr1.run_files AS f
        WHERE f.obs_id = hess_dr1.observations.obs_id)"
      mime="'application/fits'"
      size="(SELECT (f.accsize + 1023) / 1024 FROM hess_dr1.run_files AS f
        WHERE f.obs_id = hess_dr1.observations.obs_id)"
      preview="NULL"
      targetName="CASE WHEN object = 'custom' THEN target_name
        ELSE object END"
      ra="ra"
      dec="dec"
      fov="5.0"
      coverage="(SELECT f.fov FROM hess_dr1.run_files AS f
        WHERE f.obs_id = hess_dr1.observations.obs_id)"
      tMin="t_start_mjd"
      tMax="t_stop_mjd"
      expTime="livetime"
      emMin="1.2398419843320028e-18 / safe_energy_hi"
      emMax="1.2398419843320028e-18 / safe_energy_lo"
      emUCD="'em.energy'"
      oUCD="'phot.count'"
      facilityName="'H.E.S.S.'"
      instrumentName="'H.E.S.S. Phase I'"
      >//obscore#publish</mixin>

    <!-- pub_did is computed by PostgreSQL (a generated column), so the
      converter and the binary COPY of "apdc import" need not supply it;
      it is the ID of the run's DataLink links (the dl service). -->
    <script type="postCreation" lang="SQL" name="pub_did generated">
      ALTER TABLE \qName DROP COLUMN pub_did;
      ALTER TABLE \qName ADD COLUMN pub_did text GENERATED ALWAYS AS (
        'ivo://\getConfig{ivoa}{authority}/~?hess_dr1/hess_dl3_dr1_obs_id_'
        || lpad(CAST(obs_id AS text), 6, '0') || '.fits') STORED
    </script>

    <index columns="t_start"/>
    <index columns="t_start_mjd"/>
    <index columns="target_tag"/>

    <column name="obs_id" type="integer" ucd="meta.id;meta.main"
      tablehead="Obs. ID" verbLevel="1" required="True"
      description="H.E.S.S. run number (OBS_ID); the run's DL3 file in the
        release is data/hess_dl3_dr1_obs_id_NNNNNN.fits.gz with NNNNNN the
        zero-padded obs_id.">
      <property name="source">OBS_ID</property>
    </column>
    <column name="pub_did" type="text" ucd="meta.ref.ivoid"
      tablehead="Pub. DID" verbLevel="15"
      description="Publisher DID of the run's DL3 file (as in ivoa.obscore);
        the ID for the run's DataLink links (file, IRFs, SODA cutout).
        Computed from obs_id by the database."/>
    <column name="ra" type="double precision" ucd="pos.eq.ra;meta.main"
      unit="deg" tablehead="RA pnt" verbLevel="1" required="True"
      description="ICRS right ascension of the pointing position (RA_PNT).">
      <property name="source">RA_PNT</property>
      <values min="0" max="360"/>
    </column>
    <column name="dec" type="double precision" ucd="pos.eq.dec;meta.main"
      unit="deg" tablehead="Dec pnt" verbLevel="1" required="True"
      description="ICRS declination of the pointing position (DEC_PNT).">
      <property name="source">DEC_PNT</property>
      <values min="-90" max="90"/>
    </column>
    <column name="gal_l" type="double precision" ucd="pos.galactic.lon"
      unit="deg" tablehead="l pnt" verbLevel="5" required="True"
      description="Galactic longitude of the pointing position (GLON_PNT).">
      <property name="source">GLON_PNT</property>
      <values min="0" max="360"/>
    </column>
    <column name="gal_b" type="double precision" ucd="pos.galactic.lat"
      unit="deg" tablehead="b pnt" verbLevel="5" required="True"
      description="Galactic latitude of the pointing position (GLAT_PNT).">
      <property name="source">GLAT_PNT</property>
      <values min="-90" max="90"/>
    </column>
    <column name="zenith" type="double precision" ucd="pos.az.zd"
      unit="deg" tablehead="Zenith" verbLevel="5" required="True"
      description="Zenith angle of the pointing, one representative value
        for the run (ZEN_PNT).">
      <property name="source">ZEN_PNT</property>
      <values min="0" max="90"/>
    </column>
    <column name="altitude" type="double precision" ucd="pos.az.alt"
      unit="deg" tablehead="Alt" verbLevel="10" required="True"
      description="Altitude of the pointing, one representative value for
        the run (ALT_PNT; 90 deg minus zenith).">
      <property name="source">ALT_PNT</property>
      <values min="0" max="90"/>
    </column>
    <column name="azimuth" type="double precision" ucd="pos.az.azi"
      unit="deg" tablehead="Az" verbLevel="10" required="True"
      description="Azimuth of the pointing, counted from north through east,
        one representative value for the run (AZ_PNT).">
      <property name="source">AZ_PNT</property>
      <values min="0" max="360"/>
    </column>
    <column name="object" type="text" ucd="meta.id;src"
      tablehead="Object" verbLevel="1"
      description="Object name of the observation as logged by H.E.S.S.
        (OBJECT; may be 'custom' or a position).">
      <property name="source">OBJECT</property>
    </column>
    <column name="ra_obj" type="double precision" ucd="pos.eq.ra;src"
      unit="deg" tablehead="RA obj" verbLevel="10" required="True"
      description="ICRS right ascension of the observed object (RA_OBJ).">
      <property name="source">RA_OBJ</property>
      <values min="0" max="360"/>
    </column>
    <column name="dec_obj" type="double precision" ucd="pos.eq.dec;src"
      unit="deg" tablehead="Dec obj" verbLevel="10" required="True"
      description="ICRS declination of the observed object (DEC_OBJ).">
      <property name="source">DEC_OBJ</property>
      <values min="-90" max="90"/>
    </column>
    <column name="offset_obj" type="double precision" ucd="pos.angDistance"
      unit="deg" tablehead="Offset obj" verbLevel="10" required="True"
      description="Angular distance of the pointing from the observed
        object (OFFSET_OBJ; wobble offset).">
      <property name="source">OFFSET_OBJ</property>
      <values min="0" max="10"/>
    </column>
    <column name="target_name" type="text" ucd="meta.id;src"
      tablehead="Target" verbLevel="1"
      description="Name of the release's analysis target the run belongs
        to (TARGET_NAME: Crab, PKS 2155-304 (flare), PKS 2155-304 (steady),
        MSH 15-52, RX J1713.7-3946 or Off data).">
      <property name="source">TARGET_NAME</property>
    </column>
    <column name="target_tag" type="text" ucd="meta.id"
      tablehead="Target tag" verbLevel="5"
      description="Short machine-readable tag of the target
        (TARGET_TAG, e.g. crab, offdata).">
      <property name="source">TARGET_TAG</property>
    </column>
    <column name="target_offset" type="double precision"
      ucd="pos.angDistance" unit="deg" tablehead="Target offset"
      verbLevel="10"
      description="Angular distance of the pointing from the target
        (TARGET_OFFSET); NULL for the Off data runs.">
      <property name="source">TARGET_OFFSET</property>
      <values min="0" max="180"/>
    </column>
    <column name="t_start" type="timestamp" ucd="time.start;obs"
      unit="" tablehead="Start (UTC)" verbLevel="1" required="True"
      description="Start of the run (UTC), computed from TSTART."
      displayHint="type=humanDate"/>
    <column name="t_stop" type="timestamp" ucd="time.end;obs"
      unit="" tablehead="Stop (UTC)" verbLevel="5" required="True"
      description="End of the run (UTC), computed from TSTOP."
      displayHint="type=humanDate"/>
    <column name="t_start_mjd" type="double precision" ucd="time.start;obs"
      unit="d" tablehead="Start MJD" verbLevel="5" required="True"
      description="Start of the run as a Modified Julian Date (UTC)."/>
    <column name="t_stop_mjd" type="double precision" ucd="time.end;obs"
      unit="d" tablehead="Stop MJD" verbLevel="5" required="True"
      description="End of the run as a Modified Julian Date (UTC)."/>
    <column name="met_start" type="double precision" ucd="time.start;obs"
      unit="s" tablehead="TSTART" verbLevel="20" required="True"
      description="Start of the run as published (TSTART): seconds in TT
        since MJD 51910.000742870 (TT), 2001-01-01T00:00:00 UTC.">
      <property name="source">TSTART</property>
      <values min="0" max="1e10"/>
    </column>
    <column name="met_stop" type="double precision" ucd="time.end;obs"
      unit="s" tablehead="TSTOP" verbLevel="20" required="True"
      description="End of the run as published (TSTOP): seconds in TT
        since MJD 51910.000742870 (TT), 2001-01-01T00:00:00 UTC.">
      <property name="source">TSTOP</property>
      <values min="0" max="1e10"/>
    </column>
    <column name="ontime" type="double precision" ucd="time.duration;obs"
      unit="s" tablehead="Ontime" verbLevel="5" required="True"
      description="Total observation time of the run (ONTIME).">
      <property name="source">ONTIME</property>
      <values min="0" max="86400"/>
    </column>
    <column name="livetime" type="double precision"
      ucd="time.duration;obs.exposure" unit="s" tablehead="Livetime"
      verbLevel="5" required="True"
      description="Live time of the run: ontime corrected for the dead
        time (LIVETIME).">
      <property name="source">LIVETIME</property>
      <values min="0" max="86400"/>
    </column>
    <column name="deadc" type="double precision" ucd="arith.factor;instr.det"
      tablehead="Dead-time corr." verbLevel="10" required="True"
      description="Dead-time correction factor, livetime / ontime (DEADC);
        dimensionless.">
      <property name="source">DEADC</property>
      <values min="0" max="1"/>
    </column>
    <column name="n_tels" type="smallint" ucd="meta.number;instr.tel"
      tablehead="N tels" verbLevel="10" required="True"
      description="Number of telescopes taking part in the run (N_TELS).">
      <property name="source">N_TELS</property>
    </column>
    <column name="tel_list" type="text" ucd="meta.id;instr.tel"
      tablehead="Telescopes" verbLevel="10"
      description="Comma-separated numbers of the telescopes taking part
        (TELLIST).">
      <property name="source">TELLIST</property>
    </column>
    <column name="quality" type="smallint" ucd="meta.code.qual"
      tablehead="Quality" verbLevel="10" required="True"
      description="Run quality flag (QUALITY; 0 = the best quality, which
        all runs of the release have).">
      <property name="source">QUALITY</property>
    </column>
    <column name="muon_eff" type="double precision" ucd="instr.calib"
      tablehead="Muon eff." verbLevel="15" required="True"
      description="Muon efficiency of the run (MUONEFF): a measure of
        the optical throughput of the telescopes derived from muon rings;
        dimensionless.">
      <property name="source">MUONEFF</property>
      <values min="0" max="10"/>
    </column>
    <column name="event_count" type="integer" ucd="meta.number"
      tablehead="Events" verbLevel="5" required="True"
      description="Number of events in the run's DL3 event list
        (EVENT_COUNT).">
      <property name="source">EVENT_COUNT</property>
    </column>
    <column name="safe_energy_lo" type="double precision"
      ucd="em.energy;stat.min" unit="TeV" tablehead="E safe min"
      verbLevel="10" required="True"
      description="Lower end of the safe energy range of the run's
        instrument response (SAFE_ENERGY_LO).">
      <property name="source">SAFE_ENERGY_LO</property>
      <values min="0" max="1e4"/>
    </column>
    <column name="safe_energy_hi" type="double precision"
      ucd="em.energy;stat.max" unit="TeV" tablehead="E safe max"
      verbLevel="10" required="True"
      description="Upper end of the safe energy range of the run's
        instrument response (SAFE_ENERGY_HI).">
      <property name="source">SAFE_ENERGY_HI</property>
      <values min="0" max="1e4"/>
    </column>
  </table>

  <table id="run_files" onDisk="True" adql="False" primary="obs_id"
      dupePolicy="dropOld">
    <FEED source="releases#current" name="GACRUX"/>
    <property name="filledBy">dachs imp hess_dr1 runs</property>
    <!-- the radius of the published field of view (fov, ivoa.obscore
      s_region, the SODA coverage; read by services/hess/names.py): the
      runs' IRFs end at 2.5 deg from the pointing -->
    <property name="fovRadiusDeg">2.5</property>
    <meta name="description">
      The DL3 file of each run as a product of the data centre (for
      /getproduct, DataLink and ivoa.obscore).  Filled, together with
      DaCHS's products table, by DaCHS's grammar over the served
      (uncompressed) run files: data "runs" below.
    </meta>
    <mixin>//products#table</mixin>
    <column name="obs_id" type="integer" ucd="meta.id"
      tablehead="Obs. ID" verbLevel="1" required="True"
      description="H.E.S.S. run number (OBS_ID of the file)."/>
    <column name="fov" type="spoly" ucd="pos.outline;obs.field"
      tablehead="FoV" verbLevel="15"
      description="Field of view of the run: a 32-gon approximating the
        2.5 deg radius circle around the pointing."/>
  </table>

  <coverage>
    <!-- No column has the bare UCD time.start: DaCHS 2.7's limits code
      breaks on tables where one does, so the coverage is spatial
      (work-around and its test: workarounds/dachs_time_limits.py). -->
    <updater sourceTable="observations"/>
  </coverage>

  <!-- COPY path: creates the tables and their metadata; apdc import
    fills observations (converters/hess_dl3.py).  run_files is made
    (empty) first because ivoa.obscore's hess_dr1 part reads it. -->
  <data id="create" auto="False">
    <make table="run_files"/>
    <make table="observations"/>
  </data>

  <!-- DaCHS path: "dachs imp hess_dr1 runs" (run by apdc import after the
    COPY tables, manifest key dachs_data) registers each served run file
    (data/uncompressed, written by the product step
    apdc/products/hess.py:unpack_runs) in run_files and dc.products.
    updating="True" with dupePolicy="dropOld" replaces the rows in place:
    dropping run_files would take ivoa.obscore with it. -->
  <data id="runs" auto="False" updating="True">
    <sources pattern="data/uncompressed/hess_dl3_dr1_obs_id_*.fits"/>
    <fitsProdGrammar hdu="1" qnd="False">
      <rowfilter procDef="//products#define">
        <bind key="table">"\schema.run_files"</bind>
        <bind key="accref">"hess_dr1/" + os.path.basename(
          rowIter.sourceToken)</bind>
        <bind key="path">os.path.relpath(rowIter.sourceToken,
          base.getConfig("inputsDir"))</bind>
        <bind key="mime">"application/fits"</bind>
        <bind key="preview">None</bind>
      </rowfilter>
    </fitsProdGrammar>
    <make table="run_files">
      <rowmaker>
        <apply name="check_obs_id">
          <code>
            name = os.path.basename(@prodtblAccref)
            if name != "hess_dl3_dr1_obs_id_%06d.fits" % int(@OBS_ID):
              raise base.DataError("%s: OBS_ID %s does not match the file"
                " name" % (name, @OBS_ID))
          </code>
        </apply>
        <map key="obs_id">int(@OBS_ID)</map>
        <map key="fov">pgsphere.SCircle(
          pgsphere.SPoint.fromDegrees(@RA_PNT, @DEC_PNT),
          math.radians(float(rd_.getById("run_files").getProperty(
            "fovRadiusDeg")))).asPoly(32)</map>
      </rowmaker>
    </make>
  </data>

  <service id="cone" allowed="form,scs.xml">
    <meta name="title">H.E.S.S. DL3 DR1 Observations Cone Search</meta>
    <meta name="shortName">HESS DR1 cone</meta>
    <meta name="description">
      Cone search over the pointing positions (ICRS) of the 105 observation
      runs of the H.E.S.S. DL3 public test data release 1.
    </meta>
    <meta name="testQuery">
      <meta name="ra">83.633</meta>
      <meta name="dec">22.0145</meta>
      <meta name="sr">2.0</meta>
    </meta>
    <publish render="form" sets="ivo_managed,local"/>
    <publish render="scs.xml" sets="ivo_managed"/>
    <scsCore queriedTable="observations">
      <FEED source="//scs#coreDescs"/>
      <condDesc buildFrom="t_start_mjd"/>
      <condDesc buildFrom="target_tag"/>
    </scsCore>
  </service>

  <!-- DataLink and SODA for the runs; the code is in services/hess/
    (a change there needs "dachs serve restart"), docs/datalink.md. -->
  <service id="dl" allowed="dlget,dlmeta">
    <meta name="title">H.E.S.S. DL3 DR1 Run DataLink and SODA Cutouts</meta>
    <meta name="shortName">HESS DR1 DL</meta>
    <meta name="description">
      DataLink for the runs of the H.E.S.S. DL3 DR1: each run's DL3 file,
      its instrument response functions (effective area, energy
      dispersion, PSF, background) as FITS files of their own, and a SODA
      service cutting the run's event list by position (CIRCLE, POLYGON),
      time (TIME, MJD) and energy (BAND, as vacuum wavelength in m).
    </meta>
    <meta name="dlget.description">
      SODA cutout of the run's events by position (CIRCLE, POLYGON), time
      (TIME, MJD UTC) and energy (BAND, vacuum wavelength in m: E = hc/BAND).
      The result is a GADF DL3 FITS file with the selected events, the
      good time intervals cut to TIME and the run's IRF HDUs.
    </meta>
    <datalinkCore>
      <descriptorGenerator>
        <code>
          from services.hess import links
          return links.make_descriptor(pubDID, args)
        </code>
      </descriptorGenerator>
      <metaMaker semantics="#this">
        <code>
          from services.hess import links
          yield from links.iter_links(descriptor,
            self.rd.getById("irf").getURL("dlget"))
        </code>
      </metaMaker>
      <metaMaker>
        <code>
          from services.hess import links
          yield from links.iter_soda_parameters(descriptor)
        </code>
      </metaMaker>
      <dataFunction>
        <code>
          from services.hess import cutouts
          descriptor.data = cutouts.cutout(descriptor, args)
        </code>
      </dataFunction>
      <dataFormatter>
        <code>
          return descriptor.data
        </code>
      </dataFormatter>
      <FEED source="releases#datalink"/>
    </datalinkCore>
  </service>

  <service id="irf" allowed="dlget">
    <meta name="title">H.E.S.S. DL3 DR1 Run Instrument Responses</meta>
    <meta name="shortName">HESS DR1 IRF</meta>
    <meta name="description">
      One instrument response function HDU (AEFF, EDISP, PSF or BKG) of a
      H.E.S.S. DL3 DR1 run as a FITS file of its own; linked from the
      runs' DataLink documents.
    </meta>
    <datalinkCore>
      <descriptorGenerator>
        <code>
          from services.hess import links
          return links.make_descriptor(pubDID, args)
        </code>
      </descriptorGenerator>
      <inputKey name="HDU" type="text" required="True"
          multiplicity="forced-single" ucd="meta.id;meta.code"
          description="The IRF HDU to extract.">
        <values>
          <option>AEFF</option>
          <option>EDISP</option>
          <option>PSF</option>
          <option>BKG</option>
        </values>
      </inputKey>
      <dataFunction>
        <code>
          from services.hess import cutouts
          descriptor.data = cutouts.extract_hdu(descriptor, args["HDU"])
        </code>
      </dataFunction>
      <dataFormatter>
        <code>
          return descriptor.data
        </code>
      </dataFormatter>
    </datalinkCore>
  </service>

  <regSuite title="H.E.S.S. DL3 DR1 regression">
    <regTest title="HESS DR1 cone search around the Crab finds the 4 Crab runs">
      <url RA="83.633" DEC="22.0145" SR="2.0">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual(sorted(int(row["obs_id"]) for row in rows),
          [23523, 23526, 23559, 23592])
        for row in rows:
          self.assertEqual(row["target_tag"], "crab")
      </code>
    </regTest>
    <regTest title="HESS DR1 observation index is in TAP with all 105 runs">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n,
        SUM(event_count) AS events FROM hess_dr1.observations">/tap/sync</url>
      <code>
        row = self.getFirstVOTableRow()
        self.assertEqual(row["n"], 105)
        self.assertEqual(row["events"], 1046156)
      </code>
    </regTest>
    <regTest title="HESS DR1: all 105 runs are in ivoa.obscore as event lists">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n,
        COUNT(access_estsize) AS files, MIN(em_min) AS lmin
        FROM ivoa.obscore WHERE obs_collection='H.E.S.S. DL3 DR1'
        AND dataproduct_type='event'">/tap/sync</url>
      <code>
        row = self.getFirstVOTableRow()
        self.assertEqual(row["n"], 105)
        self.assertEqual(row["files"], 105)
        # 100 TeV as a wavelength
        self.assertAlmostEqual(row["lmin"]*1e20, 1.23984, places=4)
      </code>
    </regTest>
    <regTest title="HESS DR1 DataLink of a Crab run: file, IRFs, SODA">
      <url ID="ivo://astroparticle.vo/~?hess_dr1/hess_dl3_dr1_obs_id_023523.fits"
        >dl/dlmeta</url>
      <code>
        rows = self.getVOTableRows()
        bySem = {}
        for row in rows:
          bySem.setdefault(row["semantics"], []).append(row)
        self.assertEqual(len(bySem["#this"]), 1)
        self.assertTrue(bySem["#this"][0]["access_url"].endswith(
          "/getproduct/hess_dr1/hess_dl3_dr1_obs_id_023523.fits"))
        self.assertEqual(len(bySem["#calibration"]), 4)
        self.assertEqual(len(bySem["#proc"]), 1)
        self.assertHasStrings("ivo://ivoa.net/std/SODA#sync-1.0",
          'name="CIRCLE"', 'name="BAND"', 'name="TIME"')
      </code>
    </regTest>
    <regTest title="HESS DR1 DataLink: an unknown run gives an error row">
      <url ID="ivo://astroparticle.vo/~?hess_dr1/hess_dl3_dr1_obs_id_000001.fits"
        >dl/dlmeta</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["error_message"].startswith("NotFoundFault"))
      </code>
    </regTest>
    <regTest title="HESS DR1 SODA: a circle around the Crab gives a DL3 FITS file">
      <url ID="ivo://astroparticle.vo/~?hess_dr1/hess_dl3_dr1_obs_id_023523.fits"
        CIRCLE="83.633 22.0145 0.2">dl/dlget</url>
      <code>
        from astropy.io import fits
        import io
        self.assertHeader("content-type", "application/fits")
        hdul = fits.open(io.BytesIO(self.data))
        self.assertEqual([h.name for h in hdul][1:], ["EVENTS", "GTI",
          "AEFF", "EDISP", "PSF", "BKG"])
        self.assertTrue(0 &lt; len(hdul["EVENTS"].data) &lt; 7613)
      </code>
    </regTest>
    <regTest title="HESS DR1 SODA: a time outside the run is an error">
      <url ID="ivo://astroparticle.vo/~?hess_dr1/hess_dl3_dr1_obs_id_023523.fits"
        TIME="50000 50001">dl/dlget</url>
      <code>
        self.assertHTTPStatus(422)
        self.assertHasStrings("NoOverlap")
      </code>
    </regTest>
  </regSuite>
</resource>
