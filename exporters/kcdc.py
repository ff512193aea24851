"""KCDC event files: one entry point for writing the ASCII, HDF5 and ROOT
layouts (docs/kcdc_formats.md).

The readers are in :mod:`converters.kcdc`; the quantities come from the
RD (:mod:`converters.kcdc_quantities`).
"""

from converters.kcdc import format_of

from exporters.kcdc_ascii import write_ascii
from exporters.kcdc_hdf5 import write_hdf5
from exporters.kcdc_root import write_root

__all__ = ["write_events", "write_ascii", "write_hdf5", "write_root",
           "WRITERS"]

#: layout -> writer
WRITERS = {"ascii": write_ascii, "hdf5": write_hdf5, "root": write_root}


def write_events(path, columns, fmt=None, **kw):
    """Write columns in the layout ``fmt`` or the one of ``path``'s suffix.

    Parameters
    ----------
    path : str or Path
    columns : Mapping[str, array_like]
        The per-event quantities, keyed by KCDC name.
    fmt : str, optional
        "ascii", "hdf5" or "root"; default from the suffix of ``path``.
    **kw
        Passed to the layout's writer, e.g. ``stations=``,
        ``compression=`` (HDF5) and ``quantities=``.

    Raises
    ------
    converters.errors.InputError
        Unknown suffix (E03) or columns that do not fit the description.
    """
    writer = WRITERS[fmt or format_of(path)]
    writer(path, columns, **kw)
