"""Scale: streamed, partitioned import of N simulated events and queries on it.

``.venv/bin/python -m bench.scale --events N [--raw-floor] [--dachs]
[--append M] [--partition-rows R] [--keep]`` (issue 14; on demand at 10^7
and 10^8, in CI at a small size, tests/test_live_bench_scale.py):

1. checks the free disk space and refuses, naming the space needed;
2. makes N/100,000 run files (clones of the served simulation's run
   files, :mod:`bench.scale_resource`) in ``/var/tmp/apdc-scale``;
3. the project's path: ``apdc.ingest.replace_tables`` with the run files
   streamed into partitions of at least R rows (default
   :data:`PARTITION_ROWS`; 0: one per run file), spatially ordered
   (:mod:`apdc.streaming`), into the scratch table ``zz_scale.events``
   served by DaCHS: events/s and peak RSS (this process and its
   converter processes);
4. ``--append M``: M more events appended as new partitions, beside the
   full import of step 3 (same run);
5. on the table: a 1 deg cone through the cone search over HTTP (median
   of 15), its EXPLAIN (ANALYZE, BUFFERS) pages, the q3c correlation in
   pg_stats, a TAP sync count with an energy cut, a TAP cross-match with
   3FHL, a one-day time range read through the b-tree and through BRIN,
   the table and index sizes;
6. ``--raw-floor``: the same rows as one binary COPY file into a plain
   table, the same indexes, CLUSTER, ANALYZE; ``--dachs``: the DaCHS
   grammar import of bench/ingest.py on the first 10^6 events.

Prints the figures and writes ``bench/results/scale_<N>.json``.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

from apdc import config, ingest
from bench import scale_queries, scale_resource
from converters.kascade import events as kascade_events
from converters.tables import FileChunks

__all__ = ["needed_bytes", "check_disk", "main"]

RESULTS = Path(__file__).resolve().parent / "results"
WORK_DIR = Path("/var/tmp/apdc-scale")
EVENTS_PER_FILE = 100_000
#: Rows per partition (issue 14: the cone search probes every partition's
#: q3c index, so 10^5-row partitions made 10^7 events cost 100 probes).
PARTITION_ROWS = 1_000_000
#: Bytes per event measured at 1.1 x 10^7 events (docs/ingest.md): the
#: cloned run file (HDF5), the table with its indexes, and the raw
#: floor's extra: its binary COPY file plus its table and indexes twice
#: (CLUSTER writes a new heap and indexes before dropping the old ones).
FILE_BYTES_PER_EVENT = 527
DB_BYTES_PER_EVENT = 531
FLOOR_BYTES_PER_EVENT = 384 + 2 * DB_BYTES_PER_EVENT
#: Margin on the measured sizes: WAL segments not yet recycled, index
#: build spill files, free space map and visibility map, the catalogue.
DISK_MARGIN = 1.2


def needed_bytes(n_events, raw_floor=False):
    """Disk space a run with ``n_events`` needs, from the measured sizes.

    The run files and the database share one disk on this machine; the
    check asks for the sum on each of the two.
    """
    per_event = FILE_BYTES_PER_EVENT + DB_BYTES_PER_EVENT
    if raw_floor:
        per_event += FLOOR_BYTES_PER_EVENT
    return int(n_events * per_event * DISK_MARGIN)


def check_disk(n_events, folder=WORK_DIR, raw_floor=False):
    """Refuse (SystemExit) when the data and database disks lack space."""
    need = needed_bytes(n_events, raw_floor)
    for path in (folder, Path(_data_directory())):
        probe = path
        while not probe.exists():
            probe = probe.parent
        free = shutil.disk_usage(probe).free
        if free < need:
            raise SystemExit(f"bench.scale: {n_events:,} events need "
                f"{need / 1e9:.1f} GB on {probe}, only {free / 1e9:.1f} GB "
                f"free ({need / n_events / DISK_MARGIN:.0f} bytes per event "
                f"measured, margin {DISK_MARGIN}); free some "
                "space or choose fewer --events.")
    return need


def _data_directory():
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT setting FROM pg_settings "
                           "WHERE name = 'data_directory'")
            return cursor.fetchone()[0]
    except Exception:  # not readable without superuser: the root disk
        return "/var/lib/postgresql"
    finally:
        conn.close()


def _peak_rss_mb():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def project_import(ctx, paths, drop_missing=True):
    """The project's path; (seconds, rows)."""
    table = f"{scale_queries.SCHEMA}.events"
    started = time.perf_counter()
    counts = ingest.replace_tables(
        [(table, FileChunks(ctx, tuple(paths), kascade_events.file_columns))],
        drop_missing=drop_missing)
    return time.perf_counter() - started, counts[table]


def cone_http(server, n=15, radius=1.0):
    """Median and all times (ms) of 1 deg cone searches over HTTP."""
    times = []
    for i in range(n):
        query = urllib.parse.urlencode({"RA": (37.0 * i) % 360,
                                        "DEC": 20 + (i % 5) * 10,
                                        "SR": radius})
        started = time.perf_counter()
        with urllib.request.urlopen(
                f"{server}/{scale_queries.SCHEMA}/cone/scs.xml?{query}",
                timeout=60) as r:
            r.read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--append", type=int, default=0, metavar="M")
    parser.add_argument("--raw-floor", action="store_true")
    parser.add_argument("--dachs", action="store_true")
    parser.add_argument("--partition-rows", type=int, default=PARTITION_ROWS,
                        metavar="R", help="rows per partition (0: one per "
                        f"run file; default {PARTITION_ROWS:,})")
    parser.add_argument("--out", type=Path, default=None,
                        help="result JSON (default bench/results/scale_N.json)")
    parser.add_argument("--schema", default=scale_queries.SCHEMA,
                        help="scratch schema and RD (zz_ names; default "
                        f"{scale_queries.SCHEMA})")
    parser.add_argument("--work-dir", type=Path, default=WORK_DIR,
                        help=f"where the run files go (default {WORK_DIR})")
    parser.add_argument("--keep", action="store_true",
                        help="keep the run files for the next run")
    args = parser.parse_args(argv)
    if not args.schema.startswith("zz_"):
        parser.error(f"--schema {args.schema}: a scratch schema starts "
                     "with zz_")
    scale_queries.SCHEMA = args.schema
    n_files = -(-args.events // EVENTS_PER_FILE)
    n_append = -(-args.append // EVENTS_PER_FILE)
    need = check_disk(args.events + args.append, args.work_dir,
                      raw_floor=args.raw_floor)
    load = os.getloadavg()
    print(f"bench.scale: {args.events:,} events in {n_files} files; "
          f"{need / 1e9:.1f} GB free space needed; load {load[0]:.1f}",
          flush=True)
    folder = args.work_dir / "runs"
    started = time.perf_counter()
    paths = scale_resource.clone_runs(folder, n_files + n_append)
    result = {"events": args.events, "files": n_files, "load_before": load,
              "partition_rows": args.partition_rows,
              "make_files_s": time.perf_counter() - started}
    result["file_bytes"] = sum(p.stat().st_size for p in paths[:n_files])
    with scale_resource.scratch_resource(args.schema, args.work_dir,
                                         args.partition_rows) as ctx:
        seconds, rows = project_import(ctx, paths[:n_files])
        own, children = _peak_rss_mb()
        result["project"] = {"rows": rows, "seconds": seconds,
                             "events_per_s": rows / seconds,
                             "peak_rss_mb": own,
                             "peak_rss_converter_mb": children}
        if n_append:
            seconds, rows = project_import(ctx, paths[n_files:], False)
            result["append"] = {"rows": rows, "seconds": seconds,
                                "events_per_s": rows / seconds}
        median, times = cone_http(config.server_url())
        result["cone_http_ms"] = {"median": median, "all": times}
        result.update(scale_queries.measure(config.server_url()))
        if args.raw_floor:
            result["raw_floor"] = scale_queries.raw_floor(ctx, paths[:n_files])
        if args.dachs:
            result["dachs_grammar"] = scale_queries.dachs_grammar(
                paths[:min(n_files, 10)])
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    result["load_after"] = os.getloadavg()
    out = args.out or RESULTS / f"scale_{args.events}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    scale_queries.report(result)
    print(f"written {out}")
    return result


if __name__ == "__main__":
    main()
