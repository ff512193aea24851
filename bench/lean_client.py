"""A cheap HTTP load generator, so that the server, not the client, limits.

``requests`` in 20 threads of one Python process spends about as much
CPU per request as a small DaCHS answer costs, and all of it under one
GIL: on a 2-core machine the client then caps the throughput and one
DaCHS process looks as fast as two.  This client spreads its
connections over several processes, each a few threads holding one
keep-alive ``http.client`` connection per target, and it reports its own
CPU time beside the CPU time of the server's processes (DaCHS, nginx,
the portal, PostgreSQL), read from ``/proc`` before and after the run.

Used by bench/web_tier.py; :func:`run` is the entry point.
"""

import http.client
import multiprocessing
import os
import random
import threading
import time
import urllib.parse
from pathlib import Path

__all__ = ["run", "process_cpu", "cpu_by_group", "cpu_spent", "machine_busy"]

_TICK = os.sysconf("SC_CLK_TCK")


def _connection(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port or 80,
                                      timeout=120)


def _thread(bases, make_path, check, seconds, seed, out, lock):
    """One client: requests over keep-alive connections until time is up."""
    rng = random.Random(seed)
    connections = {}
    latencies, failures = [], []
    stop_at = time.monotonic() + seconds
    turn = 0
    while time.monotonic() < stop_at:
        base = bases[turn % len(bases)]
        turn += 1
        path = make_path(rng)
        start = time.monotonic()
        try:
            conn = connections.get(base) or connections.setdefault(
                base, _connection(base))
            conn.request("GET", path)
            answer = conn.getresponse()
            body = answer.read()
            if answer.will_close:
                conn.close()
                connections.pop(base)
            check(answer.status, body, base + path)
        except Exception as exc:  # a failed request is a result here
            connections.pop(base, None)
            failures.append(f"{exc.__class__.__name__}: {str(exc)[:300]}")
            continue
        latencies.append(time.monotonic() - start)
    with lock:
        out[0].extend(latencies)
        out[1].extend(failures)


def _worker(bases, make_path, check, threads, seconds, seed, queue):
    """One client process: ``threads`` clients; puts (latencies, failures,
    CPU seconds of this process) on ``queue``."""
    out, lock = ([], []), threading.Lock()
    workers = [threading.Thread(target=_thread, args=(
        bases, make_path, check, seconds, seed + k, out, lock))
        for k in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    times = os.times()
    queue.put((out[0], out[1], times.user + times.system))


def run(bases, make_path, check, clients=20, seconds=30, processes=None,
        seed=20261201):
    """``clients`` concurrent keep-alive clients for ``seconds``.

    Parameters
    ----------
    bases : list of str
        Base URLs (``http://host:port``); each client cycles over them.
    make_path : callable
        rng -> the request path with its query string (GET).
    check : callable
        (status, body, url) -> None, raises if the answer is wrong.
    clients : int
        Concurrent connections in all.
    seconds : float
        How long each client keeps sending.
    processes : int, optional
        Client processes (default: the number of cores, at most clients).
    seed : int
        Seed of the paths (client k uses seed + k).

    Returns
    -------
    dict
        latencies (list of s), failures (list of str), elapsed (s),
        client_cpu (CPU seconds of the client processes).
    """
    processes = max(1, min(clients, processes or os.cpu_count() or 1))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    shares = [clients // processes + (k < clients % processes)
              for k in range(processes)]
    workers = [context.Process(target=_worker, args=(
        bases, make_path, check, share, seconds, seed + 1000 * k, queue))
        for k, share in enumerate(shares)]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    # read the queue before joining: a full pipe would block the children
    results = [queue.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - start
    return {"latencies": [x for r in results for x in r[0]],
            "failures": [x for r in results for x in r[1]],
            "elapsed": elapsed,
            "client_cpu": sum(r[2] for r in results)}


def process_cpu(pid):
    """CPU seconds (user + system) of process ``pid`` so far, or 0.

    Parameters
    ----------
    pid : int

    Returns
    -------
    float
    """
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    # the command name is in parentheses and may hold spaces
    fields = text.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def _server_processes(dachs_pids):
    """pid -> group of the server's processes now running."""
    dachs_pids = set(dachs_pids)
    groups = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if pid in dachs_pids:
            groups[pid] = "dachs"
        elif command.startswith(b"postgres"):
            groups[pid] = "postgres"
        elif command.startswith(b"nginx"):
            groups[pid] = "nginx"
        elif b"gunicorn" in command:
            groups[pid] = "portal"
    return groups


def cpu_by_group(dachs_pids):
    """CPU seconds so far of each of the server's processes.

    Parameters
    ----------
    dachs_pids : iterable of int
        The DaCHS server processes (from their pid files).

    Returns
    -------
    dict
        pid -> (group, CPU seconds); groups "dachs", "postgres",
        "nginx", "portal".  Subtract two with :func:`cpu_spent`.
    """
    return {pid: (group, process_cpu(pid))
            for pid, group in _server_processes(dachs_pids).items()}


def cpu_spent(before, after):
    """CPU seconds by group between two :func:`cpu_by_group` readings.

    A process that ended in between is left out (its time is gone with
    it); one that started counts from its start.
    """
    spent = {"dachs": 0.0, "postgres": 0.0, "nginx": 0.0, "portal": 0.0}
    for pid, (group, seconds) in after.items():
        start = before.get(pid, (group, 0.0))[1]
        spent[group] += max(0.0, seconds - start)
    return spent


def machine_busy():
    """CPU seconds the whole machine has been busy (all cores, not idle).

    Returns
    -------
    float
        From the first line of /proc/stat: user, nice, system, irq,
        softirq and steal time.
    """
    fields = Path("/proc/stat").read_text(encoding="utf-8").split("\n")[0]
    ticks = [int(value) for value in fields.split()[1:]]
    busy = ticks[0] + ticks[1] + ticks[2] + sum(ticks[5:8])
    return busy / _TICK
