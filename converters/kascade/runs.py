"""Run files of the KASCADE resources: names, URLs and the ``runs`` table.

Every KASCADE resource (``kascade``, ``kascade_sim``) serves its events
grouped into run files, each in HDF5 and in ROOT (docs/kcdc_formats.md),
in ``resources/<name>/data/runs/``::

    <name>_run<RUN:05d>.h5     KCDC-HDF5, events sorted by EV
    <name>_run<RUN:05d>.root   KCDC-ROOT twin with the same content

Sorted by EV, an event's row in its run file is a binary search away, so
the DataLink service (services/kascade_datalink.py) needs nothing but the
event's DID.  The files are written by product steps (measured data:
``apdc.products.kascade:write_measured_runs``; simulation: its generator);
this module only reads them.  :func:`runs_table` is the table converter of
``<name>.runs`` (one row per run file, published in ivoa.obscore).
"""

import re
import urllib.parse
from pathlib import Path

import h5py
import numpy as np

from converters import rdschema
from converters.errors import E02, E08

__all__ = ["RUNS_SUBDIR", "RUN_FILE_PATTERN", "SUFFIXES", "MEDIA_TYPES",
           "DATALINK_SERVICE", "FILES_SERVICE", "run_file", "datalink_urls",
           "split_by_run", "runs_columns", "runs_table"]

RUNS_SUBDIR = "runs"
RUN_FILE_PATTERN = "{collection}_run{run:05d}{suffix}"
SUFFIXES = {"hdf5": ".h5", "root": ".root"}
MEDIA_TYPES = {"hdf5": "application/x-hdf5", "root": "application/x-root"}
# Service ids in the RDs (rd/kascade.rd, rd/kascade_sim.rd).
DATALINK_SERVICE = "dl"
FILES_SERVICE = "files"

_UNIX_EPOCH_MJD = 40587.0
_PLAIN_TAIL = re.compile(r"[A-Za-z0-9_./-]*")
# numpy dtypes of the RD types of a runs table
_DTYPES = {"text": "S", "integer": np.int32, "bigint": np.int64,
           "double precision": np.float64, "real": np.float32}


def run_file(folder, collection, run, kind):
    """Path of the ``kind`` ("hdf5" or "root") run file of ``run``.

    Returns
    -------
    pathlib.Path
    """
    return Path(folder) / RUN_FILE_PATTERN.format(
        collection=collection, run=int(run), suffix=SUFFIXES[kind])


def datalink_urls(dids, server_url, rd_id):
    """The dlmeta URL of every DID (bytes or str), as bytes (dtype S).

    The URLs ask for RESPONSEFORMAT=votable: DaCHS 2.7 answers clients
    whose Accept header names text/html (Java's default, so TOPCAT and
    STILTS) with Content-Type text/xml unless the format is explicit.

    Returns
    -------
    numpy.ndarray
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


def split_by_run(columns, stations=None):
    """Split validated KCDC columns into runs, each sorted by EV.

    Parameters
    ----------
    columns : dict of str to numpy.ndarray
        KCDC quantities (with ``R`` and ``EV``).
    stations : dict, optional
        Per-station data; "event station" arrays have one row per event.

    Yields
    ------
    tuple
        ``(run, columns of the run, stations of the run or None)``.
    """
    for run in np.unique(columns["R"]):
        idx = np.flatnonzero(columns["R"] == run)
        idx = idx[np.argsort(columns["EV"][idx], kind="stable")]
        part = {k: v[idx] for k, v in columns.items()}
        st = None
        if stations is not None:
            st = {k: (v[idx] if np.ndim(v) == 2 else v)
                  for k, v in stations.items()}
        yield int(run), part, st


def _run_summary(path):
    """(run, n_events, n_station_events, t_min, t_max in MJD) of a run file."""
    try:
        with h5py.File(path, "r") as f:
            ev = f["events"]
            runs = ev["R"][()]
            gt = ev["GT"][()].astype(np.float64)
            mt = ev["MT"][()].astype(np.float64)
            # the writers make the group only for per-station data, of
            # whatever detector (KASCADE stations, Tunka-Rex antennas)
            n_st = len(runs) if "stations" in f else 0
    except (OSError, KeyError) as exc:
        raise E02(path, f"is not a readable KCDC-HDF5 run file: {exc}") \
            from exc
    if len(runs) == 0 or (runs != runs[0]).any():
        raise E08(path, "a run file must hold exactly one run", field="R")
    mjd = (gt + mt * 1e-9) / 86400.0 + _UNIX_EPOCH_MJD
    return int(runs[0]), len(runs), n_st, float(mjd.min()), float(mjd.max())


def _row(h5, collection, authority, files_url, title):
    run, n, n_st, t_min, t_max = _run_summary(h5)
    root = h5.with_suffix(SUFFIXES["root"])
    return {
        "run_did": f"ivo://{authority}/~?{collection}/{run}",
        "run": run, "n_events": n, "n_station_events": n_st,
        "t_min": t_min, "t_max": t_max,
        "hdf5_url": files_url + h5.name, "hdf5_size": h5.stat().st_size,
        "root_url": files_url + root.name if root.exists() else None,
        "root_size": root.stat().st_size if root.exists() else None,
        "title": f"{title} run {run}: {n} events"
                 + ("" if n_st else " (per-event summary only)"),
    }


def _column(values, dtype):
    missing = np.array([v is None for v in values], dtype=bool)
    if dtype == "S":
        arr = np.array([(v or "").encode() for v in values], dtype="S")
        if not len(arr):
            arr = np.zeros(0, dtype="S1")
    else:
        arr = np.array([0 if v is None else v for v in values], dtype=dtype)
    return np.ma.masked_array(arr, mask=missing) if missing.any() else arr


def runs_columns(folder, spec, authority, server_url, title):
    """Columns of a runs table: one row per run (HDF5 + ROOT).

    Parameters
    ----------
    folder : path
        The ``runs`` folder.
    spec : converters.rdschema.TableSpec
        The runs table (its schema is the collection: DID path, file
        prefix and RD of the ``files`` service).
    authority : str
        IVOA authority, for the run DIDs ``ivo://AUTH/~?COLLECTION/RUN``.
    server_url : str
        For the file URLs (the RD's static ``files`` service).
    title : str
        Prefix of the ObsCore titles, e.g. "KASCADE".

    Returns
    -------
    dict of str to numpy.ndarray
        Exactly the RD's columns.
    """
    collection = spec.schema
    files_url = f"{server_url}/{collection}/{FILES_SERVICE}/static/"
    rows = [_row(h5, collection, authority, files_url, title) for h5 in
            sorted(Path(folder).glob(f"{collection}_run*{SUFFIXES['hdf5']}"))]
    return {c.name: _column([r[c.name] for r in rows], _DTYPES[c.type])
            for c in spec.columns}


def runs_table(ctx):
    """Table converter of ``<resource>.runs`` (any KASCADE resource).

    The title prefix is the runs table's ``run_title`` property.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict of str to numpy.ndarray
    """
    spec = rdschema.table(ctx.resource, ctx.table or "runs")
    return runs_columns(ctx.data_dir / RUNS_SUBDIR, spec, ctx.authority,
                      ctx.server_url,
                      spec.properties.get("run_title", ctx.resource))
