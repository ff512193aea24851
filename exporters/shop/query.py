"""The SQL of a selection: its WHERE clause, the count and the select list.

Identifiers (schema, table, columns) come only from the RD and are
checked against :data:`IDENTIFIER` before they are quoted; every value
of the request is a bound parameter (psycopg2 ``%s``).  The equivalent
ADQL (:func:`adql_where`) is what a TAP user would write for the same
events; the live tests compare the two counts.

Cuts are inclusive (``min <= x <= max``) in the quantity's unit as the
form shows it (converted to the column's unit here, e.g. degC -> K); a
cut on an optional quantity drops the events where it is NULL (not
measured).  The time range is ``start <= t < end``; the sky region a
cone (q3c in SQL, ``CONTAINS(POINT, CIRCLE)`` in ADQL).
"""

import re

import numpy as np

from exporters.shop.selection import parse_time, validate
from exporters.shop.stations import station_count

__all__ = ["IDENTIFIER", "PG_TYPES", "DERIVED_SQL", "quote", "where_clause",
           "adql_where", "count", "estimate_bytes", "fields",
           "select_sql", "source_sql"]

IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")

#: numpy dtype -> PostgreSQL type of the binary COPY fields.
PG_TYPES = {"float64": "double precision", "float32": "real",
            "int64": "bigint", "int32": "integer", "int16": "smallint"}

#: ``shop_derive`` -> SQL of the quantity, from the timestamp column {c}.
#: (``%%``: the text goes through psycopg2's parameter substitution.)
DERIVED_SQL = {
    "unix_seconds": "floor(extract(epoch from {c}))",
    "nanoseconds": "(extract(microseconds from {c})::bigint %% 1000000)"
                   " * 1000",
    "utc_date": "to_char({c}, 'YYYYMMDD')::integer",
    "utc_time": "to_char({c}, 'HH24MISS')::integer",
}


def quote(name):
    """``name`` as a quoted SQL identifier; ValueError if it is not a
    plain lower-case RD name."""
    if not IDENTIFIER.fullmatch(name or ""):
        raise ValueError(f"{name!r} is not an RD identifier")
    return f'"{name}"'


def _table(comp):
    return f"{quote(comp.table.schema)}.{quote(comp.table.id)}"


def source_sql(comp, q):
    """The SQL expression of a scalar quantity (in the column's unit)."""
    if q.table == comp.table.id:
        return quote(q.column)
    derive = comp.column_property(q, "shop_derive")
    column = comp.column_property(q, "shop_from")
    if derive not in DERIVED_SQL or not column:
        raise ValueError(f"{q.name} is no column of {comp.table.id} and "
                         "declares no shop_from/shop_derive")
    return DERIVED_SQL[derive].format(c=quote(column))


def _cut_terms(selection, comp):
    terms, params = [], []
    for name in sorted(selection.cuts):
        q = comp.quantity(name)
        expr = source_sql(comp, q)
        for value, op in zip(selection.cuts[name], (">=", "<=")):
            if value is not None:
                terms.append(f"{expr} {op} %s")
                params.append(float(q.to_column(value)))
    return terms, params


def where_clause(selection, rd_dir=None):
    """The WHERE clause of a selection and its parameters.

    Parameters
    ----------
    selection : exporters.shop.Selection
    rd_dir : path-like, optional

    Returns
    -------
    tuple
        ``(sql, params)``: ``sql`` is ``"TRUE"`` without conditions;
        ``params`` a list for psycopg2.

    Raises
    ------
    exporters.shop.ShopError
        If the selection is not valid.
    """
    comp = validate(selection, rd_dir)
    terms, params = _cut_terms(selection, comp)
    if selection.time_range is not None:
        column = quote(comp.time_column)
        terms += [f"{column} >= %s", f"{column} < %s"]
        params += [parse_time(t) for t in selection.time_range]
    if selection.region is not None:
        ra, dec = (quote(c) for c in comp.position_columns)
        terms.append(f"q3c_radial_query({ra}, {dec}, %s, %s, %s)")
        params += list(selection.region)
    return " AND ".join(terms) or "TRUE", params


def adql_where(selection, rd_dir=None):
    """The same condition in ADQL, for TAP (cuts on table columns only).

    Returns
    -------
    str
        Empty without conditions.

    Raises
    ------
    ValueError
        For a cut on a computed quantity (e.g. GT), which ADQL has no
        function for here.
    """
    comp = validate(selection, rd_dir)
    terms = []
    for name in sorted(selection.cuts):
        q = comp.quantity(name)
        if q.table != comp.table.id:
            raise ValueError(f"{name} is computed; use time_range in ADQL")
        for value, op in zip(selection.cuts[name], (">=", "<=")):
            if value is not None:
                terms.append(f"{q.column} {op} {float(q.to_column(value))!r}")
    if selection.time_range is not None:
        start, end = (parse_time(t).isoformat() for t in
                      selection.time_range)
        terms += [f"{comp.time_column} >= '{start}'",
                  f"{comp.time_column} < '{end}'"]
    if selection.region is not None:
        ra, dec = comp.position_columns
        terms.append("1 = CONTAINS(POINT('ICRS', {}, {}), CIRCLE('ICRS', "
                     "{!r}, {!r}, {!r}))".format(ra, dec, *selection.region))
    return " AND ".join(terms)


def count(conn, selection, rd_dir=None):
    """The number of events of a selection (``SELECT COUNT(*)``).

    Parameters
    ----------
    conn : psycopg2 connection
    selection : exporters.shop.Selection

    Returns
    -------
    int
    """
    comp = validate(selection, rd_dir)
    sql, params = where_clause(selection, rd_dir)
    with conn.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {_table(comp)} WHERE {sql}",
                    params)
        return int(cur.fetchone()[0])


def fields(comp, scalars):
    """The fields of the export query: ``[(key, sql, numpy dtype)]``.

    The order columns come first (keys ``_order0`` ...), then each
    direct quantity (key: its name, cast to its file dtype, KCDC's "not
    measured" value for NULL), then the timestamp columns that computed
    quantities need (key ``_time:<column>``, PostgreSQL's int64
    microseconds since 2000-01-01).
    """
    out = [(f"_order{i}", f"CAST({quote(c)} AS bigint)", np.dtype("int64"))
           for i, c in enumerate(comp.order)]
    times = []
    for q in scalars:
        if q.table != comp.table.id:
            column = comp.column_property(q, "shop_from")
            if column not in times:
                times.append(column)
            continue
        dtype = np.dtype(q.dtype) if q.unit == q.column_unit \
            else np.dtype("float64")
        expr = quote(q.column)
        if q.null is not None:
            expr = f"COALESCE({expr}, {q.to_column(q.null)!r})"
        out.append((q.name, f"CAST({expr} AS {PG_TYPES[dtype.name]})", dtype))
    out += [(f"_time:{c}", quote(c), np.dtype("int64")) for c in times]
    return out


def select_sql(comp, fields, where, limit=None, after=False):
    """The export query: ``fields`` of the rows matching ``where``, in
    the package order (``shop_order``), at most ``limit`` rows; with
    ``after``, only rows whose order key is above one more parameter
    per order column (keyset paging: the key must be unique)."""
    select = ", ".join(f"{sql} AS _f{i}" for i, (_, sql, _) in
                       enumerate(fields))
    keys = [f"{_table(comp)}.{quote(c)}" for c in comp.order]
    if after:
        where = (f"({where}) AND ({', '.join(keys)}) > "
                 f"({', '.join(['%s'] * len(keys))})")
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    return (f"SELECT {select} FROM {_table(comp)} WHERE {where} "
            f"ORDER BY {', '.join(keys)}{tail}")


#: Rough bytes per value of each format, measured on kascade_sim
#: (archive bytes per 8-byte value; ASCII is deflated in the zip).
_BYTES_PER_VALUE = {"hdf5": 3.1, "root": 4.0, "parquet": 5.5, "ascii": 7.2}
_OVERHEAD = 32_000


def estimate_bytes(selection, n_events, rd_dir=None, n_stations=None):
    """The expected size of the package.

    Parameters
    ----------
    selection : exporters.shop.Selection
    n_events : int
        As :func:`count` gives.
    n_stations : int, optional
        Stations per event of the per-station arrays; default: as in
        the run files.

    Returns
    -------
    int
    """
    comp = validate(selection, rd_dir)
    if n_stations is None:
        n_stations = station_count(comp.dataset, comp.table.schema)
    per_value = _BYTES_PER_VALUE[selection.fmt]
    per_event = 0.0
    for name in selection.quantities:
        q = comp.quantity(name)
        if not q.is_array:
            per_event += per_value * q.dtype.itemsize / 8
        elif q.per_event:
            # station arrays compress well: most stations see nothing
            per_event += 0.6 * n_stations * q.dtype.itemsize
    return int(_OVERHEAD + per_event * n_events)
