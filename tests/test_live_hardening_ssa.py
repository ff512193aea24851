"""Issue 17, item 10: SSA rows carry NaN, not an empty cell, for NULL points.

The all-sky cosmic-ray spectra have no position: ``ssa_location`` and
``ssa_targetpos`` (``double``, ``arraysize="2"``) are NULL.  The SSA
response of the issue is checked with votlint (STILTS) and with astropy
(warnings as errors): no "Bad double string ''", and both columns read
as NULL in every row (workarounds/dachs_votable_null_arrays.py).
"""

import io
import re
import urllib.request

import pytest
from astropy.io import votable

from tests.conftest import run_stilts

pytestmark = pytest.mark.live

N_SPECTRA = 34
POINTS = ("ssa_location", "ssa_targetpos")


@pytest.fixture(scope="module")
def response(server):
    url = f"{server}/crspectra/ssa/ssap.xml?REQUEST=queryData"
    with urllib.request.urlopen(url, timeout=120) as resp:
        return resp.read()


def test_null_points_are_nan_in_tabledata(response):
    text = response.decode("utf-8")
    assert "<TABLEDATA>" in text
    fields = re.findall(r"<FIELD [^>]*\bname=\"([^\"]+)\"", text)
    rows = re.findall(r"<TR>(.*?)</TR>", text, flags=re.S)
    assert len(rows) == N_SPECTRA
    for name in POINTS:
        index = fields.index(name)
        cells = [re.findall(r"<TD>(.*?)</TD>|<TD/>", row, flags=re.S)
                 for row in rows]
        assert {c[index] for c in cells} == {"NaN NaN"}, name


def test_votlint_finds_no_bad_double(response, tmp_path):
    path = tmp_path / "ssa.xml"
    path.write_bytes(response)
    _, output = run_stilts("votlint", f"{path}")
    assert "Bad double string" not in output, output


def test_astropy_reads_null_points_as_masked(response):
    table = votable.parse_single_table(io.BytesIO(response)).to_table()
    assert len(table) == N_SPECTRA
    for name in POINTS:
        assert table[name].mask.all(), name
