"""The independent validators: STILTS taplint, dachs val, the RDs' regSuites."""

import re
import subprocess
import sys

import pytest

from apdc import config
from converters import rdschema
from tests.conftest import run_stilts

pytestmark = pytest.mark.live

RD_IDS = sorted(p.stem for p in config.RD_DIR.glob("*.rd"))


def _dachs(*args):
    proc = subprocess.run([sys.executable, "/usr/bin/dachs", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        timeout=900)
    return proc.returncode, proc.stdout


def test_taplint_reports_no_errors(server):
    # Every stage runs except LOC (ObsLocTAP, observation planning): the
    # data centre neither has nor declares an ivoa.obsplan table, yet
    # Debian's STILTS 3.4.7 runs that stage regardless and fails it.
    code, output = run_stilts("taplint", "tapurl=" + server + "/tap",
        "maxtable=20", "report=EWF", "stages=-LOC")
    summary = re.search(r"Totals: Errors: (\d+); Warnings: (\d+); "
        r"Failures: (\d+)", output)
    assert summary, output[-3000:]
    errors, failures = int(summary.group(1)), int(summary.group(3))
    assert "Section EXA" in output and "F-EXA" not in output
    error_lines = [l for l in output.splitlines() if l.startswith(("E-", "F-"))]
    assert errors == 0 and failures == 0, "\n".join(error_lines[:40])


@pytest.mark.parametrize("rd_id", RD_IDS)
def test_dachs_val_is_clean(rd_id):
    code, output = _dachs("val", "-v", rd_id)
    assert code == 0, output
    assert "-- OK" in output, output
    assert "WARNING" not in output, output


@pytest.mark.parametrize("rd_id", [r for r in RD_IDS if "<regSuite" in (
    config.RD_DIR / f"{r}.rd").read_text(encoding="utf-8")])
def test_regsuite_passes(server, rd_id):
    # a restricted resource refuses anonymous callers at the proxy
    # (tests/test_live_access.py); its own tests run against DaCHS itself
    extra = ["-u", config.dachs_url()] if rdschema.is_restricted(rd_id) \
        else []
    code, output = _dachs("test", "-v", *extra, rd_id)
    assert code == 0, output
    match = re.search(r"(\d+) of (\d+) bad", output)
    assert match, output
    assert match.group(1) == "0" and int(match.group(2)) > 0, output
