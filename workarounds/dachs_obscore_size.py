"""DaCHS 2.7: ObsCore's DataLink gives content_length as kB times 1024.

Upstream bug
------------
The DataLink service of ``ivoa.obscore`` (``//obscore#dl``) builds the
``#this`` link of a data set from its ObsCore row and writes
``content_length = access_estsize * 1024``.  ``access_estsize`` is an
estimate in whole kB, so the length is wrong for almost every file
(a 53,936-byte KASCADE run file is declared 53,248 bytes), while
DataLink 1.1 defines content_length as the size in bytes; clients that
check downloads against it (or pre-allocate) fail.

Work-around
-----------
:func:`install` makes the links of that service's descriptor
(``ObscoreDescriptor``) carry the real size when the access URL is a
file of a static service of this server (``<rd>/<service>/static/<path>``
below the service's ``staticData``); other links keep DaCHS's value.
It must run in the DaCHS process (``python -m
workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` looks for ``access_estsize"]*1024`` in DaCHS's own
``//obscore`` RD; once a DaCHS release stops deriving content_length
from the estimate, ``test_dachs_obscore_size_bug_still_present`` in
tests/test_workarounds.py fails: remove this module and its entry in
``dachs_server.PATCHES``.
"""

import os
import re
import urllib.parse

from workarounds import patching

__all__ = ["bug_present", "install", "static_file"]

_DESCRIPTOR_CLASS = "ObscoreDescriptor"


def static_file(url, server_url, lookup):
    """The local path of a static service's file at ``url``, or None.

    Parameters
    ----------
    url : str
        An access URL.
    server_url : str
        This server's public URL.
    lookup : callable
        ``lookup(rd_id, service_id)`` -> the directory the service serves
        (its RD's resdir joined with staticData), or None.

    Returns
    -------
    str or None
    """
    if not url or not url.startswith(server_url.rstrip("/") + "/"):
        return None
    path = urllib.parse.unquote(
        urllib.parse.urlsplit(url[len(server_url.rstrip("/")):]).path)
    match = re.fullmatch(r"/(.+)/([^/]+)/static/(.+)", path)
    if match is None:
        return None
    root = lookup(match.group(1), match.group(2))
    if root is None:
        return None
    root = os.path.abspath(root)
    local = os.path.abspath(os.path.join(root, match.group(3)))
    if not local.startswith(root + os.sep) or not os.path.isfile(local):
        return None
    return local


def _served_directory(rd_id, service_id):
    """The directory a static service serves, or None."""
    from gavo import base
    try:
        service = base.caches.getRD(rd_id).getById(service_id)
        return os.path.join(service.rd.resdir,
                            service.getProperty("staticData"))
    except Exception:       # no such RD, service or property: not static
        return None


def _make_link(self, url, **kwargs):
    """ProductDescriptor.makeLink with exact sizes (see the module)."""
    if type(self).__name__ == _DESCRIPTOR_CLASS and kwargs.get(
            "contentLength") is not None:
        from gavo import base
        local = static_file(url, base.getConfig("web", "serverURL"),
                            _served_directory)
        if local is not None:
            kwargs["contentLength"] = os.path.getsize(local)
    return patching.original(type(self), "makeLink")(self, url, **kwargs)


def bug_present():
    """Whether DaCHS's ObsCore DataLink multiplies the kB estimate.

    Returns
    -------
    bool
    """
    from gavo import base
    with base.openDistFile("inputs/__system__/obscore.rd", "rb") as f:
        text = f.read().decode("utf-8")
    return bool(re.search(r'access_estsize"\]\s*\*\s*1024', text))


def install():
    """Give ObsCore's links the files' real sizes (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import datalink
    cls = datalink.ProductDescriptor
    return patching.replace(cls, "makeLink", _make_link)
