"""The preselected packages: whatever the import step left in a folder.

``exporters.shop.preselected()`` builds them at import (the operator's
import step) into ``SHOP_PRESELECTED``; the shop lists every archive
there with its size and SHA-256 (from ``SHA256SUMS`` in the folder, or
a ``<name>.sha256`` file beside it, else computed once per file
version) and the citation (a ``CITATION`` file, else
``SHOP_CITATION``).
"""

import hashlib
from pathlib import Path

from django.conf import settings

__all__ = ["packages", "path", "citation", "SUFFIXES"]

SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz")
_sums = {}   # (path, mtime, size) -> sha256


def _folder():
    return Path(settings.SHOP_PRESELECTED)


def _listed_sums(folder):
    sums = {}
    manifest = folder / "SHA256SUMS"
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            digest, _, name = line.strip().partition(" ")
            if name:
                sums[name.strip().lstrip("*")] = digest
    return sums


def _sha256(file, listed):
    if file.name in listed:
        return listed[file.name]
    beside = file.with_name(file.name + ".sha256")
    if beside.is_file():
        return beside.read_text(encoding="utf-8").split()[0]
    stat = file.stat()
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in _sums:
        digest = hashlib.sha256()
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _sums[key] = digest.hexdigest()
    return _sums[key]


def packages():
    """``[{name, size, sha256}]`` of every archive in the folder."""
    folder = _folder()
    if not folder.is_dir():
        return []
    listed = _listed_sums(folder)
    return [{"name": f.name, "size": f.stat().st_size,
             "sha256": _sha256(f, listed)}
            for f in sorted(folder.iterdir())
            if f.is_file() and f.name.endswith(SUFFIXES)
            and not f.name.startswith(".")]


def path(name):
    """The file of package ``name``, or None (no path outside the folder)."""
    folder = _folder()
    if "/" in name or name.startswith(".") or not name.endswith(SUFFIXES):
        return None
    candidate = folder / name
    return candidate if candidate.is_file() else None


def citation():
    """How to cite the packages."""
    file = _folder() / "CITATION"
    if file.is_file():
        return file.read_text(encoding="utf-8").strip()
    return settings.SHOP_CITATION
