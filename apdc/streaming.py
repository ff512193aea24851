"""Streamed conversion: input files to spatially ordered binary COPY data.

A table given file by file (:class:`converters.tables.FileChunks`) is
converted in worker processes while the importer COPYs the files already
converted, so the converters and PostgreSQL keep both cores busy and
memory holds at most ``workers + 1`` converted files, whatever the size
of the data set.

Each file's rows are sorted by their HEALPix nested index (computed in
numpy by healpy), so the table is stored in spatial order without a
CLUSTER pass.  The order is exact within a file (one partition); across
files it is not needed, since each file is its own partition and a cone
search reads each partition through its own q3c index.
"""

import concurrent.futures
import ctypes
import dataclasses
import multiprocessing
import os
from collections import deque

import healpy
import numpy as np

from . import pgcopy

__all__ = ["HEALPIX_ORDER", "SPATIAL_BLOCK_ROWS", "EncodedFile",
           "spatial_key", "encode_columns", "encode_file", "encoded_files"]

#: HEALPix order of the sort key (nside 4096, pixels of 0.86 arcmin).
HEALPIX_ORDER = 12

#: pgcopy groups rows of one layout (NULL pattern, text lengths) together;
#: grouping within blocks of this many spatially sorted rows (about 150
#: heap pages) keeps the disorder local to a tiny patch of sky.
SPATIAL_BLOCK_ROWS = 4096


@dataclasses.dataclass
class EncodedFile:
    """One input file as a complete binary COPY stream.

    Attributes
    ----------
    path : pathlib.Path
    rows : int
    low, high : int
        Range of the partition key in the file: ``low <= key < high``.
    payload : bytes
        Header, rows in spatial order, trailer.
    """

    path: object
    rows: int
    low: int
    high: int
    payload: bytes


def spatial_key(ra, dec, order=HEALPIX_ORDER):
    """HEALPix nested pixel of ICRS positions in degrees (int64)."""
    return healpy.ang2pix(1 << order, np.asarray(ra, float),
                          np.asarray(dec, float), nest=True, lonlat=True)


def encode_columns(columns):
    """One complete binary COPY stream (header, rows, trailer) of columns.

    Parameters
    ----------
    columns : list of apdc.pgcopy.Column
        In spatial order; the order is kept within blocks of
        :data:`SPATIAL_BLOCK_ROWS` rows.

    Returns
    -------
    bytes
    """
    return b"".join(pgcopy.copy_chunks(columns, chunk_rows=SPATIAL_BLOCK_ROWS))


def encode_file(job):
    """Convert one file and encode its rows, spatially sorted (a worker).

    Parameters
    ----------
    job : tuple
        ``(chunks, path, to_copy_columns, key)``: the FileChunks, the
        file, a function turning the column dict into pgcopy columns, and
        the partition key column.

    Returns
    -------
    EncodedFile
    """
    chunks, path, to_copy_columns, key = job
    _release_freed_memory()
    data = chunks.columns(path)
    order = np.argsort(spatial_key(data["ra"], data["dec"]), kind="stable")
    data = {name: values[order] for name, values in data.items()}
    keys = np.asarray(data[key])
    payload = encode_columns(to_copy_columns(data))
    return EncodedFile(path, len(keys), int(keys.min()), int(keys.max()) + 1,
                       payload)


def _release_freed_memory():
    """Hand the previous file's freed heap back to the system (glibc).

    Without it a long-lived worker's heap grows with fragmentation from
    file to file instead of staying at one file's size.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to hand back
        pass


def encoded_files(chunks, to_copy_columns, key, workers=None):
    """Yield the :class:`EncodedFile` of every file, in order.

    At most ``workers + 1`` files are converted or waiting at any time,
    which bounds the memory.

    Parameters
    ----------
    chunks : converters.tables.FileChunks
    to_copy_columns : callable
        Column dict -> list of :class:`apdc.pgcopy.Column` (picklable).
    key : str
        The partition key column.
    workers : int, optional
        Converter processes; default the number of cores.
    """
    workers = workers or os.cpu_count() or 1
    jobs = iter([(chunks, path, to_copy_columns, key)
                 for path in chunks.paths])
    with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork")) as pool:
        pending = deque()
        for job in jobs:
            pending.append(pool.submit(encode_file, job))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
