"""Which indexes of an event table the service queries use (EXPLAIN).

``.venv/bin/python -m bench.ingest_indexes [--table kascade_sim.events]``
(issue 14, item 1: "drop indexes that no plan uses").  For the queries
that the cone search, DataLink, the shop and the TAP examples send to an
event table, prints the plan's index scans; an index that no query
names is a candidate to drop, an index that some query needs stays.
Writes ``bench/results/ingest_indexes.json``.
"""

import argparse
import json
import re
from pathlib import Path

from apdc import ingest

__all__ = ["QUERIES", "indexes_used", "main"]

RESULTS = Path(__file__).resolve().parent / "results"

#: Who sends it -> the query (``{t}``: the table).  Values are typical:
#: a 1 deg cone, an MJD window of a month, the upper energy decade.
QUERIES = {
    "cone search": "SELECT * FROM {t} WHERE q3c_radial_query(ra, dec, "
                   "180, 40, 1)",
    "cone search + obs_mjd": "SELECT * FROM {t} WHERE q3c_radial_query(ra, "
                             "dec, 180, 40, 1) AND obs_mjd BETWEEN 50500 "
                             "AND 50530",
    "cone search + log_energy": "SELECT * FROM {t} WHERE q3c_radial_query("
                                "ra, dec, 180, 40, 1) AND log_energy > 16",
    "TAP: time window (obs_mjd)": "SELECT COUNT(*) FROM {t} WHERE obs_mjd "
                                  "BETWEEN 50500 AND 50501",
    "TAP: energy cut (log_energy)": "SELECT COUNT(*) FROM {t} WHERE "
                                    "log_energy > 17.5",
    "TAP: 3FHL cross-match": "SELECT COUNT(*) FROM {t} AS e JOIN "
                             "fermi3fhl.main AS s ON q3c_join(s.ra, s.dec, "
                             "e.ra, e.dec, 0.2) WHERE e.log_energy > 16",
    "DataLink: one event (event_did)": "SELECT * FROM {t} WHERE event_did "
                                       "= (SELECT min(event_did) FROM {t})",
    "DataLink/shop: one run (run, event)": "SELECT * FROM {t} WHERE run = 3 "
                                           "ORDER BY event LIMIT 100",
    "shop: time range (obs_time)": "SELECT * FROM {t} WHERE obs_time "
                                   "BETWEEN '1996-06-01' AND '1996-06-02'",
}


def indexes_used(cursor, sql):
    """Index names in the plan of ``sql`` (partition suffixes removed)."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
    text = json.dumps(cursor.fetchone()[0])
    names = set(re.findall(r'"Index Name": "([^"]+)"', text))
    # a partition's index events_run00001_i2 -> the parent index number
    return sorted({re.sub(r"^.*_(i\d+)$", r"partition index \1", name)
                   for name in names})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--table", default="kascade_sim.events")
    args = parser.parse_args(argv)
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            schema, table = args.table.split(".")
            cursor.execute("""SELECT i.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = %s::regclass ORDER BY i.relname""",
                           (args.table,))
            declared = dict(cursor.fetchall())
            used = {who: indexes_used(cursor, sql.format(t=args.table))
                    for who, sql in QUERIES.items()}
    finally:
        conn.rollback()
        conn.close()
    result = {"table": args.table, "indexes": declared, "used": used}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest_indexes.json").write_text(
        json.dumps(result, indent=1) + "\n", encoding="utf-8")
    for number, (name, definition) in enumerate(declared.items()):
        print(f"i{number}: {name}: {definition.split(' USING ')[1]}")
    for who, names in used.items():
        print(f"  {who:40s} {', '.join(names) or 'no index (seq scan)'}")
    return result


if __name__ == "__main__":
    main()
