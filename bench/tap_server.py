"""An extra DaCHS server for measurements: patched or bare, profiled or not.

``python -m bench.tap_server PORT [--bare] [--profile]`` runs DaCHS's
server in the foreground on loopback port PORT with the configuration of
/etc/gavo.rc (the same database, RDs and state as the served
processes), with every work-around of ``workarounds.dachs_server``
unless ``--bare``.  It runs none of DaCHS's interval jobs (UWS clean-up,
the orphan check of the work-arounds): it is an instrument beside the
served processes, not one of them.

With ``--profile`` every thread runs under its own cProfile (Twisted's
reactor thread and the thread pool that runs the services); SIGUSR1
clears what they collected so far (after the warm-up), and on SIGTERM
the server stops and writes their sum to :data:`PROFILE`.

:func:`running` starts one and stops it (bench/tap_profile.py).
"""

import contextlib
import cProfile
import os
import pstats
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from apdc import config

__all__ = ["PROFILE", "PIDS", "running", "reset_profile", "main"]

#: Where a profiled server writes its statistics (pstats format).
PROFILE = Path("/tmp/apdc-tap-profile/server.pstats")
_CURRENT = [None]
#: base URL -> pid of each extra server running now.
PIDS = {}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(port, process, wait=120):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the extra DaCHS server on :{port} exited "
                               f"with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/",
                                        timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the extra DaCHS server on :{port} did not answer "
                       f"within {wait} s")


@contextlib.contextmanager
def running(patched=True, profile=False):
    """An extra server while the block runs; yields its base URL.

    Parameters
    ----------
    patched : bool
        With every project work-around (False: DaCHS alone).
    profile : bool
        Under cProfile; the statistics are in :data:`PROFILE` afterwards.
    """
    port = _free_port()
    PROFILE.parent.mkdir(exist_ok=True)
    # the server drops its privileges to DaCHS's user before it writes
    os.chmod(PROFILE.parent, 0o777)
    PROFILE.unlink(missing_ok=True)
    args = [sys.executable, "-m", "bench.tap_server", str(port)]
    args += [] if patched else ["--bare"]
    args += ["--profile"] if profile else []
    # The server shares the served processes' UWS job store, so it may
    # start one of their queued async jobs: its runners must import the
    # project's packages (the RDs' STREAMs use fair/) like theirs do.
    process = subprocess.Popen(args, cwd=config.PROJECT_DIR,
                               env=config.with_project_path(dict(os.environ)),
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _CURRENT[0] = process
    try:
        _wait_until_up(port, process)
        PIDS[f"http://127.0.0.1:{port}"] = process.pid
        yield f"http://127.0.0.1:{port}"
    finally:
        PIDS.pop(f"http://127.0.0.1:{port}", None)
        _CURRENT[0] = None
        process.terminate()
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def reset_profile():
    """Drop what the running profiled server collected so far."""
    os.kill(_CURRENT[0].pid, signal.SIGUSR1)
    time.sleep(0.5)   # the handler runs in the server's main thread


def _profile_every_thread():
    """Start a cProfile in this thread and in every thread started later."""
    profilers = [cProfile.Profile()]

    def in_new_thread(*_):
        profiler = cProfile.Profile()
        profilers.append(profiler)
        profiler.enable()   # replaces this hook for the thread
    threading.setprofile(in_new_thread)
    signal.signal(signal.SIGUSR1,
                  lambda *_: [profiler.clear() for profiler in profilers])
    profilers[0].enable()
    return profilers


def _write_profile(profilers):
    """The sum of the threads' statistics to PROFILE (idle ones skipped)."""
    total = None
    for profiler in list(profilers):
        profiler.create_stats()
        if not profiler.stats:   # pstats refuses an empty profile
            continue
        if total is None:
            total = pstats.Stats(profiler)
        else:
            total.add(profiler)
    if total is not None:
        total.dump_stats(str(PROFILE))


def main(argv=None):
    """Run the server until SIGTERM (see the module)."""
    argv = sys.argv[1:] if argv is None else argv
    port = int(argv[0])
    if "--bare" not in argv:
        from workarounds import dachs_server
        dachs_server.install_all()
    from gavo import base
    from gavo.user import cli, serve
    base.setConfig("web", "serverPort", str(port))
    upstream_setup = serve.setupServer
    serve.setupServer = lambda root, runIntervalJobs=True: upstream_setup(
        root, runIntervalJobs=False)
    profilers = _profile_every_thread() if "--profile" in argv else None
    sys.argv = ["dachs", "serve", "start", "--foreground"]
    try:
        return cli.main()
    finally:
        if profilers:
            _write_profile(profilers)


if __name__ == "__main__":
    sys.exit(main())
