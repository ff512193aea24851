"""Partitions of several run files (RD property partition_rows).

On a scratch copy of kascade_sim.events (bench.scale_resource) whose
partitions collect 200,000 rows: three run files of 10^5 events make
two partitions, a re-import of one file rebuilds its partition with its
partner file and leaves the other partition alone, and a new file is an
append of its own partition.
"""

import pytest

from apdc import ingest, partitions
from bench import scale_resource
from converters.kascade import events as kascade_events
from converters.tables import FileChunks

pytestmark = pytest.mark.live

SCHEMA = "zz_grouped"


def _load(ctx, files, drop_missing=True):
    return ingest.replace_tables([(f"{SCHEMA}.events", FileChunks(
        ctx, tuple(files), kascade_events.file_columns))],
        drop_missing=drop_missing)[f"{SCHEMA}.events"]


def _state(db):
    """Partition -> (bound, files, rows, digest of ctid and xmin)."""
    with db.cursor() as cursor:
        bounds = partitions.partitions_of(cursor, SCHEMA, "events")
        files = partitions.partition_files(cursor, SCHEMA, "events")
        out = {}
        for name, bound in bounds.items():
            cursor.execute(f"""SELECT count(*), md5(string_agg(
                ctid::text || ':' || xmin::text, ',' ORDER BY ctid))
                FROM {SCHEMA}.{name}""")
            out[name] = (bound, files.get(name), *cursor.fetchone())
    db.rollback()
    return out


def test_grouped_partitions_import_reimport_and_append(tmp_path, db):
    paths = scale_resource.clone_runs(tmp_path, 4, first_run=501)
    with scale_resource.scratch_resource(SCHEMA, tmp_path,
                                         partition_rows=200_000) as ctx:
        assert _load(ctx, paths[:3]) == 300_000
        first = _state(db)
        assert {name: (bound, files, rows) for name, (bound, files, rows, _)
                in first.items()} == {
            "events_run000501": ("FOR VALUES FROM (501) TO (503)",
                                 ["run000501.h5", "run000502.h5"], 200_000),
            "events_run000503": ("FOR VALUES FROM (503) TO (504)",
                                 ["run000503.h5"], 100_000)}
        # one file of the two-file partition: that partition, rebuilt whole
        assert _load(ctx, [paths[1]], drop_missing=False) == 200_000
        second = _state(db)
        assert second["events_run000503"] == first["events_run000503"]
        assert second["events_run000501"][:3] == first["events_run000501"][:3]
        assert second["events_run000501"][3] != first["events_run000501"][3]

        # a new file: a new partition, the others untouched
        assert _load(ctx, [paths[3]], drop_missing=False) == 100_000
        third = _state(db)
        assert third["events_run000504"][:3] == (
            "FOR VALUES FROM (504) TO (505)", ["run000504.h5"], 100_000)
        assert {k: v for k, v in third.items() if k != "events_run000504"} \
            == second
        with db.cursor() as cursor:
            cursor.execute(f"SELECT count(*), count(DISTINCT run) "
                           f"FROM {SCHEMA}.events")
            assert cursor.fetchone() == (400_000, 4)
        db.rollback()


def test_reimport_of_a_file_whose_partner_is_gone_is_refused(tmp_path, db):
    paths = scale_resource.clone_runs(tmp_path, 2, first_run=601)
    with scale_resource.scratch_resource(SCHEMA, tmp_path,
                                         partition_rows=200_000) as ctx:
        assert _load(ctx, paths) == 200_000
        before = _state(db)
        paths[0].unlink()
        with pytest.raises(ingest.IngestError) as error:
            _load(ctx, [paths[1]], drop_missing=False)
        assert str(paths[0]) in str(error.value)
        assert "events_run000601" in str(error.value)
        assert _state(db) == before


def test_bad_partition_rows_property_names_rd_and_value(tmp_path):
    with scale_resource.scratch_resource(SCHEMA, tmp_path,
                                         partition_rows=1):
        rd = scale_resource.config.RD_DIR / f"{SCHEMA}.rd"
        rd.write_text(rd.read_text(encoding="utf-8").replace(
            '"partition_rows">1<', '"partition_rows">many<'),
            encoding="utf-8")
        with pytest.raises(ValueError) as error:
            partitions.partition_rows(f"{SCHEMA}.events")
        assert f"rd/{SCHEMA}.rd" in str(error.value)
        assert "'many'" in str(error.value)
