"""Soak: 20 concurrent clients for 5 minutes on loopback, no request fails.

Each client (a thread with its own HTTP session, seeded) loops over a
mix of the requests users make: TAP sync queries, TAP async jobs (run,
result, delete), cone searches of the published data sets, DataLink
documents and SODA cutouts of H.E.S.S. runs.  Every request must
succeed (200 and no VO error document; an async job COMPLETED within
ASYNC_DEADLINE, queued for a slot meanwhile).  The
latencies per kind (p50/p95/p99) are printed and written to
test-artifacts/soak.json with the server's memory before and after:
the resident memory of the DaCHS server and its children.

Bounds (environment): SOAK_SECONDS (default 300), SOAK_CLIENTS (20).
Memory bound: at the end the DaCHS processes hold at most
MEMORY_BOUND_MB more than at the start (the issue saw 226 MB of growth
in an hour; a leak of that rate would show as about 20 MB here, and a
cache that keeps every answer far more).
"""

import json
import os
import random
import re
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from apdc import config
from converters import rdschema
from tests import fuzz_support as fz

pytestmark = pytest.mark.live

SECONDS = float(os.environ.get("SOAK_SECONDS", "300"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "20"))
SEED = 20261201
MEMORY_BOUND_MB = 300
ARTIFACT = config.PROJECT_DIR / "test-artifacts" / "soak.json"
REQUEST_TIMEOUT = 120
ASYNC_DEADLINE = 600
_ERROR = re.compile(rb'name="QUERY_STATUS"\s+value="ERROR"|'
    rb'<INFO[^>]*name="Error"|<TD>\w*Fault')


def dachs_rss_mb():
    """Resident memory (MB) of the DaCHS server and all its descendants."""
    pid_file = config.DACHS_ROOT / "state" / "web.pid"
    root = int(pid_file.read_text(encoding="utf-8").strip())
    children = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        children[int(fields[1])].append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total / 1024


@pytest.fixture
def workload(db, server):
    """The requests to draw from: cone services, IDs, run positions."""
    cones = [(rd, sid) for rd, sid, renderers, _ in fz.rd_services()
        if "scs.xml" in renderers and not rdschema.is_restricted(rd)]
    cursor = db.cursor()
    cursor.execute("SELECT obs_publisher_did, s_ra, s_dec FROM ivoa.obscore"
        " WHERE obs_publisher_did LIKE '%%~?hess_dr1/%%'")
    runs = cursor.fetchall()
    # the KASCADE DataLink is per event
    cursor.execute("(SELECT event_did FROM kascade.events) UNION ALL "
        "(SELECT event_did FROM kascade_sim.events ORDER BY event_did "
        "LIMIT 200)")
    kascade = [r[0] for r in cursor.fetchall()]
    assert cones and runs and kascade
    return {"cones": cones, "runs": runs, "kascade": kascade}


def _check(response):
    if response.status_code != 200:
        raise AssertionError(f"{response.status_code} {response.url[:150]}: "
            f"{response.text[:200]!r}")
    if _ERROR.search(response.content[:20000]):
        message = re.search(r'QUERY_STATUS"\s+value="ERROR"[^>]*>([^<]*)|'
            r'name="Error"[^>]*value="([^"]*)"|<TD>(\w*Fault[^<]*)',
            response.text[:20000])
        raise AssertionError(f"error document from {response.url[:150]}"
            f" ({response.request.body!r:.300}): {message.group(0)[:300]!r}")


def _tap_sync(session, server, rng, work):
    table = rng.choice(["fermi3fhl.main", "auger2022.events",
        "gammacat.main", "icecube_ps.events", "kascade_sim.events"])
    ra, dec = rng.uniform(0, 360), rng.uniform(-60, 60)
    query = (f"SELECT TOP 50 * FROM {table} WHERE 1 = CONTAINS("
        f"POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra:.3f}, {dec:.3f}, 5))")
    _check(session.post(server + "/tap/sync", data={"REQUEST": "doQuery",
        "LANG": "ADQL", "QUERY": query}, timeout=REQUEST_TIMEOUT))


def _tap_async(session, server, rng, work):
    response = session.post(server + "/tap/async", data={"REQUEST":
        "doQuery", "LANG": "ADQL", "PHASE": "RUN", "QUERY":
        f"SELECT TOP {rng.randint(1, 100)} source_name, ra, dec "
        "FROM fermi3fhl.main ORDER BY flux DESC"},
        timeout=REQUEST_TIMEOUT, allow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    job = response.headers["location"]
    # a queued job waits for one of DaCHS's maxTAPRunning slots: that is
    # no failure unless it never ends
    deadline = time.monotonic() + ASYNC_DEADLINE
    try:
        while True:
            phase = session.get(job + "/phase", timeout=REQUEST_TIMEOUT).text
            if phase.strip() not in ("PENDING", "QUEUED", "EXECUTING"):
                break
            assert time.monotonic() < deadline, f"{job} still {phase}"
            time.sleep(0.2)
        assert phase.strip() == "COMPLETED", f"{job}: {phase}"
        _check(session.get(job + "/results/result", timeout=REQUEST_TIMEOUT))
    finally:
        session.post(job, data={"ACTION": "DELETE"}, timeout=REQUEST_TIMEOUT,
            allow_redirects=False)


def _cone(session, server, rng, work):
    rd_name, service = rng.choice(work["cones"])
    _check(session.get(f"{server}/{rd_name}/{service}/scs.xml", params={
        "RA": f"{rng.uniform(0, 360):.4f}", "DEC": f"{rng.uniform(-89, 89):.4f}",
        "SR": f"{rng.uniform(0.5, 5):.2f}"}, timeout=REQUEST_TIMEOUT))


def _datalink(session, server, rng, work):
    if rng.random() < 0.5:
        did, rd_name = rng.choice(work["runs"])[0], "hess_dr1"
    else:
        did = rng.choice(work["kascade"])
        rd_name = did.split("?", 1)[1].split("/", 1)[0]
    _check(session.get(f"{server}/{rd_name}/dl/dlmeta", params={"ID": did},
        timeout=REQUEST_TIMEOUT))


def _soda(session, server, rng, work):
    did, ra, dec = rng.choice(work["runs"])
    _check(session.get(f"{server}/hess_dr1/dl/dlget", params={"ID": did,
        "CIRCLE": f"{ra:.4f} {dec:.4f} {rng.uniform(0.1, 1):.2f}"},
        timeout=REQUEST_TIMEOUT))


#: request kind -> (weight, function)
KINDS = {"tap_sync": (4, _tap_sync), "tap_async": (1, _tap_async),
    "cone": (4, _cone), "datalink": (3, _datalink), "soda": (2, _soda)}


def _client(number, server, work, stop_at, latencies, failures, lock):
    import requests
    rng = random.Random(SEED + number)
    session = requests.Session()
    names = list(KINDS)
    weights = [KINDS[n][0] for n in names]
    while time.monotonic() < stop_at:
        kind = rng.choices(names, weights)[0]
        started = time.monotonic()
        try:
            KINDS[kind][1](session, server, rng, work)
        except Exception as exc:  # every failure counts, whatever it is
            with lock:
                failures.append(f"client {number} {kind}: {exc!r:.400}")
        else:
            with lock:
                latencies[kind].append(time.monotonic() - started)


def _kind_of(failure):
    """A failure's request kind and cause, for the summary."""
    kind = failure.split(":", 1)[0].split(" ", 2)[-1]
    for cause in ("502", "504", "Query too complex", "still QUEUED",
            "ConnectionError", "Timeout", "error document"):
        if cause in failure:
            return f"{kind}: {cause}"
    return f"{kind}: other"


def _percentiles(values):
    values = np.asarray(values)
    return {"n": int(values.size), **{f"p{q}": round(float(np.percentile(
        values, q)), 3) for q in (50, 95, 99)}}


def test_soak_no_request_fails(server, workload):
    memory_before = dachs_rss_mb()
    latencies, failures, lock = defaultdict(list), [], threading.Lock()
    stop_at = time.monotonic() + SECONDS
    threads = [threading.Thread(target=_client, args=(n, server, workload,
        stop_at, latencies, failures, lock)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    memory_after = dachs_rss_mb()
    everything = [v for values in latencies.values() for v in values]
    report = {"clients": CLIENTS, "seconds": SECONDS,
        "requests": len(everything) + len(failures),
        "failed": len(failures), "latency_s": {
            **{k: _percentiles(v) for k, v in sorted(latencies.items())},
            "all": _percentiles(everything)},
        "dachs_rss_mb": {"before": round(memory_before, 1),
            "after": round(memory_after, 1), "bound_growth": MEMORY_BOUND_MB},
        "failure_kinds": dict(Counter(_kind_of(f) for f in failures)),
        "first_failures": failures[:20]}
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(
        failures[:20])
    assert set(latencies) == set(KINDS)
    assert memory_after <= memory_before + MEMORY_BOUND_MB, report[
        "dachs_rss_mb"]
