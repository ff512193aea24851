"""The ``antennas`` table of a Tunka-Rex resource: one row per event and
antenna with a signal, from the per-antenna arrays of the run files.

An antenna has a signal in an event when its ``peak_amplitude`` is a
number (the files hold NaN otherwise, docs/tunka_rex.md).  The other
per-antenna arrays must then be numbers too (E07 names the file, the
event's row and the array).
"""

import numpy as np

from converters import rdschema
from converters.errors import E04, E07
from converters.kascade.events import publisher_did
from converters.tables import concatenate_columns
from converters.tunka_rex.files import input_files, read_run_file

__all__ = ["SIGNAL_ARRAY", "antenna_rows", "antennas_table"]

#: The array that says whether an antenna has a signal (a number) or not.
SIGNAL_ARRAY = "peak_amplitude"
_STATIC = {"antenna_id": "station_id", "antenna_x": "antenna_x",
           "antenna_y": "antenna_y"}


def _signal_entries(path, stations):
    """(event index, antenna index) of every entry with a signal."""
    if stations is None:
        raise E04(path, "has no per-antenna arrays (/stations group or "
                  "tree); a Tunka-Rex run file needs them",
                  field="stations")
    event, antenna = np.nonzero(np.isfinite(stations[SIGNAL_ARRAY]))
    return event, antenna


def antenna_rows(path, columns, stations, spec, authority):
    """The antennas table's columns for one run file.

    Parameters
    ----------
    path : path-like
        For the errors.
    columns, stations : dict
        As :func:`converters.tunka_rex.files.read_run_file` returns them
        with ``stations=True``.
    spec : converters.rdschema.TableSpec
    authority : str

    Returns
    -------
    dict
    """
    event, antenna = _signal_entries(path, stations)
    dids = publisher_did(authority, spec.schema, columns["R"][event],
                         columns["EV"][event])
    out = {"event_did": dids}
    for name in spec.names[1:]:
        if name in _STATIC:
            out[name] = np.asarray(stations[_STATIC[name]])[antenna]
            continue
        values = np.asarray(stations[name])[event, antenna]
        bad = ~np.isfinite(values)
        if bad.any():
            raise E07(path, f"antenna {int(stations['station_id'][antenna[bad][0]])}"
                      f" has a {SIGNAL_ARRAY} but no {name}",
                      row=int(event[bad][0]) + 1, field=name)
        out[name] = values
    return {name: out[name] for name in spec.names}


def antennas_table(ctx):
    """Table converter of ``<resource>.antennas``.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict of str to numpy.ndarray
    """
    spec = rdschema.table(ctx.resource, ctx.table or "antennas")
    parts = []
    for path in input_files(ctx):
        columns, stations = read_run_file(path, ctx.resource, stations=True)
        parts.append(antenna_rows(path, columns, stations, spec,
                                  ctx.authority))
    return concatenate_columns(parts)
