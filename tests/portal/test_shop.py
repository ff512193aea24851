"""The shop's services: quotas, dispatch with the broker away, expiry, purge.

The clock is controlled where it matters: ``purge(now=...)`` and the
``now`` of the access decision.
"""

from datetime import datetime, timedelta, timezone

import pytest

from exporters import shop
from portal.shop import data, dispatch, services, status, store
from portal.shop.models import ShopRequest

from tests.portal.shop_support import embargo, selection, shop_dirs

__all__ = ["embargo", "shop_dirs"]   # fixtures used here

pytestmark = [pytest.mark.live, pytest.mark.django_db]

T0 = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)


def _selection(**changes):
    return shop.Selection.from_json(selection(**changes))


def _completed(user, key, finished=T0, size=1000):
    return ShopRequest.objects.create(
        user=user, dataset="kascade_sim", selection=selection(),
        state=ShopRequest.COMPLETED, size=size, package_key=key,
        finished=finished, expires=services.expiry_for(finished))


def test_concurrent_limit(shop_dirs, settings, make_user,
                          django_capture_on_commit_callbacks):
    settings.SHOP_MAX_CONCURRENT = 2
    user = make_user("kim")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(user, _selection())
        services.submit(user, _selection(fmt="root"))
    with pytest.raises(data.Refusal) as refused:
        services.submit(user, _selection(fmt="parquet"))
    assert refused.value.status == 422 and refused.value.field == "quota"
    assert "wait until one has finished" in refused.value.message
    assert ShopRequest.objects.count() == 2


def test_storage_limit(shop_dirs, settings, make_user):
    user = make_user("kim")
    _completed(user, "x/y.tar", size=10**6)
    settings.SHOP_MAX_STORAGE_BYTES = 10**6 + 10
    with pytest.raises(data.Refusal) as refused:
        services.submit(user, _selection())
    assert refused.value.field == "quota"
    assert "delete packages you no longer need" in refused.value.message
    assert ShopRequest.objects.count() == 1


def test_broker_away_keeps_request_queued(shop_dirs, settings, make_user,
                                          django_capture_on_commit_callbacks):
    user = make_user("kim")
    good = settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = "amqp://guest:guest@127.0.0.1:1//"
    with django_capture_on_commit_callbacks(execute=True):
        request = services.submit(user, _selection())
    request.refresh_from_db()
    assert request.state == ShopRequest.QUEUED
    assert not request.dispatched
    assert dispatch.dispatch_pending() == 0
    assert status.queue_depth() is None
    settings.CELERY_BROKER_URL = good
    assert dispatch.dispatch_pending() == 1
    request.refresh_from_db()
    assert request.dispatched
    depth, _ = status.queue_depth()
    assert depth == 1    # the message waits in the test's own queue


def test_expiry_and_purge_with_controlled_clock(shop_dirs, settings,
                                                make_user):
    settings.SHOP_EXPIRY_DAYS, settings.SHOP_PURGE_GRACE_DAYS = 14, 7
    user = make_user("kim")
    source = shop_dirs / "package.tar"
    source.write_bytes(b"data")
    key = store.put(source, "r1-abc/package.tar")
    request = _completed(user, key)
    assert request.expires == T0 + timedelta(days=14)
    assert request.downloadable(T0 + timedelta(days=13))
    assert not request.downloadable(T0 + timedelta(days=14))
    assert services.purge(now=T0 + timedelta(days=20)) == []
    assert store.path(key).exists()
    purged = services.purge(now=T0 + timedelta(days=21))
    assert [r.pk for r in purged] == [request.pk]
    assert not store.path(key).exists()
    request.refresh_from_db()
    assert request.purged == T0 + timedelta(days=21)
    assert services.purge(now=T0 + timedelta(days=30)) == []


def test_delete_removes_files(shop_dirs, make_user):
    user = make_user("kim")
    source = shop_dirs / "package.tar"
    source.write_bytes(b"data")
    request = _completed(user, store.put(source, "r2-abc/package.tar"))
    services.delete(request)
    assert not ShopRequest.objects.exists()
    assert store.used_names() == []


def test_resubmit_records_origin(shop_dirs, make_user,
                                 django_capture_on_commit_callbacks):
    user = make_user("kim")
    first = _completed(user, "")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.resubmit(first)
    assert again.resubmitted_from == first
    assert again.selection == first.selection


def test_embargo_passed_opens_data_set(shop_dirs, embargo, make_user):
    user = make_user("kim")
    sel = _selection(dataset="kascade_embargo")
    with pytest.raises(data.Refusal) as refused:
        data.check(user, sel, now=T0)
    assert refused.value.status == 403
    embargo.embargo_until = T0
    embargo.save()
    assert data.check(user, sel, now=T0).name == "kascade_embargo"


def test_restricted_without_portal_resource_is_refused(shop_dirs,
                                                       make_user):
    # the RD says restricted, the portal does not know it yet: closed
    with pytest.raises(data.Refusal) as refused:
        data.check(make_user("kim"), _selection(dataset="kascade_embargo"))
    assert refused.value.status == 403


def test_status_report(shop_dirs, make_user):
    lines = status.report()
    assert lines[1].startswith("queue ")
    assert any(line.startswith("running: ") for line in lines)
    assert any(line.startswith("failed: ") for line in lines)


def test_commands(shop_dirs, settings, make_user):
    from io import StringIO
    from django.core.management import call_command
    user = make_user("kim")
    source = shop_dirs / "package.tar"
    source.write_bytes(b"data")
    _completed(user, store.put(source, "r3-abc/package.tar"))
    ShopRequest.objects.create(user=user, dataset="kascade_sim",
                               selection=selection())   # not yet sent
    out = StringIO()
    call_command("shop_dispatcher", once=True, purge_every=1, stdout=out)
    assert "sent 1" in out.getvalue()
    assert store.keys() == ["r3-abc/package.tar"]   # not yet due
    call_command("shop_purge", now=T0 + timedelta(days=40), stdout=out)
    assert "1 packages purged" in out.getvalue()
    assert store.keys() == []
