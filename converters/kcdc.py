"""KCDC event files: one entry point for reading the ASCII, HDF5 and ROOT
layouts.

The layouts are described in docs/kcdc_formats.md, the quantities in
the RD (:mod:`converters.kcdc_quantities`).  Every reader returns
``dict[str, numpy.ndarray]`` keyed by the KCDC names with the declared
dtypes.  KCDC's ``-1`` for "not measured" is kept as it is (the table
converter, :mod:`converters.kascade.events`, maps it to NULL); optional
quantities that a file lacks are fully masked.  The writers are in
:mod:`exporters.kcdc`.
"""

from pathlib import Path

from converters import kcdc_ascii, kcdc_hdf5, kcdc_root
from converters.errors import E03
from converters.kcdc_columns import validate

__all__ = ["ASCII_SUFFIXES", "HDF5_SUFFIXES", "ROOT_SUFFIXES", "SUFFIXES",
           "format_of", "read_events", "iter_event_files"]

ASCII_SUFFIXES = (".txt", ".dat", ".ascii")
HDF5_SUFFIXES = (".h5", ".hdf5")
ROOT_SUFFIXES = (".root",)
SUFFIXES = ASCII_SUFFIXES + HDF5_SUFFIXES + ROOT_SUFFIXES


def format_of(path):
    """The layout of a KCDC file by its suffix: "ascii", "hdf5" or "root".

    Raises
    ------
    E03
        For a suffix of none of the layouts.
    """
    suffix = Path(path).suffix.lower()
    for fmt, suffixes in (("ascii", ASCII_SUFFIXES), ("hdf5", HDF5_SUFFIXES),
                          ("root", ROOT_SUFFIXES)):
        if suffix in suffixes:
            return fmt
    raise E03(path, f"unknown file type {suffix or '(no suffix)'!r}; KCDC "
              f"event files must end in one of {', '.join(SUFFIXES)}")


def read_events(path, stations=False, quantities=None):
    """Read and validate a KCDC event file of any supported layout.

    Parameters
    ----------
    path : str or Path
        File ending in one of :data:`SUFFIXES`.
    stations : bool
        Also return the per-station data (HDF5 and ROOT only).
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Returns
    -------
    dict[str, numpy.ndarray] or tuple
        The columns; with ``stations=True`` a tuple ``(columns,
        station_data)`` where ``station_data`` is None if the file has none.

    Raises
    ------
    converters.errors.InputError
        Unknown suffix (E03), unreadable file or invalid values (E01 ..
        E08, see :mod:`converters.errors`).
    """
    fmt = format_of(path)
    station_data = None
    row_of = None
    if fmt == "ascii":
        columns = kcdc_ascii.read_ascii(path, quantities)
        row_of = lambda i: kcdc_ascii.line_of_event(path, i)  # noqa: E731
    elif fmt == "hdf5":
        columns, station_data = kcdc_hdf5.read_hdf5(path, True, quantities)
    else:
        columns, station_data = kcdc_root.read_root(path, True, quantities)
    columns = validate(columns, path, row_of=row_of, quantities=quantities)
    return (columns, station_data) if stations else columns


def iter_event_files(folder, pattern="*"):
    """Yield the KCDC event files of a folder, sorted by name.

    Parameters
    ----------
    folder : str or Path
    pattern : str
        Glob relative to ``folder`` (e.g. ``runs/*.h5``); default every
        file directly in it.

    Yields
    ------
    pathlib.Path
        Regular files whose suffix is in :data:`SUFFIXES`.
    """
    for p in sorted(Path(folder).glob(pattern)):
        if p.is_file() and p.suffix.lower() in SUFFIXES:
            yield p
