"""Shared fixtures: the live server, the local data mirror, DB access."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from apdc import config, web  # noqa: E402


@pytest.fixture(scope="session")
def mirror():
    """The local mirror of the public data sets (../shared/data in CI)."""
    path = config.mirror_dir()
    if path is None or not path.is_dir():
        pytest.fail("No data mirror: set APDC_MIRROR or put shared/data "
            "beside the checkout.")
    return path


@pytest.fixture(scope="session")
def server():
    """The public base URL (the proxy in front of DaCHS and the portal);
    everything is started if needed."""
    web.start_all()
    return config.server_url()


@pytest.fixture(scope="session")
def tap(server):
    import pyvo
    return pyvo.dal.TAPService(server + "/tap")


@pytest.fixture
def db():
    """A psycopg2 connection with DaCHS's admin profile."""
    from apdc import ingest
    conn = ingest.get_connection()
    yield conn
    conn.rollback()
    conn.close()


def run_stilts(*args, timeout=600):
    """Run STILTS and return (exit code, combined output)."""
    stilts = shutil.which("stilts")
    assert stilts, "STILTS is missing; 'make up' installs the Debian package"
    proc = subprocess.run([stilts, *args], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, timeout=timeout,
        env={**os.environ, "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"})
    return proc.returncode, proc.stdout


# Tests that need the database or the server are live tests, whatever
# their module: "make check" (pytest -m "not live") leaves them out.
_LIVE_FIXTURES = {"db", "server", "tap"}


def pytest_collection_modifyitems(items):
    for item in items:
        if _LIVE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.live)
