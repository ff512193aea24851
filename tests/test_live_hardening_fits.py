"""Issue 17, item 9: FITS output keeps long column descriptions whole.

The request of the issue (a TAP result as FITS, whose ``TCOMMn`` cards
continue over CONTINUE cards) is read back with astropy: every
description equals the RD's, with no "= " from quoted-printable line
breaks (workarounds/dachs_fits_comments.py).
"""

import io
import urllib.parse
import urllib.request

import pytest
from astropy.io import fits

from converters import rdschema

pytestmark = pytest.mark.live

COLUMNS = ("event_did", "energy", "core_x", "azimuth", "datalink")


def _fits(server, query):
    url = f"{server}/tap/sync?" + urllib.parse.urlencode(
        {"LANG": "ADQL", "REQUEST": "doQuery", "FORMAT": "fits",
         "QUERY": query})
    with urllib.request.urlopen(url, timeout=120) as resp:
        return fits.open(io.BytesIO(resp.read()))


def test_long_descriptions_arrive_whole_in_tcomm(server):
    hdus = _fits(server, f"SELECT TOP 3 {', '.join(COLUMNS)} "
                         "FROM kascade.events")
    header = hdus[1].header
    declared = rdschema.table("kascade", "events")
    long_ones = 0
    for index, name in enumerate(COLUMNS, start=1):
        assert header[f"TTYPE{index}"] == name
        description = declared.column(name).description
        assert header[f"TCOMM{index}"] == description, name
        long_ones += len(description) > 76
    # the descriptions that quoted-printable used to break
    assert long_ones >= 3
    assert "experim= ent" not in header.tostring()
    assert len(hdus[1].data) == 3


def test_long_descriptions_of_a_simulated_table(server):
    """Also the copies (kascade_sim.events takes kascade's columns)."""
    header = _fits(server, "SELECT TOP 1 event_did, datalink FROM "
                           "kascade_sim.events")[1].header
    declared = rdschema.table("kascade_sim", "events")
    assert header["TCOMM1"] == declared.column("event_did").description
    assert header["TCOMM2"] == declared.column("datalink").description
