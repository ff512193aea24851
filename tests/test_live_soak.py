"""Soak: 20 concurrent clients for 5 minutes on loopback, no request fails.

Each client (a thread with its own HTTP session, seeded) loops over the
mix of :mod:`bench.request_mix`: TAP sync queries, TAP async jobs (run,
result, delete), cone searches of the published data sets, DataLink
documents and SODA cutouts of H.E.S.S. runs, through nginx (every
DaCHS process).  Every request must succeed (200 and no VO error
document; an async job COMPLETED within ASYNC_DEADLINE, queued for a
slot meanwhile).  The latencies per kind (p50/p95/p99) are printed and
written to test-artifacts/soak.json with the resident memory of the
DaCHS server processes and their children at the start, after the
first phase (SOAK_SECONDS) and after a second phase (a third as long).

Bounds (environment): SOAK_SECONDS (default 300), SOAK_CLIENTS (20).

Memory bounds (docs/limits.md, "Memory", measured with
bench/memory_probe.py): after the first phase the DaCHS processes and
their runners hold at most GROWTH_PER_PROCESS_MB per server process
more than at the start -- a process fills its RD cache (every RD it
serves, about 80 MB for all of them), its C allocator's per-thread
arenas and its runners (a spare and up to two running, about 30 MB
each beyond a cold start), and then stays within about 2 MB per 100
requests, with a flat count of live Python objects; measured: +165 MB
from a warm start, +266 MB from a cold one, two processes -- and the
second phase adds at most SECOND_PHASE_BOUND_MB: a leak at the rate of
the first phase's growth would add 55 to 90 MB in its 100 s (measured:
+12 MB both times).
"""

import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from apdc import config
from bench import request_mix
from bench.load_driver import run_clients

pytestmark = pytest.mark.live

SECONDS = float(os.environ.get("SOAK_SECONDS", "300"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "20"))
SEED = 20261201
GROWTH_PER_PROCESS_MB = 160
SECOND_PHASE_BOUND_MB = 40
ARTIFACT = config.PROJECT_DIR / "test-artifacts" / "soak.json"
#: the mix (tests/test_live_load.py adds the data shop to it)
KINDS = request_mix.KINDS


def dachs_rss_mb():
    """Resident memory (MB) of the DaCHS server processes (every
    ``web*.pid``) and all their descendants (the TAP runners)."""
    roots = [int(path.read_text(encoding="utf-8").strip()) for path in
             (config.DACHS_ROOT / "state").glob("web*.pid")]
    assert roots, "no DaCHS pid file: is the server up?"
    children = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        children[int(fields[1])].append(int(stat.parent.name))
    total, todo = 0, list(roots)
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
    """The requests to draw from (:func:`bench.request_mix.workload`)."""
    return request_mix.workload(db.cursor())


def _phase(server, work, seconds):
    """Run the clients for ``seconds``: latencies, failures, memory after."""
    kinds, weights = request_mix.bound(server, work)
    latencies, failures, _ = run_clients(kinds, CLIENTS, seconds, SEED,
                                         weights)
    return latencies, failures, dachs_rss_mb()


def _kind_of(failure):
    """A failure's request kind and cause, for the summary (failures are
    "kind: exception: message", bench/load_driver.py)."""
    kind = failure.split(":", 1)[0]
    for cause in ("502", "504", "Query too complex", "still QUEUED",
                  "ConnectionError", "Timeout", "error document"):
        if cause in failure:
            return f"{kind}: {cause}"
    return f"{kind}: other"


def _percentiles(values):
    values = np.asarray(values)
    return {"n": int(values.size), **{f"p{q}": round(float(np.percentile(
        values, q)), 3) for q in (50, 95, 99)}}


def _growth_bound():
    """MB the first phase may add: GROWTH_PER_PROCESS_MB per DaCHS process."""
    return GROWTH_PER_PROCESS_MB * len(config.dachs_ports())


def _report(phases, memory):
    latencies = {kind: [v for phase in phases for v in phase[0].get(kind, [])]
                 for kind in KINDS}
    failures = [f for phase in phases for f in phase[1]]
    everything = [v for values in latencies.values() for v in values]
    return {"clients": CLIENTS, "seconds": [SECONDS, SECONDS / 3],
            "requests": len(everything) + len(failures),
            "failed": len(failures), "latency_s": {
                **{k: _percentiles(v) for k, v in sorted(latencies.items())
                   if v}, "all": _percentiles(everything)},
            "dachs_rss_mb": {**{k: round(v, 1) for k, v in memory.items()},
                             "bound_growth": _growth_bound(),
                             "bound_second_phase": SECOND_PHASE_BOUND_MB},
            "failure_kinds": dict(Counter(_kind_of(f) for f in failures)),
            "first_failures": failures[:20]}


def test_soak_no_request_fails(server, workload):
    memory = {"start": dachs_rss_mb()}
    first = _phase(server, workload, SECONDS)
    memory["after_first"] = first[2]
    second = _phase(server, workload, SECONDS / 3)
    memory["after_second"] = second[2]
    report = _report([first, second], memory)
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))
    failures = first[1] + second[1]
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(
        failures[:20])
    assert all(report["latency_s"].get(kind) for kind in KINDS), report
    assert memory["after_first"] <= memory["start"] + _growth_bound(), memory
    assert (memory["after_second"] <= memory["after_first"]
            + SECOND_PHASE_BOUND_MB), memory
