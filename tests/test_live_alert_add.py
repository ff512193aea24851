"""``apdc alert add FILE`` end to end: the VOEvent becomes a served row.

The command stores the VOEvent in the alerts' data folder and re-imports
icecube_alerts; the row is then found by TAP and by the cone search,
with the values the VOEvent itself gives (read here with ElementTree,
not with the project's reader).  Afterwards the VOEvent is removed and
the resource re-imported, so the served table is as before.
"""

import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime

import numpy as np
import pytest

from apdc import alerts, config

pytestmark = pytest.mark.live

APDC = config.PROJECT_DIR / ".venv" / "bin" / "apdc"
SAMPLE = "icecube/sample_cascade_alert.voevent.xml"
STORED_NAME = "IceCube-134244-34406854-rev0.voevent.xml"
ALERT_ID = "134244_34406854"


def _apdc(*args):
    proc = subprocess.run([str(APDC), *args], capture_output=True,
        text=True, timeout=900)
    return proc.returncode, proc.stdout + proc.stderr


def _voevent_values(path):
    """Position, time, error radius and scores as the VOEvent states them."""
    root = ET.parse(path).getroot()
    by_tag = {el.tag.rsplit("}", 1)[-1]: el.text for el in root.iter()}
    params = {el.get("name"): el.get("value") for el in root.iter()
        if el.tag.rsplit("}", 1)[-1] == "Param"}
    return {"ra": float(by_tag["C1"]), "dec": float(by_tag["C2"]),
        "err_radius": float(by_tag["Error2Radius"]),
        "obs_time": datetime.fromisoformat(by_tag["ISOTime"]),
        "signalness": float(params["signalness"]),
        "run_id": int(params["run_id"]), "event_id": int(params["event_id"])}


def _served_count(tap):
    return int(tap.search(
        "SELECT COUNT(*) AS n FROM icecube_alerts.alerts")["n"][0])


@pytest.fixture
def added(tap, mirror):
    """Run ``apdc alert add`` on the sample; undo it afterwards."""
    stored = alerts.alerts_data_dir() / STORED_NAME
    assert not stored.exists(), f"{stored} left from an earlier run"
    before = _served_count(tap)
    code, output = _apdc("alert", "add", str(mirror / SAMPLE))
    try:
        yield before, code, output, stored
    finally:
        stored.unlink(missing_ok=True)
        restore_code, restore_output = _apdc("import", "icecube_alerts")
        assert restore_code == 0, restore_output
        assert _served_count(tap) == before


def test_alert_add_serves_the_voevent_as_a_row(tap, server, mirror, added):
    before, code, output, stored = added
    assert code == 0, output
    assert str(stored) in output
    assert stored.read_bytes() == (mirror / SAMPLE).read_bytes()
    assert _served_count(tap) == before + 1
    expected = _voevent_values(mirror / SAMPLE)
    rows = tap.search("SELECT alert_id, run_id, event_id, ra, dec, "
        "err_radius, signalness, obs_time FROM icecube_alerts.alerts "
        f"WHERE alert_id = '{ALERT_ID}'").to_table()
    assert len(rows) == 1
    row = rows[0]
    assert (int(row["run_id"]), int(row["event_id"])) == (
        expected["run_id"], expected["event_id"])
    for key in ("ra", "dec", "err_radius", "signalness"):
        assert np.isclose(float(row[key]), expected[key], atol=1e-6), key
    served_time = datetime.fromisoformat(str(row["obs_time"]).rstrip("Z"))
    assert abs((served_time - expected["obs_time"]).total_seconds()) < 1e-3

    # the cone search of the resource finds it at its position too
    import pyvo
    scs = pyvo.dal.SCSService(f"{server}/icecube_alerts/cone/scs.xml")
    found = scs.search(pos=(expected["ra"], expected["dec"]), radius=0.01,
        verbosity=3).to_table()
    assert ALERT_ID in {str(v).strip() for v in found["alert_id"]}


def test_alert_add_without_file_is_a_usage_error(tmp_path):
    missing = tmp_path / "none.xml"
    code, output = _apdc("alert", "add", str(missing))
    assert code == 2, output
    assert f"E01: {missing}" in output
    assert "Traceback" not in output
