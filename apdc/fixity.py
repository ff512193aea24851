"""Fixity audits of the archival bags (docs/archive.md).

An audit recomputes the SHA-256 and SHA-512 of every payload and tag
file of a bag against its manifests, checks that no listed file is
missing and no unlisted payload file was added, and compares the
Payload-Oxum (bytes and files).  Unlike ``bagit.Bag.validate``, which
stops at the first kind of failure, it names every failing file.  It
only reads the bag: the served tables are never touched.

Each audit is a row of ``releases.fixity`` (when, which bag, how many
files, OK or which files failed); :func:`audit_all` is what ``apdc
archive verify`` and the nightly cron line of docs/archive.md run.
"""

import datetime
import hashlib
import sys
from pathlib import Path

import bagit

from . import ingest, releases

__all__ = ["problems", "audit", "audit_all", "Audit", "bags"]

_BLOCK = 1 << 20


class Audit:
    """The outcome of one audit.

    Attributes
    ----------
    path : pathlib.Path
        The bag.
    resource, release : str
    checked : datetime.datetime
        When (UTC).
    n_files : int
        Files whose checksums were recomputed.
    problems : list of str
        One line per failing file; empty if the bag is intact.
    """

    def __init__(self, path, resource, release, checked, n_files, problems):
        self.path, self.resource, self.release = path, resource, release
        self.checked, self.n_files = checked, n_files
        self.problems = problems

    @property
    def ok(self):
        return not self.problems


def _digests(path, algorithms):
    hashes = {name: hashlib.new(name) for name in algorithms}
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            for h in hashes.values():
                h.update(block)
    return {name: h.hexdigest() for name, h in hashes.items()}


def _check(bag, root):
    """(files checked, problem lines) of a parsed bag."""
    found, n_files = [], 0
    for relative, expected in sorted(bag.entries.items()):
        path = root / relative
        if not path.is_file():
            found.append(f"{relative}: missing (listed in the manifests)")
            continue
        n_files += 1
        actual = _digests(path, expected)
        wrong = [name for name in sorted(expected)
                 if actual[name] != expected[name].lower()]
        if wrong:
            found.append(f"{relative}: {' and '.join(wrong)} differ from "
                         "the manifest (the file changed)")
    listed = set(bag.entries)
    for relative in sorted(bag.payload_files()):
        if relative not in listed:
            found.append(f"{relative}: not in the manifests (added)")
    oxum = bag.info.get("Payload-Oxum")
    if oxum:
        size, count = (int(x) for x in oxum.split("."))
        files = [root / p for p in bag.payload_files()]
        real = (sum(p.stat().st_size for p in files if p.is_file()),
                len(files))
        if real != (size, count):
            found.append(f"bag-info.txt: Payload-Oxum says {size} bytes in "
                         f"{count} files, the payload has {real[0]} bytes "
                         f"in {real[1]} files")
    return n_files, found


def problems(path):
    """The problems of the bag at ``path`` (empty list: intact).

    Parameters
    ----------
    path : path-like

    Returns
    -------
    list of str
        One line per failing file, naming it and what is wrong.
    """
    return _audit(Path(path)).problems


def _audit(path):
    checked = datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None, microsecond=0)
    resource, release = path.parent.name, path.name
    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as exc:
        return Audit(path, resource, release, checked, 0,
                     [f"{path}: not a readable bag ({exc})"])
    n_files, found = _check(bag, path)
    return Audit(path, resource, release, checked, n_files, found)


def audit(path, conn=None):
    """Audit one bag and record the result in releases.fixity.

    Returns
    -------
    Audit
    """
    result = _audit(Path(path))
    own = conn is None
    conn = conn if conn is not None else ingest.get_connection()
    try:
        releases.ensure_table(conn, "fixity")
        with conn.cursor() as cursor:
            cursor.execute("""INSERT INTO releases.fixity (checked, resource,
                release, n_files, ok, problems) VALUES (%s, %s, %s, %s, %s,
                %s)""", (result.checked, result.resource, result.release,
                         result.n_files, result.ok,
                         "\n".join(result.problems)))
        conn.commit()
    finally:
        if own:
            conn.close()
    return result


def bags(root, names=()):
    """The bag folders below ``root`` (``<resource>/<RELEASE>``), of the
    resources ``names`` (default: all), in name order."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*") if (p / "bagit.txt").is_file()
                  and (not names or p.parent.name in names))


def audit_all(root, names=(), log=sys.stderr):
    """Audit every bag below ``root`` (of ``names``), recording each.

    Returns
    -------
    list of Audit
    """
    results = []
    for path in bags(root, names):
        result = audit(path)
        verdict = "OK" if result.ok else "FAILED"
        print(f"[{result.resource}] release {result.release}: "
              f"{result.n_files} files, {verdict}", file=log, flush=True)
        for line in result.problems:
            print(f"  {line}", file=log, flush=True)
        results.append(result)
    return results
