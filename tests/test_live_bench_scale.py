"""bench/scale.py at a small size, so that the on-demand 10^8 run cannot rot."""

import json
import subprocess
import sys

import pytest

from apdc import config, ingest
from bench import scale

pytestmark = pytest.mark.live


def test_scale_bench_runs_end_to_end_at_small_size(tmp_path):
    out = tmp_path / "scale.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--events", "200000",
         "--raw-floor", "--append", "100000", "--out", str(out)],
        cwd=config.PROJECT_DIR, stdout=subprocess.PIPE,
        # ~40 s alone; the whole suite shares 2 cores with it
        stderr=subprocess.STDOUT, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["project"]["rows"] == 200_000
    assert result["append"]["rows"] == 100_000
    assert result["raw_floor"]["rows"] == 200_000
    # the two run files share a partition (bench.scale.PARTITION_ROWS),
    # the appended one gets its own
    assert result["sizes"]["partitions"] == 2
    # the partitioned table holds the floor's rows and the appended ones
    assert result["cone_sql"]["rows"] >= result["raw_floor"]["cone_sql"][
        "rows"] > 0
    assert 0 < result["cone_http_ms"]["median"] < 60_000
    assert result["tap_crossmatch_bytes"] > 0
    assert "events/s" in proc.stdout and "raw_floor" in proc.stdout
    # the scratch table is gone
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('zz_scale.events')")
            assert cursor.fetchone()[0] is None
    finally:
        conn.close()


def test_scale_bench_refuses_without_disk_space():
    proc = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--events", str(10 ** 12)],
        cwd=config.PROJECT_DIR, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, timeout=60)
    assert proc.returncode != 0
    need = scale.needed_bytes(10 ** 12) / 1e9
    assert f"need {need:.1f} GB" in proc.stdout
    assert "free some space" in proc.stdout
