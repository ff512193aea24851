"""DaCHS 2.7: static services list their directories and serve every file.

Upstream bug
------------
``gavo.web.constantrender.StaticRenderer`` answers the service's root
and every sub-directory of its ``staticData`` with a directory listing
(``ifpages.DirectoryLister``, ``static.File.directoryListing``), and
serves every file below ``staticData``; there is no way to switch the
listing off or to name the files a service is for.  So
``/kascade/files/static/`` listed the import's ``manifest.json``, and
``/kascade/docs/static/`` listed and served all of the project's
``docs/``.

Work-around
-----------
:func:`install` makes the static renderer answer directories (without
an ``indexFile``) with 403 and no listing, and, where the service has a
property ``staticFiles`` (blank-separated ``fnmatch`` patterns of the
file names meant to be served, e.g. ``*.h5 *.root``), answer every
other file with 404.  It must run in the DaCHS process (``python -m
workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` is True while DaCHS's own ``StaticRenderer.render``
makes a directory listing; once a DaCHS release stops listing (or can
be told not to, then use that), ``test_dachs_static_bug_still_present``
in tests/test_workarounds.py fails: remove this module, its entry in
``dachs_server.PATCHES`` and the ``staticFiles`` properties.
"""

import fnmatch
import inspect
import os
import posixpath

from workarounds import patching

__all__ = ["bug_present", "install", "is_served"]


def is_served(rel_path, patterns):
    """Whether a file below staticData is meant to be served.

    Parameters
    ----------
    rel_path : str
        The path below staticData ("/"-separated).
    patterns : str or None
        The service's ``staticFiles`` property; None serves every file.

    Returns
    -------
    bool
    """
    if patterns is None:
        return True
    name = posixpath.basename(rel_path)
    return not name.startswith(".") and any(
        fnmatch.fnmatchcase(rel_path, p) or fnmatch.fnmatchcase(name, p)
        for p in patterns.split())


def _render(self, request):
    """StaticRenderer.render without a directory listing (see module)."""
    from gavo import svcs
    if self.indexFile or not request.uri.endswith(b"/"):
        return patching.original(type(self), "render")(self, request)
    raise svcs.ForbiddenURI("No directory listings here; the files are "
                            "linked from the data centre's documents.")


def _get_child(self, name, request):
    """StaticRenderer.getChild: no listings, only the named files."""
    from gavo import svcs, utils
    segments = [s.decode("utf-8", "replace") for s in
                [utils.bytify(name)] + list(request.postpath)]
    if segments != [""] and self.staticPath is not None:
        rel_path = "/".join(segments)
        dest = os.path.join(self.staticPath, rel_path)
        if os.path.isdir(dest):
            raise svcs.ForbiddenURI("No directory listings here.")
        if not is_served(rel_path, self.service.getProperty("staticFiles",
                                                              None)):
            raise svcs.UnknownURI(f"No {rel_path} available here.")
    return patching.original(type(self), "getChild")(self, name,
                                                          request)


def bug_present():
    """Whether DaCHS's own static renderer makes directory listings.

    Returns
    -------
    bool
    """
    from gavo.web import constantrender
    cls = constantrender.StaticRenderer
    original = patching.original(cls, "render")
    return "DirectoryLister" in inspect.getsource(original)


def install():
    """No directory listings; only the staticFiles (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.web import constantrender
    cls = constantrender.StaticRenderer
    return patching.replace_all((cls, "getChild", _get_child),
                                (cls, "render", _render))
