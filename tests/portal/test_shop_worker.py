"""The worker's task, run in this process (Celery's ``apply``): a real
export from the data centre's database into the store, idempotence,
refusals, transient errors, the mail to the user."""

import hashlib

import pytest

from exporters import shop
from portal.shop import runner, services, store, tasks
from portal.shop.models import ShopRequest

from tests.portal.shop_support import (WHERE, data_count, embargo,
                                       selection, shop_dirs)

__all__ = ["embargo", "shop_dirs"]   # fixtures used here

pytestmark = [pytest.mark.live, pytest.mark.django_db]


def _queued(user, **changes):
    return services.submit(user, shop.Selection.from_json(
        selection(**changes)))


def _run(request, **kwargs):
    return tasks.run_request.apply(args=[str(request.pk)],
                                   kwargs=kwargs).get()


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_completes_once(shop_dirs, make_user, mailbox):
    request = _queued(make_user("kim"))
    assert _run(request) == "completed"
    request.refresh_from_db()
    assert request.state == ShopRequest.COMPLETED
    assert request.n_events == data_count(WHERE)
    assert request.progress == 1.0
    path = store.path(request.package_key)
    assert _sha256(path) == request.sha256 and path.stat().st_size == \
        request.size
    assert [a["outcome"] for a in request.attempts] == ["completed"]
    assert request.expires > request.finished
    # the same task delivered again: nothing changes, one package
    assert _run(request) == "skipped"
    assert store.keys() == [request.package_key]
    assert list((shop_dirs / "scratch").rglob("*.*")) == []
    bodies = mailbox.bodies()
    assert len(bodies) == 1 and "is complete" in bodies[0]
    assert str(request.pk) in bodies[0]


def test_takeover_records_both_attempts(shop_dirs, make_user):
    request = _queued(make_user("kim"))
    claimed = runner.claim(request.pk, "w1@hostA")
    assert claimed is not None
    # a second delivery while the first worker holds it: not taken
    assert runner.claim(request.pk, "w2@hostB") is None
    # redelivered after the first worker died: taken over
    assert _run(request, takeover=True) == "completed"
    request.refresh_from_db()
    assert [a["host"] for a in request.attempts][0] == "w1@hostA"
    assert [a["outcome"] for a in request.attempts] == ["lost",
                                                        "completed"]
    assert len(store.keys()) == 1


def test_loser_throws_its_package_away(shop_dirs, make_user):
    request = _queued(make_user("kim"))
    row, token = runner.claim(request.pk, "w1@hostA")
    ShopRequest.objects.filter(pk=request.pk).update(claim="someone else")
    with pytest.raises(runner.Lost):
        runner.execute(row, token, "w1@hostA")
    assert store.keys() == []


def test_refused_in_worker_goes_to_error(shop_dirs, make_user, mailbox):
    request = _queued(make_user("kim"))
    broken = dict(request.selection, quantities=["E", "NOPE"])
    ShopRequest.objects.filter(pk=request.pk).update(selection=broken)
    assert _run(request) == "refused"
    request.refresh_from_db()
    assert request.state == ShopRequest.ERROR
    assert "NOPE" in request.message
    assert [a["outcome"] for a in request.attempts] == ["refused"]
    assert "could not be completed" in mailbox.bodies()[0]


def test_access_checked_again_in_worker(shop_dirs, embargo, make_user):
    user = make_user("ana", "kascade-grande-analysis")
    request = _queued(user, dataset="kascade_embargo")
    user.group_memberships.all().delete()     # removed from the group meanwhile
    assert _run(request) == "refused"
    request.refresh_from_db()
    assert request.state == ShopRequest.ERROR
    assert "restricted" in request.message
    assert store.keys() == []


def test_transient_database_error_is_retried(shop_dirs, settings,
                                             make_user):
    request = _queued(make_user("kim"))
    settings.SHOP_DATA_DSN = "host=127.0.0.1 port=1 dbname=gavo"
    _run(request)    # eager: every retry runs at once
    request.refresh_from_db()
    outcomes = [a["outcome"] for a in request.attempts]
    assert len(outcomes) == tasks.DB_RETRIES + 1
    assert all(o.startswith("retry") for o in outcomes[:-1])
    assert request.state == ShopRequest.ERROR
    assert "database could not be reached" in request.message


def test_backoff_grows():
    assert [tasks.backoff(n) for n in range(7)] == [2, 4, 8, 16, 32, 60, 60]
