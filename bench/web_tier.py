"""Cone search throughput: one DaCHS process against all of them.

Side by side in one run, ``CLIENTS`` concurrent clients (loopback) send
1° cone searches on the simulated KASCADE events (``kascade_sim``) for
the same time, first all to DaCHS process 1 (its own port), then spread
over every process of site.ini ``dachs_processes`` (their own ports),
then through nginx (the public origin, which balances over them).

The clients are :mod:`bench.lean_client` (keep-alive ``http.client`` in
several processes), so that the server is what limits; a last run
repeats "1 process" and "N processes" with the ``requests`` client of
:mod:`bench.load_driver` (20 threads in one process) for comparison.
Each run prints requests/s, p50/p95/p99, and the CPU the client, the
DaCHS processes, PostgreSQL, nginx and the portal spent, as cores
(CPU seconds / wall seconds): on a 2-core machine their sum is at
most 2.  Prints the ratio N : 1 (issue 14 asks for at least 1.6) and
writes bench/results/web_tier.json.  A bench: it reports, never asserts.

Run: ``.venv/bin/python -m bench.web_tier [SECONDS] [CLIENTS]``
(default 30 s, 20 clients; needs the running server).
"""

import itertools
import json
import os
import sys
import time

import numpy as np

from apdc import config, dachs
from bench import lean_client
from bench.load_driver import run_clients

__all__ = ["cone_path", "check_cone", "cone_request", "measure", "main"]

RESULT = config.PROJECT_DIR / "bench" / "results" / "web_tier.json"
CONE_PATH = "/kascade_sim/cone/scs.xml"


def cone_path(rng):
    """A 1° cone at a random position (path and query string)."""
    return (f"{CONE_PATH}?RA={rng.uniform(0, 360):.3f}"
            f"&DEC={rng.uniform(-30, 80):.3f}&SR=1")


def check_cone(status, body, url):
    """Raise unless the answer is a VOTable with a table."""
    if status != 200 or b"<TABLE" not in body:
        raise AssertionError(f"{status} {url}: {body[:200]!r}")


def cone_request(bases):
    """A request function for :func:`bench.load_driver.run_clients`: a
    1° cone at a random position, the next base URL of ``bases`` each time.
    """
    cycle = itertools.cycle(bases)

    def cone(session, rng):
        url = next(cycle) + cone_path(rng)
        response = session.get(url, timeout=120)
        check_cone(response.status_code, response.content, url)
    return cone


def _figures(latencies, failures, elapsed, cpu, client_cpu):
    ms = np.asarray(latencies) * 1000 if latencies else np.zeros(1)
    cores = {group: round(seconds / elapsed, 2)
             for group, seconds in cpu.items()}
    cores["client"] = round(client_cpu / elapsed, 2)
    return {"requests": len(latencies),
            "per_second": round(len(latencies) / elapsed, 2),
            **{f"p{q}_ms": round(float(np.percentile(ms, q)), 1)
               for q in (50, 95, 99)},
            "failures": len(failures), "failure_samples": failures[:3],
            "cores": cores}


def _pids():
    return [process["pid"] for process in dachs.processes() if process["pid"]]


def _lean_run(bases, clients, seconds, pids):
    before = lean_client.cpu_by_group(pids)
    out = lean_client.run(bases, cone_path, check_cone, clients, seconds)
    after = lean_client.cpu_by_group(pids)
    cpu = {group: after[group] - before[group] for group in after}
    return _figures(out["latencies"], out["failures"], out["elapsed"], cpu,
                    out["client_cpu"])


def _requests_run(bases, clients, seconds, pids):
    before = lean_client.cpu_by_group(pids)
    client_before = time.process_time()
    latencies, failures, elapsed = run_clients(
        {"cone": cone_request(bases)}, clients, seconds)
    client_cpu = time.process_time() - client_before
    after = lean_client.cpu_by_group(pids)
    cpu = {group: after[group] - before[group] for group in after}
    return _figures(latencies["cone"] if latencies else [], failures,
                    elapsed, cpu, client_cpu)


def measure(seconds=30, clients=20):
    """The runs; returns their figures and the N : 1 ratios."""
    ports = config.dachs_ports()
    n = len(ports)
    one = [f"http://127.0.0.1:{ports[0]}"]
    every = [f"http://127.0.0.1:{port}" for port in ports]
    runs = {"1 process": (_lean_run, one),
            f"{n} processes": (_lean_run, every),
            f"nginx over {n}": (_lean_run, [config.server_url()]),
            "1 process, requests client": (_requests_run, one),
            f"{n} processes, requests client": (_requests_run, every)}
    pids = _pids()
    result = {"clients": clients, "seconds": seconds, "processes": n,
              "cores": os.cpu_count(),
              "runs": {}}
    for label, (function, bases) in runs.items():
        print(f"{label}: {clients} clients for {seconds} s ...", flush=True)
        figures = function(bases, clients, seconds, pids)
        result["runs"][label] = figures
        print(f"  {figures}", flush=True)
    runs = result["runs"]

    def ratio(label, base="1 process"):
        return round(runs[label]["per_second"]
                     / max(runs[base]["per_second"], 1e-9), 2)
    result["ratio_n_to_1"] = ratio(f"{n} processes")
    result["ratio_nginx_to_1"] = ratio(f"nginx over {n}")
    result["ratio_n_to_1_requests_client"] = ratio(
        f"{n} processes, requests client", "1 process, requests client")
    return result


def main(argv=None):
    """Run the bench and write its JSON."""
    argv = sys.argv[1:] if argv is None else argv
    seconds = float(argv[0]) if argv else 30
    clients = int(argv[1]) if len(argv) > 1 else 20
    result = measure(seconds, clients)
    print(f"cone search throughput, {result['processes']} processes : 1 = "
          f"{result['ratio_n_to_1']} (target 1.6); through nginx "
          f"{result['ratio_nginx_to_1']}; with the requests client "
          f"{result['ratio_n_to_1_requests_client']}")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
