"""Per-event extract latency of the KASCADE DataLink service.

For N random events of kascade_sim (runs with and without per-station
arrays), timed in one run:

* through the live server: GET of the event's #this link (dlget, HDF5
  by default; optionally the other FORMATs), i.e. DID parsing, the
  database check of the DID, the row search in the run file, the read
  and the writing of a one-event file, transfer on loopback;
* the links document (dlmeta) of the same events;
* directly: reading the same event from its run file in this process
  with the service's own reader (services.kascade_extracts.read_event),
  the floor that the service adds its work to.

Prints a table of median and 95th percentile (ms); writes
bench/results/extract.json.

Run:  .venv/bin/python -m bench.extract [--events 200] [--formats all]
"""

import argparse
import json
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np

from apdc import config, resources
from converters.kascade import runs as kascade_runs
from services import kascade_datalink as kdl
from services import kascade_extracts

NAME = "kascade_sim"
RESULTS = Path(__file__).resolve().parent / "results" / "extract.json"


def _runs():
    """(run, n_events) of the run files on disk."""
    import h5py
    out = []
    runs_dir = resources.load(NAME).data_dir / kascade_runs.RUNS_SUBDIR
    for path in sorted(runs_dir.glob(f"{NAME}_run*.h5")):
        with h5py.File(path, "r") as f:
            out.append((int(f["events/R"][0]), len(f["events/EV"])))
    return out


def _get(url):
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as resp:
        body = resp.read()
    return time.perf_counter() - t0, body


def _stats(seconds):
    ms = np.asarray(seconds) * 1e3
    return {"n": int(len(ms)), "median_ms": float(np.median(ms)),
            "p95_ms": float(np.percentile(ms, 95)),
            "mean_ms": float(ms.mean())}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.extract")
    ap.add_argument("--events", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", choices=["hdf5", "all"], default="all",
                    help="'all' also times ROOT, ASCII and VOTable on a "
                         "quarter of the events each")
    a = ap.parse_args(argv)

    server = config.server_url()
    authority = config.site_settings()["authority"]
    rng = np.random.default_rng(a.seed)
    runs = _runs()
    picks = []
    for _ in range(a.events):
        run, n = runs[rng.integers(len(runs))]
        picks.append((run, int(rng.integers(1, n + 1))))
    resdir = resources.load(NAME).data_dir.parent

    # one warm-up request, so that first-import costs (h5py, uproot in the
    # server) do not count
    warm = f"ivo://{authority}/~?{NAME}/{picks[0][0]}/{picks[0][1]}"
    for fmt in kdl.FORMATS:
        _get(f"{server}/{NAME}/dl/dlget?ID={urllib.parse.quote(warm, safe='')}"
             f"&FORMAT={urllib.parse.quote(fmt, safe='')}")

    timings = {"direct read (h5py, same process)": [],
               "dlget HDF5 (default FORMAT)": [],
               "dlmeta (links document)": []}
    with_arrays = []
    for run, event in picks:
        did = f"ivo://{authority}/~?{NAME}/{run}/{event}"
        q = urllib.parse.quote(did, safe="")
        path = kdl.run_file(resdir, NAME, run, "hdf5")
        t0 = time.perf_counter()
        _, stations = kascade_extracts.read_event(path, event)
        timings["direct read (h5py, same process)"].append(
            time.perf_counter() - t0)
        with_arrays.append(stations is not None)
        dt, body = _get(f"{server}/{NAME}/dl/dlget?ID={q}")
        assert body[1:4] == b"HDF", body[:200]
        timings["dlget HDF5 (default FORMAT)"].append(dt)
        dt, _ = _get(f"{server}/{NAME}/dl/dlmeta?ID={q}"
                     "&RESPONSEFORMAT=votable")
        timings["dlmeta (links document)"].append(dt)
    if a.formats == "all":
        for fmt in list(kdl.FORMATS)[1:]:
            key = f"dlget FORMAT={fmt}"
            timings[key] = []
            for run, event in picks[:max(1, a.events // 4)]:
                did = f"ivo://{authority}/~?{NAME}/{run}/{event}"
                dt, _ = _get(f"{server}/{NAME}/dl/dlget?ID="
                             f"{urllib.parse.quote(did, safe='')}"
                             f"&FORMAT={urllib.parse.quote(fmt, safe='')}")
                timings[key].append(dt)

    results = {k: _stats(v) for k, v in timings.items()}
    arrays = np.asarray(with_arrays)
    hdf5 = np.asarray(timings["dlget HDF5 (default FORMAT)"])
    direct = np.asarray(timings["direct read (h5py, same process)"])
    for label, sel in (("with station arrays", arrays),
                       ("summary only", ~arrays)):
        if sel.any():
            results[f"dlget HDF5, {label}"] = _stats(hdf5[sel])
            results[f"direct read, {label}"] = _stats(direct[sel])

    width = max(len(k) for k in results)
    print(f"{'KASCADE extract latency, ' + NAME:{width}s}      n  median_ms"
          "  p95_ms")
    for k, v in results.items():
        print(f"{k:{width}s} {v['n']:6d} {v['median_ms']:10.1f} "
              f"{v['p95_ms']:7.1f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "server": server, "events": a.events, "seed": a.seed,
        "results": results,
        "median_hdf5_extract_ms": statistics.median(hdf5) * 1e3,
        "target_median_ms": 150}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
