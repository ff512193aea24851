"""Where the import time goes: every stage of the streamed import, timed.

``.venv/bin/python -m bench.ingest_stages [--files N] [--profile]``
(issue 14, item 1).  On N clones of the served simulation's run files
(:mod:`bench.scale_resource`), one process, no pipeline, so that the
stages add up:

* converter stages per file: HDF5 read and validation, the derived
  column groups (times, sky coordinates, DIDs and DataLink URLs,
  energy), HEALPix sort, matching to the table's columns, binary
  encoding;
* PostgreSQL stages for the N files as one partition: COPY (FREEZE),
  each index build, ANALYZE.

``--profile`` adds the 15 most expensive functions of the converter
(cProfile, cumulative).  Prints a table and writes
``bench/results/ingest_stages.json``.
"""

import argparse
import cProfile
import io
import json
import pstats
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from apdc import ingest, streaming
from bench import scale_resource
from converters import kcdc, kcdc_quantities, rdschema
from converters.kascade import events as kascade_events

__all__ = ["converter_stages", "database_stages", "main"]

RESULTS = Path(__file__).resolve().parent / "results"
WORK_DIR = Path("/var/tmp/apdc-scale")


def _timed(timings, name, function, *args):
    started = time.perf_counter()
    out = function(*args)
    timings[name] += time.perf_counter() - started
    return out


def converter_stages(ctx, paths, db_columns):
    """Seconds per converter stage over ``paths``; and the payloads."""
    timings, payloads = defaultdict(float), []
    spec = rdschema.table(ctx.resource, "events")
    qs = kcdc_quantities.quantities(ctx.resource, "events")
    site = (ctx.authority, spec.schema, ctx.server_url)
    by_column = {q.column: q for q in qs if q.table == spec.id}
    for path in paths:
        q = _timed(timings, "hdf5 read + validation", lambda: kcdc.read_events(
            path, quantities=qs))
        data = {}
        for name in spec.names:
            if name in by_column:
                data[name] = _timed(timings, "quantities -> columns",
                                    kascade_events._quantity_column,
                                    by_column[name], q[by_column[name].name])
        for function in dict.fromkeys(kascade_events.DERIVED.values()):
            data.update(_timed(timings, f"derived: {function.__name__[1:]}",
                               function, q, site))
        data = {name: data[name] for name in spec.names}
        order = _timed(timings, "healpix key + sort", lambda: np.argsort(
            streaming.spatial_key(data["ra"], data["dec"]), kind="stable"))
        data = _timed(timings, "reorder rows", lambda: {
            k: v[order] for k, v in data.items()})
        columns = _timed(timings, "match table columns",
                         ingest._to_copy_columns, "zz_scale", "events",
                         db_columns, data)
        payloads.append(_timed(timings, "binary encoding",
                               streaming.encode_columns, columns))
    return dict(timings), payloads


def database_stages(cursor, payloads):
    """Seconds per PostgreSQL stage, the payloads loaded as one table."""
    timings = {}
    cursor.execute("SET maintenance_work_mem = "
                   f"'{ingest.INDEX_WORK_MEM}'")
    cursor.execute("CREATE TABLE zz_scale.stages (LIKE zz_scale.events "
                   "INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
    started = time.perf_counter()
    for payload in payloads:
        cursor.copy_expert("COPY zz_scale.stages FROM STDIN WITH "
                           "(FORMAT binary, FREEZE true)",
                           io.BytesIO(payload), size=1 << 20)
    timings["COPY (binary, FREEZE)"] = time.perf_counter() - started
    cursor.execute("""SELECT pg_get_indexdef(indexrelid) FROM pg_index
        WHERE indrelid = 'zz_scale.events'::regclass""")
    for (definition,) in cursor.fetchall():
        on = definition.index(" ON ")
        name = definition[:on].split()[-1]
        using = definition[definition.index(" USING "):]
        started = time.perf_counter()
        cursor.execute(f"CREATE INDEX {name}_s ON zz_scale.stages {using}")
        timings[f"index {name}"] = time.perf_counter() - started
    started = time.perf_counter()
    cursor.execute("ANALYZE zz_scale.stages")
    timings["ANALYZE"] = time.perf_counter() - started
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    paths = scale_resource.clone_runs(WORK_DIR / "runs", args.files)
    result = {"files": args.files}
    with scale_resource.scratch_resource("zz_scale", WORK_DIR) as ctx:
        conn = ingest.get_connection()
        try:
            with conn.cursor() as cursor:
                db_columns = ingest._table_columns(cursor, "zz_scale",
                                                   "events")
            profile = cProfile.Profile() if args.profile else None
            if profile:
                profile.enable()
            result["converter_s"], payloads = converter_stages(
                ctx, paths, db_columns)
            if profile:
                profile.disable()
                text = io.StringIO()
                pstats.Stats(profile, stream=text).sort_stats(
                    "cumulative").print_stats(15)
                result["profile"] = text.getvalue()
            rows = args.files * scale_resource_rows(paths[0])
            with conn.cursor() as cursor:
                result["database_s"] = database_stages(cursor, payloads)
        finally:
            conn.rollback()
            conn.close()
    result["rows"] = rows
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest_stages.json").write_text(
        json.dumps(result, indent=1) + "\n", encoding="utf-8")
    report(result)
    return result


def scale_resource_rows(path):
    """Events in one run file."""
    import h5py
    with h5py.File(path, "r") as f:
        return len(f["events"]["R"])


def report(result):
    """Print seconds and core-seconds per 10^5 events of every stage."""
    per = 1e5 / result["rows"]
    print(f"{result['rows']:,} events in {result['files']} files; "
          "seconds (and per 10^5 events)")
    for part in ("converter_s", "database_s"):
        total = sum(result[part].values())
        for name, seconds in result[part].items():
            print(f"  {name:40s} {seconds:7.2f} s {seconds * per:6.3f}")
        print(f"  {'= ' + part[:-2]:40s} {total:7.2f} s {total * per:6.3f}")
    if "profile" in result:
        print(result["profile"])


if __name__ == "__main__":
    main()
