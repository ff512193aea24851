"""The export store: where finished packages live, behind one interface.

Workers write into their own scratch folder and hand the archive to
:func:`put`; nothing else assumes a file system shared with them.  The
store here is a folder (``SHOP_STORE``); another store (an object
store, a file share reached over the network) would replace these four
functions.
"""

import os
import shutil
import uuid
from pathlib import Path

from django.conf import settings

__all__ = ["root", "put", "path", "delete", "keys", "used_names"]


def root():
    """The store's folder (``SHOP_STORE``), made if missing."""
    folder = Path(settings.SHOP_STORE)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _target(key):
    target = (root() / key).resolve()
    if root().resolve() not in target.parents:
        raise ValueError(f"store key outside the store: {key!r}")
    return target


def put(source, key):
    """Move the file ``source`` into the store under ``key``, atomically.

    The file is copied to a temporary name beside its final one and
    renamed, so that a reader never sees part of it and a second put of
    the same key replaces the first whole.

    Parameters
    ----------
    source : path-like
        A finished file (e.g. in a worker's scratch folder); removed.
    key : str
        ``<request id>/<file name>``.

    Returns
    -------
    str
        The key.
    """
    target = _target(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        shutil.copyfile(source, temp)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    Path(source).unlink(missing_ok=True)
    return key


def path(key):
    """The local path of ``key`` (for the web server to send)."""
    return _target(key)


def delete(key):
    """Remove ``key`` and its folder if empty; a missing key is no error."""
    if not key:
        return
    target = _target(key)
    target.unlink(missing_ok=True)
    try:
        target.parent.rmdir()
    except OSError:
        pass   # not empty, or already gone


def keys(prefix=""):
    """The keys of finished files whose folder starts with ``prefix``."""
    return sorted(f"{folder.name}/{p.name}"
                  for folder in root().glob(f"{prefix}*") if folder.is_dir()
                  for p in folder.iterdir()
                  if p.is_file() and not p.name.endswith(".part"))


def used_names():
    """Every file below the store, temporary ones included (for tests)."""
    return sorted(str(p.relative_to(root())) for p in root().rglob("*")
                  if p.is_file())
