"""Issue 17, item 16 and "a server restart loses no job": TAP's UWS.

Before: ``PHASE=RUN`` at creation was ignored; ``EXECUTIONDURATION=999999``
and ``DESTRUCTION=2099-01-01T00:00:00Z`` were kept and
``EXECUTIONDURATION=-5`` too (the job then failed with a PostgreSQL
message); ``ACTION=DELETE`` left the job's query process running; a job
whose runner was gone stayed EXECUTING for ever.
(workarounds/dachs_uws_controls.py; maxima in docs/limits.md.)

The restart test restarts DaCHS (only DaCHS, for a few seconds: other
clients of the shared server keep the proxy and portal) while one job
executes and two are queued, and kills the executing job's runner
while the server is down (as a crash of the machine's processes
would).  Afterwards the queued jobs complete, the killed one is in
ERROR with the reason, and a job that executes across the restart can
still be deleted, which ends its runner and its PostgreSQL query.
"""

import datetime
import os
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from apdc import dachs
from workarounds import dachs_uws_controls

pytestmark = pytest.mark.live

LONG = ("SELECT COUNT(*) FROM kascade_sim.events AS a, kascade_sim.events AS b"
        " WHERE a.event_did < b.event_did")
SHORT = "SELECT TOP 5 event_did FROM kascade.events"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(url, **data):
    """(status, Location, body) of a form POST, redirects not followed."""
    request = urllib.request.Request(
        url, urllib.parse.urlencode(data).encode("ascii"))
    try:
        with _OPENER.open(request, timeout=60) as resp:
            return resp.status, resp.headers.get("location"), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("location"), err.read()


def _get(url):
    with urllib.request.urlopen(url, timeout=60) as resp:
        return resp.read().decode("utf-8")


def _create(server, query, **uws):
    status, location, body = _post(f"{server}/tap/async", LANG="ADQL",
                                   QUERY=query, **uws)
    assert status == 303, (status, body[:300])
    return location


def _wait_for(job, phases, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        phase = _get(job + "/phase")
        if phase in phases:
            return phase
        time.sleep(0.5)
    return _get(job + "/phase")


def _runner_pids(job):
    """The job's runner, if it lives (its pid from DaCHS's jobs table)."""
    from gavo import base
    job_id = job.rsplit("/", 1)[1]
    with base.getTableConn() as conn:
        pids = [row[0] for row in conn.query(
            "SELECT pid FROM tap_schema.tapjobs WHERE jobid = %(id)s",
            {"id": job_id})]
    return [pid for pid in pids
            if pid and pid > 1 and dachs_uws_controls.runner_alive(pid, job_id)]


@pytest.fixture
def queries():
    """A connection with the role of TAP's queries (it sees their names)."""
    from gavo import base
    conn = base.getDBConnection("untrustedquery")
    yield conn
    conn.close()


def _backends(db, job):
    with db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity"
                       " WHERE application_name = %s",
                       (f"taprun {job.rsplit('/', 1)[1]}",))
        return cursor.fetchone()[0]


def _query_runs(db, job, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.rollback()
        if _runner_pids(job) and _backends(db, job) == 1:
            return True
        time.sleep(0.5)
    return False


def _gone(db, job, pids, seconds=15):
    """Whether runners ``pids`` of ``job`` and its query end within seconds."""
    job_id = job.rsplit("/", 1)[1]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.rollback()
        if (not any(dachs_uws_controls.runner_alive(pid, job_id)
                    for pid in pids) and _backends(db, job) == 0):
            return True
        time.sleep(0.5)
    return False


def test_phase_run_and_limits_at_creation(server):
    job = _create(server, SHORT, PHASE="RUN", EXECUTIONDURATION="999999",
                  DESTRUCTION="2099-01-01T00:00:00Z")
    try:
        assert _wait_for(job, {"COMPLETED", "ERROR"}, 120) == "COMPLETED"
        assert int(float(_get(job + "/executionduration"))) == \
            dachs_uws_controls.MAX_EXECUTION_SECONDS
        destruction = datetime.datetime.strptime(
            _get(job + "/destruction"), "%Y-%m-%dT%H:%M:%SZ")
        assert destruction <= datetime.datetime.utcnow() + datetime.timedelta(
            days=dachs_uws_controls.MAX_LIFETIME_DAYS, minutes=1)
    finally:
        _post(job, ACTION="DELETE")


@pytest.mark.parametrize("value", ["-5", "0", "nan", "soon"])
def test_bad_execution_duration_at_creation_is_refused(server, value):
    status, _, body = _post(f"{server}/tap/async", LANG="ADQL", QUERY=SHORT,
                            EXECUTIONDURATION=value)
    assert status == 400, (status, body[:300])
    assert b"EXECUTIONDURATION must be a positive number of seconds" in body
    assert b"statement_timeout" not in body


def test_bad_execution_duration_posted_later_is_refused(server):
    job = _create(server, SHORT)
    try:
        _, _, body = _post(job + "/executionduration", EXECUTIONDURATION="-5")
        assert b"EXECUTIONDURATION must be a positive number" in body, body
        assert float(_get(job + "/executionduration")) == 3600
        _post(job + "/executionduration", EXECUTIONDURATION="999999")
        assert float(_get(job + "/executionduration")) == \
            dachs_uws_controls.MAX_EXECUTION_SECONDS
        _post(job + "/destruction", DESTRUCTION="2099-01-01T00:00:00Z")
        assert _get(job + "/destruction") < "2099"
    finally:
        _post(job, ACTION="DELETE")


def test_delete_ends_the_query_process(server, queries):
    db = queries
    job = _create(server, LONG, PHASE="RUN", EXECUTIONDURATION="300")
    try:
        assert _wait_for(job, {"EXECUTING"}, 120) == "EXECUTING"
        assert _query_runs(db, job)
        pids = _runner_pids(job)
    finally:
        status, _, _ = _post(job, ACTION="DELETE")
    assert status == 303 and pids
    assert _gone(db, job, pids), "the runner or its query survived DELETE"


def _parent_pid(pid):
    """The parent of process ``pid`` (None once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _stop_dachs(runner_pids=()):
    """Stop every DaCHS process and wait until each has exited.

    The runners' parents are waited for too: the DaCHS process that
    spawned a runner (any of the web tier's, not only web.pid's) would
    otherwise see the runner end and put its job into ERROR itself.
    """
    pids = {process["pid"] for process in dachs.processes()}
    pids.update(_parent_pid(pid) for pid in runner_pids)
    pids = {pid for pid in pids if pid and pid > 1}
    dachs.stop_server()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
            dachs.server_is_up()
            or any(os.path.exists(f"/proc/{pid}") for pid in pids)):
        time.sleep(0.2)
    alive = [pid for pid in pids if os.path.exists(f"/proc/{pid}")]
    assert not alive, f"DaCHS processes {alive} outlived the stop"


def _start_dachs():
    """Start DaCHS (unless someone else already has)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return dachs.start_server()
        except dachs.DachsError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def test_a_restart_loses_no_job(server, queries):
    db = queries
    survivor = _create(server, LONG, PHASE="RUN", EXECUTIONDURATION="300")
    victim = _create(server, LONG, PHASE="RUN", EXECUTIONDURATION="300")
    queued = []
    try:
        assert _wait_for(survivor, {"EXECUTING"}, 120) == "EXECUTING"
        assert _wait_for(victim, {"EXECUTING"}, 120) == "EXECUTING"
        queued = [_create(server, SHORT, PHASE="RUN") for _ in range(2)]
        assert _query_runs(db, victim) and _query_runs(db, survivor)
        assert {_get(job + "/phase") for job in queued} <= {"QUEUED",
                                                            "COMPLETED"}
        victim_pids = _runner_pids(victim)
        _stop_dachs(victim_pids)
        for pid in victim_pids:                 # lost with the server
            os.kill(pid, signal.SIGKILL)
        _start_dachs()
        for job in queued:
            assert _wait_for(job, {"COMPLETED", "ERROR"}, 180) == "COMPLETED"
        assert _wait_for(victim, {"ERROR"}, 90) == "ERROR"
        error = _get(victim + "/error")
        assert "runner process ended without finishing it" in error, error
        assert _gone(db, victim, victim_pids)
        # the survivor's runner carried on; deleting it ends it
        assert _get(survivor + "/phase") == "EXECUTING"
        survivor_pids = _runner_pids(survivor)
        assert survivor_pids
        _post(survivor, ACTION="DELETE")
        assert _gone(db, survivor, survivor_pids)
    finally:
        _start_dachs()
        for job in [survivor, victim, *queued]:
            _post(job, ACTION="DELETE")
