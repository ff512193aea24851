"""The generator that ``resources/tunka_rex/dataset.json`` names.

The operator's fetch step calls :func:`generate_runs` as
``function(ctx, seed=seed, **options)``; it writes one run file per run
into ``ctx.data_dir/runs`` in the Tunka-Rex event-summary format
(HDF5, with a ROOT twin; docs/tunka_rex.md) with the per-antenna arrays
of every event.  Each HDF5 file records its provenance as attributes
(``simulated``, ``generator``, ``generator_version``, ``seed``,
``description``), which the importer checks against the RD
(:mod:`converters.tunka_rex.files`).  A ``manifest.json`` beside the
files records the request, the parameters and each file's size and
SHA-256; when it matches, nothing is written again.
"""

import json
import os
import sys
from pathlib import Path

import h5py

from converters import kcdc_quantities
from converters.kascade.runs import run_file
from exporters.kcdc import write_events
from simulation.kascade import manifest as kascade_manifest
from simulation.tunka_rex import antennas, showers
from simulation.tunka_rex.events import (DEFAULT_SEED, DESCRIPTION,
                                         GENERATOR_NAME, GENERATOR_VERSION,
                                         generate)

__all__ = ["RUNS_FOLDER", "MANIFEST_NAME", "provenance", "generate_runs"]

RUNS_FOLDER = "runs"
MANIFEST_NAME = "manifest.json"


def provenance(seed):
    """The provenance attributes of a simulated run file.

    Returns
    -------
    dict
    """
    return {"simulated": True, "generator": GENERATOR_NAME,
            "generator_version": GENERATOR_VERSION, "seed": int(seed),
            "antenna_layout_version": antennas.MODEL_VERSION,
            "description": DESCRIPTION}


def _request(ctx, seed, n_events, events_per_run, start, days):
    return {**provenance(seed), "resource": ctx.resource,
            "n_events": int(n_events), "events_per_run": int(events_per_run),
            "start": start, "days": float(days),
            "parameters": showers.Parameters().as_dict()}


def _up_to_date(folder, request):
    old = kascade_manifest.read(os.fspath(folder / MANIFEST_NAME))
    if not old or old.get("request") != json.loads(json.dumps(request)):
        return False
    return all((folder / f["name"]).is_file()
               and (folder / f["name"]).stat().st_size == f["size"]
               for f in old.get("files", []))


def _write_run(folder, collection, run, part, stations, qs, seed):
    """The HDF5 file (with provenance) and its ROOT twin of one run."""
    entries = []
    for kind in ("hdf5", "root"):
        final = run_file(folder, collection, run, kind)
        tmp = final.with_name(f".{final.stem}.partial{final.suffix}")
        write_events(tmp, part, stations=stations, quantities=qs)
        if kind == "hdf5":
            with h5py.File(tmp, "a") as f:
                f.attrs.update(provenance(seed))
        os.replace(tmp, final)
        entries.append(kascade_manifest.file_entry(folder, final.name))
    return entries


def generate_runs(ctx, seed=DEFAULT_SEED, n_events=100_000,
                  events_per_run=10_000, start="2012-10-01", days=2373,
                  log=sys.stderr):
    """Write the simulated Tunka-Rex-like run files of a resource.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The resource; its RD's ``events`` quantities are written.
    seed, n_events, events_per_run : int, optional
    start : str, optional
        UTC start of the period (ISO).
    days : float, optional
        Length of the period.
    log : file, optional
        Progress.

    Returns
    -------
    list of pathlib.Path
        The HDF5 run files in run order.
    """
    folder = Path(ctx.data_dir) / RUNS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    n_runs = -(-int(n_events) // int(events_per_run))
    paths = [run_file(folder, ctx.resource, r, "hdf5")
             for r in range(1, n_runs + 1)]
    request = _request(ctx, seed, n_events, events_per_run, start, days)
    if _up_to_date(folder, request):
        print(f"  {ctx.resource}: run files up to date", file=log)
        return paths
    (folder / MANIFEST_NAME).unlink(missing_ok=True)
    # also the leftovers of an interrupted call (".NAME.partial.h5")
    for pattern in (f"{ctx.resource}_run*", f".{ctx.resource}_run*"):
        for old in folder.glob(pattern):
            old.unlink()
    cols, stations, _ = generate(n_events, seed, start, days, events_per_run)
    qs = kcdc_quantities.quantities(ctx.resource, "events")
    files = []
    for run in range(1, n_runs + 1):
        rows = slice((run - 1) * events_per_run, run * events_per_run)
        part = {k: v[rows] for k, v in cols.items()}
        st = {k: (v[rows] if v.ndim == 2 else v) for k, v in stations.items()}
        files += _write_run(folder, ctx.resource, run, part, st, qs, seed)
        print(f"  {ctx.resource}: wrote run {run}/{n_runs}", file=log)
    with open(folder / MANIFEST_NAME, "w", encoding="utf-8") as f:
        json.dump({"request": request, "files": files}, f, indent=2)
        f.write("\n")
    return paths
