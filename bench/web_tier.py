"""Cone search throughput: one DaCHS process against all of them.

Side by side in one run, 20 concurrent clients (loopback) send 1° cone
searches on the simulated KASCADE events (``kascade_sim``) for the same
time, first all to DaCHS process 1 (its own port), then spread over
every process of site.ini ``dachs_processes`` (their own ports), then
through nginx (the public origin, which balances over them).  Prints
requests/s, p50/p95/p99 and the ratio N : 1 (issue 14 asks for at
least 1.6), and writes bench/results/web_tier.json.

Run: ``.venv/bin/python -m bench.web_tier [SECONDS] [CLIENTS]``
(default 30 s, 20 clients; needs the running server).
"""

import itertools
import json
import sys

from apdc import config
from bench.load_driver import run_clients, summary

__all__ = ["cone_request", "measure", "main"]

RESULT = config.PROJECT_DIR / "bench" / "results" / "web_tier.json"
CONE_PATH = "/kascade_sim/cone/scs.xml"


def cone_request(bases):
    """A request function for :func:`bench.load_driver.run_clients`: a
    1° cone at a random position, the next base URL of ``bases`` each time.
    """
    cycle = itertools.cycle(bases)

    def cone(session, rng):
        response = session.get(next(cycle) + CONE_PATH, params={
            "RA": f"{rng.uniform(0, 360):.3f}",
            "DEC": f"{rng.uniform(-30, 80):.3f}", "SR": "1"}, timeout=120)
        if response.status_code != 200 or b"<TABLE" not in response.content:
            raise AssertionError(f"{response.status_code} {response.url}: "
                                 f"{response.text[:200]!r}")
    return cone


def measure(seconds=30, clients=20):
    """The three runs; returns their summaries and the N : 1 ratio."""
    ports = config.dachs_ports()
    runs = {"1 process": [f"http://127.0.0.1:{ports[0]}"],
            f"{len(ports)} processes": [f"http://127.0.0.1:{port}"
                                        for port in ports],
            f"nginx over {len(ports)}": [config.server_url()]}
    result = {"clients": clients, "seconds": seconds, "runs": {}}
    for label, bases in runs.items():
        print(f"{label}: {clients} clients for {seconds} s ...", flush=True)
        latencies, failures, elapsed = run_clients(
            {"cone": cone_request(bases)}, clients, seconds)
        figures = summary(latencies, elapsed)["cone"]
        figures["failures"] = len(failures)
        result["runs"][label] = figures
        print(f"  {figures}", flush=True)
    one = result["runs"]["1 process"]["per_second"]
    many = result["runs"][f"{len(ports)} processes"]["per_second"]
    result["ratio_n_to_1"] = round(many / one, 2)
    result["ratio_nginx_to_1"] = round(
        result["runs"][f"nginx over {len(ports)}"]["per_second"] / one, 2)
    return result


def main(argv=None):
    """Run the bench and write its JSON."""
    argv = sys.argv[1:] if argv is None else argv
    seconds = float(argv[0]) if argv else 30
    clients = int(argv[1]) if len(argv) > 1 else 20
    result = measure(seconds, clients)
    print(f"cone search throughput, {len(config.dachs_ports())} processes "
          f": 1 = {result['ratio_n_to_1']} (target 1.6); through nginx "
          f"{result['ratio_nginx_to_1']}")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
