"""Reader of KCDC's ASCII export: whitespace-separated columns under a header.

The header names the quantities (KCDC writes ``E YC XC ZE ...``; the
names are the ``kcdc`` properties of the RD, see
:mod:`converters.kcdc_quantities`).  Columns are mapped by name, so
their order may differ and extra numeric columns are ignored.  Blank
lines and lines starting with ``#`` are skipped.  The writer is
:func:`exporters.kcdc_ascii.write_ascii`.
"""

import warnings

import numpy as np

from converters.errors import E01, E03, E04, E05, E06, E08
from converters.kcdc_columns import coerce_columns, event_quantities

__all__ = ["read_ascii", "line_of_event"]


def _is_data(line):
    s = line.strip()
    return bool(s) and not s.startswith("#")


def _header(path, names):
    """(header line number, column names) of an ASCII file."""
    try:
        with open(path, encoding="latin-1") as f:
            for lineno, line in enumerate(f, start=1):
                if _is_data(line):
                    return lineno, line.split()
    except OSError as exc:
        raise E01(path, f"cannot be read: {exc.strerror}") from exc
    raise E03(path, "is empty; expected a header line naming the columns "
              f"{' '.join(names)}", row=1)


def _dtypes(header, by_name):
    # Unknown extra columns are parsed as floats and then dropped.
    return [by_name[n].dtype if n in by_name else np.dtype(np.float64)
            for n in header]


def _check_field(path, lineno, name, dtype, text):
    try:
        value = int(text) if dtype.kind == "i" else float(text)
    except ValueError:
        kind = "an integer" if dtype.kind == "i" else "a number"
        raise E05(path, f"{text!r} is not {kind}", row=lineno,
                  field=name) from None
    if dtype.kind == "i":
        info = np.iinfo(dtype)
        if not info.min <= value <= info.max:
            raise E06(path, f"{text!r} does not fit {dtype}", row=lineno,
                      field=name)


def _locate_error(path, header_line, header, by_name, fallback):
    """Find the first bad line by a slow scan; runs only after a failure."""
    dtypes = _dtypes(header, by_name)
    with open(path, encoding="latin-1") as f:
        for lineno, line in enumerate(f, start=1):
            if lineno <= header_line or not _is_data(line):
                continue
            fields = line.split()
            if len(fields) != len(header):
                raise E08(
                    path, f"has {len(fields)} fields but the header on line "
                    f"{header_line} names {len(header)} columns", row=lineno)
            for name, dtype, text in zip(header, dtypes, fields):
                _check_field(path, lineno, name, dtype, text)
    raise E05(path, f"cannot be parsed: {fallback}")


def _check_header(path, header_line, header, qs):
    missing = [q.name for q in qs if q.required and q.name not in header]
    if missing:
        raise E04(
            path, f"the header on line {header_line} lacks "
            f"{', '.join(missing)}; expected columns "
            f"{' '.join(q.name for q in qs)}, found {' '.join(header)}. "
            "Export the file from KCDC with all these quantities selected, "
            "or fix the header line", row=header_line, field=missing[0])
    dups = sorted({n for n in header if header.count(n) > 1})
    if dups:
        raise E03(path, f"the header on line {header_line} names "
                  f"{', '.join(dups)} more than once", row=header_line,
                  field=dups[0])


def read_ascii(path, quantities=None):
    """Read a KCDC ASCII export.

    Parameters
    ----------
    path : str or Path
    quantities : tuple of converters.kcdc_quantities.Quantity, optional
        The quantity description (default: ``kascade.events``).

    Returns
    -------
    dict[str, numpy.ndarray]
        One array per per-event quantity, in declaration order and with
        the declared dtypes; optional quantities that the file lacks are
        fully masked.

    Raises
    ------
    E01, E03, E04, E05, E06, E08
        Unreadable file, bad header, missing required quantity
        (``field``), a line with the wrong number of fields, a value that
        is not a number or does not fit (``row`` = file line, ``field``).
    """
    qs = event_quantities(quantities)
    by_name = {q.name: q for q in qs}
    header_line, header = _header(path, list(by_name))
    _check_header(path, header_line, header, qs)
    dtype = [(f"c{i}", dt) for i, dt in enumerate(_dtypes(header, by_name))]
    try:
        with warnings.catch_warnings():
            # numpy >= 1.23 silently truncates "2.5" into an int column
            # with only a DeprecationWarning; make that an error.
            warnings.simplefilter("error")
            warnings.filterwarnings("ignore", "loadtxt: input contained no",
                                    UserWarning)
            table = np.loadtxt(path, dtype=dtype, skiprows=header_line,
                               comments="#", ndmin=1, encoding="latin-1")
    except (ValueError, Warning) as exc:
        _locate_error(path, header_line, header, by_name, exc)
    return coerce_columns(
        {name: table[f"c{header.index(name)}"] for name in by_name
         if name in header}, path, qs)


def line_of_event(path, index):
    """File line number (1-based) of the event with 0-based ``index``.

    Used to report validation errors of ASCII files by line; it scans the
    file, so call it only on the error path.

    Returns
    -------
    int or None
    """
    header_line, _ = _header(path, [])
    seen = -1
    with open(path, encoding="latin-1") as f:
        for lineno, line in enumerate(f, start=1):
            if lineno > header_line and _is_data(line):
                seen += 1
                if seen == index:
                    return lineno
    return None
