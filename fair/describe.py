"""What the FAIR records of a resource share, read from its RD.

DataCite, JSON-LD and PROV describe the same resource; this module
reads, once, what they say about it from the RD's resource meta
(``title``, ``description``, ``creator``, ``subject``, ``creationDate``,
``type``, ``source``, ``referenceURL``, ``howtociteLink``, ``rights``,
``instrument``, ``facility``) and properties (``release``,
``simulated``, ``site``), through :mod:`converters.rdschema`.

Identifiers: the IVOA identifier is ``ivo://<authority>/<name>``; the
DOI is a *placeholder* under DataCite's test prefix 10.5072 (reserved,
never resolvable), ``10.5072/apdc.<name>[.<release>]``, until the
operator mints a DOI (docs/fair.md).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from converters import rdschema

__all__ = ["Release", "Site", "Description", "describe", "publisher",
           "DOI_PLACEHOLDER_PREFIX", "placeholder_doi", "slug", "dois_in",
           "person_name"]

#: DataCite's prefix reserved for tests: a placeholder no resolver knows.
DOI_PLACEHOLDER_PREFIX = "10.5072"

_DEFAULTMETA = (Path(__file__).resolve().parents[1] / "ivoa_meta"
                / "defaultmeta.txt")
_DOI = re.compile(r"10\.\d{4,9}/[^\s,;()\"']+")


@dataclass(frozen=True)
class Release:
    """A named release of a resource.

    Attributes
    ----------
    name : str
    date : str
        ISO date (``YYYY-MM-DD``) of its publication.
    version : str
        What tells its content apart (the inputs' checksum or the
        import fingerprint); may be empty.
    """

    name: str
    date: str
    version: str = ""


@dataclass(frozen=True)
class Site:
    """Where an instrument stands (the RD property ``site``:
    ``"latitude longitude place"``, degrees, WGS84)."""

    latitude: float
    longitude: float
    place: str


@dataclass(frozen=True)
class Description:
    """What the RD says about a resource, for its FAIR records."""

    name: str
    title: str
    description: str
    creators: tuple
    subjects: tuple
    created: str
    resource_type: str
    simulated: bool
    release: Release
    related_dois: tuple
    reference_url: str = ""
    cite_url: str = ""
    instrument: str = ""
    facility: str = ""
    site: Site = None
    tables: tuple = field(default_factory=tuple)

    def ivoid(self, authority):
        """The resource's IVOA identifier."""
        return f"ivo://{authority}/{self.name}"


def person_name(name):
    """``(family, given)`` of a creator written "Family, G.", else None
    (collaborations, the data centre: organisations)."""
    if "," in name and "Collaboration" not in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return family, given
    return None


def slug(text):
    """``text`` as a lower-case identifier part (letters, digits, -)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def placeholder_doi(name, *parts):
    """The placeholder DOI of a resource, a release or a package."""
    return "/".join((DOI_PLACEHOLDER_PREFIX, ".".join(
        ["apdc", name] + [slug(p) for p in parts if p])))


def dois_in(*texts):
    """The DOIs named in ``texts``, in order of appearance, once each."""
    found = []
    for text in texts:
        for doi in _DOI.findall(text or ""):
            doi = doi.rstrip(".")
            if doi not in found and not doi.startswith(
                    DOI_PLACEHOLDER_PREFIX + "/"):
                found.append(doi)
    return tuple(found)


def publisher():
    """The data centre's name (``publisher`` of ivoa_meta/defaultmeta.txt,
    which DaCHS also puts into every VOResource record)."""
    for line in _DEFAULTMETA.read_text(encoding="utf-8").splitlines():
        if line.startswith("publisher:"):
            return line.split(":", 1)[1].strip()
    raise rdschema.RDSchemaError(f"{_DEFAULTMETA} declares no publisher")


def _one(rd_name, key, rd_dir, default=""):
    values = rdschema.resource_meta(rd_name, key, rd_dir)
    return values[0] if values else default


def _site(text):
    if not text:
        return None
    lat, lon, place = text.split(None, 2)
    return Site(float(lat), float(lon), place)


def _release_of(rd_name, created, rd_dir):
    """The release the RD names (property ``release``, or the ``name`` of
    its ``FEED source="releases#current"``), dated by ``creationDate``."""
    name = rdschema.resource_properties(rd_name, rd_dir).get("release")
    if not name:
        text = (Path(rd_dir) / f"{rd_name}.rd").read_text(encoding="utf-8")
        match = re.search(r'<FEED\s+source="releases#current"\s+'
                          r'name="([^"]+)"', text)
        name = match.group(1) if match else "initial"
    return Release(name, created[:10])


def describe(rd_name, release=None, rd_dir=rdschema.RD_DIR):
    """The :class:`Description` of ``rd/<rd_name>.rd``.

    Parameters
    ----------
    rd_name : str
    release : Release, optional
        The release the records are for (default: the one the RD names).
    """
    meta = lambda key: _one(rd_name, key, rd_dir)  # noqa: E731
    created = meta("creationDate")
    if not created:
        raise rdschema.RDSchemaError(f"rd/{rd_name}.rd declares no "
                                     '<meta name="creationDate">')
    properties = rdschema.resource_properties(rd_name, rd_dir)
    return Description(
        name=rd_name, title=meta("title"), description=meta("description"),
        creators=tuple(rdschema.resource_meta(rd_name, "creator", rd_dir)),
        subjects=tuple(rdschema.resource_meta(rd_name, "subject", rd_dir)),
        created=created, resource_type=meta("type") or "Catalog",
        simulated=rdschema.is_simulated(rd_name, rd_dir),
        release=release or _release_of(rd_name, created, rd_dir),
        related_dois=dois_in(meta("source"), meta("howtociteLink"),
                             meta("referenceURL"), meta("rights")),
        reference_url=meta("referenceURL"), cite_url=meta("howtociteLink"),
        instrument=meta("instrument"), facility=meta("facility"),
        site=_site(properties.get("site")),
        tables=tuple(t.qualified_name for t in rdschema.tables(rd_name,
                                                                rd_dir)))
