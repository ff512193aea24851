"""Preselected packages: small samples offered without login.

As KCDC offers them: in each format a sample of the first events
(package order) without arrays, and, where the run files have station
data, a smaller one with every per-station array in HDF5 and ROOT.  A
sample is rebuilt only when it is missing or not current: its side-car
``<name>.json`` records the selection, the release, the number of rows
of the table and the software version it was built from.
"""

import json
import socket
from pathlib import Path

from converters import rdschema

from exporters.shop.datasets import component_spec
from exporters.shop.package import Package, export, software_version
from exporters.shop.query import quote
from exporters.shop.selection import FORMATS, Selection
from exporters.shop.stations import StationSource

__all__ = ["SAMPLE_EVENTS", "ARRAY_SAMPLE_EVENTS", "preselected",
           "sample_selections"]

SAMPLE_EVENTS = 1000
ARRAY_SAMPLE_EVENTS = 100


def sample_selections(dataset, component="events", rd_dir=None):
    """``[(name, Selection, limit)]`` of a data set's samples."""
    comp = component_spec(dataset, component, rd_dir)
    scalars = tuple(q.name for q in comp.quantities if not q.is_array)
    out = [(f"{dataset}_sample_{fmt}",
            Selection(dataset, component, scalars, {}, fmt), SAMPLE_EVENTS)
           for fmt in FORMATS]
    arrays = [q for q in comp.quantities if q.is_array]
    source = StationSource(comp, arrays) if arrays else None
    if source is not None and source.n_stations:
        everything = tuple(q.name for q in comp.quantities)
        out += [(f"{dataset}_sample_arrays_{fmt}",
                 Selection(dataset, component, everything, {}, fmt),
                 ARRAY_SAMPLE_EVENTS) for fmt in ("hdf5", "root")]
    return out


def _rows(conn, comp):
    with conn.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {quote(comp.table.schema)}."
                    f"{quote(comp.table.id)}")
        return int(cur.fetchone()[0])


def _state(rows, comp, selection, limit):
    return {"selection": selection.to_json(), "limit": limit, "rows": rows,
            "release": rdschema.release_name(comp.dataset,
                                             comp.rd_dir) or "",
            "software": software_version()}


def _load(side, state):
    try:
        record = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("state") != state:
        return None
    package = Package(**dict(record["package"],
                             path=Path(record["package"]["path"])))
    return package if package.path.is_file() else None


def preselected(conn, dataset, out_dir, component="events", rd_dir=None):
    """Build the preselected samples of a data set (idempotent).

    Parameters
    ----------
    conn : psycopg2 connection
    dataset : str
    out_dir : path-like
        Where the archives and their side-cars go.

    Returns
    -------
    list of Package
        One per sample, built now or found current.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    comp = component_spec(dataset, component, rd_dir)
    packages, rows = [], _rows(conn, comp)
    for name, selection, limit in sample_selections(dataset, component,
                                                    rd_dir):
        state = _state(rows, comp, selection, limit)
        side = out_dir / f"{name}.json"
        package = _load(side, state)
        if package is None:
            package = export(conn, selection, out_dir, request_id=name,
                             user="apdc", host=socket.gethostname(),
                             limit=limit, rd_dir=rd_dir)
            side.write_text(json.dumps({"state": state,
                                        "package": package.to_json()},
                                       indent=2), encoding="utf-8")
        packages.append(package)
    return packages
