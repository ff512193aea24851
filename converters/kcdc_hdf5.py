"""Reader of the project's HDF5 layout for KCDC events (docs/kcdc_formats.md).

::

    /                      attrs: format="KCDC-HDF5", format_version=1
    /events/<NAME>         (n_events,) one dataset per quantity
    /events/<ARRAY>        (n_events, n_stations) "event station" arrays
    /stations/<ARRAY>      (n_stations,) "station" arrays     optional

The quantities are those of the RD (:mod:`converters.kcdc_quantities`).
Each dataset carries ``unit`` and ``description`` attributes.  The
writer is :func:`exporters.kcdc_hdf5.write_hdf5`.
"""

import h5py

from converters.errors import E01, E02, E03, E04
from converters.kcdc_columns import (cast_column, coerce_columns,
                                     coerce_stations, event_quantities,
                                     station_quantities)

__all__ = ["FORMAT", "FORMAT_VERSION", "read_hdf5", "group_of"]

FORMAT = "KCDC-HDF5"
FORMAT_VERSION = 1


def group_of(quantity):
    """The HDF5 group of a quantity: "events" or "stations"."""
    return "events" if quantity.per_event else "stations"


def _read_dataset(f, q, path, needed):
    key = f"{group_of(q)}/{q.name}"
    if key not in f:
        if not q.required:
            return None
        raise E04(path, f"has no dataset /{key}; a {FORMAT} file needs "
                  f"datasets {' '.join(needed)} (see docs/kcdc_formats.md)",
                  field=q.name)
    ds = f[key]
    if not isinstance(ds, h5py.Dataset):
        raise E03(path, f"/{key} is not a dataset", field=q.name)
    return cast_column(ds[()], q, path)


def _check_format(f, path):
    fmt = f.attrs.get("format")
    if isinstance(fmt, bytes):
        fmt = fmt.decode()
    # Files without the attribute are accepted: only the datasets matter.
    if fmt is not None and fmt != FORMAT:
        raise E03(path, f"declares format {fmt!r}, expected {FORMAT}")
    version = f.attrs.get("format_version")
    if version is not None and int(version) > FORMAT_VERSION:
        raise E03(path, f"has {FORMAT} version {int(version)}; this reader "
                  f"knows up to version {FORMAT_VERSION}")


def _open(path):
    try:
        return h5py.File(path, "r")
    except FileNotFoundError as exc:
        raise E01(path, "does not exist") from exc
    except OSError as exc:
        raise E02(path, "is not a readable HDF5 file (truncated or "
                  f"corrupt?): {exc}") from exc


def _read(f, path, stations, qs):
    _check_format(f, path)
    scalars = event_quantities(qs)
    needed = [q.name for q in scalars if q.required]
    columns = {q.name: _read_dataset(f, q, path, needed) for q in scalars}
    columns = coerce_columns({k: v for k, v in columns.items()
                              if v is not None}, path, qs)
    if not stations:
        return columns
    station_data = None
    arrays = station_quantities(qs)
    if "stations" in f and arrays:
        names = [q.name for q in arrays]
        station_data = coerce_stations(
            {q.name: _read_dataset(f, q, path, names) for q in arrays},
            len(next(iter(columns.values()))), path, qs)
    return columns, station_data


def read_hdf5(path, stations=False, quantities=None):
    """Read a KCDC-HDF5 file.

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
        ``station_data`` maps the array quantities to arrays, or is None
        if the file has no ``/stations`` group.

    Raises
    ------
    E01, E02, E03, E04, E08
        Missing or unreadable (e.g. truncated) file, another layout,
        missing required dataset (``field``), datasets of unequal length.
    """
    f = _open(path)
    try:
        with f:
            return _read(f, path, stations, quantities)
    except (OSError, RuntimeError, KeyError) as exc:
        # h5py reports damage inside an openable file only on access.
        raise E02(path, "is not a readable HDF5 file (truncated or "
                  f"corrupt?): {exc}") from exc
