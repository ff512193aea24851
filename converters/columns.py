"""A table's columns filled as its RD declares them.

The RD is the one list of a table's columns.  Each column declares
where its values come from, as ``<property>`` children:

``source``
    The field of the input file (FITS/ECSV column, CSV header name, the
    name given to a position of a header-less file) the column is read
    from.
``derive``
    Instead of ``source``: the name of a computation that the table's
    converter provides (e.g. ``galactic_l`` from ``ra``/``dec``, a
    normalised class, an identifier); the converter passes them to
    :func:`assemble` as ``{name: function(columns, column)}``.

and, for sourced columns, how to read them:

``source_unit``
    The unit of the values in the file when it is not the column's
    ``unit`` (e.g. ``1e-12 erg.cm**-2.s**-1``); values are converted.
``source_null``
    Blank-separated texts that mean NULL in that field (besides the
    empty field), e.g. ``NULL``.
``empty_is_null``
    ``False``: an empty text field is the empty string, not NULL.
``source_range``
    ``low high``: the range of the values in the file (E06), where it
    differs from the column's ``<values min max>`` (e.g. longitudes in
    [-180, 360] that ``source_wrap`` maps to [0, 360)).
``source_wrap``
    Values are taken modulo this number (e.g. ``360``).
``null_at_most``
    Values at most this number are NULL (e.g. ``0`` for "no ID").
``unique``
    ``True``: no two rows may have the same value (E08).

The RD's ``required="True"`` makes an empty value an error (E07), and
``<values min max>`` a range that values must keep (E06).  Errors name
the ``source`` field, the file and the row.
"""

import warnings

import numpy as np
from astropy import units as u

from .errors import E07, E08
from .rdschema import RDSchemaError
from .tables import check_range, data_lines, numeric_table

__all__ = ["DTYPES", "dtype", "assemble", "finish", "check_unique",
           "required_data", "lower", "mapped", "source_fields",
           "numeric_reader"]

#: RD column type -> numpy dtype of the converter's array.
DTYPES = {"text": str, "unicode": str, "real": np.float32,
          "double precision": np.float64, "smallint": np.int16,
          "integer": np.int32, "bigint": np.int64, "boolean": bool,
          "timestamp": "datetime64[us]", "spoly": str, "scircle": str}


def dtype(column):
    """The numpy dtype for an RD column (str for unknown types).

    Parameters
    ----------
    column : converters.rdschema.ColumnSpec

    Returns
    -------
    numpy dtype or type
    """
    return DTYPES.get(column.type, str)


def source_fields(spec):
    """The input fields the sourced columns of ``spec`` are read from.

    Parameters
    ----------
    spec : converters.rdschema.TableSpec

    Returns
    -------
    list of str
        In RD order.
    """
    return [c.property("source") for c in spec.columns
            if c.property("source") is not None]


def assemble(spec, read, derivations=None, sourced=None, default=None):
    """The columns of ``spec``: sourced ones read, then derived ones.

    Parameters
    ----------
    spec : converters.rdschema.TableSpec
        The table as its RD declares it.
    read : callable
        ``read(column)`` -> the array of a sourced column.
    derivations : dict, optional
        ``{derive name: function(columns, column)}``; a derived column is
        computed after every sourced one, in RD order, from the columns
        made so far.
    sourced : callable, optional
        ``sourced(column)`` -> True if ``read`` gives the column (default:
        it has the property ``source``).
    default : callable, optional
        ``default(columns, column)`` for a column neither sourced nor
        derivable (e.g. all NULL); without it such a column is an error.

    Returns
    -------
    dict
        ``{column name: array}`` in RD order, exactly the RD's columns.

    Raises
    ------
    converters.rdschema.RDSchemaError
        If a column has neither a source nor a known ``derive``.
    """
    derivations = derivations or {}
    if sourced is None:
        def sourced(column):
            return column.property("source") is not None
    columns = {}
    for column in spec.columns:
        if sourced(column):
            columns[column.name] = read(column)
    for column in spec.columns:
        if column.name in columns:
            continue
        how = column.property("derive")
        if how in derivations:
            columns[column.name] = derivations[how](columns, column)
        elif default is not None:
            columns[column.name] = default(columns, column)
        else:
            raise RDSchemaError(
                f"{spec.rd}#{spec.id}: column {column.name} declares "
                f"neither a source nor a known derive ({how!r}; the "
                f"converter knows {', '.join(sorted(derivations))})")
    return {column.name: columns[column.name] for column in spec.columns}


def required_data(path, values, field, rows=None):
    """The unmasked data of ``values``; E07 at the first NULL.

    Parameters
    ----------
    path : path-like
        The file, for the error.
    values : array_like
        Possibly masked values.
    field : str
        The field named by the error.
    rows : array_like of int, optional
        The 1-based row of each value (default 1, 2, ...).

    Returns
    -------
    numpy.ndarray
    """
    mask = np.ma.getmaskarray(values)
    if mask.any():
        index = int(np.argmax(mask))
        row = int(rows[index]) if rows is not None else index + 1
        raise E07(path, "required value is empty", row=row,
                  field=field)
    return np.ma.getdata(values)


def check_unique(path, values, field, rows=None):
    """E08 naming the first row whose value repeats an earlier one.

    Parameters
    ----------
    path : path-like
    values : array_like
    field : str
    rows : array_like of int, optional
        The 1-based row of each value (default 1, 2, ...).
    """
    values = np.asarray(values)
    _, first = np.unique(values, return_index=True)
    if len(first) != len(values):
        seen = np.zeros(len(values), dtype=bool)
        seen[first] = True
        index = int(np.flatnonzero(~seen)[0])
        row = int(rows[index]) if rows is not None else index + 1
        raise E08(path, f"identifier '{values[index]}' occurs twice",
                  row=row, field=field)


def _number(value):
    """An integral float as int, for messages ("[0, 360]")."""
    return int(value) if value == int(value) else value


def _scaled(column, values):
    source_unit = column.property("source_unit")
    if source_unit is None:
        return values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", u.UnitsWarning)
        factor = u.Unit(source_unit, format="vounit").to(
            u.Unit(column.unit, format="vounit"))
    return values * factor


def finish(path, column, values, rows=None):
    """Apply the RD's reading rules of ``column`` to values read for it.

    ``source_range`` (E06), ``source_wrap``, source unit,
    ``null_at_most``, ``required`` (E07), ``<values min max>`` (E06 for
    a value outside; NULLs pass) and ``unique`` (E08), in this order.

    Parameters
    ----------
    path : path-like
        The file, for the errors.
    column : converters.rdschema.ColumnSpec
    values : numpy.ma.MaskedArray or numpy.ndarray
    rows : array_like of int, optional
        The 1-based row of each value (default 1, 2, ...).

    Returns
    -------
    numpy.ma.MaskedArray or numpy.ndarray
        Plain (unmasked) data for required columns.
    """
    field = column.property("source", column.name)
    rows = np.arange(1, len(values) + 1) if rows is None else rows
    source_range = column.property("source_range")
    if source_range is not None:
        low, high = (float(v) for v in source_range.split())
        keep = ~np.ma.getmaskarray(values)
        check_range(path, np.ma.getdata(values)[keep], field, _number(low),
                    _number(high), rows=np.asarray(rows)[keep])
    if column.property("source_wrap") is not None:
        values = np.mod(values, float(column.property("source_wrap")))
    values = _scaled(column, values)
    at_most = column.property("null_at_most")
    if at_most is not None:
        values = np.ma.masked_array(values)
        values.mask = (np.ma.getmaskarray(values)
                       | (values.filled(float(at_most)) <= float(at_most)))
    if column.required:
        values = required_data(path, values, field, rows)
    low, high = (None if b is None else _number(b)
                 for b in column.bounds())
    if low is not None or high is not None:
        keep = ~np.ma.getmaskarray(values)
        check_range(path, np.ma.getdata(values)[keep], field,
                    -np.inf if low is None else low,
                    np.inf if high is None else high,
                    rows=np.asarray(rows)[keep])
    if column.property("unique", "False").lower() == "true":
        check_unique(path, np.ma.getdata(values), field, rows)
    return values


def lower(values):
    """Lower-case masked text (keeps the mask).

    Parameters
    ----------
    values : array_like of str

    Returns
    -------
    numpy.ma.MaskedArray
    """
    values = np.ma.masked_array(values)
    return np.ma.masked_array(
        np.char.lower(np.ma.getdata(values).astype(str)),
        mask=np.ma.getmaskarray(values))


def mapped(values, mapping):
    """Lower-case text with some values replaced (masked stays masked).

    Parameters
    ----------
    values : array_like of str
    mapping : dict
        Lower-case value -> replacement.

    Returns
    -------
    numpy.ma.MaskedArray
    """
    result = lower(values)
    data = np.ma.getdata(result).copy()
    for old, new in mapping.items():
        data[data == old] = new
    return np.ma.masked_array(data, mask=np.ma.getmaskarray(result))


def numeric_reader(path, table_spec, fields, text_fields=(), int_fields=(),
                   **kwargs):
    """Read a delimited table of numbers for the RD's sourced columns.

    Parameters
    ----------
    path : path-like
    table_spec : converters.rdschema.TableSpec
    fields : sequence of str
        The file's fields in file order (the names columns give as
        ``source``); fields of integer columns are read as integers.
    text_fields, int_fields : sequence of str, optional
        Further fields read as text or as integers (int64).
    **kwargs
        ``delimiter``, ``skip``, ``comment`` of
        :func:`converters.tables.numeric_table`.

    Returns
    -------
    (callable, dict, numpy.ndarray)
        ``read(column)`` for :func:`assemble` (values checked by
        :func:`finish` and cast to the column's type), the fields'
        values and the 1-based line of each row.
    """
    dtypes = {c.property("source"): np.int64 for c in table_spec.columns
              if c.property("source") in fields
              and np.dtype(dtype(c)).kind in "iu"}
    dtypes.update((name, np.int64) for name in int_fields)
    dtypes.update((name, str) for name in text_fields)
    raw = numeric_table(path, list(fields), dtypes=dtypes, **kwargs)
    lines = np.array([number for number, _ in data_lines(
        path, kwargs.get("comment", "#"))])[kwargs.get("skip", 0):]

    def read(column):
        values = finish(path, column, raw[column.property("source")], lines)
        return values.astype(dtype(column))
    return read, raw, lines
