"""Run files of the KASCADE resources: the bulk products behind DataLink.

Every KASCADE resource (``kascade``, ``kascade_sim``) serves its events
grouped into run files, each in HDF5 and in ROOT (docs/kcdc_formats.md),
in ``resources/<name>/data/runs/``:

    <name>_run<RUN:05d>.h5     KCDC-HDF5, events sorted by EV
    <name>_run<RUN:05d>.root   KCDC-ROOT twin with the same content

Sorted by EV, an event's row in its run file is a binary search away, so
the DataLink service (services/kascade_datalink.py) needs nothing but the
event's DID.

* ``kascade_sim``: :func:`apdc.kascade_sim.write_runs` writes the run
  files directly into ``runs/`` (ROOT as "twins"); the HDF5 run files are
  the import input (``KascadeSim.sources``), the ROOT twins are not read
  by the import.  Runs :data:`SIM_STATION_RUNS` carry per-station arrays.
* ``kascade``: the import input stays the KCDC export(s) in ``data/``
  (ASCII: no per-station data); :func:`write_measured_runs` splits them by
  run into ``runs/`` (summary only).  ``iter_event_files`` does not look
  into subfolders, so the run files are never imported twice.

:func:`runs_table` makes the rows of ``<name>.runs`` (one per run file,
published in ivoa.obscore as dataproduct_type ``event``).
"""

import json
import os
import re
import sys
import urllib.parse
from pathlib import Path

import numpy as np

from converters.tables import concatenate_columns

RUNS_SUBDIR = "runs"
RUN_FILE_PATTERN = "{collection}_run{run:05d}{suffix}"
SUFFIXES = {"hdf5": ".h5", "root": ".root"}
MEDIA_TYPES = {"hdf5": "application/x-hdf5", "root": "application/x-root"}
# Runs of the simulation that carry per-station arrays: 2 x 100,000
# events, ~36 MB per run and format (all ten would be ~700 MB).
SIM_STATION_RUNS = (1, 2)
MANIFEST_NAME = "manifest.json"
# Service ids in the RDs (rd/kascade.rd, rd/kascade_sim.rd).
DATALINK_SERVICE = "dl"
FILES_SERVICE = "files"

_UNIX_EPOCH_MJD = 40587.0


def run_file(folder, collection, run, kind):
    """Path of the ``kind`` ("hdf5" or "root") run file of ``run``."""
    return Path(folder) / RUN_FILE_PATTERN.format(
        collection=collection, run=int(run), suffix=SUFFIXES[kind])


def datalink_urls(dids, server_url, rd_id):
    """The dlmeta URL of every DID (bytes or str), as bytes (dtype S).

    The URLs ask for RESPONSEFORMAT=votable: DaCHS 2.7 answers clients
    whose Accept header names text/html (Java's default, so TOPCAT and
    STILTS) with Content-Type text/xml unless the format is explicit.
    """
    base = f"{server_url}/{rd_id}/{DATALINK_SERVICE}/dlmeta?ID="
    quote = urllib.parse.quote
    quoted_heads = {}

    def url(did):
        # DIDs share their "ivo://auth/~?" head: quote it once; the tail
        # (collection/run/event) only needs its slashes escaped.
        head, _, tail = did.partition("?")
        if head not in quoted_heads:
            quoted_heads[head] = quote(head + "?", safe="")
        if _PLAIN_TAIL.fullmatch(tail) is None:
            tail = quote(tail, safe="")
        return (f"{base}{quoted_heads[head]}{tail.replace('/', '%2F')}"
            "&RESPONSEFORMAT=votable")

    return np.array([url(d.decode() if isinstance(d, bytes) else d)
        for d in dids.tolist()], dtype="S")


_PLAIN_TAIL = re.compile(r"[A-Za-z0-9_./-]*")


def _source_state(sources):
    return [{"name": p.name, "size": p.stat().st_size,
             "mtime_ns": p.stat().st_mtime_ns} for p in sources]


def write_measured_runs(sources, folder, collection, log=sys.stderr):
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
    from converters import kcdc

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST_NAME
    state = _source_state(sources)
    try:
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    if old and old.get("sources") == state and all(
            (folder / f["name"]).is_file()
            and (folder / f["name"]).stat().st_size == f["size"]
            for f in old.get("files", [])):
        return sorted(folder / f["name"] for f in old["files"]
                      if f["name"].endswith(SUFFIXES["hdf5"]))

    parts, station_parts = [], []
    for path in sources:
        cols, stations = kcdc.read_events(path, stations=True)
        parts.append(cols)
        station_parts.append(stations)
    if not parts:
        return []
    cols = concatenate_columns(parts)
    have_stations = all(s is not None for s in station_parts)
    stations = None
    if have_stations:
        stations = dict(station_parts[0])
        for name in kcdc.PER_EVENT_STATION_NAMES:
            stations[name] = np.concatenate([s[name] for s in station_parts])
    if manifest_path.exists():
        manifest_path.unlink()
    files, written = [], []
    for run in np.unique(cols["R"]):
        idx = np.flatnonzero(cols["R"] == run)
        idx = idx[np.argsort(cols["EV"][idx], kind="stable")]
        part = {k: v[idx] for k, v in cols.items()}
        kw = {}
        if stations is not None:
            kw["stations"] = {k: (v[idx] if k in kcdc.PER_EVENT_STATION_NAMES
                                  else v) for k, v in stations.items()}
        for kind in ("hdf5", "root"):
            out = run_file(folder, collection, run, kind)
            tmp = out.with_name(f".{out.name}.partial{out.suffix}")
            kcdc.write_events(tmp, part, **kw)
            os.replace(tmp, out)
            files.append({"name": out.name, "size": out.stat().st_size,
                          "run": int(run), "n_events": len(idx),
                          "stations": stations is not None})
            written.append(out)
        print(f"  {collection}: wrote run files of run {run} ({len(idx)} "
              f"events{'' if stations is not None else ', summary only'})",
              file=log)
    keep = {p.name for p in written}
    for p in folder.iterdir():
        if (p.name.startswith(f"{collection}_run") and p.name not in keep
                and p.suffix in SUFFIXES.values()):
            p.unlink()
    manifest_path.write_text(json.dumps(
        {"sources": state, "files": files}, indent=2) + "\n",
        encoding="utf-8")
    return [p for p in written if p.suffix == SUFFIXES["hdf5"]]


def _run_summary(path):
    """(run, n_events, n_station_events, t_min, t_max in MJD) of a run file."""
    import h5py
    with h5py.File(path, "r") as f:
        ev = f["events"]
        runs = ev["R"][()]
        gt = ev["GT"][()].astype(np.float64)
        mt = ev["MT"][()].astype(np.float64)
        n_st = len(runs) if "energy_deposit" in ev else 0
    if len(runs) == 0 or (runs != runs[0]).any():
        raise ValueError(f"{path}: a run file must hold exactly one run")
    t = gt + mt * 1e-9
    mjd = t / 86400.0 + _UNIX_EPOCH_MJD
    return int(runs[0]), len(runs), n_st, float(mjd.min()), float(mjd.max())


def runs_table(folder, collection, authority, server_url, rd_id, title):
    """Columns of ``<collection>.runs``: one row per run (HDF5 + ROOT).

    Parameters
    ----------
    folder : path
        The ``runs`` folder.
    collection : str
        Resource name (DID path and file prefix).
    authority : str
        IVOA authority, for the run DIDs ``ivo://AUTH/~?COLLECTION/RUN``.
    server_url, rd_id : str
        For the file URLs (the RD's static ``files`` service).
    title : str
        Prefix of the ObsCore titles, e.g. "KASCADE".
    """
    folder = Path(folder)
    files_url = f"{server_url}/{rd_id}/{FILES_SERVICE}/static/"
    rows = []
    for h5 in sorted(folder.glob(f"{collection}_run*{SUFFIXES['hdf5']}")):
        run, n, n_st, t_min, t_max = _run_summary(h5)
        root = h5.with_suffix(SUFFIXES["root"])
        rows.append({
            "run_did": f"ivo://{authority}/~?{collection}/{run}",
            "run": run, "n_events": n, "n_station_events": n_st,
            "t_min": t_min, "t_max": t_max,
            "hdf5_url": files_url + h5.name,
            "hdf5_size": h5.stat().st_size,
            "root_url": files_url + root.name if root.exists() else None,
            "root_size": root.stat().st_size if root.exists() else None,
            "title": f"{title} run {run}: {n} events"
                     + ("" if n_st else " (per-event summary only)"),
        })
    out = {}
    for name, dtype in (("run_did", "S"), ("run", np.int32),
                        ("n_events", np.int32),
                        ("n_station_events", np.int32),
                        ("t_min", np.float64), ("t_max", np.float64),
                        ("hdf5_url", "S"), ("hdf5_size", np.int64),
                        ("root_url", "S"), ("root_size", np.int64),
                        ("title", "S")):
        values = [r[name] for r in rows]
        missing = np.array([v is None for v in values], dtype=bool)
        if dtype == "S":
            arr = np.array([(v or "").encode() for v in values], dtype="S")
            if not len(arr):
                arr = np.zeros(0, dtype="S1")
        else:
            arr = np.array([0 if v is None else v for v in values],
                           dtype=dtype)
        out[name] = np.ma.masked_array(arr, mask=missing) if missing.any() \
            else arr
    return out
