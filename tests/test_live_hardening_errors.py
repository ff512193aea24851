"""Issue 17, item 14: errors that exposed internals are clean VO errors.

* non-UTF-8 bytes in QUERY: "You cannot (and should not) pickle
  BinaryItems" (workarounds/dachs_binary_query.py);
* ``MAXREC=-5`` on TAP ("LIMIT must not be negative") and ``MAXREC=-1``
  on SSA ("list assignment index out of range")
  (workarounds/dachs_negative_maxrec.py);
* GET URLs over about 17 kB: the connection closed without an answer;
  the proxy now answers 414 with a message (deploy/nginx.conf.in).

500 nested parentheses: tests/test_live_hardening_availability.py;
upload errors with job-directory paths: test_live_hardening_uploads.py.
"""

import http.client
import io
import urllib.parse
import urllib.request

import pytest
from astropy.io import votable

from tests.hardening_support import http_get

pytestmark = pytest.mark.live

INTERNALS = ("pickle", "BinaryItem", "LIMIT must not", "list assignment",
             "Traceback", "/var/gavo", "<html")


def _votable_error(body):
    """The QUERY_STATUS ERROR message of a VOTable error document."""
    resource = votable.parse(io.BytesIO(body)).resources[0]
    infos = {info.name: info for info in resource.infos}
    assert infos["QUERY_STATUS"].value == "ERROR", body[:400]
    message = infos["QUERY_STATUS"].content
    for word in INTERNALS:
        assert word not in message, message
    return message


def test_a_query_that_is_not_utf8_is_a_clean_error(server):
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).netloc,
                                      timeout=60)
    conn.request("GET", "/tap/sync?LANG=ADQL&REQUEST=doQuery"
                 "&QUERY=SELECT%20%FF%FE%20FROM%20kascade.events")
    body = conn.getresponse().read()
    assert "QUERY is not UTF-8 text" in _votable_error(body)


def test_an_async_query_that_is_not_utf8_is_refused(server):
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).netloc,
                                      timeout=60)
    conn.request("POST", "/tap/async", body=b"LANG=ADQL&QUERY=SELECT%20%FF",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    resp = conn.getresponse()
    body = resp.read()
    assert resp.status == 400, (resp.status, body[:300])
    assert "QUERY is not UTF-8 text" in _votable_error(body)


@pytest.mark.parametrize("maxrec", ["-5", "-1"])
def test_negative_maxrec_on_tap_sync(server, maxrec):
    _, _, body = http_get(f"{server}/tap/sync", LANG="ADQL",
                          REQUEST="doQuery", MAXREC=maxrec,
                          QUERY="SELECT TOP 1 event_did FROM kascade.events")
    assert (f"MAXREC must be a non-negative integer, not {maxrec}."
            in _votable_error(body))


def test_negative_maxrec_on_tap_async(server):
    status, _, body = http_get(f"{server}/tap/async", method="POST",
                               LANG="ADQL", MAXREC="-5",
                               QUERY="SELECT TOP 1 event_did FROM kascade.events")
    assert status == 400, (status, body[:300])
    assert "MAXREC must be a non-negative integer" in _votable_error(body)


def test_negative_maxrec_on_ssa(server):
    _, _, body = http_get(f"{server}/crspectra/ssa/ssap.xml",
                          REQUEST="queryData", MAXREC="-1")
    assert ("MAXREC must be a non-negative integer, not -1."
            in _votable_error(body))


def test_negative_maxrec_on_cone_search(server):
    _, _, body = http_get(f"{server}/kascade/cone/scs.xml", RA="83",
                          DEC="22", SR="1", MAXREC="-1")
    resource = votable.parse(io.BytesIO(body)).resources[0]
    errors = [info.value for info in resource.infos if info.name == "Error"]
    assert errors == ["Field MAXREC: MAXREC must be a non-negative integer, "
                      "not -1."], body[:400]       # SCS 1.03's error INFO


def test_zero_maxrec_still_works_on_ssa(server):
    status, _, body = http_get(f"{server}/crspectra/ssa/ssap.xml",
                               REQUEST="queryData", MAXREC="0")
    assert status == 200
    resource = votable.parse(io.BytesIO(body)).resources[0]
    assert [i.value for i in resource.infos if i.name == "QUERY_STATUS"
            ] in (["OK"], ["OVERFLOW"])


@pytest.mark.parametrize("kilobytes", [9, 17, 40])
def test_long_get_urls_get_a_414_with_a_message(server, kilobytes):
    query = "SELECT TOP 1 event_did FROM kascade.events WHERE run = 1"
    path = ""
    while len(path) <= kilobytes * 1024:
        query += " OR run = 1"
        path = "/tap/sync?" + urllib.parse.urlencode(
            {"LANG": "ADQL", "REQUEST": "doQuery", "QUERY": query})
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).netloc,
                                      timeout=60)
    conn.request("GET", path)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8")
    assert resp.status == 414
    assert resp.getheader("content-type").startswith("text/plain")
    assert text.startswith("UsageFault: request URL longer than 8 kB"), text
    assert "POST" in text


def test_the_same_long_query_by_post_answers(server):
    padding = "'" + "x" * 4800 + "'"
    query = (f"SELECT TOP 1 event_did FROM kascade.events "
             f"WHERE {padding} = {padding}")
    data = urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
                                   "QUERY": query}).encode("ascii")
    assert len(data) > 9 * 1024
    with urllib.request.urlopen(f"{server}/tap/sync", data,
                                timeout=60) as resp:
        body = resp.read()
    assert len(votable.parse(io.BytesIO(body)).get_first_table().array) == 1
