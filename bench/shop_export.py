"""Data shop exports of 10^6 simulated events against the TAP route.

Selection: every scalar KCDC quantity of kascade_sim.events (18) with a
zenith cut that keeps about half of the 10^6 events.  Measured, each in
a fresh process (so that peak memory is the export's own):

* the shop (exporters.shop.export) to HDF5, ROOT, ASCII and Parquet,
  end to end: validation, COUNT, streamed binary COPY, writing, the zip
  archive with its checksums;
* the baseline a user has today: the same rows through TAP sync
  (RESPONSEFORMAT=votable/b2), parsed by astropy and written to HDF5 with
  h5py.

Prints events/s and peak RSS (and its growth during the export); writes
bench/results/shop_export.json.  Asserts nothing.

Run:  .venv/bin/python -m bench.shop_export [--formats hdf5,root]
      [--zenith-max 28.25] [--tap-events N]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "shop_export.json"
DATASET = "kascade_sim"
TAP_SYNC = "http://127.0.0.1:8080/tap/sync"


def _rss_mb():
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _selection(fmt, zenith_max):
    from exporters import shop
    from exporters.shop.datasets import component_spec
    comp = component_spec(DATASET, "events")
    names = tuple(q.name for q in comp.quantities if not q.is_array)
    return shop.Selection(DATASET, "events", names,
                          {"ZE": (None, zenith_max)}, fmt)


def child_shop(fmt, zenith_max):
    """One shop export in this process; returns its figures."""
    import psycopg2

    from exporters import shop
    conn = psycopg2.connect(os.environ.get("APDC_SHOP_DSN",
                                           "dbname=gavo user=postgres"))
    selection = _selection(fmt, zenith_max)
    with tempfile.TemporaryDirectory() as workdir:
        start_rss = _rss_mb()
        t0 = time.perf_counter()
        package = shop.export(conn, selection, workdir,
                              request_id=f"bench-{fmt}", user="bench",
                              host=os.uname().nodename)
        seconds = time.perf_counter() - t0
    return {"route": f"shop {fmt}", "events": package.n_events,
            "quantities": len(selection.quantities), "seconds": seconds,
            "events_per_s": package.n_events / seconds,
            "bytes": package.size, "rss_start_mb": start_rss,
            "peak_rss_mb": _peak_mb(), "growth_mb": _peak_mb() - start_rss}


def _tap_query(zenith_max, limit):
    from exporters.shop.datasets import component_spec
    comp = component_spec(DATASET, "events")
    columns = [q.column for q in comp.quantities
               if not q.is_array and q.table == comp.table.id]
    top = f"TOP {limit} " if limit else ""
    return (f"SELECT {top}{', '.join(columns)}, obs_time FROM "
            f"{DATASET}.events WHERE zenith <= {zenith_max!r} "
            "ORDER BY run, event")


def child_tap(zenith_max, limit):
    """The TAP route: sync query, astropy, h5py."""
    import h5py
    import numpy as np
    from astropy.io.votable import parse_single_table

    body = urllib.parse.urlencode({
        "REQUEST": "doQuery", "LANG": "ADQL", "MAXREC": 2_000_000,
        "RESPONSEFORMAT": "votable/b2",
        "QUERY": _tap_query(zenith_max, limit)}).encode()
    start_rss = _rss_mb()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        vot = Path(workdir) / "result.vot"
        with urllib.request.urlopen(TAP_SYNC, body, timeout=1800) as resp, \
                open(vot, "wb") as out:
            while block := resp.read(1 << 20):
                out.write(block)
        table = parse_single_table(str(vot)).to_table()
        with h5py.File(Path(workdir) / "result.h5", "w") as f:
            group = f.create_group("events")
            for name in table.colnames:
                values = np.asarray(table[name])
                if values.dtype.kind in "OU":
                    values = values.astype("S")
                group.create_dataset(name, data=values, compression="gzip",
                                     compression_opts=1, shuffle=True)
        size = (Path(workdir) / "result.h5").stat().st_size
    seconds = time.perf_counter() - t0
    return {"route": "TAP sync + astropy + h5py", "events": len(table),
            "quantities": len(table.colnames), "seconds": seconds,
            "events_per_s": len(table) / seconds, "bytes": size,
            "rss_start_mb": start_rss, "peak_rss_mb": _peak_mb(),
            "growth_mb": _peak_mb() - start_rss}


def _run_child(*args):
    proc = subprocess.run([sys.executable, "-m", "bench.shop_export",
                           "--child", *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1],
                          check=False)
    if proc.returncode:
        return {"route": " ".join(args), "error": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _best(runs):
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[-1]
    best = min(good, key=lambda r: r["seconds"])
    # memory: the largest of the runs, not the fastest run's
    return dict(best, runs=len(good),
                peak_rss_mb=max(r["peak_rss_mb"] for r in good),
                growth_mb=max(r["growth_mb"] for r in good))


def _print(rows):
    print(f"{'route':28} {'events':>8} {'q':>3} {'s':>7} {'events/s':>10} "
          f"{'MB out':>8} {'peak RSS':>9} {'growth':>7}")
    for r in rows:
        if "error" in r:
            print(f"{r['route']:28} ERROR {r['error'][-300:]}")
            continue
        print(f"{r['route']:28} {r['events']:8d} {r['quantities']:3d} "
              f"{r['seconds']:7.2f} {r['events_per_s']:10.0f} "
              f"{r['bytes'] / 2**20:8.1f} {r['peak_rss_mb']:8.0f}M "
              f"{r['growth_mb']:6.0f}M")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="hdf5,root,ascii,parquet")
    parser.add_argument("--zenith-max", type=float, default=28.25)
    parser.add_argument("--tap-events", type=int, default=0,
                        help="TOP n for the TAP route (0: all), if TAP "
                        "cannot deliver the whole selection in time")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per route; the fastest is reported")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        result = (child_tap(args.zenith_max, args.tap_events)
                  if kind == "tap" else child_shop(kind, args.zenith_max))
        print(json.dumps(result))
        return
    extra = ["--zenith-max", repr(args.zenith_max)]
    routes = [[fmt, *extra] for fmt in args.formats.split(",")]
    routes.append(["tap", *extra, "--tap-events", str(args.tap_events)])
    rows = [_best([_run_child(*route) for _ in range(args.repeat)])
            for route in routes]
    _print(rows)
    shop_hdf5 = next((r for r in rows if r["route"] == "shop hdf5"
                      and "error" not in r), None)
    tap = rows[-1]
    if shop_hdf5 and "error" not in tap:
        print(f"HDF5 speed-up over the TAP route: "
              f"{shop_hdf5['events_per_s'] / tap['events_per_s']:.1f}x")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"dataset": DATASET, "zenith_max":
                                   args.zenith_max, "cpus": os.cpu_count(),
                                   "load_average": os.getloadavg(),
                                   "results": rows},
                                  indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
