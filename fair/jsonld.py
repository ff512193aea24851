"""schema.org ``Dataset`` JSON-LD of a resource, for its info pages.

Dataset search engines read a ``<script type="application/ld+json">``
in a page.  The record is built from the RD (:mod:`fair.describe`,
:mod:`fair.licences`); the facts only an import knows (the time range of
the events, the release) come from the record the import wrote
(:func:`written`), which the info pages embed (docs/fair.md).
"""

import configparser
import json
import os
import urllib.parse
from pathlib import Path

from fair import describe as describe_
from fair.licences import licence_of

__all__ = ["dataset", "embeddable", "embeddable_for", "written", "RECORDS_DIR",
           "JSONLD_NAME"]

#: Where the import writes each resource's records (served by
#: rd/provtap.rd's ``records`` service).
RECORDS_DIR = (Path(__file__).resolve().parents[1] / "resources"
               / "provtap" / "data" / "records")
JSONLD_NAME = "dataset.jsonld"
_SITE_INI = Path(__file__).resolve().parents[1] / "ivoa_meta" / "site.ini"

_FORMATS = (("votable", "application/x-votable+xml"), ("csv", "text/csv"),
            ("fits", "application/fits"))


def _person_or_org(name):
    person = describe_.person_name(name)
    if person:
        return {"@type": "Person", "name": name, "familyName": person[0],
                "givenName": person[1]}
    return {"@type": "Organization", "name": name}


def _distribution(server_url, table):
    query = urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
                                    "QUERY": f"SELECT * FROM {table}"})
    return [{"@type": "DataDownload", "name": f"{table} ({fmt})",
             "encodingFormat": mime,
             "contentUrl": f"{server_url}/tap/sync?{query}&FORMAT={fmt}"}
            for fmt, mime in _FORMATS]


def _spatial(site):
    if site is None:
        return {"@type": "Place",
                "name": "The celestial sphere (ICRS positions of the rows)"}
    return {"@type": "Place", "name": site.place,
            "geo": {"@type": "GeoCoordinates", "latitude": site.latitude,
                    "longitude": site.longitude}}


def dataset(rd_name, authority, server_url, release=None, time_range=None,
            restricted=False, rd_dir=describe_.rdschema.RD_DIR):
    """The schema.org ``Dataset`` of a resource, as a dict.

    Parameters
    ----------
    rd_name, authority : str
    server_url : str
        The public URL (links to TAP downloads and the info page).
    release : fair.describe.Release, optional
    time_range : (str, str), optional
        ISO dates of the first and last row (``temporalCoverage``).
    restricted : bool
        The resource is behind the portal's access control.
    """
    d = describe_.describe(rd_name, release, rd_dir)
    licence = licence_of(rd_name, rd_dir)
    record = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": d.title + (" (simulated)" if d.simulated
                           and "simulated" not in d.title.lower() else ""),
        "description": d.description,
        "identifier": [d.ivoid(authority),
                       "https://doi.org/" + describe_.placeholder_doi(
                           rd_name)],
        "url": f"{server_url}/{rd_name}",
        "license": licence.uri or {"@type": "CreativeWork",
                                   "name": licence.name,
                                   "text": licence.statement},
        "creator": [_person_or_org(c) for c in d.creators],
        "publisher": {"@type": "Organization",
                      "name": describe_.publisher()},
        "version": d.release.name,
        "datePublished": d.release.date,
        "dateCreated": d.created[:10],
        "keywords": list(d.subjects),
        "spatialCoverage": _spatial(d.site),
        "distribution": [x for t in d.tables
                         for x in _distribution(server_url, t)],
        "isAccessibleForFree": not restricted,
    }
    if time_range:
        record["temporalCoverage"] = f"{time_range[0]}/{time_range[1]}"
    if d.cite_url:
        record["citation"] = d.cite_url
    if d.related_dois:
        record["isBasedOn"] = [f"https://doi.org/{x}"
                               for x in d.related_dois]
    return record


def written(rd_name, records_dir=RECORDS_DIR):
    """The JSON-LD record the last import wrote, or None."""
    path = Path(records_dir) / rd_name / JSONLD_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def embeddable(record):
    """``record`` as the text of an info page's meta item ``_jsonld``.

    The page's template renders the meta item with DaCHS's macro
    expansion (a backslash starts a macro) and XML escaping of ``&``,
    ``<`` and ``>`` (which a script element would keep literally);
    so these are written as JSON escapes, each backslash doubled, which
    the expansion turns back into one.
    """
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    for char in "&<>":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text.replace("\\", "\\\\")


def embeddable_for(rd_name, records_dir=RECORDS_DIR,
                   rd_dir=describe_.rdschema.RD_DIR):
    """The ``_jsonld`` meta text of a resource (rd/common.rd#jsonld): the
    record the last import wrote, else one from the RD alone."""
    record = written(rd_name, records_dir)
    if record is None:  # before the first import, or restricted
        site = configparser.ConfigParser()
        site.read(_SITE_INI, encoding="utf-8")
        record = dataset(rd_name, site["site"]["authority"], os.environ.get(
            "APDC_SERVER_URL", site["site"]["server_url"]).rstrip("/"),
            restricted=describe_.rdschema.is_restricted(rd_name, rd_dir))
    return embeddable(record)
