"""How a request is shown to programs: JSON, and the UWS phase."""

from django.urls import reverse

from portal.access.services import clock
from portal.shop.models import ShopRequest

__all__ = ["request_json", "uws_phase", "iso"]


def iso(moment):
    """ISO 8601 in UTC with a ``Z``, or None."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def uws_phase(request, now=None):
    """The UWS 1.1 phase: the state, or ARCHIVED once the files are gone."""
    if request.state == ShopRequest.COMPLETED and (
            request.purged is not None
            or request.is_expired(now or clock())):
        return "ARCHIVED"
    return request.state


def request_json(request, now=None):
    """Everything a program needs to follow one request."""
    now = now or clock()
    package = (reverse("shop:api-package", args=[request.pk])
               if request.downloadable(now) else None)
    return {
        "id": str(request.pk), "dataset": request.dataset,
        "selection": request.selection, "state": request.state,
        "phase": uws_phase(request, now), "progress": request.progress,
        "n_events": request.n_events, "size": request.size,
        "estimated_size": request.estimated_size,
        "sha256": request.sha256 or None,
        "data_sha256": request.data_sha256 or None,
        "message": request.message, "attempts": request.attempts,
        "created": iso(request.created), "started": iso(request.started),
        "finished": iso(request.finished), "expires": iso(request.expires),
        "purged": iso(request.purged), "package": package,
        "template_of": request.template_of_id and str(request.template_of_id),
        "resubmitted_from": (request.resubmitted_from_id
                             and str(request.resubmitted_from_id)),
    }
