"""A DaCHS-published table split over the local server and a postgres_fdw
shard answers TAP, the cone search and cross-matches like the unsplit table.

The fixture brings the shard cluster up (``deploy/shard_cluster.sh``:
PostgreSQL 15 cluster ``shard1`` on port 5433 standing in for another
host), installs the test resource ``kascade_sharded`` (RD and manifest
from ``tests/shard_resource/``: a copy of kascade_sim's events table
without primary key, fed by three of kascade_sim's run files), imports
it with ``apdc import``'s engine (``importer.import_resource``), records the answers of the
unsplit table through the public origin, then moves two of the three
partitions to the shard (``apdc shard add``, ``apdc shard move``).  The
tests compare the answers of the split table with those records, and
read the plans.  The resource, its state and the shard's schema are
removed afterwards.
"""

import io
import os
import shutil
import subprocess
import time

import numpy as np
import psycopg2
import pytest
import requests
from astropy.io import votable
from astropy.table import Table

from apdc import config, importer, resources
from tests import scratch_support

pytestmark = pytest.mark.live

NAME = "kascade_sharded"
TEMPLATES = config.PROJECT_DIR / "tests" / "shard_resource"
RD_PATH = config.RD_DIR / f"{NAME}.rd"
RESOURCE_DIR = config.RESOURCES_DIR / NAME
SOURCE_RUNS = config.RESOURCES_DIR / "kascade_sim" / "data" / "runs"
N_FILES = 3
APDC = str(config.PROJECT_DIR / ".venv" / "bin" / "apdc")
SHARD = "shard1"
SHARD_PASSWORD = "apdc_shard"  # deploy/shard_cluster.sh's default
SHARD_DSN = ("host=127.0.0.1 port=5433 dbname=gavo_shard"
             f" user=apdc_shard password={SHARD_PASSWORD}")
RA, DEC, SR = 83.6, 22.0, 3.0
CONE_ADQL = (f"SELECT event_did, run, event, ra, dec, log_energy FROM "
             f"{NAME}.events WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), "
             f"CIRCLE('ICRS', {RA}, {DEC}, {SR}))")
CATALOGUE_ADQL = (f"SELECT e.event_did, c.source_name FROM {NAME}.events AS e"
                  " JOIN fermi3fhl.main AS c ON 1 = CONTAINS("
                  "POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', c.ra, c.dec,"
                  " 0.2))")
UPLOAD_ADQL = (f"SELECT e.event_did, u.label FROM {NAME}.events AS e"
               " JOIN TAP_UPLOAD.mine AS u ON 1 = CONTAINS("
               "POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', u.ra, u.dec, 1.5))")


def _run(*args, env=None):
    proc = subprocess.run(args, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **(env or {})})
    assert proc.returncode == 0, f"{args}:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def _cleanup():
    # the foreign partitions of a split table go with their parent
    scratch_support.remove_resource(NAME)
    try:
        remote = psycopg2.connect(SHARD_DSN)
    except psycopg2.OperationalError:
        return  # no shard cluster yet: nothing of ours on it
    with remote, remote.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {NAME} CASCADE")
    remote.close()


class _Clock:
    """Seconds per phase of the fixture, for the report (never asserted:
    the machine is shared)."""

    def __init__(self):
        self.laps, self.start = {}, time.monotonic()

    def lap(self, name):
        now = time.monotonic()
        self.laps[name], self.start = round(now - self.start, 1), now

    def __str__(self):
        return ", ".join(f"{k} {v}" for k, v in self.laps.items())


def _upload_table():
    """Twenty positions of the sky, some of them where events are."""
    rng = np.random.default_rng(14)
    return Table({"label": [f"p{i}" for i in range(20)],
                  "ra": rng.uniform(0, 360, 20).round(3),
                  "dec": rng.uniform(0, 80, 20).round(3)})


def _rows(table, *columns):
    return sorted(tuple(str(row[c]) for c in columns) for row in table)


def _observe(tap, server):
    """What TAP, the cone search and the cross-matches answer now."""
    big = {"maxrec": 200000}
    cone = tap.search(CONE_ADQL, **big).to_table()
    counts = tap.search(f"SELECT run, COUNT(*) AS n FROM {NAME}.events "
                        "GROUP BY run").to_table()
    catalogue = tap.search(CATALOGUE_ADQL, **big).to_table()
    upload = tap.search(UPLOAD_ADQL, uploads={"mine": _upload_table()},
                        **big).to_table()
    response = requests.get(f"{server}/{NAME}/cone/scs.xml", timeout=120,
                            params={"RA": RA, "DEC": DEC, "SR": SR,
                                    "VERB": 3})
    response.raise_for_status()
    scs = votable.parse_single_table(io.BytesIO(response.content)).to_table()
    return {"cone": _rows(cone, *cone.colnames),
            "counts": _rows(counts, "run", "n"),
            "catalogue": _rows(catalogue, "event_did", "source_name"),
            "upload": _rows(upload, "event_did", "label"),
            "scs": _rows(scs, *scs.colnames),
            "runs": sorted(int(r) for r in counts["run"])}


@pytest.fixture(scope="module")
def split(server, tap):
    """(answers before the split, answers after it, partition names)."""
    clock = _Clock()
    _run("sh", str(config.PROJECT_DIR / "deploy" / "shard_cluster.sh"))
    _cleanup()
    clock.lap("shard cluster")
    try:
        shutil.copy(TEMPLATES / f"{NAME}.rd", RD_PATH)
        (RESOURCE_DIR / "data" / "runs").mkdir(parents=True)
        shutil.copy(TEMPLATES / "dataset.json", RESOURCE_DIR)
        # runs 3 on: per-event summaries only (runs 1 and 2 also carry
        # station arrays, which the events table does not read)
        files = sorted(SOURCE_RUNS.glob("*.h5"))[2:2 + N_FILES]
        assert len(files) == N_FILES, f"kascade_sim has no run files {files}"
        for path in files:
            (RESOURCE_DIR / "data" / "runs" / path.name).symlink_to(path)
        # apdc import's engine; the command's later steps (registry
        # records, sky map, shop samples, FAIR records) are about every
        # resource, not this one, and would publish a test resource
        assert importer.import_resource(resources.load(NAME), force=True)
        clock.lap("import")
        before = _observe(tap, server)
        clock.lap("queries unsplit")
        _run(APDC, "shard", "add", SHARD, "--host", "127.0.0.1", "--port",
             "5433", env={"APDC_SHARD_PASSWORD": SHARD_PASSWORD})
        listing = _run(APDC, "shard", "list", f"{NAME}.events")
        partitions = sorted(line.split(":")[0].strip().split(".")[1]
                            for line in listing.splitlines()
                            if line.startswith(f"  {NAME}."))
        assert len(partitions) == N_FILES, listing
        _run(APDC, "shard", "move", f"{NAME}.events", *partitions[1:],
             "--to", SHARD)
        clock.lap("shard add and move")
        after = _observe(tap, server)
        clock.lap("queries split")
        print(f"\nshard fixture (s): {clock}")  # shown with pytest -s
        yield before, after, partitions
    finally:
        _cleanup()


def test_two_partitions_are_on_the_shard(split, db):
    _, _, partitions = split
    out = _run(APDC, "shard", "list", f"{NAME}.events")
    assert f"  {NAME}.{partitions[0]}: (local)" in out, out
    for name in partitions[1:]:
        assert f"  {NAME}.{name}: {SHARD}" in out, out
    with db.cursor() as cur:
        cur.execute("SELECT relname, relkind FROM pg_class c JOIN "
                    "pg_namespace n ON n.oid = c.relnamespace WHERE "
                    "n.nspname = %s AND relname = ANY(%s)",
                    (NAME, partitions))
        assert dict(cur.fetchall()) == {partitions[0]: "r",
                                        **{p: "f" for p in partitions[1:]}}
    remote = psycopg2.connect(SHARD_DSN)
    try:
        with remote.cursor() as cur:
            for name in partitions[1:]:
                cur.execute(f"SELECT count(*) FROM {NAME}.{name}")
                assert cur.fetchone()[0] > 0
    finally:
        remote.close()


@pytest.mark.parametrize("answer", ["cone", "counts", "scs", "catalogue",
                                    "upload"])
def test_split_answers_like_unsplit(split, answer):
    before, after, _ = split
    assert after[answer], f"{answer}: no rows, nothing compared"
    assert after[answer] == before[answer]


def test_split_cone_equals_kascade_sim(split, tap):
    """The same rows as the 10^6-event table kascade_sim, of those runs
    (event_did names the resource, so it differs)."""
    _, after, _ = split
    runs = ", ".join(str(r) for r in after["runs"])
    reference = tap.search(CONE_ADQL.replace(f"{NAME}.events",
                                             "kascade_sim.events")
                           + f" AND run IN ({runs})", maxrec=200000
                           ).to_table()
    assert _rows(reference, *reference.colnames[1:]) == sorted(
        row[1:] for row in after["cone"])


def _plan(db, adql):
    """EXPLAIN (VERBOSE) of the SQL that DaCHS's TAP runs for ADQL."""
    from gavo import api  # noqa: F401 (initialises DaCHS's caches)
    from gavo.protocols import adqlglue
    query, _ = adqlglue.morphADQL(adql)
    with db.cursor() as cur:
        cur.execute("EXPLAIN (VERBOSE) " + query.replace("%%", "%"))
        return "\n".join(row[0] for row in cur.fetchall())


def _remote_sql(plan):
    return [line for line in plan.splitlines() if "Remote SQL" in line]


def test_cone_runs_on_the_shard_in_parallel(split, db):
    """DaCHS's q3c translation of CONTAINS (an SQL function, inlined into
    q3c_ang2ipix ranges and q3c_sindist) is shipped to the shard."""
    plan = _plan(db, CONE_ADQL)
    remote = _remote_sql(plan)
    assert len(remote) == N_FILES - 1, plan
    assert all("q3c_ang2ipix(ra" in line and "q3c_sindist(83.6" in line
               for line in remote), plan
    assert plan.count("Async Foreign Scan") == N_FILES - 1, plan


def test_catalogue_cross_match_runs_on_the_shard(split, db):
    """A join with a local catalogue: each source's q3c_join condition,
    its position as parameters $1, $2, is run by the shard on its index
    (a parameterized foreign scan; use_remote_estimate makes
    postgres_fdw consider those)."""
    plan = _plan(db, CATALOGUE_ADQL)
    remote = _remote_sql(plan)
    assert len(remote) == N_FILES - 1, plan
    assert all("q3c_nearby_it($1::double precision, $2::double precision"
               in line and "q3c_sindist($1" in line for line in remote), plan


def test_move_refuses_a_table_with_a_primary_key(split, db):
    """kascade_sim.events has one: nothing moves, the message says why."""
    with db.cursor() as cur:
        cur.execute("SELECT relname FROM pg_inherits JOIN pg_class ON "
                    "oid = inhrelid WHERE inhparent = "
                    "'kascade_sim.events'::regclass ORDER BY relname LIMIT 1")
        partition, = cur.fetchone()
    proc = subprocess.run([APDC, "shard", "move", "kascade_sim.events",
                           partition, "--to", SHARD], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode != 0
    assert "unique index" in proc.stderr and "primary" in proc.stderr, (
        proc.stderr)
    with db.cursor() as cur:
        cur.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass",
                    (f"kascade_sim.{partition}",))
        assert cur.fetchone()[0] == "r"
