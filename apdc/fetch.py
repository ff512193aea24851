"""Getting a data set's files: from a local mirror or its official origin.

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


def fetch_file(entry, data_dir, mirror=None, force=False, log=sys.stderr):
    """Put one manifest entry's file into ``data_dir``; returns its path."""
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
            source = f"mirror {mirrored}"
        elif entry.get("url"):
            if mirrored is not None:
                print(f"  {entry['name']}: not in the mirror {mirror}", file=log)
            if entry.get("member"):
                archive = Path(tmp) / "archive"
                _download(entry["url"], archive, log)
                _extract_member(archive, entry["member"], candidate)
            else:
                _download(entry["url"], candidate, log)
            _store_gzipped_if_needed(entry, candidate)
            source = entry["url"]
        else:
            raise FetchError(f"{entry['name']}: no mirror copy and no origin "
                "URL known")
        _verify(entry, candidate, source)
        os.replace(candidate, final)
    print(f"  {entry['name']}: from {source}", file=log)
    return final


def ensure(resource, mirror=None, force=False, log=sys.stderr):
    """Fetch the files a data set needs; False if a required one is missing.

    Optional files that cannot be had are skipped with a note; a required
    file that cannot be had ends with a message saying how to get it.
    """
    mirror = mirror or config.mirror_dir()
    ok = True
    for entry in resource.files:
        try:
            fetch_file(entry, resource.data_dir, mirror, force, log)
        except FetchError as exc:
            if entry.get("optional"):
                print(f"  {resource.name}: optional {exc}", file=log)
                continue
            if force:
                raise
            print(f"  {resource.name}: {exc}\n  To get it: 'apdc fetch "
                f"{resource.name}' with network access, or put the file in "
                f"{resource.data_dir} (or a mirror: APDC_MIRROR).", file=log)
            ok = False
    return ok
