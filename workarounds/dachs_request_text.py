"""DaCHS 2.7: a GET parameter that is not UTF-8, or holds a NUL, is a 500.

Upstream bug
------------
``gavo.web.common.Request._makeStrargs`` packs parameter values that do
not decode as UTF-8 into ``BinaryItem`` objects, meant for file
uploads.  A GET request has no uploads, yet the ``BinaryItem`` reaches
the code that parses the parameter: the cone search's ``VERB=%FF``
and ``MAXREC=%FF`` fail in ``int()`` (TypeError), a DataLink
``RESPONSEFORMAT=%FF`` in ``.lower()`` (AttributeError).  A NUL
character decodes, but psycopg2 refuses it in every SQL literal
(ValueError "A string literal cannot contain NUL (0x00) characters"):
``/crspectra/sdl/dlget?ID=%00`` and an OAI-PMH ``identifier=%00``.
All of them answer DaCHS's HTML "Uncaught Exception" page, status 500.
(Found by tests/test_live_fuzz.py.)

Work-around
-----------
:func:`install` wraps ``_makeStrargs``: in a GET request, a value that
is not UTF-8 is decoded with U+FFFD for the undecodable bytes and a NUL
becomes U+FFFD, so every service gets text and judges it as the bad
value it is, with its own VO error naming the parameter ("Field VERB:
'\ufffd' is not a valid literal", a DataLink NotFoundFault, an OAI-PMH
idDoesNotExist).  Left alone, because their own work-arounds answer
them with a specific message: the TAP ``QUERY``
(workarounds/dachs_binary_query.py) and /getproduct keys
(workarounds/dachs_product_keys.py).  POST bodies are untouched (their
BinaryItems are uploads).

How to tell it is fixed
-----------------------
:func:`bug_present` runs DaCHS's own ``_makeStrargs`` on a GET request
with ``VERB=%FF``; while it still gives a BinaryItem,
``test_dachs_request_text_bug_still_present`` passes.  Once it fails,
remove this module and its entry in ``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["as_text", "bug_present", "install"]

#: parameters whose raw value another work-around judges
_LEFT_ALONE = {"query"}
_REPLACEMENT = "\ufffd"


def as_text(value):
    """A GET parameter value as text DaCHS's services can judge.

    Parameters
    ----------
    value : str or object
        A value of ``strargs``: text, or a ``BinaryItem`` holding bytes
        that are not UTF-8.

    Returns
    -------
    str
        The text with NUL characters and undecodable bytes replaced by
        U+FFFD; other objects unchanged.
    """
    original = getattr(value, "original", None)
    if isinstance(original, bytes):
        value = original.decode("utf-8", "replace")
    if isinstance(value, str):
        return value.replace("\x00", _REPLACEMENT)
    return value


def _is_get_for_services(request):
    path = getattr(request, "path", b"") or b""
    if isinstance(path, bytes):
        path = path.decode("iso-8859-1")
    return request.fields is None and not path.startswith("/getproduct")


def _make_strargs(self):
    from gavo.web import common
    result = patching.original(common.Request, "_makeStrargs")(self)
    if _is_get_for_services(self):
        for key in list(result.keys()):
            if key.lower() not in _LEFT_ALONE:
                result[key] = [as_text(v) for v in result[key]]
    return result


class _GetRequest:
    """The two attributes ``_makeStrargs`` reads, of a GET request."""

    fields = None
    path = b"/tap/sync"

    def __init__(self, args):
        self.args = args


def bug_present():
    """Whether DaCHS still gives a BinaryItem for a non-UTF-8 GET value.

    Returns
    -------
    bool
    """
    from gavo.web import common
    upstream = patching.original(common.Request, "_makeStrargs")
    values = upstream(_GetRequest({b"VERB": [b"\xff"]}))["VERB"]
    return isinstance(values[0], common.BinaryItem)


def install():
    """Make GET parameter values text (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.web import common
    return patching.replace(common.Request, "_makeStrargs", _make_strargs)
