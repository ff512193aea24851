"""Readers shared by the catalogue converters, driven by the RDs.

A catalogue table's columns are those of its RD; each column names the
field it is read from (``source``) or the computation that makes it
(``derive``), see :mod:`converters.columns`.  The readers here turn one
field of an astropy table (FITS, ECSV) or of a delimited text file into
a column of the RD's type.
"""

import warnings

import numpy as np

from .. import rdschema
from ..columns import assemble, dtype, finish, lower, mapped, source_fields
from ..errors import E05
from ..sky import galactic_derivations, icrs_derivations
from ..tables import (float_column, int_column, parse_floats,
                      read_astropy_table, require_columns, string_column)

__all__ = ["spec", "read_table", "astropy_columns",
           "text_reader", "galactic_derivations", "icrs_derivations",
           "fermi_class_derivations", "class_from", "first_class"]
# galactic_derivations and icrs_derivations (converters.sky) are
# re-exported for the catalogue modules.


def spec(ctx, table_id="main"):
    """The RD's description of table ``table_id`` of the resource.

    Parameters
    ----------
    ctx : converters.context.ImportContext
    table_id : str

    Returns
    -------
    converters.rdschema.TableSpec
    """
    return rdschema.table(ctx.resource, table_id)


def read_table(path, **kwargs):
    """An astropy table; FITS unit warnings (e.g. 'ph') are not errors.

    Parameters
    ----------
    path : path-like
    **kwargs
        Passed to ``astropy.table.Table.read`` (``hdu``, ``format``).

    Returns
    -------
    astropy.table.Table
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_astropy_table(path, **kwargs)


def _astropy_values(table, column):
    field = column.property("source")
    kind = np.dtype(dtype(column)).kind
    if kind == "U":
        return string_column(table, field)
    if kind == "f":
        return float_column(table, field)
    return int_column(table, field)


def astropy_columns(path, table, table_spec, derivations=None):
    """The RD's columns from an astropy table (FITS or ECSV).

    Every ``source`` field must be in the file (E04); values then follow
    the RD's rules (:func:`converters.columns.finish`).

    Parameters
    ----------
    path : path-like
        The file, for the errors.
    table : astropy.table.Table
    table_spec : converters.rdschema.TableSpec
    derivations : dict, optional
        See :func:`converters.columns.assemble`.

    Returns
    -------
    dict
    """
    require_columns(path, table, source_fields(table_spec))
    return assemble(table_spec, lambda column: finish(
        path, column, _astropy_values(table, column)), derivations)


def _null_texts(column, null):
    return ("",) + tuple(null) + tuple(
        column.property("source_null", "").split())


def _text_ints(path, values, rows, column, null):
    field = column.property("source")
    floats = _text_floats(path, values, rows, column, null)
    data = floats.filled(0)
    bad = data != np.round(data)
    if bad.any():
        index = int(np.argmax(bad))
        raise E05(path, f"'{values[index]}' is not an integer",
                  row=int(rows[index]), field=field)
    return np.ma.masked_array(data.astype(dtype(column)),
                              mask=np.ma.getmaskarray(floats))


def _text_floats(path, values, rows, column, null):
    return parse_floats(path, values, rows, column.property("source"),
                        null=_null_texts(column, null))


def text_reader(path, raw, rows, null=()):
    """``read(column)`` for :func:`converters.columns.assemble` from text.

    Parameters
    ----------
    path : path-like
        The file, for the errors.
    raw : dict
        ``{field: numpy array of str}`` as read from the file.
    rows : numpy.ndarray of int
        The 1-based line of each row.
    null : sequence of str, optional
        Texts that mean NULL in every field of the file (besides the
        empty field and a column's ``source_null``).

    Returns
    -------
    callable
        Text columns are stripped and NULL where empty (unless the
        column's property ``empty_is_null`` is False) or one of
        ``source_null``; numbers are parsed (E05 naming row and field).
    """
    def read(column):
        values = raw[column.property("source")]
        kind = np.dtype(dtype(column)).kind
        if kind == "U":
            text = np.char.strip(values)
            null_texts = _null_texts(column, null)
            if column.property("empty_is_null", "True") == "False":
                null_texts = null_texts[1:]
            result = np.ma.masked_array(text, mask=np.isin(text,
                                                           null_texts))
        elif kind == "f":
            result = _text_floats(path, values, rows, column, null)
        else:
            result = _text_ints(path, values, rows, column, null)
        return finish(path, column, result, rows)
    return read


def class_from(given, mapping=None):
    """A derivation: the lower-case class of column ``given``.

    Parameters
    ----------
    given : str
        The column with the catalogue's own class.
    mapping : dict, optional
        Lower-case value -> the shared vocabulary's code.

    Returns
    -------
    callable
    """
    return lambda columns, _: mapped(columns[given], mapping or {})


def fermi_class_derivations(given="class_given"):
    """``lower_class`` and ``capitals``: a Fermi CLASS and if identified.

    Identified sources have their class in capitals.

    Returns
    -------
    dict
    """
    def identified(columns, _):
        text = np.ma.getdata(columns[given])
        return np.ma.masked_array(
            (text != "") & (np.char.upper(text) == text), mask=False)
    return {"lower_class": lambda columns, _: lower(columns[given]),
            "capitals": identified}


def first_class(classes, mapping):
    """The normalised class of comma-separated class lists (first entry).

    Parameters
    ----------
    classes : array_like of str (masked)
    mapping : dict
        Lower-case value -> the shared vocabulary's code.

    Returns
    -------
    numpy.ma.MaskedArray
    """
    classes = np.ma.masked_array(classes)
    first = np.array([c.split(",")[0].strip()
                      for c in np.ma.getdata(classes).astype(str)], dtype=str)
    return mapped(np.ma.masked_array(
        first, mask=np.ma.getmaskarray(classes) | (first == "")), mapping)

