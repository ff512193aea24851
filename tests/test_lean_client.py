"""bench/lean_client.py against a real HTTP/1.1 server on loopback.

The bench's client must keep its connections alive (else every request
pays for a TCP connection and the client, not the server, is measured),
count wrong answers as failures, and account CPU only of processes it
saw at both readings.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import lean_client


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # persistent connections
    connections = 0
    lock = threading.Lock()

    def setup(self):
        with _Handler.lock:
            _Handler.connections += 1
        super().setup()

    def do_GET(self):
        body = b"<VOTABLE><TABLE/></VOTABLE>" if "good" in self.path \
            else b"no table"
        self.send_response(200 if "good" in self.path else 500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def base():
    _Handler.connections = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _check(status, body, url):
    if status != 200 or b"<TABLE" not in body:
        raise AssertionError(f"{status} {url}")


def test_requests_reuse_their_connections(base):
    out = lean_client.run([base], lambda rng: "/good?x=1", _check,
                          clients=4, seconds=1.0, processes=2)
    assert out["failures"] == []
    assert len(out["latencies"]) > 40
    # one connection per client, however many requests
    assert _Handler.connections == 4
    assert out["client_cpu"] > 0
    assert 1.0 <= out["elapsed"] < 10


def test_wrong_answers_are_failures(base):
    out = lean_client.run([base], lambda rng: "/bad", _check, clients=2,
                          seconds=0.3, processes=1)
    assert out["latencies"] == []
    assert out["failures"] and all("500" in f for f in out["failures"])


def test_cpu_spent_leaves_out_ended_processes():
    before = {1: ("dachs", 5.0), 2: ("postgres", 7.0)}
    after = {1: ("dachs", 6.5), 3: ("postgres", 0.25)}
    spent = lean_client.cpu_spent(before, after)
    assert spent == {"dachs": 1.5, "postgres": 0.25, "nginx": 0.0,
                     "portal": 0.0}
    assert lean_client.machine_busy() > 0
