"""Helpers shared by the converters of published tables and catalogues."""

import numpy as np

from .errors import InputError

UNICODE_MINUS = "\u2212"


def data_lines(path, comment="#", encoding="utf-8"):
    """(1-based line number, text) of the data lines of a text file.

    Blank lines and lines starting with ``comment`` are skipped; Unicode
    minus signs (U+2212), which some journal tables use, become ASCII.
    """
    try:
        with open(path, encoding=encoding) as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not {encoding} text ({exc.reason} at byte "
            f"{exc.start})") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
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
    InputError
        On a wrong field count or a non-numeric field, with line and field.
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
                    raise InputError(path, f"'{value}' is not a number",
                        row=numbers[k], field=name) from None
            raise
    return columns


def check_range(path, values, name, low, high, rows=None):
    """Raise InputError for the first value outside [low, high] or NaN."""
    values = np.asarray(values, dtype=float)
    bad = ~((values >= low) & (values <= high))
    if bad.any():
        index = int(np.argmax(bad))
        row = rows[index] if rows is not None else index + 1
        raise InputError(path, f"value {values[index]} outside "
            f"[{low}, {high}]", row=row, field=name)


def require_columns(path, table, names):
    """Raise InputError if an astropy table lacks one of ``names``."""
    missing = [n for n in names if n not in table.colnames]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}; "
            f"the file has {', '.join(table.colnames[:30])}",
            field=missing[0])


def read_astropy_table(path, **kwargs):
    """An astropy Table from a FITS/ECSV/CSV file, with InputError on failure."""
    from astropy.table import Table
    try:
        return Table.read(path, **kwargs)
    except FileNotFoundError:
        raise InputError(path, "file not found; run 'apdc fetch'") from None
    except Exception as exc:
        raise InputError(path, f"not a readable table ({exc.__class__.__name__}: "
            f"{exc}); the file may be truncated or corrupt, fetch it again "
            "with 'apdc fetch --force'") from None


def sexagesimal_to_deg(path, ra_text, dec_text):
    """Degrees from "hh:mm:ss.s" / "+dd:mm:ss" strings (masked if empty)."""
    from astropy.coordinates import Angle
    ra_text = np.asarray(ra_text, dtype=str)
    dec_text = np.asarray(dec_text, dtype=str)
    empty = (np.char.strip(ra_text) == "") | (np.char.strip(dec_text) == "")
    ra = np.full(len(ra_text), np.nan)
    dec = np.full(len(dec_text), np.nan)
    try:
        ra[~empty] = Angle(ra_text[~empty], unit="hourangle").deg
        dec[~empty] = Angle(dec_text[~empty], unit="deg").deg
    except ValueError as exc:
        for i in np.flatnonzero(~empty):
            try:
                Angle(ra_text[i], unit="hourangle")
                Angle(dec_text[i], unit="deg")
            except ValueError:
                raise InputError(path, f"bad sexagesimal position "
                    f"'{ra_text[i]} {dec_text[i]}'", row=i + 1) from None
        raise InputError(path, str(exc)) from None
    return (np.ma.masked_array(ra, mask=empty),
        np.ma.masked_array(dec, mask=empty))


def text_column(values, empty_is_null=True):
    """A str array, masked where empty (for nullable text columns)."""
    values = np.char.strip(np.asarray(values, dtype=str))
    if not empty_is_null:
        return values
    return np.ma.masked_array(values, mask=values == "")


def circle(ra, dec, radius):
    """pgSphere scircle literals from degrees (vectorised)."""
    return np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(
        "<(", _deg(ra)), "d,"), _deg(dec)), "d),"), np.char.add(
        _deg(radius), "d>"))


def _deg(values):
    return np.char.mod("%.8f", np.asarray(values, dtype=float))


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
    InputError
        On a row with the wrong field count, with its line number.
    """
    import csv
    lines = list(data_lines(path, comment))[skip:]
    if names is None:
        if not lines:
            raise InputError(path, "has no header line")
        names = _split_line(lines[0][1], delimiter, edges)
        lines = lines[1:]
    names = list(names)
    raw, numbers = _split_rows(path, lines, names, f"'{delimiter}'",
        lambda line: _split_line(line, delimiter, edges, csv))
    return {name: raw[:, j] for j, name in enumerate(names)}, numbers


def _split_rows(path, lines, names, separator, split):
    """A 2-D str array of the fields of ``lines`` and their line numbers.

    ``lines`` are (line number, text) pairs; every row must have one
    field per name, else InputError names the line.
    """
    rows, numbers = [], []
    for number, line in lines:
        fields = split(line)
        if len(fields) != len(names):
            raise InputError(path, f"expected {len(names)} fields "
                f"({' '.join(names)}) separated by {separator}, found "
                f"{len(fields)}", row=number)
        rows.append(fields)
        numbers.append(number)
    if not rows:
        raise InputError(path, "contains no data rows")
    return np.array(rows, dtype=str), np.array(numbers)


def _split_line(line, delimiter, edges, csv=None):
    if csv is None:
        import csv
    fields = next(csv.reader([line], delimiter=delimiter, quotechar='"'))
    if edges:
        if fields and fields[0].strip() == "":
            fields = fields[1:]
        if fields and fields[-1].strip() == "":
            fields = fields[:-1]
    return [f.strip() for f in fields]


def parse_floats(path, values, rows, field, null=("",)):
    """Masked float64 array from str values (NULL where in ``null``).

    ``rows`` gives the 1-based line number of each value for the
    InputError raised on a value that is not a number.
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
                raise InputError(path, f"'{values[i]}' is not a number",
                    row=int(rows[i]), field=field) from None
        raise
    mask |= ~np.isfinite(result)
    return np.ma.masked_array(result, mask=mask)


def float_column(table, name):
    """An astropy table column as masked float64; NaN and inf are NULL."""
    column = table[name]
    values = np.ma.masked_array(column, dtype=np.float64, copy=True)
    values.mask = np.ma.getmaskarray(values) | ~np.isfinite(values.filled(0))
    return values


def string_column(table, name):
    """An astropy table column as stripped str, masked where empty."""
    column = table[name]
    mask = np.ma.getmaskarray(column)
    values = np.ma.getdata(column)
    if values.dtype.kind == "S":
        values = np.char.decode(values, "utf-8", errors="replace")
    values = np.char.strip(np.asarray(values, dtype=str))
    values[mask] = ""
    return np.ma.masked_array(values, mask=values == "")


def concatenate_columns(parts):
    """Join column dicts (one per input file) into one; masks are kept."""
    if len(parts) == 1:
        return parts[0]
    return {name: (np.ma.concatenate if any(isinstance(p[name],
        np.ma.MaskedArray) for p in parts) else np.concatenate)(
        [p[name] for p in parts]) for name in parts[0]}
