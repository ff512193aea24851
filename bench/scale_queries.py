"""The measurements of bench/scale.py on the scratch table zz_scale.events.

Queries (cone, TAP count, 3FHL cross-match, time range through b-tree
and BRIN, sizes, pg_stats correlation) and the raw-floor baseline (the
same rows as one binary COPY file, COPY, the same indexes, CLUSTER,
ANALYZE).
"""

import json
import shutil
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from apdc import ingest, pgcopy
from converters import kcdc
from converters.kascade import events as kascade_events
from converters.tables import concatenate_columns

__all__ = ["measure", "raw_floor", "dachs_grammar", "report", "tap_sync"]

CONE = "q3c_radial_query(ra, dec, 180.0, 40.0, 1.0)"
#: The scratch schema (bench.scale --schema changes it).
SCHEMA = "zz_scale"
ENERGY_COUNT = ("SELECT COUNT(*) AS n FROM {schema}.events "
                "WHERE log_energy > 16.5")
CROSSMATCH = """SELECT s.source_name, COUNT(*) AS n
FROM {schema}.events AS e JOIN fermi3fhl.main AS s
  ON 1 = CONTAINS(POINT(e.ra, e.dec), CIRCLE(s.ra, s.dec, 0.2))
WHERE e.log_energy > 16 GROUP BY s.source_name"""
#: The raw floor's indexes: those of the served table (rd/kascade.rd).
FLOOR_INDEXES = ("PRIMARY KEY (event_did)", "(q3c_ang2ipix(ra, dec))",
                 "(obs_time)", "(obs_mjd)", "(log_energy)", "(run, event)")


def tap_sync(server, adql):
    """(milliseconds, VOTable bytes) of one TAP sync query."""
    data = urllib.parse.urlencode({"REQUEST": "doQuery", "LANG": "ADQL",
                                   "QUERY": adql}).encode()
    started = time.perf_counter()
    with urllib.request.urlopen(f"{server}/tap/sync", data,
                                timeout=600) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def _explain(cursor, sql):
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
    plan = cursor.fetchone()[0][0]
    top = plan["Plan"]
    return {"ms": plan["Execution Time"], "rows": top.get("Actual Rows"),
            "pages": top.get("Shared Hit Blocks", 0)
            + top.get("Shared Read Blocks", 0),
            "heap_pages": _heap_blocks(top), "node": top["Node Type"]}


def _heap_blocks(node):
    """Heap pages the bitmap heap scans of a plan visited."""
    own = node.get("Exact Heap Blocks", 0) + node.get("Lossy Heap Blocks", 0)
    return own + sum(_heap_blocks(child) for child in node.get("Plans", ()))


def _time_range(cursor):
    """One day of events through the b-tree, then through BRIN."""
    cursor.execute("SELECT min(obs_time) + interval '100 days' "
                   f"FROM {SCHEMA}.events")
    start = cursor.fetchone()[0]
    sql = (f"SELECT COUNT(*) FROM {SCHEMA}.events WHERE obs_time "
           f"BETWEEN '{start}' AND '{start}'::timestamp + interval '1 day'")
    cursor.execute("SET LOCAL enable_seqscan = off")
    out = {"btree": _explain(cursor, sql)}
    cursor.execute(f"DROP INDEX {SCHEMA}.events_obs_time")
    started = time.perf_counter()
    cursor.execute(f"CREATE INDEX events_obs_time_brin ON {SCHEMA}.events "
                   "USING brin (obs_time)")
    out["brin_build_s"] = time.perf_counter() - started
    cursor.execute(f"ANALYZE {SCHEMA}.events")
    out["brin"] = _explain(cursor, sql)
    cursor.execute("""SELECT sum(pg_relation_size(indexrelid))
        FROM pg_index WHERE indexrelid::regclass::text LIKE %s""",
                   (f"{SCHEMA}.events%brin%",))
    out["brin_bytes"] = int(cursor.fetchone()[0] or 0)
    return out


def measure(server):
    """The queries and sizes of the scale bench (see module docstring)."""
    out = {}
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            out["cone_sql"] = _explain(cursor,
                f"SELECT * FROM {SCHEMA}.events WHERE {CONE}")
            cursor.execute("""SELECT avg(correlation), min(correlation)
                FROM pg_stats WHERE schemaname = %s
                  AND attname = 'q3c_ang2ipix'""", (SCHEMA,))
            out["q3c_correlation_avg_min"] = cursor.fetchone()
            cursor.execute("""SELECT sum(pg_table_size(relid)),
                  sum(pg_indexes_size(relid)), count(*) - 1
                FROM pg_partition_tree(%s)""", (f"{SCHEMA}.events",))
            table, indexes, parts = cursor.fetchone()
            out["sizes"] = {"table_bytes": int(table),
                            "index_bytes": int(indexes), "partitions": parts}
            cursor.execute("SHOW wal_level")
            out["wal_level"] = cursor.fetchone()[0]
            out["time_range"] = _time_range(cursor)
    finally:
        conn.rollback()
        conn.close()
    out["tap_count_ms"], _ = tap_sync(server,
                                      ENERGY_COUNT.format(schema=SCHEMA))
    out["tap_crossmatch_ms"], body = tap_sync(
        server, CROSSMATCH.format(schema=SCHEMA))
    out["tap_crossmatch_bytes"] = len(body)
    return out


def raw_floor(ctx, paths):
    """The raw floor: COPY a prepared file, index, CLUSTER, ANALYZE."""
    conn = ingest.get_connection()
    with tempfile.TemporaryDirectory(dir="/var/tmp") as tmp:
        target = Path(tmp) / "events.copy"
        try:
            with conn.cursor() as cursor:
                db_columns = ingest._table_columns(cursor, SCHEMA,
                                                   "events")
            _write_floor(ctx, paths, target, db_columns)
            with conn.cursor() as cursor:
                started = time.perf_counter()
                cursor.execute("SET maintenance_work_mem = "
                               f"'{ingest.INDEX_WORK_MEM}'")
                cursor.execute(f"CREATE TABLE {SCHEMA}.floor (LIKE "
                               f"{SCHEMA}.events INCLUDING DEFAULTS)")
                with open(target, "rb") as stream:
                    cursor.copy_expert(f"COPY {SCHEMA}.floor FROM STDIN "
                                       "WITH (FORMAT binary)", stream,
                                       size=1 << 20)
                copied = time.perf_counter() - started
                for i, index in enumerate(FLOOR_INDEXES):
                    cursor.execute(f"ALTER TABLE {SCHEMA}.floor ADD " + index
                        if index.startswith("PRIMARY") else
                        f"CREATE INDEX floor_i{i} ON {SCHEMA}.floor {index}")
                cursor.execute(f"CLUSTER {SCHEMA}.floor USING floor_i1")
                cursor.execute(f"ANALYZE {SCHEMA}.floor")
                seconds = time.perf_counter() - started
                cursor.execute(f"SELECT count(*) FROM {SCHEMA}.floor")
                rows = cursor.fetchone()[0]
                cone = _explain(cursor, f"SELECT * FROM {SCHEMA}.floor "
                                f"WHERE {CONE}")
        finally:
            conn.rollback()
            conn.close()
    return {"rows": rows, "seconds": seconds, "copy_s": copied,
            "events_per_s": rows / seconds, "cone_sql": cone}


def _write_floor(ctx, paths, target, db_columns):
    with open(target, "wb") as out:
        out.write(pgcopy.HEADER)
        for path in paths:
            columns = ingest._to_copy_columns(
                SCHEMA, "events", db_columns,
                kascade_events.file_columns(ctx, path))
            body = b"".join(pgcopy.copy_chunks(columns))
            out.write(body[len(pgcopy.HEADER):-len(pgcopy.TRAILER)])
        out.write(pgcopy.TRAILER)


def dachs_grammar(paths):
    """bench/ingest.py's DaCHS reGrammar import of the same events."""
    from bench import ingest as ingest_bench
    quantities = concatenate_columns([kcdc.read_events(p) for p in paths])
    with tempfile.TemporaryDirectory(prefix="apdc-bench-") as tmp:
        workdir = Path(tmp)
        shutil.chown(workdir, group="gavo")
        workdir.chmod(0o775)
        seconds = ingest_bench.baseline(quantities, workdir)["total"]
    rows = len(quantities["E"])
    return {"rows": rows, "seconds": seconds, "events_per_s": rows / seconds}


def report(result):
    """Print the figures of one run, the baselines beside the project's."""
    p = result["project"]
    print(f"events {result['events']:,} in {result['files']} files, "
          f"{result['sizes']['partitions']} partitions of >= "
          f"{result.get('partition_rows', 0):,} rows; "
          f"load {result['load_before'][0]:.1f} -> "
          f"{result['load_after'][0]:.1f}")
    print(f"project path (HDF5 -> served, indexed, spatially ordered) "
          f"{p['seconds']:8.1f} s {p['events_per_s']:>10,.0f} events/s  "
          f"peak RSS {p['peak_rss_mb']:.0f} MB + converters "
          f"{p['peak_rss_converter_mb']:.0f} MB")
    for name in ("raw_floor", "dachs_grammar", "append"):
        if name in result:
            r = result[name]
            print(f"{name:57s} {r['seconds']:8.1f} s "
                  f"{r['events_per_s']:>10,.0f} events/s ({r['rows']:,} rows)")
    if "raw_floor" in result:
        print(f"project / raw floor {p['events_per_s'] / result['raw_floor']['events_per_s']:.2f}")
    print(f"1 deg cone HTTP median {result['cone_http_ms']['median']:.1f} ms; "
          f"SQL {result['cone_sql']['ms']:.1f} ms, "
          f"{result['cone_sql']['pages']} pages "
          f"({result['cone_sql']['heap_pages']} heap), "
          f"{result['cone_sql']['rows']} rows")
    if "raw_floor" in result:
        c = result["raw_floor"]["cone_sql"]
        print(f"  same cone on the CLUSTERed raw floor: {c['ms']:.1f} ms, "
              f"{c['pages']} pages ({c['heap_pages']} heap), {c['rows']} rows")
    print(f"q3c correlation (avg, min over partitions) "
          f"{result['q3c_correlation_avg_min']}")
    t = result["time_range"]
    print(f"1 day: b-tree {t['btree']['ms']:.1f} ms {t['btree']['pages']} pages;"
          f" BRIN {t['brin']['ms']:.1f} ms {t['brin']['pages']} pages "
          f"({t['brin_bytes'] / 1024:.0f} kB, built in {t['brin_build_s']:.1f} s)")
    print(f"TAP count with energy cut {result['tap_count_ms']:.0f} ms; "
          f"cross-match with 3FHL {result['tap_crossmatch_ms']:.0f} ms")
    s = result["sizes"]
    rows = p["rows"] + result.get("append", {}).get("rows", 0)
    print(f"table {s['table_bytes'] / 1e6:.0f} MB, indexes "
          f"{s['index_bytes'] / 1e6:.0f} MB in {s['partitions']} partitions "
          f"({(s['table_bytes'] + s['index_bytes']) / rows:.0f} bytes/event; "
          f"run files {result.get('file_bytes', 0) / p['rows']:.0f} "
          f"bytes/event); wal_level {result['wal_level']}")
    print(json.dumps({"events_per_s": round(p["events_per_s"])}))
