"""Checking the ``#documentation`` release link of a links document
(services/release_link.py) in the live DataLink tests."""

import io
import urllib.request

from astropy.io import votable

from converters import rdschema

__all__ = ["check_release_link", "is_release_link"]


def is_release_link(row):
    """Whether a links-document row is the release link (a TAP query)."""
    return (row["semantics"] == "#documentation"
            and "releases.releases" in (row["access_url"] or ""))


def check_release_link(row, resource):
    """Download the release link and check it is ``resource``'s release.

    Parameters
    ----------
    row : mapping
        The links-document row (ID, access_url, semantics, ...).
    resource : str
        The RD id whose release the row must name.

    Returns
    -------
    astropy.table.Table
        The releases.releases rows the link gave.
    """
    release = rdschema.release_name(resource)
    assert release, resource
    assert is_release_link(row), row
    assert not row["error_message"], row
    assert row["content_type"] == "application/x-votable+xml", row
    assert f"Release {release} of {resource}" in row["description"], row
    with urllib.request.urlopen(row["access_url"], timeout=120) as resp:
        assert resp.status == 200
        assert resp.headers["content-type"].startswith(
            "application/x-votable+xml")
        table = votable.parse(io.BytesIO(resp.read())).get_first_table(
            ).to_table()
    assert len(table) >= 1, row["access_url"]
    assert set(table["resource"]) == {resource}
    assert all(r == release or r.startswith(release + ".")
               for r in table["release"]), list(table["release"])
    return table
