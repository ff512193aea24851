"""Stream the rows of a selection out of PostgreSQL in chunks of numpy
columns.

Each chunk is one ``COPY (SELECT ... ORDER BY key LIMIT n) TO STDOUT
(FORMAT binary)`` that starts after the last key of the previous chunk
(keyset paging on the RD's ``shop_order``, which must be unique, e.g.
run and event: the (run, event) index serves it).  Why not a named
cursor: both hold no more than a chunk, but a cursor turns every value
into a Python object (about 3 s for 500,000 events of 18 quantities
here), while a binary COPY into a ``BytesIO`` runs at C speed and its
rows, of fixed width, are read by one ``numpy.frombuffer`` per chunk
(about 0.9 s, mostly the server's).  Every field is cast to a
fixed-width type and NULLs are replaced by KCDC's "not measured" value
in the query, so that all rows have the same width.  Memory is bounded
by the chunk.
"""

import io

import numpy as np

__all__ = ["stream_chunks", "parse_copy", "derive_time"]

_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_PG_EPOCH_US = 946_684_800_000_000  # 2000-01-01 in Unix microseconds


def _row_dtype(fields):
    parts = [("_n", ">i2")]
    for i, (_, _, dtype) in enumerate(fields):
        parts += [(f"_l{i}", ">i4"), (f"f{i}", dtype.newbyteorder(">"))]
    return np.dtype(parts)


def parse_copy(buf, fields):
    """The columns of a whole binary COPY stream of fixed-width rows.

    Parameters
    ----------
    buf : bytes-like
        Header, rows, trailer.
    fields : list of (key, sql, numpy.dtype)

    Returns
    -------
    dict of str to numpy.ndarray
        Native byte order.

    Raises
    ------
    ValueError
        Not a binary COPY stream, or a NULL / a field of another width.
    """
    buf = memoryview(buf)
    if bytes(buf[:11]) != _SIGNATURE or bytes(buf[-2:]) != b"\xff\xff":
        raise ValueError("not a complete PostgreSQL binary COPY stream")
    body = buf[19 + int.from_bytes(buf[15:19], "big"):-2]
    row = _row_dtype(fields)
    n, rest = divmod(len(body), row.itemsize)
    if rest:
        raise ValueError("binary COPY rows of unexpected width")
    rows = np.frombuffer(body, row, count=n)
    for i, (key, _, dtype) in enumerate(fields):
        # a NULL (-1) or another width would shift every later field
        if (rows[f"_l{i}"] != dtype.itemsize).any():
            raise ValueError(f"field {key}: NULL or unexpected width in "
                             "the COPY stream")
    return {key: rows[f"f{i}"].astype(dtype)
            for i, (key, _, dtype) in enumerate(fields)}


def stream_chunks(conn, make_sql, fields, chunk_rows, consume, limit=None):
    """Run the export query chunk by chunk and hand each chunk on.

    Parameters
    ----------
    conn : psycopg2 connection
    make_sql : callable
        ``make_sql(after, n)`` -> ``(sql, params)``: the SELECT of at
        most ``n`` rows whose order key is above ``after`` (None: from
        the start); its columns are ``fields``, the first ones the order
        key (``_order0`` ...).
    fields : list of (key, sql, numpy.dtype)
        Fixed-width fields (:func:`exporters.shop.query.fields`).
    chunk_rows : int
    consume : callable
        Called with ``{key: numpy.ndarray}`` for each chunk, in order.
    limit : int, optional
        Stop after this many rows.

    Returns
    -------
    int
        The number of rows.
    """
    keys = [k for k, _, _ in fields if k.startswith("_order")]
    after, total = None, 0
    with conn.cursor() as cur:
        while limit is None or total < limit:
            n = chunk_rows if limit is None else min(chunk_rows,
                                                     limit - total)
            sql, params = make_sql(after, n)
            out = io.BytesIO()
            cur.copy_expert("COPY ({}) TO STDOUT WITH (FORMAT binary)"
                            .format(cur.mogrify(sql, params).decode()), out)
            columns = parse_copy(out.getbuffer(), fields)
            del out
            got = len(columns[keys[0]])
            if got:
                total += got
                consume(columns)
                after = tuple(int(columns[k][-1]) for k in keys)
            if got < n:
                break
    return total


def derive_time(microseconds, how):
    """A quantity computed from a timestamp (``shop_derive``).

    Parameters
    ----------
    microseconds : numpy.ndarray
        int64 microseconds since 2000-01-01 UTC (PostgreSQL's binary
        timestamp).
    how : str
        "unix_seconds", "nanoseconds", "utc_date" (YYYYMMDD) or
        "utc_time" (HHMMSS), as in
        :data:`exporters.shop.query.DERIVED_SQL`.

    Returns
    -------
    numpy.ndarray
        int64.
    """
    unix_us = microseconds.astype(np.int64) + _PG_EPOCH_US
    seconds = unix_us // 1_000_000
    if how == "unix_seconds":
        return seconds
    if how == "nanoseconds":
        # the table keeps microseconds: the last three digits are 0
        return (unix_us % 1_000_000) * 1000
    if how == "utc_time":
        sod = seconds % 86400
        return (sod // 3600) * 10000 + (sod % 3600) // 60 * 100 + sod % 60
    if how == "utc_date":
        day = (seconds // 86400).astype("datetime64[D]")
        month = day.astype("datetime64[M]")
        year = month.astype("datetime64[Y]").astype(np.int64) + 1970
        return (year * 10000 + (month.astype(np.int64) % 12 + 1) * 100
                + (day - month).astype(np.int64) + 1)
    raise ValueError(f"unknown derivation {how!r}")
