"""Who sent a request: session cookie, Bearer token or HTTP Basic.

Programs (pyvo's AuthSession with BasicAA, curl, scripts) send
``Authorization``; browsers send the session cookie.  A Basic password
check runs PBKDF2, which is slow on purpose; a successful check is
remembered for ``PORTAL_BASIC_CACHE_SECONDS`` in this process.  Only
the password check is remembered: the user row is read again on every
request (a changed password or a deactivated account counts at once)
and group decisions are never cached.
"""

import base64
import binascii
import hashlib
import hmac
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from portal.accounts.models import ApiToken

__all__ = ["Identity", "identify", "forget_cached_passwords"]

_CACHE_LIMIT = 10000
_cache = {}   # HMAC of username and password -> (user id, hash, expiry)
_lock = threading.Lock()


@dataclass(frozen=True)
class Identity:
    """The caller: ``user`` (maybe anonymous), how, and whether
    credentials came that were refused."""

    user: object
    method: str = "none"      # none, session, bearer or basic
    refused: bool = False


def forget_cached_passwords():
    """Empty this process's cache of Basic password checks."""
    with _lock:
        _cache.clear()


def _cache_key(username, password):
    message = f"{username}\0{password}".encode("utf-8")
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), message,
                    hashlib.sha256).digest()


def _cached_user(key):
    with _lock:
        entry = _cache.get(key)
    if entry is None or entry[2] < time.monotonic():
        return None
    user = get_user_model().objects.filter(pk=entry[0]).first()
    # The stored hash changes with every password change: a stale
    # entry then simply misses.
    if user is None or not user.is_active or user.password != entry[1]:
        return None
    return user


def _basic(request, value):
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    if not sep:
        return None
    key = _cache_key(username, password)
    user = _cached_user(key)
    if user is not None:
        return user
    # authenticate() goes through axes: failures count toward the limit.
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        return None
    with _lock:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[key] = (user.pk, user.password, time.monotonic()
                       + settings.PORTAL_BASIC_CACHE_SECONDS)
    return user


def _bearer(value):
    token = ApiToken.objects.for_secret(value.strip())
    if token is None or not token.user.is_active:
        return None
    moment = timezone.now()
    # one write a minute at most, not one per request
    if token.last_used is None or \
            moment - token.last_used > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used=moment)
    return token.user


def identify(request):
    """The caller of ``request``.

    Parameters
    ----------
    request : django.http.HttpRequest

    Returns
    -------
    Identity
        An ``Authorization`` header (Bearer or Basic) decides when
        present, refused credentials giving an anonymous, refused
        identity; else the session's user.
    """
    scheme, _, value = request.META.get("HTTP_AUTHORIZATION", "").partition(
        " ")
    scheme = scheme.lower()
    if scheme in ("bearer", "basic"):
        user = _bearer(value) if scheme == "bearer" else _basic(request,
                                                                value)
        if user is None:
            return Identity(AnonymousUser(), scheme, refused=True)
        return Identity(user, scheme)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        return Identity(user, "session")
    return Identity(AnonymousUser(), "none", refused=bool(scheme))
