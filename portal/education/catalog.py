"""What the education pages show: the tutorials' records, and the files
that ``apdc tutorials`` built for them (rendered HTML, classroom data).

The records and notebooks are in the checkout (``tutorials/``, read by
``converters.tutorials``); the built files are in the build folder
(settings ``EDUCATION_BUILD``).  Views only call these functions.
"""

from pathlib import Path

from django.conf import settings
from django.http import Http404

from converters import tutorials as records

__all__ = ["all_tutorials", "get", "notebook_path", "rendered_path",
           "classroom_path", "entry"]


def all_tutorials():
    """Every tutorial, in teaching order."""
    return records.catalogue()


def get(slug):
    """The tutorial named ``slug``; 404 if there is none."""
    for tutorial in all_tutorials():
        if tutorial.slug == slug:
            return tutorial
    raise Http404(f"No tutorial {slug!r}.")


def _language(tutorial, language):
    if language not in tutorial.languages:
        raise Http404(f"Tutorial {tutorial.slug!r} has no notebook in "
                      f"language {language!r}; it has "
                      f"{', '.join(tutorial.languages)}.")
    return language


def notebook_path(tutorial, language):
    """The notebook as committed (not executed): what a teacher downloads."""
    return tutorial.notebook(_language(tutorial, language))


def _built(tutorial, name):
    path = Path(settings.EDUCATION_BUILD) / tutorial.slug / name
    return path if path.is_file() else None


def rendered_path(tutorial, language):
    """The HTML of the executed notebook, or None if not built yet."""
    name = Path(tutorial.record["notebooks"][_language(tutorial,
                                                        language)])
    return _built(tutorial, name.with_suffix(".html").name)


def classroom_path(tutorial):
    """The classroom data file, or None if not built yet."""
    return _built(tutorial, tutorial.classroom_file)


def entry(tutorial):
    """What the templates need of one tutorial."""
    colour_name, colour = tutorial.colour
    return {
        "tutorial": tutorial, "record": tutorial.record,
        "slug": tutorial.slug, "title": tutorial.text("title"),
        "summary": tutorial.text("summary"), "level": tutorial.record["level"],
        "colour_name": colour_name, "colour": colour,
        "minutes": tutorial.minutes,
        "languages": [{"code": code, "title": tutorial.text("title", code),
                       "rendered": rendered_path(tutorial, code) is not None}
                      for code in tutorial.languages],
        "classroom": classroom_path(tutorial),
    }
