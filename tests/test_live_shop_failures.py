"""The shop's failure tests, live: a worker killed in the middle of an
export, and the broker stopped while requests are submitted.

Workers, user and SMTP server as in ``tests/test_live_shop.py``.  The
export of the kill test is slow on purpose, through a setting of the
workers (``APDC_SHOP_TEST_CHUNK_DELAY``: a pause after each chunk of
``APDC_SHOP_CHUNK_ROWS`` rows), not a mock: 10^6 events in 40 chunks.
"""

import subprocess
import sys
import time

import pytest

from apdc import web
from tests.test_live_access import portal_shell
from tests.test_live_shop import (NODES, SMALL, open_package, shop_server,
                                  shop_user, smtp, store_files, submit,
                                  wait_for, workers)

__all__ = ["shop_server", "shop_user", "smtp", "workers"]   # fixtures

pytestmark = pytest.mark.live

BIG = {"dataset": "kascade_sim", "component": "events",
       "quantities": ["R", "EV", "E", "XC", "YC", "ZE", "AZ", "NE", "NMU",
                      "AGE", "T", "P", "GT", "MT"],
       "cuts": {}, "fmt": "hdf5"}


def test_killed_worker_is_replaced(workers, shop_user, tmp_path):
    session, base = shop_user
    job = submit(session, base, BIG)
    running = wait_for(session, base, job["id"], ("EXECUTING",), wait=120,
                       until=lambda j: j["progress"] >= 0.1)
    host = running["attempts"][-1]["host"]
    victim = next(name for name, node in NODES.items() if node == host)
    workers.kill(victim)
    done = wait_for(session, base, job["id"], wait=600)
    assert done["state"] == "COMPLETED", done["message"]
    hosts = [a["host"] for a in done["attempts"]]
    assert len(hosts) == 2 and set(hosts) == set(NODES.values()), hosts
    assert hosts[0] == host
    assert [a["outcome"] for a in done["attempts"]] == ["lost",
                                                        "completed"]
    assert done["n_events"] == 10**6
    # one package, no part of a file anywhere in the store
    assert len(store_files(job["id"])) == 1, store_files(job["id"])
    package = session.get(base + done["package"], timeout=300)
    data, _ = open_package(package.content, tmp_path)
    data.close()
    survivor = next(name for name in NODES if name != victim)
    assert not list((workers.root / f"scratch-{survivor}").rglob("*.*"))
    # the killed "host" comes back and clears its scratch folder
    workers.start(victim)
    assert not list((workers.root / f"scratch-{victim}").rglob("*.*"))


def _rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", *args], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


_UNSENT = """
from portal.shop.models import ShopRequest
print("UNSENT", sorted(str(r) for r in ShopRequest.objects.filter(
    state="QUEUED", dispatched=False).values_list("pk", flat=True)))
"""


def test_broker_stopped_requests_wait_in_postgres(workers, shop_user):
    session, base = shop_user
    _rabbitmqctl("stop_app")
    try:
        made = [submit(session, base, dict(SMALL, fmt=fmt))["id"]
                for fmt in ("hdf5", "root", "parquet")]
        time.sleep(3)
        for request_id in made:
            job = session.get(f"{base}/shop/api/requests/{request_id}",
                              timeout=30).json()
            assert job["state"] == "QUEUED"
        unsent = portal_shell(_UNSENT).split("UNSENT", 1)[1]
        assert all(request_id in unsent for request_id in made), unsent
    finally:
        _rabbitmqctl("start_app")
    proc = subprocess.Popen([sys.executable, "-m", "portal",
                             "shop_dispatcher", "--interval", "1"],
                            env=web.portal_environment(),
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for request_id in made:
            done = wait_for(session, base, request_id, wait=300)
            assert done["state"] == "COMPLETED", done["message"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
