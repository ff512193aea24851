"""The DataLink row that names the release a DataLink document's data
come from (rd/releases.rd, STREAM ``datalink``; docs/releases.md).

Every DataLink document of a resource's rows gets one ``#documentation``
link to the release's record in ``releases.releases`` (a TAP query whose
answer gives its date, input checksum, row counts and DOI); the link's
description names the release.
"""

import urllib.parse

from converters import rdschema

__all__ = ["release_query_url", "release_link"]


def release_query_url(server_url, resource, release):
    """The TAP (sync, VOTable) URL of the rows of releases.releases of
    one release, or of a release series (RELEASE, RELEASE.2, ...; the
    latest is served)."""
    query = ("SELECT * FROM releases.releases WHERE resource = "
             f"'{resource}' AND (release = '{release}' OR release LIKE "
             f"'{release}.%') ORDER BY published")
    return f"{server_url}/tap/sync?" + urllib.parse.urlencode(
        {"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": query})


def release_link(descriptor, rd_name, server_url):
    """The LinkDef of the release of ``rd_name`` for ``descriptor``; none
    if the RD names no release.

    Parameters
    ----------
    descriptor : gavo.protocols.datalink.ProductDescriptor
    rd_name : str
        The RD's id (its file name without ``.rd``).
    server_url : str
        The public URL of the server.

    Yields
    ------
    gavo.protocols.datalink.LinkDef
    """
    release = rdschema.release_name(rd_name)
    if release is None:
        return
    yield descriptor.makeLink(
        release_query_url(server_url, rd_name, release),
        semantics="#documentation",
        contentType="application/x-votable+xml",
        description=f"Release {release} of {rd_name}, the release these "
                    "data come from: its date, input checksum, row counts "
                    "and DOI (releases.releases)")
