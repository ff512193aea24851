"""DaCHS 2.7: TAP's UWS gives clients controls they should not have.

Upstream bugs
-------------
* ``UWS.getNewIdFromArgs`` ignores the UWS parameters of the creating
  POST: ``PHASE=RUN``, ``EXECUTIONDURATION`` and ``DESTRUCTION`` given
  with the job are dropped.
* ``uwsactions.ExecDAction``/``DestructionAction`` take any number or
  date: ``EXECUTIONDURATION=999999``, ``DESTRUCTION=2099-01-01`` are
  kept, ``EXECUTIONDURATION=-5`` too (the job then fails with
  PostgreSQL's "invalid value for parameter statement_timeout").
* ``ACTION=DELETE`` on an executing job (``UWS.destroy``) removes its
  row and directory but leaves its ``taprun`` process and that
  process's PostgreSQL query running, orphaned.
* A job whose runner died (killed with the server, ``kill -9``, an
  OOM) stays EXECUTING for ever: ``_ensureJobsAreRunning`` runs only
  while jobs are queued and no job could be started.

Work-around
-----------
:func:`install` (server and runners, ``workarounds.dachs_server``):

* job creation applies ``EXECUTIONDURATION`` and ``DESTRUCTION``
  (checked as below) and then ``PHASE=RUN`` (any other PHASE is
  refused);
* :func:`execution_duration` refuses what is not a positive number of
  seconds and clamps it to :data:`MAX_EXECUTION_SECONDS`;
  :func:`destruction_time` refuses what is not an ISO date and clamps
  it into now ... now + :data:`MAX_LIFETIME_DAYS` (UWS 1.1 lets the
  service choose; the job document shows the value taken);
* the runner names its query connection ``taprun <job id>``
  (``application_name``) and asks PostgreSQL to check every 2 s that
  its client still lives (``client_connection_check_interval``), so a
  killed runner's query ends too;
* before a job is destroyed, :func:`end_runner` interrupts its runner
  (SIGINT, as UWS's abort does; SIGKILL after 5 s) and cancels its
  PostgreSQL query by that name;
* every 30 s (and right after a server start) the server puts EXECUTING
  jobs whose runner is gone (:func:`runner_alive`) into ERROR with the
  reason, then lets queued jobs start; DaCHS's own check
  (``_ensureJobsAreRunning``, pid not in /proc) uses the same test and
  message.

docs/limits.md lists the maxima.

How to tell it is fixed
-----------------------
:func:`bug_present` runs DaCHS's own ``ExecDAction.deserializeValue``
on ``-5``; while it returns -5.0, the bug is there and
``test_dachs_uws_controls_bug_still_present`` passes.  Once it fails,
check the other three items (the live tests in
tests/test_live_hardening_uws.py) before removing this module and its
entry in ``dachs_server.PATCHES``.
"""

import datetime
import os
import signal
import threading
import time

from workarounds import patching
from workarounds.dachs_async_spare import SPARE_MARKER

__all__ = ["MAX_EXECUTION_SECONDS", "MAX_LIFETIME_DAYS", "ORPHAN_CHECK_SECONDS",
           "execution_duration", "destruction_time", "runner_alive",
           "end_runner", "settle_orphans", "bug_present", "install"]

#: Longest EXECUTIONDURATION granted (seconds; DaCHS's default is 3600).
MAX_EXECUTION_SECONDS = 7200
#: Latest DESTRUCTION granted, in days from now.
MAX_LIFETIME_DAYS = 7
#: How often the server looks for EXECUTING jobs without a runner.
ORPHAN_CHECK_SECONDS = 30

_RUNNER_NAME = "taprun {}"
_CURRENT_JOB = threading.local()


def execution_duration(raw):
    """The EXECUTIONDURATION granted for ``raw`` (seconds).

    Parameters
    ----------
    raw : str or float

    Returns
    -------
    int

    Raises
    ------
    ValueError
        With the message for the client.
    """
    try:
        seconds = float(raw)
    except (TypeError, ValueError):
        seconds = float("nan")
    if not seconds > 0 or seconds != seconds:
        raise ValueError(f"EXECUTIONDURATION must be a positive number of "
                         f"seconds (at most {MAX_EXECUTION_SECONDS}), not "
                         f"{raw!r}.")
    return int(min(seconds, MAX_EXECUTION_SECONDS))


def destruction_time(raw, now=None):
    """The DESTRUCTION granted for ``raw`` (a naive UTC datetime).

    Parameters
    ----------
    raw : str or datetime.datetime
    now : datetime.datetime, optional
        Naive UTC; default: now.

    Returns
    -------
    datetime.datetime

    Raises
    ------
    ValueError
        With the message for the client.
    """
    from gavo import utils
    now = now or datetime.datetime.utcnow()
    try:
        when = raw if isinstance(raw, datetime.datetime) else \
            utils.parseISODT(raw)
    except (TypeError, ValueError):
        raise ValueError(f"DESTRUCTION must be an ISO 8601 date and time "
                         f"(e.g. 2030-01-01T00:00:00Z), not {raw!r}.")
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return max(now, min(when, now + datetime.timedelta(days=MAX_LIFETIME_DAYS)))


def runner_alive(pid, job_id):
    """Whether process ``pid`` still is the runner of job ``job_id``.

    A pid of a dead runner may be reused: the process must have the job
    id on its command line, or be a spare runner that was handed the
    job (workarounds/dachs_async_spare.py).

    Returns
    -------
    bool
    """
    try:
        with open(f"/proc/{int(pid)}/cmdline", "rb") as handle:
            args = handle.read().split(b"\0")
    except (OSError, ValueError, TypeError):
        return False
    return (job_id.encode("ascii") in args
            or SPARE_MARKER.encode("ascii") in args)


def _cancel_query(job_id):
    """Cancel the PostgreSQL query of job ``job_id``'s runner, if any."""
    from gavo import base
    with base.getUntrustedConn() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity"
                       " WHERE application_name = %(name)s",
                       {"name": _RUNNER_NAME.format(job_id)})
        cursor.close()


def end_runner(pid, job_id, wait=5.0):
    """Stop job ``job_id``'s runner ``pid`` and its query.

    Parameters
    ----------
    pid : int or None
    job_id : str
    wait : float
        Seconds to give the runner after SIGINT before SIGKILL.
    """
    if pid and pid > 1 and runner_alive(pid, job_id):
        try:
            os.kill(pid, signal.SIGINT)
            deadline = time.monotonic() + wait
            while runner_alive(pid, job_id) and time.monotonic() < deadline:
                time.sleep(0.1)
            if runner_alive(pid, job_id):
                os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        _cancel_query(job_id)
    except Exception:           # best effort; the check interval ends it too
        pass


def _settle_only(self):
    """UWSWithQueueing._ensureJobsAreRunning with the reason of this module.

    DaCHS calls it from its queue processor (while it holds the queue
    lock), so it must not start the queue itself.
    """
    _orphans_to_error(self)


def settle_orphans(worker_system):
    """Put EXECUTING jobs whose runner is gone into ERROR; start queued ones.

    Parameters
    ----------
    worker_system : gavo.protocols.uws.UWSWithQueueing

    Returns
    -------
    list of str
        The ids of the jobs put into ERROR.
    """
    settled = _orphans_to_error(worker_system)
    worker_system.scheduleProcessQueueCheck()
    worker_system.checkProcessQueue()
    return settled


def _orphans_to_error(worker_system):
    """The work of :func:`settle_orphans` but starting no queued job."""
    from gavo import base
    from gavo.protocols import uws
    settled = []
    with base.getTableConn() as conn:
        rows = list(worker_system.runCanned("getHungCandidates", {}, conn))
    for row in rows:
        job_id, pid = row["jobId"], row["pid"]
        if pid is not None and pid < 2:
            continue                 # sync jobs run in the server (pid -1)
        if pid is not None and runner_alive(pid, job_id):
            continue
        time.sleep(0.2)              # a runner just forked may not have exec'd
        with base.getTableConn() as conn:
            still = [r for r in worker_system.runCanned(
                "getHungCandidates", {}, conn) if r["jobId"] == job_id]
        if not still or (still[0]["pid"] and runner_alive(still[0]["pid"],
                                                         job_id)):
            continue
        try:
            worker_system.changeToPhase(job_id, uws.ERROR, uws.UWSError(
                "The job's runner process ended without finishing it (the "
                "server was restarted or the process was killed); its result "
                "is lost.  Please submit the job again.", job_id))
            settled.append(job_id)
        except uws.JobNotFound:
            pass
    return settled


def _new_id_from_args(self, uwsArgs, paramDict, user=None):
    """UWS.getNewIdFromArgs applying the creation's UWS parameters."""
    from gavo import base
    from gavo.protocols import tap, uws
    uwsArgs = uwsArgs or {}
    phase = uwsArgs.get("phase")
    try:
        changes = {}
        if uwsArgs.get("executionduration") is not None:
            changes["executionDuration"] = execution_duration(
                uwsArgs["executionduration"])
        if uwsArgs.get("destruction") is not None:
            changes["destructionTime"] = destruction_time(
                uwsArgs["destruction"])
        if phase not in (None, "RUN"):
            raise ValueError(f"PHASE at job creation can only be RUN, not "
                             f"{phase!r}.")
    except ValueError as ex:
        raise base.ValidationError(str(ex), str(ex).split(" ", 1)[0])
    job_id = patching.original(tap.TAPUWS, "getNewIdFromArgs")(
        self, uwsArgs, paramDict, user)
    if changes:
        with self.changeableJob(job_id) as job:
            job.change(**changes)
    if phase == "RUN":
        self.changeToPhase(job_id, uws.QUEUED)
    return job_id


def _checked_post(self, job, request, check):
    """doPOST of a UWS settable action that checks its value first."""
    from gavo.protocols import uws
    raw = request.uwsArgs.get(self.name.lower())
    if raw is not None:
        try:
            request.uwsArgs[self.name.lower()] = check(raw)
        except ValueError as ex:
            raise uws.UWSError(str(ex), job.jobId)
    return patching.original(type(self), "doPOST")(self, job, request)


def _duration_post(self, job, request):
    """ExecDAction.doPOST with the duration checked and clamped."""
    return _checked_post(self, job, request,
                         lambda raw: str(execution_duration(raw)))


def _destruction_post(self, job, request):
    """DestructionAction.doPOST with the date checked and clamped."""
    return _checked_post(self, job, request, _date_text)


def _prepare_for_destruction(self):
    """TAPJob.prepareForDestruction that ends the job's runner first."""
    from gavo.protocols import tap, uws
    if self.phase in (uws.EXECUTING, uws.QUEUED):
        end_runner(self.pid, self.jobId)
    return patching.original(tap.TAPJob, "prepareForDestruction")(self)


def _q_table_from_job(parameters, job, queryProfile, timeout):
    """taprunner.getQTableFromJob noting the job for _note_worker_pid."""
    from gavo.protocols import taprunner
    _CURRENT_JOB.id = job.jobId
    try:
        return patching.original(taprunner, "getQTableFromJob")(
            parameters, job, queryProfile, timeout)
    finally:
        _CURRENT_JOB.id = None


def _note_worker_pid(conn):
    """taprunner._noteWorkerPID that names the query connection."""
    from gavo.protocols import taprunner
    job_id = getattr(_CURRENT_JOB, "id", None)
    if job_id:
        cursor = conn.cursor()
        cursor.execute("SELECT set_config('application_name', %(name)s, false),"
                       " set_config('client_connection_check_interval',"
                       " '2000', false)",
                       {"name": _RUNNER_NAME.format(job_id)})
        cursor.close()
    return patching.original(taprunner, "_noteWorkerPID")(conn)


def _date_text(raw):
    from gavo import utils
    return utils.formatISODT(destruction_time(utils.parseISODT(raw)))


def bug_present():
    """Whether DaCHS still takes a negative EXECUTIONDURATION.

    Returns
    -------
    bool
    """
    from gavo.protocols import uwsactions
    try:
        return uwsactions.ExecDAction.deserializeValue("-5") == -5.0
    except ValueError:
        return False


def install():
    """Apply the UWS controls of this module (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.base import cron
    from gavo.protocols import tap, taprunner, uwsactions
    installed = patching.replace_all(
        (taprunner, "getQTableFromJob", _q_table_from_job),
        (taprunner, "_noteWorkerPID", _note_worker_pid),
        (tap.TAPJob, "prepareForDestruction", _prepare_for_destruction),
        (uwsactions.ExecDAction, "doPOST", _duration_post),
        (uwsactions.DestructionAction, "doPOST", _destruction_post),
        (tap.TAPUWS, "_ensureJobsAreRunning", _settle_only),
        (tap.TAPUWS, "getNewIdFromArgs", _new_id_from_args))
    if installed:
        # cron jobs run only in the server (the one process that schedules)
        cron.runEvery(-ORPHAN_CHECK_SECONDS, "apdc UWS orphaned jobs",
                      lambda: settle_orphans(tap.WORKER_SYSTEM))
    return installed
