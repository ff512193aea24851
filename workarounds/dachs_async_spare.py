"""DaCHS 2.7: every async TAP job waits for a new Python to import DaCHS.

Upstream behaviour
------------------
``ProcessBasedUWSTransitions._startJobTwisted`` spawns a fresh
``gavo taprun`` process for each job when it starts.  That process
spends about 1.2 s importing DaCHS (and the work-arounds) before it
reads the job, so an async ``SELECT TOP 5`` took about 2 s from RUN to
COMPLETED (and 3.5 s with pyvo's polling), against 0.1 s sync
(bench/async_latency.py measures it).

Work-around
-----------
:func:`install` keeps one spare runner: a process started ahead of
time with the same command line as a job's runner minus the job id,
which imports DaCHS, installs the work-arounds, builds the ADQL
grammar and then waits for a job id on its standard input.  When a job
starts, the server hands the spare the id (and records the spare's
pid, so abort and delete signal it as they would the runner), then
starts the next spare.  If there is no live spare, the job gets a
fresh process as before.  The spare's command line carries
:data:`SPARE_MARKER`, by which ``dachs_uws_controls.runner_alive``
knows it for a runner.

How to tell it is fixed
-----------------------
:func:`bug_present` reads DaCHS's ``_startJobTwisted``; while it calls
``spawnProcess`` for every job, ``test_dachs_async_spare_bug_still_present``
passes.  Once DaCHS has a pre-started runner of its own, remove this
module and its entry in ``dachs_server.PATCHES``.
"""

import inspect
import os
import sys
from pathlib import Path

from workarounds import patching

__all__ = ["SPARE_MARKER", "spare_command_line", "bug_present", "install"]

#: On the spare runner's command line (and so in /proc/<pid>/cmdline).
SPARE_MARKER = "apdc-spare-taprunner"

_PROJECT_DIR = str(Path(__file__).resolve().parents[1])
_SPARE = {"transport": None, "protocol": None}


def spare_command_line():
    """(executable, argv) of a spare runner.

    Returns
    -------
    tuple
    """
    code = (f"import sys; sys.path.insert(0, {_PROJECT_DIR!r}); "
            "from workarounds import dachs_server, dachs_async_spare; "
            "dachs_server.install_all(); "
            "sys.exit(dachs_async_spare.run_spare(dachs_server.main))")
    return sys.executable, [sys.executable, "-c", code, SPARE_MARKER]


def run_spare(dachs_main):
    """Body of the spare runner: prepare, wait for a job id, run it.

    Parameters
    ----------
    dachs_main : callable
        ``workarounds.dachs_server.main`` (the work-arounds installed).

    Returns
    -------
    int
        The exit code.
    """
    from gavo import adql, rscdesc                      # noqa: F401
    from gavo.protocols import taprunner                # noqa: F401
    from gavo.user import cli                           # noqa: F401
    adql.getGrammar()
    job_id = sys.stdin.readline().strip()
    if not job_id:
        return 0                      # the server went away unused
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    return dachs_main(["--ui", "stingy", "taprun", "--", job_id])


def _alive(transport):
    return (transport is not None and transport.pid is not None
            and os.path.exists(f"/proc/{transport.pid}"))


def _spawn_spare(worker_system):
    from gavo.protocols import uws
    from twisted.internet import reactor
    protocol = uws._UWSBackendProtocol(None, worker_system)
    command, args = spare_command_line()
    _SPARE["transport"] = reactor.spawnProcess(protocol, command, args=args,
                                               env=os.environ)
    _SPARE["protocol"] = protocol


def _start_job_twisted(self, wjob):
    """_startJobTwisted that hands the job to the spare runner if any."""
    from gavo.protocols import uws
    transport, protocol = _SPARE["transport"], _SPARE["protocol"]
    _SPARE["transport"] = _SPARE["protocol"] = None
    if _alive(transport):
        try:
            protocol.jobId = wjob.jobId
            transport.write(f"{wjob.jobId}\n".encode("ascii"))
            transport.closeStdin()
            wjob.change(pid=transport.pid, phase=uws.EXECUTING)
        except Exception:
            transport = None
    else:
        transport = None
    if transport is None:
        patching.original(type(self), "_startJobTwisted")(self, wjob)
    _spawn_spare(wjob.uws)


def _ended(self, statusObject):
    """_UWSBackendProtocol.processEnded that ignores a spare never used."""
    if self.jobId is None:
        return None
    from gavo.protocols import uws
    return patching.original(uws._UWSBackendProtocol, "processEnded")(
        self, statusObject)


def bug_present():
    """Whether DaCHS still spawns a fresh process for every job.

    Returns
    -------
    bool
    """
    from gavo.protocols import uws
    source = inspect.getsource(patching.original(
        uws.ProcessBasedUWSTransitions, "_startJobTwisted"))
    return "spawnProcess" in source and "spare" not in source.lower()


def install():
    """Start async jobs in a spare, prepared runner (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import tap, uws
    from twisted.internet import reactor
    installed = patching.replace_all(
        (uws._UWSBackendProtocol, "processEnded", _ended),
        (tap.TAPTransitions, "_startJobTwisted", _start_job_twisted))
    if installed:     # only the server runs the reactor: the first spare
        reactor.callWhenRunning(_spawn_spare, tap.WORKER_SYSTEM)
    return installed
