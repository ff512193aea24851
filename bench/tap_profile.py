"""Where a small TAP sync query spends its time (issue 14, item 5).

Two parts in one run:

* HTTP, side by side (median of N requests each): the same 1° cone on
  the simulated KASCADE events through the cone search and through
  TAP sync, both through nginx and straight to DaCHS process 1 (the
  difference is nginx plus the portal's auth_request), and the bare SQL
  in PostgreSQL;
* in-process cProfile of DaCHS's TAP path (``adqlglue.runTAPQuery``,
  ADQL parse and morph, query, then VOTable formatting) with every
  project work-around installed, as in the server: the top functions
  by cumulative time are printed.

Run: ``.venv/bin/python -m bench.tap_profile [N]`` (default 30; needs
the running server).
"""

import cProfile
import io
import pstats
import statistics
import sys
import time
import urllib.parse
import urllib.request

from apdc import config, ingest

__all__ = ["ADQL", "http_medians", "profile_in_process", "main"]

RA, DEC, SR = 120.0, 30.0, 1.0
ADQL = (f"SELECT * FROM kascade_sim.events WHERE 1 = CONTAINS("
        f"POINT('ICRS', ra, dec), CIRCLE('ICRS', {RA}, {DEC}, {SR}))")


def _median_ms(url, data, n):
    times = []
    for _ in range(n):
        start = time.monotonic()
        with urllib.request.urlopen(url, data=data, timeout=120) as answer:
            answer.read()
        times.append((time.monotonic() - start) * 1000)
    return round(statistics.median(times), 1)


def http_medians(n=30):
    """Median ms of SCS and TAP sync through nginx and direct, and SQL."""
    tap = urllib.parse.urlencode({"REQUEST": "doQuery", "LANG": "ADQL",
                                  "QUERY": ADQL}).encode()
    cone = f"/kascade_sim/cone/scs.xml?RA={RA}&DEC={DEC}&SR={SR}"
    result = {}
    for label, base in (("nginx", config.server_url()),
                        ("direct", config.dachs_url())):
        result[f"scs {label}"] = _median_ms(base + cone, None, n)
        result[f"tap sync {label}"] = _median_ms(base + "/tap/sync", tap, n)
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
    result["sql"] = round(statistics.median(times), 1)
    return result


def profile_in_process(n=10, top=25):
    """cProfile of n runs of DaCHS's TAP query and VOTable writing."""
    from workarounds import dachs_server
    dachs_server.install_all()
    from gavo import base, formats, rscdesc  # noqa: F401
    from gavo.protocols import adqlglue

    def once():
        # as the TAP runner does: its own connection, closed at the end
        conn = base.getDBConnection("untrustedquery")
        data = adqlglue.runTAPQuery(ADQL, 60, conn, [], 20000)
        formats.formatData("votable", data, io.BytesIO())

    once()  # warm: RDs loaded, grammar built
    profiler = cProfile.Profile()
    start = time.monotonic()
    profiler.enable()
    for _ in range(n):
        once()
    profiler.disable()
    per_query = (time.monotonic() - start) * 1000 / n
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(
        top)
    return round(per_query, 1), text.getvalue()


def main(argv=None):
    """Print the HTTP medians and the profile."""
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 30
    for label, ms in http_medians(n).items():
        print(f"{label:18s} {ms:8.1f} ms (median of {n})", flush=True)
    per_query, text = profile_in_process()
    print(f"in-process TAP (parse, query, VOTable): {per_query} ms per query")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
