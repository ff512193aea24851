"""The Celery tasks of the shop: run one request; purge expired packages.

``run_request`` is acknowledged late and rejected (so redelivered) when
its worker dies; it is idempotent through the guarded updates of
:mod:`portal.shop.runner`.  A transient database error is retried with
exponential back-off; a refused choice goes to ERROR at once.
"""

import logging
import shutil

import psycopg2
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import OperationalError as DjangoOperationalError

from exporters import shop
from portal.celery import app
from portal.shop import data, runner, services

__all__ = ["run_request", "purge_expired", "backoff"]

log = logging.getLogger(__name__)

#: How often a transient database error is retried before giving up.
DB_RETRIES = 5


def backoff(retries):
    """Seconds before retry number ``retries + 1``: 2, 4, 8, ... 60."""
    return min(2 ** (retries + 1), 60)


@worker_ready.connect
def _clean_scratch(sender=None, **_):
    # A worker killed in the middle of an export leaves part of a file in
    # its own scratch folder; it is removed when the worker comes back.
    shutil.rmtree(runner.scratch_root(sender.hostname), ignore_errors=True)


def _run(task, request_id, takeover):
    host = task.request.hostname or "unknown"
    redelivered = bool((task.request.delivery_info or {}).get(
        "redelivered"))
    claimed = runner.claim(request_id, host, takeover or redelivered)
    if claimed is None:
        log.info("shop request %s: nothing to do (duplicate or final)",
                 request_id)
        return "skipped"
    row, token = claimed
    try:
        runner.execute(row, token, host)
    except runner.Lost:
        return "lost"
    except data.Refusal as refusal:
        runner.fail(row, token, refusal.message, "refused")
        return "refused"
    except shop.ShopError as error:
        runner.fail(row, token, data.refusal_from(error).message,
                    "refused")
        return "refused"
    except SoftTimeLimitExceeded:
        runner.fail(row, token, "the export took longer than the time "
                    "limit: please choose fewer events (narrower cuts)",
                    "time limit")
        return "time limit"
    except (psycopg2.OperationalError, DjangoOperationalError) as error:
        if task.request.retries >= DB_RETRIES:
            runner.fail(row, token, "the database could not be reached; "
                        "please submit the request again later")
            return "failed"
        try:
            runner.release(row, token, str(error).strip())
        except DjangoOperationalError:
            pass   # the portal's database is the one away: retry anyway
        raise
    except Exception:   # anything else: the user is told, the log has it
        log.exception("shop request %s failed", request_id)
        runner.fail(row, token, "the export failed unexpectedly; the "
                    "operators have been told")
        return "failed"
    return "completed"


@app.task(bind=True, name="portal.shop.tasks.run_request",
          acks_late=True, reject_on_worker_lost=True)
def run_request(self, request_id, takeover=False):
    """Export request ``request_id`` (a task message carries only the id)."""
    try:
        return _run(self, request_id, takeover)
    except (psycopg2.OperationalError, DjangoOperationalError) as error:
        log.warning("shop request %s: transient database error, retry "
                    "%d: %s", request_id, self.request.retries + 1, error)
        raise self.retry(exc=error, countdown=backoff(self.request.retries),
                         max_retries=DB_RETRIES + 1,
                         kwargs={"request_id": request_id,
                                 "takeover": True})


@app.task(name="portal.shop.tasks.purge_expired", ignore_result=True)
def purge_expired():
    """Remove packages expired longer than the grace period."""
    return len(services.purge())
