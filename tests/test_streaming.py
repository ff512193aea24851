"""apdc.streaming: spatial order, partition bounds, bounded memory."""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from apdc import config, ingest, streaming
from bench import scale_resource
from converters import rdschema
from converters.context import ImportContext
from converters.kascade import events as kascade_events
from converters.tables import FileChunks

SIM_CONTEXT = ImportContext(resource="kascade_sim", data_dir=config.PROJECT_DIR,
                            authority="test.invalid",
                            server_url="http://test.invalid", table="events")


def test_spatial_key_is_the_healpix_nested_pixel():
    # the four base pixels around the north pole come first in RA order
    keys = streaming.spatial_key([45, 135, 225, 315], [89, 89, 89, 89])
    pixels_per_base = (1 << streaming.HEALPIX_ORDER) ** 2
    assert (keys // pixels_per_base).tolist() == [0, 1, 2, 3]


def test_neighbours_on_the_sky_are_neighbours_in_the_key():
    rng = np.random.default_rng(3)
    ra, dec = rng.uniform(0, 360, 100_000), rng.uniform(-90, 90, 100_000)
    order = np.argsort(streaming.spatial_key(ra, dec))
    step = np.hypot(np.diff(ra[order]) * np.cos(np.radians(dec[order][1:])),
                    np.diff(dec[order]))
    shuffled = np.hypot(np.diff(ra) * np.cos(np.radians(dec[1:])),
                        np.diff(dec))
    assert np.median(step) < np.median(shuffled) / 50


@pytest.fixture(scope="module")
def run_files(tmp_path_factory):
    return scale_resource.clone_runs(tmp_path_factory.mktemp("runs"), 16,
                                     first_run=501)


def _decode_rows(payload, db_columns):
    """ra, dec of a binary COPY stream of the events table (no NULL ra)."""
    names = [name for name, _, _ in db_columns]
    at, out = 19, []
    while payload[at:at + 2] != b"\xff\xff":
        count = int.from_bytes(payload[at:at + 2], "big", signed=True)
        at += 2
        row = {}
        for i in range(count):
            size = int.from_bytes(payload[at:at + 4], "big", signed=True)
            at += 4
            if size >= 0:
                row[names[i]] = payload[at:at + size]
                at += size
        out.append((np.frombuffer(row["ra"], ">f8")[0],
                    np.frombuffer(row["dec"], ">f8")[0],
                    int.from_bytes(row["run"], "big")))
    return np.array(out)


def test_a_file_is_encoded_in_spatial_order_with_its_run_range(run_files):
    db_columns = [(c.name, c.type, not c.required) for c in
                  rdschema.table("kascade_sim", "events").columns]
    convert = lambda data: ingest._to_copy_columns(  # noqa: E731
        "kascade_sim", "events", db_columns, data)
    chunks = FileChunks(SIM_CONTEXT, tuple(run_files[:1]),
                        kascade_events.file_columns)
    encoded = streaming.encode_file((chunks, run_files[0], convert, "run"))
    assert (encoded.low, encoded.high, encoded.rows) == (501, 502, 100_000)
    rows = _decode_rows(encoded.payload, db_columns)
    assert len(rows) == 100_000 and set(rows[:, 2]) == {501}
    keys = streaming.spatial_key(rows[:, 0], rows[:, 1])
    # sorted except inside the layout groups of a block
    blocks = keys[:len(keys) // streaming.SPATIAL_BLOCK_ROWS
                  * streaming.SPATIAL_BLOCK_ROWS].reshape(
                      -1, streaming.SPATIAL_BLOCK_ROWS)
    assert (np.diff(blocks.max(axis=1)) >= 0).all()
    assert (blocks[1:].min(axis=1) >= blocks[:-1].max(axis=1)).all()


PEAK_SCRIPT = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    from apdc import ingest, streaming
    from converters import rdschema
    from converters.kascade import events
    from converters.tables import FileChunks
    from tests.test_streaming import SIM_CONTEXT
    paths = tuple(Path(p) for p in sys.argv[1:])
    cols = [(c.name, c.type, not c.required)
            for c in rdschema.table("kascade_sim", "events").columns]
    def convert(data):
        return ingest._to_copy_columns("kascade_sim", "events", cols, data)
    rows = sum(e.rows for e in streaming.encoded_files(
        FileChunks(SIM_CONTEXT, paths, events.file_columns), convert, "run",
        workers=2))
    print(json.dumps({"rows": rows,
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
""")


def _peak(paths):
    proc = subprocess.run([sys.executable, "-c", PEAK_SCRIPT,
                           *map(str, paths)], cwd=config.PROJECT_DIR,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, timeout=600, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_memory_is_bounded_by_the_file_not_by_the_data_set(run_files):
    # two files per worker already hold the one-off caches of a worker
    small, large = _peak(run_files[:4]), _peak(run_files)
    assert (small["rows"], large["rows"]) == (400_000, 1_600_000)
    # four times the events, the same peak: each process holds at most a
    # few files (a data set held whole would add 3 x 400,000 rows, some
    # 500 MB); 25 % margin for allocator noise
    assert large["self"] < 1.25 * small["self"]
    assert large["children"] < 1.25 * small["children"]
