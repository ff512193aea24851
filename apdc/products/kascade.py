"""Product step of the measured KASCADE events: the run files.

``write_measured_runs`` (manifest ``products`` of ``kascade``) splits the KCDC
exports in ``data/`` by run into ``data/runs/<name>_run<RUN:05d>.h5``
and ``.root`` (:mod:`converters.kascade.runs`), which the DataLink
service and the ``runs`` table serve.  The exports stay the import input
of ``<name>.events``; ``converters.kcdc.iter_event_files`` does not look
into ``runs/``, so the run files are never imported twice.
"""

import json
import os
import sys
from pathlib import Path

import numpy as np

from converters import kcdc, kcdc_quantities
from converters.kascade import events as kascade_events
from converters.kascade import runs as kascade_runs
from converters.tables import concatenate_columns
from exporters.kcdc import write_events

__all__ = ["MANIFEST_NAME", "write_measured_runs", "write_run_files"]

MANIFEST_NAME = "manifest.json"
RUN_KINDS = ("hdf5", "root")


def _source_state(sources):
    return [{"name": p.name, "size": p.stat().st_size,
             "mtime_ns": p.stat().st_mtime_ns} for p in sources]


def _current_files(folder, state):
    """The HDF5 run files if the manifest records ``state``, else None."""
    try:
        old = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if old.get("sources") != state or not all(
            (folder / f["name"]).is_file()
            and (folder / f["name"]).stat().st_size == f["size"]
            for f in old.get("files", [])):
        return None
    return sorted(folder / f["name"] for f in old["files"]
                  if f["name"].endswith(kascade_runs.SUFFIXES["hdf5"]))


def _read_all(sources, quantities):
    parts, station_parts = [], []
    for path in sources:
        cols, stations = kcdc.read_events(path, stations=True,
                                          quantities=quantities)
        parts.append(cols)
        station_parts.append(stations)
    cols = concatenate_columns(parts)
    if not all(s is not None for s in station_parts):
        return cols, None
    stations = dict(station_parts[0])
    for q in quantities or kcdc_quantities.quantities():
        if q.is_array and q.per_event:
            stations[q.name] = np.concatenate([s[q.name]
                                               for s in station_parts])
    return cols, stations


def _write_run(folder, collection, run, part, stations, quantities):
    files = []
    for kind in RUN_KINDS:
        out = kascade_runs.run_file(folder, collection, run, kind)
        tmp = out.with_name(f".{out.name}.partial{out.suffix}")
        write_events(tmp, part, fmt=kind, stations=stations,
                     quantities=quantities)
        os.replace(tmp, out)
        files.append({"name": out.name, "size": out.stat().st_size,
                      "run": run, "n_events": len(part["R"]),
                      "stations": stations is not None})
    return files


def write_run_files(sources, folder, collection, log=sys.stderr,
                        quantities=None):
    """Split KCDC exports by run into HDF5 and ROOT run files.

    Parameters
    ----------
    sources : list of pathlib.Path
        The KCDC files that the import reads (any layout).
    folder : path
        The ``runs`` folder; created if missing.  Run files of runs that
        are no longer in the sources are removed.
    collection : str
        Resource name, the run files' name prefix.
    log : file-like
        Where progress is reported.
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Returns
    -------
    list of pathlib.Path
        The HDF5 run files.

    Notes
    -----
    Per-station data are copied where the sources have them (HDF5/ROOT
    exports); KCDC's ASCII export has none, so run files made from it hold
    the per-event summary only.  Nothing is rewritten when a manifest
    records the same sources and the files are there.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = _source_state(sources)
    current = _current_files(folder, state)
    if current is not None:
        return current
    if not sources:
        return []
    cols, stations = _read_all(sources, quantities)
    (folder / MANIFEST_NAME).unlink(missing_ok=True)
    files = []
    for run, part, st in kascade_runs.split_by_run(cols, stations):
        files += _write_run(folder, collection, run, part, st, quantities)
        print(f"  {collection}: wrote run files of run {run} "
              f"({len(part['R'])} events"
              f"{'' if st is not None else ', summary only'})", file=log)
    keep = {f["name"] for f in files}
    for p in folder.iterdir():
        if (p.name.startswith(f"{collection}_run") and p.name not in keep
                and p.suffix in kascade_runs.SUFFIXES.values()):
            p.unlink()
    (folder / MANIFEST_NAME).write_text(json.dumps(
        {"sources": state, "files": files}, indent=2) + "\n",
        encoding="utf-8")
    return sorted(folder / f["name"] for f in files
                  if f["name"].endswith(kascade_runs.SUFFIXES["hdf5"]))


def write_measured_runs(ctx):
    """Product step: the run files of a measured KASCADE resource.

    Reads the exports that the events table's ``kcdc_files`` property
    names and writes ``ctx.data_dir/runs``.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    list of pathlib.Path
        The HDF5 run files.
    """
    sources = kascade_events.input_files(ctx)
    qs = kcdc_quantities.quantities(ctx.resource, "events")
    return write_run_files(sources, ctx.data_dir / kascade_runs.RUNS_SUBDIR,
                           ctx.resource, quantities=qs)
