"""Issue 17, items 2 and 12 (products): HEAD, no key, a NUL byte in a key.

* 2: ``curl -I .../getproduct/hess_dr1/hess_dl3_dr1_obs_id_023523.fits``
  (HEAD on the ``#this`` link of every H.E.S.S. run) never answered;
  it must answer like GET, without a body
  (workarounds/dachs_product_head.py).
* 12: ``GET /getproduct/`` (ValidationError) and a NUL byte in a
  product key (ValueError) were HTML 500 pages; they must be
  ``text/plain`` DALI-style errors (workarounds/dachs_product_keys.py).
"""

import urllib.parse
import urllib.request

import pytest

from tests.hardening_support import http_get

pytestmark = pytest.mark.live

RUN = "hess_dr1/hess_dl3_dr1_obs_id_023523.fits"


def test_head_on_a_product_answers_like_get(server):
    url = f"{server}/getproduct/{RUN}"
    head_status, head_type, head_body = http_get(url, method="HEAD")
    with urllib.request.urlopen(url, timeout=60) as resp:
        get_headers, get_body = resp.headers, resp.read()
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request, timeout=30) as resp:
        head_headers = resp.headers
    assert head_status == 200 and head_body == b""
    assert head_type == get_headers["content-type"] == "application/fits"
    assert int(head_headers["content-length"]) == len(get_body) > 100000
    assert head_headers["last-modified"] == get_headers["last-modified"]


def test_head_on_every_hess_run_answers(server, db):
    with db.cursor() as cursor:
        cursor.execute("SELECT accref FROM dc.products"
                       " WHERE sourcetable = 'hess_dr1.run_files'")
        keys = [row[0] for row in cursor.fetchall()]
    assert len(keys) == 105
    for key in keys[:: 10]:
        status, ctype, body = http_get(f"{server}/getproduct/{key}",
                                       method="HEAD")
        assert (status, ctype, body) == (200, "application/fits", b""), key


@pytest.mark.parametrize("path", ["/getproduct/", "/getproduct",
                                  "/getproduct?key="])
def test_no_key_is_a_usage_error(server, path):
    status, ctype, body = http_get(server + path)
    assert status == 400, (status, body[:300])
    assert ctype.startswith("text/plain"), ctype
    text = body.decode("utf-8")
    assert text.startswith("UsageFault: no product key"), text
    assert "ValidationError" not in text and "RAccref" not in text


@pytest.mark.parametrize("query", [
    {"key": "hess_dr1/x\x00y"},
    {"key": RUN + "\x00"},
])
def test_a_nul_byte_in_a_key_is_not_found(server, query):
    status, ctype, body = http_get(f"{server}/getproduct", **query)
    assert status == 404, (status, body[:300])
    assert ctype.startswith("text/plain"), ctype
    text = body.decode("utf-8")
    assert text.startswith("NotFoundFault: "), text
    assert "NUL (0x00)" not in text and "ValueError" not in text


def test_a_nul_byte_in_the_path_is_refused_by_the_proxy(server):
    status, _, body = http_get(
        f"{server}/getproduct/{urllib.parse.quote(RUN)}%00")
    assert status == 400, (status, body[:300])
    assert b"Traceback" not in body
