"""Throughput of the data shop's queue: 20 requests, one worker and two.

Twenty requests (simulated KASCADE events, five quantities, a zenith
cut that keeps about a quarter of the 10^6 events, HDF5) are submitted through the
JSON API at once, and the time until the last one is COMPLETED is
measured, first with one Celery worker and then with two (each with one
process, as two single-core hosts would be).  The ratio of the two
throughputs is what a second worker buys.  The workers that ``apdc``
started make way for the bench's own and come back afterwards.

Run: ``.venv/bin/python -m bench.shop_queue`` (needs ``make up``).
"""

import json
import time
from pathlib import Path

import requests

from apdc import config, web
from tests import test_live_shop
from tests.test_live_access import portal_shell
from tests.test_live_shop import Workers

__all__ = ["REQUEST", "run", "main"]

N_REQUESTS = 20
#: Users submitting them (each may have 3 requests running at once).
N_USERS = 7
REQUEST = {"dataset": "kascade_sim", "component": "events",
           "quantities": ["R", "EV", "E", "ZE", "AZ"],
           "cuts": {"ZE": [None, 30.0]}, "fmt": "hdf5"}
RESULTS = Path(__file__).with_name("results")


_USERS = """
from django.contrib.auth import get_user_model
from portal.accounts.models import ApiToken
from portal.shop import services
User = get_user_model()
for n in range({n}):
    name = f"apdc_bench_shop{{n}}"
    for old in User.objects.filter(username=name):
        for request in old.shop_requests.all():
            services.delete(request)
        old.delete()
    if {make}:
        user = User.objects.create_user(name, name + "@example.org",
                                        "Bench-shop 2026!")
        print("TOKEN", ApiToken.issue(user, "bench")[1])
"""


def _sessions():
    out = portal_shell(_USERS.format(n=N_USERS, make=True))
    sessions = []
    for token in [line.split()[1] for line in out.splitlines()
                  if line.startswith("TOKEN")]:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        sessions.append(session)
    return sessions


def _drain(session, base, ids, wait=900):
    deadline = time.monotonic() + wait
    pending = set(ids)
    while pending and time.monotonic() < deadline:
        for request_id in list(pending):
            state = session.get(f"{base}/shop/api/requests/{request_id}",
                                timeout=30).json()["state"]
            if state in ("COMPLETED", "ERROR"):
                assert state == "COMPLETED", request_id
                pending.discard(request_id)
        time.sleep(0.2)
    assert not pending, f"{len(pending)} requests not done in {wait} s"


def run(sessions, base, nodes, root):
    """Seconds for :data:`N_REQUESTS` requests with the workers ``nodes``."""
    workers = Workers(root)
    try:
        for name in nodes:
            workers.start(name)
        started = time.monotonic()
        submitted = []
        for i in range(N_REQUESTS):
            session = sessions[i % len(sessions)]
            response = session.post(base + "/shop/api/requests",
                                    json=REQUEST, timeout=60)
            assert response.status_code == 201, response.text
            submitted.append((session, response.json()["id"]))
        for session in sessions:
            _drain(session, base, [i for s, i in submitted if s is session])
        return time.monotonic() - started
    finally:
        workers.stop_all()


def main():
    import tempfile
    base = config.server_url()
    # the bench's workers export at full speed (no test pause per chunk)
    test_live_shop.CHUNK_DELAY = 0
    web.stop_workers()
    sessions = _sessions()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            one = run(sessions, base, ["w1"], Path(tmp))
            two = run(sessions, base, ["w1", "w2"], Path(tmp))
    finally:
        portal_shell(_USERS.format(n=N_USERS, make=False))
        web.start_workers()
    result = {"requests": N_REQUESTS, "one_worker_s": round(one, 2),
              "two_workers_s": round(two, 2),
              "one_worker_per_min": round(60 * N_REQUESTS / one, 1),
              "two_workers_per_min": round(60 * N_REQUESTS / two, 1),
              "ratio": round(one / two, 2)}
    print(f"{N_REQUESTS} requests: one worker {one:.1f} s "
          f"({result['one_worker_per_min']}/min), two workers {two:.1f} s "
          f"({result['two_workers_per_min']}/min); ratio "
          f"{result['ratio']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "shop_queue.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
