"""Accounts: registration by mail, login, licence, reset, rate limit,
session fixation, open redirects, deletion (real SMTP on loopback)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from axes.models import AccessAttempt
from portal.accounts.models import (DeletedAccountsCount, LicenceAcceptance,
                                    LicenceVersion)
from portal.groups.models import Membership

from tests.portal.conftest import PASSWORD, free_port, login

pytestmark = [pytest.mark.live, pytest.mark.django_db]

User = get_user_model()


def _link(inbox, pattern):
    [body] = inbox.bodies()
    match = re.search(r"https?://\S+" + pattern + r"\S*", body)
    assert match, body
    return match.group(0)


def _register(client, name="alice"):
    return client.post("/accounts/register/", {
        "username": name, "email": f"{name}@example.org",
        "password1": PASSWORD, "password2": PASSWORD,
        "accept_licence": "on"})


def test_register_verify_login_licence(client, mailbox, licence,
                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client)
    assert response.status_code == 200 and b"alice@example.org" in \
        response.content
    user = User.objects.get(username="alice")
    assert not user.is_active
    assert user.password.startswith("pbkdf2_sha256$")
    # not active yet: the login fails
    assert not login(client, "alice", PASSWORD)
    assert mailbox.messages[0]["To"] == "alice@example.org"
    link = _link(mailbox, "/accounts/verify/")
    response = client.get(link.split("testserver", 1)[1])
    assert response.status_code == 200 and b'id="verified"' in \
        response.content
    response = client.post("/accounts/login/", {"username": "alice",
                                                "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/accounts/")
    assert b"alice" in page.content and b"1.0" in page.content
    acceptance = LicenceAcceptance.objects.get(user__username="alice")
    assert acceptance.licence == licence and acceptance.accepted


def test_tampered_verification_link_refused(client):
    response = client.get("/accounts/verify/not-a-signed-token/")
    assert response.status_code == 400 and b"not-verified" in \
        response.content


def test_registration_needs_licence_and_unique_mail(client, make_user,
                                                    licence):
    make_user("bob")
    response = client.post("/accounts/register/", {
        "username": "bob2", "email": "BOB@example.org",
        "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "accept_licence" in errors and "email" in errors
    assert not User.objects.filter(username="bob2").exists()


def test_password_reset_by_mail(client, mailbox, make_user):
    make_user("carol")
    response = client.post("/accounts/password/reset/",
                           {"email": "carol@example.org"})
    assert response.status_code == 302
    link = _link(mailbox, "/accounts/password/reset/")
    response = client.get(link.split("testserver", 1)[1], follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "Grande array 2.0 at 37 m"
    response = client.post(form_url, {"new_password1": new,
                                      "new_password2": new})
    assert response.status_code == 302
    assert login(Client(), "carol", new)
    assert not login(Client(), "carol", PASSWORD)


def test_password_change(client, make_user):
    make_user("dave")
    login(client, "dave", PASSWORD)
    new = "another long pass phrase 42"
    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": new,
        "new_password2": new})
    assert response.status_code == 302
    assert User.objects.get(username="dave").check_password(new)


def _fail(client, username, address):
    return client.post("/accounts/login/", {
        "username": username, "password": "wrong"},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)


def test_login_rate_limit_per_account(client, make_user, settings):
    make_user("erin")
    for number in range(settings.AXES_FAILURE_LIMIT):
        # a new address each time: only the account limit can apply
        _fail(client, "erin", f"203.0.113.{number + 1}")
    response = client.post("/accounts/login/", {
        "username": "erin", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content


def test_login_rate_limit_per_address(client, make_user, settings):
    make_user("frank")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, f"nobody{number}", "203.0.113.50")
    blocked = client.post("/accounts/login/", {
        "username": "frank", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert blocked.status_code == 429
    elsewhere = Client().post("/accounts/login/", {
        "username": "frank", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert elsewhere.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="203.0.113.50").exists()


def test_session_key_changes_at_login(client, make_user):
    make_user("grace")
    client.get("/accounts/login/")
    session = client.session
    session["probe"] = 1
    session.save()
    before = client.cookies["apdc_session"].value
    client.post("/accounts/login/", {"username": "grace",
                                     "password": PASSWORD})
    after = client.cookies["apdc_session"].value
    assert before and after and before != after


@pytest.mark.parametrize("target", [
    "https://evil.example.org/", "//evil.example.org/", "/\\evil.example.org",
    "http:evil.example.org", "https://testserver.evil.example.org/"])
def test_open_redirect_refused(client, make_user, target):
    make_user("heidi")
    response = client.post("/accounts/login/?next=" + target, {
        "username": "heidi", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"


def test_local_next_followed(client, make_user):
    make_user("ivan")
    response = client.post("/accounts/login/", {
        "username": "ivan", "password": PASSWORD, "next": "/groups/"})
    assert response["Location"] == "/groups/"


def test_account_deletion_keeps_only_a_count(client, make_user, tree,
                                             licence):
    user = make_user("judy", "kascade")
    LicenceAcceptance.objects.create(user=user, licence=licence)
    login(client, "judy", PASSWORD)
    client.post("/accounts/tokens/", {"name": "laptop"})
    wrong = client.post("/accounts/delete/", {"password": "nope"})
    assert wrong.status_code == 200 and User.objects.filter(
        username="judy").exists()
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert not User.objects.filter(username="judy").exists()
    assert not Membership.objects.filter(user_id=user.pk).exists()
    assert not LicenceAcceptance.objects.filter(user_id=user.pk).exists()
    assert sum(DeletedAccountsCount.objects.values_list("count",
                                                        flat=True)) == 1
    assert client.get("/accounts/").status_code == 302   # logged out


def test_new_licence_version_must_be_accepted(client, make_user, licence):
    user = make_user("olga")
    LicenceAcceptance.objects.create(user=user, licence=licence)
    login(client, "olga")
    assert b"A new version" not in client.get("/accounts/").content
    newer = LicenceVersion.objects.create(version="2.0", title="Data licence",
                                          text="Use it better.")
    assert b"A new version" in client.get("/accounts/").content
    assert b"Use it better." in client.get("/accounts/licence/").content
    client.post("/accounts/licence/", {"accept_licence": "on"})
    assert LicenceAcceptance.objects.filter(user=user,
                                            licence=newer).exists()
    assert b"A new version" not in client.get("/accounts/").content


def test_mail_server_down_then_link_sent_again(client, mailbox, licence,
                                               settings,
                                               django_capture_on_commit_callbacks):
    settings.EMAIL_PORT = free_port()          # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, "paul")
    assert response.status_code == 200         # no 500 for the person
    assert not mailbox.messages
    settings.EMAIL_PORT = mailbox.port
    response = client.post("/accounts/verify/again/",
                           {"email": "PAUL@example.org"})
    assert response.status_code == 200
    link = _link(mailbox, "/accounts/verify/")
    assert client.get(link.split("testserver", 1)[1]).status_code == 200
    assert User.objects.get(username="paul").is_active
    # an unknown address reads the same and sends nothing
    mailbox.messages.clear()
    response = client.post("/accounts/verify/again/",
                           {"email": "nobody@example.org"})
    assert response.status_code == 200 and not mailbox.messages
