"""Issue 17, item 7: TAP's MAXREC together with ADQL's TOP.

``MAXREC=10`` with ``TOP 100`` returned 11 rows, ``MAXREC=0`` with TOP
one row, and ``MAXREC=9`` on the 9-row ``kascade.events`` reported
OVERFLOW.  DALI: at most MAXREC rows, OVERFLOW only when rows were left
out (workarounds/dachs_maxrec.py), sync and async alike.
"""

import io
import urllib.parse
import urllib.request

import pytest
from astropy.io import votable

pytestmark = pytest.mark.live

MANY = "SELECT TOP 100 event_did FROM kascade_sim.events"
NINE = "SELECT event_did FROM kascade.events"


def _sync(server, query, maxrec, fmt="votable"):
    params = urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
        "QUERY": query, "MAXREC": maxrec, "RESPONSEFORMAT": fmt})
    with urllib.request.urlopen(f"{server}/tap/sync?{params}",
                                timeout=120) as resp:
        return resp.read()


def _rows_and_status(body):
    table = votable.parse(io.BytesIO(body))
    statuses = [i.value for i in table.resources[0].infos
                if i.name == "QUERY_STATUS"]
    return len(table.get_first_table().array), statuses


@pytest.mark.parametrize("query,maxrec,rows,overflow", [
    (MANY, 10, 10, True),
    (MANY, 0, 0, True),
    (NINE, 9, 9, False),
    (NINE, 8, 8, True),
    (NINE, 10, 9, False),
    ("SELECT TOP 9 event_did FROM kascade.events", 9, 9, False),
    ("SELECT TOP 5 event_did FROM kascade.events", 9, 5, False),
    ("SELECT TOP 3 event_did FROM kascade_sim.events", 3, 3, False),
])
def test_sync_maxrec(server, query, maxrec, rows, overflow):
    got_rows, statuses = _rows_and_status(_sync(server, query, maxrec))
    assert got_rows == rows
    assert ("OVERFLOW" in statuses) is overflow, statuses


def test_sync_maxrec_in_csv(server):
    body = _sync(server, MANY, 10, fmt="csv")
    lines = body.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 + 10


def _async(tap, query, maxrec):
    job = tap.submit_job(query, maxrec=maxrec)
    try:
        job.run()
        job.wait(timeout=120)
        result = job.fetch_result()
        return len(result), result.query_status
    finally:
        job.delete()


def test_async_maxrec(tap):
    assert _async(tap, MANY, 10) == (10, "OVERFLOW")
    assert _async(tap, NINE, 9) == (9, "OK")
