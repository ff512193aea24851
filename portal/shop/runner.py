"""What a worker does with one request: claim, export, store, finish.

Every change of state is a guarded update: the claim is taken with
``UPDATE ... WHERE id = ... AND state = <as read> AND claim = <as
read>``, and only the attempt holding the claim may finish the request
(``... AND state = 'EXECUTING' AND claim = <mine>``).  A duplicate
message finds the request taken and does nothing; a worker that lost
its claim (its message was redelivered to another worker, or the user
deleted the request) throws its package away.  So the same task
delivered twice gives one package.
"""

import logging
import shutil
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from exporters import shop
from portal.access.services import clock
from portal.shop import data, notify, store
from portal.shop.models import ShopRequest

__all__ = ["Lost", "claim", "execute", "fail", "release", "scratch_root",
           "package_id"]

log = logging.getLogger(__name__)


class Lost(Exception):
    """This attempt no longer holds its request's claim."""


def scratch_root(host):
    """This worker's own scratch folder (never shared with another)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in host)
    return Path(settings.SHOP_SCRATCH) / safe


def _close_open(attempts, now, outcome):
    return [dict(a, end=now.isoformat(), outcome=outcome)
            if a.get("outcome") == "running" else a for a in attempts]


def claim(request_id, host, takeover=False):
    """Take the request for this attempt; None when it is not ours to run.

    Parameters
    ----------
    request_id : str
    host : str
        The worker's node name (``w1@hostA``), recorded in the attempt.
    takeover : bool
        Whether an EXECUTING request may be taken over: true for a
        redelivered message (the broker hands it on only after the
        previous worker's connection closed) and for our own retries.

    Returns
    -------
    (ShopRequest, str) or None
        The row and the claim token.
    """
    row = ShopRequest.objects.filter(pk=request_id).select_related(
        "user").first()
    allowed = (ShopRequest.QUEUED,) + ((ShopRequest.EXECUTING,)
                                       if takeover else ())
    if row is None or row.state not in allowed:
        return None
    now = clock()
    attempts = _close_open(row.attempts, now, "lost")
    # only attempts whose worker was lost count: a retry after a
    # transient error is not the request's fault
    if sum(a["outcome"] == "lost" for a in attempts) >= \
            settings.SHOP_MAX_ATTEMPTS:
        message = (f"the export was interrupted {len(attempts)} times "
                   "(workers lost); please submit it again later")
        ShopRequest.objects.filter(pk=row.pk, state=row.state,
                                   claim=row.claim).update(
            state=ShopRequest.ERROR, message=message, attempts=attempts,
            finished=now, claim="")
        notify.finished(row.pk)
        return None
    token = uuid.uuid4().hex
    attempts.append({"host": host, "start": now.isoformat(), "end": None,
                     "outcome": "running"})
    taken = ShopRequest.objects.filter(
        pk=row.pk, state=row.state, claim=row.claim).update(
        state=ShopRequest.EXECUTING, claim=token, attempts=attempts,
        started=row.started or now, progress=0.0, dispatched=True)
    if not taken:
        return None
    row.attempts, row.claim = attempts, token
    return row, token


def package_id(request_id):
    """The request id as the package records it (``shop-<uuid>``): the
    export library wants an identifier that starts with a letter."""
    return f"shop-{request_id}"


def _reporter(request_id, token):
    last = [0.0]

    def progress(*args):
        fraction = (args[0] / args[1] if len(args) >= 2 and args[1]
                    else float(args[0]) if args else 0.0)
        if settings.SHOP_TEST_CHUNK_DELAY:
            time.sleep(settings.SHOP_TEST_CHUNK_DELAY)
        if time.monotonic() - last[0] < 0.5:
            return
        last[0] = time.monotonic()
        if not ShopRequest.objects.filter(
                pk=request_id, state=ShopRequest.EXECUTING,
                claim=token).update(progress=min(fraction, 0.99)):
            raise Lost(request_id)   # stop exporting what nobody wants
    return progress


def _export(row, token, host, scratch):
    selection = shop.Selection.from_json(row.selection)
    data.check(row.user, selection)     # access, again, in the worker
    conn = data.connect()
    try:
        return shop.export(conn, selection, scratch,
                           request_id=package_id(row.pk),
                           user=row.user.get_username(), host=host,
                           progress=_reporter(row.pk, token),
                           chunk_rows=settings.SHOP_CHUNK_ROWS)
    finally:
        conn.close()


def execute(row, token, host):
    """Export the claimed request and finish it (COMPLETED).

    Raises
    ------
    Lost
        The claim went to another attempt meanwhile; nothing is kept.
    portal.shop.data.Refusal, exporters.shop.ShopError
        The choice was refused (the caller marks the request ERROR).
    """
    scratch = scratch_root(host) / str(row.pk)
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        package = _export(row, token, host, scratch)
        key = store.put(package.path,
                        f"{row.pk}-{token}/{Path(package.path).name}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    now = clock()
    done = ShopRequest.objects.filter(
        pk=row.pk, state=ShopRequest.EXECUTING, claim=token).update(
        state=ShopRequest.COMPLETED, progress=1.0, n_events=package.n_events,
        size=package.size, sha256=package.sha256,
        data_sha256=package.data_sha256, package_key=key, finished=now,
        expires=now + timedelta(days=settings.SHOP_EXPIRY_DAYS),
        attempts=_close_open(row.attempts, now, "completed"), message=(
            f"{package.n_events} events, {package.size} bytes"))
    if not done:
        store.delete(key)
        raise Lost(row.pk)
    for other in store.keys(f"{row.pk}-"):   # left by a lost worker
        if other != key:
            store.delete(other)
    notify.finished(row.pk)


def fail(row, token, message, outcome="error"):
    """Mark the claimed request ERROR with ``message`` for the user."""
    now = clock()
    if ShopRequest.objects.filter(
            pk=row.pk, state=ShopRequest.EXECUTING, claim=token).update(
            state=ShopRequest.ERROR, message=message, finished=now,
            attempts=_close_open(row.attempts, now, outcome)):
        notify.finished(row.pk)


def release(row, token, reason):
    """Close this attempt as ``retry`` (a transient error; it comes back)."""
    now = clock()
    ShopRequest.objects.filter(
        pk=row.pk, state=ShopRequest.EXECUTING, claim=token).update(
        attempts=_close_open(row.attempts, now, f"retry: {reason}"[:200]))
