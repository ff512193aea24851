"""A table as two files that rebuild it exactly, without DaCHS or the RD.

``<table>.json`` holds its layout as PostgreSQL has it: columns with
their exact types (``format_type``, so pgSphere and array types too) and
NULL rules, constraints (the primary key), the other indexes (the q3c
index included) and the roles allowed to read it.  ``<table>.copy`` holds
its rows in PostgreSQL's COPY text format, which gives back every value
bit for bit (floats are written in their shortest exact form).  A view
(e.g. DaCHS's SSA view of crspectra) is kept as its definition instead
of rows, and is loaded after the tables (:func:`is_view`); a partitioned
table comes back as one plain table with all its rows.

:func:`dump` writes the two files; :func:`load` creates the table in a
schema (the original one or another) and fills it, in the caller's
transaction.
"""

import json
import re

__all__ = ["dump", "load", "layout", "is_view", "TableDumpError"]

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


class TableDumpError(ValueError):
    """A table dump is missing, malformed or cannot be loaded; the message
    names the file."""


def _ident(name, what):
    if not _IDENT.match(name):
        raise TableDumpError(f"{what} {name!r} is not a plain SQL identifier")
    return name


def layout(cursor, schema, table):
    """The layout of ``schema.table`` (a JSON-ready dict).

    Parameters
    ----------
    cursor : psycopg2 cursor
    schema, table : str
    """
    qualified = f"{_ident(schema, 'schema')}.{_ident(table, 'table')}"
    cursor.execute("""SELECT attname, format_type(atttypid, atttypmod),
            attnotnull FROM pg_attribute WHERE attrelid = to_regclass(%s)
            AND attnum > 0 AND NOT attisdropped ORDER BY attnum""",
                   (qualified,))
    columns = [{"name": n, "type": t, "not_null": nn}
               for n, t, nn in cursor.fetchall()]
    if not columns:
        raise TableDumpError(f"table {qualified} does not exist")
    cursor.execute("""SELECT CASE WHEN relkind IN ('v', 'm')
            THEN pg_get_viewdef(oid, true) END FROM pg_class
            WHERE oid = to_regclass(%s)""", (qualified,))
    view = cursor.fetchone()[0]
    cursor.execute("""SELECT conname, pg_get_constraintdef(oid), conindid
            FROM pg_constraint WHERE conrelid = to_regclass(%s)
            AND contype IN ('p', 'u', 'c') ORDER BY conname""", (qualified,))
    constraints, backing = [], set()
    for name, definition, index_oid in cursor.fetchall():
        constraints.append({"name": name, "definition": definition})
        backing.add(index_oid)
    cursor.execute("""SELECT c.oid, c.relname, pg_get_indexdef(c.oid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = to_regclass(%s) ORDER BY c.relname""",
                   (qualified,))
    indexes = [{"name": name, "definition": definition}
               for oid, name, definition in cursor.fetchall()
               if oid not in backing]
    cursor.execute("""SELECT grantee FROM information_schema.role_table_grants
            WHERE table_schema = %s AND table_name = %s
            AND privilege_type = 'SELECT' AND grantee <> current_user
            ORDER BY grantee""", (schema, table))
    readers = [row[0] for row in cursor.fetchall()]
    return {"schema": schema, "table": table, "columns": columns,
            "view": view, "constraints": constraints, "indexes": indexes,
            "readers": readers}


def dump(cursor, schema, table, folder):
    """Write ``<table>.json`` and ``<table>.copy`` into ``folder``.

    Returns
    -------
    int
        The number of rows written.
    """
    info = layout(cursor, schema, table)
    if info["view"] is None:
        # COPY (SELECT ...): also for partitioned tables, whose rows are
        # in their partitions
        with open(folder / f"{table}.copy", "w", encoding="utf-8") as f:
            cursor.copy_expert(f"COPY (SELECT * FROM {schema}.{table}) TO "
                               "STDOUT", f)
    cursor.execute(f"SELECT COUNT(*) FROM {schema}.{table}")
    info["rows"] = cursor.fetchone()[0]
    (folder / f"{table}.json").write_text(json.dumps(info, indent=1),
                                          encoding="utf-8")
    return info["rows"]


def _in_schema(definition, source, target, table):
    """An index definition moved from schema ``source`` to ``target``."""
    # an index of a partitioned table is "ON ONLY"; the restored table is
    # a plain one
    definition = definition.replace(f" ON ONLY {source}.{table} ",
                                    f" ON {source}.{table} ", 1)
    old = f" ON {source}.{table} "
    if old not in definition:
        raise TableDumpError(f"index definition {definition!r} is not on "
                             f"{source}.{table}")
    return definition.replace(old, f" ON {target}.{table} ", 1)


def _read_layout(folder, table):
    path = folder / f"{table}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TableDumpError(f"{path}: cannot read the table layout "
                             f"({exc})") from None


def is_view(folder, table):
    """True if the dump of ``table`` in ``folder`` is that of a view."""
    return _read_layout(folder, table).get("view") is not None


def _create(cursor, folder, info, qualified, source, schema):
    """Create the table or view ``qualified`` of a dump and fill it."""
    if info.get("view") is not None:
        definition = info["view"]
        if schema != source:
            # the view reads the restored tables, not the served ones
            definition = re.sub(rf"\b{source}\.", f"{schema}.", definition)
        cursor.execute(f"CREATE VIEW {qualified} AS {definition}")
        return
    columns = ", ".join(
        f'"{c["name"]}" {c["type"]}' + (" NOT NULL" if c["not_null"] else "")
        for c in info["columns"])
    cursor.execute(f"CREATE TABLE {qualified} ({columns})")
    with open(folder / f"{info['table']}.copy", encoding="utf-8") as f:
        cursor.copy_expert(f"COPY {qualified} FROM STDIN", f)


def load(cursor, folder, table, schema=None):
    """Create ``schema.table`` from its dump in ``folder`` and fill it.

    Parameters
    ----------
    cursor : psycopg2 cursor
        Its transaction is the caller's: nothing is committed here.
    folder : pathlib.Path
    table : str
    schema : str, optional
        Default: the schema the table was dumped from.

    Returns
    -------
    int
        The number of rows loaded (TableDumpError if it differs from the
        dump's).
    """
    info = _read_layout(folder, table)
    source = info["schema"]
    schema = _ident(schema or source, "schema")
    qualified = f"{schema}.{_ident(table, 'table')}"
    cursor.execute("SELECT to_regclass(%s)", (qualified,))
    if cursor.fetchone()[0] is not None:
        raise TableDumpError(f"{qualified} exists; restore only recreates "
                             "lost tables (drop it, or restore into another "
                             "schema with --schema)")
    cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    _create(cursor, folder, info, qualified, source, schema)
    cursor.execute(f"SELECT COUNT(*) FROM {qualified}")
    rows = cursor.fetchone()[0]
    if rows != info["rows"]:
        raise TableDumpError(f"{folder / table}.copy: {rows} rows read, "
                             f"the layout says {info['rows']}")
    for constraint in info["constraints"]:
        cursor.execute(f"ALTER TABLE {qualified} ADD CONSTRAINT "
                       f"{_ident(constraint['name'], 'constraint')} "
                       f"{constraint['definition']}")
    for index in info["indexes"]:
        cursor.execute(_in_schema(index["definition"], source, schema, table))
    for role in info["readers"]:
        cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO "
                       f"{_ident(role, 'role')}")
        cursor.execute(f"GRANT SELECT ON {qualified} TO {role}")
    return rows
