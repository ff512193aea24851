"""Cross-match speed: all IC40 neutrinos against Fermi-LAT 3FHL sources.

Each event's own angular error is the match radius.  Timed in one run:

* through TAP: ADQL to the live server's /tap/sync, as a user would send
  it (parsing, translation, query, VOTable serialisation, transfer);
* baseline: the SQL that DaCHS translates the ADQL into, run directly
  in PostgreSQL through psycopg2;

and the plan PostgreSQL chooses for that SQL (EXPLAIN ANALYZE).

Run:  .venv/bin/python -m bench.crossmatch [--repeat N]
"""

import argparse
import io
import json
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

from apdc import config, ingest

ADQL = """SELECT e.event_id, e.ra, e.dec, e.ang_err, s.source_name, s.class,
  DISTANCE(POINT(e.ra, e.dec), POINT(s.ra, s.dec)) AS dist
FROM icecube_ps.events AS e
JOIN fermi3fhl.main AS s
  ON 1 = CONTAINS(POINT(s.ra, s.dec), CIRCLE(e.ra, e.dec, e.ang_err))
WHERE e.season = 'IC40'"""


def translate(adql):
    """The SQL DaCHS runs for ``adql`` (with its row limit)."""
    from gavo import api  # noqa: F401 -- initialises DaCHS's RD caches
    from gavo.protocols import adqlglue
    sql, _ = adqlglue.morphADQL(adql, maxrec=1000000, hardLimit=1000000)
    return sql.replace("%%", "%")


def time_tap(repeat):
    from astropy.io import votable
    url = config.server_url() + "/tap/sync"
    data = urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
        "MAXREC": "1000000", "QUERY": ADQL}).encode()
    timings, n_rows = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        with urllib.request.urlopen(url, data=data, timeout=600) as resp:
            body = resp.read()
        timings.append(time.perf_counter() - t0)
        n_rows = len(votable.parse_single_table(io.BytesIO(body)).array)
    return timings, n_rows


def time_sql(sql, repeat):
    conn = ingest.get_connection()
    timings, n_rows = [], None
    try:
        with conn.cursor() as cur:
            for _ in range(repeat):
                t0 = time.perf_counter()
                cur.execute(sql)
                n_rows = len(cur.fetchall())
                timings.append(time.perf_counter() - t0)
            cur.execute("EXPLAIN ANALYZE " + sql)
            plan = "\n".join(row[0] for row in cur.fetchall())
    finally:
        conn.close()
    return timings, n_rows, plan


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sql = translate(ADQL)
    sql_times, sql_rows, plan = time_sql(sql, args.repeat)
    tap_times, tap_rows = time_tap(args.repeat)

    result = {"adql": ADQL, "sql": sql, "plan": plan,
        "tap_s": tap_times, "sql_s": sql_times,
        "tap_rows": tap_rows, "sql_rows": sql_rows}
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "crossmatch.json").write_text(json.dumps(result, indent=2))

    print("ADQL:\n" + ADQL + "\n\nSQL run by DaCHS:\n" + sql + "\n")
    print(f"matches: TAP {tap_rows}, direct SQL {sql_rows}")
    print(f"TAP /sync      median {statistics.median(tap_times):7.3f} s "
        f"(min {min(tap_times):.3f}, {args.repeat} runs)")
    print(f"PostgreSQL     median {statistics.median(sql_times):7.3f} s "
        f"(min {min(sql_times):.3f}, {args.repeat} runs)")
    print("\nPlan (EXPLAIN ANALYZE):\n" + plan)


if __name__ == "__main__":
    main()
