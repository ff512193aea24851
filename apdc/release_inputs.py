"""The digest of one input file of a release (:func:`file_digest`).

Split from :mod:`apdc.releases` (whose ``inputs_checksum`` combines
these digests): how a generated resource's manifest is read so that
its ROOT twins' changing checksums do not count (scheme 3,
docs/releases.md).
"""

import hashlib
import json

from . import fetch

__all__ = ["file_digest"]


def _without_twin_checksums(value):
    """``value`` (parsed JSON) with the size and checksum of every
    ``.root`` entry left out."""
    if isinstance(value, list):
        return [_without_twin_checksums(item) for item in value]
    if isinstance(value, dict):
        if str(value.get("name", "")).endswith(".root"):
            return {"name": value["name"]}
        return {key: _without_twin_checksums(item)
                for key, item in value.items()}
    return value


def file_digest(path, generated):
    """SHA-256 of one input file.

    Parameters
    ----------
    path : pathlib.Path
    generated : bool
        The file belongs to a generated resource: its JSON manifest is
        digested without the ROOT twins' sizes and checksums, which
        differ on every generation (:func:`apdc.releases.inputs_checksum`).

    Returns
    -------
    str
    """
    if not (generated and path.suffix == ".json"):
        return fetch.sha256_of(path)
    with open(path, encoding="utf-8") as f:
        content = _without_twin_checksums(json.load(f))
    return hashlib.sha256(json.dumps(content, sort_keys=True)
                          .encode()).hexdigest()
