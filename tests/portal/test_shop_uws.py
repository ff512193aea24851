"""The UWS 1.1 job list of the shop: filters, job documents, pyvo's parser."""

import io
from datetime import datetime, timedelta, timezone

import pytest
from django.test import Client

from portal.shop import services
from portal.shop.models import ShopRequest

from tests.portal.shop_support import selection, shop_dirs, token_for

__all__ = ["shop_dirs", "token_for"]   # fixtures used here

pytestmark = [pytest.mark.live, pytest.mark.django_db]

T0 = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def jobs(make_user):
    """Four requests of kim (one of them purged), one of eve."""
    kim = make_user("kim")
    made = []
    for hours, state in enumerate((ShopRequest.QUEUED,
                                   ShopRequest.EXECUTING,
                                   ShopRequest.COMPLETED,
                                   ShopRequest.ERROR)):
        request = ShopRequest.objects.create(
            user=kim, dataset="kascade_sim", selection=selection(),
            state=state, message="bad luck" if state == "ERROR" else "")
        ShopRequest.objects.filter(pk=request.pk).update(
            created=T0 + timedelta(hours=hours))
        made.append(request)
    done = made[2]
    ShopRequest.objects.filter(pk=done.pk).update(
        finished=T0, expires=services.expiry_for(T0), purged=T0)
    ShopRequest.objects.create(user=make_user("eve"), dataset="kascade_sim",
                               selection=selection())
    return kim, made


def _get(auth, path, **query):
    return Client().get(path, query, HTTP_AUTHORIZATION=auth)


def _listed(response):
    import pyvo.io.uws
    return [(ref.jobid, ref.phase) for ref in
            pyvo.io.uws.parse_job_list(io.BytesIO(response.content))]


def test_job_list_filters(shop_dirs, jobs, token_for):
    kim, made = jobs
    auth = token_for(kim)
    response = _get(auth, "/shop/uws")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    listed = _listed(response)
    # newest first; the ARCHIVED one (purged) only on request; no job of eve
    assert listed == [(str(made[3].pk), "ERROR"),
                      (str(made[1].pk), "EXECUTING"),
                      (str(made[0].pk), "QUEUED")]
    assert _listed(_get(auth, "/shop/uws", PHASE="ARCHIVED")) == [
        (str(made[2].pk), "ARCHIVED")]
    both = Client().get("/shop/uws?PHASE=QUEUED&PHASE=ERROR",
                        HTTP_AUTHORIZATION=auth)
    assert {p for _, p in _listed(both)} == {"QUEUED", "ERROR"}
    assert [j for j, _ in _listed(_get(auth, "/shop/uws", LAST="1"))] == [
        str(made[3].pk)]
    after = _get(auth, "/shop/uws",
                 AFTER=(T0 + timedelta(minutes=30)).isoformat())
    assert {j for j, _ in _listed(after)} == {str(made[1].pk),
                                             str(made[3].pk)}


@pytest.mark.parametrize("query, field", [
    ({"PHASE": "SLEEPING"}, "PHASE"), ({"LAST": "x"}, "LAST"),
    ({"LAST": "0"}, "LAST"), ({"AFTER": "tomorrow"}, "AFTER")])
def test_bad_filters(shop_dirs, jobs, token_for, query, field):
    response = _get(token_for(jobs[0]), "/shop/uws", **query)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_job_document(shop_dirs, jobs, token_for):
    import pyvo.io.uws
    kim, made = jobs
    auth = token_for(kim)
    response = _get(auth, f"/shop/uws/{made[3].pk}")
    assert response.status_code == 200
    job = pyvo.io.uws.parse_job(io.BytesIO(response.content))
    assert job.jobid == str(made[3].pk)
    assert job.phase == "ERROR"
    assert job.ownerid == "kim"
    assert job.errorsummary.message.content == "bad luck"
    params = {p.id_: p.content for p in job.parameters}
    assert params["dataset"] == "kascade_sim"
    assert _get(auth, f"/shop/uws/{made[3].pk}/phase").content == b"ERROR"


def test_job_of_another_user_is_not_found(shop_dirs, jobs, token_for,
                                          make_user):
    auth = token_for(make_user("mallory"))
    assert _get(auth, f"/shop/uws/{jobs[1][0].pk}").status_code == 404
    assert _listed(_get(auth, "/shop/uws")) == []


def test_delete_job(shop_dirs, jobs, token_for):
    kim, made = jobs
    response = Client().post(f"/shop/uws/{made[3].pk}", {"ACTION": "DELETE"},
                             HTTP_AUTHORIZATION=token_for(kim))
    assert response.status_code == 303
    assert not ShopRequest.objects.filter(pk=made[3].pk).exists()


def test_uws_needs_credentials(shop_dirs):
    response = Client().get("/shop/uws")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")
