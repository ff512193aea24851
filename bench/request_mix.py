"""The mixed requests of the soak and load tests and the memory probe.

One function per kind of request users make -- TAP sync, TAP async
(run, poll, result, delete), cone searches of the published data sets,
DataLink documents (H.E.S.S. runs, KASCADE events), SODA cutouts of
H.E.S.S. runs -- each ``function(session, server, rng, work)`` sends
one request with a ``requests`` session and raises AssertionError
unless it succeeded (200 and no VO error document; an async job
COMPLETED within :data:`ASYNC_DEADLINE`).  ``work`` is what
:func:`workload` read from the database.  Used by tests/test_live_soak.py,
tests/test_live_load.py (through :mod:`bench.load_driver`) and
bench/memory_probe.py.
"""

import re
import time

from converters import rdschema
from tests import fuzz_support

__all__ = ["REQUEST_TIMEOUT", "ASYNC_DEADLINE", "KINDS", "workload",
           "check", "bound"]

#: Seconds one HTTP request may take.
REQUEST_TIMEOUT = 120
#: Seconds an async job may take from creation to its end (queued jobs
#: wait for one of DaCHS's maxTAPRunning slots).
ASYNC_DEADLINE = 600

_ERROR = re.compile(rb'name="QUERY_STATUS"\s+value="ERROR"|'
                    rb'<INFO[^>]*name="Error"|<TD>\w*Fault')
_MESSAGE = re.compile(r'QUERY_STATUS"\s+value="ERROR"[^>]*>([^<]*)|'
                      r'name="Error"[^>]*value="([^"]*)"|<TD>(\w*Fault[^<]*)')


def workload(cursor):
    """What the requests draw from: cone services, H.E.S.S. runs, events.

    Parameters
    ----------
    cursor : psycopg2 cursor
        Of DaCHS's database.

    Returns
    -------
    dict
        ``cones``: (rd, service) of every published public cone search;
        ``runs``:
        (publisher DID, ra, dec) of every H.E.S.S. run; ``kascade``:
        event DIDs of KASCADE and (200 of) the simulated KASCADE.
    """
    # only services DaCHS publishes now: other tests put scratch RDs
    # into rd/ for a while
    cursor.execute("SELECT sourcerd, resid FROM dc.resources"
                   " WHERE NOT deleted")
    published = set(cursor.fetchall())
    cones = [(rd, sid) for rd, sid, renderers, _ in fuzz_support.rd_services()
             if "scs.xml" in renderers and not rdschema.is_restricted(rd)
             and (rd, sid) in published]
    cursor.execute("SELECT obs_publisher_did, s_ra, s_dec FROM ivoa.obscore"
                   " WHERE obs_publisher_did LIKE '%%~?hess_dr1/%%'")
    runs = cursor.fetchall()
    # the KASCADE DataLink is per event
    cursor.execute("(SELECT event_did FROM kascade.events) UNION ALL "
                   "(SELECT event_did FROM kascade_sim.events ORDER BY "
                   "event_did LIMIT 200)")
    kascade = [row[0] for row in cursor.fetchall()]
    if not (cones and runs and kascade):
        raise AssertionError(f"nothing to request: {len(cones)} cone "
                             f"services, {len(runs)} H.E.S.S. runs, "
                             f"{len(kascade)} KASCADE events")
    return {"cones": cones, "runs": runs, "kascade": kascade}


def check(response):
    """Raise AssertionError unless ``response`` is a 200 without VO error."""
    if response.status_code != 200:
        raise AssertionError(f"{response.status_code} {response.url[:150]}: "
                             f"{response.text[:200]!r}")
    if _ERROR.search(response.content[:20000]):
        message = _MESSAGE.search(response.text[:20000])
        raise AssertionError(
            f"error document from {response.url[:150]} "
            f"({response.request.body!r:.300}): {message.group(0)[:300]!r}")


def _tap_sync(session, server, rng, work):
    table = rng.choice(["fermi3fhl.main", "auger2022.events", "gammacat.main",
                        "icecube_ps.events", "kascade_sim.events"])
    ra, dec = rng.uniform(0, 360), rng.uniform(-60, 60)
    query = (f"SELECT TOP 50 * FROM {table} WHERE 1 = CONTAINS("
             f"POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra:.3f}, {dec:.3f}, 5))")
    check(session.post(server + "/tap/sync", data={
        "REQUEST": "doQuery", "LANG": "ADQL", "QUERY": query},
        timeout=REQUEST_TIMEOUT))


def _tap_async(session, server, rng, work):
    response = session.post(server + "/tap/async", data={
        "REQUEST": "doQuery", "LANG": "ADQL", "PHASE": "RUN",
        "QUERY": f"SELECT TOP {rng.randint(1, 100)} source_name, ra, dec "
                 "FROM fermi3fhl.main ORDER BY flux DESC"},
        timeout=REQUEST_TIMEOUT, allow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    job = response.headers["location"]
    deadline = time.monotonic() + ASYNC_DEADLINE
    try:
        while True:
            phase = session.get(job + "/phase",
                                timeout=REQUEST_TIMEOUT).text.strip()
            if phase not in ("PENDING", "QUEUED", "EXECUTING"):
                break
            assert time.monotonic() < deadline, f"{job} still {phase}"
            time.sleep(0.2)
        if phase != "COMPLETED":
            reason = session.get(job + "/error", timeout=REQUEST_TIMEOUT)
            raise AssertionError(f"{job}: {phase}: {reason.text[:300]!r}")
        check(session.get(job + "/results/result", timeout=REQUEST_TIMEOUT))
    finally:
        session.post(job, data={"ACTION": "DELETE"}, timeout=REQUEST_TIMEOUT,
                     allow_redirects=False)


def _cone(session, server, rng, work):
    rd_name, service = rng.choice(work["cones"])
    check(session.get(f"{server}/{rd_name}/{service}/scs.xml", params={
        "RA": f"{rng.uniform(0, 360):.4f}",
        "DEC": f"{rng.uniform(-89, 89):.4f}",
        "SR": f"{rng.uniform(0.5, 5):.2f}"}, timeout=REQUEST_TIMEOUT))


def _datalink(session, server, rng, work):
    if rng.random() < 0.5:
        did, rd_name = rng.choice(work["runs"])[0], "hess_dr1"
    else:
        did = rng.choice(work["kascade"])
        rd_name = did.split("?", 1)[1].split("/", 1)[0]
    check(session.get(f"{server}/{rd_name}/dl/dlmeta", params={"ID": did},
                      timeout=REQUEST_TIMEOUT))


def _soda(session, server, rng, work):
    did, ra, dec = rng.choice(work["runs"])
    check(session.get(f"{server}/hess_dr1/dl/dlget", params={
        "ID": did, "CIRCLE": f"{ra:.4f} {dec:.4f} {rng.uniform(0.1, 1):.2f}"},
        timeout=REQUEST_TIMEOUT))


#: request kind -> (weight in the mix, function(session, server, rng, work))
KINDS = {"tap_sync": (4, _tap_sync), "tap_async": (1, _tap_async),
         "cone": (4, _cone), "datalink": (3, _datalink), "soda": (2, _soda)}


def bound(server, work, kinds=KINDS):
    """The kinds as ``function(session, rng)`` for :mod:`bench.load_driver`.

    Parameters
    ----------
    server : str
        Base URL.
    work : dict
        From :func:`workload`.
    kinds : dict
        name -> (weight, function), default :data:`KINDS`.

    Returns
    -------
    tuple
        (dict name -> function(session, rng), dict name -> weight).
    """
    def one(function):
        return lambda session, rng: function(session, server, rng, work)
    return ({name: one(function) for name, (_, function) in kinds.items()},
            {name: weight for name, (weight, _) in kinds.items()})
