"""Personal API tokens: made, shown once, stored hashed, used, revoked."""

import hashlib
import re

import pytest
from django.test import Client

from portal.accounts.models import ApiToken

from tests.portal.conftest import login

pytestmark = [pytest.mark.live, pytest.mark.django_db]


def _make_token(client, name="laptop"):
    response = client.post("/accounts/tokens/", {"name": name})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return re.search(r'id="token-secret">([^<]+)<',
                     response.content.decode()).group(1)


def test_token_create_use_revoke(client, make_user, tree):
    make_user("kim", "kascade-grande")
    login(client, "kim")
    secret = _make_token(client)
    token = ApiToken.objects.get(user__username="kim")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(list(ApiToken.objects.values()))
    # the account page never shows the secret again
    assert secret.encode() not in client.get("/accounts/").content

    program = Client()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    response = program.get("/api/whoami", **bearer)
    assert response.status_code == 200
    assert response.json() == {"username": "kim", "method": "bearer",
                               "groups": ["kascade", "kascade-grande"]}
    assert program.get("/gms/search", **bearer).content == \
        b"kascade\nkascade-grande\n"
    ApiToken.objects.filter(pk=token.pk).update(last_used=None)
    program.get("/api/whoami", **bearer)
    assert ApiToken.objects.get(pk=token.pk).last_used is not None

    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code \
        == 302
    response = program.get("/api/whoami", **bearer)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic realm=")


def test_token_of_another_user_cannot_be_revoked(client, make_user):
    owner = make_user("lena")
    make_user("mallory")
    token, _ = ApiToken.issue(owner, "x")
    login(client, "mallory")
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code \
        == 404
    assert ApiToken.objects.usable().filter(pk=token.pk).exists()


def test_token_of_inactive_user_refused(make_user):
    user = make_user("nina", is_active=True)
    _, secret = ApiToken.issue(user, "x")
    user.is_active = False
    user.save()
    response = Client().get("/api/whoami",
                            HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_made_up_token_refused():
    response = Client().get("/gms/search",
                            HTTP_AUTHORIZATION="Bearer apdc_madeup")
    assert response.status_code == 401
