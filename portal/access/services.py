"""The access decision: which resource a path is, and who may see it.

Every answer is computed from the database at the moment of the
request (group tree, grants, embargo date); nothing is cached, so a
removed membership or a passed embargo counts from the next request.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from portal.access import paths
from portal.access.models import Grant, ProtectedPath, RestrictedResource
from portal.groups import tree

__all__ = ["clock", "resource_for_path", "may_access", "restricted_resource",
           "status_for", "visible_resources"]


def clock():
    """The time the decision uses: the clock, or ``PORTAL_NOW`` if set.

    ``PORTAL_NOW`` (an ISO 8601 string or a datetime) is a frozen clock
    for tests; production leaves it unset.
    """
    frozen = getattr(settings, "PORTAL_NOW", None)
    if frozen is None:
        return timezone.now()
    if isinstance(frozen, str):
        frozen = datetime.fromisoformat(frozen)
    return frozen


def _within(path, prefix):
    base = prefix.lower().rstrip("/")
    return path == base or path.startswith(base + "/")


def resource_for_path(path):
    """The restricted resource a request URI reaches, or None if public.

    Parameters
    ----------
    path : str
        The original request URI (escapes, dots and a query allowed).

    Returns
    -------
    RestrictedResource or None
        The resource of the longest protected prefix that matches any
        normal form of the path (see :mod:`portal.access.paths`).
    """
    forms = paths.candidates(path)
    if any(_is_vosi_metadata(form) for form in forms):
        return None
    best = None
    for protected in ProtectedPath.objects.select_related("resource"):
        if any(_within(form, protected.prefix) for form in forms) and (
                best is None or len(protected.prefix) > len(best.prefix)):
            best = protected
    return best.resource if best else None


# The VOSI metadata of a service (/<rd>/<service>/capabilities or
# /availability) stays public, also for a protected service: clients such
# as pyvo's AuthSession learn from the capabilities which credentials the
# service takes (securityMethod) before they send any.
VOSI_METADATA = ("capabilities", "availability")


def _is_vosi_metadata(form):
    parts = form.strip("/").split("/")
    return len(parts) == 3 and parts[2] in VOSI_METADATA


def _granted(user, resource):
    group_ids = tree.effective_group_ids(user)
    return bool(group_ids) and Grant.objects.filter(
        resource=resource, group_id__in=group_ids).exists()


def may_access(user, resource_name, now=None):
    """Whether ``user`` may see the resource called ``resource_name``.

    Parameters
    ----------
    user : User or AnonymousUser
    resource_name : str
        ``RestrictedResource.name``; a name that is not restricted is
        public.
    now : datetime, optional
        The moment of the decision (default: :func:`clock`).

    Returns
    -------
    bool
        True when the embargo has passed, or when a grant reaches one
        of the user's effective groups.
    """
    resource = RestrictedResource.objects.filter(name=resource_name).first()
    if resource is None:
        return True
    return resource.is_public(now or clock()) or _granted(
        user, resource)


def restricted_resource(uri, when=None):
    """The resource that restricts ``uri`` at ``when``, or None.

    Parameters
    ----------
    uri : str
        The original request URI.
    when : datetime, optional
        The moment of the decision (default: :func:`clock`).

    Returns
    -------
    RestrictedResource or None
        None for a public path and for a resource whose embargo has
        passed.
    """
    resource = resource_for_path(uri)
    if resource is None or resource.is_public(when or clock()):
        return None
    return resource


def status_for(user, resource):
    """The HTTP status of a request for a restricted resource.

    Parameters
    ----------
    user : User or AnonymousUser
        Who asks (anonymous when no valid credentials came).
    resource : RestrictedResource
        From :func:`restricted_resource`.

    Returns
    -------
    int
        401 without a user, 200 when a grant reaches one of the user's
        effective groups, else 403.
    """
    if not (user.is_authenticated and user.is_active):
        return 401
    return 200 if _granted(user, resource) else 403


def visible_resources(user, when=None):
    """The restricted resources ``user`` may see now, public ones included.

    Returns
    -------
    list of RestrictedResource
    """
    when = when or clock()
    return [resource for resource in
            RestrictedResource.objects.prefetch_related("paths")
            if resource.is_public(when) or _granted(user, resource)]
