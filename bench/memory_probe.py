"""What grows in a DaCHS server process, per kind of request (issue 17, 3).

Starts one extra DaCHS server (every work-around installed, as
apdc/dachs_replica.py does) in the foreground on PORT, with a SIGUSR1
handler that writes (after ``gc.collect()``) the counts of live
objects per type, the process's ``VmRSS`` and, with ``--trace N``, a
``tracemalloc`` snapshot (N frames; slow: a request takes seconds) to
a folder.  Then, for each kind of
:data:`bench.request_mix.KINDS`, it sends ROUNDS rounds of N requests
of that kind only, one client, straight to that process, and prints
per round the growth of RSS and of traced Python memory, and after
the last round the source lines and object types that grew most.
A cache shows as growth that stops; a leak as the same growth every
round; RSS growth without traced growth is the C allocator's.

Run: ``.venv/bin/python -m bench.memory_probe [--port 8089] [--rounds 3]
[--n 200] [--trace 0] [KIND ...]`` (needs ``make up``); writes
bench/results/memory_probe.json.
"""

import argparse
import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import requests

from apdc import config

__all__ = ["serve", "probe", "main"]

RESULT = config.PROJECT_DIR / "bench" / "results" / "memory_probe.json"


def _rss_mb(pid="self"):
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def serve(port, folder, frames=0):
    """Run a probed DaCHS server on ``port`` (blocks; the child's part)."""
    from workarounds import dachs_server
    if frames:
        tracemalloc.start(frames)
    folder = Path(folder)

    def dump(signum, frame):
        gc.collect()
        name = f"{time.monotonic():.3f}"
        if frames:
            tracemalloc.take_snapshot().dump(str(folder / f"{name}.snap"))
        counts = Counter(type(o).__qualname__ for o in gc.get_objects())
        (folder / f"{name}.json").write_text(json.dumps(
            {"rss_mb": _rss_mb(), "objects": counts}), encoding="utf-8")
    signal.signal(signal.SIGUSR1, dump)
    dachs_server.install_all()
    from gavo import base
    base.setConfig("web", "serverPort", str(port))
    return dachs_server.main(["serve", "start", "--foreground"])


def _snapshot(pid, folder):
    before = set(folder.glob("*.json"))
    os.kill(pid, signal.SIGUSR1)
    for _ in range(600):
        new = set(folder.glob("*.json")) - before
        if new:
            time.sleep(0.2)   # the .json is written after the .snap
            path = new.pop()
            data = json.loads(path.read_text(encoding="utf-8"))
            snap = path.with_suffix(".snap")
            return data, (tracemalloc.Snapshot.load(str(snap))
                          if snap.exists() else None)
        time.sleep(0.1)
    raise RuntimeError("the traced server wrote no snapshot")


def _growth(old, new, top=8):
    stats = new[1].compare_to(old[1], "traceback") if new[1] else []
    lines = []
    for stat in stats[:top]:
        frames = [f"{f.filename.split('dist-packages/')[-1]}:{f.lineno}"
                  for f in stat.traceback[-4:]]
        lines.append(f"{stat.size_diff / 1024:+.0f} kB "
                     f"({stat.count_diff:+d}) {' < '.join(reversed(frames))}")
    objects = Counter(new[0]["objects"])
    objects.subtract(Counter(old[0]["objects"]))
    return lines, [f"{name} {n:+d}" for name, n in objects.most_common(8)]


def probe(port, pid, kinds, rounds, number, work, folder):
    """Send the rounds to the traced server ``pid`` at ``port``; the
    figures.  (Async jobs' later requests go to the configured server
    URL, the main processes: only their creation is probed here.)"""
    from bench import request_mix
    server = f"http://127.0.0.1:{port}"
    session, rng = requests.Session(), random.Random(20261202)
    figures = {}
    for kind in kinds:
        function = request_mix.KINDS[kind][1]
        for _ in range(20):   # warm-up: RDs, connections, first caches
            function(session, server, rng, work)
        first = last = _snapshot(pid, folder)
        rows = []
        for _ in range(rounds):
            started = time.monotonic()
            for _ in range(number):
                function(session, server, rng, work)
            now = _snapshot(pid, folder)
            traced = sum(s.size for s in now[1].statistics("filename")
                         ) if now[1] else 0
            rows.append({"seconds": round(time.monotonic() - started, 1),
                         "rss_mb": round(now[0]["rss_mb"], 1),
                         "rss_growth_mb": round(now[0]["rss_mb"]
                                                - last[0]["rss_mb"], 1),
                         "traced_mb": round(traced / 2**20, 1),
                         "objects": sum(now[0]["objects"].values())})
            last = now
            print(kind, rows[-1], flush=True)
        lines, objects = _growth(first, last)
        figures[kind] = {"rounds": rows, "top_growth": lines,
                         "object_growth": objects}
        print("\n".join(lines + objects), flush=True)
    return figures


def main(argv=None):
    """Start the traced server, probe it, stop it, write the figures."""
    from apdc import ingest
    from bench import request_mix
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("kinds", nargs="*", default=list(request_mix.KINDS))
    parser.add_argument("--trace", type=int, default=0, metavar="FRAMES")
    parser.add_argument("--serve", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.port, args.serve, args.trace)
    folder = Path(f"/tmp/apdc-memory-probe-{args.port}")
    folder.mkdir(exist_ok=True)
    os.chmod(folder, 0o1777)   # the server drops privileges to gavo
    child = subprocess.Popen([sys.executable, "-m", "bench.memory_probe",
                              "--port", str(args.port), "--trace",
                              str(args.trace), "--serve", str(folder)],
                             cwd=config.PROJECT_DIR)
    try:
        for _ in range(120):
            try:
                requests.get(f"http://127.0.0.1:{args.port}/tap/availability",
                             timeout=60)
                break
            except requests.RequestException:
                time.sleep(1)
        connection = ingest.get_connection()
        work = request_mix.workload(connection.cursor())
        connection.close()
        figures = probe(args.port, child.pid, args.kinds, args.rounds, args.n, work,
                        folder)
    finally:
        child.terminate()
        child.wait(60)
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
