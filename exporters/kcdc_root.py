"""Writer of the project's ROOT layout for KCDC events (docs/kcdc_formats.md).

The reader, and the layout, are in :mod:`converters.kcdc_root`.  uproot
is imported inside the function.
"""

from converters.kcdc_columns import coerce_stations, station_quantities, \
    writable_columns
from converters.kcdc_root import FORMAT, FORMAT_VERSION

__all__ = ["write_root"]


def _write_tree(f, name, title, arrays):
    branch_types = {k: (v.dtype, v.shape[1:]) if v.ndim > 1 else v.dtype
                    for k, v in arrays.items()}
    # mktree, not f[name] = {...}: uproot 5 writes a dict as an RNTuple.
    tree = f.mktree(name, branch_types, title=title)
    if len(next(iter(arrays.values()))):
        tree.extend(arrays)


def write_root(path, columns, stations=None, quantities=None):
    """Write columns (and optionally per-station data) as KCDC-ROOT.

    Parameters
    ----------
    path : str, Path or file-like
        Overwritten if it exists.
    columns : Mapping[str, array_like]
        The per-event quantities, keyed by KCDC name.
    stations : Mapping[str, array_like], optional
        The array quantities; see
        :func:`converters.kcdc_columns.coerce_stations` for the shapes.
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Raises
    ------
    converters.errors.InputError
        If the data do not fit the description.
    """
    import uproot

    items = writable_columns(columns, path, quantities)
    events = {q.name: arr for q, arr in items}
    arrays = station_quantities(quantities)
    if stations is not None:
        stations = coerce_stations(stations, len(items[0][1]), path,
                                   quantities)
        events.update({q.name: stations[q.name] for q in arrays
                       if q.per_event})
    with uproot.recreate(path) as f:
        f["format"] = FORMAT
        f["format_version"] = str(FORMAT_VERSION)
        _write_tree(f, "events", "KCDC events", events)
        if stations is not None:
            _write_tree(f, "stations", "KASCADE stations",
                        {q.name: stations[q.name] for q in arrays
                         if not q.per_event})
