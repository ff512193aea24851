"""KCDC event files: one entry point for the ASCII, HDF5 and ROOT layouts.

The layouts are described in docs/kcdc_formats.md.  Every reader returns
``dict[str, numpy.ndarray]`` keyed by :data:`converters.kcdc_schema.NAMES`
with the schema dtypes.  KCDC's ``-1`` for "not measured"
(:data:`~converters.kcdc_schema.NOT_MEASURED`) is kept as it is; the
database loader maps it to NULL.
"""

from pathlib import Path

import numpy as np

from converters.errors import InputError
from converters.kcdc_schema import NAMES, NOT_MEASURED, QUANTITIES, RANGES

ASCII_SUFFIXES = (".txt", ".dat", ".ascii")
HDF5_SUFFIXES = (".h5", ".hdf5")
ROOT_SUFFIXES = (".root",)
SUFFIXES = ASCII_SUFFIXES + HDF5_SUFFIXES + ROOT_SUFFIXES

# Per-station data (HDF5 and ROOT only): the names, dtypes and units that
# the writers accept and the readers return.
STATION_QUANTITIES = {
    "station_id": (np.int32, "", "station number"),
    "x": (np.float64, "m", "station x in the KASCADE array frame"),
    "y": (np.float64, "m", "station y in the KASCADE array frame"),
    "energy_deposit": (np.float32, "MeV",
                       "energy deposit per event and station"),
    "arrival_time": (np.float32, "ns",
                     "arrival time per event and station, NaN if the "
                     "station did not trigger"),
}
STATION_NAMES = tuple(STATION_QUANTITIES)
PER_EVENT_STATION_NAMES = ("energy_deposit", "arrival_time")


def _format_of(path):
    suffix = Path(path).suffix.lower()
    for fmt, suffixes in (("ascii", ASCII_SUFFIXES), ("hdf5", HDF5_SUFFIXES),
                          ("root", ROOT_SUFFIXES)):
        if suffix in suffixes:
            return fmt
    raise InputError(
        path, f"unknown file type {suffix or '(no suffix)'!r}; KCDC event "
        f"files must end in one of {', '.join(SUFFIXES)}")


def cast_column(values, name, path, dtype=None):
    """Return one quantity as a 1-D array of its schema dtype.

    Parameters
    ----------
    values : array_like
        The values as read or as given to a writer.
    name : str
        The quantity name, used for the dtype and in error messages.
    path : str or Path
        The file the values belong to, for error messages.
    dtype : numpy dtype, optional
        Target dtype; default the schema dtype of ``name``.

    Returns
    -------
    numpy.ndarray
        Native-endian, contiguous array of the target dtype.

    Raises
    ------
    InputError
        If the values are not numbers, or do not fit the integer dtype
        (row is the 1-based index of the first offending value).
    """
    dtype = np.dtype(QUANTITIES[name][0] if dtype is None else dtype)
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise InputError(path, f"holds {arr.dtype} values, expected "
                         f"numbers ({dtype})", field=name)
    if arr.dtype == dtype:
        return np.ascontiguousarray(arr)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        with np.errstate(invalid="ignore"):
            bad = (arr < info.min) | (arr > info.max)
            if arr.dtype.kind == "f":
                bad |= ~np.isfinite(arr) | (arr != np.round(arr))
        if bad.any():
            i = int(np.argmax(bad.ravel()))
            raise InputError(
                path, f"value {arr.ravel()[i]!r} is not an integer that "
                f"fits {dtype}", row=i + 1, field=name)
    return np.ascontiguousarray(arr.astype(dtype))


def coerce_columns(columns, path):
    """Check presence and lengths of all quantities and cast them.

    Parameters
    ----------
    columns : Mapping[str, array_like]
        At least the quantities of :data:`~converters.kcdc_schema.NAMES`;
        other keys are ignored.
    path : str or Path
        File named in error messages.

    Returns
    -------
    dict[str, numpy.ndarray]
        The quantities in schema order and with schema dtypes.

    Raises
    ------
    InputError
        A quantity is missing, not 1-D, of unequal length or not numeric.
    """
    missing = [n for n in NAMES if n not in columns]
    if missing:
        raise InputError(
            path, f"quantities {', '.join(missing)} are missing; a KCDC "
            f"event file needs all of {' '.join(NAMES)}", field=missing[0])
    out = {}
    for name in NAMES:
        arr = cast_column(columns[name], name, path)
        if arr.ndim != 1:
            raise InputError(path, f"has shape {arr.shape}, expected one "
                             "value per event", field=name)
        out[name] = arr
    lengths = {name: len(arr) for name, arr in out.items()}
    if len(set(lengths.values())) > 1:
        n = lengths[NAMES[0]]
        odd = next(k for k, v in lengths.items() if v != n)
        raise InputError(
            path, f"has {lengths[odd]} events but {NAMES[0]} has {n}; all "
            "quantities must have one value per event", field=odd)
    return out


def coerce_stations(stations, n_events, path):
    """Check and cast per-station data (see :data:`STATION_QUANTITIES`).

    Parameters
    ----------
    stations : Mapping[str, array_like]
        ``station_id``, ``x``, ``y`` of shape (n_stations,) and
        ``energy_deposit``, ``arrival_time`` of shape (n_events, n_stations).
    n_events : int
        Number of events in the file.
    path : str or Path
        File named in error messages.

    Returns
    -------
    dict[str, numpy.ndarray]

    Raises
    ------
    InputError
        On a missing array or inconsistent shapes.
    """
    out = {}
    for name in STATION_NAMES:
        if name not in stations:
            raise InputError(path, "station data are incomplete; they need "
                             f"all of {', '.join(STATION_NAMES)}", field=name)
        out[name] = cast_column(stations[name], name, path,
                                STATION_QUANTITIES[name][0])
    n_stations = len(out["station_id"])
    for name in STATION_NAMES:
        expected = ((n_events, n_stations) if name in PER_EVENT_STATION_NAMES
                    else (n_stations,))
        if out[name].shape != expected:
            raise InputError(path, f"has shape {out[name].shape}, expected "
                             f"{expected} (events, stations)", field=name)
    return out


def _first_problem(columns):
    """(index, field, message) of the earliest bad event, or None."""
    problems = []
    for name in NAMES:
        col = columns[name]
        if col.dtype.kind == "f":
            bad = ~np.isfinite(col)
            if bad.any():
                i = int(np.argmax(bad))
                problems.append((i, name, f"value {col[i]} is not a finite "
                                 "number"))
                continue
        if name in RANGES:
            lo, hi = RANGES[name]
            bad = (col < lo) | (col > hi)
            if bad.any():
                i = int(np.argmax(bad))
                problems.append((i, name, f"value {col[i]} is outside the "
                                 f"allowed range {lo}..{hi}"))
        if name in NOT_MEASURED:
            bad = (col < 0) & (col != -1)
            if bad.any():
                i = int(np.argmax(bad))
                problems.append((i, name, f"value {col[i]} is negative; "
                                 "only -1 (not measured) may be"))
    return min(problems, key=lambda p: p[0]) if problems else None


def validate(columns, path, row_of=None):
    """Check a column dict against the KCDC schema.

    Checks that every quantity is present with one value per event, that
    no float quantity is NaN or infinite, that the quantities of
    :data:`~converters.kcdc_schema.RANGES` are in range and that the
    :data:`~converters.kcdc_schema.NOT_MEASURED` ones are -1 or >= 0.

    Parameters
    ----------
    columns : Mapping[str, numpy.ndarray]
    path : str or Path
        File named in error messages.
    row_of : callable, optional
        Maps a 0-based event index to the row to report; default
        index + 1.  :func:`read_events` passes the file line for ASCII.

    Raises
    ------
    InputError
        For the earliest bad event, with its row, field and value.
    """
    columns = coerce_columns(columns, path)
    problem = _first_problem(columns)
    if problem is not None:
        i, name, message = problem
        row = row_of(i) if row_of is not None else i + 1
        raise InputError(path, f"event {i + 1}: {message}", row=row,
                         field=name)


def read_events(path, stations=False):
    """Read and validate a KCDC event file of any supported layout.

    Parameters
    ----------
    path : str or Path
        File ending in one of :data:`SUFFIXES`.
    stations : bool
        Also return the per-station data (HDF5 and ROOT only).

    Returns
    -------
    dict[str, numpy.ndarray] or tuple
        The columns; with ``stations=True`` a tuple ``(columns,
        station_data)`` where ``station_data`` is None if the file has none.

    Raises
    ------
    InputError
        Unknown suffix, unreadable file or invalid values.
    """
    fmt = _format_of(path)
    station_data = None
    row_of = None
    if fmt == "ascii":
        from converters import kcdc_ascii
        columns = kcdc_ascii.read_ascii(path)
        row_of = lambda i: kcdc_ascii.line_of_event(path, i)  # noqa: E731
    elif fmt == "hdf5":
        from converters import kcdc_hdf5
        columns, station_data = kcdc_hdf5.read_hdf5(path, stations=True)
    else:
        from converters import kcdc_root
        columns, station_data = kcdc_root.read_root(path, stations=True)
    validate(columns, path, row_of=row_of)
    return (columns, station_data) if stations else columns


def write_events(path, columns, **kw):
    """Write columns in the layout chosen by the suffix of ``path``.

    Parameters
    ----------
    path : str or Path
    columns : Mapping[str, array_like]
    **kw
        Passed to the layout's writer, e.g. ``stations=`` and
        ``compression=`` for HDF5.

    Raises
    ------
    InputError
        Unknown suffix or columns that do not fit the schema.
    """
    fmt = _format_of(path)
    if fmt == "ascii":
        from converters.kcdc_ascii import write_ascii as writer
    elif fmt == "hdf5":
        from converters.kcdc_hdf5 import write_hdf5 as writer
    else:
        from converters.kcdc_root import write_root as writer
    writer(path, columns, **kw)


def iter_event_files(folder):
    """Yield the KCDC event files of a folder, sorted by name.

    Parameters
    ----------
    folder : str or Path

    Yields
    ------
    pathlib.Path
        Regular files whose suffix is in :data:`SUFFIXES`; subfolders are
        not searched.
    """
    for p in sorted(Path(folder).iterdir()):
        if p.is_file() and p.suffix.lower() in SUFFIXES:
            yield p
