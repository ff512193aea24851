"""Submitting, resubmitting, deleting and purging shop requests.

Submission is checked in full before anything is queued: the choice
(``exporters.shop.validate``), access to a restricted data set, and the
user's limits (concurrent jobs, storage).  The row is written QUEUED
and not yet dispatched; the task is sent once the transaction has
committed (:mod:`portal.shop.dispatch`), and a dispatcher sends any row
whose sending failed, so a stopped broker loses nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Sum

from exporters import shop
from portal.access.services import clock
from portal.shop import data, dispatch, store
from portal.shop.models import ACTIVE_STATES, ShopRequest

__all__ = ["parse", "submit", "resubmit", "delete", "storage_used",
           "check_quota", "purge", "selection_of"]


def parse(body):
    """A ``Selection`` from a JSON object, or :class:`data.Refusal` (400)."""
    if not isinstance(body, dict):
        raise data.Refusal(400, "selection", "a JSON object is expected")
    try:
        return shop.Selection.from_json(body)
    except shop.ShopError as error:
        raise data.refusal_from(error) from error
    except (KeyError, TypeError, ValueError) as error:
        field = error.args[0] if isinstance(error, KeyError) else \
            "selection"
        raise data.Refusal(400, str(field), f"bad selection: {error}") \
            from error


def selection_of(request):
    """The ``Selection`` a stored request asked for."""
    return shop.Selection.from_json(request.selection)


def storage_used(user):
    """Bytes of the user's packages that are kept, plus those to come."""
    kept = ShopRequest.objects.filter(
        user=user, state=ShopRequest.COMPLETED, purged__isnull=True
    ).aggregate(total=Sum("size"))["total"] or 0
    coming = ShopRequest.objects.filter(
        user=user, state__in=ACTIVE_STATES
    ).aggregate(total=Sum("estimated_size"))["total"] or 0
    return kept + coming


def check_quota(user, estimated_size):
    """Refuse (422, field ``quota``) a request over the user's limits."""
    running = ShopRequest.objects.filter(user=user,
                                         state__in=ACTIVE_STATES).count()
    if running >= settings.SHOP_MAX_CONCURRENT:
        raise data.Refusal(422, "quota", (
            f"you have {running} requests waiting or running, the limit "
            f"is {settings.SHOP_MAX_CONCURRENT}: wait until one has "
            "finished, or delete one in your history"))
    used = storage_used(user)
    limit = settings.SHOP_MAX_STORAGE_BYTES
    if used + estimated_size > limit:
        raise data.Refusal(422, "quota", (
            f"this package (about {estimated_size / 1e6:.1f} MB) would "
            f"bring your storage to {(used + estimated_size) / 1e6:.1f} "
            f"MB, the limit is {limit / 1e6:.1f} MB: delete packages you "
            "no longer need in your history, or choose fewer events or "
            "quantities"))


def submit(user, selection, *, template_of=None, resubmitted_from=None,
           now=None):
    """Check and queue ``selection`` for ``user``.

    Parameters
    ----------
    user : User
    selection : exporters.shop.Selection
    template_of, resubmitted_from : ShopRequest, optional
        Where the choice came from (edit as template, resubmit).
    now : datetime, optional
        The moment of the access decision.

    Returns
    -------
    ShopRequest
        QUEUED; the task is sent when the transaction commits.

    Raises
    ------
    portal.shop.data.Refusal
        Nothing is written or queued then.
    """
    found = data.check(user, selection, now)
    n_events, size = data.estimate(selection)
    with transaction.atomic():
        # one user's submissions one at a time: the quota check and the
        # insert must not interleave with a second submission
        get_user_model().objects.select_for_update().filter(
            pk=user.pk).first()
        check_quota(user, size)
        request = ShopRequest.objects.create(
            user=user, dataset=found.name, selection=selection.to_json(),
            state=ShopRequest.QUEUED, n_events=n_events,
            estimated_size=size, template_of=template_of,
            resubmitted_from=resubmitted_from)
        transaction.on_commit(lambda: dispatch.send(request.pk))
    return request


def resubmit(request, now=None):
    """Queue the same choice again; the new request records its origin."""
    return submit(request.user, selection_of(request),
                  resubmitted_from=request, now=now)


def delete(request):
    """Remove a request and its package (a running one is aborted first).

    A worker still exporting it then finds no row to finish and throws
    its package away (the guarded update in :mod:`portal.shop.tasks`).
    """
    ShopRequest.objects.filter(pk=request.pk, state__in=ACTIVE_STATES) \
        .update(state=ShopRequest.ABORTED, claim="")
    store.delete(request.package_key)
    ShopRequest.objects.filter(pk=request.pk).delete()


def expiry_for(finished):
    """When a package finished at ``finished`` stops being offered."""
    return finished + timedelta(days=settings.SHOP_EXPIRY_DAYS)


def purge(now=None):
    """Delete the files of packages expired longer than the grace period.

    Parameters
    ----------
    now : datetime, optional
        The clock (tests pass a controlled one).

    Returns
    -------
    list of ShopRequest
        The requests whose files were removed (marked ``purged``; the
        row stays in the history).
    """
    now = now or clock()
    limit = now - timedelta(days=settings.SHOP_PURGE_GRACE_DAYS)
    due = list(ShopRequest.objects.filter(
        purged__isnull=True, expires__lte=limit).filter(
        ~Q(package_key="")))
    for request in due:
        store.delete(request.package_key)
        ShopRequest.objects.filter(pk=request.pk).update(purged=now)
        request.purged = now
    return due
