"""Delimited text tables: lines, fields, numbers, booleans and times.

The readers of the published text tables (whitespace-, comma-, pipe- or
semicolon-separated) share these; every fault is a numbered error of
:mod:`converters.errors` naming the file, the line and the field.
"""

import csv

import numpy as np

from .errors import E01, E02, E03, E05, E08, E09

__all__ = ["UNICODE_MINUS", "data_lines", "numeric_table", "text_columns",
           "parse_floats", "parse_ints", "parse_bools", "parse_times"]

UNICODE_MINUS = "\u2212"


def data_lines(path, comment="#", encoding="utf-8"):
    """(1-based line number, text) of the data lines of a text file.

    Blank lines and lines starting with ``comment`` are skipped; Unicode
    minus signs (U+2212), which some journal tables use, become ASCII.

    Parameters
    ----------
    path : path-like
    comment : str or None
    encoding : str

    Yields
    ------
    (int, str)

    Raises
    ------
    converters.errors.E01
        The file does not exist.
    converters.errors.E02
        It cannot be read or is not text in ``encoding``.
    """
    try:
        with open(path, encoding=encoding) as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        raise E02(path, f"not {encoding} text ({exc.reason} at byte "
            f"{exc.start})") from None
    except FileNotFoundError:
        raise E01(path, "file not found; run 'apdc fetch'") from None
    except OSError as exc:
        raise E02(path, f"cannot be read: {exc.strerror}") from None
    text = text.replace(UNICODE_MINUS, "-")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not (comment and stripped.startswith(comment)):
            yield number, line


def numeric_table(path, names, delimiter=None, comment="#", skip=0,
        dtypes=None):
    """Read a delimited table of numbers into columns.

    Parameters
    ----------
    path : path-like
        The file.
    names : sequence of str
        The column names, in file order.
    delimiter : str, optional
        Field separator; None splits on any whitespace.
    comment : str
        Lines starting with it are skipped.
    skip : int
        Further data lines to skip at the start (e.g. an uncommented header).
    dtypes : dict, optional
        Per-column numpy dtypes; float64 otherwise.

    Returns
    -------
    dict of str to numpy.ndarray

    Raises
    ------
    converters.errors.E08, converters.errors.E05
        On a wrong field count (E08) or a non-numeric field (E05), with
        line and field.
    """
    dtypes = dtypes or {}
    lines = list(data_lines(path, comment))[skip:]
    separator = f"'{delimiter}'" if delimiter else "blanks"
    raw, numbers = _split_rows(path, lines, names, separator,
        lambda line: [f.strip() for f in line.split(delimiter)])
    columns = {}
    for j, name in enumerate(names):
        dtype = dtypes.get(name, np.float64)
        try:
            columns[name] = raw[:, j].astype(dtype)
        except ValueError:
            for k, value in enumerate(raw[:, j]):
                try:
                    np.array(value).astype(dtype)
                except ValueError:
                    raise E05(path, f"'{value}' is not a number",
                        row=numbers[k], field=name) from None
            raise
    return columns


def text_columns(path, delimiter, names=None, skip=0, comment="#",
        edges=False):
    """Read a delimited text table into str columns.

    Fields may be quoted with ``"`` (CSV style, so a quoted field may
    contain the delimiter); they are stripped of surrounding blanks.

    Parameters
    ----------
    path : path-like
        The file.
    delimiter : str
        The one-character field separator (``|``, ``;``, ``,``).
    names : sequence of str, optional
        The column names, in file order; None takes them from the first
        line after ``skip`` (the header), which is then not data.
    skip : int
        Lines (after blank and comment lines are dropped) to skip first,
        e.g. titles, or a header and a units line when ``names`` is given.
    comment : str or None
        Lines starting with it are skipped.
    edges : bool
        Lines start and end with the delimiter (``|a|b|``): drop the
        empty fields outside it.

    Returns
    -------
    (dict of str to numpy.ndarray of str, numpy.ndarray of int)
        The columns and, per row, its 1-based line number in the file.

    Raises
    ------
    converters.errors.E08
        On a row with the wrong field count, with its line number.
    """
    lines = list(data_lines(path, comment))[skip:]
    if names is None:
        if not lines:
            raise E03(path, "has no header line")
        names = _split_line(lines[0][1], delimiter, edges)
        lines = lines[1:]
    names = list(names)
    raw, numbers = _split_rows(path, lines, names, f"'{delimiter}'",
        lambda line: _split_line(line, delimiter, edges))
    return {name: raw[:, j] for j, name in enumerate(names)}, numbers


def _split_rows(path, lines, names, separator, split):
    """A 2-D str array of the fields of ``lines`` and their line numbers.

    ``lines`` are (line number, text) pairs; every row must have one
    field per name, else E08 names the line.
    """
    rows, numbers = [], []
    for number, line in lines:
        fields = split(line)
        if len(fields) != len(names):
            raise E08(path, f"expected {len(names)} fields "
                f"({' '.join(names)}) separated by {separator}, found "
                f"{len(fields)}", row=number)
        rows.append(fields)
        numbers.append(number)
    if not rows:
        raise E09(path, "contains no data rows")
    return np.array(rows, dtype=str), np.array(numbers)


def _split_line(line, delimiter, edges):
    fields = next(csv.reader([line], delimiter=delimiter, quotechar='"'))
    if edges:
        if fields and fields[0].strip() == "":
            fields = fields[1:]
        if fields and fields[-1].strip() == "":
            fields = fields[:-1]
    return [f.strip() for f in fields]


def parse_floats(path, values, rows, field, null=("",)):
    """Masked float64 array from str values (NULL where in ``null``).

    Parameters
    ----------
    path : path-like
        The file, for the error.
    values : array_like of str
    rows : array_like of int
        The 1-based line of each value.
    field : str
        The field named by the error.
    null : sequence of str
        Texts that are NULL; NaN and infinities are NULL too.

    Returns
    -------
    numpy.ma.MaskedArray

    Raises
    ------
    converters.errors.E05
        On a value that is not a number.
    """
    values = np.char.strip(np.asarray(values, dtype=str))
    mask = np.isin(values, list(null))
    result = np.zeros(len(values))
    try:
        result[~mask] = values[~mask].astype(np.float64)
    except ValueError:
        for i in np.flatnonzero(~mask):
            try:
                float(values[i])
            except ValueError:
                raise E05(path, f"'{values[i]}' is not a number",
                    row=int(rows[i]), field=field) from None
        raise
    mask |= ~np.isfinite(result)
    return np.ma.masked_array(result, mask=mask)


def parse_ints(path, values, lines, field, int_type):
    """Integers from str values; E05 naming the line of a bad one.

    Parameters
    ----------
    path : path-like
    values : array_like of str
    lines : array_like of int
        The 1-based line of each value.
    field : str
    int_type : numpy dtype

    Returns
    -------
    numpy.ndarray
    """
    try:
        return np.asarray(values).astype(int_type)
    except (ValueError, OverflowError):
        for value, line in zip(values, lines):
            try:
                int(value)
            except ValueError:
                raise E05(path, f"'{value}' is not an integer",
                          row=int(line), field=field) from None
        raise E05(path, "integer out of range", field=field) from None


def parse_bools(path, values, lines, field, null):
    """0/1 (int16, masked where ``null``) from TRUE/FALSE-like texts.

    Parameters
    ----------
    path : path-like
    values : array_like of str
    lines : array_like of int
        The 1-based line of each value.
    field : str
    null : numpy.ndarray of bool
        Where the value is NULL.

    Returns
    -------
    numpy.ma.MaskedArray of int16
    """
    lower = np.char.lower(np.char.strip(values))
    true = np.isin(lower, ["true", "t", "1", "yes"])
    false = np.isin(lower, ["false", "f", "0", "no"])
    bad = ~(true | false | null)
    if bad.any():
        i = int(np.argmax(bad))
        raise E05(path, f"'{values[i]}' is not a boolean (TRUE or FALSE)",
                  row=int(lines[i]), field=field)
    return np.ma.masked_array(true.astype(np.int16), mask=null)


def parse_times(path, texts, lines, field):
    """datetime64[us] from 'YYYY-MM-DD hh:mm:ss[.f][Z]' texts (UTC).

    Parameters
    ----------
    path : path-like
    texts : array_like of str
    lines : array_like of int
        The 1-based line of each value.
    field : str

    Returns
    -------
    numpy.ndarray of datetime64[us]
    """
    iso = np.char.rstrip(np.char.replace(np.char.strip(texts), " ", "T"),
                         "Z")
    try:
        return iso.astype("datetime64[us]")
    except ValueError:
        for text, value, line in zip(texts, iso, lines):
            try:
                np.datetime64(value)
            except ValueError:
                raise E05(path, f"'{text}' is not a date and time "
                          "(YYYY-MM-DD hh:mm:ss)", row=int(line),
                          field=field) from None
        raise
