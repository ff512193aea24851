"""Atomic, fast replacement of a served table's rows.

The rows are COPYed (binary) into a staging table made LIKE the served
one; its indexes, cluster mark and grants are cloned from the served
table, which DaCHS created from the RD.  Only then, in the same
transaction, is the served table dropped and the staging table renamed
into its place.  So:

* the import is all-or-nothing: any error rolls the transaction back;
* the server answers from the previous rows until the final swap, which
  holds its exclusive lock for milliseconds;
* the RD stays the one definition of columns, types and indexes;
* views over the served table (DaCHS's ivoa.obscore is one, a UNION over
  the obscore clauses of all published tables) survive the swap: they
  are dropped with it and re-created from their own definitions in the
  same transaction (``_dependent_views``), so they are never missing.
"""

import sys
import time

import numpy as np

from converters.tables import FileChunks

from . import partitions, pgcopy

__all__ = ["IngestError", "get_connection", "replace_tables",
           "replace_rows"]

# information_schema data_type -> pgcopy type
_PGTYPES = {
    "timestamp without time zone": "timestamp",
    "character varying": "text",
    "text": "text",
}

# pgSphere types have no binary COPY form: the converters give them in
# pgSphere's text syntax (e.g. "<(10d,20d),1.5d>" for a scircle), they
# travel as text and are cast once the rows are in.
_TEXT_LOADED = {"spoint", "scircle", "spoly", "sbox", "smoc"}

SWAP_LOCK_TIMEOUT = "30s"
INDEX_WORK_MEM = "512MB"


class IngestError(RuntimeError):
    """An import could not be completed; the served table is unchanged."""


def get_connection():
    """A connection with DaCHS's admin (table-owning) profile."""
    from gavo import base
    return base.getDBConnection("admin")


def _table_columns(cursor, schema, table):
    cursor.execute("""
        SELECT column_name,
          CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END,
          is_nullable = 'YES'
        FROM information_schema.columns
        WHERE table_schema = %s AND table_name = %s
          AND is_generated = 'NEVER'
        ORDER BY ordinal_position""", (schema, table))
    rows = cursor.fetchall()
    if not rows:
        raise IngestError(f"Table {schema}.{table} does not exist; create it "
            f"with 'apdc import --recreate {schema}'.")
    return rows


def _to_copy_columns(schema, table, db_columns, data):
    """Match the converter's arrays to the table's columns and types."""
    missing = [name for name, _, _ in db_columns if name not in data]
    extra = sorted(set(data) - {name for name, _, _ in db_columns})
    if missing or extra:
        raise IngestError(f"{schema}.{table}: the converter's columns do not "
            f"match the table (missing: {missing}, unknown: {extra}); the RD "
            "and the converter disagree.")
    columns = []
    for name, data_type, nullable in db_columns:
        values = data[name]
        null = None
        if isinstance(values, np.ma.MaskedArray):
            null = np.ma.getmaskarray(values)
            values = values.filled(0 if values.dtype.kind in "iuf"
                else values.fill_value)
            if null.any() and not nullable:
                raise IngestError(f"{schema}.{table}: column {name} is "
                    f"NULL in row {int(np.argmax(null)) + 1} but may not be.")
        pgtype = "text" if data_type in _TEXT_LOADED else _PGTYPES.get(
            data_type, data_type)
        columns.append(pgcopy.Column(name, pgtype, values, null))
    return columns


def _clone_table_setup(cursor, schema, table, staging):
    """Indexes, cluster mark and grants of the served table, on staging.

    Returns the (temporary name, final name) pairs of the indexes.
    """
    cursor.execute("""
        SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisprimary,
          x.indisclustered
        FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = %s AND t.relname = %s""", (schema, table))
    renames = []
    for name, definition, is_primary, is_clustered in cursor.fetchall():
        tmp_name = f"{name}__incoming"
        definition = definition.replace(
            f"INDEX {name} ON {schema}.{table} ",
            f"INDEX {tmp_name} ON {schema}.{staging} ", 1)
        cursor.execute(definition)
        if is_primary:
            cursor.execute(f"ALTER TABLE {schema}.{staging} ADD CONSTRAINT "
                f"{tmp_name} PRIMARY KEY USING INDEX {tmp_name}")
        if is_clustered:
            cursor.execute(
                f"ALTER TABLE {schema}.{staging} CLUSTER ON {tmp_name}")
        renames.append((tmp_name, name))
    _copy_grants(cursor, schema, table, staging)
    return renames


def _copy_grants(cursor, schema, table, staging):
    """The grants of the served table, on the staging one."""
    cursor.execute("""
        SELECT grantee, privilege_type FROM information_schema.role_table_grants
        WHERE table_schema = %s AND table_name = %s
          AND grantee <> current_user""", (schema, table))
    for grantee, privilege in cursor.fetchall():
        cursor.execute(f'GRANT {privilege} ON {schema}.{staging} TO "{grantee}"')


def _dependent_views(cursor, schema, table):
    """The views built on the table, directly or through other views.

    Returns (name, definition, owner, comment, grants) tuples in an order
    in which they can be re-created.  DROP TABLE would fail on them (and
    DROP ... CASCADE would lose them): ivoa.obscore, for instance, is a
    view over every table with an obscore clause.
    """
    cursor.execute("""
        WITH RECURSIVE deps(oid, depth) AS (
            SELECT r.ev_class, 1
            FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
            WHERE d.classid = 'pg_rewrite'::regclass
              AND d.refclassid = 'pg_class'::regclass
              AND d.refobjid = %s::regclass AND r.ev_class <> d.refobjid
          UNION
            SELECT r.ev_class, deps.depth + 1
            FROM deps JOIN pg_depend d ON d.refobjid = deps.oid
              JOIN pg_rewrite r ON r.oid = d.objid
            WHERE d.classid = 'pg_rewrite'::regclass
              AND d.refclassid = 'pg_class'::regclass
              AND r.ev_class <> d.refobjid)
        SELECT c.oid::regclass::text, n.nspname, c.relname, c.relkind,
          pg_get_viewdef(c.oid), pg_get_userbyid(c.relowner),
          obj_description(c.oid, 'pg_class'), MAX(deps.depth)
        FROM deps JOIN pg_class c ON c.oid = deps.oid
          JOIN pg_namespace n ON n.oid = c.relnamespace
        GROUP BY c.oid, n.nspname, c.relname
        ORDER BY MAX(deps.depth), c.oid::regclass::text""",
        (f"{schema}.{table}",))
    views = []
    for name, view_schema, view_name, kind, definition, owner, comment, _ \
            in cursor.fetchall():
        if kind != "v":
            raise IngestError(f"{schema}.{table}: {name} depends on it and "
                "is not a plain view; drop it before the import.")
        cursor.execute("""
            SELECT grantee, privilege_type
            FROM information_schema.role_table_grants
            WHERE table_schema = %s AND table_name = %s
              AND grantee <> current_user""", (view_schema, view_name))
        views.append((name, definition, owner, comment, cursor.fetchall()))
    return views


def _recreate_views(cursor, views):
    """Re-create views saved by ``_dependent_views`` after the swap."""
    for name, definition, owner, comment, grants in views:
        cursor.execute(f"CREATE VIEW {name} AS {definition}")
        cursor.execute("SELECT current_user")
        if owner != cursor.fetchone()[0]:
            cursor.execute(f'ALTER VIEW {name} OWNER TO "{owner}"')
        if comment is not None:
            cursor.execute(f"COMMENT ON VIEW {name} IS %s", (comment,))
        for grantee, privilege in grants:
            grantee = grantee if grantee == "PUBLIC" else f'"{grantee}"'
            cursor.execute(f"GRANT {privilege} ON {name} TO {grantee}")


def _copy_into_staging(cursor, schema, table, staging, db_columns, columns,
                       log):
    """Create the staging table LIKE the served one and COPY the rows in."""
    cursor.execute(f"DROP TABLE IF EXISTS {schema}.{staging}")
    cursor.execute(f"CREATE TABLE {schema}.{staging} (LIKE "
        f"{schema}.{table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
        "INCLUDING GENERATED)")
    sphere_columns = [(name, data_type) for name, data_type, _
        in db_columns if data_type in _TEXT_LOADED]
    for name, _ in sphere_columns:
        cursor.execute(f"ALTER TABLE {schema}.{staging} ALTER COLUMN "
            f"{name} TYPE text")
    started = time.monotonic()
    names = ", ".join(col.name for col in columns)
    cursor.copy_expert(
        f"COPY {schema}.{staging} ({names}) FROM STDIN WITH (FORMAT binary)",
        pgcopy.ChunkReader(pgcopy.copy_chunks(columns)), size=1 << 20)
    print(f"  {schema}.{table}: copied {len(columns[0].values)} rows in "
        f"{time.monotonic() - started:.1f} s; indexing", file=log)
    for name, data_type in sphere_columns:
        cursor.execute(f"ALTER TABLE {schema}.{staging} ALTER COLUMN "
            f"{name} TYPE {data_type} USING {name}::{data_type}")


def _swap_in(cursor, schema, table, staging, renames):
    """Replace the served table by the staging table (same transaction)."""
    cursor.execute(f"SET LOCAL lock_timeout = '{SWAP_LOCK_TIMEOUT}'")
    # Views on the table (e.g. ivoa.obscore) go with it and come
    # back, from their saved definitions, before the commit.
    views = _dependent_views(cursor, schema, table)
    cursor.execute(f"DROP TABLE {schema}.{table}"
        + (" CASCADE" if views else ""))
    cursor.execute(f"ALTER TABLE {schema}.{staging} RENAME TO {table}")
    for tmp_name, name in renames:
        cursor.execute(f"ALTER INDEX {schema}.{tmp_name} RENAME TO {name}")
    _recreate_views(cursor, views)


def _stage(cursor, qualified_table, data, log):
    """Fill the staging copy of one table; (schema, table, staging, renames, rows)."""
    schema, table = qualified_table.split(".")
    staging = f"{table}__incoming"
    db_columns = _table_columns(cursor, schema, table)
    columns = _to_copy_columns(schema, table, db_columns, data)
    _copy_into_staging(cursor, schema, table, staging, db_columns, columns,
                       log)
    indexing_started = time.monotonic()
    renames = _clone_table_setup(cursor, schema, table, staging)
    cursor.execute(f"ANALYZE {schema}.{staging}")
    print(f"  {qualified_table}: {len(renames)} indexes built in "
        f"{time.monotonic() - indexing_started:.1f} s", file=log)
    return schema, table, staging, renames, len(columns[0].values)


def _stage_any(cursor, qualified_table, data, drop_missing, log):
    """Stage one table; ``(swap(cursor), rows)``.

    A :class:`converters.tables.FileChunks` is streamed into partitions
    (:mod:`apdc.partitions`), a dict of columns into a staging copy.
    """
    if isinstance(data, FileChunks):
        return partitions.stage_table(cursor, qualified_table, data,
            partitions.PlainTableOps(_to_copy_columns, _copy_grants,
                                     _swap_in, _table_columns, IngestError),
            drop_missing, log)
    schema, table, staging, renames, rows = _stage(cursor, qualified_table,
                                                   data, log)
    return (lambda cursor: _swap_in(cursor, schema, table, staging,
                                    renames)), rows


def replace_tables(tables, connection=None, log=sys.stderr,
                   drop_missing=True):
    """Replace the rows of several tables together, all or none.

    Every table is first filled into a staging copy beside the served
    one (the server keeps answering from the served rows), and only when
    all are staged are they swapped in, in the same transaction.  A
    failure anywhere, also in a converter that ``tables`` calls lazily,
    rolls everything back: every served table stays as it was.

    Parameters
    ----------
    tables : iterable of (str, dict)
        ``(schema.table, columns)`` pairs; may be a generator.
        The columns may also be a :class:`converters.tables.FileChunks`
        for a partitioned table: each file replaces or adds one partition.
    connection : psycopg2 connection, optional
        Defaults to DaCHS's admin profile.
    drop_missing : bool, optional
        Drop the partitions whose file is not given (a full import);
        False to append or replace only the files given.

    Returns
    -------
    dict of str to int
        Rows now served (partitioned tables: rows loaded), per table.
    """
    conn = connection or get_connection()
    started = time.monotonic()
    try:
        with conn.cursor() as cursor:
            # Index builds sort in memory instead of spilling to disk.
            cursor.execute(
                f"SET LOCAL maintenance_work_mem = '{INDEX_WORK_MEM}'")
            staged = {name: _stage_any(cursor, name, data, drop_missing, log)
                      for name, data in tables}
            for swap, _ in staged.values():
                swap(cursor)
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        if connection is None:
            conn.close()
    served = {name: rows for name, (_, rows) in staged.items()}
    for name, rows in served.items():
        print(f"  {name}: now serving {rows} rows "
            f"({time.monotonic() - started:.1f} s)", file=log)
    return served


def replace_rows(qualified_table, data, connection=None, log=sys.stderr):
    """Replace all rows of one table atomically (see :func:`replace_tables`).

    Parameters
    ----------
    qualified_table : str
        ``schema.table`` of a table DaCHS has created from an RD.
    data : dict of str to numpy.ndarray
        One array per table column; masked arrays give NULLs.
    connection : psycopg2 connection, optional

    Returns
    -------
    int
        The number of rows now served.
    """
    return replace_tables([(qualified_table, data)], connection,
                          log)[qualified_table]
