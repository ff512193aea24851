"""DataCite 4.5 metadata of resources, releases and shop packages.

The records are built from the RD (through :mod:`fair.describe` and
:mod:`fair.licences`) as DataCite's JSON form, checked against the
DataCite 4.5 JSON schema and written as XML, both with the ``datacite``
library (``datacite.schema45``), so that the XML is the one DataCite's
MDS API takes when the operator mints the DOI.

The ``identifier`` is a placeholder DOI under DataCite's reserved test
prefix 10.5072 (:func:`fair.describe.placeholder_doi`); the IVOA
identifier is an ``alternateIdentifier`` (DataCite has no identifier
type "IVOA"; ``alternateIdentifierType`` is free text).  Minting
replaces the placeholder (docs/fair.md).
"""

from datacite import schema45
from lxml import etree

from fair import describe as describe_
from fair.licences import licence_of

__all__ = ["record", "release_record", "package_record", "to_xml",
           "validate", "DataCiteError", "SCHEMA_LOCATION"]

SCHEMA_LOCATION = "http://schema.datacite.org/meta/kernel-4.5/metadata.xsd"
_SCHEMA_ORG_TYPES = {"Catalog": "Dataset", "Simulation": "Dataset",
                     "Compilation": "Collection", "Archive": "Dataset"}


class DataCiteError(ValueError):
    """A record does not satisfy the DataCite 4.5 schema; the message names
    the record and the schema's complaint."""


def _creator(name):
    person = describe_.person_name(name)
    if person:
        return {"name": name, "nameType": "Personal", "familyName": person[0],
                "givenName": person[1]}
    return {"name": name, "nameType": "Organizational"}


def _rights(rd_name, rd_dir):
    licence = licence_of(rd_name, rd_dir)
    named = {"rights": licence.name, "lang": "en"}
    if licence.uri:
        named["rightsUri"] = licence.uri
    if licence.spdx:
        named.update(rightsIdentifier=licence.spdx,
                     rightsIdentifierScheme="SPDX",
                     schemeUri="https://spdx.org/licenses/")
    return [named, {"rights": licence.statement, "lang": "en"}]


def _geolocations(site):
    if site is None:
        return []
    return [{"geoLocationPlace": site.place,
             "geoLocationPoint": {"pointLatitude": site.latitude,
                                  "pointLongitude": site.longitude}}]


def record(rd_name, authority, release=None, rd_dir=describe_.rdschema.RD_DIR,
           time_range=None, doi=None, provenance_url=None):
    """The DataCite record (JSON form) of a resource or of one release.

    Parameters
    ----------
    rd_name : str
    authority : str
        The IVOA authority (ivoa_meta/site.ini ``authority``).
    release : fair.describe.Release, optional
        Given: the record is that of this release (its own DOI, version
        and date, ``IsVersionOf`` the resource).
    time_range : (str, str), optional
        ISO dates of the first and last event (``Collected``).
    doi : str, optional
        The minted DOI; default the placeholder.
    provenance_url : str, optional
        Where the resource's PROV-JSON record is (``HasMetadata``).

    Returns
    -------
    dict
    """
    d = describe_.describe(rd_name, release, rd_dir)
    resource_doi = describe_.placeholder_doi(rd_name)
    own_doi = doi or (describe_.placeholder_doi(rd_name, d.release.name)
                      if release else resource_doi)
    kind = f"{d.resource_type} ({'simulated' if d.simulated else 'measured'}"\
           f" data)"
    related = [{"relatedIdentifier": x, "relatedIdentifierType": "DOI",
                "relationType": "IsDerivedFrom"} for x in d.related_dois]
    if release:
        related.append({"relatedIdentifier": resource_doi,
                        "relatedIdentifierType": "DOI",
                        "relationType": "IsVersionOf"})
    if provenance_url:
        related.append({"relatedIdentifier": provenance_url,
                        "relatedIdentifierType": "URL",
                        "relationType": "HasMetadata",
                        "relatedMetadataScheme": "W3C PROV-JSON",
                        "schemeUri": "https://www.w3.org/Submission/"
                                     "prov-json/"})
    dates = [{"date": d.created[:10], "dateType": "Created"},
             {"date": d.release.date, "dateType": "Issued"}]
    if time_range:
        dates.append({"date": f"{time_range[0]}/{time_range[1]}",
                      "dateType": "Collected"})
    title = d.title + (f", release {d.release.name}" if release else "")
    data = {
        "doi": own_doi,
        "alternateIdentifiers": [{
            "alternateIdentifier": d.ivoid(authority),
            "alternateIdentifierType": "IVOA Identifier"}],
        "creators": [_creator(c) for c in d.creators],
        "titles": [{"title": title, "lang": "en"}],
        "publisher": {"name": describe_.publisher()},
        "publicationYear": d.release.date[:4],
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": kind},
        "subjects": [{"subject": s} for s in d.subjects],
        "dates": dates,
        "language": "en",
        "version": d.release.name,
        "rightsList": _rights(rd_name, rd_dir),
        "descriptions": [{"description": d.description,
                          "descriptionType": "Abstract", "lang": "en"}],
        "relatedIdentifiers": related,
        "geoLocations": _geolocations(d.site),
        "formats": ["application/x-votable+xml", "text/csv",
                    "application/fits"],
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
    return {k: v for k, v in data.items() if v not in ([], None, "")}


def release_record(rd_name, authority, release, **kwargs):
    """The DataCite record of one release (:func:`record` with it)."""
    return record(rd_name, authority, release, **kwargs)


def package_record(rd_name, authority, package_name, formats, release=None,
                   rd_dir=describe_.rdschema.RD_DIR):
    """The DataCite record of a preselected shop package.

    Parameters
    ----------
    package_name : str
        The package's name (e.g. ``kascade_sample_hdf5``).
    formats : sequence of str
        MIME types of its files.
    """
    data = record(rd_name, authority, release, rd_dir)
    data["doi"] = describe_.placeholder_doi(rd_name, package_name)
    data["titles"] = [{"title": f"{data['titles'][0]['title']}: "
                       f"preselected package {package_name}", "lang": "en"}]
    data["types"] = {"resourceTypeGeneral": "Dataset",
                     "resourceType": "Data shop package"}
    data["formats"] = list(formats)
    data["relatedIdentifiers"] = [
        r for r in data.get("relatedIdentifiers", [])
        if r["relationType"] != "IsVersionOf"] + [{
            "relatedIdentifier": describe_.placeholder_doi(
                rd_name, *([release.name] if release else [])),
            "relatedIdentifierType": "DOI", "relationType": "IsPartOf"}]
    return data


def validate(data, what="record"):
    """Raise :class:`DataCiteError` unless ``data`` satisfies the DataCite
    4.5 JSON schema (which ``datacite`` ships)."""
    errors = sorted(schema45.validator.iter_errors(data), key=str)
    if errors:
        first = errors[0]
        raise DataCiteError(f"{what}: DataCite 4.5: "
                            f"{'/'.join(map(str, first.path))}: "
                            f"{first.message}")


def to_xml(data, what="record"):
    """The DataCite 4.5 XML (bytes, UTF-8) of a validated record."""
    validate(data, what)
    return etree.tostring(schema45.dump_etree(data), xml_declaration=True,
                          encoding="utf-8", pretty_print=True)
