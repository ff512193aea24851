"""The shop's web pages: the form, the history, one request, preselected.

Thin views: the choice is read by :mod:`portal.shop.params`, checked and
queued by :mod:`portal.shop.services`.  Every page but the preselected
packages needs a login.
"""

import urllib.parse

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from portal.access.services import clock
from portal.shop import api, data, params, preselected, services
from portal.shop.models import ShopRequest

__all__ = ["form", "history", "detail", "download", "resubmit", "delete",
           "preselected_list", "preselected_file"]


def _choice(datasets, dataset_name, component_id):
    for found in datasets:
        if found.name == dataset_name or not dataset_name:
            for component in found.components:
                if component.id == component_id or not component_id:
                    return found, component
    return None, None


def _form_context(request, fields, template=None):
    datasets = data.visible_datasets(request.user)
    dataset, component = _choice(datasets, fields.get("dataset"),
                                 fields.get("component"))
    chosen = set(fields.get("quantity") or ())
    rows = [{"q": q, "checked": q.name in chosen,
             "min": fields.get(f"min_{q.name}",
                               _cut(q, 0) if not template else ""),
             "max": fields.get(f"max_{q.name}",
                               _cut(q, 1) if not template else "")}
            for q in (component.quantities if component else ())]
    return {"datasets": datasets, "dataset": dataset,
            "component": component, "rows": rows, "fields": fields,
            "template": template, "formats": ("hdf5", "root", "parquet",
                                              "ascii"),
            "ascii_reason": params.ascii_reason}


def _cut(q, index):
    value = q.default_cut[index] if q.default_cut else None
    return "" if value is None else f"{value:g}"


def _fields(query):
    fields = {key: query.get(key) for key in query}
    fields["quantity"] = query.getlist("quantity")
    return fields


@login_required
def form(request):
    """GET: the form (``?template=<id>`` opens it pre-filled); POST: submit."""
    template = None
    if request.method == "POST":
        return _submit(request)
    if request.GET.get("template"):
        template = get_object_or_404(ShopRequest, pk=request.GET["template"],
                                     user=request.user)
        fields = params.fields_from_selection(
            services.selection_of(template))
    else:
        fields = _fields(request.GET)
    return render(request, "shop/form.html",
                  _form_context(request, fields, template))


def _submit(request):
    template = None
    if request.POST.get("template_of"):
        template = ShopRequest.objects.filter(
            pk=request.POST["template_of"], user=request.user).first()
    try:
        selection = params.selection_from_fields(request.POST)
        created = services.submit(request.user, selection,
                                  template_of=template)
    except data.Refusal as refusal:
        context = _form_context(request, _fields(request.POST), template)
        context["refusal"] = refusal
        return render(request, "shop/form.html", context,
                      status=refusal.status)
    messages.info(request, f"Request {created.pk} queued: "
                  f"{created.n_events} events.  You get an e-mail when "
                  "the package is ready.")
    return redirect("shop:history")


@login_required
@require_safe
def history(request):
    """Every request of the user, newest first, with its actions."""
    return render(request, "shop/history.html", {
        "requests": ShopRequest.objects.filter(user=request.user),
        "now": clock()})


def _own(request, request_id):
    return get_object_or_404(ShopRequest, pk=request_id, user=request.user)


@login_required
@require_safe
def detail(request, request_id):
    """One request: the choice, state, attempts."""
    found = _own(request, request_id)
    return render(request, "shop/detail.html", {
        "r": found, "selection": services.selection_of(found),
        "now": clock()})


@login_required
@require_safe
def download(request, request_id):
    """The package (from the export store)."""
    try:
        return api.send_package(_own(request, request_id))
    except data.Refusal as refusal:
        raise Http404(refusal.message) from refusal


@login_required
@require_POST
def resubmit(request, request_id):
    """Queue the same choice again (records where it came from)."""
    try:
        created = services.resubmit(_own(request, request_id))
    except data.Refusal as refusal:
        messages.error(request, f"Not resubmitted: {refusal.message}")
    else:
        messages.info(request, f"Resubmitted as {created.pk}.")
    return redirect("shop:history")


@login_required
@require_POST
def delete(request, request_id):
    """Remove a request and its files."""
    services.delete(_own(request, request_id))
    messages.info(request, "Request and package deleted.")
    return redirect("shop:history")


@require_safe
def preselected_list(request):
    """The preselected packages, without login: checksum and citation."""
    return render(request, "shop/preselected.html",
                  {"packages": preselected.packages(),
                   "citation": preselected.citation()})


@require_safe
def preselected_file(request, name):
    """One preselected package."""
    path = preselected.path(urllib.parse.unquote(name))
    if path is None:
        raise Http404("no such package")
    return FileResponse(open(path, "rb"), as_attachment=True,
                        filename=path.name)
