"""Latency of an async TAP ``TOP 5`` beside the same query sync (issue 17, 4).

Three figures in one run, against the running server:

* sync: ``/tap/sync`` answer time of ``SELECT TOP 5 ...``;
* async, server side: POST with ``PHASE=RUN`` until the job reads
  COMPLETED (polled every 20 ms), and then until its result is read;
* async through pyvo (``submit_job``, ``run``, ``wait``,
  ``fetch_result``): what a user sees, pyvo's polling included;

and, as the baseline of what workarounds/dachs_async_spare.py saves,
the time a fresh runner process needs only to start and import DaCHS
with the work-arounds (each job paid it before the spare runner).

Run: ``.venv/bin/python -m bench.async_latency [N]`` (needs ``make up``).
"""

import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from apdc import config

__all__ = ["QUERY", "run", "main"]

QUERY = "SELECT TOP 5 event_did FROM kascade.events"
PROJECT_DIR = Path(__file__).resolve().parents[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sync_seconds(tap):
    data = urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
                                   "QUERY": QUERY}).encode("ascii")
    started = time.monotonic()
    with urllib.request.urlopen(f"{tap}/sync", data, timeout=60) as resp:
        resp.read()
    return time.monotonic() - started


def _async_seconds(tap):
    """(seconds to COMPLETED, seconds to the result read) of one job."""
    opener = urllib.request.build_opener(_NoRedirect)
    data = urllib.parse.urlencode({"LANG": "ADQL", "QUERY": QUERY,
                                   "PHASE": "RUN"}).encode("ascii")
    started = time.monotonic()
    try:
        opener.open(f"{tap}/async", data, timeout=60)
        raise RuntimeError("no redirect to the job")
    except urllib.error.HTTPError as err:
        job = err.headers["location"]
    while True:
        with urllib.request.urlopen(job + "/phase", timeout=60) as resp:
            phase = resp.read().decode("ascii")
        if phase in ("COMPLETED", "ERROR", "ABORTED"):
            break
        time.sleep(0.02)
    completed = time.monotonic() - started
    with urllib.request.urlopen(job + "/results/result", timeout=60) as resp:
        resp.read()
    done = time.monotonic() - started
    urllib.request.urlopen(urllib.request.Request(job, b"ACTION=DELETE"),
                           timeout=60).close()
    if phase != "COMPLETED":
        raise RuntimeError(f"job {job} ended {phase}")
    return completed, done


def _pyvo_seconds(tap):
    import pyvo
    service = pyvo.dal.TAPService(tap)
    started = time.monotonic()
    job = service.submit_job(QUERY)
    job.run()
    job.wait(timeout=60)
    job.fetch_result()
    seconds = time.monotonic() - started
    job.delete()
    return seconds


def _fresh_runner_import_seconds():
    code = (f"import sys; sys.path.insert(0, {str(PROJECT_DIR)!r}); "
            "from workarounds import dachs_server; dachs_server.install_all();"
            " from gavo.user import cli; from gavo.protocols import taprunner")
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.monotonic() - started


def _summary(values):
    return (f"median {statistics.median(values):.2f} s, "
            f"min {min(values):.2f} s, max {max(values):.2f} s")


def run(repeats=10):
    """Measure and print the figures; return them as a dict of lists."""
    tap = config.server_url() + "/tap"
    figures = {"sync": [], "async to COMPLETED": [], "async with result": [],
               "pyvo async": [], "fresh runner import (baseline)": []}
    for number in range(repeats):
        figures["sync"].append(_sync_seconds(tap))
        completed, done = _async_seconds(tap)
        figures["async to COMPLETED"].append(completed)
        figures["async with result"].append(done)
        figures["pyvo async"].append(_pyvo_seconds(tap))
        figures["fresh runner import (baseline)"].append(
            _fresh_runner_import_seconds())
        print(f"  round {number + 1}/{repeats}: sync {figures['sync'][-1]:.2f}"
              f" s, async {done:.2f} s, pyvo {figures['pyvo async'][-1]:.2f} s",
              flush=True)
    print(f"TOP 5, {repeats} rounds:")
    for name, values in figures.items():
        print(f"  {name:32s} {_summary(values)}")
    return figures


def main():
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10)


if __name__ == "__main__":
    main()
