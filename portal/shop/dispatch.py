"""Sending queued requests to the broker, now or once it is back.

A submission writes its row (QUEUED, ``dispatched=False``) and sends
the task after the commit.  When the broker is down the send fails,
the row stays as it is, and :func:`dispatch_pending` (run in a loop by
``python -m portal shop_dispatcher``) sends it later.  A row sent twice
(the flag could not be written after a send) is harmless: the task
changes state only with a guarded update.
"""

import logging
import time

from django.conf import settings
from django.db import close_old_connections, transaction

from portal.celery import app
from portal.shop.models import ShopRequest

__all__ = ["send", "dispatch_pending", "run_forever"]

log = logging.getLogger(__name__)


TASK = "portal.shop.tasks.run_request"


def _publish(request_id):
    # A connection of its own, from the settings of the moment: a send
    # that fails leaves no half-open pooled connection behind, and it
    # fails fast (the row waits in PostgreSQL for the dispatcher).  By
    # task name: the web server needs no import of the worker's code.
    with app.connection_for_write(settings.CELERY_BROKER_URL,
                                  connect_timeout=3) as conn:
        conn.ensure_connection(max_retries=1)
        with conn.Producer() as producer:
            app.send_task(TASK, args=[str(request_id)],
                          queue=settings.SHOP_QUEUE, producer=producer)


def send(request_id):
    """Send the task of one request; True once the broker has it.

    Returns
    -------
    bool
        False when the broker could not be reached (the row stays
        undispatched for the dispatcher).
    """
    try:
        _publish(request_id)
    except Exception as error:   # any broker or connection failure
        log.warning("shop request %s not sent yet: %s", request_id, error)
        return False
    ShopRequest.objects.filter(pk=request_id).update(dispatched=True)
    return True


def dispatch_pending(limit=100):
    """Send every QUEUED request not yet dispatched, oldest first.

    Returns
    -------
    int
        How many were sent; stops at the first failure (the broker is
        down: the others would fail as well).
    """
    sent = 0
    pending = ShopRequest.objects.filter(
        state=ShopRequest.QUEUED, dispatched=False).order_by("created")
    for request_id in pending.values_list("pk", flat=True)[:limit]:
        if not send(request_id):
            break
        sent += 1
    return sent


def run_forever(interval=5.0, once=False, purge=None,
                purge_every=3600.0):
    """Dispatch in a loop every ``interval`` seconds (the dispatcher).

    Parameters
    ----------
    interval : float
    once : bool
        One pass, then return how many were sent.
    purge : callable, optional
        Also called every ``purge_every`` seconds (the expiry purge).  It
        runs here, not as a task of Celery's beat: like the sending, it
        must not depend on the broker being up.
    purge_every : float
    """
    last_purge = None
    while True:
        # a connection that died with a database restart is replaced
        # (never inside a transaction: the tests run in one)
        if not transaction.get_connection().in_atomic_block:
            close_old_connections()
        try:
            sent = dispatch_pending()
            if purge and (last_purge is None or
                          time.monotonic() - last_purge >= purge_every):
                last_purge = time.monotonic()
                purge()
        except Exception:   # keep the loop alive through a DB restart
            log.exception("shop dispatcher: pass failed")
            sent = 0
        if sent:
            log.warning("shop dispatcher: sent %d requests", sent)
        if once:
            return sent
        time.sleep(interval)
