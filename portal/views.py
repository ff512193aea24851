"""The root page and the error pages (never a traceback to users)."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template

from portal import observatories
from portal.access import services

__all__ = ["index", "bad_request", "forbidden", "not_found", "server_error"]


def index(request):
    """The data centre's front page: who is here, where to go."""
    return render(request, "index.html", {
        "links": settings.PORTAL_DACHS_LINKS,
        "resources": services.visible_resources(request.user),
        # side by side, with what each measures (portal/observatories.py)
        "observatories": observatories.observatories(),
    })


def _error(request, status):
    return render(request, f"{status}.html", status=status)


def bad_request(request, exception=None):
    """400, e.g. for a Host that is not allowed."""
    return _error(request, 400)


def forbidden(request, exception=None):
    """403."""
    return _error(request, 403)


def not_found(request, exception=None):
    """404."""
    return _error(request, 404)


def server_error(request):
    """500: a static page; the template gets no context that could fail."""
    return HttpResponseServerError(get_template("500.html").render())
