"""DaCHS 2.7: /getproduct without a key or with a NUL byte is an HTML 500.

Upstream bug
------------
``gavo.web.productrender.ProductRenderer.render`` builds the product
key with ``RAccref.fromRequest`` and looks it up in PostgreSQL.
``GET /getproduct/`` (no key) raises ``ValidationError`` ("Must give
key when constructing RAccref") and a key with a NUL byte
(``/getproduct?key=a%00b``) makes psycopg2 raise ``ValueError`` ("A
string literal cannot contain NUL (0x00) characters"); both reach
DaCHS's "Uncaught Exception" HTML page with status 500.

Work-around
-----------
:func:`install` checks the key in front of ``ProductRenderer.render``:
no key is a 400 and a key with a NUL byte (or another control
character, which no product key of this site has) a 404, both
``text/plain`` DALI-style messages ("UsageFault: ...",
"NotFoundFault: ...") naming the parameter.  Everything else goes to
DaCHS unchanged.

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's ``RAccref.fromPathAndArgs`` for an
empty key and for a key with a NUL byte; while the first raises
ValidationError (which the product renderer does not catch) and the
second is accepted (psycopg2 then fails), the bug is there:
``test_dachs_product_keys_bug_still_present`` passes.  Once it fails,
remove this module and its entry in ``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["key_problem", "bug_present", "install"]


def key_problem(path, key_args):
    """(status, message) for a product request DaCHS cannot serve, or None.

    Parameters
    ----------
    path : str
        The path after /getproduct/.
    key_args : list of str
        The values of the ``key`` parameter (the old form of the URL).

    Returns
    -------
    tuple or None
    """
    key = path.strip("/").strip() or (key_args[-1] if key_args else "")
    if not key.strip():
        return 400, ("UsageFault: no product key: ask for "
                     "/getproduct/<key> (the access URL of a product).")
    if any(ord(char) < 32 for char in key):
        return 404, ("NotFoundFault: no product has the key given "
                     "(it contains control characters).")
    return None


def _render(self, request):
    """ProductRenderer.render with the key checked first (see module)."""
    from gavo.web import productrender
    problem = key_problem(self.pathFromSegments,
                          request.strargs.get("key", []))
    if problem is None:
        return patching.original(productrender.ProductRenderer, "render")(
            self, request)
    status, message = problem
    request.setResponseCode(status)
    request.setHeader("content-type", "text/plain;charset=utf-8")
    return (message + "\n").encode("utf-8")


def bug_present():
    """Whether DaCHS still fails on empty and NUL product keys.

    Returns
    -------
    bool
    """
    from gavo import base
    from gavo.protocols import products
    try:
        products.RAccref.fromPathAndArgs("", {})
    except base.ValidationError:
        pass
    else:
        return False
    try:
        products.RAccref.fromPathAndArgs("a\x00b", {})
    except Exception:
        return False
    return True


def install():
    """Answer missing and NUL product keys cleanly (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.web import productrender
    return patching.replace(productrender.ProductRenderer, "render", _render)
