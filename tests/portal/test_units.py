"""Fast tests without a database: paths, addresses, schema, style."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import RequestFactory

from portal import secretkey
from portal.access import paths
from portal.access.models import RestrictedResource
from portal.accounts.clientip import client_ip

PORTAL_DIR = Path(__file__).resolve().parents[2] / "portal"


@pytest.mark.parametrize("raw, normal", [
    ("/kascade_embargo/q/x", "/kascade_embargo/q/x"),
    ("/tap/../kascade_embargo/q/x", "/kascade_embargo/q/x"),
    ("//kascade_embargo//q", "/kascade_embargo/q"),
    ("/kascade%5Fembargo/", "/kascade_embargo/"),
    ("/kascade%255Fembargo/", "/kascade_embargo/"),
    ("/KASCADE_Embargo/q", "/kascade_embargo/q"),
    ("/%2e%2e/kascade_embargo/x", "/kascade_embargo/x"),
    ("/a/./b/../../kascade_embargo", "/kascade_embargo"),
    ("/x\\..\\kascade_embargo\\y", "/kascade_embargo/y"),
    ("/kascade_embargo/x?ID=1#f", "/kascade_embargo/x"),
    ("/../../..", "/"),
    ("", "/"),
])
def test_normalize(raw, normal):
    assert paths.normalize(raw) == normal


def test_getproduct_key_is_a_path_too():
    assert "/getproduct/kascade_embargo/data/r1.h5" in paths.candidates(
        "/getproduct?KEY=kascade_embargo%2Fdata%2Fr1.h5")
    assert paths.candidates("/tap/sync?key=kascade_embargo/x") == [
        "/tap/sync"]


@pytest.mark.parametrize("remote, forwarded, expected", [
    ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
    ("127.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),
    ("127.0.0.1", "203.0.113.7, 127.0.0.1", "203.0.113.7"),
    ("127.0.0.1", "", "127.0.0.1"),
    # not from the proxy: the header is the client's own claim
    ("198.51.100.2", "203.0.113.7", "198.51.100.2"),
])
def test_client_ip_trusts_forwarded_for_from_proxy_only(remote, forwarded,
                                                        expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote,
                                   HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_secret_key_made_once_private(tmp_path):
    path = tmp_path / "sub" / "secret_key"
    first = secretkey.read_or_create(path)
    assert len(first) >= 50 and secretkey.read_or_create(path) == first
    assert path.stat().st_mode & 0o077 == 0


def test_settings_safe_defaults():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.USE_X_FORWARDED_HOST
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")
    assert set(settings.AXES_LOCKOUT_PARAMETERS) == {"username",
                                                     "ip_address"}


def _relations(model):
    return {field.related_model for field in model._meta.get_fields()
            if field.is_relation and field.related_model is not None}


def test_no_model_grants_data_to_a_person():
    """Rights go to groups only: nothing ties a user to a resource."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    offenders = []
    for model in apps.get_models():
        related = _relations(model)
        grant_like = RestrictedResource in related or any(
            word in model.__name__.lower()
            for word in ("grant", "access", "right", "acl"))
        # Django's own auth permissions and axes' login records are not
        # rights to data; they never enter the access decision.
        if model._meta.app_label in ("auth", "axes", "admin"):
            continue
        if grant_like and user_model in related:
            offenders.append(model.__name__)
    assert not offenders, f"per-user grants in {offenders}"
    grant = apps.get_model("access", "Grant")
    assert {f.name for f in grant._meta.concrete_fields} == {
        "id", "group", "resource", "granted"}


def _portal_sources():
    return sorted(p for p in PORTAL_DIR.rglob("*.py")
                  if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _portal_sources(),
                         ids=lambda p: str(p.relative_to(PORTAL_DIR)))
def test_portal_module_style(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 400, "module too long"
    if path.name != "__init__.py":
        assert "__all__" in text, "no __all__"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno < 60, node.name
