"""Memory of the DaCHS server over rounds of mixed requests (issue 17, 3).

The server's resident set (``VmRSS`` of the pid in DaCHS's
``web.pid``) is read before the first round (the baseline of this run)
and after each round of mixed requests: TAP sync, a cone search, a
H.E.S.S. DataLink links document, a SODA cutout, a product HEAD and
GET, SSA.  A growth that levels off is a cache filling up; one that
grows by the same amount every round is a leak.

Run: ``.venv/bin/python -m bench.server_memory [ROUNDS]`` (needs
``make up``).
"""

import sys
import time
import urllib.parse
import urllib.request

from apdc import config

__all__ = ["server_rss_mb", "run", "main"]

RUN = "hess_dr1/hess_dl3_dr1_obs_id_023523.fits"
DID = f"ivo://astroparticle.vo/~?{RUN}"


def server_rss_mb(pidfile="/var/gavo/state/web.pid"):
    """Resident set of the DaCHS server in MB."""
    with open(pidfile, encoding="utf-8") as handle:
        pid = int(handle.read().strip())
    with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _requests(server, number):
    tap = {"LANG": "ADQL", "REQUEST": "doQuery",
           "QUERY": f"SELECT TOP {10 + number % 50} * FROM kascade_sim.events"
                    f" WHERE run = {1000 + number % 10}"}
    ra = 80 + number % 10
    return [
        (f"{server}/tap/sync", tap, "GET"),
        (f"{server}/kascade_sim/cone/scs.xml",
         {"RA": ra, "DEC": 22, "SR": 5}, "GET"),
        (f"{server}/hess_dr1/dl/dlmeta", {"ID": DID}, "GET"),
        (f"{server}/hess_dr1/dl/dlget",
         {"ID": DID, "CIRCLE": f"83.6 22.0 {0.1 + number % 5 / 10}"}, "GET"),
        (f"{server}/getproduct/{RUN}", {}, "HEAD"),
        (f"{server}/getproduct/{RUN}", {}, "GET"),
        (f"{server}/crspectra/ssa/ssap.xml", {"REQUEST": "queryData"}, "GET"),
    ]


def _send(url, params, method):
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=120) as resp:
        resp.read()


def run(rounds=20, per_round=10):
    """Print and return [(requests sent, RSS MB)] after each round."""
    server = config.server_url()
    figures = [(0, server_rss_mb())]
    print(f"baseline: {figures[0][1]:.0f} MB", flush=True)
    sent = 0
    started = time.monotonic()
    for number in range(rounds):
        for step in range(per_round):
            for url, params, method in _requests(server, number * per_round
                                                 + step):
                _send(url, params, method)
                sent += 1
        figures.append((sent, server_rss_mb()))
        print(f"  round {number + 1}/{rounds}: {sent} requests, "
              f"{figures[-1][1]:.0f} MB", flush=True)
    half = figures[len(figures) // 2][1]
    print(f"{sent} requests in {time.monotonic() - started:.0f} s: "
          f"{figures[0][1]:.0f} MB -> {figures[-1][1]:.0f} MB "
          f"(second half: {half:.0f} -> {figures[-1][1]:.0f} MB)")
    return figures


def main():
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 20)


if __name__ == "__main__":
    main()
