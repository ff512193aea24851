"""One KASCADE event out of its run file, in HDF5, ROOT, ASCII or VOTable.

Used by the DataLink services of the KASCADE RDs
(:mod:`services.kascade_datalink`) and by bench/extract.py; it needs no
DaCHS.  The events of a run file are sorted by EV, so an event's row is
a binary search in the file's EV dataset (kept in memory per file).
The quantities are the RD's (:mod:`converters.kcdc_quantities`).
"""

import io
import os
import tempfile
import threading
from pathlib import Path

import h5py
import numpy as np
from astropy.units.format import VOUnit
from astropy.io import votable
from astropy.io.votable.tree import Table as VOTableTable
from astropy.table import Table

from converters import kcdc_quantities
from exporters.kcdc_ascii import write_ascii
from exporters.kcdc_hdf5 import write_hdf5
from exporters.kcdc_root import write_root

__all__ = ["FORMATS", "DEFAULT_FORMAT", "file_key", "event_row",
           "read_event", "extract_bytes", "extract"]

# FORMAT (a MIME type) -> (short name, file suffix, label)
FORMATS = {
    "application/x-hdf5": ("hdf5", ".h5", "HDF5 (KCDC-HDF5 layout)"),
    "application/x-root": ("root", ".root", "ROOT (KCDC-ROOT layout)"),
    "text/plain": ("ascii", ".txt",
                   "KCDC ASCII (per-event summary only)"),
    "application/x-votable+xml": ("votable", ".vot",
                                  "VOTable (event and station tables)"),
}
DEFAULT_FORMAT = "application/x-hdf5"

_lock = threading.Lock()
_ev_index = {}   # run file path -> ((size, mtime_ns), sorted EV, order)


def file_key(path):
    """(size, mtime_ns) of a file: changes when the file is rewritten."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def event_row(f, path, event):
    """Row of EV == ``event`` in an open KCDC-HDF5 run file, else KeyError.

    Returns
    -------
    int
    """
    key = file_key(path)
    with _lock:
        cached = _ev_index.get(str(path))
    if cached is None or cached[0] != key:
        ev = f["events/EV"][()]
        if len(ev) > 1 and (np.diff(ev) < 0).any():
            order = np.argsort(ev, kind="stable")
            cached = (key, ev[order], order)
        else:
            cached = (key, ev, None)
        with _lock:
            _ev_index[str(path)] = cached
    _, ev, order = cached
    i = int(np.searchsorted(ev, event))
    if i >= len(ev) or ev[i] != event:
        raise KeyError(f"event {event} is not in {Path(path).name}")
    return int(order[i]) if order is not None else i


def read_event(path, event, quantities=None):
    """One event of a KCDC-HDF5 run file.

    Parameters
    ----------
    path : path-like
    event : int
        The EV of the event.
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        Default: those of ``kascade.events``.

    Returns
    -------
    columns : dict of str to numpy.ndarray
        The KCDC quantities in the file, arrays of length 1.
    stations : dict or None
        The array quantities ("event station" ones of shape
        (1, n_stations)); None if the run file has no per-station data.
    """
    qs = kcdc_quantities.quantities() if quantities is None else quantities
    with h5py.File(path, "r") as f:
        row = event_row(f, path, event)
        ev = f["events"]
        columns = {q.name: ev[q.name][row:row + 1] for q in qs
                   if not q.is_array and q.name in ev}
        stations = None
        arrays = [q for q in qs if q.is_array]
        if "stations" in f and arrays and all(
                q.name in (ev if q.per_event else f["stations"])
                for q in arrays):
            stations = {q.name: (ev[q.name][row:row + 1] if q.per_event
                                 else f["stations"][q.name][()])
                        for q in arrays}
    return columns, stations


class _KeepOpenBytesIO(io.BytesIO):
    def close(self):
        pass


def _vounit(unit):
    """``unit`` if it is a valid VOUnit, else None."""
    if not unit:
        return None
    # No warnings filter here: the server runs requests in threads, and
    # warnings.catch_warnings() is process-wide, so a filter set here
    # turned the DeprecationWarnings of other threads (DaCHS's TAP
    # streaming) into errors.
    # The names VOUnit knows are in the format's registry (astropy 5.2,
    # Debian 12's; a private name, checked by tests/test_kascade_datalink).
    try:
        parsed = VOUnit.parse(unit)
    except ValueError:
        return None
    names = {base.name for base in getattr(parsed, "bases", [parsed])}
    known = all(n in VOUnit._units and n not in VOUnit._deprecated_units
                for n in names)
    return unit if known else None


def _annotate(table, name, quantity):
    unit, description = quantity.unit, quantity.description
    if unit and _vounit(unit) is None:   # e.g. degC: say it in words
        description = f"{description} (unit: {unit})"
    table[name].unit = _vounit(unit)
    table[name].description = description


def _votable_bytes(columns, stations, did, qs):
    event = Table()
    event["event_did"] = [did]
    for q in qs:
        if not q.is_array and q.name in columns:
            event[q.name] = columns[q.name]
            _annotate(event, q.name, q)
    vot = votable.tree.VOTableFile()
    resource = votable.tree.Resource()
    vot.resources.append(resource)
    t = VOTableTable.from_table(vot, event)
    t.name, t.description = "event", "KCDC quantities of the event"
    resource.tables.append(t)
    if stations is not None:
        st = Table()
        for q in qs:
            if q.is_array:
                st[q.name] = stations[q.name][0] if q.per_event \
                    else stations[q.name]
                _annotate(st, q.name, q)
        t = VOTableTable.from_table(vot, st)
        t.name = "stations"
        t.description = ("Per-station signals of the event (NaN arrival "
                         "time: station not hit)")
        resource.tables.append(t)
    out = io.BytesIO()
    vot.to_xml(out, tabledata_format="binary2")
    return out.getvalue()


def _ascii_bytes(columns, stations, did, source_name, qs):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "event.txt")
        write_ascii(path, columns, quantities=qs)
        with open(path, "rb") as f:
            body = f.read()
    note = ("per-station data are not part of the ASCII layout; ask for "
            "HDF5, ROOT or VOTable" if stations is not None else
            "no per-station data for this event")
    return (f"# KASCADE event {did} (from {source_name})\n"
            f"# {note}\n").encode() + body


def extract_bytes(columns, stations, fmt, did, source_name="",
                  quantities=None):
    """The event in format ``fmt`` (a key of :data:`FORMATS`) as bytes.

    Returns
    -------
    bytes
    """
    qs = kcdc_quantities.quantities() if quantities is None else quantities
    kind = FORMATS[fmt][0]
    if kind == "hdf5":
        buf = io.BytesIO()
        write_hdf5(buf, columns, stations=stations, compression=None,
                   quantities=qs)
        with h5py.File(buf, "r+") as f:
            f.attrs["event_did"] = did
            f.attrs["source_file"] = source_name
        return buf.getvalue()
    if kind == "root":
        buf = _KeepOpenBytesIO()   # uproot closes its sink when done
        write_root(buf, columns, stations=stations, quantities=qs)
        return buf.getvalue()
    if kind == "ascii":
        return _ascii_bytes(columns, stations, did, source_name, qs)
    return _votable_bytes(columns, stations, did, qs)


def extract(path, event, fmt, did, quantities=None):
    """(media type, bytes) of one event of the run file ``path``.

    Returns
    -------
    tuple
    """
    columns, stations = read_event(path, event, quantities)
    return fmt, extract_bytes(columns, stations, fmt, did, Path(path).name,
                              quantities)
