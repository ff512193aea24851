"""Helpers of the issue-17 regression tests (tests/test_live_hardening_*.py)."""

import io
import urllib.error
import urllib.parse
import urllib.request

from astropy.io import votable

__all__ = ["http_get", "content_length", "links_table"]


def http_get(url, method="GET", **params):
    """(status, content type, body) of a request; HTTP errors included.

    Parameters
    ----------
    url : str
        The URL without a query.
    method : str
        GET or HEAD.
    **params
        The query parameters.

    Returns
    -------
    tuple
    """
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as resp:
            return resp.status, resp.headers.get("content-type"), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type"), err.read()


def content_length(url):
    """The Content-Length of a HEAD request to ``url`` (an int).

    Returns
    -------
    int
    """
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request, timeout=120) as resp:
        return int(resp.headers["content-length"])


def links_table(url, **params):
    """The first table of the VOTable at ``url`` (a links document).

    Returns
    -------
    astropy.table.Table
    """
    status, _, body = http_get(url, **params)
    assert status == 200, (url, status, body[:300])
    return votable.parse(io.BytesIO(body)).get_first_table().to_table()
