<?xml version="1.0" encoding="utf-8"?>
<!-- Site-wide DaCHS configuration elements (DaCHS looks them up here
first, then in its built-in //userconfig).  "apdc setup" installs this
file as /var/gavo/etc/userconfig.rd.

tapexamples: the DALI examples document served at /tap/examples, which
TOPCAT shows in its TAP window (Examples menu).  Every query here is run
against the live server by tests/test_live_examples.py, so an example
that stops working fails the test suite. -->
<resource schema="__system">

  <STREAM id="tapexamples">
    <meta name="_example" title="Highest-energy KASCADE air showers">
      The measured KASCADE events with their reconstructed primary energy
      (in PeV, and as lg(E/eV) in :taptable:`kascade.events`), arrival
      direction in the sky and event time, most energetic first.  The
      sky position is computed by the data centre from the shower's
      zenith and azimuth angles and the event time at the KASCADE site.

      .. tapquery::

        SELECT TOP 20 event_did, obs_time, energy, log_energy, zenith,
          azimuth, ra, dec, gal_l, gal_b
        FROM kascade.events
        ORDER BY energy DESC
    </meta>

    <meta name="_example" title="Simulated air showers in a cone around the Crab">
      Arrival directions of the simulated KASCADE-like showers of
      :taptable:`kascade_sim.events` within 2 degrees of the Crab nebula,
      above 1 PeV.  The position index makes such cone searches fast even
      on the million simulated events; the same query works on the
      measured events.

      .. tapquery::

        SELECT event_did, energy, ra, dec,
          DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 83.633, 22.0145)) AS dist
        FROM kascade_sim.events
        WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.633, 22.0145, 2))
          AND energy > 1
        ORDER BY dist
    </meta>

    <meta name="_example" title="The knee: simulated showers per energy decade">
      Counts of simulated air showers per tenth of a decade in
      reconstructed energy.  Plotted against energy they show the steep
      cosmic-ray spectrum and its steepening at the knee near 4 PeV
      (lg(E/eV) = 15.6).

      .. tapquery::

        SELECT FLOOR(log_energy * 10) / 10 AS lg_e_bin, COUNT(*) AS n_events
        FROM kascade_sim.events
        GROUP BY lg_e_bin
        ORDER BY lg_e_bin
    </meta>

    <meta name="_example" title="Air showers per declination band">
      The declination distribution of the simulated showers in 5 degree
      bands: a ground array at 49 degrees north sees the sky down to about
      7 degrees declination with a zenith cut of 42 degrees, and most
      showers arrive near the zenith.

      .. tapquery::

        SELECT FLOOR(dec / 5) * 5 AS dec_band, COUNT(*) AS n_events,
          AVG(zenith) AS mean_zenith
        FROM kascade_sim.events
        GROUP BY dec_band
        ORDER BY dec_band
    </meta>

    <meta name="_example" title="Electron-muon ratio of showers against zenith angle">
      The shower size ratio lg Ne - lg Nmu, which is sensitive to the
      primary mass, averaged in zenith-angle bins: the electromagnetic
      component is absorbed faster in the atmosphere than the muons.

      .. tapquery::

        SELECT FLOOR(zenith / 6) * 6 AS zenith_bin,
          AVG(log_ne - log_nmu) AS mean_lg_ne_over_nmu, COUNT(*) AS n
        FROM kascade_sim.events
        WHERE log_energy BETWEEN 15 AND 16
        GROUP BY zenith_bin
        ORDER BY zenith_bin
    </meta>

    <meta name="_example" title="Gamma-ray sources inside each neutrino alert's error region">
      For every IceCube alert of :taptable:`icecube_alerts.alerts`, the
      Fermi-LAT 3FHL sources (:taptable:`fermi3fhl.main`) that lie inside
      the alert's own 90% error region.  ``error_region`` is a polygon
      built from the asymmetric errors of each alert, so the match uses
      the real shape of the region rather than a circle.  IceCube-170922A
      finds the blazar TXS 0506+056 (3FHL J0509.4+0542).

      .. tapquery::

        SELECT a.alert_name, a.obs_time, a.signalness, s.source_name, s.class, s.assoc1
        FROM icecube_alerts.alerts AS a
        JOIN fermi3fhl.main AS s ON 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), a.error_region)
        ORDER BY obs_time
    </meta>

    <meta name="_example" title="Ultra-high-energy cosmic rays around Centaurus A">
      Auger events (:taptable:`auger2022.events`) above 41 EeV within 27
      degrees of Centaurus A, taken by name from gamma-cat
      (:taptable:`gammacat.main`): the energy threshold and radius of
      the Auger collaboration's Centaurus A excess (ApJ 935 (2022) 170).
      Change the source name, radius or energy cut to test other
      candidates.

      .. tapquery::

        SELECT e.event_id, e.obs_time, e.energy,
          DISTANCE(POINT('ICRS', e.ra, e.dec), POINT('ICRS', src.ra, src.dec)) AS dist
        FROM auger2022.events AS e,
          (SELECT ra, dec FROM gammacat.main WHERE common_name = 'Centaurus A') AS src
        WHERE 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', src.ra, src.dec, 27))
          AND e.energy &gt; 41
        ORDER BY energy DESC
    </meta>

    <meta name="_example" title="IceCube neutrinos within their own angular error of 3FHL blazars">
      Every IceCube point-source event (:taptable:`icecube_ps.events`,
      season IC40 by default) whose own angular uncertainty ``ang_err``
      contains a hard-spectrum Fermi-LAT blazar (BL Lac, FSRQ or blazar of
      unknown type) of :taptable:`fermi3fhl.main`.  The radius differs per
      row: the circle is built from the event's own columns.

      .. tapquery::

        SELECT e.event_id, e.obs_time, e.log_energy, e.ang_err,
          s.source_name, s.class, s.assoc1,
          DISTANCE(POINT('ICRS', e.ra, e.dec), POINT('ICRS', s.ra, s.dec)) AS dist
        FROM icecube_ps.events AS e
        JOIN fermi3fhl.main AS s
          ON 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', e.ra, e.dec, e.ang_err))
        WHERE s.class IN ('bll', 'fsrq', 'bcu')
    </meta>

    <meta name="_example" title="Neutrino alerts and cosmic rays coinciding in time and direction">
      A coincidence search across experiments: pairs of an IceCube alert
      and an Auger cosmic ray (:taptable:`auger2022.events`) that arrived
      within 30 days of each other and within 15 degrees (charged cosmic
      rays are deflected by magnetic fields; choose the window for your
      hypothesis).  Both times are UTC MJD.

      .. tapquery::

        SELECT a.alert_name, a.obs_time AS alert_time, u.event_id,
          u.obs_time AS uhecr_time, u.energy AS uhecr_energy_eev,
          DISTANCE(POINT('ICRS', a.ra, a.dec), POINT('ICRS', u.ra, u.dec)) AS dist
        FROM icecube_alerts.alerts AS a
        JOIN auger2022.events AS u
          ON u.obs_mjd BETWEEN a.obs_mjd - 30 AND a.obs_mjd + 30
          AND 1 = CONTAINS(POINT('ICRS', u.ra, u.dec), CIRCLE('ICRS', a.ra, a.dec, 15))
        ORDER BY alert_time
    </meta>

    <meta name="_example" title="Your own source list against cosmic rays (TAP upload)">
      Upload a table of your sources with columns ``name``, ``ra``, ``dec``
      (ICRS, degrees) as ``sources``; in TOPCAT, load it and tick it in the
      upload list, in pyvo pass ``uploads={'sources': table}``.  The query
      returns the Auger events within 20 degrees of each source, nearest
      first; replace ``auger2022.events`` by any other event table.

      .. tapquery::

        SELECT src.name, e.event_id, e.energy,
          DISTANCE(POINT('ICRS', e.ra, e.dec), POINT('ICRS', src.ra, src.dec)) AS dist
        FROM TAP_UPLOAD.sources AS src
        JOIN auger2022.events AS e
          ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', src.ra, src.dec, 20))
        ORDER BY name, dist
    </meta>

    <meta name="_example" title="Cosmic rays per declination band, Auger and Telescope Array">
      Event counts in 15 degree declination bands for the two ultra-high-energy
      cosmic-ray observatories: Auger in the south
      (:taptable:`auger2022.events`) and the Telescope Array in the north
      (:taptable:`ta2014.events`).  Their exposures overlap around the
      equator, which is where the two data sets can be compared: the
      join keeps the bands that both observatories see.

      .. tapquery::

        SELECT a.dec_band, a.n_events AS n_auger, t.n_events AS n_ta
        FROM (SELECT FLOOR(dec / 15) * 15 AS dec_band, COUNT(*) AS n_events
          FROM auger2022.events GROUP BY dec_band) AS a
        JOIN (SELECT FLOOR(dec / 15) * 15 AS dec_band, COUNT(*) AS n_events
          FROM ta2014.events GROUP BY dec_band) AS t
          ON a.dec_band = t.dec_band
        ORDER BY 1
    </meta>

    <meta name="_example" title="Neutrino events per energy decade">
      IceCube's reconstructed muon energy proxy, per decade of E/GeV, with
      the mean angular error: the higher the energy, the longer the muon
      track and the better the direction.

      .. tapquery::

        SELECT FLOOR(log_energy) AS lg_e_gev, COUNT(*) AS n_events,
          AVG(ang_err) AS mean_ang_err
        FROM icecube_ps.events
        GROUP BY lg_e_gev
        ORDER BY lg_e_gev
    </meta>

    <meta name="_example" title="The classic Auger AGN correlation: events above 55 EeV near nearby AGN">
      Auger events above 55 EeV within 3.1 degrees of an active galaxy of
      the Veron-Cetty &amp; Veron catalogue (:taptable:`vcv_agn.main`)
      closer than z = 0.018: the parameters of the correlation Auger
      reported in 2007.  The VCV positions are computed by the data centre
      from the catalogue's galactic coordinates.

      .. tapquery::

        SELECT e.event_id, e.energy, g.name, g.redshift, g.class,
          DISTANCE(POINT('ICRS', e.ra, e.dec), POINT('ICRS', g.ra, g.dec)) AS dist
        FROM auger2022.events AS e
        JOIN vcv_agn.main AS g
          ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', e.ra, e.dec, 3.1))
        WHERE e.energy &gt; 55 AND g.redshift &lt; 0.018
    </meta>

    <meta name="_example" title="The Telescope Array hotspot">
      Telescope Array events above 57 EeV (:taptable:`ta2014.events`)
      within 20 degrees of the hotspot centre the collaboration reported
      (RA 146.7, Dec 43.2; ApJL 790 (2014) L21), nearest first.

      .. tapquery::

        SELECT event_id, obs_time, energy,
          DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 146.7, 43.2)) AS dist
        FROM ta2014.events
        WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 146.7, 43.2, 20))
        ORDER BY dist
    </meta>

    <meta name="_example" title="Known TeV sources in the field of view of H.E.S.S. runs">
      For each H.E.S.S. DL3 DR1 observation (:taptable:`hess_dr1.observations`),
      the gamma-cat sources within 2.5 degrees of the pointing, i.e. in
      the cameras' field of view, with the run's livetime.

      .. tapquery::

        SELECT o.obs_id, o.target_name, o.t_start, o.livetime,
          g.common_name, g.class,
          DISTANCE(POINT('ICRS', o.ra, o.dec), POINT('ICRS', g.ra, g.dec)) AS offset_deg
        FROM hess_dr1.observations AS o
        JOIN gammacat.main AS g
          ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', o.ra, o.dec, 2.5))
        ORDER BY obs_id, offset_deg
    </meta>

    <meta name="_example" title="Cosmic rays around nearby Seyfert galaxies seen in hard X-rays">
      Seyfert galaxies of the Swift-BAT 70-month survey
      (:taptable:`swift_bat70.main`) closer than z = 0.01, with the number
      of Auger events above 40 EeV within 10 degrees of each: hard X-ray
      flux traces AGN power, a classic UHECR source hypothesis.

      .. tapquery::

        SELECT s.counterpart_name, s.class, s.redshift,
          COUNT(*) AS n_uhecr
        FROM swift_bat70.main AS s
        JOIN auger2022.events AS e
          ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', s.ra, s.dec, 10))
        WHERE s.class IN ('sy1', 'sy2') AND s.redshift &lt; 0.01 AND e.energy &gt; 40
        GROUP BY s.counterpart_name, s.class, s.redshift
        ORDER BY n_uhecr DESC
    </meta>

    <meta name="_example" title="Fermi blazars that are also TeV sources">
      3FHL BL Lacs and FSRQs (:taptable:`fermi3fhl.main`) with a TeVCat
      source (:taptable:`tevcat.main`) within 0.2 degrees: the blazars seen
      from GeV to TeV energies, candidates for neutrino production.

      .. tapquery::

        SELECT f.source_name, f.class, f.assoc1, t.source_name AS tevcat_name,
          DISTANCE(POINT('ICRS', f.ra, f.dec), POINT('ICRS', t.ra, t.dec)) AS sep
        FROM fermi3fhl.main AS f
        JOIN tevcat.main AS t
          ON 1 = CONTAINS(POINT('ICRS', t.ra, t.dec), CIRCLE('ICRS', f.ra, f.dec, 0.2))
        WHERE f.class IN ('bll', 'fsrq')
    </meta>

    <meta name="_example" title="Messier galaxies inside neutrino alert error regions">
      Galaxies with a Messier number from OpenNGC (:taptable:`openngc.main`)
      that lie inside the error region of an IceCube alert, with the
      alert's signalness (the probability that it is astrophysical).

      .. tapquery::

        SELECT a.alert_name, a.signalness, n.name, n.messier, n.common_names
        FROM icecube_alerts.alerts AS a
        JOIN openngc.main AS n ON 1 = CONTAINS(POINT('ICRS', n.ra, n.dec), a.error_region)
        WHERE n.class = 'gal' AND n.messier IS NOT NULL
    </meta>

    <meta name="_example" title="Pulsar wind nebulae of the H.E.S.S. Galactic Plane Survey">
      HGPS sources (:taptable:`hgps.main`) identified as pulsar wind nebulae,
      brightest first, with their size and the gamma-cat name of any source
      within 0.2 degrees (outer join: sources without one are kept).

      .. tapquery::

        SELECT h.source_name, h.class, h.flux_1tev, h.size_sigma,
          g.common_name
        FROM hgps.main AS h
        LEFT OUTER JOIN gammacat.main AS g
          ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', h.ra, h.dec, 0.2))
        WHERE h.class = 'pwn'
        ORDER BY 3 DESC
    </meta>
    <!-- The air-shower experiments where their energy ranges overlap
      (answers checked by tests/example_references_airshowers.py) -->
    <meta name="_example" title="KASCADE, KASCADE-Grande and Tunka-133 spectra where all three measured">
      The all-particle cosmic-ray spectra of KASCADE, KASCADE-Grande and
      Tunka-133 (:taptable:`crspectra.points`, energy in GeV) in the
      energy range all three cover, 3.7e16 to 9e16 eV, with the flux
      multiplied by E to the power 2.6, as such spectra are usually
      plotted (the knee of the heavy primaries lies here).  The spectra
      and their publications are in :taptable:`crspectra.spectra`, and
      through the SSA service.

      .. tapquery::

        SELECT experiment, spectrum_id, energy, flux,
          flux * POWER(energy, 2.6) AS e26_flux
        FROM crspectra.points
        WHERE quantity = 'all-particle'
          AND experiment IN ('KASCADE', 'KASCADE-Grande', 'TUNKA')
          AND energy BETWEEN 3.7e7 AND 9e7
        ORDER BY energy
    </meta>

    <meta name="_example" title="Tunka-133 against KASCADE-Grande at the same energies">
      Each point of the KASCADE-Grande all-particle spectrum beside the
      Tunka-133 points within 0.05 in lg E of it, with both fluxes times
      E to the power 2.6 and their ratio: the two experiments, an array of
      particle detectors and one of air-Cherenkov detectors, agree within
      their energy scales.

      .. tapquery::

        SELECT g.energy AS energy_grande, t.energy AS energy_tunka,
          g.flux * POWER(g.energy, 2.6) AS e26_flux_grande,
          t.flux * POWER(t.energy, 2.6) AS e26_flux_tunka,
          (t.flux * POWER(t.energy, 2.6)) / (g.flux * POWER(g.energy, 2.6))
            AS ratio
        FROM crspectra.points AS g
        JOIN crspectra.points AS t
          ON t.energy BETWEEN g.energy / 1.122 AND g.energy * 1.122
        WHERE g.spectrum_id = 'allparticle_KASCADEGrande_SIBYLL-2.3_Etot'
          AND t.spectrum_id = 'allparticle_TUNKA-133_Etot'
        ORDER BY energy_grande
    </meta>

    <meta name="_example" title="Simulated Tunka-Rex events beside the KASCADE-Grande and Tunka-133 spectra">
      Above 1e17 eV, where the radio array Tunka-Rex starts to see showers,
      each point of the KASCADE-Grande and Tunka-133 all-particle spectra
      (flux times E to the power 2.6) beside the number of SIMULATED
      Tunka-Rex-like events of :taptable:`tunka_rex.events` (simulated,
      not Tunka-Rex measurements; energy in eV) within 0.05 in lg E of
      it: the simulation follows the slope Tunka-133 measured.

      .. tapquery::

        SELECT p.experiment, p.energy,
          p.flux * POWER(p.energy, 2.6) AS e26_flux,
          COUNT(e.event_did) AS n_sim_events
        FROM crspectra.points AS p
        LEFT OUTER JOIN tunka_rex.events AS e
          ON e.energy BETWEEN p.energy * 1e9 / 1.122 AND p.energy * 1e9 * 1.122
        WHERE p.quantity = 'all-particle'
          AND p.experiment IN ('KASCADE-Grande', 'TUNKA')
          AND p.energy BETWEEN 1e8 AND 1e9
        GROUP BY p.experiment, p.energy, p.flux
    </meta>

    <meta name="_example" title="Air showers of every observatory per quarter decade in energy">
      The common air-shower table :taptable:`airshowers.events` has the
      events of KASCADE (measured and simulated) and the SIMULATED
      Tunka-Rex-like events in one energy unit (eV): their numbers per
      quarter decade above 1e16 eV show where the observatories overlap
      (the column simulated tells measurements from simulations).

      .. tapquery::

        SELECT observatory, simulated,
          FLOOR(LOG10(energy) * 4) / 4 AS lg_e_bin, COUNT(*) AS n_events
        FROM airshowers.events
        WHERE energy >= 1e16
        GROUP BY observatory, simulated, lg_e_bin
    </meta>
  </STREAM>

</resource>
