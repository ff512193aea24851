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

Run: ``.venv/bin/python -m bench.web_tier [SECONDS] [CLIENTS] [ROUNDS]
[NICE]`` (default 30 s per run in 2 rounds, 20 clients, priority
unchanged; NICE, e.g. -10, needs root; needs the running server).
"""

import contextlib
import itertools
import json
import os
import sys
import time
from pathlib import Path

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
    cpu = dict(cpu, client=client_cpu)
    machine = cpu.pop("machine")
    cores = {group: round(seconds / elapsed, 2)
             for group, seconds in cpu.items()}
    # what the other programs of the machine took meanwhile
    cores["others"] = round((machine - sum(cpu.values())) / elapsed, 2)
    cores["machine"] = round(machine / elapsed, 2)
    return {"requests": len(latencies),
            "per_second": round(len(latencies) / elapsed, 2),
            **{f"p{q}_ms": round(float(np.percentile(ms, q)), 1)
               for q in (50, 95, 99)},
            "failures": len(failures), "failure_samples": failures[:3],
            "cores": cores,
            "dachs_cpu_ms_per_request": round(
                cpu["dachs"] * 1000 / max(len(latencies), 1), 2)}


def _cpu(pids):
    return lean_client.cpu_by_group(pids), lean_client.machine_busy()


def _spent(before, after):
    return dict(lean_client.cpu_spent(before[0], after[0]),
                machine=after[1] - before[1])


def _pids():
    return [process["pid"] for process in dachs.processes() if process["pid"]]


def _families(roots):
    """root pid -> its process and every descendant now running."""
    parent = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="utf-8")
            except OSError:
                continue
            parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    families = {}
    for pid in parent:
        ancestor = pid
        while ancestor and ancestor not in roots:
            ancestor = parent.get(ancestor, 0)
        if ancestor:
            families.setdefault(ancestor, []).append(pid)
    return families


def _set_nice(pids, nice):
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").glob("*"):
            with contextlib.suppress(OSError, ValueError):
                os.setpriority(os.PRIO_PROCESS, int(task.name), nice)


@contextlib.contextmanager
def _priority(nice, pids):
    """Every thread of ``pids``, of PostgreSQL and of this process, and
    of their children, at ``nice`` while the block runs (None:
    unchanged), then as before.

    On a machine that runs other work, the scheduler shares the cores
    among everything runnable, and N processes get no more of them than
    one; at a high priority the served processes and the client get the
    cores as on a machine that serves only them (Linux nice is per
    thread, hence every task; threads and children started later
    inherit it, and are set back too).
    """
    if nice is None:
        yield
        return
    postgres = [pid for pid, (group, _) in
                lean_client.cpu_by_group(()).items() if group == "postgres"]
    roots = {pid: os.getpriority(os.PRIO_PROCESS, pid)
             for pid in {*pids, *postgres, os.getpid()}
             if Path(f"/proc/{pid}").exists()}
    # with autogroup scheduling (sched_autogroup_enabled) the cores are
    # shared among sessions first: each daemon is a session of its own
    groups = {}
    for pid in roots:
        path = Path(f"/proc/{pid}/autogroup")
        with contextlib.suppress(OSError, ValueError):
            group, _, value = path.read_text(encoding="utf-8").split()
            if group not in groups:
                groups[group] = (path, value)
                path.write_text(str(nice), encoding="utf-8")
    for family in _families(roots).values():
        _set_nice(family, nice)
    try:
        yield
    finally:
        for root, family in _families(roots).items():
            _set_nice(family, roots[root])
        for path, value in groups.values():
            with contextlib.suppress(OSError):
                path.write_text(value, encoding="utf-8")


def _lean_run(bases, clients, seconds, pids):
    before = _cpu(pids)
    out = lean_client.run(bases, cone_path, check_cone, clients, seconds)
    after = _cpu(pids)
    return (out["latencies"], out["failures"], out["elapsed"],
            _spent(before, after),
            out["client_cpu"])


def _requests_run(bases, clients, seconds, pids):
    before = _cpu(pids)
    client_before = time.process_time()
    latencies, failures, elapsed = run_clients(
        {"cone": cone_request(bases)}, clients, seconds)
    client_cpu = time.process_time() - client_before
    after = _cpu(pids)
    return (latencies.get("cone", []), failures, elapsed,
            _spent(before, after),
            client_cpu)


def _add(total, run):
    """Sum of the raw results of the rounds of one run."""
    if total is None:
        return run
    return (total[0] + run[0], total[1] + run[1], total[2] + run[2],
            {group: total[3][group] + run[3][group] for group in run[3]},
            total[4] + run[4])


def _rounds(runs, raw, rounds, clients, seconds, nice):
    for round_ in range(rounds):
        for label, (function, bases) in runs.items():
            print(f"round {round_ + 1}, {label}: {clients} clients for "
                  f"{seconds / rounds:g} s ...", flush=True)
            # read each run: a restart (apdc start, tests) changes them
            pids = _pids()
            with _priority(nice, pids):
                raw[label] = _add(raw[label], function(
                    bases, clients, seconds / rounds, pids))


def measure(seconds=30, clients=20, rounds=2, nice=None):
    """The runs, ``rounds`` times in turn (so that the load of the rest
    of the machine meets every run alike), at priority ``nice`` (see
    :func:`_priority`); their figures and the N : 1 ratios."""
    ports = config.dachs_ports()
    n = len(ports)
    one = [f"http://127.0.0.1:{ports[0]}"]
    every = [f"http://127.0.0.1:{port}" for port in ports]
    runs = {"1 process": (_lean_run, one),
            f"{n} processes": (_lean_run, every),
            f"nginx over {n}": (_lean_run, [config.server_url()]),
            "1 process, requests client": (_requests_run, one),
            f"{n} processes, requests client": (_requests_run, every)}
    raw = dict.fromkeys(runs)
    _rounds(runs, raw, rounds, clients, seconds, nice)
    figures = {label: _figures(*values) for label, values in raw.items()}
    for label, values in figures.items():
        print(f"{label}: {values}", flush=True)

    def ratio(label, base="1 process"):
        return round(figures[label]["per_second"]
                     / max(figures[base]["per_second"], 1e-9), 2)
    return {"clients": clients, "seconds": seconds, "rounds": rounds,
            "nice": nice,
            "processes": n, "cores": os.cpu_count(), "runs": figures,
            "ratio_n_to_1": ratio(f"{n} processes"),
            "ratio_nginx_to_1": ratio(f"nginx over {n}"),
            "ratio_n_to_1_requests_client": ratio(
                f"{n} processes, requests client",
                "1 process, requests client")}


def main(argv=None):
    """Run the bench and write its JSON."""
    argv = sys.argv[1:] if argv is None else argv
    seconds = float(argv[0]) if argv else 30
    clients = int(argv[1]) if len(argv) > 1 else 20
    rounds = int(argv[2]) if len(argv) > 2 else 2
    nice = int(argv[3]) if len(argv) > 3 else None
    result = measure(seconds, clients, rounds, nice)
    print(f"cone search throughput, {result['processes']} processes : 1 = "
          f"{result['ratio_n_to_1']} (target 1.6); through nginx "
          f"{result['ratio_nginx_to_1']}; with the requests client "
          f"{result['ratio_n_to_1_requests_client']}")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
