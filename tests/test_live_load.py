"""Load: 20 concurrent clients on loopback, TAP, cone, DataLink and shop.

tests/test_live_soak.py sends TAP sync and async, cone searches,
DataLink and SODA (bench/request_mix.py); this test sends the same, adds the
data shop (submissions through the portal's API, at most SHOP_MAX of
them, then reads of the request list) and runs them through nginx,
which balances over every DaCHS process (site.ini dachs_processes).
Zero failed requests; p50/p95/p99 and throughput per kind go to
test-artifacts/load.json, with the N : 1 cone search ratio of
bench/web_tier.py when that bench has run (a bench, not asserted).

Bounds (environment): LOAD_SECONDS (default 300), LOAD_CLIENTS (20).
"""

import json
import os
import threading

import pytest

from apdc import config
from bench import request_mix
from bench.load_driver import run_clients, summary
from tests.test_live_shop import SMALL, shop_server, shop_user  # noqa: F401
from tests.test_live_soak import workload  # noqa: F401

pytestmark = pytest.mark.live

SECONDS = float(os.environ.get("LOAD_SECONDS", "300"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "20"))
SHOP_MAX = 20
QUOTA = 3
ARTIFACT = config.PROJECT_DIR / "test-artifacts" / "load.json"
BENCH = config.PROJECT_DIR / "bench" / "results" / "web_tier.json"


def _shop(token, base):
    """The shop request: the list of the user's requests, and a submission
    when fewer than the portal's quota (3) wait or run, SHOP_MAX in all."""
    made, lock = [0], threading.Lock()
    headers = {"Authorization": f"Bearer {token}"}

    def shop(session, rng):
        with lock:   # one client at a time checks the quota and submits
            response = session.get(base + "/shop/api/requests",
                                   headers=headers, timeout=60)
            assert response.status_code == 200, response.text[:300]
            waiting = sum(job["state"] not in ("COMPLETED", "ERROR",
                                               "EXPIRED", "CANCELLED")
                          for job in response.json()["requests"])
            if waiting >= QUOTA or made[0] >= SHOP_MAX:
                return
            made[0] += 1
            response = session.post(base + "/shop/api/requests", json=SMALL,
                                    headers=headers, timeout=60)
            assert response.status_code == 201, response.text[:300]
    return shop


def test_load_no_request_fails(server, workload, shop_user):  # noqa: F811
    token_session, base = shop_user
    token = token_session.headers["Authorization"].split()[1]
    kinds, _ = request_mix.bound(server, workload)
    kinds["shop"] = _shop(token, base)
    latencies, failures, elapsed = run_clients(kinds, CLIENTS, SECONDS)
    figures = summary(latencies, elapsed)
    total = sum(len(values) for values in latencies.values())
    result = {"clients": CLIENTS, "seconds": round(elapsed, 1),
              "dachs_processes": len(config.dachs_ports()),
              "requests": total, "per_second": round(total / elapsed, 2),
              "failures": len(failures), "failure_samples": failures[:10],
              "kinds": figures}
    if BENCH.exists():
        result["web_tier_bench"] = json.loads(BENCH.read_text(
            encoding="utf-8"))
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    assert not failures, failures[:10]
    assert set(figures) == set(kinds), figures
