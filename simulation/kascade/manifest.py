"""The ``manifest.json`` beside the simulated run files.

It records what must match for existing files to be reused (generator,
version, seed, counts, period, format, station runs, twins) and each
file's name, event count, size and SHA-256.  :func:`up_to_date` compares
sizes only: hashing every file on every call would defeat the purpose
of skipping; the hashes are kept for provenance.
"""

import hashlib
import json
import os

import numpy as np

from simulation.kascade import stations
from simulation.kascade.events import (DESCRIPTION, GENERATOR_NAME,
                                       GENERATOR_VERSION)

__all__ = ["MANIFEST_NAME", "PREVIOUS_GENERATOR_NAMES", "sha256_of",
           "file_entry", "request", "read", "up_to_date", "listed_files",
           "write", "adopt", "remove"]

MANIFEST_NAME = "manifest.json"
#: Names under which the same generator (same output for the same
#: version) wrote manifests before it moved; they still vouch for files.
PREVIOUS_GENERATOR_NAMES = ("apdc.kascade_sim",)


def sha256_of(path):
    """Hex SHA-256 of a file.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    str
    """
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entry(folder, name):
    """Name, size and SHA-256 of a written file, as the manifest lists it.

    Parameters
    ----------
    folder : str
        The run folder.
    name : str
        The file's name in it.

    Returns
    -------
    dict
    """
    path = os.path.join(folder, name)
    return {"name": name, "size": os.path.getsize(path),
            "sha256": sha256_of(path)}


def request(seed, n_events, events_per_run, start, days, fmt,
            station_runs=(), twins=()):
    """What must match for existing files to be reused.

    Parameters
    ----------
    seed, n_events, events_per_run, start, days, fmt
        The arguments of :func:`simulation.kascade.runs.write_runs`.
    station_runs : iterable of int, optional
        Runs with per-station arrays; recorded with the station model's
        version.
    twins : iterable of str, optional
        Further formats of every run.

    Returns
    -------
    dict
        JSON-ready parameters.
    """
    extra = {}
    if station_runs:
        extra["station_runs"] = sorted(int(r) for r in station_runs)
        extra["stations_model"] = stations.MODEL_VERSION
    if twins:
        extra["twins"] = sorted(twins)
    return {**extra,
            "generator": GENERATOR_NAME,
            "generator_version": GENERATOR_VERSION,
            "seed": int(seed),
            "n_events": int(n_events),
            "events_per_run": int(events_per_run),
            "start": str(np.datetime64(start, "s")),
            "days": float(days),
            "format": fmt}


def read(path):
    """The manifest at ``path``, or None if missing or unreadable.

    Parameters
    ----------
    path : str

    Returns
    -------
    dict or None
    """
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def listed_files(manifest):
    """Every file entry of a manifest, twins included.

    Parameters
    ----------
    manifest : dict

    Returns
    -------
    list of dict
    """
    files = manifest.get("files", [])
    return [*files, *(t for f in files for t in f.get("twins", []))]


def up_to_date(folder, manifest, params, names):
    """True if ``manifest`` describes exactly these parameters and files.

    Parameters
    ----------
    folder : str
        The run folder.
    manifest : dict or None
        As read by :func:`read`.
    params : dict
        As made by :func:`request`.
    names : list of str
        The run files (main format) in run order.

    Returns
    -------
    bool
    """
    if not manifest:
        return False
    if manifest.get("generator") in PREVIOUS_GENERATOR_NAMES:
        manifest = dict(manifest, generator=GENERATOR_NAME)
    if any(manifest.get(k) != v for k, v in params.items()):
        return False
    if any(k not in params for k in ("station_runs", "twins")
           if k in manifest):
        return False
    if [f.get("name") for f in manifest.get("files", [])] != names:
        return False
    for f in listed_files(manifest):
        p = os.path.join(folder, f["name"])
        if not os.path.isfile(p) or os.path.getsize(p) != f.get("size"):
            return False
    return True


def _dump(path, manifest):
    tmp = path + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def write(path, params, files):
    """Write the manifest atomically (under a temporary name, then renamed).

    Parameters
    ----------
    path : str
        Where the manifest goes.
    params : dict
        As made by :func:`request`.
    files : list of dict
        One entry per run.
    """
    _dump(path, dict(params, description=DESCRIPTION,
                     numpy_version=np.__version__, files=files))


def adopt(path, manifest):
    """Rewrite a manifest of a previous generator name under the current one.

    The files stay as they are (the output is the same); only the
    generator name and the description change.

    Parameters
    ----------
    path : str
        The manifest's path.
    manifest : dict
        Its content, as read by :func:`read`.

    Returns
    -------
    bool
        True if the manifest was rewritten.
    """
    if manifest.get("generator") == GENERATOR_NAME:
        return False
    _dump(path, dict(manifest, generator=GENERATOR_NAME,
                     description=DESCRIPTION))
    return True


def remove(path):
    """Remove the manifest at ``path`` if there is one.

    Called before the files are rewritten, so that a crash half-way
    cannot leave a manifest that vouches for mixed files.

    Parameters
    ----------
    path : str
    """
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
