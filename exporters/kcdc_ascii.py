"""Writer of KCDC-style ASCII files (docs/kcdc_formats.md).

The reader is :func:`converters.kcdc_ascii.read_ascii`.
"""

from converters.kcdc_columns import writable_columns

__all__ = ["write_ascii"]


def write_ascii(path, columns, quantities=None):
    """Write columns as a KCDC-style ASCII file.

    Floats are written with the shortest representation that reads back
    to the same binary value (Python's ``repr``), so ASCII round trips are
    exact; integers are written as integers.  Columns are in the RD's
    declaration order; optional quantities without values are left out.

    Parameters
    ----------
    path : str or Path
    columns : Mapping[str, array_like]
        The per-event quantities, keyed by KCDC name.
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Raises
    ------
    converters.errors.InputError
        If the columns do not fit the description (E04, E05, E07, E08).
    """
    items = writable_columns(columns, path, quantities)
    fmt = " ".join("%11r" if q.dtype.kind == "f" else "%11d"
                   for q, _ in items)
    # tolist() gives Python floats, whose repr is the shortest exact form.
    rows = zip(*(arr.tolist() for _, arr in items))
    with open(path, "w", encoding="ascii") as f:
        f.write(" ".join(f"{q.name:>11}" for q, _ in items) + "\n")
        f.writelines(fmt % row + "\n" for row in rows)
