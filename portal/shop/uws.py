"""The caller's shop requests as a UWS 1.1 job list (``/shop/uws``).

A UWS client (pyvo's, or any) lists the jobs (``PHASE``, ``AFTER``,
``LAST`` filters), polls one job (``/shop/uws/<id>``, ``.../phase``),
fetches its result (``.../results/package``) and deletes it
(``DELETE`` or ``POST ACTION=DELETE``).  Jobs are made through the
form or ``POST /shop/api/requests``; a job is only ever shown to its
owner.
"""

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone as dt_timezone

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from portal.access.services import clock
from portal.shop import api, data, present, services
from portal.shop.models import ShopRequest

__all__ = ["job_list", "job", "job_phase", "job_results", "job_result",
           "filter_jobs"]

UWS = "http://www.ivoa.net/xml/UWS/v1.0"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PHASES = ("PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED",
          "UNKNOWN", "HELD", "SUSPENDED", "ARCHIVED")
ET.register_namespace("uws", UWS)
ET.register_namespace("xlink", XLINK)
ET.register_namespace("xsi", XSI)


def _el(parent, name, text=None, **attrs):
    element = ET.SubElement(parent, f"{{{UWS}}}{name}", attrs)
    if text is None and name in ("startTime", "endTime", "destruction",
                                 "quote"):
        element.set(f"{{{XSI}}}nil", "true")
    elif text is not None:
        element.text = str(text)
    return element


def _xml(root, status=200):
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status,
                        content_type="text/xml; charset=utf-8")


def _parse_after(text):
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise data.Refusal(400, "AFTER", f"AFTER={text!r} is not an ISO "
                           "8601 time") from None
    return moment if moment.tzinfo else moment.replace(
        tzinfo=dt_timezone.utc)


def filter_jobs(user, query, now=None):
    """The user's requests after UWS 1.1's ``PHASE``, ``AFTER``, ``LAST``.

    Without ``PHASE`` every job but the ARCHIVED ones is listed; with
    ``LAST`` the newest N, newest first.
    """
    now = now or clock()
    jobs = ShopRequest.objects.filter(user=user).order_by("-created")
    if query.get("AFTER"):
        jobs = jobs.filter(created__gt=_parse_after(query["AFTER"]))
    phases = [p.upper() for p in query.getlist("PHASE")]
    unknown = sorted(set(phases) - set(PHASES))
    if unknown:
        raise data.Refusal(400, "PHASE", f"unknown phase {unknown[0]}")
    selected = [j for j in jobs if (present.uws_phase(j, now) in phases
                                    if phases else
                                    present.uws_phase(j, now) != "ARCHIVED")]
    if query.get("LAST"):
        try:
            last = int(query["LAST"])
        except ValueError:
            raise data.Refusal(400, "LAST", "LAST must be a positive "
                               "integer") from None
        if last < 1:
            raise data.Refusal(400, "LAST", "LAST must be positive")
        selected = selected[:last]
    return selected


@api.api_view(("GET", "HEAD"))
def job_list(request, user):
    """``uws:jobs``: the caller's jobs."""
    root = ET.Element(f"{{{UWS}}}jobs", {"version": "1.1"})
    for found in filter_jobs(user, request.GET):
        ref = _el(root, "jobref", id=str(found.pk), **{
            f"{{{XLINK}}}href": request.build_absolute_uri(
                reverse("shop:uws-job", args=[found.pk]))})
        _el(ref, "phase", present.uws_phase(found))
        _el(ref, "ownerId", user.get_username())
        _el(ref, "creationTime", present.iso(found.created))
    return _xml(root)


def _results(parent, request, found):
    results = _el(parent, "results")
    if found.downloadable(clock()):
        _el(results, "result", id="package", size=str(found.size or 0),
            **{f"{{{XLINK}}}href": request.build_absolute_uri(
                reverse("shop:api-package", args=[found.pk]))})
    return results


def _job_element(request, found, user):
    root = ET.Element(f"{{{UWS}}}job", {"version": "1.1"})
    _el(root, "jobId", str(found.pk))
    _el(root, "ownerId", user.get_username())
    _el(root, "phase", present.uws_phase(found))
    _el(root, "quote")
    _el(root, "creationTime", present.iso(found.created))
    _el(root, "startTime", present.iso(found.started))
    _el(root, "endTime", present.iso(found.finished))
    _el(root, "executionDuration", 0)
    _el(root, "destruction", present.iso(found.expires))
    parameters = _el(root, "parameters")
    for key, value in sorted(found.selection.items()):
        if value not in (None, [], {}, ""):
            _el(parameters, "parameter", value if isinstance(value, str)
                else json.dumps(value), id=key)
    _results(root, request, found)
    if found.state == ShopRequest.ERROR:
        summary = _el(root, "errorSummary", type="fatal", hasDetail="false")
        _el(summary, "message", found.message)
    return root


def _delete(found):
    services.delete(found)
    return HttpResponseRedirect(reverse("shop:uws-jobs"), status=303)


@api.api_view(("GET", "HEAD", "POST", "DELETE"))
def job(request, user, request_id):
    """``uws:job`` of one job; DELETE (or POST ACTION=DELETE) removes it."""
    found = api.owned(user, request_id)
    if request.method == "DELETE" or (
            request.method == "POST"
            and request.POST.get("ACTION", "").upper() == "DELETE"):
        return _delete(found)
    if request.method == "POST":
        raise data.Refusal(400, "ACTION", "only ACTION=DELETE is supported")
    return _xml(_job_element(request, found, user))


@api.api_view(("GET", "HEAD"))
def job_phase(request, user, request_id):
    """The job's phase as text/plain."""
    return HttpResponse(present.uws_phase(api.owned(user, request_id)),
                        content_type="text/plain; charset=utf-8")


@api.api_view(("GET", "HEAD"))
def job_results(request, user, request_id):
    """``uws:results`` of one job."""
    found = api.owned(user, request_id)
    holder = ET.Element("holder")
    results = _results(holder, request, found)
    return _xml(results)


@api.api_view(("GET", "HEAD"))
def job_result(request, user, request_id, result_id):
    """A result's content: the package."""
    if result_id != "package":
        raise data.Refusal(404, "result", f"no result {result_id!r}")
    return api.send_package(api.owned(user, request_id))
