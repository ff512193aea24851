"""Download speed of the H.E.S.S. run files through the server.

Timed in one run, over the same 105 served run files (the uncompressed
DL3 files that /getproduct delivers, resources/hess_dr1/data/uncompressed):

* baseline: reading the files from disk in this process (page cache
  as it is; a first pass warms it for both);
* /getproduct (the ObsCore access_url and the DataLink #this link),
  one client, files one after the other;
* /getproduct with 4 clients in parallel;
* SODA without cutout parameters (the whole run re-written by the
  cutout code) and a SODA CIRCLE cutout, per request.

Run:  .venv/bin/python -m bench.datalink [--repeat N]
"""

import argparse
import concurrent.futures
import json
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

from apdc import config
from services.hess import names as hess_soda

RESULTS = Path(__file__).parent / "results" / "datalink.json"


def served_files():
    paths = sorted(hess_soda.FITS_DIR.glob("hess_dl3_dr1_obs_id_*.fits"))
    if len(paths) != 105:
        raise SystemExit(f"expected 105 run files in {hess_soda.FITS_DIR}, "
            f"found {len(paths)}: run 'apdc import hess_dr1' first")
    return paths


def product_url(path):
    return (config.server_url() + "/getproduct/" + hess_soda.ACCREF_PREFIX
        + path.name)


def fetch(url):
    with urllib.request.urlopen(url, timeout=300) as resp:
        total = 0
        for block in iter(lambda: resp.read(1 << 20), b""):
            total += len(block)
    return total


def read_file(path):
    total = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            total += len(block)
    return total


def timed(label, func, items, workers=1):
    started = time.perf_counter()
    if workers == 1:
        n_bytes = sum(func(item) for item in items)
    else:
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            n_bytes = sum(pool.map(func, items))
    elapsed = time.perf_counter() - started
    return {"label": label, "requests": len(items), "bytes": n_bytes,
        "seconds": elapsed, "MB_per_s": n_bytes / elapsed / 1e6,
        "ms_per_request": 1000 * elapsed / len(items)}


def soda_url(obs_id, **params):
    authority = config.site_settings()["authority"]
    query = urllib.parse.urlencode({"ID": hess_soda.pubdid_for(obs_id,
        authority), **params})
    return f"{config.server_url()}/hess_dr1/dl/dlget?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    paths = served_files()
    urls = [product_url(p) for p in paths]
    obs_ids = [int(p.name[20:26]) for p in paths][:20]
    for path in paths:                      # warm the page cache
        read_file(path)
    fetch(urls[0])                          # and the server

    runs = []
    for _ in range(args.repeat):
        runs.append([
            timed("disk read (baseline)", read_file, paths),
            timed("/getproduct, 1 client", fetch, urls),
            timed("/getproduct, 4 clients", fetch, urls, workers=4),
            timed("SODA whole run (20 runs)", fetch,
                [soda_url(i) for i in obs_ids]),
            timed("SODA CIRCLE 0.5 deg (20 runs)", fetch,
                [soda_url(i, CIRCLE=f"{r['ra']} {r['dec']} 0.5")
                 for i, r in zip(obs_ids, pointings(obs_ids))]),
        ])

    best = [min((run[i] for run in runs), key=lambda r: r["seconds"])
        for i in range(len(runs[0]))]
    baseline = best[0]["MB_per_s"]
    print(f"{len(paths)} run files, {best[0]['bytes'] / 1e6:.1f} MB; "
        f"best of {args.repeat}")
    print(f"{'path':32s} {'requests':>8s} {'MB':>8s} {'s':>7s} {'MB/s':>8s}"
        f" {'ms/req':>8s} {'vs disk':>8s}")
    for r in best:
        print(f"{r['label']:32s} {r['requests']:8d} {r['bytes'] / 1e6:8.1f} "
            f"{r['seconds']:7.2f} {r['MB_per_s']:8.1f} "
            f"{r['ms_per_request']:8.1f} {r['MB_per_s'] / baseline:8.3f}")
    spread = {r["label"]: statistics.pstdev(run[i]["seconds"] for run in runs)
        for i, r in enumerate(best)}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"best": best, "stdev_seconds": spread,
        "repeat": args.repeat}, indent=2))


def pointings(obs_ids):
    """RA/Dec of the runs' pointings, from the files' headers."""
    from astropy.io import fits
    for obs_id in obs_ids:
        header = fits.getheader(hess_soda.run_path(obs_id), "EVENTS")
        yield {"ra": header["RA_PNT"], "dec": header["DEC_PNT"]}


if __name__ == "__main__":
    main()
