"""The shop's JSON API: catalogue, estimate, submission, bad requests.

Every bad request gets a JSON body naming the field and nothing is
queued (no row in PostgreSQL, nothing sent).
"""

import json

import pytest
from django.test import Client

from portal.shop.models import ShopRequest

from tests.portal.shop_support import (WHERE, data_count, selection,
                                       embargo, shop_dirs, token_for)

__all__ = ["embargo", "shop_dirs", "token_for"]   # fixtures used here

pytestmark = [pytest.mark.live, pytest.mark.django_db]


def _post(auth, body):
    return Client().post("/shop/api/requests", json.dumps(body),
                         content_type="application/json",
                         HTTP_AUTHORIZATION=auth)


@pytest.fixture
def kim(make_user, token_for, tree):
    return token_for(make_user("kim"))


def test_catalogue_needs_credentials(shop_dirs):
    response = Client().get("/shop/api/catalogue")
    assert response.status_code == 401
    assert response.json()["field"] == "Authorization"


def test_catalogue_lists_quantities(shop_dirs, kim):
    response = Client().get("/shop/api/catalogue", HTTP_AUTHORIZATION=kim)
    assert response.status_code == 200
    datasets = {d["name"]: d for d in response.json()["datasets"]}
    assert "kascade_sim" in datasets
    assert "kascade_embargo" not in datasets   # kim has no grant
    quantities = {q["name"]: q for q in
                  datasets["kascade_sim"]["components"][0]["quantities"]}
    assert quantities["ZE"]["unit"] == "deg"
    assert quantities["ZE"]["range"] == [0.0, 90.0]
    assert quantities["energy_deposit"]["is_array"] is True
    assert quantities["E"]["description"]


def test_estimate_equals_database_count(shop_dirs, kim):
    response = Client().get("/shop/api/estimate", {
        "dataset": "kascade_sim", "component": "events", "fmt": "hdf5",
        "quantity": ["E", "ZE"], "min_E": "15.5"}, HTTP_AUTHORIZATION=kim)
    assert response.status_code == 200, response.content
    assert response.json()["n_events"] == data_count(WHERE)
    assert response.json()["bytes"] > 0


def test_estimate_refuses_ascii_with_array(shop_dirs, kim):
    response = Client().get("/shop/api/estimate", {
        "dataset": "kascade_sim", "component": "events", "fmt": "ascii",
        "quantity": ["E", "energy_deposit"]}, HTTP_AUTHORIZATION=kim)
    assert response.status_code == 422
    assert response.json()["field"] == "fmt"
    assert "500 times" in response.json()["error"]


def test_submit_and_read_back(shop_dirs, kim, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(kim, selection())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "QUEUED"
    assert body["n_events"] == data_count(WHERE)
    row = ShopRequest.objects.get(pk=body["id"])
    assert row.dispatched            # sent to the (real) broker
    assert response["Location"] == f"/shop/api/requests/{row.pk}"
    again = Client().get(response["Location"], HTTP_AUTHORIZATION=kim)
    assert again.json()["id"] == body["id"]
    assert again.json()["selection"]["quantities"] == selection()[
        "quantities"]
    package = Client().get(f"{response['Location']}/package",
                           HTTP_AUTHORIZATION=kim)
    assert package.status_code == 404     # not yet built


@pytest.mark.parametrize("changes, status, field", [
    ({"quantities": ["E", "NOPE"]}, 422, "quantities[1]"),
    ({"cuts": {"ZE": [0, 95]}}, 422, "cuts.ZE"),
    ({"cuts": {"ZE": [40, 10]}}, 422, "cuts.ZE"),
    ({"dataset": "nonesuch"}, 404, "dataset"),
    ({"component": "nonesuch"}, 404, "component"),
    ({"fmt": "ascii", "quantities": ["E", "energy_deposit"]}, 422, "fmt"),
    ({"fmt": "fits"}, 422, "fmt"),
    ({"quantities": []}, 400, "quantities"),
    ({"cuts": {"ZE": ["a", 2]}}, 400, "cuts.ZE[0]"),
    ({"region": [1, 2]}, 400, "region"),
    ({"time_range": ["yesterday", "today"]}, 400, "time_range[0]"),
    ({"colour": "red"}, 400, "colour"),
], ids=["unknown quantity", "cut outside range", "inverted cut",
        "unknown data set", "unknown component", "ascii with array",
        "unknown format", "no quantities", "cut not a number",
        "bad region", "bad time", "unknown field"])
def test_bad_requests_name_the_field(shop_dirs, kim, changes, status, field):
    response = _post(kim, selection(**changes))
    assert response.status_code == status, response.content
    assert response.json()["field"] == field
    assert response.json()["error"]
    assert not ShopRequest.objects.exists()


def test_body_not_json(shop_dirs, kim):
    response = Client().post("/shop/api/requests", b"{nope",
                             content_type="application/json",
                             HTTP_AUTHORIZATION=kim)
    assert response.status_code == 400
    assert response.json()["field"] == "body"


def test_restricted_refused_without_grant(shop_dirs, embargo, make_user,
                                          token_for):
    auth = token_for(make_user("mallory", "kascade"))   # above the grant
    response = _post(auth, selection(dataset="kascade_embargo"))
    assert response.status_code == 403
    assert response.json()["field"] == "dataset"
    assert not ShopRequest.objects.exists()


def test_restricted_accepted_for_deepest_group(
        shop_dirs, embargo, make_user, token_for,
        django_capture_on_commit_callbacks):
    auth = token_for(make_user("ana", "kascade-grande-analysis"))
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(auth, selection(dataset="kascade_embargo"))
    assert response.status_code == 201, response.content
    catalogue = Client().get("/shop/api/catalogue",
                             HTTP_AUTHORIZATION=auth).json()
    assert "kascade_embargo" in {d["name"] for d in catalogue["datasets"]}


def test_other_users_request_is_not_found(shop_dirs, kim, make_user,
                                          token_for,
                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = _post(kim, selection()).json()
    other = token_for(make_user("eve"))
    response = Client().get(f"/shop/api/requests/{made['id']}",
                            HTTP_AUTHORIZATION=other)
    assert response.status_code == 404


def test_session_post_needs_token(shop_dirs, client, make_user):
    make_user("sam")
    from tests.portal.conftest import login
    assert login(client, "sam")
    response = client.post("/shop/api/requests", json.dumps(selection()),
                           content_type="application/json")
    assert response.status_code == 401
    assert not ShopRequest.objects.exists()
