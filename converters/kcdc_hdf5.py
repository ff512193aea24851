"""The project's HDF5 layout for KCDC events (docs/kcdc_formats.md).

::

    /                      attrs: format="KCDC-HDF5", format_version=1
    /events/<NAME>         (n_events,) one dataset per quantity of NAMES
    /events/energy_deposit (n_events, n_stations) float32, MeV   optional
    /events/arrival_time   (n_events, n_stations) float32, ns    optional
    /stations/station_id   (n_stations,) int32                  optional
    /stations/x, /stations/y (n_stations,) float64, m           optional

Each dataset carries ``unit`` and ``description`` attributes.
"""

import h5py

from converters.errors import InputError
from converters.kcdc import (PER_EVENT_STATION_NAMES, STATION_QUANTITIES,
                             cast_column, coerce_columns, coerce_stations)
from converters.kcdc_schema import NAMES, QUANTITIES

FORMAT = "KCDC-HDF5"
FORMAT_VERSION = 1


def _read_dataset(f, group, name, path, dtype):
    key = f"{group}/{name}"
    if key not in f:
        needed = NAMES if name in NAMES else STATION_QUANTITIES
        raise InputError(path, f"has no dataset /{key}; a {FORMAT} file "
                         f"needs datasets {' '.join(needed)} (see "
                         "docs/kcdc_formats.md)", field=name)
    ds = f[key]
    if not isinstance(ds, h5py.Dataset):
        raise InputError(path, f"/{key} is not a dataset", field=name)
    return cast_column(ds[()], name, path, dtype)


def _check_format(f, path):
    fmt = f.attrs.get("format")
    if isinstance(fmt, bytes):
        fmt = fmt.decode()
    # Files without the attribute are accepted: only the datasets matter.
    if fmt is not None and fmt != FORMAT:
        raise InputError(path, f"declares format {fmt!r}, expected {FORMAT}")
    version = f.attrs.get("format_version")
    if version is not None and int(version) > FORMAT_VERSION:
        raise InputError(path, f"has {FORMAT} version {int(version)}; this "
                         f"reader knows up to version {FORMAT_VERSION}")


def read_hdf5(path, stations=False):
    """Read a KCDC-HDF5 file.

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
        ``station_data`` maps :data:`converters.kcdc.STATION_NAMES` to
        arrays, or is None if the file has no ``/stations`` group.

    Raises
    ------
    InputError
        Unreadable (e.g. truncated) file, missing dataset (``field``),
        datasets of unequal length.
    """
    try:
        f = h5py.File(path, "r")
    except FileNotFoundError as exc:
        raise InputError(path, "does not exist") from exc
    except OSError as exc:
        raise InputError(path, "is not a readable HDF5 file (truncated or "
                         f"corrupt?): {exc}") from exc
    try:
        with f:
            _check_format(f, path)
            columns = {name: _read_dataset(f, "events", name, path, None)
                       for name in NAMES}
            columns = coerce_columns(columns, path)
            if not stations:
                return columns
            station_data = None
            if "stations" in f:
                station_data = {
                    name: _read_dataset(
                        f, "events" if name in PER_EVENT_STATION_NAMES
                        else "stations", name, path, spec[0])
                    for name, spec in STATION_QUANTITIES.items()}
                station_data = coerce_stations(
                    station_data, len(columns[NAMES[0]]), path)
            return columns, station_data
    except (OSError, RuntimeError, KeyError) as exc:
        # h5py reports damage inside an openable file only on access.
        raise InputError(path, "is not a readable HDF5 file (truncated or "
                         f"corrupt?): {exc}") from exc


def _create(group, name, data, unit, description, compression):
    kw = {}
    if compression and data.size:
        kw = {"compression": compression, "chunks": True, "shuffle": True}
    ds = group.create_dataset(name, data=data, **kw)
    ds.attrs["unit"] = unit
    ds.attrs["description"] = description


def write_hdf5(path, columns, stations=None, compression="gzip"):
    """Write columns (and optionally per-station data) as KCDC-HDF5.

    Parameters
    ----------
    path : str or Path
        Overwritten if it exists.
    columns : Mapping[str, array_like]
        All quantities of :data:`~converters.kcdc_schema.NAMES`.
    stations : Mapping[str, array_like], optional
        :data:`converters.kcdc.STATION_NAMES` arrays; see
        :func:`converters.kcdc.coerce_stations` for the shapes.
    compression : str or None
        h5py filter for all datasets; None writes them uncompressed.

    Raises
    ------
    InputError
        If the data do not fit the schema.
    """
    columns = coerce_columns(columns, path)
    if stations is not None:
        stations = coerce_stations(stations, len(columns[NAMES[0]]), path)
    with h5py.File(path, "w") as f:
        f.attrs["format"] = FORMAT
        f.attrs["format_version"] = FORMAT_VERSION
        events = f.create_group("events")
        for name in NAMES:
            _, unit, description = QUANTITIES[name]
            _create(events, name, columns[name], unit, description,
                    compression)
        if stations is not None:
            group = f.create_group("stations")
            for name, (_, unit, description) in STATION_QUANTITIES.items():
                target = (events if name in PER_EVENT_STATION_NAMES
                          else group)
                _create(target, name, stations[name], unit, description,
                        compression)
