"""Fixtures of the portal tests: Django, a loopback SMTP server, a tree.

Django is set up here (not through pytest's ini), so that the rest of
the suite runs as before; tests that use the database run in a test
database ``test_<APDC_PORTAL_DB_NAME>`` that pytest-django makes.  The
suite's own ``db`` fixture (tests/conftest.py, DaCHS's database) hides
pytest-django's of the same name: portal tests ask for the Django
database with ``pytest.mark.django_db`` instead, which the fixtures
here rely on.
"""

import email
import email.policy
import os
import socket
import threading

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402

from portal.access.models import (Grant, ProtectedPath,  # noqa: E402
                                  RestrictedResource)
from portal.accounts import credentials  # noqa: E402
from portal.accounts.models import LicenceVersion  # noqa: E402
from portal.groups.models import Group, Membership  # noqa: E402

PASSWORD = "Kascade-Grande 1996!"
TREE = ["kascade", "kascade-grande", "kascade-grande-analysis"]


def login(client, username, password=PASSWORD):
    """Log in through the login page (axes needs the request); True if
    the page accepted."""
    response = client.post("/accounts/login/", {"username": username,
                                                "password": password})
    return response.status_code == 302


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content,
                                           policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    def bodies(self):
        with self.lock:
            return [m.get_body(("plain",)).get_content()
                    for m in self.messages]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on loopback: (inbox, port)."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    """The inbox, emptied, with the portal sending to it over SMTP."""
    inbox, port = smtp_server
    with inbox.lock:
        inbox.messages.clear()
    inbox.port = port
    # pytest-django switches to the in-memory backend; we want SMTP.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    return inbox


@pytest.fixture(autouse=True)
def _fresh_basic_cache():
    credentials.forget_cached_passwords()
    yield
    credentials.forget_cached_passwords()


@pytest.fixture
def licence():
    return LicenceVersion.objects.create(version="1.0", title="Data licence",
                                         text="Use it well.")


@pytest.fixture
def make_user():
    """make_user(name, *groups, password=PASSWORD) -> an active user."""
    def make(name, *groups, password=PASSWORD, **fields):
        user = get_user_model().objects.create_user(
            name, f"{name}@example.org", password, **fields)
        for group in groups:
            Membership.objects.create(user=user,
                                      group=Group.objects.get(name=group))
        return user
    return make


@pytest.fixture
def tree():
    """The three-level KASCADE tree and an unrelated group, by name."""
    groups, parent = {}, None
    for name in TREE:
        parent = groups[name] = Group.objects.create(name=name,
                                                     parent=parent)
    groups["icecube"] = Group.objects.create(name="icecube")
    return groups


@pytest.fixture
def make_resource():
    """make_resource(name, *granted_groups, paths=..., embargo_until=None)."""
    def make(name, *granted, paths=None, embargo_until=None):
        resource = RestrictedResource.objects.create(
            name=name, title=name, embargo_until=embargo_until)
        for prefix in paths or [f"/{name}/", f"/getproduct/{name}/"]:
            ProtectedPath.objects.create(resource=resource, prefix=prefix)
        for group in granted:
            Grant.objects.create(resource=resource, group=group)
        return resource
    return make
