"""Pages: the root page, CSRF on every form, error pages without
tracebacks, and the portal under gunicorn (a real WSGI server)."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal.accounts.models import ApiToken
from portal.groups.models import GroupManager

from tests.portal.conftest import PASSWORD, free_port, login

pytestmark = [pytest.mark.live, pytest.mark.django_db]

PROJECT_DIR = Path(__file__).resolve().parents[2]

# (path, needs a logged-in manager) of every form the portal has
FORMS = [
    ("/accounts/login/", False), ("/accounts/register/", False),
    ("/accounts/password/reset/", False), ("/accounts/verify/again/", False),
    ("/accounts/logout/", True),
    ("/accounts/password/", True), ("/accounts/licence/", True),
    ("/accounts/tokens/", True), ("/accounts/tokens/{token}/revoke/", True),
    ("/accounts/delete/", True), ("/groups/kascade/members/", True),
    ("/groups/kascade/members/{user}/remove/", True),
    ("/admin/login/", False),
]


@pytest.fixture
def manager(make_user, tree, licence):
    user = make_user("boss", "kascade", is_staff=True)
    GroupManager.objects.create(user=user, group=tree["kascade"])
    return user


@pytest.mark.parametrize("path, logged_in", FORMS,
                         ids=[p for p, _ in FORMS])
def test_csrf_enforced_on_every_form(path, logged_in, manager):
    token, _ = ApiToken.issue(manager, "x")
    client = Client(enforce_csrf_checks=True)
    if logged_in:
        client.force_login(manager)
    path = path.format(token=token.pk, user=manager.pk)
    response = client.post(path, {"username": "boss", "password": PASSWORD,
                                  "name": "x", "email": "boss@example.org",
                                  "accept_licence": "on"})
    assert response.status_code == 403, path
    assert b"Form expired" in response.content
    assert b"Traceback" not in response.content
    assert ApiToken.objects.usable().filter(pk=token.pk).exists()


def test_forms_carry_csrf_token(client, manager):
    for path in ("/accounts/login/", "/accounts/register/",
                 "/accounts/password/reset/"):
        assert b"csrfmiddlewaretoken" in client.get(path).content, path
    client.force_login(manager)
    for path in ("/accounts/", "/accounts/password/", "/accounts/licence/",
                 "/accounts/delete/", "/groups/kascade/"):
        assert b"csrfmiddlewaretoken" in client.get(path).content, path


def test_root_page(client, make_user, tree, make_resource):
    make_resource("kascade_embargo", tree["kascade"],
                  embargo_until=timezone.now() + timedelta(days=9))
    make_resource("old_release", tree["icecube"],
                  embargo_until=timezone.now() - timedelta(days=9))
    page = client.get("/").content.decode()
    for link in ('href="/tap"', 'href="/oai.xml"', 'href="/services"',
                 'href="/shop/"', 'href="/accounts/login/"',
                 'src="/portal-static/skymap.png"'):
        assert link in page, link
    assert "Not logged in" in page and "kascade_embargo" not in page
    assert "old_release" in page                   # its embargo is over
    make_user("deep", "kascade-grande-analysis")
    login(client, "deep")
    page = client.get("/").content.decode()
    assert "Logged in as <strong>deep</strong>" in page
    assert "kascade_embargo" in page


def test_error_pages_have_no_traceback(client, settings):
    assert not settings.DEBUG
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and b"There is no such page" in \
        response.content
    bad = client.get("/", HTTP_HOST="evil.example.org")
    assert bad.status_code == 400 and b"Traceback" not in bad.content


def test_server_error_page_has_no_traceback(monkeypatch):
    def broken(user):
        raise RuntimeError("secret detail")
    monkeypatch.setattr("portal.views.services.visible_resources", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert b"Server error" in response.content
    assert b"secret detail" not in response.content


def _wait_for(url, seconds=20):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError as error:
            return error
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _pyvo_basic(base):
    """pyvo's AuthSession with BasicAA, as a VO client logs in."""
    import pyvo.auth
    session = pyvo.auth.AuthSession()
    session.credentials.set_password("deep", PASSWORD)
    session.add_security_method_for_url(base + "/gms/search",
                                        pyvo.auth.BASIC)
    response = session.get(base + "/gms/search")
    assert response.status_code == 200
    assert response.text.splitlines() == ["kascade", "kascade-grande"]


@pytest.mark.django_db(transaction=True)
def test_under_gunicorn(make_user, tree, make_resource):
    """The WSGI entry as production runs it, against committed rows."""
    port = free_port()
    make_resource("kascade_embargo", tree["kascade"])
    make_user("deep", "kascade-grande")
    env = {**os.environ, "APDC_PORTAL_DB_NAME":
           connection.settings_dict["NAME"]}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-b",
         f"127.0.0.1:{port}", "-w", "2", "portal.wsgi"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(base + "/").status == 200
        request = urllib.request.Request(
            base + "/auth/check",
            headers={"X-Original-URI": "/kascade_embargo/q/form"})
        assert _wait_for(request).code == 401
        request.add_header("Authorization", "Basic ZGVlcDpLYXNjYWRlLUdy"
                           "YW5kZSAxOTk2IQ==")    # deep:PASSWORD
        assert _wait_for(request).status == 200
        assert _wait_for(base + "/nope").code == 404
        _pyvo_basic(base)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_admin_pages_open(client, make_user, tree):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    for model in ("groups/group", "access/restrictedresource",
                  "accounts/licenceversion", "accounts/apitoken",
                  "accounts/deletedaccountscount", "auth/user"):
        assert client.get(f"/admin/{model}/").status_code == 200, model
    assert client.get("/admin/groups/group/add/").status_code == 200


def test_login_form_through_the_proxy(make_user):
    """As a browser posts through nginx: Host and Origin of port 8080."""
    make_user("quinn")
    client = Client(enforce_csrf_checks=True)
    proxy = {"HTTP_HOST": "127.0.0.1:8080", "REMOTE_ADDR": "127.0.0.1",
             "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    page = client.get("/accounts/login/", **proxy)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                      page.content.decode()).group(1)
    response = client.post("/accounts/login/", {
        "username": "quinn", "password": PASSWORD,
        "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://127.0.0.1:8080", **proxy)
    assert response.status_code == 302
    foreign = Client(enforce_csrf_checks=True)
    foreign.get("/accounts/login/", **proxy)
    response = foreign.post("/accounts/login/", {
        "username": "quinn", "password": PASSWORD,
        "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://evil.example.org", **proxy)
    assert response.status_code == 403
