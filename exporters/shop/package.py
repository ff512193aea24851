"""One package per request: the data file and its texts in a zip archive.

Why zip: members can be read one by one without unpacking the rest, and
each member has its own compression: the data file (HDF5, ROOT and
Parquet are compressed inside) is stored as it is, the texts and ASCII
are deflated.  The archive ``<request_id>.zip`` is written under a
temporary name in ``workdir`` and renamed atomically at the end; the
scratch folder is removed on success and on failure, so that no partial
file remains.
"""

import datetime
import importlib.metadata
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from converters import rdschema

from exporters.shop import info, query, writers
from exporters.shop.selection import validate
from exporters.shop.stations import StationSource
from exporters.shop.stream import derive_time, stream_chunks

__all__ = ["Package", "export", "package_name", "software_version"]

#: Bytes of one block of the writers (rows = this / bytes per event).
BLOCK_BYTES = 16 << 20


@dataclass
class Package:
    """A finished package.

    Attributes
    ----------
    path : pathlib.Path
        The archive.
    sha256 : str
        Of the archive (it changes with the times in ``Info.txt``).
    size : int
        Of the archive, bytes.
    n_events : int
    data_sha256 : str
        Of the data file: the same for the same selection and data.
    files : list of str
        The archive's members.
    """

    path: Path
    sha256: str
    size: int
    n_events: int
    data_sha256: str
    files: list = field(default_factory=list)

    def to_json(self):
        """JSON-safe dict (``path`` as a string)."""
        out = asdict(self)
        out["path"] = str(self.path)
        return out


#: The library that writes each format (its version goes to Info.txt).
_WRITER_LIBRARIES = {"hdf5": "h5py", "root": "uproot", "parquet": "pyarrow",
                     "ascii": "numpy"}


def _version(distribution):
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def software_version(fmt=None):
    """``apdc <version>`` and the version of the format's writer."""
    text = f"apdc {_version('apdc')}"
    if fmt in _WRITER_LIBRARIES:
        lib = _WRITER_LIBRARIES[fmt]
        text += f", {lib} {_version(lib)}"
    return text


def package_name(request_id):
    """The archive's file name for a request."""
    return f"{request_id}.zip"


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None).isoformat(timespec="seconds")


def _file_quantities(comp, names):
    """The quantities of the data file: the chosen ones, in RD order, and
    the "station" arrays whenever a per-station array is chosen."""
    chosen = set(names)
    if any(comp.quantity(n).is_array for n in names):
        chosen |= {q.name for q in comp.quantities
                   if q.is_array and not q.per_event}
    return [q for q in comp.quantities if q.name in chosen]


def _block_rows(qs, n_stations, total):
    """(rows per block, rows per HDF5 chunk): blocks of about
    BLOCK_BYTES made of whole chunks of at most 2**16 rows or 2**20
    values (fewer for small packages: a chunk is allocated whole)."""
    per_event = sum(q.dtype.itemsize * (n_stations if q.is_array else 1)
                    for q in qs if q.per_event)
    width = max(n_stations if any(q.is_array for q in qs) else 1, 1)
    chunk = max(1, min(1 << 16, (1 << 20) // width, total))
    block = max(1024, BLOCK_BYTES // max(per_event, 1))
    return max(1, block // chunk) * chunk, chunk


class _Pipeline:
    """Database chunk -> file columns (+ station arrays) -> writer."""

    def __init__(self, comp, qs, writer, stations, block_rows, progress,
                 total):
        self.comp, self.writer, self.stations = comp, writer, stations
        self.scalars = [q for q in qs if not q.is_array]
        self.batcher = writers.Rebatcher(block_rows, writer.write)
        self.progress, self.total, self.done = progress, total, 0

    def _value(self, q, chunk):
        if q.name in chunk:
            return q.from_column(chunk[q.name]).astype(q.dtype, copy=False)
        column = self.comp.column_property(q, "shop_from")
        how = self.comp.column_property(q, "shop_derive")
        return derive_time(chunk[f"_time:{column}"], how).astype(q.dtype)

    def __call__(self, chunk):
        columns = {q.name: self._value(q, chunk) for q in self.scalars}
        if self.stations is not None and self.stations.per_event:
            columns.update(self.stations.arrays(chunk["_order0"],
                                                chunk["_order1"]))
        self.batcher.add(columns)
        self.done += len(chunk["_order0"])
        if self.progress is not None and self.total:
            self.progress(min(1.0, self.done / self.total))


def _write_data(conn, comp, selection, path, chunk_rows, progress, limit):
    """Stream the selection into the data file; (n, no_stations, key)."""
    qs = _file_quantities(comp, selection.quantities)
    arrays = [q for q in qs if q.is_array]
    stations = StationSource(comp, arrays) if arrays else None
    n_st = stations.n_stations if stations else 0
    static = dict(stations.static if stations else {}, _n_stations=(n_st,))
    where, params = query.where_clause(selection, comp.rd_dir)
    total = query.count(conn, selection, comp.rd_dir)
    total = total if limit is None else min(total, limit)
    # the blocks depend on the content only (count included), not on
    # chunk_rows: the file is the same however it was fetched
    block_rows, static["_rows"] = _block_rows(qs, n_st, total)
    # the licence in the file's own header, where the format has one
    static["_rights"] = info.rights_of(comp)
    if arrays:  # keep a chunk of station arrays within the block size
        chunk_rows = min(chunk_rows, block_rows)
    key = json.dumps([selection.to_json(), limit], sort_keys=True)
    fields = query.fields(comp, [q for q in qs if not q.is_array])
    writer = writers.open_writer(selection.fmt, path, qs, static,
                                 block_rows, key)
    try:
        pipe = _Pipeline(comp, qs, writer, stations, block_rows, progress,
                         total)
        def make_sql(after, rows):
            sql = query.select_sql(comp, fields, where, rows,
                                   after is not None)
            return sql, params + list(after or ())

        n = stream_chunks(conn, make_sql, fields, chunk_rows, pipe, limit)
        pipe.batcher.close()
        if progress is not None and pipe.done < max(total, 1):
            progress(1.0)  # none or fewer rows than counted: still done
    finally:
        writer.close()
        if stations is not None:
            stations.close()
    shown = where % tuple(f"'{v.isoformat()}'" if hasattr(v, "isoformat")
                          else repr(v) for v in params)
    return n, (stations.missing if stations else None), shown


def _zip(target, scratch, names, deflated):
    with zipfile.ZipFile(target, "w", allowZip64=True) as z:
        for name in names:
            method = (zipfile.ZIP_DEFLATED if name in deflated
                      else zipfile.ZIP_STORED)
            z.write(scratch / name, name, compress_type=method,
                    compresslevel=1 if method == zipfile.ZIP_DEFLATED
                    else None)


def _texts(comp, selection, facts, scratch, data_names):
    names = [q.name for q in _file_quantities(comp, selection.quantities)]
    texts = {
        "Info.txt": info.info_text(comp, selection, names, facts),
        "LICENCE.txt": info.licence_text(comp),
        "prov.json": json.dumps(info.prov_json(comp, selection, facts),
                                indent=2, sort_keys=True) + "\n"}
    for name, text in texts.items():
        (scratch / name).write_text(text, encoding="utf-8")
    members = data_names + list(texts)
    sums, _ = info.sha256sums(scratch, members)
    (scratch / "SHA256SUMS").write_text(sums, encoding="ascii")
    return members + ["SHA256SUMS"]


def export(conn, selection, workdir, *, request_id, user, host,
           release=None, progress=None, chunk_rows=200_000, limit=None,
           rd_dir=None):
    """Export a selection as one zip archive in ``workdir``.

    Parameters
    ----------
    conn : psycopg2 connection
        Read only; after an error its transaction must be rolled back.
    selection : exporters.shop.Selection
    workdir : path-like
        Where the archive ``<request_id>.zip`` is written.
    request_id : str
        Names the archive and is recorded in it (letters, digits, ``-_``).
    user, host : str
        The requesting user and the worker host (PROV agents).
    release : str, optional
        Default: the RD's ``release`` property.
    progress : callable, optional
        ``progress(fraction)`` after each chunk.
    chunk_rows : int
        Rows fetched per chunk (bounds the memory).
    limit : int, optional
        Only the first ``limit`` events (preselected samples).
    rd_dir : path-like, optional

    Returns
    -------
    Package

    Raises
    ------
    exporters.shop.ShopError
        For an invalid selection (nothing is written).
    """
    comp = validate(selection, rd_dir)
    if not query.IDENTIFIER.fullmatch(str(request_id).lower().replace(
            "-", "_")):
        raise ValueError(f"request id {request_id!r}: use letters, digits, "
                         "- and _")
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{request_id}.", dir=workdir))
    try:
        return _export(conn, comp, selection, workdir, scratch, dict(
            request_id=request_id, user=user, host=host,
            release=release if release is not None else
            rdschema.release_name(comp.dataset, comp.rd_dir) or "",
            software=software_version(selection.fmt), started=_now()),
            progress, chunk_rows, limit)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _export(conn, comp, selection, workdir, scratch, facts, progress,
            chunk_rows, limit):
    data = scratch / f"{comp.dataset}_{comp.table.id}" \
        f"{writers.SUFFIXES[selection.fmt]}"
    n, missing, where = _write_data(conn, comp, selection, data, chunk_rows,
                                    progress, limit)
    data_names = [data.name]
    if selection.fmt == "parquet" and writers.stations_path(data).exists():
        data_names.append(writers.stations_path(data).name)
    facts.update(n_events=n, no_stations=missing, data_file=data.name,
                 data_sha256=info.file_sha256(data), finished=_now(),
                 where=where)
    members = _texts(comp, selection, facts, scratch, data_names)
    deflated = set(members) - set(data_names)
    if selection.fmt == "ascii":
        deflated |= set(data_names)
    partial = scratch / "package.zip.part"
    _zip(partial, scratch, members, deflated)
    target = workdir / package_name(facts["request_id"])
    os.replace(partial, target)
    digest = info.file_sha256(target)
    return Package(path=target, sha256=digest, size=target.stat().st_size,
                   n_events=n, data_sha256=facts["data_sha256"],
                   files=members)

