"""The all-sky map of the portal's root page, drawn from the served tables.

Every public resource whose RD gives its messenger (``coverage.waveband``
Neutrino, Particle or Gamma-ray) and whose tables have ICRS positions
(``ra``, ``dec``) contributes a random sample of its rows, so that the
map shows what the data centre serves now.  Restricted resources
(``<property name="restricted">True</property>``) are left out: their
positions are not public; so are views over other resources' tables
(``dependsOn``), whose events are drawn once, from their own table.  Written after every ``apdc import``.
"""

import os
import sys
import tempfile
from pathlib import Path

import numpy as np

from converters import rdschema

from . import ingest

__all__ = ["MESSENGERS", "sources", "write_skymap"]

#: coverage.waveband -> (legend label, colour, marker)
MESSENGERS = {
    "Neutrino": ("neutrinos", "tab:blue", "o"),
    "Particle": ("cosmic rays", "tab:red", "."),
    "Gamma-ray": ("gamma rays", "tab:green", "^"),
}
SAMPLE_ROWS = 4000


def sources(rd_dir=rdschema.RD_DIR):
    """``(messenger, schema.table)`` of every public table to draw."""
    found = []
    for rd_path in sorted(Path(rd_dir).glob("*.rd")):
        name = rd_path.stem
        if rdschema.is_restricted(name, rd_dir):
            continue
        # a view over other resources' tables (rd/airshowers.rd) would
        # draw their events twice
        if rdschema.resource_properties(name, rd_dir).get("dependsOn"):
            continue
        bands = [b for b in rdschema.resource_meta(name, "coverage.waveband",
                                                   rd_dir) if b in MESSENGERS]
        for spec in rdschema.tables(name, rd_dir):
            if bands and {"ra", "dec"} <= set(spec.names):
                found.append((bands[0], spec.qualified_name))
    return found


def _positions(cursor, table):
    cursor.execute(f"SELECT ra, dec FROM {table} "
                   f"ORDER BY random() LIMIT {SAMPLE_ROWS}")
    rows = np.array(cursor.fetchall(), dtype=float).reshape(-1, 2)
    return rows[:, 0], rows[:, 1]


def _draw(points, path):
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    fig = Figure(figsize=(10, 5.6), dpi=100)
    ax = fig.add_subplot(projection="hammer")
    for messenger, (label, colour, marker) in MESSENGERS.items():
        ra = np.concatenate([p[0] for m, p in points if m == messenger] or
                            [np.zeros(0)])
        dec = np.concatenate([p[1] for m, p in points if m == messenger] or
                             [np.zeros(0)])
        # astronomers' convention: RA grows to the left, 0h in the middle
        x = -np.radians(((ra + 180.0) % 360.0) - 180.0)
        ax.scatter(x, np.radians(dec), s=4 if marker == "." else 10,
                   c=colour, marker=marker, alpha=0.5, linewidths=0,
                   label=f"{label} ({len(ra)})")
    ax.set_xticklabels([f"{h}h" for h in (22, 20, 18, 16, 14, 12, 10, 8, 6,
                                          4, 2)])
    ax.grid(True, alpha=0.4)
    ax.set_title("Arrival directions served by the data centre "
                 "(ICRS, Hammer projection; samples)", pad=24)
    ax.legend(loc="lower right", fontsize=8, markerscale=2)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".png")
    os.close(fd)
    fig.savefig(tmp)
    os.chmod(tmp, 0o644)   # mkstemp's 0600 would keep nginx out
    os.replace(tmp, path)


def write_skymap(path, log=sys.stderr):
    """Draw the sky map into ``path`` (PNG), atomically.

    Parameters
    ----------
    path : pathlib.Path
        Usually the portal's static folder's ``skymap.png``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = ingest.get_connection()
    points = []
    try:
        with conn.cursor() as cursor:
            for messenger, table in sources():
                cursor.execute("SELECT to_regclass(%s)", (table,))
                if cursor.fetchone()[0] is not None:
                    points.append((messenger, _positions(cursor, table)))
    finally:
        conn.close()
    _draw(points, path)
    print(f"sky map: {path} ({len(points)} tables)", file=log)
