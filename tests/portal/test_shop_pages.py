"""The shop's web pages: form, submission, history and its actions,
preselected packages (no login)."""

import hashlib
import re

import pytest
from django.test import Client

from portal.shop import services, store
from portal.shop.models import ShopRequest

from tests.portal.conftest import login
from tests.portal.shop_support import WHERE, data_count, selection, \
    shop_dirs

__all__ = ["shop_dirs"]   # fixtures used here

pytestmark = [pytest.mark.live, pytest.mark.django_db]


@pytest.fixture
def kim_client(client, make_user):
    make_user("kim")
    assert login(client, "kim")
    return client


def _fields(**changes):
    fields = {"dataset": "kascade_sim", "component": "events",
              "fmt": "hdf5", "quantity": ["E", "ZE", "AZ"], "min_E": "15.5"}
    fields.update(changes)
    return fields


def test_pages_need_login(shop_dirs):
    for path in ("/shop/", "/shop/history/"):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_index_links_the_shop(shop_dirs):
    assert b'id="shop-link" href="/shop/"' in Client().get("/").content or \
        b'href="/shop/" id="shop-link"' in Client().get("/").content


def test_form_shows_quantities_from_catalogue(shop_dirs, kim_client):
    page = kim_client.get("/shop/?dataset=kascade_sim&component=events")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'value="ZE"' in text and "Zenith angle" in text
    assert "0.0 … 90.0" in text                       # the range
    assert 'data-array="1"' in text                   # arrays marked
    assert "500 times larger" in text                 # ASCII's reason
    assert "/shop/api/estimate" in text               # live estimate
    assert "kascade_embargo" not in text              # no grant


def test_submit_from_form(shop_dirs, kim_client,
                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = kim_client.post("/shop/", _fields())
    assert response.status_code == 302
    assert response["Location"] == "/shop/history/"
    request = ShopRequest.objects.get()
    assert request.n_events == data_count(WHERE)
    assert request.selection["cuts"] == {"E": [15.5, None]}
    history = kim_client.get("/shop/history/").content.decode()
    assert f'id="req-{request.pk}"' in history
    assert "QUEUED" in history and "edit as template" in history


@pytest.mark.parametrize("changes, status, field", [
    ({"fmt": "ascii", "quantity": ["E", "energy_deposit"]}, 422, "fmt"),
    ({"min_E": "lots"}, 400, "min_E"),
    ({"quantity": []}, 400, "quantities"),
    ({"min_ZE": "50", "max_ZE": "10", "quantity": ["ZE"]}, 422, "cuts.ZE"),
])
def test_form_refusals(shop_dirs, kim_client, changes, status, field):
    response = kim_client.post("/shop/", _fields(**changes))
    assert response.status_code == status
    assert f'data-field="{field}"' in response.content.decode()
    assert not ShopRequest.objects.exists()


def test_template_resubmit_delete(shop_dirs, kim_client,
                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kim_client.post("/shop/", _fields(max_E="16.5"))
    first = ShopRequest.objects.get()
    page = kim_client.get(f"/shop/?template={first.pk}").content.decode()
    assert f'name="template_of" value="{first.pk}"' in page
    assert re.search(r'name="max_E" value="16.5"', page)
    assert re.search(r'value="ZE" id="q-ZE"[^>]*checked', page)
    with django_capture_on_commit_callbacks(execute=True):
        kim_client.post("/shop/", _fields(template_of=str(first.pk),
                                          fmt="root"))
        kim_client.post(f"/shop/requests/{first.pk}/resubmit")
    edited = ShopRequest.objects.get(template_of=first)
    again = ShopRequest.objects.get(resubmitted_from=first)
    assert edited.fmt == "root" and again.selection == first.selection
    detail = kim_client.get(f"/shop/requests/{again.pk}/").content.decode()
    assert f"/shop/requests/{first.pk}/" in detail
    assert kim_client.post(f"/shop/requests/{first.pk}/delete"
                           ).status_code == 302
    assert not ShopRequest.objects.filter(pk=first.pk).exists()


def test_download_own_package_only(shop_dirs, kim_client, make_user):
    source = shop_dirs / "p.zip"
    source.write_bytes(b"PK package")
    request = ShopRequest.objects.create(
        user=make_user("eve"), dataset="kascade_sim", selection=selection(),
        state=ShopRequest.COMPLETED, size=10, package_key=store.put(
            source, "x-1/p.zip"), finished=services.clock(),
        expires=services.expiry_for(services.clock()))
    assert kim_client.get(f"/shop/requests/{request.pk}/download"
                          ).status_code == 404
    request.user = ShopRequest.objects.model._meta.get_field(
        "user").related_model.objects.get(username="kim")
    request.save()
    response = kim_client.get(f"/shop/requests/{request.pk}/download")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK package"


def test_preselected_without_login(shop_dirs, settings):
    folder = settings.SHOP_PRESELECTED
    folder.mkdir()
    (folder / "kascade_sim_sample_hdf5.zip").write_bytes(b"sample")
    (folder / "CITATION").write_text("Cite KASCADE, please.\n")
    page = Client().get("/shop/preselected/").content.decode()
    assert "kascade_sim_sample_hdf5.zip" in page
    assert hashlib.sha256(b"sample").hexdigest() in page
    assert "Cite KASCADE, please." in page
    response = Client().get("/shop/preselected/kascade_sim_sample_hdf5.zip")
    assert response.status_code == 200
    assert Client().get("/shop/preselected/..%2Fsecret.zip"
                        ).status_code == 404
