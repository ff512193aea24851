"""Where a small TAP sync query spends its time (issue 14, item 5).

Three parts in one run:

* HTTP, side by side (median of N requests each): the same 1° cone on
  the simulated KASCADE events through the cone search and through
  TAP sync, both through nginx and straight to DaCHS process 1 (the
  difference is nginx plus the portal's auth_request), and the bare SQL
  in PostgreSQL;
* the project's share: two extra DaCHS servers on spare loopback ports,
  one with every work-around of ``workarounds.dachs_server`` (as the
  served processes), one without any (DaCHS as Debian ships it), both
  running, asked the same TAP sync and cone queries in turn;
* a cProfile of a third such server (every thread: Twisted's reactor
  and the thread pool that runs the services) over N TAP sync
  requests, reduced to the steps of DaCHS's sync path (UWS job
  creation, the query connection, ADQL parse and morph, the query,
  VOTable writing, the job's removal) and the self time of the
  project's work-arounds, in ms per request.

A bench: it reports, never asserts.  Writes bench/results/tap_profile.json.

Run: ``.venv/bin/python -m bench.tap_profile [N]`` (default 30; needs
the running server, and root or the gavo user for the extra servers).
"""

import json
import pstats
import statistics
import sys
import time
import urllib.parse
import urllib.request

from apdc import config, ingest
from bench import lean_client, tap_server

__all__ = ["ADQL", "STEPS", "http_medians", "interleaved_medians",
           "project_share", "steps", "main"]

RA, DEC, SR = 120.0, 30.0, 1.0
ADQL = (f"SELECT * FROM kascade_sim.events WHERE 1 = CONTAINS("
        f"POINT('ICRS', ra, dec), CIRCLE('ICRS', {RA}, {DEC}, {SR}))")
CONE = f"/kascade_sim/cone/scs.xml?RA={RA}&DEC={DEC}&SR={SR}"
TAP_BODY = urllib.parse.urlencode({"REQUEST": "doQuery", "LANG": "ADQL",
                                   "QUERY": ADQL}).encode()
RESULT = config.PROJECT_DIR / "bench" / "results" / "tap_profile.json"

#: The steps of DaCHS's TAP sync path, nested as the calls are (an
#: indented step is part of the one above): label -> (file suffix,
#: function).
STEPS = {
    "whole request (grend runSync)": ("gavo/web/grend.py", "runSync"),
    " TAPCore.run": ("gavo/protocols/tap.py", "run"),
    "  UWS job creation (with the project's check)": (
        "workarounds/dachs_uws_controls.py", "_new_id_from_args"),
    "  runSyncTAPJob (the job's phases, query, writing)": (
        "gavo/protocols/taprunner.py", "runSyncTAPJob"),
    "   new query connection (getDBConnection)": (
        "gavo/base/sqlsupport.py", "getDBConnection"),
    "   naming it (project: _note_worker_pid)": (
        "workarounds/dachs_uws_controls.py", "_note_worker_pid"),
    "   runTAPQuery (ADQL to rows)": ("gavo/protocols/adqlglue.py",
                                     "runTAPQuery"),
    "    morphADQL (parse, annotate, morph)": ("gavo/protocols/adqlglue.py",
                                              "morphADQL"),
    "     ADQL parse (project's guard around it)": (
        "workarounds/dachs_adql_limits.py", "_guarded_parse_to_tree"),
    "     table metadata (DaCHS's _addTableMeta, project's INFOs)": (
        "workarounds/dachs_join_infos.py", "_add_infos"),
    "   VOTable writing (writeResultTo)": ("gavo/protocols/taprunner.py",
                                          "writeResultTo"),
    "   (in any step) RD reloads: an RD file changed meanwhile": (
        "gavo/rscdesc.py", "_loadRDIntoCache"),
    "  job removal (UWS destroy)": ("gavo/protocols/uws.py", "destroy"),
}


def _median_ms(url, data, n):
    times = []
    for _ in range(n):
        start = time.monotonic()
        with urllib.request.urlopen(url, data=data, timeout=120) as answer:
            answer.read()
        times.append((time.monotonic() - start) * 1000)
    return round(statistics.median(times), 1)


def _sql_ms(n):
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            times = []
            for _ in range(n):
                start = time.monotonic()
                cursor.execute("SELECT * FROM kascade_sim.events WHERE "
                               "q3c_radial_query(ra, dec, %s, %s, %s)",
                               (RA, DEC, SR))
                cursor.fetchall()
                times.append((time.monotonic() - start) * 1000)
    finally:
        conn.close()
    return round(statistics.median(times), 1)


def http_medians(n=30):
    """Median ms of SCS and TAP sync through nginx and direct, and SQL."""
    result = {}
    for label, base in (("nginx", config.server_url()),
                        ("direct", config.dachs_url())):
        result[f"scs {label}"] = _median_ms(base + CONE, None, n)
        result[f"tap sync {label}"] = _median_ms(base + "/tap/sync",
                                                 TAP_BODY, n)
    result["sql"] = _sql_ms(n)
    return result


def interleaved_medians(bases, n, pids=None):
    """Median ms of TAP sync and SCS on each base URL, asked in turn (so
    that the load of the rest of the machine meets each alike), and the
    server's CPU ms per request (``pids``: base -> pid; default
    :data:`bench.tap_server.PIDS`), which a loaded machine disturbs far
    less than the wall-clock time."""
    pids = pids or tap_server.PIDS
    times = {base: {"tap sync": [], "scs": []} for base in bases}
    cpu = {base: {"tap sync": [], "scs": []} for base in bases}
    for base in bases:   # warm: RDs, grammar, connection pools
        for _ in range(3):
            _median_ms(base + "/tap/sync", TAP_BODY, 1)
    for _ in range(n):
        for base in bases:
            for kind, url, data in (("tap sync", "/tap/sync", TAP_BODY),
                                    ("scs", CONE, None)):
                before = lean_client.process_cpu(pids[base])
                times[base][kind].append(_median_ms(base + url, data, 1))
                cpu[base][kind].append(
                    lean_client.process_cpu(pids[base]) - before)
    return {base: {**{kind: round(statistics.median(values), 1)
                      for kind, values in times[base].items()},
                   **{f"{kind} server CPU ms": round(
                       1000 * sum(values) / len(values), 1)
                      for kind, values in cpu[base].items()}}
            for base in bases}


def project_share(n):
    """TAP sync and SCS medians of an extra server with the work-arounds
    and of one without (DaCHS alone), running side by side."""
    with tap_server.running(patched=True) as patched, \
            tap_server.running(patched=False) as bare:
        medians = interleaved_medians([patched, bare], n)
    return {"with the work-arounds": medians[patched],
            "DaCHS alone": medians[bare]}


def steps(stats, n):
    """ms per request of each of :data:`STEPS`, and the project's self time.

    Parameters
    ----------
    stats : pstats.Stats
    n : int
        Requests profiled.

    Returns
    -------
    dict
    """
    result = {}
    for label, (suffix, name) in STEPS.items():
        total = sum(entry[3] for (path, _, function), entry
                    in stats.stats.items()
                    if function == name and path.endswith(suffix))
        result[label] = total * 1000 / n
    own = sum(entry[2] for (path, _, _), entry in stats.stats.items()
              if "/workarounds/" in path)
    result["self time of every project work-around"] = own * 1000 / n
    # cProfile and a loaded machine stretch every step alike, so the
    # share of the whole request says more than the ms
    whole = result["whole request (grend runSync)"] or 1
    return {label: {"ms": round(ms, 2), "percent": round(100 * ms / whole, 1)}
            for label, ms in result.items()}


def _profile(n):
    with tap_server.running(patched=True, profile=True) as base:
        for _ in range(3):
            _median_ms(base + "/tap/sync", TAP_BODY, 1)
        tap_server.reset_profile()
        median = _median_ms(base + "/tap/sync", TAP_BODY, n)
    stats = pstats.Stats(str(tap_server.PROFILE))
    return median, stats


def main(argv=None):
    """Print and write the medians, the project's share and the steps."""
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 30
    result = {"n": n, "http": http_medians(n)}
    for label, ms in result["http"].items():
        print(f"{label:18s} {ms:8.1f} ms (median of {n})", flush=True)
    result["extra servers"] = project_share(n)
    for label, figures in result["extra servers"].items():
        print(f"extra server, {label}: {figures}", flush=True)
    median, stats = _profile(n)
    result["profiled tap sync median ms"] = median
    result["steps ms per request (under cProfile)"] = steps(stats, n)
    print(f"profiled server: TAP sync median {median} ms (cProfile slows it)")
    for label, figures in result[
            "steps ms per request (under cProfile)"].items():
        print(f"  {label:52s} {figures['ms']:8.2f} ms "
              f"{figures['percent']:5.1f} %")
    stats.sort_stats("cumulative").print_stats(r"gavo|workarounds", 30)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
