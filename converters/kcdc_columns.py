"""Checks shared by the KCDC readers and writers (ASCII, HDF5, ROOT).

Every function takes the quantity description of
:mod:`converters.kcdc_quantities` (default: ``kascade.events``), so that
the set of quantities, their dtypes, whether they are required and their
ranges come from the RD.  A missing optional quantity is returned as a
fully masked array (NULL); a missing required one raises E04.
"""

import numpy as np

from converters import kcdc_quantities as kq
from converters.errors import E04, E05, E06, E07, E08

__all__ = ["event_quantities", "station_quantities", "cast_column",
           "coerce_columns", "coerce_stations", "validate", "first_problem",
           "fill_masked", "writable_columns"]


def event_quantities(quantities=None):
    """The per-event scalar quantities of a description (default
    ``kascade.events``).

    Returns
    -------
    tuple of converters.kcdc_quantities.Quantity
    """
    qs = kq.quantities() if quantities is None else quantities
    return tuple(q for q in qs if not q.is_array)


def station_quantities(quantities=None):
    """The per-station arrays of a description (default ``kascade.events``).

    Returns
    -------
    tuple of converters.kcdc_quantities.Quantity
    """
    qs = kq.quantities() if quantities is None else quantities
    return tuple(q for q in qs if q.is_array)


def _check_integers(arr, dtype, path, name):
    info = np.iinfo(dtype)
    with np.errstate(invalid="ignore"):
        bad = (arr < info.min) | (arr > info.max)
        if arr.dtype.kind == "f":
            bad |= ~np.isfinite(arr) | (arr != np.round(arr))
    bad = np.ma.filled(bad, False)
    if bad.any():
        i = int(np.argmax(bad.ravel()))
        raise E05(path, f"value {arr.ravel()[i]!r} is not an integer that "
                  f"fits {dtype}", row=i + 1, field=name)


def cast_column(values, quantity, path):
    """One quantity as an array of its dtype (masks are kept).

    Parameters
    ----------
    values : array_like
        The values as read or as given to a writer.
    quantity : converters.kcdc_quantities.Quantity
    path : str or Path
        The file the values belong to, for error messages.

    Returns
    -------
    numpy.ndarray or numpy.ma.MaskedArray
        Native-endian, contiguous, of ``quantity.dtype``.

    Raises
    ------
    E05
        Values that are not numbers, or do not fit the integer dtype
        (row: 1-based index of the first offending value).
    """
    dtype, name = np.dtype(quantity.dtype), quantity.name
    arr = values if np.ma.isMaskedArray(values) else np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise E05(path, f"holds {arr.dtype} values, expected numbers "
                  f"({dtype})", field=name)
    if arr.dtype != dtype and dtype.kind in "iu":
        _check_integers(arr, dtype, path, name)
    if np.ma.isMaskedArray(arr):
        return np.ma.masked_array(np.ascontiguousarray(
            arr.data.astype(dtype, copy=False)), mask=np.ma.getmaskarray(arr))
    return np.ascontiguousarray(arr.astype(dtype, copy=False))


def coerce_columns(columns, path, quantities=None):
    """Check presence and lengths of the per-event quantities and cast them.

    Parameters
    ----------
    columns : Mapping[str, array_like]
        Keyed by KCDC name; other keys are ignored.
    path : str or Path
        File named in error messages.
    quantities : tuple of Quantity, optional
        Default: those of ``kascade.events``.

    Returns
    -------
    dict[str, numpy.ndarray]
        Every per-event quantity in declaration order; missing optional
        ones fully masked.

    Raises
    ------
    E04
        A required quantity is missing (field: its name).
    E05
        A quantity is not numeric.
    E08
        A quantity is not 1-D or of another length than the others.
    """
    qs = event_quantities(quantities)
    missing = [q.name for q in qs if q.required and q.name not in columns]
    if missing:
        raise E04(path, f"quantities {', '.join(missing)} are missing; a "
                  "KCDC event file needs all of "
                  f"{' '.join(q.name for q in qs if q.required)}",
                  field=missing[0])
    out, n = {}, None
    for q in qs:
        if q.name not in columns:
            continue
        arr = cast_column(columns[q.name], q, path)
        if arr.ndim != 1:
            raise E08(path, f"has shape {arr.shape}, expected one value per "
                      "event", field=q.name)
        if n is None:
            n, first = len(arr), q.name
        elif len(arr) != n:
            raise E08(path, f"has {len(arr)} events but {first} has {n}; "
                      "all quantities must have one value per event",
                      field=q.name)
        out[q.name] = arr
    return {q.name: out[q.name] if q.name in out
            else np.ma.masked_all(n or 0, q.dtype) for q in qs}


def coerce_stations(stations, n_events, path, quantities=None):
    """Check and cast per-station data.

    Parameters
    ----------
    stations : Mapping[str, array_like]
        The ``kcdc_array`` quantities: "station" ones of shape
        (n_stations,), "event station" ones (n_events, n_stations).
    n_events : int
        Number of events in the file.
    path : str or Path
        File named in error messages.
    quantities : tuple of Quantity, optional
        Default: those of ``kascade.events``.

    Returns
    -------
    dict[str, numpy.ndarray]

    Raises
    ------
    E04
        An array is missing.
    E08
        Inconsistent shapes.
    """
    qs = station_quantities(quantities)
    out = {}
    for q in qs:
        if q.name not in stations:
            raise E04(path, "station data are incomplete; they need all of "
                      f"{', '.join(q.name for q in qs)}", field=q.name)
        out[q.name] = cast_column(stations[q.name], q, path)
    n_stations = len(next(iter(out.values()))) if out else 0
    for q in qs:
        expected = (n_events, n_stations) if q.per_event else (n_stations,)
        if out[q.name].shape != expected:
            raise E08(path, f"has shape {out[q.name].shape}, expected "
                      f"{expected} (events, stations)", field=q.name)
    return out


def _problems(q, col):
    """(index, error class, message) of the first bad value of one quantity."""
    values = np.ma.getdata(col)
    valid = ~np.ma.getmaskarray(col)
    if q.null is not None:
        valid &= values != q.null
    if values.dtype.kind == "f":
        bad = valid & ~np.isfinite(values)
        if bad.any():
            i = int(np.argmax(bad))
            return i, E05, f"value {values[i]} is not a finite number"
    lo, hi = q.bounds
    if lo is None and hi is None:
        return None
    converted = q.to_column(values)
    with np.errstate(invalid="ignore"):
        bad = valid & (((converted < lo) if lo is not None else False)
                       | ((converted > hi) if hi is not None else False))
    if not np.any(bad):
        return None
    i = int(np.argmax(bad))
    allowed = f"{'' if lo is None else lo}..{'' if hi is None else hi}"
    if q.null is not None:
        allowed += f" or {q.null} (not measured)"
    return i, E06, f"value {values[i]} is outside the allowed range {allowed}"


def first_problem(columns, quantities=None):
    """The earliest bad event of validated columns, or None.

    Returns
    -------
    tuple or None
        ``(index, quantity name, error class, message)``.
    """
    found = []
    for q in event_quantities(quantities):
        problem = _problems(q, columns[q.name])
        if problem is not None:
            found.append((problem[0], q.name, problem[1], problem[2]))
    return min(found, key=lambda p: p[0]) if found else None


def validate(columns, path, row_of=None, quantities=None):
    """Check columns against the quantity description.

    Every required quantity must be present with one value per event, no
    float may be NaN or infinite, and values must lie in the ``<values
    min max>`` range of their column (KCDC's "not measured" value
    excepted).

    Parameters
    ----------
    columns : Mapping[str, numpy.ndarray]
    path : str or Path
        File named in error messages.
    row_of : callable, optional
        Maps a 0-based event index to the row to report; default
        index + 1 (the ASCII reader passes the file line).
    quantities : tuple of Quantity, optional

    Returns
    -------
    dict[str, numpy.ndarray]
        The coerced columns.

    Raises
    ------
    E04, E05, E06, E08
        For the earliest bad event, with its row, field and value.
    """
    columns = coerce_columns(columns, path, quantities)
    problem = first_problem(columns, quantities)
    if problem is not None:
        i, name, error, message = problem
        row = row_of(i) if row_of is not None else i + 1
        raise error(path, f"event {i + 1}: {message}", row=row, field=name)
    return columns


def fill_masked(arr, quantity, path):
    """The values to write for a (possibly masked) quantity.

    Masked values become KCDC's "not measured" value; a quantity without
    one may not have masked values (E07).

    Returns
    -------
    numpy.ndarray
    """
    if not np.ma.isMaskedArray(arr) or not np.ma.getmaskarray(arr).any():
        return np.ma.getdata(arr)
    if quantity.null is None:
        i = int(np.argmax(np.ma.getmaskarray(arr)))
        raise E07(path, f"event {i + 1} has no value and KCDC declares no "
                  "value for 'not measured'", row=i + 1, field=quantity.name)
    return arr.filled(quantity.null)


def writable_columns(columns, path, quantities=None):
    """The per-event quantities as a writer stores them.

    Parameters
    ----------
    columns : Mapping[str, array_like]
        Keyed by KCDC name; masked arrays mark missing values.
    path : str or Path
        File named in error messages.
    quantities : tuple of Quantity, optional

    Returns
    -------
    list of (Quantity, numpy.ndarray)
        In declaration order; optional quantities without any value are
        left out, masked values replaced by KCDC's "not measured" value.

    Raises
    ------
    E04, E05, E07, E08
        As :func:`coerce_columns`; E07 for masked values of a quantity
        without a "not measured" value.
    """
    coerced = coerce_columns(columns, path, quantities)
    out = []
    for q in event_quantities(quantities):
        arr = coerced[q.name]
        if (not q.required and np.ma.isMaskedArray(arr) and len(arr)
                and np.ma.getmaskarray(arr).all()):
            continue
        if not q.required and q.name not in columns:
            continue
        out.append((q, fill_masked(arr, q, path)))
    return out
