"""Time from an arriving alert to its stored analysis (target: < 2 s).

Timed in one run, for the two sample VOEvents and IceCube-170922A of
IceCat-1:

* the project's path: what ``apdc alert add FILE`` does before it
  copies the file (``apdc.alerts.analyse_voevent``: parse the VOEvent,
  connect, every search in one connection, the scrambled skies, store
  in one transaction), each time with a new connection; and the whole
  ``apdc alert analyse IceCube-170922A`` command as a process (Python
  start and the portal's notification included);
* baseline: the same searches one by one through TAP (pyvo, /tap/sync):
  for each searched table its counterparts (ADQL CONTAINS) and the
  candidates of the scrambles (the declination band and time window),
  then the same scrambles in numpy; nothing is stored.

Run:  .venv/bin/python -m bench.alert_analysis [--repeat N]
"""

import argparse
import datetime as dt
import json
import statistics
import subprocess
import time
from pathlib import Path

from apdc import alert_analysis, alert_sky, alerts, config, ingest
from converters import icecube_alerts

SAMPLES = ("sample_astrotrack_alert.voevent.xml",
           "sample_cascade_alert.voevent.xml")
APDC = config.PROJECT_DIR / ".venv" / "bin" / "apdc"


def _where_inside(search, alert, region):
    """ADQL FROM and WHERE of the objects inside the region.  The error
    region is the polygon stored with the analysis (a POLYGON literal
    becomes q3c_poly_query, which refuses polygons wider than about 23
    deg, such as the sample cascade's)."""
    if search.region == "error_region":
        return (f"{search.table} AS s, icecube_alerts.analyses AS a WHERE "
                f"a.alert_id = '{alert.alert_id}' AND 1 = CONTAINS("
                "POINT('ICRS', s.ra, s.dec), a.error_region)")
    return (f"{search.table} AS s WHERE 1 = CONTAINS(POINT('ICRS', s.ra, "
            f"s.dec), CIRCLE('ICRS', {alert.ra}, {alert.dec}, "
            f"{region.radius}))")


def _time_adql(search, alert):
    if search.window is None:
        return ""
    window = dt.timedelta(days=search.window)
    low = alert.obs_time - window
    return (f" AND obs_time BETWEEN '{low:%Y-%m-%dT%H:%M:%S}' AND "
            f"'{alert.obs_time + window:%Y-%m-%dT%H:%M:%S}'")


def through_tap(tap, alert, params, searches):
    """The analysis as a user would run it through TAP; (counts, seconds).

    ``searches`` are those the project's path ran (the tables present).
    """
    started = time.perf_counter()
    counts = {}
    for search in searches:
        region = (alert.polygon() if search.region == "error_region"
                  else alert_sky.Cone(alert.ra, alert.dec, search.radius))
        timed = _time_adql(search, alert)
        found = tap.search(
            f"SELECT s.{search.id_column} FROM "
            f"{_where_inside(search, alert, region)}"
            f"{timed.replace('obs_time', 's.obs_time')}", maxrec=100000)
        low, high = region.dec_band()
        band = tap.search(f"SELECT dec FROM {search.table} WHERE dec "
                          f"BETWEEN {low} AND {high}{timed}", maxrec=1000000)
        alert_sky.scrambled_counts(region, band["dec"], params.n_scrambles,
                                   alert_sky.rng_for(params.seed,
                                                     search.table))
        counts[search.table] = len(found)
    return counts, time.perf_counter() - started


def command_time():
    """Seconds from starting ``apdc alert analyse IceCube-170922A`` (a
    new process: Python, imports, connection) to its line saying the
    analysis is stored, and to its end (the portal's mail included)."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(APDC), "alert", "analyse",
                             "IceCube-170922A"], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    stored, line = None, ""
    for line in proc.stderr:
        if line.startswith("Analysis of") and stored is None:
            stored = time.perf_counter() - started
            said = line.strip()
    proc.wait(timeout=300)
    return stored, time.perf_counter() - started, said if stored else line


def main():
    import pyvo
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    mirror = config.mirror_dir() / "icecube"
    params = alert_analysis.parameters()
    tap = pyvo.dal.TAPService(config.server_url() + "/tap")
    conn = ingest.get_connection()
    try:
        ic170922a = alert_analysis.alert_from_table(conn, "IceCube-170922A")
    finally:
        conn.close()

    result = {"n_scrambles": params.n_scrambles, "alerts": {}}
    print(f"{params.n_scrambles} scrambles, {len(params.searches)} searched "
          f"tables, {args.repeat} runs each\n")
    print(f"{'alert':38s} {'alert add -> stored':>20s} {'TAP one by one':>16s}")
    for label, path in [(name, mirror / name) for name in SAMPLES] + [
            ("IceCube-170922A (IceCat-1)", None)]:
        project, tap_times = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            if path is None:
                analysis, _ = alerts.analyse_stored("IceCube-170922A")
            else:
                analysis, _ = alerts.analyse_voevent(path)
            project.append(time.perf_counter() - started)
            alert = ic170922a if path is None else \
                alert_analysis.alert_from_row(icecube_alerts.alert_row(path),
                                              path.name)
            counts, seconds = through_tap(tap, alert, params,
                                          [f.search for f in analysis.found])
            # the same searches, the same answers
            assert counts == {f.search.table: f.n_found
                              for f in analysis.found}, counts
            tap_times.append(seconds)
        result["alerts"][label] = {"project_s": project, "tap_s": tap_times}
        print(f"{label:38s} {statistics.median(project):17.3f} s "
              f"{statistics.median(tap_times):13.3f} s")
    stored, elapsed, line = command_time()
    result.update(command_stored_s=stored, command_s=elapsed,
                  command_line=line)
    print(f"\n'apdc alert analyse IceCube-170922A' as a new process: "
          f"stored {stored:.2f} s after its start, {elapsed:.2f} s in all "
          f"(with the portal's mail); it says: {line}")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "alert_analysis.json").write_text(json.dumps(result, indent=2),
                                             encoding="utf-8")


if __name__ == "__main__":
    main()
