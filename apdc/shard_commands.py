"""``apdc shard``: postgres_fdw shards of partitioned tables
(:mod:`apdc.shards`, docs/operations.md "Adding a shard on another host").

``apdc shard add NAME --host H [--port P --dbname D --user U]``
    declare the shard (password from ``$APDC_SHARD_PASSWORD``);
``apdc shard move SCHEMA.TABLE PARTITION... --to NAME``
    move partitions of a partitioned table to the shard, all in one
    local transaction;
``apdc shard list [SCHEMA.TABLE]``
    the shards and, for a table, which partitions are on which shard.
"""

import os
import sys

from . import ingest, partitions, shards

__all__ = ["add_commands"]


def _split(qualified):
    schema, sep, table = qualified.partition(".")
    if not sep or not schema or not table:
        raise SystemExit(f"apdc shard: {qualified!r}: expected SCHEMA.TABLE")
    return schema, table


def cmd_shard_add(args):
    """Declare foreign server NAME with its user mapping, and commit."""
    password = os.environ.get("APDC_SHARD_PASSWORD", "")
    conn = ingest.get_connection()
    try:
        with conn, conn.cursor() as cur:
            shards.add_shard(cur, args.name, args.host, args.port,
                             args.dbname, args.user, password)
    finally:
        conn.close()
    print(f"shard {args.name}: {args.host}:{args.port}/{args.dbname}")


def cmd_shard_move(args):
    """Move the named partitions to shard ``--to``, in one transaction."""
    schema, table = _split(args.table)
    conn = ingest.get_connection()
    try:
        with conn, conn.cursor() as cur:
            if not partitions.is_partitioned(cur, schema, table):
                raise shards.ShardError(
                    f"{args.table} is not a partitioned table (an RD "
                    "property partition_by makes apdc import build one)")
            present = partitions.partitions_of(cur, schema, table)
            unknown = [p for p in args.partitions if p not in present]
            if unknown:
                raise shards.ShardError(
                    f"{args.table} has no partition(s) {unknown}; it has "
                    f"{sorted(present)}")
            dsn = shards.shard_dsn(cur, args.to)
            for name in args.partitions:
                rows = shards.move_partition(cur, dsn, args.to, schema, name)
                print(f"  {schema}.{name}: {rows:,} rows to {args.to}",
                      file=sys.stderr, flush=True)
            cur.execute(f'ANALYZE "{schema}"."{table}"')
    except shards.ShardError as exc:
        raise SystemExit(f"apdc shard move: {exc}") from None
    finally:
        conn.close()
    print(f"{args.table}: {', '.join(args.partitions)} on shard {args.to}")


def cmd_shard_list(args):
    """Print the shards, and a table's partitions with where they are."""
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cur:
            for name, options in shards.shard_servers(cur).items():
                print(f"shard {name}: {options.get('host')}:"
                      f"{options.get('port', 5432)}/{options.get('dbname')}")
            if args.table:
                schema, table = _split(args.table)
                remote = shards.foreign_partitions(cur, schema, table)
                for name in partitions.partitions_of(cur, schema, table):
                    print(f"  {schema}.{name}: "
                          f"{remote.get(name, '(local)')}")
    finally:
        conn.close()


def add_commands(sub):
    """Add ``shard add|move|list`` to the subparsers SUB of ``apdc``."""
    shard = sub.add_parser("shard", help="partitions on other servers")
    shard_sub = shard.add_subparsers(dest="shard_command", required=True)
    add = shard_sub.add_parser("add", help="declare a postgres_fdw shard "
                               "(password from $APDC_SHARD_PASSWORD)")
    add.add_argument("name")
    add.add_argument("--host", required=True)
    add.add_argument("--port", type=int, default=5432)
    add.add_argument("--dbname", default="gavo_shard")
    add.add_argument("--user", default="apdc_shard")
    add.set_defaults(func=cmd_shard_add)
    move = shard_sub.add_parser("move", help="move partitions of a "
                                "partitioned table to a shard")
    move.add_argument("table", help="SCHEMA.TABLE")
    move.add_argument("partitions", nargs="+", metavar="PARTITION")
    move.add_argument("--to", required=True, metavar="SHARD")
    move.set_defaults(func=cmd_shard_move)
    listing = shard_sub.add_parser("list", help="the shards, and where a "
                                   "table's partitions are")
    listing.add_argument("table", nargs="?", help="SCHEMA.TABLE")
    listing.set_defaults(func=cmd_shard_list)
