"""``apdc shard add``: declare a postgres_fdw shard (:mod:`apdc.shards`)."""

import os

from . import ingest, shards

__all__ = ["add_commands"]


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


def add_commands(sub):
    """Add ``shard add`` to the subparsers SUB of ``apdc``."""
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
