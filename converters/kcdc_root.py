"""Reader of the project's ROOT layout for KCDC events (docs/kcdc_formats.md).

::

    events           TTree, one scalar branch per quantity; fixed-size
                     branches <ARRAY>[n_stations] for the "event station"
                     arrays (optional)
    stations         TTree with the "station" arrays; optional
    format           TObjString "KCDC-ROOT"
    format_version   TObjString "1"

The quantities are those of the RD (:mod:`converters.kcdc_quantities`).
uproot is imported inside the functions so that the rest of the package
works where it is not installed.  The writer is
:func:`exporters.kcdc_root.write_root`.
"""

import numpy as np

from converters.errors import E01, E02, E03, E04, E08, InputError
from converters.kcdc_columns import (cast_column, coerce_columns,
                                     coerce_stations, event_quantities,
                                     station_quantities)

__all__ = ["FORMAT", "FORMAT_VERSION", "read_root"]

FORMAT = "KCDC-ROOT"
FORMAT_VERSION = 1


def _unreadable(path, exc):
    return E02(path, "is not a readable ROOT file (truncated or corrupt?): "
               f"{type(exc).__name__}: {exc}")


def _stack(arr, q, path):
    # Jagged per-station branches: accepted if every event has the same
    # number of stations.
    try:
        return np.stack(arr) if len(arr) else np.empty((0, 0), q.dtype)
    except ValueError:
        raise E08(path, "events have different numbers of stations",
                  field=q.name) from None


def _branches(f, tree_name, qs, path):
    if tree_name not in f or f.classname_of(tree_name) != "TTree":
        raise E03(path, f"has no TTree {tree_name!r}; a {FORMAT} file keeps "
                  f"its data in TTrees 'events' and 'stations'",
                  field=tree_name)
    tree = f[tree_name]
    present = set(tree.keys(recursive=False))
    needed = [q.name for q in qs if q.required]
    for q in qs:
        if q.required and q.name not in present:
            raise E04(
                path, f"TTree {tree_name!r} has no branch {q.name}; it needs "
                f"branches {' '.join(needed)} (see docs/kcdc_formats.md)",
                field=q.name)
    wanted = [q for q in qs if q.name in present]
    arrays = tree.arrays(filter_name=[q.name for q in wanted], library="np")
    out = {}
    for q in wanted:
        arr = arrays[q.name]
        if arr.dtype == object:
            arr = _stack(arr, q, path)
        out[q.name] = cast_column(arr, q, path)
    return out


def _read(f, path, stations, qs):
    if "format" in f:
        fmt = str(f["format"])
        if fmt != FORMAT:
            raise E03(path, f"declares format {fmt!r}, expected {FORMAT}")
    columns = coerce_columns(
        _branches(f, "events", event_quantities(qs), path), path, qs)
    if not stations:
        return columns
    station_data = None
    arrays = station_quantities(qs)
    if "stations" in f and arrays:
        station_data = _branches(
            f, "stations", [q for q in arrays if not q.per_event], path)
        station_data.update(_branches(
            f, "events", [q for q in arrays if q.per_event], path))
        station_data = coerce_stations(
            station_data, len(next(iter(columns.values()))), path, qs)
    return columns, station_data


def read_root(path, stations=False, quantities=None):
    """Read a KCDC-ROOT file.

    Parameters
    ----------
    path : str or Path
    stations : bool
        Also return the per-station data.
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Returns
    -------
    dict[str, numpy.ndarray] or tuple
        The per-event quantities (missing optional ones fully masked);
        with ``stations=True`` a tuple ``(columns, station_data)``, where
        ``station_data`` is None if the file has no ``stations`` TTree.

    Raises
    ------
    E01, E02, E03, E04, E08
        Missing, unreadable (truncated, corrupt) file, missing TTree,
        missing required branch (``field``), inconsistent arrays.
    """
    import uproot

    try:
        f = uproot.open(path)
    except FileNotFoundError as exc:
        raise E01(path, "does not exist") from exc
    except Exception as exc:  # uproot signals damage with many types
        raise _unreadable(path, exc) from exc
    try:
        with f:
            return _read(f, path, stations, quantities)
    except InputError:
        raise
    except Exception as exc:  # damage often shows only when reading baskets
        raise _unreadable(path, exc) from exc
