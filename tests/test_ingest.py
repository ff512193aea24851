"""The import path: binary COPY, all-or-nothing, readers served throughout."""

import threading
import time

import numpy as np
import psycopg2
import pytest

from apdc import ingest

SCHEMA = "apdc_test"


@pytest.fixture
def scratch(db):
    """An empty scratch table shaped like the events tables' column types."""
    with db.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cur.execute(f"CREATE SCHEMA {SCHEMA}")
        cur.execute(f"""CREATE TABLE {SCHEMA}.t (
            did text PRIMARY KEY, n integer NOT NULL, big bigint NOT NULL,
            x double precision NOT NULL, y real, t timestamp NOT NULL,
            maybe integer)""")
        cur.execute(f"CREATE INDEX t_x ON {SCHEMA}.t (x)")
        cur.execute(f"ALTER TABLE {SCHEMA}.t CLUSTER ON t_x")
    db.commit()
    yield f"{SCHEMA}.t"
    with db.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    db.commit()


def make_rows(n, offset=0):
    rng = np.random.default_rng(n + offset)
    ids = np.arange(offset, offset + n)
    maybe = np.ma.masked_array(ids.astype(np.int32) % 7, mask=ids % 3 == 0)
    y = np.ma.masked_array(rng.normal(size=n).astype(np.float32),
        mask=ids % 5 == 0)
    return {
        "did": np.char.add(b"ivo://x/~?t/", ids.astype("S12")),
        "n": ids.astype(np.int32),
        "big": ids.astype(np.int64) * 10**10,
        "x": rng.normal(size=n),
        "y": y,
        "t": np.datetime64("1998-07-02T14:17:12.865809", "us")
            + ids.astype("timedelta64[s]"),
        "maybe": maybe,
    }


def fetch_all(db, table):
    with db.cursor() as cur:
        cur.execute(f"SELECT did, n, big, x, y, t, maybe FROM {table} ORDER BY n")
        return cur.fetchall()


def test_copy_round_trip_with_nulls_and_text_lengths(db, scratch):
    data = make_rows(1234)
    assert ingest.replace_rows(scratch, data) == 1234
    rows = fetch_all(db, scratch)
    assert len(rows) == 1234
    for i in (0, 1, 3, 10, 999, 1233):
        did, n, big, x, y, t, maybe = rows[i]
        assert did.encode() == data["did"][i]
        assert n == i and big == i * 10**10
        assert x == data["x"][i]
        assert (y is None) == bool(data["y"].mask[i])
        if y is not None:
            assert y == pytest.approx(float(data["y"][i]), rel=1e-7)
        assert np.datetime64(t, "us") == data["t"][i]
        assert (maybe is None) == (i % 3 == 0)
        if maybe is not None:
            assert maybe == i % 7


def test_indexes_and_cluster_mark_survive_the_swap(db, scratch):
    ingest.replace_rows(scratch, make_rows(100))
    with db.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s",
            (SCHEMA,))
        assert sorted(r[0] for r in cur.fetchall()) == ["t_pkey", "t_x"]
        cur.execute("""SELECT i.relname FROM pg_index x JOIN pg_class i
            ON i.oid = x.indexrelid WHERE x.indisclustered
            AND x.indrelid = %s::regclass""", (scratch,))
        assert cur.fetchone()[0] == "t_x"


def test_failed_import_leaves_table_unchanged(db, scratch):
    ingest.replace_rows(scratch, make_rows(50))
    before = fetch_all(db, scratch)
    bad = make_rows(60, offset=1000)
    bad["did"][7] = bad["did"][3]          # duplicate primary key
    with pytest.raises(psycopg2.IntegrityError):
        ingest.replace_rows(scratch, bad)
    assert fetch_all(db, scratch) == before

    wrong = make_rows(10)
    del wrong["big"]
    with pytest.raises(ingest.IngestError, match="missing: \\['big'\\]"):
        ingest.replace_rows(scratch, wrong)
    assert fetch_all(db, scratch) == before


def test_readers_see_old_rows_until_swap(scratch):
    ingest.replace_rows(scratch, make_rows(1000))
    big = make_rows(400_000, offset=10**6)
    failures, counts = [], []

    def reimport():
        try:
            ingest.replace_rows(scratch, big)
        except Exception as exc:  # reported through the list
            failures.append(exc)

    worker = threading.Thread(target=reimport)
    reader = ingest.get_connection()
    reader.autocommit = True
    worker.start()
    try:
        with reader.cursor() as cur:
            while worker.is_alive():
                cur.execute(f"SELECT COUNT(*) FROM {scratch}")
                counts.append(cur.fetchone()[0])
                time.sleep(0.02)
            cur.execute(f"SELECT COUNT(*) FROM {scratch}")
            counts.append(cur.fetchone()[0])
    finally:
        worker.join()
        reader.close()
    assert not failures, failures
    assert set(counts) <= {1000, 400_000}
    assert counts.count(1000) > 3, "the old rows were not served meanwhile"
    assert counts[-1] == 400_000


def test_views_on_the_table_survive_the_swap(db, scratch):
    """Like ivoa.obscore over a published table: the import keeps them."""
    ingest.replace_rows(scratch, make_rows(10))
    with db.cursor() as cur:
        cur.execute(f"CREATE VIEW {SCHEMA}.v AS SELECT did, n FROM {scratch}"
            " WHERE n % 2 = 0")
        cur.execute(f"CREATE VIEW {SCHEMA}.vv AS SELECT COUNT(*) AS c "
            f"FROM {SCHEMA}.v")
        cur.execute(f"COMMENT ON VIEW {SCHEMA}.v IS 'even rows'")
        cur.execute(f"GRANT SELECT ON {SCHEMA}.v TO PUBLIC")
    db.commit()

    ingest.replace_rows(scratch, make_rows(30))
    with db.cursor() as cur:
        cur.execute(f"SELECT c FROM {SCHEMA}.vv")
        assert cur.fetchone()[0] == 15
        cur.execute(f"SELECT obj_description('{SCHEMA}.v'::regclass)")
        assert cur.fetchone()[0] == "even rows"
        cur.execute("""SELECT privilege_type FROM
            information_schema.role_table_grants WHERE table_schema = %s
            AND table_name = 'v' AND grantee = 'PUBLIC'""", (SCHEMA,))
        assert [r[0] for r in cur.fetchall()] == ["SELECT"]

    # a failed import leaves table and views as they were
    bad = make_rows(5)
    bad["did"][1] = bad["did"][0]
    with pytest.raises(psycopg2.IntegrityError):
        ingest.replace_rows(scratch, bad)
    with db.cursor() as cur:
        cur.execute(f"SELECT c FROM {SCHEMA}.vv")
        assert cur.fetchone()[0] == 15
