"""Issue 17, items 17, 18 and 14 (uploads): what TAP uploads may do.

* 17: ``UPLOAD=src,http://127.0.0.1:8080/...`` made the server fetch
  any URL, loopback included, with messages that told open from closed
  ports; ``https://`` to a plain port held the request for 100 s.  Now
  only public http(s) hosts, one message for every refused URL, 10 s
  per network operation (workarounds/dachs_upload_fetch.py).  Numeric
  spellings of loopback (``127.1``, ``0x7f000001``, ``[::ffff:127.0.0.1]``
  ...) and names that resolve to it (an /etc/hosts line) are refused;
  the fetch connects to exactly the address it checked (DNS rebinding).
* 18: the capabilities advertise a 20,000,000-byte upload limit, but
  sync uploads of 0.99 MB got 413 "Would only accept 0 bytes"; sync now
  accepts what is advertised (ivoa_meta/gavo.rc.in, maxSyncUploadSize).
* 14: upload errors printed the server's job directory.
"""

import http.server
import io
import socket
import threading
import time
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import requests
from astropy.io import votable
from astropy.table import Table

from workarounds import dachs_upload_fetch as upload_fetch

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


@pytest.mark.parametrize("url", [
    "http://127.1:8080/tap/capabilities",          # short dotted form
    "http://0x7f000001:8080/tap/capabilities",     # hexadecimal
    "http://2130706433:8080/tap/capabilities",     # one decimal number
    "http://017700000001:8080/tap/capabilities",   # octal
    "http://0.0.0.0:8080/tap/capabilities",        # unspecified: this host
    "http://localhost.:8080/tap/capabilities",     # absolute name
    "http://[::1]:8080/tap/capabilities",
    "http://[::ffff:127.0.0.1]:8080/tap/capabilities",  # IPv4-mapped
    "http://[::127.0.0.1]:8080/tap/capabilities",  # IPv4-compatible
    "http://[64:ff9b::7f00:1]:8080/tap/capabilities",   # NAT64 of loopback
    "http://[2002:7f00:1::1]:8080/tap/capabilities",    # 6to4 of loopback
])
def test_other_spellings_of_loopback_are_refused(server, url):
    _, body = _sync(server, f"t,{url}")
    assert f"Upload '{url}' {REFUSED}" in _error(body)


HOSTS_NAME = "apdc-upload-rebinding.test"


@pytest.fixture
def loopback_name():
    """A host name that resolves to 127.0.0.1 (a test-only /etc/hosts line,
    removed afterwards), as a rebinding DNS name would."""
    line = f"127.0.0.1 {HOSTS_NAME}  # tests/test_live_hardening_uploads.py\n"
    with open("/etc/hosts", "a", encoding="utf-8") as hosts:
        hosts.write(line)
    try:
        assert socket.gethostbyname(HOSTS_NAME) == "127.0.0.1"
        yield HOSTS_NAME
    finally:
        with open("/etc/hosts", encoding="utf-8") as hosts:
            kept = [x for x in hosts.readlines() if x != line]
        with open("/etc/hosts", "w", encoding="utf-8") as hosts:
            hosts.writelines(kept)


def test_a_name_that_resolves_to_loopback_is_refused(server, loopback_name):
    url = f"http://{loopback_name}:8080/tap/capabilities"
    _, body = _sync(server, f"t,{url}")
    assert f"Upload '{url}' {REFUSED}" in _error(body)
    _, body = _sync(server, f"t,http://{loopback_name.upper()}:8080/")
    assert REFUSED in _error(body)


class _Answers(http.server.BaseHTTPRequestHandler):
    """/table: a small body; /away: a redirect to /table."""

    def do_GET(self):  # noqa: N802 (the http.server name)
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", "/table")
            self.end_headers()
            return
        body = b"<VOTABLE/>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_http():
    """The port of an HTTP server on 127.0.0.1 for the fetch's own tests."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def _rebinding(first):
    """A resolver: ``first`` on the first call, then 127.0.0.2 (nothing
    listens there), recording its calls -- a DNS name that rebinds."""
    calls = []

    def resolve(host, port, **kwargs):
        calls.append(host)
        address = first if len(calls) == 1 else "127.0.0.2"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
    return resolve, calls


def test_the_fetch_connects_to_the_address_it_checked(local_http):
    """Resolved once, checked, and that address is the one connected to:
    a second answer of the name (rebinding) is never asked for."""
    resolve, calls = _rebinding("127.0.0.1")
    out = io.BytesIO()
    upload_fetch.fetch(f"http://rebinding.invalid:{local_http}/table", out,
                       1000, resolve=resolve, allowed=lambda address: True)
    assert out.getvalue() == b"<VOTABLE/>"
    assert calls == ["rebinding.invalid"]


def test_a_redirect_is_checked_and_pinned_like_the_url(local_http):
    resolve, calls = _rebinding("127.0.0.1")
    out = io.BytesIO()
    url = f"http://rebinding.invalid:{local_http}/away"
    # the first address is allowed, the redirect's one (127.0.0.2) not
    checked = []

    def allowed(address):
        checked.append(str(address))
        return str(address) == "127.0.0.1"
    with pytest.raises(upload_fetch.UploadRefused, match=REFUSED):
        upload_fetch.fetch(url, out, 1000, resolve=resolve, allowed=allowed)
    assert checked == ["127.0.0.1", "127.0.0.2"]
    assert calls == ["rebinding.invalid", "rebinding.invalid"]
    assert out.getvalue() == b""


def test_every_resolved_address_is_checked():
    """A name with a public and a loopback address is refused."""
    def resolve(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in ("8.8.8.8", "127.0.0.1")]
    assert upload_fetch.url_problem("http://two.invalid/", resolve)
    assert upload_fetch.url_problem(
        "http://one.invalid/", lambda host, port, **kw: resolve(host, port)[:1]
    ) is None


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
