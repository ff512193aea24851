"""The one form of a request path that the access decision compares.

nginx hands over the raw request URI (``$request_uri``); DaCHS and the
file system may read ``/a/../kascade_embargo/x``, ``//kascade_embargo``,
``/kascade%5Fembargo`` or ``/KASCADE_embargo`` as the same place.  So
the decision compares a form with the query cut off, escapes decoded
(repeatedly: a double escape must not hide a name), dot segments
resolved, slashes merged and letters lowered.  Lowering can only make
more paths restricted, never fewer.  Pure Python, no Django.
"""

from urllib.parse import parse_qs, unquote

__all__ = ["normalize", "candidates"]

_MAX_UNQUOTE = 5


def _decode(text):
    for _ in range(_MAX_UNQUOTE):
        decoded = unquote(text, errors="replace")
        if decoded == text:
            break
        text = decoded
    return text


def normalize(path):
    """The normal form of a URL path.

    Parameters
    ----------
    path : str
        A path, optionally with a query string (cut off here).

    Returns
    -------
    str
        An absolute path without escapes, dot segments or repeated
        slashes, in lower case; a trailing slash is kept.

    Examples
    --------
    >>> normalize("/tap/../Kascade%255Fembargo//q/x?ID=1")
    '/kascade_embargo/q/x'
    """
    path = _decode(path.split("?", 1)[0].split("#", 1)[0])
    path = path.replace("\\", "/").replace("\x00", "")
    trailing = path.endswith("/") or path.endswith("/.") \
        or path.endswith("/..")
    parts = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    result = "/" + "/".join(parts)
    if trailing and parts:
        result += "/"
    return result.lower()


# DaCHS serves a product both as /getproduct/<accref> and as
# /getproduct?key=<accref>; both forms must meet the same prefix.
_KEY_PATHS = {"/getproduct": "key"}


def candidates(uri):
    """Every normal path a request URI may reach.

    Parameters
    ----------
    uri : str
        The original request URI, query included.

    Returns
    -------
    list of str
        The normal path, and for DaCHS's ``/getproduct?key=`` the path
        of the product the key names.
    """
    found = [normalize(uri)]
    base = found[0].rstrip("/")
    if base in _KEY_PATHS and "?" in uri:
        query = parse_qs(uri.split("?", 1)[1], keep_blank_values=True)
        for name, values in query.items():
            if name.lower() == _KEY_PATHS[base]:
                found.extend(normalize(f"{base}/{value}") for value in values)
    return found
