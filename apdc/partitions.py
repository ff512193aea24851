"""Partitioned event tables: one partition per input file or group of files.

A table whose RD declares ``<property name="partition_by">COLUMN</property>``
and whose manifest converter returns :class:`converters.tables.FileChunks`
is a PostgreSQL declaratively partitioned table, ``PARTITION BY RANGE
(COLUMN)``.  A partition holds consecutive input files until it has at
least ``<property name="partition_rows">N</property>`` rows (default 0:
one file per partition); it is named after its first file
(``events_kascade_sim_run00001``), bounded by the range of COLUMN in its
files, and its table comment lists its files (:data:`FILES_COMMENT`), so
that re-importing one of them rebuilds exactly that partition.  Fewer,
larger partitions make a cone search cheaper (each partition is probed
through its own q3c index); see docs/ingest.md for the measurements.
DaCHS, TAP and the views over the table (``airshowers``) see the parent
table only.

Each group is COPYed (binary, FREEZE) file by file into a new table
beside the served ones, indexed like the parent's partitioned indexes, given a CHECK constraint of its
bounds (so that ATTACH need not scan it) and analysed; only then, in the
same transaction, is a partition of the same name detached and dropped
and the new table attached.  Attaching takes a SHARE UPDATE EXCLUSIVE
lock on the parent, which does not block queries; replacing a partition
takes ACCESS EXCLUSIVE for the milliseconds of the swap.  So

* a new file is an append whose cost is proportional to the new rows;
* a re-import of one file replaces only its partition; the other
  partitions keep their rows (and ctid, xmin);
* a full import replaces every partition and drops those whose file is
  gone, all or nothing, in the transaction of the resource's import.

The parent is created by apdc (``ensure_parent``), not by ``dachs imp``,
from the table DaCHS created from the RD: same columns, same indexes as
partitioned indexes; a primary key gets the partition key appended (a
unique index of a partitioned table must contain it).  A CLUSTER mark is
not possible on a partitioned table and not needed: the rows arrive in
spatial order (:mod:`apdc.streaming`).
"""

import dataclasses
import functools
import io
import json
import re
import sys
import time
from pathlib import Path

import psycopg2

from converters import rdschema

from . import streaming
from .partition_plan import (FILES_COMMENT, ROWS_PROPERTY, group_ends,
                             partition_files, partition_rows, plan_groups)

__all__ = ["PARTITION_PROPERTY", "ROWS_PROPERTY", "FILES_COMMENT",
           "PlainTableOps", "partition_key", "partition_rows",
           "partition_name", "partitions_of", "partition_files",
           "is_partitioned", "ensure_parent", "stage_table"]

#: The RD table property naming the range partition key column.
PARTITION_PROPERTY = "partition_by"

SWAP_LOCK_TIMEOUT = "30s"


@dataclasses.dataclass(frozen=True)
class PlainTableOps:
    """The helpers of :mod:`apdc.ingest` this module uses (given by it,
    so that the two modules do not import each other).

    Attributes
    ----------
    to_copy_columns, copy_grants, swap_in, table_columns : callable
    error : type
        The exception class of a failed import (``IngestError``).
    """

    to_copy_columns: object
    copy_grants: object
    swap_in: object
    table_columns: object
    error: type


def partition_key(qualified_table):
    """The partition key column the RD declares, or None."""
    schema, table = qualified_table.split(".")
    return rdschema.table(schema, table).properties.get(PARTITION_PROPERTY)


def partition_name(table, path):
    """The partition of ``table`` that holds the rows of the file ``path``."""
    stem = re.sub(r"[^a-z0-9_]", "_", Path(path).stem.lower())
    return f"{table}_{stem}"[:48]


def is_partitioned(cursor, schema, table):
    """True if ``schema.table`` is a partitioned table."""
    cursor.execute("""SELECT c.relkind FROM pg_class c JOIN pg_namespace n
        ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s""",
                   (schema, table))
    row = cursor.fetchone()
    return bool(row) and row[0] == "p"


def partitions_of(cursor, schema, table):
    """Partition name -> its bound expression, of a partitioned table."""
    cursor.execute("""SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = %s::regclass ORDER BY c.relname""",
                   (f"{schema}.{table}",))
    return dict(cursor.fetchall())


def _indexes(cursor, schema, table):
    """(name, definition, is_primary, column list) of a table's indexes."""
    cursor.execute("""
        SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisprimary,
          (SELECT string_agg(a.attname, ', ' ORDER BY k.n)
           FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
           JOIN pg_attribute a ON a.attrelid = x.indrelid
             AND a.attnum = k.attnum)
        FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = %s AND t.relname = %s ORDER BY i.relname""",
                   (schema, table))
    return cursor.fetchall()


def _clone_index(cursor, schema, index, on_source, target, new_name):
    """Create an index like ``index`` (an ``_indexes`` row) on ``target``.

    ``on_source`` is the ``ON ...`` clause of its definition; a primary
    key becomes a primary key constraint over the row's columns.
    """
    name, definition, is_primary, columns = index
    if is_primary:
        cursor.execute(f"ALTER TABLE {schema}.{target} ADD CONSTRAINT "
                       f"{new_name} PRIMARY KEY ({columns})")
    else:
        cursor.execute(definition.replace(
            f"INDEX {name} {on_source}",
            f"INDEX {new_name} ON {schema}.{target} ", 1))


def ensure_parent(cursor, schema, table, key, copy_grants):
    """Build a partitioned twin of the served plain table, if needed.

    Returns
    -------
    (str, list) or None
        The staging parent's name and the (temporary, final) index name
        pairs, to be swapped in by :func:`apdc.ingest._swap_in` after
        its partitions are attached; None if the table is partitioned.
    """
    if is_partitioned(cursor, schema, table):
        return None
    staging = f"{table}__incoming"
    cursor.execute(f"DROP TABLE IF EXISTS {schema}.{staging} CASCADE")
    cursor.execute(f"CREATE TABLE {schema}.{staging} (LIKE {schema}.{table} "
                   "INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                   f"INCLUDING GENERATED) PARTITION BY RANGE ({key})")
    renames = []
    for name, definition, is_primary, columns in _indexes(cursor, schema,
                                                          table):
        tmp_name = f"{name}__incoming"
        if is_primary and key not in columns.split(", "):
            columns = f"{columns}, {key}"
        _clone_index(cursor, schema, (name, definition, is_primary, columns),
                     f"ON {schema}.{table} ", staging, tmp_name)
        renames.append((tmp_name, name))
    copy_grants(cursor, schema, table, staging)
    return staging, renames


@dataclasses.dataclass
class _Staged:
    """A loaded table waiting to become partition ``name``.

    ``indexes`` is None until :func:`_finish_partition` has built them.
    """

    name: str
    tmp: str
    low: int
    high: int
    rows: int
    paths: list
    indexes: list = None

    @property
    def path(self):
        """The files, for messages."""
        return ", ".join(str(p) for p in self.paths)


def _start_partition(cursor, schema, table, parent, first_path):
    """A new, empty table like ``parent`` for the partition of a group.

    ``table`` is the served name, ``parent`` the table to attach to
    (its staging twin while the table becomes partitioned).  The table
    is created in the import's transaction, so that COPY FREEZE may load
    it (no later pass sets hint bits or freezes the rows).
    """
    name = partition_name(table, first_path)
    tmp = f"{name}__in"
    cursor.execute(f"DROP TABLE IF EXISTS {schema}.{tmp}")
    cursor.execute(f"CREATE TABLE {schema}.{tmp} (LIKE {schema}.{parent} "
                   "INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                   "INCLUDING GENERATED)")
    return _Staged(name, tmp, None, None, 0, [])


def _copy_file(cursor, schema, staged, encoded):
    """COPY one encoded file into the partition being built."""
    cursor.copy_expert(f"COPY {schema}.{staged.tmp} FROM STDIN WITH "
                       "(FORMAT binary, FREEZE true)",
                       io.BytesIO(encoded.payload), size=1 << 20)
    staged.low = encoded.low if staged.low is None else min(staged.low,
                                                            encoded.low)
    staged.high = encoded.high if staged.high is None else max(staged.high,
                                                               encoded.high)
    staged.rows += encoded.rows
    staged.paths.append(encoded.path)


def _finish_partition(cursor, schema, parent, key, staged):
    """Bounds constraint, the parent's indexes, file list and ANALYZE."""
    tmp = staged.tmp
    # ATTACH skips its validating scan when a constraint implies the bound
    cursor.execute(f"ALTER TABLE {schema}.{tmp} ADD CONSTRAINT {tmp}_bounds "
                   f"CHECK ({key} >= {staged.low} AND {key} < {staged.high})")
    staged.indexes = []
    for i, (index, definition, is_primary, columns) in enumerate(
            _indexes(cursor, schema, parent)):
        _clone_index(cursor, schema, (index, definition, is_primary, columns),
                     f"ON ONLY {schema}.{parent} ", tmp, f"{tmp}_i{i}")
        staged.indexes.append(i)
    cursor.execute(f"COMMENT ON TABLE {schema}.{tmp} IS %s", (FILES_COMMENT
                   + json.dumps([Path(p).name for p in staged.paths]),))
    cursor.execute(f"ANALYZE {schema}.{tmp}")
    return staged


def _attach(cursor, schema, parent, staged, existing, error):
    """Swap a staged table in as its partition (replacing one of its name)."""
    cursor.execute(f"SET LOCAL lock_timeout = '{SWAP_LOCK_TIMEOUT}'")
    if staged.name in existing:
        cursor.execute(f"ALTER TABLE {schema}.{parent} DETACH PARTITION "
                       f"{schema}.{staged.name}")
        cursor.execute(f"DROP TABLE {schema}.{staged.name}")
    cursor.execute(f"ALTER TABLE {schema}.{staged.tmp} RENAME TO {staged.name}")
    cursor.execute(f"ALTER TABLE {schema}.{staged.name} RENAME CONSTRAINT "
                   f"{staged.tmp}_bounds TO {staged.name}_bounds")
    for i in staged.indexes:
        cursor.execute(f"ALTER INDEX {schema}.{staged.tmp}_i{i} "
                       f"RENAME TO {staged.name}_i{i}")
    cursor.execute("SAVEPOINT apdc_attach")
    try:
        cursor.execute(f"ALTER TABLE {schema}.{parent} ATTACH PARTITION "
                       f"{schema}.{staged.name} FOR VALUES FROM "
                       f"({staged.low}) TO ({staged.high})")
    except psycopg2.Error as exc:
        cursor.execute("ROLLBACK TO SAVEPOINT apdc_attach")
        raise error(f"{staged.path}: its rows cannot become partition "
                          f"{schema}.{staged.name} of {schema}.{parent} "
                          f"({exc.pgerror.strip()}); nothing was changed."
                          ) from exc


def _load_groups(cursor, names, chunks, plan, target, convert, log):
    """Stream the files of ``plan`` into partitions; the staged ones.

    ``names`` is (schema, served table, parent to attach to, key).  A
    group of the plan ends at its last file if fixed, else whenever it
    holds ``target`` rows.
    """
    schema, table, parent, key = names
    ends = group_ends(plan)
    staged, current, started = [], None, time.monotonic()
    for i, encoded in enumerate(streaming.encoded_files(chunks, convert,
                                                         key)):
        if current is None:
            current = _start_partition(cursor, schema, table, parent,
                                       encoded.path)
        _copy_file(cursor, schema, current, encoded)
        end, fixed = ends[i]
        if end or (not fixed and current.rows >= target):
            staged.append(_finish_partition(cursor, schema, parent, key,
                                            current))
            current = None
        rows = sum(s.rows for s in staged) + (current.rows if current else 0)
        print(f"  {schema}.{table}: {i + 1}/{len(chunks.paths)} files, "
              f"{len(staged)} partitions, {rows:,} rows "
              f"({rows / (time.monotonic() - started):,.0f} rows/s)",
              file=log, flush=True)
    return staged


def stage_table(cursor, qualified_table, chunks, ops, drop_missing=True,
                log=sys.stderr):
    """Load the files of a partitioned table; the swap, to call later.

    Parameters
    ----------
    cursor : psycopg2 cursor
        Of the import's one transaction.
    qualified_table : str
    chunks : converters.tables.FileChunks
        The files to load.  In a full import they are grouped into
        partitions of at least ``partition_rows`` rows (RD property); in
        an append a file already loaded rebuilds its partition, with the
        partition's other files, and new files make new partitions.
    ops : PlainTableOps
        The plain-table helpers of :mod:`apdc.ingest`.
    drop_missing : bool
        Drop the partitions whose file is not in ``chunks`` (a full
        import); False for an append.

    Returns
    -------
    (callable, int)
        ``swap(cursor)`` putting the partitions in place, and the number
        of rows loaded.
    """
    schema, table = qualified_table.split(".")
    key = partition_key(qualified_table)
    new_parent = ensure_parent(cursor, schema, table, key, ops.copy_grants)
    parent = new_parent[0] if new_parent else table
    db_columns = ops.table_columns(cursor, schema, table)
    convert = functools.partial(ops.to_copy_columns, schema, table,
                                db_columns)
    try:
        plan = plan_groups(cursor, schema, parent, chunks.paths,
                           not drop_missing)
    except FileNotFoundError as exc:
        raise ops.error(str(exc)) from exc
    staged = _load_groups(cursor, (schema, table, parent, key),
        dataclasses.replace(chunks, paths=tuple(p for paths, _ in plan for p in paths)),
        plan, partition_rows(qualified_table), convert, log)

    def swap(cursor):
        existing = partitions_of(cursor, schema, parent)
        if drop_missing:  # first, so that their bounds are free
            keep = {item.name for item in staged}
            # foreign partitions (shards) are not the import's to drop
            cursor.execute("""SELECT relname FROM pg_class c JOIN
                pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s
                AND c.relkind = 'r' AND c.relname = ANY(%s)""",
                           (schema, sorted(set(existing) - keep)))
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TABLE {schema}.{name}")
        for item in staged:
            _attach(cursor, schema, parent, item, existing, ops.error)
        if new_parent:
            ops.swap_in(cursor, schema, table, *new_parent)
    return swap, sum(s.rows for s in staged)

