"""The defects tests/test_live_fuzz.py found, one request each.

* non-UTF-8 bytes in a GET parameter other than QUERY (SCS VERB and
  MAXREC, DataLink RESPONSEFORMAT) and a NUL in one (DataLink ID of the
  spectra, OAI-PMH identifier) were HTML 500 pages
  (workarounds/dachs_request_text.py);
* ``UPLOAD=t,param:x`` in a GET answered "'NoneType' object is not
  subscriptable" (workarounds/dachs_inline_upload.py);
* the spectra SSA took any POS and SIZE as "matches everything"
  (rd/crspectra.rd).
"""

import re

import pytest

from tests.fuzz_support import LEAKS
from tests.hardening_support import http_get

pytestmark = pytest.mark.live


def _vo_error(body):
    """The message of a VO error document (DALI, SCS, DataLink, OAI-PMH)."""
    text = body.decode("utf-8", "replace")
    assert not any(leak in text for leak in LEAKS), text[:500]
    match = re.search(r'QUERY_STATUS"\s+value="ERROR"[^>]*>([^<]+)|'
        r'name="Error"[^>]*value="([^"]+)"|<TD>(\w*Fault[^<]*)</TD>|'
        r'<(?:\w+:)?error code="(\w+)"', text)
    assert match, text[:500]
    return next(g for g in match.groups() if g)


@pytest.mark.parametrize("param", ["VERB", "MAXREC"])
def test_cone_search_with_non_utf8_parameter(server, param):
    status, _, body = http_get(f"{server}/gammacat/cone/scs.xml",
        RA="83.6", DEC="22", SR="1", **{param: b"\xff\xfe"})
    assert status < 500
    assert param.lower() in _vo_error(body).lower()


def test_datalink_with_non_utf8_responseformat(server):
    status, _, body = http_get(f"{server}/kascade/dl/dlmeta",
        ID="ivo://astroparticle.vo/~?kascade/1000/1001",
        RESPONSEFORMAT=b"\xff\xfe")
    assert 400 <= status < 500, (status, body[:300])
    assert b"RESPONSEFORMAT" in body or b"format" in body.lower()


def test_spectrum_datalink_with_nul_id(server):
    status, _, body = http_get(f"{server}/crspectra/sdl/dlget", ID="\x00")
    assert 400 <= status < 500, (status, body[:300])
    assert b"NUL" not in body and b"ValueError" not in body


def test_oai_identifier_with_nul(server):
    status, _, body = http_get(f"{server}/oai.xml", verb="GetRecord",
        metadataPrefix="ivo_vor", identifier="\x00")
    assert status < 500
    assert _vo_error(body) == "idDoesNotExist"


def test_inline_upload_without_body(server):
    status, _, body = http_get(f"{server}/tap/sync", REQUEST="doQuery",
        LANG="ADQL", QUERY="SELECT * FROM TAP_UPLOAD.t", UPLOAD="t,param:x")
    assert status < 500
    assert "No inline upload 'x' found" in _vo_error(body)


@pytest.mark.parametrize("params, message", [
    ({"POS": "400,100"}, "declination within [-90, 90]"),
    ({"POS": "1,2,3"}, "POS must be 'ra,dec'"),
    ({"POS": "83.6,22", "SIZE": "-1"}, "SIZE must be a diameter"),
    ({"SIZE": "0"}, "SIZE must be a diameter")])
def test_spectra_ssa_refuses_bad_cones(server, params, message):
    status, _, body = http_get(f"{server}/crspectra/ssa/ssap.xml",
        REQUEST="queryData", **params)
    assert status < 500
    assert message in _vo_error(body)


def test_spectra_ssa_takes_a_good_cone(server):
    status, _, body = http_get(f"{server}/crspectra/ssa/ssap.xml",
        REQUEST="queryData", POS="83.6,22", SIZE="1")
    assert status == 200
    assert b'value="OK"' in body and body.count(b"<TR>") > 10
