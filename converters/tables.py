"""Helpers shared by the converters of published tables and catalogues.

Astropy-readable tables (FITS, ECSV) and the checks all readers share;
the text-table readers are in :mod:`converters.text_tables` (re-exported
here).  Every fault is a numbered error of :mod:`converters.errors`
naming file, row and field.
"""

import dataclasses
import re

import numpy as np
from astropy.coordinates import Angle
from astropy.table import Table

from .errors import E01, E02, E04, E05, E06
from .text_tables import (UNICODE_MINUS, data_lines, numeric_table,
                          parse_bools, parse_floats, parse_ints,
                          parse_times, text_columns)

__all__ = ["UNICODE_MINUS", "data_lines", "numeric_table", "check_range",
           "require_columns", "read_astropy_table", "sexagesimal_to_deg",
           "text_column", "text_columns", "parse_floats", "float_column",
           "int_column",
           "string_column", "concatenate_columns", "FileChunks", "parse_ints",
           "parse_bools", "parse_times"]


def check_range(path, values, name, low, high, rows=None):
    """Raise E06 for the first value outside [low, high] or NaN.

    Parameters
    ----------
    path : path-like
        The file, for the error.
    values : array_like of float
    name : str
        The field named by the error.
    low, high : float
        The allowed range (inclusive).
    rows : array_like of int, optional
        The 1-based row of each value (default 1, 2, ...).
    """
    values = np.asarray(values, dtype=float)
    bad = ~((values >= low) & (values <= high))
    if bad.any():
        index = int(np.argmax(bad))
        row = rows[index] if rows is not None else index + 1
        raise E06(path, f"value {values[index]} outside "
            f"[{low}, {high}]", row=row, field=name)


def require_columns(path, table, names):
    """Raise E04 if an astropy table lacks one of ``names``.

    Parameters
    ----------
    path : path-like
        The file, for the error.
    table : astropy.table.Table
    names : sequence of str
        The fields the reader needs.
    """
    missing = [n for n in names if n not in table.colnames]
    if missing:
        raise E04(path, f"missing column(s) {', '.join(missing)}; "
            f"the file has {', '.join(table.colnames[:30])}",
            field=missing[0])


def read_astropy_table(path, **kwargs):
    """An astropy Table from a FITS/ECSV/CSV file.

    Parameters
    ----------
    path : path-like
    **kwargs
        Passed to ``astropy.table.Table.read``.

    Returns
    -------
    astropy.table.Table

    Raises
    ------
    converters.errors.E01
        The file does not exist.
    converters.errors.E02
        The file is not readable as a table.
    """
    try:
        return Table.read(path, **kwargs)
    except FileNotFoundError:
        raise E01(path, "file not found; run 'apdc fetch'") from None
    except Exception as exc:
        raise E02(path, f"not a readable table ({exc.__class__.__name__}: "
            f"{exc}); the file may be truncated or corrupt, fetch it again "
            "with 'apdc fetch --force'") from None


_SEXAGESIMAL = re.compile(r"^\s*([+-]?)(\d+):(\d+):(\d+(?:\.\d*)?)\s*$")


def _sexagesimal(texts, unit):
    """Degrees from 'a:b:c' texts, as astropy's Angle computes them.

    The common form is converted in numpy with astropy's own formula
    (sign * (a + b/60 + c/3600), then Angle's unit conversion), which
    is much faster than Angle's text parser; anything else goes
    through ``astropy.coordinates.Angle`` (which raises ValueError on a
    malformed text).
    """
    parts = [_SEXAGESIMAL.match(t) for t in texts]
    if not all(parts):
        return Angle(texts, unit=unit).deg
    sign = np.array([-1.0 if m.group(1) == "-" else 1.0 for m in parts])
    a, b, c = (np.array([float(m.group(i)) for m in parts])
               for i in (2, 3, 4))
    if (b >= 60).any() or (c >= 60).any() or (
            unit == "hourangle" and (a >= 24).any()):
        return Angle(texts, unit=unit).deg
    return Angle(sign * (a + b / 60.0 + c / 3600.0), unit=unit).deg


def sexagesimal_to_deg(path, ra_text, dec_text):
    """Degrees from "hh:mm:ss.s" / "+dd:mm:ss" strings (masked if empty).

    Parameters
    ----------
    path : path-like
        The file, for the error.
    ra_text, dec_text : array_like of str

    Returns
    -------
    (numpy.ma.MaskedArray, numpy.ma.MaskedArray)
        RA and Dec in degrees.

    Raises
    ------
    converters.errors.E05
        On a malformed position; its row counts the values from 1.
    """
    ra_text = np.asarray(ra_text, dtype=str)
    dec_text = np.asarray(dec_text, dtype=str)
    empty = (np.char.strip(ra_text) == "") | (np.char.strip(dec_text) == "")
    ra = np.full(len(ra_text), np.nan)
    dec = np.full(len(dec_text), np.nan)
    try:
        ra[~empty] = _sexagesimal(ra_text[~empty], "hourangle")
        dec[~empty] = _sexagesimal(dec_text[~empty], "deg")
    except ValueError as exc:
        for i in np.flatnonzero(~empty):
            try:
                Angle(ra_text[i], unit="hourangle")
                Angle(dec_text[i], unit="deg")
            except ValueError:
                raise E05(path, f"bad sexagesimal position "
                    f"'{ra_text[i]} {dec_text[i]}'", row=i + 1) from None
        raise E05(path, str(exc)) from None
    return (np.ma.masked_array(ra, mask=empty),
        np.ma.masked_array(dec, mask=empty))


def text_column(values, empty_is_null=True):
    """A str array, masked where empty (for nullable text columns).

    Parameters
    ----------
    values : array_like
    empty_is_null : bool
        False: return the stripped texts unmasked.

    Returns
    -------
    numpy.ma.MaskedArray or numpy.ndarray of str
    """
    values = np.char.strip(np.asarray(values, dtype=str))
    if not empty_is_null:
        return values
    return np.ma.masked_array(values, mask=values == "")


def float_column(table, name):
    """An astropy table column as masked float64; NaN and inf are NULL.

    Parameters
    ----------
    table : astropy.table.Table
    name : str

    Returns
    -------
    numpy.ma.MaskedArray
    """
    column = table[name]
    values = np.ma.masked_array(column, dtype=np.float64, copy=True)
    values.mask = np.ma.getmaskarray(values) | ~np.isfinite(values.filled(0))
    return values


def int_column(table, name):
    """An integer column as masked int64 (blank texts are NULL).

    Parameters
    ----------
    table : astropy.table.Table
    name : str

    Returns
    -------
    numpy.ma.MaskedArray
    """
    column = table[name]
    mask = np.ma.getmaskarray(column)
    data = np.ma.getdata(column)
    if data.dtype.kind in "SU":
        text = np.char.strip(data.astype(str))
        mask = mask | (text == "")
        data = np.where(mask, "0", text)
    return np.ma.masked_array(data.astype(np.int64), mask=mask)


def string_column(table, name):
    """An astropy table column as stripped str, masked where empty.

    Parameters
    ----------
    table : astropy.table.Table
    name : str

    Returns
    -------
    numpy.ma.MaskedArray
    """
    column = table[name]
    mask = np.ma.getmaskarray(column)
    values = np.ma.getdata(column)
    if values.dtype.kind == "S":
        values = np.char.decode(values, "utf-8", errors="replace")
    values = np.char.strip(np.asarray(values, dtype=str))
    values[mask] = ""
    return np.ma.masked_array(values, mask=values == "")


def concatenate_columns(parts):
    """Join column dicts (one per input file) into one; masks are kept.

    Parameters
    ----------
    parts : list of dict
        ``{column: array}`` with the same keys.

    Returns
    -------
    dict
    """
    if len(parts) == 1:
        return parts[0]
    return {name: (np.ma.concatenate if any(isinstance(p[name],
        np.ma.MaskedArray) for p in parts) else np.concatenate)(
        [p[name] for p in parts]) for name in parts[0]}


@dataclasses.dataclass(frozen=True)
class FileChunks:
    """A table given file by file, for a streamed, partitioned import.

    Instead of one dict of columns for the whole table, a table converter
    may return this: the input files and a function converting one of
    them.  The importer converts the files in worker processes while it
    COPYs the previous ones, so memory is bounded by a few files, and
    loads each file as one partition of the table (``apdc.partitions``).

    Attributes
    ----------
    context : converters.context.ImportContext
    paths : tuple of pathlib.Path
        The input files, in load order; each becomes one partition.
    convert : callable
        ``convert(context, path)`` -> dict of str to numpy.ndarray, the
        table's columns for one file; must be picklable (module level).
    """

    context: object
    paths: tuple
    convert: object

    def columns(self, path):
        """The table's columns of one input file."""
        return self.convert(self.context, path)

    def concatenated(self):
        """The columns of all files in one dict (small tables, tests)."""
        return concatenate_columns([self.columns(p) for p in self.paths])
