"""The ProvTAP-like tables (``rd/provtap.rd``), filled from PROV records.

IVOA's ProvTAP (a draft) maps the Provenance data model to TAP tables;
these tables follow its shape for what the data centre records: one row
per entity, activity and agent, and the relations used,
wasGeneratedBy, wasAssociatedWith and wasAttributedTo.  They are filled
from the PROV-JSON records that :mod:`apdc.fair_records` wrote (read back
with the ``prov`` library), all together in one transaction.
"""

import sys

import numpy as np
from prov.model import (PROV_LABEL, PROV_LOCATION, PROV_TYPE, ProvActivity,
                        ProvAgent, ProvAssociation, ProvAttribution,
                        ProvDocument, ProvEntity, ProvGeneration, ProvUsage)

from converters import rdschema

from . import dachs, fair_records, ingest

__all__ = ["rows_of", "refill", "TABLES"]

TABLES = ("entity", "activity", "agent", "used", "wasgeneratedby",
          "wasassociatedwith", "wasattributedto")
_RELATIONS = {ProvUsage: ("used", "activity_id", "entity_id"),
              ProvGeneration: ("wasgeneratedby", "entity_id", "activity_id"),
              ProvAssociation: ("wasassociatedwith", "activity_id",
                                "agent_id"),
              ProvAttribution: ("wasattributedto", "entity_id", "agent_id")}


def _one(record, attribute, default=""):
    values = record.get_attribute(attribute)
    return str(next(iter(values))) if values else default


def _apdc(record, name):
    for key, value in record.attributes:
        if key.localpart == name:
            return value
    return None


def _element(record, resource):
    ident = str(record.identifier)
    if isinstance(record, ProvEntity):
        return "entity", {
            "id": ident, "label": _one(record, PROV_LABEL),
            "type": _one(record, PROV_TYPE), "resource": resource,
            "location": _one(record, PROV_LOCATION),
            "sha256": str(_apdc(record, "sha256") or ""),
            "file_size": int(_apdc(record, "size") or -1),
            "n_rows": int(_apdc(record, "rows") if _apdc(record, "rows")
                          is not None else -1),
            "release": str(_apdc(record, "release") or "")}
    if isinstance(record, ProvActivity):
        return "activity", {
            "id": ident, "label": _one(record, PROV_LABEL),
            "resource": resource,
            "start_time": record.get_startTime().isoformat(),
            "end_time": record.get_endTime().isoformat(),
            "software": str(_apdc(record, "software") or ""),
            "parameters": str(_apdc(record, "parameters") or "")}
    if isinstance(record, ProvAgent):
        return "agent", {"id": ident, "label": _one(record, PROV_LABEL),
                         "type": _one(record, PROV_TYPE)}
    table, first, second = _RELATIONS[type(record)]
    args = record.formal_attributes
    return table, {first: str(args[0][1]), second: str(args[1][1]),
                   "resource": resource}


def rows_of(doc, resource):
    """``{table: [row dict]}`` of one PROV document."""
    rows = {t: [] for t in TABLES}
    for record in doc.get_records():
        table, row = _element(record, resource)
        rows[table].append(row)
    return rows


def _columns(table, rows):
    """The COPY columns of ``provtap.<table>`` (also when it is empty)."""
    out = {}
    for col in rdschema.table("provtap", table).columns:
        kind = np.int64 if col.type == "bigint" else object
        out[col.name] = np.array([r[col.name] for r in rows], dtype=kind)
    return out


def _layout_differs():
    """True if a provtap table is missing or its columns differ from the
    RD's (a column renamed in the RD needs the table made again)."""
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            for table in TABLES:
                cursor.execute("""SELECT column_name FROM
                    information_schema.columns WHERE table_schema =
                    'provtap' AND table_name = %s""", (table,))
                in_db = {row[0] for row in cursor.fetchall()}
                declared = {c.name.lower() for c in
                            rdschema.table("provtap", table).columns}
                if in_db != declared:
                    return True
    finally:
        conn.close()
    return False


def refill(log=sys.stderr):
    """Fill the provtap tables from every resource's PROV record."""
    merged, agents = {t: [] for t in TABLES}, {}
    for path in sorted(fair_records.RECORDS_DIR.glob("*/prov/*.json")):
        resource = path.parent.parent.name
        if path.stem != resource:
            continue  # the per-table records repeat the resource's
        doc = ProvDocument.deserialize(content=path.read_text(
            encoding="utf-8"), format="json")
        for table, rows in rows_of(doc, resource).items():
            if table == "agent":
                agents.update((r["id"], r) for r in rows)
            else:
                merged[table].extend(rows)
    merged["agent"] = list(agents.values())
    if _layout_differs():
        dachs.run("imp", "provtap", "create", quiet=True)
    counts = ingest.replace_tables(
        ((f"provtap.{t}", _columns(t, rows)) for t, rows in merged.items()),
        log=log)
    dachs.run("pub", "provtap", quiet=True)
    return counts
