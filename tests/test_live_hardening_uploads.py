"""Issue 17, items 17, 18 and 14 (uploads): what TAP uploads may do.

* 17: ``UPLOAD=src,http://127.0.0.1:8080/...`` made the server fetch
  any URL, loopback included, with messages that told open from closed
  ports; ``https://`` to a plain port held the request for 100 s.  Now
  only public http(s) hosts, one message for every refused URL, 10 s
  per network operation (workarounds/dachs_upload_fetch.py).
* 18: the capabilities advertise a 20,000,000-byte upload limit, but
  sync uploads of 0.99 MB got 413 "Would only accept 0 bytes"; sync now
  accepts what is advertised (ivoa_meta/gavo.rc.in, maxSyncUploadSize).
* 14: upload errors printed the server's job directory.
"""

import io
import time
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import requests
from astropy.io import votable
from astropy.table import Table

pytestmark = pytest.mark.live

QUERY = "SELECT COUNT(*) AS n FROM TAP_UPLOAD.t"
REFUSED = ("refused: this service fetches uploads only from http or https "
           "URLs of public hosts.")


def _error(body):
    resource = votable.parse(io.BytesIO(body)).resources[0]
    infos = {info.name: info for info in resource.infos}
    assert infos["QUERY_STATUS"].value == "ERROR", body[:300]
    return infos["QUERY_STATUS"].content + " " + (
        infos["HINT"].value if "HINT" in infos else "")


def _sync(server, upload, files=None):
    answer = requests.post(f"{server}/tap/sync", timeout=120, files=files,
                           data={"LANG": "ADQL", "REQUEST": "doQuery",
                                 "QUERY": QUERY, "UPLOAD": upload})
    return answer.status_code, answer.content


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/tap/capabilities",     # open port (the proxy)
    "http://127.0.0.1:9/nothing",                 # closed port
    "http://localhost:8081/",                     # DaCHS itself
    "http://[::1]:5432/", "http://10.0.0.1/", "http://169.254.169.254/",
    "file:///etc/passwd",
])
def test_upload_urls_of_non_public_hosts_are_refused_alike(server, url):
    started = time.monotonic()
    _, body = _sync(server, f"t,{url}")
    message = _error(body)
    assert time.monotonic() - started < 10
    if url.startswith("file:"):      # DaCHS reads file:// in the job folder
        assert "cannot be read" in message, message
    else:
        assert f"Upload '{url}' {REFUSED}" in message, message
    for word in ("refused:", "Connection", "timed out", "Errno"):
        assert word not in message.replace(REFUSED, ""), message
    assert "/var/gavo" not in message and "uwsjobs" not in message


def test_https_to_a_plain_port_does_not_hold_the_request(server):
    started = time.monotonic()
    _, body = _sync(server, "t,https://127.0.0.1:8080/tap/capabilities")
    assert REFUSED in _error(body)
    assert time.monotonic() - started < 10


def test_async_upload_by_loopback_url_is_refused_at_creation(server):
    answer = requests.post(f"{server}/tap/async", timeout=60,
                           allow_redirects=False,
                           data={"LANG": "ADQL", "QUERY": QUERY,
                                 "UPLOAD": "t,http://127.0.0.1:8080/"})
    assert answer.status_code == 400, answer.text[:300]
    assert REFUSED in _error(answer.content)


def test_an_upload_error_does_not_show_the_job_directory(server):
    _, body = _sync(server, "t,param:f",
                    files={"f": ("t.xml", b"not a votable")})
    message = _error(body)
    assert "While ingesting upload t" in message, message
    assert "/var/gavo" not in message and "uwsjobs" not in message


def _upload_of(nbytes):
    """A VOTable upload (TABLEDATA) of about ``nbytes`` bytes, and its rows."""
    rows = max(1, nbytes // 40)
    table = Table({"x": np.arange(rows, dtype=np.int64)})
    out = io.BytesIO()
    table.write(out, format="votable")
    text = out.getvalue()
    return text, rows


def _advertised_upload_limit(server):
    text = requests.get(f"{server}/tap/capabilities", timeout=60).text
    for element in ET.fromstring(text).iter():
        if element.tag.endswith("uploadLimit"):
            return int(next(iter(element)).text)
    raise AssertionError("no uploadLimit in the capabilities")


@pytest.mark.parametrize("megabytes", [0.99, 2.0])
def test_uploads_below_the_advertised_limit_work_sync_and_async(
        server, tap, megabytes):
    limit = _advertised_upload_limit(server)
    assert limit == 20000000
    data, rows = _upload_of(int(megabytes * 1e6))
    assert megabytes * 0.95e6 < len(data) < limit
    status, body = _sync(server, "t,param:f", files={"f": ("t.xml", data)})
    assert status == 200, body[:300]
    result = votable.parse(io.BytesIO(body)).get_first_table().array
    assert int(result["n"][0]) == rows
    job = tap.submit_job(QUERY, uploads={"t": io.BytesIO(data)})
    try:
        job.run()
        job.wait(timeout=120)
        assert job.phase == "COMPLETED", job.phase
        assert int(job.fetch_result().to_table()["n"][0]) == rows
    finally:
        job.delete()
