"""DaCHS 2.7: "not found" from DataLink/SODA dlget is an HTML page.

Upstream bug
------------
DataLink 1.1 (section 3.4) and SODA 1.0 want errors of the data
access (``dlget``) as DALI error documents: ``text/plain`` starting
with a fault name (``NotFoundFault: ...``).  DaCHS 2.7's
``gavo.web.vodal._DatalinkRendererBase._reportError`` writes such a
document only for ``ValidationError`` and ``EmptyData``; an unknown ID
(``DatalinkFault.NotFoundFault``, whose exception is ``UnknownURI``,
or any ``NotFoundError``) falls through to DaCHS's HTML 404 page.  So
every DataLink service whose descriptor generator returns a
NotFoundFault (the KASCADE event DataLink and previews, the spectra of
``//soda#sdm_genDesc`` ...) answered HTML.

Work-around
-----------
:func:`install` makes ``_reportError`` answer a ``NotFoundError`` (which
``UnknownURI`` is) with ``404`` and ``text/plain``
``NotFoundFault: <message>``, for every dlget and dlmeta service; other
errors are left as they were.  It must run in the DaCHS process
(``python -m workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` hands DaCHS's original ``_reportError`` an
``UnknownURI``; while it does not write an answer (it passes the
failure on to the HTML error page), the bug is there, and
``test_dachs_datalink_errors_bug_still_present`` in
tests/test_workarounds.py passes.  Once it fails, remove this module
and its entry in ``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["bug_present", "install"]


def _renderer_class():
    from gavo.web import vodal
    return vodal._DatalinkRendererBase


def _report_error(self, failure, request):
    """_reportError that also answers "not found" as DALI (see module)."""
    from gavo import base, utils
    from twisted.web import server
    if not failure.check(base.NotFoundError):
        return patching.original(type(self), "_reportError")(self, failure,
                                                           request)
    request.setHeader("content-type", "text/plain")
    request.setResponseCode(404)
    message = utils.safe_str(failure.value)
    if not message.startswith("NotFoundFault"):
        message = "NotFoundFault: " + message
    request.write(message + "\n")
    request.finish()
    return server.NOT_DONE_YET


class _Request:
    """Records what a renderer writes (for :func:`bug_present`)."""

    def __init__(self):
        self.written = []

    def setHeader(self, *args):
        self.written.append(args)

    def setResponseCode(self, code):
        self.written.append(code)

    def write(self, data):
        self.written.append(data)

    def finish(self):
        pass


def bug_present():
    """Whether DaCHS's own dlget error report ignores "not found".

    Returns
    -------
    bool
    """
    from gavo import svcs
    from twisted.python import failure
    cls = _renderer_class()
    original = patching.original(cls, "_reportError")
    request = _Request()
    try:
        original(None, failure.Failure(svcs.UnknownURI("probe")), request)
    except Exception:
        return True
    return not request.written


def install():
    """Answer "not found" of DataLink services as DALI (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    cls = _renderer_class()
    return patching.replace(cls, "_reportError", _report_error)
