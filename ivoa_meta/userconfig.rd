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
          DISTANCE(POINT(ra, dec), POINT(83.633, 22.0145)) AS dist
        FROM kascade_sim.events
        WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(83.633, 22.0145, 2))
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

    <meta name="_example" title="Cross-match your own source list with air showers (upload)">
      Upload a table of your own sources (a VOTable with columns ``name``,
      ``ra``, ``dec``; in TOPCAT, load it and refer to it as
      ``TAP_UPLOAD.t1``) and find the showers within 1 degree of each.
      The query below uses a small inline stand-in for the upload so
      that it runs as it is; replace the subquery by
      ``TAP_UPLOAD.t1 AS src``.

      .. tapquery::

        SELECT src.name, ev.event_did, ev.energy,
          DISTANCE(POINT(ev.ra, ev.dec), POINT(src.ra, src.dec)) AS dist
        FROM kascade_sim.events AS ev
        JOIN (SELECT TOP 3 event_did AS name, ra, dec
              FROM kascade_sim.events ORDER BY event_did) AS src
        ON 1 = CONTAINS(POINT(ev.ra, ev.dec), CIRCLE(src.ra, src.dec, 1))
    </meta>
  </STREAM>

</resource>
