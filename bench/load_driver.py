"""Concurrent HTTP clients for a bounded time: latencies and throughput.

Shared by bench/web_tier.py (cone search, one DaCHS process against N)
tests/test_live_load.py (the mixed load through nginx) and
tests/test_live_soak.py (the mix of :mod:`bench.request_mix`).  Each
client is a thread with its own ``requests`` session and seeded random
generator; it calls one of the given request functions after the
other until the time is up, and records each call's latency under the
function's name, or its failure.
"""

import random
import threading
import time
from collections import defaultdict

import numpy as np
import requests

__all__ = ["run_clients", "summary"]


def _client(number, kinds, weights, stop_at, seed, latencies, failures,
            lock):
    session = requests.Session()
    rng = random.Random(seed + number)
    names = list(kinds)
    weights = [weights.get(name, 1) for name in names] if weights else None
    while time.monotonic() < stop_at:
        name = rng.choices(names, weights)[0]
        start = time.monotonic()
        try:
            kinds[name](session, rng)
        except Exception as exc:  # a failed request is a result here
            with lock:
                failures.append(f"{name}: {exc.__class__.__name__}: "
                                f"{str(exc)[:300]}")
            continue
        with lock:
            latencies[name].append(time.monotonic() - start)


def run_clients(kinds, clients, seconds, seed=20261201, weights=None):
    """Run ``clients`` threads for ``seconds`` over the request ``kinds``.

    Parameters
    ----------
    kinds : dict
        name -> function(session, rng) that makes one request and raises
        if its answer is wrong.
    clients : int
        Concurrent clients.
    seconds : float
        How long each client keeps sending.
    seed : int
        Seed of the clients' choices (client k uses seed + k).
    weights : dict, optional
        name -> relative frequency of the kind (default: all alike).

    Returns
    -------
    tuple
        (latencies: dict name -> list of seconds, failures: list of str,
        elapsed seconds).
    """
    latencies, failures, lock = defaultdict(list), [], threading.Lock()
    start = time.monotonic()
    threads = [threading.Thread(target=_client, args=(
        number, kinds, weights, start + seconds, seed, latencies, failures,
        lock)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(latencies), failures, time.monotonic() - start


def summary(latencies, elapsed):
    """Per kind: count, requests/s, p50/p95/p99 in ms.

    Parameters
    ----------
    latencies : dict
        name -> list of seconds (from :func:`run_clients`).
    elapsed : float
        Wall time of the run, seconds.

    Returns
    -------
    dict
    """
    result = {}
    for name, values in sorted(latencies.items()):
        ms = np.asarray(values) * 1000
        result[name] = {"requests": len(values),
                        "per_second": round(len(values) / elapsed, 2),
                        **{f"p{q}_ms": round(float(np.percentile(ms, q)), 1)
                           for q in (50, 95, 99)}}
    return result
