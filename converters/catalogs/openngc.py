"""OpenNGC (NGC.csv and addendum.csv) -> openngc.main.

Columns and their fields are declared in ``rd/openngc.rd``.  Computed
here: ICRS degrees from the sexagesimal fields the table property
``sexagesimal_fields`` names, galactic coordinates, the normalised
class and the file a row comes from.  Objects without a position
(NonEx entries) are kept with NULL positions; a name already read from
an earlier file is skipped.
"""

import numpy as np

from ..columns import assemble, finish, source_fields
from ..errors import E04, E05
from ..tables import concatenate_columns, sexagesimal_to_deg, text_columns
from .common import class_from, galactic_derivations, spec, text_reader

__all__ = ["OPENNGC_FILES", "OPENNGC_CLASSES", "openngc_table"]

OPENNGC_FILES = ("openngc_NGC.csv", "openngc_addendum.csv")

#: OpenNGC object types -> the shared vocabulary (others: lower case).
OPENNGC_CLASSES = {"g": "gal", "gcl": "glc"}


def _read(path, table_spec):
    raw, rows = text_columns(path, ";", comment=None)
    needed = source_fields(table_spec) + table_spec.properties[
        "sexagesimal_fields"].split()
    missing = [c for c in needed if c not in raw]
    if missing:
        raise E04(path, f"missing column(s) {', '.join(missing)}",
                  row=1, field=missing[0])
    return raw, rows


def _positions(path, raw, rows, fields):
    """(ra, dec) derivations from the sexagesimal fields."""
    ra_field, dec_field = fields
    cache = {}

    def position(columns, column, index):
        if not cache:
            try:
                cache["radec"] = sexagesimal_to_deg(path, raw[ra_field],
                                                    raw[dec_field])
            except E05 as exc:
                # sexagesimal_to_deg counts data rows from 1: name the line
                row = int(rows[exc.row - 1]) if exc.row else None
                raise E05(path, exc.message, row=row,
                          field=f"{ra_field}, {dec_field}") from None
        return finish(path, column, cache["radec"][index], rows)
    return {"sexagesimal_ra": lambda c, col: position(c, col, 0),
            "sexagesimal_dec": lambda c, col: position(c, col, 1)}


def _file_columns(path, table_spec):
    raw, rows = _read(path, table_spec)
    fields = table_spec.properties["sexagesimal_fields"].split()
    derivations = dict(
        galactic_derivations(), **_positions(path, raw, rows, fields),
        openngc_class=class_from("type", OPENNGC_CLASSES),
        source_file=lambda c, _: np.full(len(rows), path.name))
    return assemble(table_spec, text_reader(path, raw, rows), derivations)


def openngc_table(ctx):
    """openngc.main from OpenNGC's NGC.csv and addendum.csv.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    table_spec = spec(ctx)
    key = [c.name for c in table_spec.columns
           if c.property("unique") == "True"][0]
    parts, seen = [], set()
    for file_name in OPENNGC_FILES:
        columns = _file_columns(ctx.data_dir / file_name, table_spec)
        names = np.ma.getdata(columns[key])
        keep = ~np.isin(names, list(seen))
        seen.update(names.tolist())
        parts.append({k: v[keep] for k, v in columns.items()})
    return concatenate_columns(parts)
