"""Thin views of the education section; the logic is in ``catalog``."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.education import catalog

__all__ = ["tutorial_list", "tutorial_detail", "rendered", "notebook",
           "classroom"]

_NOT_BUILT = ("The {what} of this tutorial has not been built yet; the "
              "operator builds it with 'apdc tutorials'.")


@require_safe
def tutorial_list(request):
    return render(request, "education/list.html", {
        "tutorials": [catalog.entry(t) for t in catalog.all_tutorials()]})


@require_safe
def tutorial_detail(request, slug):
    return render(request, "education/detail.html",
                  catalog.entry(catalog.get(slug)))


@require_safe
def rendered(request, slug, language):
    path = catalog.rendered_path(catalog.get(slug), language)
    if path is None:
        raise Http404(_NOT_BUILT.format(what="rendered notebook"))
    return FileResponse(path.open("rb"), content_type="text/html; "
                        "charset=utf-8")


@require_safe
def notebook(request, slug, language):
    path = catalog.notebook_path(catalog.get(slug), language)
    return FileResponse(path.open("rb"), as_attachment=True,
                        filename=path.name,
                        content_type="application/x-ipynb+json")


@require_safe
def classroom(request, slug):
    path = catalog.classroom_path(catalog.get(slug))
    if path is None:
        raise Http404(_NOT_BUILT.format(what="classroom file"))
    return FileResponse(path.open("rb"), as_attachment=True,
                        filename=path.name, content_type="text/csv")
