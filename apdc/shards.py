"""Shards: partitions of an event table on other PostgreSQL servers.

PostgreSQL's own distributed engine is used, no home-made one: a shard
is a ``postgres_fdw`` foreign server declared with ``extensions
'q3c,pg_sphere'`` (so that q3c and pgSphere conditions are shippable and
run on the shard) and ``async_capable 'true'`` (so that an Append over
several shards runs them in parallel).  A partition is moved to a shard
by creating its table (same columns, same indexes) on the shard,
COPYing its rows there, and then, in one local transaction, detaching
the local partition and attaching a foreign table of the same bounds.

DaCHS, TAP and the cone search keep seeing the one parent table; the
planner sends each foreign partition's share of a query (with its q3c
condition) to the shard as ``Remote SQL``.
"""

import io
import os
import threading

import psycopg2
from psycopg2 import sql

__all__ = ["SHIPPABLE_EXTENSIONS", "FETCH_SIZE", "ShardError", "add_shard",
           "shard_dsn", "shard_servers", "move_partition",
           "foreign_partitions"]

#: Extensions whose operators and functions the shards may evaluate.
SHIPPABLE_EXTENSIONS = "q3c,pg_sphere"

#: Rows per round trip from a shard (postgres_fdw's default, 100, makes
#: a cone of some thousand rows cost dozens of round trips).
FETCH_SIZE = 10000

#: Bytes per piece of the COPY stream from the local server to a shard.
_COPY_PIECE = 1 << 20


class ShardError(ValueError):
    """A shard operation cannot be done; the message says why and what
    the operator can do."""


def add_shard(cursor, name, host, port, dbname, user, password):
    """Declare foreign server NAME and a user mapping for PUBLIC.

    Idempotent: an existing server gets its options replaced.

    Parameters
    ----------
    cursor : psycopg2 cursor
        Of a role with USAGE on postgres_fdw (``deploy/shard_cluster.sh``
        grants it to DaCHS's admin role).
    name, host : str
    port : int
    dbname, user, password : str
        The shard's database and login role; a non-superuser mapping
        must carry a password (postgres_fdw refuses password-less ones).
    """
    # postgres_fdw itself is created by a superuser (deploy/shard_cluster.sh)
    options = {"host": host, "port": str(port), "dbname": dbname,
               "extensions": SHIPPABLE_EXTENSIONS, "async_capable": "true",
               "fetch_size": str(FETCH_SIZE),
               # without remote estimates postgres_fdw builds no
               # parameterized paths, and a cross-match (a join on
               # q3c_join with a local catalogue) would fetch every row of
               # the shard instead of sending it one q3c_join per source
               "use_remote_estimate": "true"}
    cursor.execute("SELECT srvoptions FROM pg_foreign_server"
                   " WHERE srvname = %s", (name,))
    row = cursor.fetchone()
    server = sql.Identifier(name)
    if row:
        present = {opt.split("=", 1)[0] for opt in row[0] or ()}
        cursor.execute(sql.SQL("DROP USER MAPPING IF EXISTS FOR PUBLIC"
                               " SERVER {}").format(server))
        cursor.execute(sql.SQL("ALTER SERVER {} OPTIONS ({})").format(
            server, sql.SQL(", ").join(
                sql.SQL("{} {} {}").format(
                    sql.SQL("SET" if key in present else "ADD"),
                    sql.SQL(key), sql.Literal(value))
                for key, value in options.items())))
    else:
        cursor.execute(sql.SQL("CREATE SERVER {} FOREIGN DATA WRAPPER"
                               " postgres_fdw OPTIONS ({})").format(
            server, sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.SQL(key), sql.Literal(value))
                for key, value in options.items())))
    cursor.execute(sql.SQL("CREATE USER MAPPING FOR PUBLIC SERVER {}"
                           " OPTIONS (user {}, password {})").format(
        server, sql.Literal(user), sql.Literal(password)))


def _options(values):
    return dict(opt.split("=", 1) for opt in values or ())


def shard_servers(cursor):
    """Server name -> its options, of every postgres_fdw server."""
    cursor.execute("""SELECT s.srvname, s.srvoptions FROM pg_foreign_server s
        JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
        WHERE w.fdwname = 'postgres_fdw' ORDER BY s.srvname""")
    return {name: _options(opts) for name, opts in cursor.fetchall()}


def shard_dsn(cursor, server):
    """The libpq connection string of foreign server SERVER.

    Built from the server's options and its user mapping for PUBLIC, so
    that the operator declares the shard once (:func:`add_shard`).  The
    mapping's options are visible to the server's owner and superusers.
    """
    servers = shard_servers(cursor)
    if server not in servers:
        raise ShardError(f"no shard {server!r}; declared: "
                         f"{sorted(servers) or 'none'} (apdc shard add)")
    cursor.execute("SELECT umoptions FROM pg_user_mappings"
                   " WHERE srvname = %s AND usename = 'public'", (server,))
    row = cursor.fetchone()
    if not row or row[0] is None:
        raise ShardError(f"shard {server!r}: no user mapping for PUBLIC "
                         "readable by this role (apdc shard add declares "
                         "one)")
    mapping = _options(row[0])
    parts = {key: servers[server].get(key) for key in ("host", "port",
                                                        "dbname")}
    parts.update(user=mapping.get("user"), password=mapping.get("password"))
    # libpq quoting: a password may hold blanks, quotes or backslashes
    return " ".join("{}='{}'".format(key, value.replace("\\", "\\\\")
                                     .replace("'", "\\'"))
                    for key, value in parts.items() if value is not None)


def _qualified(schema, table):
    return f'"{schema}"."{table}"'


def _columns(cursor, schema, table):
    cursor.execute(
        "SELECT attname, format_type(atttypid, atttypmod), attnotnull"
        " FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
        " AND NOT attisdropped ORDER BY attnum", (_qualified(schema, table),))
    return cursor.fetchall()


def _index_definitions(cursor, schema, table):
    """The CREATE INDEX statements of a local table's indexes.

    They name the table as ``schema.table``, which is also its name on
    the shard, so that they run there as they are.
    """
    cursor.execute("SELECT pg_get_indexdef(indexrelid) FROM pg_index"
                   " WHERE indrelid = %s::regclass ORDER BY indexrelid",
                   (_qualified(schema, table),))
    return [row[0] for row in cursor.fetchall()]


def _parent_and_bounds(cursor, schema, partition):
    cursor.execute(
        "SELECT inhparent::regclass::text, pg_get_expr(c.relpartbound, c.oid),"
        " c.relkind FROM pg_inherits JOIN pg_class c ON c.oid = inhrelid"
        " WHERE inhrelid = to_regclass(%s)", (_qualified(schema, partition),))
    row = cursor.fetchone()
    if row is None:
        raise ShardError(f"{schema}.{partition} is not a partition")
    parent, bounds, kind = row
    if kind != "r":
        raise ShardError(f"{schema}.{partition} is not a local table "
                         f"(relkind {kind!r}); it may be on a shard already")
    cursor.execute("""SELECT i.relname FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass AND x.indisunique""", (parent,))
    unique = [row[0] for row in cursor.fetchall()]
    if unique:
        # PostgreSQL cannot enforce a unique index across servers
        raise ShardError(
            f"{parent} has the unique index(es) {', '.join(unique)}, and a "
            "partitioned table with a unique index takes no foreign "
            "partition; declare the table without primary key (primary=\"\" "
            "in its RD, an <index> instead) and import it again")
    return parent, bounds


def _copy_rows(cursor, rcur, table):
    """Stream the rows of TABLE from CURSOR's server into RCUR's.

    A pipe between two threads, so that memory is bounded by the piece
    size, not by the partition (both sides speak binary COPY).
    """
    read_fd, write_fd = os.pipe()
    reader = io.open(read_fd, "rb", buffering=_COPY_PIECE)
    writer = io.open(write_fd, "wb", buffering=_COPY_PIECE)
    failure = []

    def produce():
        try:
            cursor.copy_expert(sql.SQL("COPY {} TO STDOUT (FORMAT binary)")
                               .format(table).as_string(cursor), writer,
                               size=_COPY_PIECE)
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)
        finally:
            writer.close()

    thread = threading.Thread(target=produce, name="shard-copy")
    thread.start()
    try:
        rcur.copy_expert(sql.SQL("COPY {} FROM STDIN (FORMAT binary)")
                         .format(table).as_string(rcur), reader,
                         size=_COPY_PIECE)
    finally:
        # drain, so that the producer never blocks on a full pipe
        while reader.read(_COPY_PIECE):
            pass
        thread.join()
        reader.close()
    if failure:
        raise failure[0]


def _fill_on_shard(cursor, remote_dsn, schema, partition, n_rows):
    """Create, fill, index and analyse the partition's table on the shard,
    committed there; the local partition is untouched."""
    columns = _columns(cursor, schema, partition)
    indexes = _index_definitions(cursor, schema, partition)
    table = sql.Identifier(schema, partition)
    definition = sql.SQL(", ").join(
        sql.SQL("{} {}{}").format(sql.Identifier(col), sql.SQL(type_),
                                  sql.SQL(" NOT NULL" if notnull else ""))
        for col, type_, notnull in columns)
    try:
        remote = psycopg2.connect(remote_dsn)
    except psycopg2.OperationalError as exc:
        host = {key: value.strip("'") for key, value in (
            part.split("=", 1) for part in remote_dsn.split() if "=" in part)}
        raise ShardError(f"{schema}.{partition}: cannot reach the shard at "
                         f"{host.get('host')}:{host.get('port')} "
                         f"({str(exc).strip()}); nothing was changed"
                         ) from None
    try:
        with remote, remote.cursor() as rcur:
            rcur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                sql.Identifier(schema)))
            rcur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))
            rcur.execute(sql.SQL("CREATE TABLE {} ({})").format(
                table, definition))
            _copy_rows(cursor, rcur, table)
            # after the COPY: one sorted build per index, not row by row
            for statement in indexes:
                rcur.execute(statement)
            rcur.execute(sql.SQL("ANALYZE {}").format(table))
            rcur.execute(sql.SQL("SELECT count(*) FROM {}").format(table))
            if rcur.fetchone()[0] != n_rows:
                raise ShardError(f"{schema}.{partition}: the shard holds "
                                 "another number of rows than the local "
                                 "partition; nothing was changed locally")
    finally:
        remote.close()


def move_partition(cursor, remote_dsn, server, schema, partition):
    """Move local partition SCHEMA.PARTITION to foreign server SERVER.

    The shard gets table SCHEMA.PARTITION with the same columns and the
    same indexes as the local partition (so q3c's, and a unique index of
    the partition if it has one); the local partition becomes a foreign
    table of the same bounds, in the transaction of CURSOR (commit it to
    publish; until then every query sees the local rows).

    Parameters
    ----------
    cursor : psycopg2 cursor
        Local, of the owner of the partitioned table.
    remote_dsn : str
        How to reach the shard's database directly (:func:`shard_dsn`).
    server : str
        The foreign server of the shard (:func:`add_shard`).
    schema, partition : str

    Returns
    -------
    int
        The number of rows moved.
    """
    parent, bounds = _parent_and_bounds(cursor, schema, partition)
    table = sql.Identifier(schema, partition)
    cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(table))
    n_rows = cursor.fetchone()[0]
    _fill_on_shard(cursor, remote_dsn, schema, partition, n_rows)
    cursor.execute(sql.SQL("ALTER TABLE {} DETACH PARTITION {}").format(
        sql.SQL(parent), table))
    cursor.execute(sql.SQL("DROP TABLE {}").format(table))
    cursor.execute(sql.SQL(
        "CREATE FOREIGN TABLE {} PARTITION OF {} {} SERVER {}"
        " OPTIONS (schema_name {}, table_name {})").format(
        table, sql.SQL(parent), sql.SQL(bounds), sql.Identifier(server),
        sql.Literal(schema), sql.Literal(partition)))
    # local statistics of the foreign table, for the plans that need no
    # remote estimate (and for the first guesses of those that do)
    cursor.execute(sql.SQL("ANALYZE {}").format(table))
    return n_rows


def foreign_partitions(cursor, schema, table):
    """Partition name -> shard server, of the foreign partitions of a
    partitioned table."""
    cursor.execute("""SELECT c.relname, s.srvname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_foreign_table f ON f.ftrelid = c.oid
        JOIN pg_foreign_server s ON s.oid = f.ftserver
        WHERE i.inhparent = to_regclass(%s) ORDER BY c.relname""",
                   (_qualified(schema, table),))
    return dict(cursor.fetchall())
