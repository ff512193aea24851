"""/auth/check, the decision nginx asks before every DaCHS request,
and /gms/search: each role on each kind of credentials."""

import base64
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from axes.models import AccessAttempt
from portal.accounts.models import ApiToken
from portal.groups.models import Membership

from tests.portal.conftest import PASSWORD, login

pytestmark = [pytest.mark.live, pytest.mark.django_db]

REALM = 'Basic realm="Astroparticle data centre"'
RESTRICTED = [
    "/kascade_embargo/q/cone/scs.xml?RA=1&DEC=2&SR=1",
    "/kascade_embargo/q/dl/dlmeta?ID=ivo%3A%2F%2Fx",
    "/getproduct/kascade_embargo/data/run1.h5",
    "/getproduct?key=kascade_embargo/data/run1.h5",
    "/tap/../kascade_embargo/q/form",
    "//kascade_embargo/q/form",
    "/kascade%5Fembargo/q/form",
    "/kascade%255Fembargo/q/form",
    "/KASCADE_EMBARGO/q/form",
    "/kascade_embargo",
    "/kascade_embargo/cone/capabilities/../scs.xml",
    "/kascade_embargo/dl/dlget/capabilities",
]
PUBLIC = ["/tap/sync?QUERY=SELECT+1", "/kascade_sim/q/cone/scs.xml",
          "/kascade_embargo_notes/x", "/getproduct/kascade/x", "/",
          # VOSI metadata: clients read the securityMethod from here
          "/kascade_embargo/cone/capabilities",
          "/kascade_embargo/cone/availability"]


@pytest.fixture
def embargo(tree, make_resource):
    return make_resource("kascade_embargo", tree["kascade"],
                         embargo_until=timezone.now() + timedelta(days=30))


def check(uri, client=None, **headers):
    return (client or Client()).get("/auth/check", HTTP_X_ORIGINAL_URI=uri,
                                    **headers)


def basic(username, password=PASSWORD):
    value = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {value}"}


@pytest.mark.parametrize("uri", RESTRICTED)
def test_roles_on_every_restricted_form(uri, embargo, make_user):
    make_user("deep", "kascade-grande-analysis")
    make_user("other", "icecube")
    anonymous = check(uri)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == REALM
    assert check(uri, **basic("other")).status_code == 403
    allowed = check(uri, **basic("deep"))
    assert allowed.status_code == 200
    assert allowed["X-Auth-User"] == "deep"
    assert allowed["X-Auth-Resource"] == "kascade_embargo"
    assert "no-store" in allowed["Cache-Control"]


@pytest.mark.parametrize("uri", PUBLIC)
def test_public_paths_pass_for_anyone(uri, embargo):
    response = check(uri)
    assert response.status_code == 200 and "X-Auth-Resource" not in response


def test_public_path_ignores_credentials(embargo, make_user):
    """No password hashing and no failed-login count for public traffic."""
    make_user("deep", "kascade")
    response = check(PUBLIC[0], **basic("deep", "wrong"))
    assert response.status_code == 200 and "X-Auth-User" not in response
    assert not AccessAttempt.objects.exists()


def test_removal_takes_effect_on_the_next_request(embargo, make_user):
    deep = make_user("deep", "kascade-grande-analysis")
    uri = RESTRICTED[0]
    assert check(uri, **basic("deep")).status_code == 200   # now cached
    Membership.objects.filter(user=deep).delete()
    assert check(uri, **basic("deep")).status_code == 403
    Membership.objects.create(user=deep, group=embargo.grants.get().group)
    assert check(uri, **basic("deep")).status_code == 200


def test_basic_cache_does_not_outlive_password_change(embargo, make_user):
    deep = make_user("deep", "kascade")
    assert check(RESTRICTED[0], **basic("deep")).status_code == 200
    deep.set_password("a new and long pass phrase")
    deep.save()
    assert check(RESTRICTED[0], **basic("deep")).status_code == 401
    deep.is_active = False
    deep.set_password(PASSWORD)
    deep.save()
    assert check(RESTRICTED[0], **basic("deep")).status_code == 401


def test_wrong_password_is_401_and_counts(embargo, make_user, settings):
    make_user("deep", "kascade")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = check(RESTRICTED[0], **basic("deep", "wrong"))
        assert response.status_code == 401
    # locked out now: still a 401 with its challenge, never a 429 that
    # nginx would turn into a 500
    locked = check(RESTRICTED[0], **basic("deep"))
    assert locked.status_code == 401 and locked["WWW-Authenticate"] == REALM


def test_session_cookie_and_bearer(embargo, make_user, client):
    user = make_user("deep", "kascade-grande-analysis")
    login(client, "deep")
    assert check(RESTRICTED[0], client).status_code == 200
    _, secret = ApiToken.issue(user, "script")
    assert check(RESTRICTED[0],
                 HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    assert check(RESTRICTED[0],
                 HTTP_AUTHORIZATION="Bearer apdc_wrong").status_code == 401


def test_embargo_end_makes_public_without_action(embargo, make_user,
                                                 settings):
    make_user("other", "icecube")
    assert check(RESTRICTED[0]).status_code == 401
    settings.PORTAL_NOW = embargo.embargo_until + timedelta(seconds=1)
    assert check(RESTRICTED[0]).status_code == 200
    assert check(RESTRICTED[0], **basic("other")).status_code == 200
    settings.PORTAL_NOW = (embargo.embargo_until
                           - timedelta(seconds=1)).isoformat()
    assert check(RESTRICTED[0]).status_code == 401


def test_no_embargo_date_means_restricted(tree, make_resource):
    make_resource("forever", tree["kascade"])
    assert check("/forever/x").status_code == 401


def test_any_method_and_no_uri(embargo):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/auth/check", HTTP_X_ORIGINAL_URI=RESTRICTED[0])
    assert response.status_code == 401
    assert Client().get("/auth/check").status_code == 400


def test_gms_search(embargo, make_user):
    make_user("deep", "kascade-grande-analysis")
    make_user("loner")
    response = Client().get("/gms/search", **basic("deep"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().splitlines() == [
        "kascade", "kascade-grande", "kascade-grande-analysis"]
    assert Client().get("/gms/search", **basic("loner")).content == b""
    anonymous = Client().get("/gms/search")
    assert anonymous.status_code == 401 and \
        anonymous["WWW-Authenticate"] == REALM


def test_api_resources_lists_what_caller_may_see(embargo, make_user):
    make_user("deep", "kascade-grande-analysis")
    names = [r["name"] for r in Client().get(
        "/api/resources", **basic("deep")).json()["resources"]]
    assert names == ["kascade_embargo"]
    assert Client().get("/api/resources").json() == {"resources": []}
