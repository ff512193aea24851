"""Answers to nginx and to programs: /auth/check, /gms/search, /api/.

None of these has a form, and none changes anything: they are GET
only (``/auth/check``: any method, it reads no body), so a Bearer token
or Basic credentials need no CSRF token.
"""

import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from portal.accounts.credentials import identify
from portal.access import services
from portal.groups import tree

__all__ = ["auth_check", "gms_search", "api_whoami", "api_resources"]


def _challenge(status=401, text=""):
    response = HttpResponse(text, status=status,
                            content_type="text/plain; charset=utf-8")
    response["WWW-Authenticate"] = f'Basic realm="{settings.PORTAL_REALM}"'
    return response


# Any method, no CSRF check: nginx may ask about a POST (a TAP query, an
# upload) with that method; the check reads no body and changes nothing.
@csrf_exempt
@never_cache
def auth_check(request):
    """The access decision for nginx's ``auth_request``.

    The original URI comes in ``X-Original-URI``.  A public path gets
    200 at once, without looking at credentials (no password hashing,
    no failed-login count for public traffic).  A restricted one gets
    200 with the caller in ``X-Auth-User``, 401 with a Basic challenge
    (no valid credentials) or 403 (the caller's groups hold no grant);
    the resource's name is in ``X-Auth-Resource``.
    """
    uri = request.META.get("HTTP_X_ORIGINAL_URI")
    if not uri:
        return HttpResponse("X-Original-URI missing", status=400,
                            content_type="text/plain")
    resource = services.restricted_resource(uri)
    if resource is None:
        return HttpResponse(status=200)
    identity = identify(request)
    status = services.status_for(identity.user, resource)
    response = _challenge() if status == 401 else HttpResponse(status=status)
    if identity.user.is_authenticated:
        response["X-Auth-User"] = identity.user.get_username()
    response["X-Auth-Resource"] = resource.name
    return response


def _for_authenticated(view):
    """Run ``view(request, identity)`` for a caller with credentials;
    401 with the Basic challenge for anyone else."""
    @never_cache
    @require_safe
    @functools.wraps(view)
    def wrapped(request):
        identity = identify(request)
        if not identity.user.is_authenticated:
            return _challenge(text="credentials required\n")
        return view(request, identity)
    return wrapped


def _group_names(user):
    return list(tree.effective_groups(user).values_list("name", flat=True))


@_for_authenticated
def gms_search(request, identity):
    """The caller's effective groups, one name a line (IVOA GMS style)."""
    return HttpResponse("".join(f"{name}\n"
                                for name in _group_names(identity.user)),
                        content_type="text/plain; charset=utf-8")


@_for_authenticated
def api_whoami(request, identity):
    """JSON: the caller's user name, how they authenticated, their groups."""
    return JsonResponse({"username": identity.user.get_username(),
                         "method": identity.method,
                         "groups": _group_names(identity.user)})


@never_cache
@require_safe
def api_resources(request):
    """JSON: the restricted resources the caller may see now."""
    identity = identify(request)
    if identity.refused:
        return _challenge(text="credentials refused\n")
    return JsonResponse({"resources": [
        {"name": resource.name, "title": resource.title,
         "paths": [path.prefix for path in resource.paths.all()],
         "embargo_until": resource.embargo_until and
         resource.embargo_until.isoformat()}
        for resource in services.visible_resources(identity.user)]})
