"""Shards: partitions of an event table on other PostgreSQL servers.

PostgreSQL's own distributed engine is used, no home-made one: a shard
is a ``postgres_fdw`` foreign server declared with ``extensions
'q3c,pg_sphere'`` (so that q3c and pgSphere conditions are shippable and
run on the shard) and ``async_capable 'true'`` (so that an Append over
several shards runs them in parallel).  A partition is moved to a shard
by creating its table (same columns, same q3c index) on the shard,
COPYing its rows there, and then, in one local transaction, detaching
the local partition and attaching a foreign table of the same bounds.
"""

import io

import psycopg2
from psycopg2 import sql

__all__ = ["SHIPPABLE_EXTENSIONS", "add_shard", "move_partition"]

#: Extensions whose operators and functions the shards may evaluate.
SHIPPABLE_EXTENSIONS = "q3c,pg_sphere"


def add_shard(cursor, name, host, port, dbname, user, password):
    """Declare foreign server NAME and a user mapping for PUBLIC.

    Idempotent: an existing server gets its options replaced.
    """
    # postgres_fdw itself is created by a superuser (deploy/shard_cluster.sh)
    options = {"host": host, "port": str(port), "dbname": dbname,
               "extensions": SHIPPABLE_EXTENSIONS, "async_capable": "true"}
    cursor.execute("SELECT 1 FROM pg_foreign_server WHERE srvname = %s",
                   (name,))
    server = sql.Identifier(name)
    if cursor.fetchone():
        cursor.execute(sql.SQL("DROP USER MAPPING IF EXISTS FOR PUBLIC"
                               " SERVER {}").format(server))
        cursor.execute(sql.SQL("ALTER SERVER {} OPTIONS ({})").format(
            server, sql.SQL(", ").join(
                sql.SQL("SET {} {}").format(sql.SQL(key), sql.Literal(value))
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


def _columns(cursor, schema, table):
    cursor.execute(
        "SELECT attname, format_type(atttypid, atttypmod), attnotnull"
        " FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
        " AND NOT attisdropped ORDER BY attnum",
        (f'"{schema}"."{table}"',))
    return cursor.fetchall()


def move_partition(cursor, remote_dsn, server, schema, partition):
    """Move local partition SCHEMA.PARTITION to foreign server SERVER.

    The shard gets table SCHEMA.PARTITION with the same columns and a q3c
    index on (ra, dec); the local partition becomes a foreign table of
    the same bounds, in the transaction of CURSOR (commit it to publish).
    """
    columns = _columns(cursor, schema, partition)
    cursor.execute(
        "SELECT inhparent::regclass::text,"
        " pg_get_expr(c.relpartbound, c.oid)"
        " FROM pg_inherits JOIN pg_class c ON c.oid = inhrelid"
        " WHERE inhrelid = %s::regclass", (f'"{schema}"."{partition}"',))
    parent, bounds = cursor.fetchone()
    table = sql.Identifier(schema, partition)
    definition = sql.SQL(", ").join(
        sql.SQL("{} {}{}").format(sql.Identifier(col), sql.SQL(type_),
                                  sql.SQL(" NOT NULL" if notnull else ""))
        for col, type_, notnull in columns)
    remote = psycopg2.connect(remote_dsn)
    try:
        with remote, remote.cursor() as rcur:
            rcur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                sql.Identifier(schema)))
            rcur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))
            rcur.execute(sql.SQL("CREATE TABLE {} ({})").format(
                table, definition))
            buffer = io.BytesIO()
            cursor.copy_expert(sql.SQL("COPY {} TO STDOUT (FORMAT binary)")
                               .format(table).as_string(cursor), buffer)
            buffer.seek(0)
            rcur.copy_expert(sql.SQL("COPY {} FROM STDIN (FORMAT binary)")
                             .format(table).as_string(rcur), buffer)
            rcur.execute(sql.SQL("CREATE INDEX ON {} (q3c_ang2ipix(ra, dec))")
                         .format(table))
            rcur.execute(sql.SQL("ANALYZE {}").format(table))
    finally:
        remote.close()
    cursor.execute(sql.SQL("ALTER TABLE {} DETACH PARTITION {}").format(
        sql.SQL(parent), table))
    cursor.execute(sql.SQL("DROP TABLE {}").format(table))
    cursor.execute(sql.SQL(
        "CREATE FOREIGN TABLE {} PARTITION OF {} {} SERVER {}"
        " OPTIONS (schema_name {}, table_name {})").format(
        table, sql.SQL(parent), sql.SQL(bounds), sql.Identifier(server),
        sql.Literal(schema), sql.Literal(partition)))
    cursor.execute(sql.SQL("ANALYZE {}").format(table))
