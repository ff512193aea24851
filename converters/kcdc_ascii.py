"""KCDC's ASCII export: whitespace-separated columns under a header line.

The header names the quantities (KCDC writes ``E YC XC ZE ...``, see
:data:`converters.kcdc_schema.NAMES`); columns are mapped by name, so their
order may differ and extra numeric columns are ignored.  Blank lines and
lines starting with ``#`` are skipped.
"""

import warnings

import numpy as np

from converters.errors import InputError
from converters.kcdc import coerce_columns
from converters.kcdc_schema import NAMES, QUANTITIES


def _is_data(line):
    s = line.strip()
    return bool(s) and not s.startswith("#")


def _header(path):
    """(header line number, column names) of an ASCII file."""
    try:
        with open(path, encoding="latin-1") as f:
            for lineno, line in enumerate(f, start=1):
                if _is_data(line):
                    return lineno, line.split()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from exc
    raise InputError(path, "is empty; expected a header line naming the "
                     f"columns {' '.join(NAMES)}", row=1)


def _dtypes(header):
    # Unknown extra columns are parsed as floats and then dropped.
    return [QUANTITIES[n][0] if n in QUANTITIES else np.float64
            for n in header]


def _locate_error(path, header_line, header, fallback):
    """Find the first bad line by a slow scan; runs only after a failure."""
    dtypes = _dtypes(header)
    with open(path, encoding="latin-1") as f:
        for lineno, line in enumerate(f, start=1):
            if lineno <= header_line or not _is_data(line):
                continue
            fields = line.split()
            if len(fields) != len(header):
                raise InputError(
                    path, f"has {len(fields)} fields but the header on line "
                    f"{header_line} names {len(header)} columns", row=lineno)
            for name, dtype, text in zip(header, dtypes, fields):
                try:
                    if np.dtype(dtype).kind == "i":
                        value = int(text)
                        info = np.iinfo(dtype)
                        if not info.min <= value <= info.max:
                            raise InputError(
                                path, f"{text!r} does not fit "
                                f"{np.dtype(dtype)}", row=lineno, field=name)
                    else:
                        float(text)
                except ValueError:
                    kind = ("an integer" if np.dtype(dtype).kind == "i"
                            else "a number")
                    raise InputError(path, f"{text!r} is not {kind}",
                                     row=lineno, field=name) from None
    raise InputError(path, f"cannot be parsed: {fallback}")


def read_ascii(path):
    """Read a KCDC ASCII export.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    dict[str, numpy.ndarray]
        One array per quantity of :data:`~converters.kcdc_schema.NAMES`,
        in schema order and with schema dtypes.

    Raises
    ------
    InputError
        Missing columns (``field``), a line with the wrong number of
        fields or a value that is not a number (``row`` = file line,
        ``field``).
    """
    header_line, header = _header(path)
    missing = [n for n in NAMES if n not in header]
    if missing:
        raise InputError(
            path, f"the header on line {header_line} lacks "
            f"{', '.join(missing)}; expected columns {' '.join(NAMES)}, "
            f"found {' '.join(header)}. Export the file from KCDC with all "
            "these quantities selected, or fix the header line",
            row=header_line, field=missing[0])
    dups = sorted({n for n in header if header.count(n) > 1})
    if dups:
        raise InputError(path, f"the header on line {header_line} names "
                         f"{', '.join(dups)} more than once", row=header_line,
                         field=dups[0])
    dtype = [(f"c{i}", dt) for i, dt in enumerate(_dtypes(header))]
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
        _locate_error(path, header_line, header, exc)
    return coerce_columns(
        {name: table[f"c{header.index(name)}"] for name in NAMES}, path)


def line_of_event(path, index):
    """File line number (1-based) of the event with 0-based ``index``.

    Used to report validation errors of ASCII files by line; it scans the
    file, so call it only on the error path.
    """
    header_line, _ = _header(path)
    seen = -1
    with open(path, encoding="latin-1") as f:
        for lineno, line in enumerate(f, start=1):
            if lineno > header_line and _is_data(line):
                seen += 1
                if seen == index:
                    return lineno
    return None


def write_ascii(path, columns):
    """Write columns as a KCDC-style ASCII file.

    Floats are written with the shortest representation that reads back
    to the same binary value (Python's ``repr``), so ASCII round trips are
    exact; integers are written as integers.

    Parameters
    ----------
    path : str or Path
    columns : Mapping[str, array_like]
        All quantities of :data:`~converters.kcdc_schema.NAMES`.

    Raises
    ------
    InputError
        If the columns do not fit the schema.
    """
    columns = coerce_columns(columns, path)
    fmt = " ".join("%11r" if QUANTITIES[n][0] is np.float64 else "%11d"
                   for n in NAMES)
    # tolist() gives Python floats, whose repr is the shortest exact form.
    rows = zip(*(columns[n].tolist() for n in NAMES))
    with open(path, "w", encoding="ascii") as f:
        f.write(" ".join(f"{n:>11}" for n in NAMES) + "\n")
        f.writelines(fmt % row + "\n" for row in rows)
