"""The operator step that stores an IceCube alert VOEvent (apdc/alerts.py)
and the command that runs it (``apdc alert add FILE``)."""

import shutil
import subprocess

import pytest

from apdc import alerts, config
from converters import icecube_alerts
from converters.context import ImportContext
from converters.errors import E02, E03

ALERT_FILES = ("IceCat-1_Gold_Bronze_Tracks.csv", "IceCube_cascade_alerts.csv")
CASCADE_SAMPLE = "sample_cascade_alert.voevent.xml"
APDC = config.PROJECT_DIR / ".venv" / "bin" / "apdc"


@pytest.fixture
def sample(mirror):
    return mirror / "icecube" / CASCADE_SAMPLE


@pytest.fixture
def alerts_dir(mirror, tmp_path):
    """A data folder holding the two alert catalogues."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ALERT_FILES:
        shutil.copy(mirror / "icecube" / name, folder)
    return folder


def count(folder):
    table = icecube_alerts.alerts_table(ImportContext("icecube_alerts",
                                                      folder))
    return len(table["alert_id"])


def test_add_voevent(sample, alerts_dir):
    assert count(alerts_dir) == 374
    target, row = alerts.add_voevent(sample, alerts_dir)
    assert target == alerts_dir / "IceCube-134244-34406854-rev0.voevent.xml"
    assert target.read_bytes() == sample.read_bytes()
    assert row["alert_id"][0] == "134244_34406854"
    assert count(alerts_dir) == 375
    # adding the same file again changes nothing
    alerts.add_voevent(target, alerts_dir)
    assert count(alerts_dir) == 375
    assert len(list(alerts_dir.glob("*.xml"))) == 1


def test_add_voevent_refuses_bad_file(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<VOEvent", encoding="utf-8")
    with pytest.raises(E02, match="not well-formed"):
        alerts.add_voevent(bad, tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_add_voevent_refuses_test_alert(sample, tmp_path):
    test_alert = tmp_path / "test.xml"
    test_alert.write_text(sample.read_text(encoding="utf-8").replace(
        'role="observation"', 'role="test"'), encoding="utf-8")
    with pytest.raises(E03, match="test alert"):
        alerts.add_voevent(test_alert, tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_default_folder_is_the_resources():
    assert alerts.alerts_data_dir() == (config.RESOURCES_DIR
                                        / "icecube_alerts" / "data")


@pytest.mark.parametrize("text, code", [
    ("<VOEvent", "E02"),
    ('<?xml version="1.0"?><votable/>', "E03")])
def test_command_refuses_bad_voevent(tmp_path, text, code):
    """``apdc alert add`` with a bad file: exit 2, the code, no copy."""
    before = sorted(alerts.alerts_data_dir().glob("*"))
    bad = tmp_path / "alert.xml"
    bad.write_text(text, encoding="utf-8")
    proc = subprocess.run([str(APDC), "alert", "add", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert f"bad input: {code}: {bad}" in proc.stderr
    assert sorted(alerts.alerts_data_dir().glob("*")) == before
