"""Getting a data set's files: from a local mirror or its official origin.

A manifest lists single ``files`` and whole ``archives`` (member globs,
with the members' checksums in a ``SHA256SUMS`` file beside the
manifest).  Within one fetch, every URL is downloaded at most once,
however many files are taken from it.

Every file is verified against the SHA-256 in the data set's manifest
before it is put in place.  A file is first written beside its final
place and only renamed over it once verified, so a failed or corrupt
download never replaces good data, and the tables (which only an import
changes) stay as they are.

Checksums: ``sha256`` is that of the file as stored (and as mirrored).
For a file stored gzipped whose origin serves it uncompressed,
``content_sha256`` is the checksum of the uncompressed content; fetch
then verifies the download against it and stores it gzipped.
"""

import fnmatch
import gzip
import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from . import config

__all__ = ["FetchError", "sha256_of", "fetch_file", "fetch_archive",
           "ensure", "Downloads"]

DOWNLOAD_TIMEOUT = 60
GZIP_MAGIC = b"\x1f\x8b"


class FetchError(RuntimeError):
    """A file could not be fetched or failed its checksum."""


def sha256_of(path, opener=open):
    """Hex SHA-256 of a file (of its content as ``opener`` reads it)."""
    digest = hashlib.sha256()
    with opener(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verify(entry, path, source):
    expected = entry.get("sha256")
    if expected is None:
        return
    actual = sha256_of(path)
    if actual == expected:
        return
    content_expected = entry.get("content_sha256")
    if content_expected and _content_sha256(path) == content_expected:
        return
    raise FetchError(f"{entry['name']}: checksum mismatch for the copy from "
        f"{source} (expected sha256 {expected}, got {actual}).  The file "
        "is corrupt or not the published version; nothing was replaced.  "
        "Fetch it again, or check the mirror.")


def _content_sha256(path):
    with open(path, "rb") as f:
        compressed = f.read(2) == GZIP_MAGIC
    return sha256_of(path, gzip.open if compressed else open)


def _download(url, target, log):
    print(f"  downloading {url}", file=log)
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as resp, \
                open(target, "wb") as out:
            total = int(resp.headers.get("content-length") or 0)
            done = 0
            for block in iter(lambda: resp.read(1 << 20), b""):
                out.write(block)
                done += len(block)
                if total:
                    print(f"\r  {done / 1e6:.1f} of {total / 1e6:.1f} MB",
                        end="", file=log)
            if total:
                print(file=log)
            if total and done != total:
                raise FetchError(f"download of {url} stopped after {done} of "
                    f"{total} bytes; try again")
    except OSError as exc:
        raise FetchError(f"cannot download {url}: {exc}.  Check the network, "
            "or use a local mirror (apdc fetch --mirror DIR or APDC_MIRROR)."
            ) from None


def _extract_member(archive, member, target):
    """Copy ``member`` out of a zip or tar ``archive`` into ``target``."""
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as z, z.open(member) as src, \
                    open(target, "wb") as out:
                shutil.copyfileobj(src, out)
            return
        with tarfile.open(archive) as t:
            src = t.extractfile(member)
            if src is None:
                raise KeyError(member)
            with src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
    except (KeyError, zipfile.BadZipFile, tarfile.TarError) as exc:
        raise FetchError(f"{archive}: cannot extract {member} ({exc}); the "
            "download is corrupt or the archive layout changed") from None


def _store_gzipped_if_needed(entry, path):
    """Gzip a plain download whose stored name ends in .gz."""
    if not entry["name"].endswith(".gz"):
        return
    with open(path, "rb") as f:
        if f.read(2) == GZIP_MAGIC:
            return
    packed = path.with_suffix(path.suffix + ".gz")
    with open(path, "rb") as src, gzip.GzipFile(packed, "wb", mtime=0) as out:
        shutil.copyfileobj(src, out)
    os.replace(packed, path)


class Downloads:
    """The downloads of one fetch: each URL is fetched once, then reused.

    Parameters
    ----------
    folder : pathlib.Path
        A scratch folder, removed by the caller after the fetch.
    """

    def __init__(self, folder, log=sys.stderr):
        self.folder, self.log, self._paths = Path(folder), log, {}

    def get(self, url):
        """The local path of the download of ``url``."""
        if url not in self._paths:
            target = self.folder / f"download-{len(self._paths)}"
            _download(url, target, self.log)
            self._paths[url] = target
        return self._paths[url]


def _place(candidate, final, entry, source, log):
    """Verify ``candidate`` and rename it over ``final``."""
    _verify(entry, candidate, source)
    os.replace(candidate, final)
    print(f"  {entry['name']}: from {source}", file=log)
    return final


def fetch_file(entry, data_dir, mirror=None, force=False, downloads=None,
               log=sys.stderr):
    """Put one manifest ``files`` entry into ``data_dir``; returns its path.

    Parameters
    ----------
    entry : dict
        The manifest entry (``name``, ``mirror``, ``url``, ``member``,
        ``sha256``).
    data_dir : pathlib.Path
    mirror : pathlib.Path, optional
    force : bool
        Fetch again even if the file is there.
    downloads : Downloads, optional
        Shared by the files of one fetch (default: one of its own).
    """
    if downloads is None:
        with tempfile.TemporaryDirectory(prefix="apdc-fetch-") as tmp:
            return fetch_file(entry, data_dir, mirror, force,
                              Downloads(tmp, log), log)
    final = data_dir / entry["name"]
    if final.exists() and not force:
        return final
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".fetch-") as tmp:
        candidate = Path(tmp) / entry["name"]
        mirrored = mirror / entry["mirror"] if mirror and entry.get("mirror") \
            else None
        if mirrored is not None and mirrored.exists():
            shutil.copyfile(mirrored, candidate)
            return _place(candidate, final, entry, f"mirror {mirrored}", log)
        if not entry.get("url"):
            raise FetchError(f"{entry['name']}: not in the mirror and no "
                "download URL is known")
        if mirrored is not None:
            print(f"  {entry['name']}: not in the mirror {mirror}", file=log)
        download = downloads.get(entry["url"])
        if entry.get("member"):
            _extract_member(download, entry["member"], candidate)
        else:
            shutil.copyfile(download, candidate)
        _store_gzipped_if_needed(entry, candidate)
        return _place(candidate, final, entry, entry["url"], log)


def _read_checksums(path):
    """basename -> sha256 from a file in sha256sum format."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise FetchError(f"{path}: cannot read the checksums ({exc})") from None
    sums = {}
    for number, line in enumerate(lines, 1):
        if line.strip():
            digest, _, name = line.strip().partition(" ")
            if len(digest) != 64 or not name.strip():
                raise FetchError(f"{path}, line {number}: expected "
                    "'<sha256>  <file name>'")
            sums[name.strip().lstrip("*")] = digest
    return sums


def _archive_members(archive, patterns):
    """basename -> member path of the members matching ``patterns``."""
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
    else:
        with tarfile.open(archive) as t:
            names = t.getnames()
    return {Path(n).name: n for n in names
            if any(fnmatch.fnmatch(n, p) for p in patterns)}


def _mirror_members(spec, mirror):
    """basename -> path of the matching members in the local mirror."""
    if mirror is None or not spec.get("mirror"):
        return {}
    strip = spec.get("strip", "")
    found = {}
    for pattern in spec["members"]:
        relative = pattern[len(strip):] if pattern.startswith(strip) \
            else pattern
        for path in (mirror / spec["mirror"]).glob(relative):
            found[path.name] = path
    return found


def fetch_archive(spec, resource_dir, data_dir, mirror, force, downloads,
                  log=sys.stderr):
    """Put the members of one manifest ``archives`` entry into ``data_dir``.

    The members are those of the checksums file; each is taken from the
    mirror if it is there, else from the archive, downloaded once.
    """
    sums = _read_checksums(resource_dir / spec.get("checksums", "SHA256SUMS"))
    todo = [n for n in sums if force or not (data_dir / n).exists()]
    if not todo:
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    mirrored = _mirror_members(spec, mirror)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".fetch-") as tmp:
        for name in todo:
            entry, candidate = {"name": name, "sha256": sums[name]}, \
                Path(tmp) / name
            if name in mirrored:
                shutil.copyfile(mirrored[name], candidate)
                _place(candidate, data_dir / name, entry,
                       f"mirror {mirrored[name]}", log)
                continue
            members = _archive_members(downloads.get(spec["url"]),
                                       spec["members"])
            if name not in members:
                raise FetchError(f"{name}: not in {spec['url']} (members "
                    f"{spec['members']}); the archive layout changed")
            _extract_member(downloads.get(spec["url"]), members[name],
                            candidate)
            _place(candidate, data_dir / name, entry, spec["url"], log)


def _how_to_get(resource):
    origin = resource.manifest.get("origin")
    where = f" from {origin}" if origin else " with network access"
    return (f"  To get it: 'apdc fetch {resource.name}'{where}, or put the "
            f"file in {resource.data_dir} (or a mirror: APDC_MIRROR).")


def ensure(resource, mirror=None, force=False, log=sys.stderr):
    """Fetch the files a resource needs; False if a required one is missing.

    Optional files that cannot be had are skipped with a note; a required
    file that cannot be had ends with a message saying how to get it.

    Parameters
    ----------
    resource : apdc.resources.Resource
    mirror : pathlib.Path, optional
        The local mirror (default: :func:`apdc.config.mirror_dir`).
    force : bool
        Fetch again even if a file is there.
    """
    mirror = mirror or config.mirror_dir()
    ok = True
    with tempfile.TemporaryDirectory(prefix="apdc-fetch-") as tmp:
        downloads = Downloads(tmp, log)
        jobs = [(entry, lambda e=entry: fetch_file(
            e, resource.data_dir, mirror, force, downloads, log))
            for entry in resource.files]
        jobs += [(spec, lambda s=spec: fetch_archive(
            s, resource.manifest_path.parent, resource.data_dir, mirror,
            force, downloads, log)) for spec in resource.archives]
        for entry, job in jobs:
            try:
                job()
            except FetchError as exc:
                if entry.get("optional"):
                    print(f"  {resource.name}: optional {exc}", file=log)
                    continue
                if force:
                    raise
                print(f"  {resource.name}: {exc}\n{_how_to_get(resource)}",
                      file=log)
                ok = False
    return ok
