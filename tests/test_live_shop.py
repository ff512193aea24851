"""The data shop end to end: through nginx, real RabbitMQ, two real workers.

The test starts two Celery workers itself, as two "hosts" on this one
machine: separate node names (``w1@hostA``, ``w2@hostB``), separate
scratch folders, each its own process group; they share only the
broker, PostgreSQL and the export store (the folder behind
``portal.shop.store``).  No network namespaces: both reach the broker
over TCP on 127.0.0.1.  A user with an API token is made in the live
portal's database and removed (with its requests and packages)
afterwards.  Mail from the workers goes to an SMTP server of the test.
"""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import h5py
import pytest
import requests

from apdc import config, ingest, web
from tests.test_live_access import portal_shell

pytestmark = pytest.mark.live

# One user per test process: test runs of other engineers on the same
# server make and delete their own user (with its token and requests).
USER = f"apdc_test_shop_{os.getpid()}"
NODES = {"w1": "w1@hostA", "w2": "w2@hostB"}
#: Rows a worker fetches at a time, and its pause after each chunk: a
#: setting of the workers (APDC_SHOP_TEST_CHUNK_DELAY), so that an export
#: of 10^6 events is still running when a test kills its worker.
CHUNK_ROWS, CHUNK_DELAY = 25000, 0.4
SMALL = {"dataset": "kascade_sim", "component": "events",
         "quantities": ["R", "EV", "E", "ZE", "AZ"],
         "cuts": {"E": [15.5, None]}, "fmt": "hdf5"}


@pytest.fixture(scope="module")
def smtp():
    from aiosmtpd.controller import Controller
    from tests.portal.conftest import Inbox, free_port
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture(scope="module")
def shop_server(server):
    response = requests.get(server + "/shop/api/catalogue", timeout=30)
    assert response.status_code == 401, (
        "the portal does not serve the shop (yet): restart it "
        f"(apdc stop; apdc start); got {response.status_code}")
    return server


_MAKE_USER = f"""
from django.contrib.auth import get_user_model
from portal.accounts.models import ApiToken
from portal.shop import services
User = get_user_model()
for old in User.objects.filter(username="{USER}"):
    for request in old.shop_requests.all():
        services.delete(request)
    old.delete()
user = User.objects.create_user("{USER}", "{USER}@example.org",
                                "Shop-test 2026!")
print("TOKEN", ApiToken.issue(user, "live shop test")[1])
"""

_REMOVE_USER = f"""
from django.contrib.auth import get_user_model
from portal.shop import services
for old in get_user_model().objects.filter(username="{USER}"):
    for request in old.shop_requests.all():
        services.delete(request)
    old.delete()
"""


@pytest.fixture(scope="module")
def shop_user(shop_server):
    """``(requests.Session with the Bearer token, base URL)``."""
    out = portal_shell(_MAKE_USER)
    token = out.split("TOKEN", 1)[1].split()[0]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    yield session, shop_server
    portal_shell(_REMOVE_USER)


def worker_env(name, root, smtp_port=None):
    """The environment of worker ``name``: its own scratch folder."""
    env = web.portal_environment()
    env.update(APDC_SHOP_SCRATCH=str(root / f"scratch-{name}"),
               APDC_SHOP_CHUNK_ROWS=str(CHUNK_ROWS),
               APDC_SHOP_TEST_CHUNK_DELAY=str(CHUNK_DELAY))
    if smtp_port:
        env.update(APDC_PORTAL_SMTP_HOST="127.0.0.1",
                   APDC_PORTAL_SMTP_PORT=str(smtp_port))
    return env


def small_count():
    """``SELECT COUNT(*)`` of :data:`SMALL`'s cut, from the database."""
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM kascade_sim.events "
                           "WHERE log_energy >= 15.5")
            return cursor.fetchone()[0]
    finally:
        conn.close()


class Workers:
    """Celery worker processes started (and stopped) by a test."""

    def __init__(self, root, smtp_port=None):
        self.root, self.smtp_port, self.procs = root, smtp_port, {}

    def start(self, name):
        path = self.root / f"{name}.log"
        offset = path.stat().st_size if path.exists() else 0
        log = open(path, "ab")
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal.celery", "worker",
             "-n", NODES[name], "-Q", "apdc-shop", "-c", "1",
             "--without-mingle", "--without-gossip", "-l", "INFO"],
            env=worker_env(name, self.root, self.smtp_port),
            cwd=config.PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)   # a process group: a whole "host"
        self.wait_ready(name, offset)

    def wait_ready(self, name, offset=0, wait=60):
        log = self.root / f"{name}.log"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if b" ready." in log.read_bytes()[offset:]:
                return
            assert self.procs[name].poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.3)
        raise AssertionError(f"worker {name} not ready:\n{log.read_text(encoding='utf-8')}")

    def kill(self, name):
        """SIGKILL the worker and its pool (a host that dies)."""
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait(timeout=30)

    def stop_all(self):
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def consumers():
    """How many workers consume the shop's queue now (None: no queue)."""
    out = portal_shell("from portal.shop import status\n"
                       "print('DEPTH', status.queue_depth())")
    depth = out.split("DEPTH", 1)[1].strip()
    return None if depth == "None" else int(depth.strip("()").split(",")[1])


@pytest.fixture(scope="module")
def workers(shop_user, smtp, tmp_path_factory):
    # These tests must know which worker runs a request: the workers that
    # apdc started make way for the test's own two, and come back after.
    web.stop_workers()
    assert not consumers(), "workers not started by apdc consume apdc-shop"
    started = Workers(tmp_path_factory.mktemp("shop-workers"), smtp.port)
    try:
        for name in NODES:
            started.start(name)
        yield started
    finally:
        started.stop_all()
        web.start_workers()


def submit(session, base, body):
    response = session.post(base + "/shop/api/requests", json=body,
                            timeout=60)
    assert response.status_code == 201, response.text
    return response.json()


def wait_for(session, base, request_id, states=("COMPLETED", "ERROR"),
             wait=300, until=None):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        response = session.get(f"{base}/shop/api/requests/{request_id}",
                               timeout=30)
        assert response.status_code == 200, response.text
        job = response.json()
        if job["state"] in states and (until is None or until(job)):
            return job
        time.sleep(0.5)
    raise AssertionError(f"request {request_id} still {job['state']}")


def open_package(content, tmp_path):
    """The HDF5 data file of a package (a zip), opened with h5py."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    data = [n for n in archive.namelist() if n.endswith((".h5", ".hdf5"))]
    assert len(data) == 1, archive.namelist()
    target = tmp_path / data[0]
    target.write_bytes(archive.read(data[0]))
    return h5py.File(target, "r"), archive.namelist()


def store_files(request_id):
    """Every file of a request in the export store, temporary ones too."""
    store = Path(os.environ.get("APDC_SHOP_STORE",
                                "/var/lib/apdc/shop-store"))
    return sorted(str(p.relative_to(store))
                  for p in store.glob(f"{request_id}-*/*"))


def test_submit_poll_fetch(workers, shop_user, smtp, tmp_path):
    session, base = shop_user
    job = submit(session, base, SMALL)
    assert job["state"] == "QUEUED"
    done = wait_for(session, base, job["id"])
    assert done["state"] == "COMPLETED", done["message"]
    assert done["n_events"] == small_count()
    assert done["attempts"][0]["host"] in NODES.values()
    package = session.get(base + done["package"], timeout=60)
    assert package.status_code == 200
    assert hashlib.sha256(package.content).hexdigest() == done["sha256"]
    data, names = open_package(package.content, tmp_path)
    lengths = set()
    with data:
        data.visititems(lambda name, item: lengths.add(item.shape[0])
                        if isinstance(item, h5py.Dataset) and item.shape
                        else None)
    assert done["n_events"] in lengths, lengths
    assert {"Info.txt", "SHA256SUMS"} <= set(names)
    assert len(store_files(job["id"])) == 1
    deadline = time.monotonic() + 30
    while not any(job["id"] in body for body in smtp.bodies()):
        assert time.monotonic() < deadline, smtp.bodies()
        time.sleep(0.5)
    assert any("is complete" in body for body in smtp.bodies())


def test_uws_lists_and_polls(workers, shop_user):
    import pyvo.io.uws
    session, base = shop_user
    job = submit(session, base, dict(SMALL, fmt="root"))
    wait_for(session, base, job["id"])
    listing = session.get(base + "/shop/uws", params={"LAST": "1"},
                          timeout=30)
    refs = pyvo.io.uws.parse_job_list(io.BytesIO(listing.content))
    assert [(r.jobid, r.phase) for r in refs] == [(job["id"], "COMPLETED")]
    document = session.get(f"{base}/shop/uws/{job['id']}", timeout=30)
    parsed = pyvo.io.uws.parse_job(io.BytesIO(document.content))
    href = parsed.results[0].href
    assert href.startswith(base)
    assert session.get(href, timeout=60).content[:2] == b"PK"


def test_status_command(workers, shop_user):
    out = subprocess.run([sys.executable, "-m", "portal", "shop_status"],
                         env=web.portal_environment(), text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=120).stdout
    assert "w1@hostA" in out and "w2@hostB" in out, out
    assert "messages waiting" in out, out
