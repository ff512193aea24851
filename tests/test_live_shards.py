"""A table split over the local server and a postgres_fdw shard
(deploy/shard_cluster.sh) answers like the unsplit table, with the q3c
condition run on the shard and the shards appended asynchronously."""

import subprocess
from pathlib import Path

import pytest

from apdc import shards

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = "shard_scratch"
SHARD_DSN = ("host=127.0.0.1 port=5433 dbname=gavo_shard"
             " user=apdc_shard password=apdc_shard")
CONE = "q3c_radial_query(ra, dec, 150.0, 30.0, 5.0)"


@pytest.fixture(scope="module")
def split_table():
    from apdc import ingest
    subprocess.run(["sh", str(ROOT / "deploy" / "shard_cluster.sh")],
                   check=True, capture_output=True)
    conn = ingest.get_connection()
    with conn, conn.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cur.execute(f"CREATE SCHEMA {SCHEMA}")
        cur.execute(f"CREATE TABLE {SCHEMA}.events (LIKE kascade_sim.events)"
                    " PARTITION BY RANGE (run)")
        cur.execute(f"CREATE INDEX ON {SCHEMA}.events (q3c_ang2ipix(ra, dec))")
        for name, low, high in (("low", 1, 6), ("high", 6, 11)):
            cur.execute(f"CREATE TABLE {SCHEMA}.events_{name} PARTITION OF"
                        f" {SCHEMA}.events FOR VALUES FROM ({low}) TO ({high})")
        cur.execute(f"INSERT INTO {SCHEMA}.events"
                    " SELECT * FROM kascade_sim.events")
        shards.add_shard(cur, "shard1", "127.0.0.1", 5433, "gavo_shard",
                         "apdc_shard", "apdc_shard")
        shards.move_partition(cur, SHARD_DSN, "shard1", SCHEMA, "events_high")
        cur.execute(f"ANALYZE {SCHEMA}.events")
    yield conn
    with conn, conn.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    conn.close()


def test_partition_is_foreign(split_table):
    with split_table.cursor() as cur:
        cur.execute("SELECT relkind FROM pg_class WHERE oid ="
                    f" '{SCHEMA}.events_high'::regclass")
        assert cur.fetchone()[0] == "f"
        cur.execute(f"SELECT count(*) FROM {SCHEMA}.events_high")
        assert cur.fetchone()[0] > 0


def test_cone_equals_unsplit(split_table):
    with split_table.cursor() as cur:
        cur.execute(f"SELECT event_did FROM {SCHEMA}.events WHERE {CONE}"
                    " ORDER BY event_did")
        split = cur.fetchall()
        cur.execute(f"SELECT event_did FROM kascade_sim.events WHERE {CONE}"
                    " ORDER BY event_did")
        assert split == cur.fetchall()
        assert split


def test_q3c_pushed_and_async(split_table):
    with split_table.cursor() as cur:
        cur.execute("SET enable_async_append = on")
        cur.execute(f"EXPLAIN (VERBOSE) SELECT count(*) FROM {SCHEMA}.events"
                    f" WHERE {CONE}")
        plan = "\n".join(row[0] for row in cur.fetchall())
    remote = [line for line in plan.splitlines() if "Remote SQL" in line]
    assert remote and any("q3c_" in line for line in remote), plan
    assert "Async Foreign Scan" in plan, plan
