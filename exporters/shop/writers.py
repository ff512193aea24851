"""Chunked writers of the package's data file: HDF5, ROOT, ASCII, Parquet.

The layouts are those of :mod:`exporters.kcdc` (docs/kcdc_formats.md),
so that :func:`converters.kcdc.read_events` reads the HDF5, ROOT and
ASCII files back (with the selected quantities as ``quantities=``);
Parquet has one column per quantity (fixed-size lists for the
per-station arrays; the "station" arrays in a second file).  Unlike the
whole-file writers of :mod:`exporters.kcdc` these append chunk by chunk,
so that memory is bounded by the chunk, not by the selection.

Determinism: every writer is fed blocks of a fixed number of rows
(:class:`Rebatcher`), so the file does not depend on how the database
delivered the rows; HDF5 keeps no times (h5py writes none by default),
ROOT gets a UUID from the request's content and a fixed time
(:func:`fixed_root_time`), Parquet and ASCII contain none.
"""

import concurrent.futures
import contextlib
import datetime
import os
import uuid
import zlib

import h5py
import numpy as np

from converters.kcdc_hdf5 import FORMAT as HDF5_FORMAT
from converters.kcdc_hdf5 import FORMAT_VERSION as HDF5_VERSION
from converters.kcdc_hdf5 import group_of
from converters.kcdc_root import FORMAT as ROOT_FORMAT
from converters.kcdc_root import FORMAT_VERSION as ROOT_VERSION

__all__ = ["SUFFIXES", "Rebatcher", "open_writer", "fixed_root_time"]

SUFFIXES = {"hdf5": ".h5", "root": ".root", "ascii": ".txt",
            "parquet": ".parquet"}

#: The time written into ROOT files: TDatime's origin, 1995-01-01.
ROOT_TIME = datetime.datetime(1995, 1, 1)


class Rebatcher:
    """Re-cut chunks of any size into blocks of exactly ``rows`` rows."""

    def __init__(self, rows, emit):
        self.rows, self.emit = rows, emit
        self.parts, self.n = [], 0

    def add(self, columns):
        """Queue a chunk ``{name: array}``; emit every full block."""
        self.parts.append(columns)
        self.n += len(next(iter(columns.values())))
        if self.n >= self.rows:
            self._emit(self.n // self.rows * self.rows)

    def _emit(self, rows):
        # one concatenation per chunk, then views of it for each block
        merged = self.parts[0] if len(self.parts) == 1 else {
            k: np.concatenate([p[k] for p in self.parts])
            for k in self.parts[0]}
        for start in range(0, rows, self.rows):
            self.emit({k: v[start:min(start + self.rows, rows)]
                       for k, v in merged.items()})
        self.n -= rows
        self.parts = [{k: v[rows:] for k, v in merged.items()}] \
            if self.n else []

    def close(self):
        """Emit the last, partial block."""
        if self.n:
            self._emit(self.n)


class _Hdf5:
    """HDF5 with chunks compressed in threads (gzip level 1 + shuffle).

    Why not h5py's own filters: they compress on one core, at the end
    (about a third of an export's time).  Here each block's chunks are
    shuffled (HDF5's byte-plane shuffle, in numpy) and deflated by
    ``zlib`` in a thread pool (zlib releases the GIL), while the next
    block is fetched; the chunks are written in order with
    ``write_direct_chunk``, so that the file is the same as with h5py's
    filters and any HDF5 reader decompresses it.  Every dataset has
    ``static["_rows"]`` rows per chunk; blocks are whole chunks but the
    last.
    """

    def __init__(self, path, qs, static, block_rows):
        self.rows = static["_rows"]
        if block_rows % self.rows:
            raise ValueError("blocks must be whole HDF5 chunks")
        self.f = h5py.File(path, "w")
        self.f.attrs["format"] = HDF5_FORMAT
        self.f.attrs["format_version"] = HDF5_VERSION
        self.f.attrs["rights"], self.f.attrs["rights_uri"] = static.get(
            "_rights", ("", ""))
        events = self.f.create_group("events")
        if any(q.is_array for q in qs):
            self.f.create_group("stations")
        self.ds, self.pending = {}, []
        self.pool = concurrent.futures.ThreadPoolExecutor(os.cpu_count())
        for q in qs:
            if q.per_event:
                tail = () if not q.is_array else static["_n_stations"]
                ds = events.create_dataset(
                    q.name, shape=(0,) + tail, maxshape=(None,) + tail,
                    dtype=q.dtype, chunks=(self.rows,) + tail,
                    compression="gzip", compression_opts=1, shuffle=True)
            else:
                ds = self.f[group_of(q)].create_dataset(
                    q.name, data=static[q.name].astype(q.dtype))
            ds.attrs["unit"] = q.unit
            ds.attrs["description"] = q.description
            self.ds[q.name] = ds

    def _chunk(self, values):
        if len(values) < self.rows:  # the last chunk, padded as HDF5 does
            padded = np.zeros((self.rows,) + values.shape[1:], values.dtype)
            padded[:len(values)] = values
            values = padded
        planes = np.ascontiguousarray(values).view(np.uint8).reshape(
            -1, values.dtype.itemsize).T
        return zlib.compress(planes.tobytes(), 1)

    def _drain(self):
        for ds, offset, future in self.pending:
            ds.id.write_direct_chunk(offset, future.result())
        self.pending = []

    def write(self, block):
        self._drain()  # the previous block's chunks, compressed meanwhile
        for name, values in block.items():
            ds = self.ds[name]
            n = ds.shape[0]
            ds.resize((n + len(values),) + ds.shape[1:])
            for start in range(0, len(values), self.rows):
                offset = (n + start,) + (0,) * (values.ndim - 1)
                self.pending.append((ds, offset, self.pool.submit(
                    self._chunk, values[start:start + self.rows])))

    def close(self):
        try:
            self._drain()
        finally:
            self.pool.shutdown(cancel_futures=True)
            self.f.close()


@contextlib.contextmanager
def fixed_root_time(when=ROOT_TIME):
    """Make uproot write ``when`` as every creation/modification time.

    uproot (5.x) stamps files, directories and baskets with
    ``datetime.datetime.now()`` and has no option for it; a package's
    data file must not change when the request is resubmitted.  The
    modules' ``datetime`` name is swapped while the file is written
    (the worker writes one file at a time per process).
    """
    from uproot.writing import _cascade, _cascadetree, writable

    class _Fixed(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return when

    class _Module:
        datetime = _Fixed

    modules = (_cascade, _cascadetree, writable)
    saved = [m.datetime for m in modules]
    for m in modules:
        m.datetime = _Module
    try:
        yield
    finally:
        for m, old in zip(modules, saved):
            m.datetime = old


class _Root:
    def __init__(self, path, qs, static, block_rows, file_uuid):
        import uproot

        self.ctx = fixed_root_time()
        self.ctx.__enter__()
        self.f = uproot.recreate(path, uuid_function=lambda: file_uuid)
        self.f["format"] = ROOT_FORMAT
        self.f["format_version"] = str(ROOT_VERSION)
        types = {q.name: (q.dtype, static["_n_stations"]) if q.is_array
                 else q.dtype for q in qs if q.per_event}
        self.tree = self.f.mktree("events", types, title="KCDC events")
        statics = {q.name: static[q.name].astype(q.dtype) for q in qs
                   if not q.per_event}
        if statics:
            tree = self.f.mktree("stations", {k: v.dtype for k, v in
                                              statics.items()},
                                 title="KASCADE stations")
            if len(next(iter(statics.values()))):
                tree.extend(statics)

    def write(self, block):
        self.tree.extend(block)

    def close(self):
        try:
            self.f.close()
        finally:
            self.ctx.__exit__(None, None, None)


class _Ascii:
    # The layout of exporters.kcdc_ascii.write_ascii, line by line.
    def __init__(self, path, qs, static, block_rows):
        self.qs = [q for q in qs if not q.is_array]
        self.row = " ".join("%11r" if q.dtype.kind == "f" else "%11d"
                            for q in self.qs) + "\n"
        self.f = open(path, "w", encoding="ascii")
        self.f.write(" ".join(f"{q.name:>11}" for q in self.qs) + "\n")

    def write(self, block):
        # tolist(): Python floats, whose repr is the shortest exact form
        rows = zip(*(block[q.name].tolist() for q in self.qs))
        self.f.writelines(self.row % row for row in rows)

    def close(self):
        self.f.close()


def _arrow_type(pa, q, static):
    base = pa.from_numpy_dtype(q.dtype)
    return pa.list_(base, static["_n_stations"][0]) if q.is_array else base


class _Parquet:
    def __init__(self, path, qs, static, block_rows):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.block_rows = pa, block_rows
        self.qs = [q for q in qs if q.per_event]
        self.schema = pa.schema([pa.field(
            q.name, _arrow_type(pa, q, static), nullable=False,
            metadata={"unit": q.unit, "description": q.description})
            for q in self.qs], metadata=dict(zip(
                ("rights", "rights_uri"), static.get("_rights", ("", "")))))
        self.f = pq.ParquetWriter(path, self.schema, compression="zstd")
        statics = [q for q in qs if not q.per_event]
        if statics:
            pq.write_table(pa.table({q.name: static[q.name].astype(q.dtype)
                                     for q in statics}),
                           stations_path(path), compression="zstd")

    def write(self, block):
        pa = self.pa
        arrays = []
        for q in self.qs:
            values = block[q.name]
            if q.is_array:
                flat = pa.array(np.ascontiguousarray(values).ravel())
                arrays.append(pa.FixedSizeListArray.from_arrays(
                    flat, values.shape[1]))
            else:
                arrays.append(pa.array(values))
        self.f.write_table(pa.Table.from_arrays(arrays, schema=self.schema),
                           row_group_size=self.block_rows)

    def close(self):
        self.f.close()


def stations_path(path):
    """The Parquet file of the "station" arrays beside ``path``."""
    return path.with_name(path.stem + "_stations.parquet")


def open_writer(fmt, path, qs, static, block_rows, key):
    """A writer of ``fmt`` with ``write(block)`` and ``close()``.

    Parameters
    ----------
    fmt : str
        "hdf5", "root", "ascii" or "parquet".
    path : pathlib.Path
    qs : sequence of converters.kcdc_quantities.Quantity
        In file order (scalars, then arrays).
    static : dict
        The "station" arrays by name and ``_n_stations`` (a 1-tuple).
    block_rows : int
        Rows per ``write`` (all but the last block).
    key : str
        Content key of the request (the ROOT file's UUID is made from it).
    """
    if fmt == "root":
        return _Root(path, qs, static, block_rows,
                     uuid.uuid5(uuid.NAMESPACE_URL, key))
    cls = {"hdf5": _Hdf5, "ascii": _Ascii, "parquet": _Parquet}[fmt]
    return cls(path, qs, static, block_rows)
