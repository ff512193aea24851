"""Partitioned event tables: streamed import, append, re-import of one file.

On the served kascade_sim.events (one partition per run file) and on a
scratch copy (bench.scale_resource) that a test may append to.
"""

import concurrent.futures
import dataclasses
import io
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import numpy as np
import pytest
from astropy.io import votable

from apdc import config, ingest, partitions, resources
from bench import scale_resource
from converters.kascade import events as kascade_events
from converters.tables import FileChunks

pytestmark = pytest.mark.live

SIM_RUNS = config.RESOURCES_DIR / "kascade_sim" / "data" / "runs"


def apdc(*args):
    return subprocess.run([sys.executable, "-m", "apdc.cli", *args],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=900, cwd=config.PROJECT_DIR)


def _versions(db, schema="kascade_sim"):
    """Partition -> (rows, ctid and xmin of all its rows, as one digest)."""
    with db.cursor() as cursor:
        out = {}
        for name in partitions.partitions_of(cursor, schema, "events"):
            cursor.execute(f"""SELECT count(*), md5(string_agg(
                ctid::text || ':' || xmin::text, ',' ORDER BY ctid))
                FROM {schema}.{name}""")
            out[name] = cursor.fetchone()
    db.rollback()
    return out


def test_served_table_is_partitioned_by_run_file(db):
    with db.cursor() as cursor:
        assert partitions.is_partitioned(cursor, "kascade_sim", "events")
        parts = partitions.partitions_of(cursor, "kascade_sim", "events")
    files = sorted(SIM_RUNS.glob("*.h5"))
    assert sorted(parts) == [partitions.partition_name("events", p)
                             for p in files]
    assert parts["events_kascade_sim_run00003"] == "FOR VALUES FROM (3) TO (4)"


def sim_context():
    """The import context of the served kascade_sim.events."""
    return dataclasses.replace(resources.load("kascade_sim").context(),
                               table="events")


def test_streamed_rows_equal_the_converter_row_for_row(db):
    path = SIM_RUNS / "kascade_sim_run00003.h5"
    expected = kascade_events.file_columns(sim_context(), path)
    order = np.argsort(expected["event"])
    with db.cursor() as cursor:
        cursor.execute("SELECT event, ra, dec, log_energy, obs_time, "
                       "event_did, esum_had FROM kascade_sim.events "
                       "WHERE run = 3 ORDER BY event")
        rows = cursor.fetchall()
    assert len(rows) == len(order) == 100_000
    event, ra, dec, log_e, obs_time, did, esum = zip(*rows)
    assert np.array_equal(event, expected["event"][order])
    assert np.array_equal(ra, expected["ra"][order])
    assert np.array_equal(dec, expected["dec"][order])
    assert np.array_equal(log_e, expected["log_energy"][order])
    assert [t.isoformat() for t in obs_time[:50]] == [
        str(t) for t in expected["obs_time"][order][:50].astype(
            "datetime64[us]")]
    assert list(did) == [d.decode() for d in expected["event_did"][order]]
    nulls = np.ma.getmaskarray(expected["esum_had"])[order]
    assert [v is None for v in esum] == nulls.tolist()


def test_reimport_of_one_file_replaces_only_its_partition(db):
    before = _versions(db)
    proc = apdc("import", "kascade_sim", "--append",
                str(SIM_RUNS / "kascade_sim_run00010.h5"))
    assert proc.returncode == 0, proc.stdout
    assert "appended 1 files, 100000 rows" in proc.stdout
    after = _versions(db)
    replaced = "events_kascade_sim_run00010"
    assert after[replaced][0] == before[replaced][0] == 100_000
    assert after[replaced][1] != before[replaced][1]
    assert {k: v for k, v in after.items() if k != replaced} == {
        k: v for k, v in before.items() if k != replaced}


def test_append_of_a_file_that_is_no_input_is_refused(db, tmp_path):
    stray = scale_resource.clone_runs(tmp_path, 1, first_run=900)[0]
    before = _versions(db)
    proc = apdc("import", "kascade_sim", "--append", str(stray))
    assert proc.returncode == 1
    assert str(stray) in proc.stdout and "not an input file" in proc.stdout
    assert _versions(db) == before


def _cone(server, ra, dec, radius=0.5):
    query = urllib.parse.urlencode({"RA": ra, "DEC": dec, "SR": radius})
    with urllib.request.urlopen(f"{server}/zz_partitions/cone/scs.xml?"
                                f"{query}", timeout=60) as response:
        assert response.status == 200
        return response.read()


def test_append_is_visible_and_the_server_answers_during_it(tmp_path, server,
                                                            tap, db):
    paths = scale_resource.clone_runs(tmp_path, 3, first_run=701)
    with scale_resource.scratch_resource("zz_partitions", tmp_path) as ctx:
        def load(files, drop_missing=True):
            return ingest.replace_tables([("zz_partitions.events", FileChunks(
                ctx, tuple(files), kascade_events.file_columns))],
                drop_missing=drop_missing)["zz_partitions.events"]

        assert load(paths[:2]) == 200_000
        before = _versions(db, "zz_partitions")
        new = kascade_events.file_columns(ctx, paths[2])
        ra, dec = float(new["ra"][0]), float(new["dec"][0])
        stop, answers, failures = threading.Event(), [], []

        def ask():
            while not stop.is_set():
                try:
                    answers.append(_cone(server, ra, dec))
                except Exception as exc:  # noqa: BLE001 -- counted
                    failures.append(repr(exc))

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            clients = [pool.submit(ask) for _ in range(4)]
            try:
                assert load(paths[2:], drop_missing=False) == 100_000
            finally:
                stop.set()
            for client in clients:
                client.result()
        assert failures == [] and len(answers) >= 4
        assert len(_versions(db, "zz_partitions")) == 3
        assert {k: v for k, v in _versions(db, "zz_partitions").items()
                if k in before} == before
        count = tap.search("SELECT COUNT(*) AS n FROM zz_partitions.events "
                           "WHERE run = 703")["n"][0]
        assert count == 100_000
        found = votable.parse(io.BytesIO(_cone(server, ra, dec, 0.01))
                              ).get_first_table().to_table()
        assert new["event_did"][0].decode() in list(found["event_did"])
