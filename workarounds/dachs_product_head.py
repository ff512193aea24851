"""DaCHS 2.7: HEAD on a /getproduct file never answers.

Upstream bug
------------
``gavo.protocols.products.FileProduct.render`` hands the request to
Twisted's ``static.File.render``, from a Deferred's callback of
``ProductRenderer``.  For HEAD, ``static.File`` sets the headers and
returns ``b""``, expecting its caller to finish the request; the
callback drops that return value, so nobody finishes the request and
the client waits forever (``curl -I`` on the ``#this`` link of every
H.E.S.S. run hung; GET worked).

Work-around
-----------
:func:`install` wraps ``FileProduct.render`` (and so every product
class that inherits it): when Twisted returned the bytes of a
finished answer (HEAD's empty body) and the request is still open, the
wrapper writes them and finishes the request.  HEAD then answers with
GET's status and headers (Content-Length, Content-Type,
Last-Modified) and no body.

How to tell it is fixed
-----------------------
:func:`bug_present` renders a FileProduct of a temporary file for a
HEAD probe request with DaCHS's original method; while the request is
left unfinished, the bug is there and
``test_dachs_product_head_bug_still_present`` passes.  Once it fails,
remove this module and its entry in ``dachs_server.PATCHES``.
"""

import os
import tempfile

from workarounds import patching

__all__ = ["bug_present", "install"]


def _render(self, request):
    """FileProduct.render that finishes what static.File left open."""
    from gavo.protocols import products
    result = patching.original(products.FileProduct, "render")(self, request)
    if isinstance(result, bytes) and not getattr(request, "finished", False):
        if result:
            request.write(result)
        request.finish()
        return None
    return result


def bug_present():
    """Whether DaCHS's FileProduct.render leaves a HEAD request open.

    Returns
    -------
    bool
    """
    from twisted.web.test.requesthelper import DummyRequest
    from gavo.protocols import products

    class _Product:
        forSaving = False
        pr = {"mime": "text/plain"}

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "probe.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("probe")
        product = _Product()
        product.rAccref = type("RAccref", (), {"localpath": path})()
        request = DummyRequest([b""])
        request.method = b"HEAD"
        patching.original(products.FileProduct, "render")(product, request)
        return request.finished == 0


def install():
    """Make HEAD on file products answer (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import products
    return patching.replace(products.FileProduct, "render", _render)
