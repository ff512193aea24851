"""The shop's JSON API for scripts (personal API token, Basic or session).

``GET /shop/api/catalogue``, ``GET /shop/api/estimate``,
``POST /shop/api/requests``, ``GET /shop/api/requests``,
``GET /shop/api/requests/<id>``, ``GET /shop/api/requests/<id>/package``.
An error is JSON ``{"error", "field", "status"}``; nothing is queued.
Writes take credentials from the ``Authorization`` header only: a
session cookie would need a CSRF token, which scripts do not have.
"""

import functools
import json

from django.conf import settings
from django.http import FileResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from portal.access.services import clock
from portal.accounts.credentials import identify
from portal.shop import data, params, present, services, store
from portal.shop.models import ShopRequest

__all__ = ["catalogue", "estimate", "requests", "request_detail",
           "package", "refusal_response", "send_package"]


def refusal_response(refusal):
    """The JSON answer of a :class:`portal.shop.data.Refusal`."""
    return JsonResponse(refusal.as_json(), status=refusal.status)


def _unauthorised():
    response = JsonResponse({"error": "credentials required (an API token "
                             "as 'Authorization: Bearer ...')",
                             "field": "Authorization", "status": 401},
                            status=401)
    response["WWW-Authenticate"] = f'Basic realm="{settings.PORTAL_REALM}"'
    return response


def api_view(methods):
    """Decorate ``view(request, user, ...)``: credentials, methods, errors."""
    def decorate(view):
        @csrf_exempt
        @never_cache
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                return JsonResponse({"error": "method not allowed",
                                     "field": "method", "status": 405},
                                    status=405)
            identity = identify(request)
            if not identity.user.is_authenticated or (
                    request.method == "POST"
                    and identity.method == "session"):
                return _unauthorised()
            try:
                return view(request, identity.user, *args, **kwargs)
            except data.Refusal as refusal:
                return refusal_response(refusal)
        return wrapped
    return decorate


@api_view(("GET", "HEAD"))
def catalogue(request, user):
    """The data sets the caller may choose, with components and quantities."""
    return JsonResponse({"datasets": params.catalogue_json(
        data.visible_datasets(user))})


@api_view(("GET", "HEAD"))
def estimate(request, user):
    """Events and bytes for the choice in the query (the form's fields)."""
    selection = params.selection_from_fields(request.GET)
    data.check(user, selection)
    n_events, size = data.estimate(selection)
    return JsonResponse({"n_events": n_events, "bytes": size})


def _body(request):
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise data.Refusal(400, "body", "the body is not JSON") from None
    if isinstance(body, dict) and isinstance(body.get("selection"), dict):
        body = body["selection"]
    return body


@api_view(("GET", "HEAD", "POST"))
def requests(request, user):
    """GET: the caller's requests; POST: submit a selection (JSON)."""
    if request.method != "POST":
        return JsonResponse({"requests": [
            present.request_json(r)
            for r in ShopRequest.objects.filter(user=user)]})
    selection = services.parse(_body(request))
    created = services.submit(user, selection)
    response = JsonResponse(present.request_json(created), status=201)
    response["Location"] = f"/shop/api/requests/{created.pk}"
    return response


def owned(user, request_id):
    """The caller's request ``request_id``, or 404 (also for others')."""
    found = ShopRequest.objects.filter(pk=request_id, user=user).first()
    if found is None:
        raise data.Refusal(404, "id", f"no request {request_id} of yours")
    return found


@api_view(("GET", "HEAD"))
def request_detail(request, user, request_id):
    """One request: state, progress, attempts, package link."""
    return JsonResponse(present.request_json(owned(user, request_id)))


def send_package(found):
    """The package file as a download, or 404/410 JSON."""
    if found.state != ShopRequest.COMPLETED or not found.package_key:
        raise data.Refusal(404, "id", f"request {found.pk} has no package "
                           f"(state {found.state})")
    if not found.downloadable(clock()):
        raise data.Refusal(410, "id", "the package has expired; resubmit "
                           "the request to build it again")
    path = store.path(found.package_key)
    response = FileResponse(open(path, "rb"), as_attachment=True,
                            filename=path.name)
    response["X-Checksum-SHA256"] = found.sha256
    return response


@api_view(("GET", "HEAD"))
def package(request, user, request_id):
    """The package of a completed request."""
    return send_package(owned(user, request_id))
