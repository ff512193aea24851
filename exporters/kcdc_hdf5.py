"""Writer of the project's HDF5 layout for KCDC events (docs/kcdc_formats.md).

The reader, and the layout, are in :mod:`converters.kcdc_hdf5`.
"""

import h5py

from converters.kcdc_columns import coerce_stations, station_quantities, \
    writable_columns
from converters.kcdc_hdf5 import FORMAT, FORMAT_VERSION, group_of

__all__ = ["write_hdf5"]


def _create(group, name, data, quantity, compression):
    kw = {}
    if compression and data.size:
        kw = {"compression": compression, "chunks": True, "shuffle": True}
    ds = group.create_dataset(name, data=data, **kw)
    ds.attrs["unit"] = quantity.unit
    ds.attrs["description"] = quantity.description


def write_hdf5(path, columns, stations=None, compression="gzip",
               quantities=None):
    """Write columns (and optionally per-station data) as KCDC-HDF5.

    Parameters
    ----------
    path : str, Path or file-like
        Overwritten if it exists.
    columns : Mapping[str, array_like]
        The per-event quantities, keyed by KCDC name.
    stations : Mapping[str, array_like], optional
        The array quantities; see
        :func:`converters.kcdc_columns.coerce_stations` for the shapes.
    compression : str or None
        h5py filter for all datasets; None writes them uncompressed.
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Raises
    ------
    converters.errors.InputError
        If the data do not fit the description.
    """
    items = writable_columns(columns, path, quantities)
    n_events = len(items[0][1]) if items else 0
    if stations is not None:
        stations = coerce_stations(stations, n_events, path, quantities)
    with h5py.File(path, "w") as f:
        f.attrs["format"] = FORMAT
        f.attrs["format_version"] = FORMAT_VERSION
        events = f.create_group("events")
        for q, arr in items:
            _create(events, q.name, arr, q, compression)
        if stations is not None:
            group = f.create_group("stations")
            for q in station_quantities(quantities):
                target = events if group_of(q) == "events" else group
                _create(target, q.name, stations[q.name], q, compression)
