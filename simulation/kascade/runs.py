"""Simulated events as one KCDC file per run, written idempotently.

The files hold exactly :func:`simulation.kascade.events.generate`'s
output split by run, written with the KCDC writers
(:func:`exporters.kcdc.write_events`).  A ``manifest.json``
(:mod:`simulation.kascade.manifest`) records the parameters, the
generator version and each file's size and SHA-256; if it matches the
request and the files are there with the recorded sizes, nothing is
regenerated.  Files are written under a temporary name and renamed, and
the manifest is written last (any old one is removed first), so an
interrupted call is redone in full by the next one.  Run files of an
earlier, larger request are deleted.  Twins (further formats of every
run) are recorded under ``twins`` in the manifest entry of the run.
"""

import os
import sys

from exporters.kcdc import write_events
from simulation.kascade import manifest, stations
from simulation.kascade.events import DEFAULT_SEED, generate
from simulation.kascade.manifest import MANIFEST_NAME

__all__ = ["MANIFEST_NAME", "RUN_FILE_PREFIX", "RUN_FILE_PATTERN",
           "FORMAT_SUFFIXES", "run_file_name", "write_runs"]

#: File names are <collection>_run<number><suffix>; the collection is
#: the resource's name, so that the run files of two resources differ.
RUN_FILE_PREFIX = "kascade_sim_run"
RUN_FILE_PATTERN = "{prefix}{run:05d}{suffix}"
FORMAT_SUFFIXES = {"h5": ".h5", "root": ".root", "txt": ".txt"}


def run_file_name(run, fmt, prefix=RUN_FILE_PREFIX):
    """File name of run ``run`` in format ``fmt``.

    Parameters
    ----------
    run : int
    fmt : str
        A key of :data:`FORMAT_SUFFIXES`.
    prefix : str, optional
        ``<collection>_run``.

    Returns
    -------
    str
        E.g. ``kascade_sim_run00001.h5``.
    """
    return RUN_FILE_PATTERN.format(prefix=prefix, run=run,
                                   suffix=FORMAT_SUFFIXES[fmt])


def _check_request(fmt, n_events, events_per_run, station_runs, twins):
    """Validate the arguments; the station runs (set) and the twins (list)."""
    for f in (fmt, *twins):
        if f not in FORMAT_SUFFIXES:
            raise ValueError(f"unknown format {f!r}; "
                             f"use one of {', '.join(FORMAT_SUFFIXES)}")
    if events_per_run < 1 or n_events < 0:
        raise ValueError("need n_events >= 0 and events_per_run >= 1")
    station_runs = {int(r) for r in station_runs}
    twins = [t for t in twins if t != fmt]
    if station_runs and "txt" in [fmt, *twins]:
        raise ValueError("per-station arrays need the h5 or root format")
    return station_runs, twins


def _prepare_folder(folder, prefix):
    """Create the folder and remove leftovers of an interrupted call (they
    carry a KCDC suffix, so the importer's folder scan would pick them up)."""
    folder = os.fspath(folder)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.startswith("." + prefix) and ".partial" in name:
            os.remove(os.path.join(folder, name))
    return folder


def _write_run(folder, part, run, formats, prefix, station_data=None,
               quantities=None):
    """Write one run in every format; its manifest entry."""
    kw = {} if station_data is None else {"stations": station_data}
    entry = {"name": run_file_name(run, formats[0], prefix), "run": run,
             "n_events": len(next(iter(part.values()), ()))}
    if kw:
        entry["stations"] = True
    if quantities is not None:
        kw["quantities"] = quantities
    for j, fmt in enumerate(formats):
        name = run_file_name(run, fmt, prefix)
        tmp = os.path.join(folder, f".{name}.partial{FORMAT_SUFFIXES[fmt]}")
        write_events(tmp, part, **kw)
        os.replace(tmp, os.path.join(folder, name))
        done = manifest.file_entry(folder, name)
        if j == 0:
            entry.update(done)
        else:
            entry.setdefault("twins", []).append(done)
    return entry


def _remove_stale(folder, old, files, prefix):
    """Delete run files of an earlier, larger request (the importer would
    otherwise pick them up)."""
    if old is None:
        return
    keep = {f["name"] for f in manifest.listed_files({"files": files})}
    for f in manifest.listed_files(old):
        name = f.get("name", "")
        if name not in keep and name.startswith(prefix) \
                and os.path.basename(name) == name:
            try:
                os.remove(os.path.join(folder, name))
            except FileNotFoundError:
                pass


def _write_all(folder, cols, seed, events_per_run, formats, station_runs,
               prefix, quantities=None):
    """Write every run of ``cols``; the manifest entries."""
    n_events = len(next(iter(cols.values()), ()))
    n_runs = -(-n_events // events_per_run)
    files = []
    for run in range(1, n_runs + 1):
        lo = (run - 1) * events_per_run
        part = {k: v[lo:lo + events_per_run] for k, v in cols.items()}
        station_data = (stations.simulate(part, seed, run)
                        if run in station_runs else None)
        files.append(_write_run(folder, part, run, formats, prefix,
                                station_data, quantities))
        del station_data
        print(f"simulation: wrote {os.path.join(folder, files[-1]['name'])}"
              f" ({files[-1]['n_events']} events, run {run}/{n_runs})",
              file=sys.stderr)
    return files


def _keep_existing(manifest_path, old, params, paths):
    """True if the files of ``old`` are what is asked for (then they stay)."""
    folder = os.path.dirname(manifest_path)
    names = [os.path.basename(p) for p in paths]
    if not manifest.up_to_date(folder, old, params, names):
        return False
    manifest.adopt(manifest_path, old)
    for p in paths:
        print(f"simulation: up to date {p}", file=sys.stderr)
    return True


def write_runs(folder, n_events=1_000_000, events_per_run=100_000,
               seed=DEFAULT_SEED, fmt="h5", start="1998-01-01",  # long: 11 documented params
               days=365 * 5, station_runs=(), twins=(), quantities=None,
               prefix=RUN_FILE_PREFIX):
    """Write simulated events as one KCDC file per run, idempotently.

    The files hold exactly ``generate(n_events, seed, start, days,
    events_per_run)`` split by run; see the module docstring for the
    manifest that makes a repeated call write nothing.

    Parameters
    ----------
    folder : str or os.PathLike
        Output directory, created if missing.
    n_events, events_per_run, seed : int, optional
        Total number of events, events per file (the last may hold
        fewer) and the generator seed.
    fmt : {"h5", "root", "txt"}, optional
        Output format (a key of :data:`FORMAT_SUFFIXES`).
    start, days : optional
        UTC start (ISO) and length in days of the observation period.
    station_runs : iterable of int, optional
        Runs whose files also get per-station arrays
        (:func:`simulation.kascade.stations.simulate`; HDF5 and ROOT only,
        ~35 MB per 100,000 events).
    twins : iterable of str, optional
        Further formats in which every run is also written, beside the
        main file and with the same content.
    quantities : sequence of converters.kcdc_quantities.Quantity, optional
        The RD's quantities (default: the KASCADE events table's).
    prefix : str, optional
        Start of the file names: ``<collection>_run``.

    Returns
    -------
    list of str
        Paths of the run files (main format) in run order.

    Raises
    ------
    ValueError
        On an unknown format or invalid counts.
    """
    station_runs, twins = _check_request(fmt, n_events, events_per_run,
                                         station_runs, twins)
    folder = _prepare_folder(folder, prefix)
    paths = [os.path.join(folder, run_file_name(r, fmt, prefix)) for r in
             range(1, -(-int(n_events) // int(events_per_run)) + 1)]
    params = manifest.request(seed, n_events, events_per_run, start, days,
                              fmt, station_runs, twins)
    manifest_path = os.path.join(folder, MANIFEST_NAME)
    old = manifest.read(manifest_path)
    if _keep_existing(manifest_path, old, params, paths):
        return paths
    manifest.remove(manifest_path)
    cols = generate(n_events, seed=seed, start=start, days=days,
                    events_per_run=events_per_run, quantities=quantities)
    files = _write_all(folder, cols, seed, int(events_per_run),
                       [fmt, *twins], station_runs, prefix, quantities)
    _remove_stale(folder, old, files, prefix)
    manifest.write(manifest_path, params, files)
    return paths
