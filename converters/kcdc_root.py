"""The project's ROOT layout for KCDC events (docs/kcdc_formats.md).

::

    events           TTree, one scalar branch per quantity of NAMES;
                     optional fixed-size branches energy_deposit[n_stations]
                     (float, MeV) and arrival_time[n_stations] (float, ns)
    stations         TTree with station_id (int), x, y (double, m); optional
    format           TObjString "KCDC-ROOT"
    format_version   TObjString "1"

uproot is imported inside the functions so that the rest of the package
works where it is not installed.
"""

import numpy as np

from converters.errors import InputError
from converters.kcdc import (PER_EVENT_STATION_NAMES, STATION_QUANTITIES,
                             cast_column, coerce_columns, coerce_stations)
from converters.kcdc_schema import NAMES, QUANTITIES

FORMAT = "KCDC-ROOT"
FORMAT_VERSION = 1


def _unreadable(path, exc):
    return InputError(path, "is not a readable ROOT file (truncated or "
                      f"corrupt?): {type(exc).__name__}: {exc}")


def _branches(f, tree_name, names, dtypes, path):
    if tree_name not in f or f.classname_of(tree_name) != "TTree":
        raise InputError(path, f"has no TTree {tree_name!r}; a {FORMAT} "
                         "file keeps its events in a TTree named 'events'",
                         field=tree_name)
    tree = f[tree_name]
    for name in names:
        if name not in tree.keys(recursive=False):
            raise InputError(
                path, f"TTree {tree_name!r} has no branch {name}; it needs "
                f"branches {' '.join(names)} (see docs/kcdc_formats.md)",
                field=name)
    arrays = tree.arrays(filter_name=list(names), library="np")
    out = {}
    for name, dtype in zip(names, dtypes):
        arr = arrays[name]
        if arr.dtype == object:
            # Jagged per-station branches: accepted if every event has the
            # same number of stations.
            try:
                arr = (np.stack(arr) if len(arr)
                       else np.empty((0, 0), dtype))
            except ValueError:
                raise InputError(path, "events have different numbers of "
                                 "stations", field=name) from None
        out[name] = cast_column(arr, name, path, dtype)
    return out


def read_root(path, stations=False):
    """Read a KCDC-ROOT file.

    Parameters
    ----------
    path : str or Path
    stations : bool
        Also return the per-station data.

    Returns
    -------
    dict[str, numpy.ndarray] or tuple
        The quantities of :data:`~converters.kcdc_schema.NAMES`; with
        ``stations=True`` a tuple ``(columns, station_data)``, where
        ``station_data`` is None if the file has no ``stations`` TTree.

    Raises
    ------
    InputError
        Unreadable (truncated, corrupt) file, missing TTree or branch
        (``field``).
    """
    import uproot

    try:
        f = uproot.open(path)
    except FileNotFoundError as exc:
        raise InputError(path, "does not exist") from exc
    except Exception as exc:  # uproot signals damage with many types
        raise _unreadable(path, exc) from exc
    try:
        with f:
            if "format" in f:
                fmt = str(f["format"])
                if fmt != FORMAT:
                    raise InputError(path, f"declares format {fmt!r}, "
                                     f"expected {FORMAT}")
            columns = _branches(f, "events", NAMES,
                                [QUANTITIES[n][0] for n in NAMES], path)
            columns = coerce_columns(columns, path)
            if not stations:
                return columns
            station_data = None
            if "stations" in f:
                per_station = [n for n in STATION_QUANTITIES
                               if n not in PER_EVENT_STATION_NAMES]
                station_data = _branches(
                    f, "stations", per_station,
                    [STATION_QUANTITIES[n][0] for n in per_station], path)
                station_data.update(_branches(
                    f, "events", PER_EVENT_STATION_NAMES,
                    [STATION_QUANTITIES[n][0]
                     for n in PER_EVENT_STATION_NAMES], path))
                station_data = coerce_stations(
                    station_data, len(columns[NAMES[0]]), path)
            return columns, station_data
    except InputError:
        raise
    except Exception as exc:  # damage often shows only when reading baskets
        raise _unreadable(path, exc) from exc


def _write_tree(f, name, title, arrays):
    branch_types = {k: (v.dtype, v.shape[1:]) if v.ndim > 1 else v.dtype
                    for k, v in arrays.items()}
    # mktree, not f[name] = {...}: uproot 5 writes a dict as an RNTuple.
    tree = f.mktree(name, branch_types, title=title)
    if len(next(iter(arrays.values()))):
        tree.extend(arrays)


def write_root(path, columns, stations=None):
    """Write columns (and optionally per-station data) as KCDC-ROOT.

    Parameters
    ----------
    path : str or Path
        Overwritten if it exists.
    columns : Mapping[str, array_like]
        All quantities of :data:`~converters.kcdc_schema.NAMES`.
    stations : Mapping[str, array_like], optional
        :data:`converters.kcdc.STATION_NAMES` arrays; see
        :func:`converters.kcdc.coerce_stations` for the shapes.

    Raises
    ------
    InputError
        If the data do not fit the schema.
    """
    import uproot

    columns = coerce_columns(columns, path)
    events = dict(columns)
    if stations is not None:
        stations = coerce_stations(stations, len(columns[NAMES[0]]), path)
        events.update({n: stations[n] for n in PER_EVENT_STATION_NAMES})
    with uproot.recreate(path) as f:
        f["format"] = FORMAT
        f["format_version"] = str(FORMAT_VERSION)
        _write_tree(f, "events", "KCDC events", events)
        if stations is not None:
            _write_tree(f, "stations", "KASCADE stations",
                        {n: stations[n] for n in STATION_QUANTITIES
                         if n not in PER_EVENT_STATION_NAMES})
