"""PostgreSQL binary COPY streams built from numpy columns.

Building the stream with numpy record arrays instead of formatting text
rows in Python is what lets an import reach hundreds of thousands of rows
per second.  A binary COPY row is a field count followed by, per field,
a big-endian int32 length and the value (length -1 and no value for
NULL).  Rows that share their NULL pattern and text lengths have one
fixed layout, so the rows are grouped by that "shape" and each group is
written as one numpy record array.  Row order in the stream therefore
differs from the input order, which does not matter for a table.
"""

import numpy as np

__all__ = ["Column", "copy_chunks", "ChunkReader"]

HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
TRAILER = b"\xff\xff"

# PostgreSQL type -> big-endian wire dtype of its binary representation.
WIRE_TYPES = {
    "double precision": ">f8",
    "real": ">f4",
    "smallint": ">i2",
    "integer": ">i4",
    "bigint": ">i8",
    "timestamp": ">i8",
    "boolean": "u1",
}

# Binary timestamps count microseconds from 2000-01-01T00:00:00.
_PG_EPOCH = np.datetime64("2000-01-01T00:00:00", "us")


def _utf8(values):
    """Text values as UTF-8 bytes (numpy ``S``) arrays."""
    values = np.asarray(values)
    if values.dtype.kind == "S":
        return values
    return np.char.encode(values.astype(str), "utf-8")


class Column:
    """One column of a COPY stream.

    Parameters
    ----------
    name : str
        The database column name.
    pgtype : str
        A key of ``WIRE_TYPES`` or ``"text"``.
    values : numpy.ndarray
        Numbers, ``datetime64`` for timestamps, ``bytes`` (dtype ``S``)
        for text.
    null : numpy.ndarray of bool, optional
        True where the value is NULL.
    """

    def __init__(self, name, pgtype, values, null=None):
        if pgtype not in WIRE_TYPES and pgtype != "text":
            raise ValueError(f"Column {name}: unsupported type {pgtype}")
        self.name, self.pgtype = name, pgtype
        if pgtype == "timestamp":
            values = (values.astype("datetime64[us]") - _PG_EPOCH
                ).astype(np.int64)
        elif pgtype == "text":
            values = _utf8(values)
        self._set(values, null)

    def _set(self, values, null):
        self.values = values
        self.null = None if null is None or not null.any() else null
        self.lengths = (np.char.str_len(values) if self.pgtype == "text"
            else None)

    def rows(self, start, stop):
        """This column's rows ``start:stop``, already converted."""
        part = object.__new__(Column)
        part.name, part.pgtype = self.name, self.pgtype
        part._set(self.values[start:stop],
            None if self.null is None else self.null[start:stop])
        return part


def _shape_keys(columns, n_rows):
    """An integer per row identifying its layout, and the distinct keys."""
    parts = []
    for col in columns:
        if col.null is not None:
            parts.append(col.null.astype(np.int64))
        if col.lengths is not None:
            parts.append(col.lengths.astype(np.int64))
    if not parts:
        return np.zeros(n_rows, dtype=np.int64), np.zeros(1, dtype=np.int64)
    stacked = np.stack(parts, axis=1)
    uniq, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return inverse.ravel(), np.arange(len(uniq))


def _group_records(columns, rows):
    """The binary COPY bytes of the rows ``rows``, all of one layout."""
    first = rows[0]
    fields = [("count", ">i2")]
    for i, col in enumerate(columns):
        fields.append((f"l{i}", ">i4"))
        if col.null is not None and col.null[first]:
            continue
        if col.pgtype == "text":
            fields.append((f"v{i}", f"S{int(col.lengths[first])}"))
        else:
            fields.append((f"v{i}", WIRE_TYPES[col.pgtype]))
    records = np.empty(len(rows), dtype=np.dtype(fields))
    records["count"] = len(columns)
    for i, col in enumerate(columns):
        if f"v{i}" not in records.dtype.names:
            records[f"l{i}"] = -1
            continue
        records[f"l{i}"] = records.dtype[f"v{i}"].itemsize
        records[f"v{i}"] = col.values[rows]
    return records.tobytes()


def copy_chunks(columns, chunk_rows=200_000):
    """Yield the binary COPY stream of ``columns`` in pieces.

    The first piece carries the header and the last one the trailer, so
    the pieces can be written to ``COPY ... FROM STDIN`` as they come,
    which keeps memory bounded for large imports.
    """
    n_rows = len(columns[0].values)
    yield HEADER
    for start in range(0, n_rows, chunk_rows):
        stop = min(start + chunk_rows, n_rows)
        chunk = [col.rows(start, stop) for col in columns]
        keys, groups = _shape_keys(chunk, stop - start)
        if len(groups) == 1:
            yield _group_records(chunk, np.arange(stop - start))
            continue
        order = np.argsort(keys, kind="stable")
        bounds = np.searchsorted(keys[order], groups)
        for rows in np.split(order, bounds[1:]):
            yield _group_records(chunk, rows)
    yield TRAILER


class ChunkReader:
    """A file-like object over an iterator of bytes, for ``copy_expert``.

    Pieces are handed out by offset, not by re-slicing a growing buffer,
    so reading stays linear in the stream size.
    """

    def __init__(self, chunks, progress=None):
        self._chunks = iter(chunks)
        self._piece, self._offset = b"", 0
        self._progress = progress

    def read(self, size=-1):
        if self._offset >= len(self._piece):
            try:
                self._piece, self._offset = next(self._chunks), 0
            except StopIteration:
                return b""
            if self._progress:
                self._progress(len(self._piece))
        if size < 0:
            size = len(self._piece)
        out = self._piece[self._offset:self._offset + size]
        self._offset += len(out)
        return out

    readline = read
