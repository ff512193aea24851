"""DaCHS's info pages with the resource's JSON-LD (docs/fair.md).

DaCHS takes page templates from ``<rootDir>/web/templates`` before its
own.  Rather than keep copies of DaCHS's info page templates
(:data:`TEMPLATES`), the installed ones are taken and one element added
to their head: a script of type ``application/ld+json`` rendering the
meta item ``_jsonld`` (rd/common.rd#jsonld), which services and tables
inherit from their RD.  DaCHS reads the templates when it starts.
"""

from pathlib import Path

__all__ = ["JSONLD_ELEMENT", "TEMPLATES", "with_jsonld", "dachs_template"]

#: DaCHS's info pages: of a service, of a table, of a resource (RD).
TEMPLATES = ("serviceinfo.html", "tableinfo.html", "rdinfo.html")

JSONLD_ELEMENT = ('<script type="application/ld+json" n:render="meta">'
                  '_jsonld</script>')


def dachs_template(name="serviceinfo.html"):
    """The text of DaCHS's own template ``name``."""
    from gavo import base
    path = Path(base.__file__).resolve().parents[1] / "resources" \
        / "templates" / name
    return path.read_text(encoding="utf-8")


def with_jsonld(template):
    """``template`` with :data:`JSONLD_ELEMENT` at the end of its head."""
    if JSONLD_ELEMENT in template:
        return template
    if "</head>" not in template:
        raise ValueError("the info page template has no </head>")
    return template.replace("</head>", f"\t{JSONLD_ELEMENT}\n  </head>", 1)
