"""DaCHS 2.7: an inline (param:) upload in a GET leaks a Python message.

Upstream bug
------------
``gavo.protocols.tap.mangleUploads`` resolves ``UPLOAD=t,param:x`` as
``request.fields["x"]``.  A GET request (or any request without a
multipart body) has no fields: ``request.fields`` is None, and the
client gets the TypeError's text as the DALI error, "'NoneType' object
is not subscriptable", instead of DaCHS's own "No inline upload 'x'
found".  (Found by tests/test_live_fuzz.py.)

Work-around
-----------
:func:`install` wraps ``mangleUploads``: for a request without fields,
a ``param:`` upload is refused with ``ValidationError`` on UPLOAD
("No inline upload 'x' found: an inline upload is a file part of a
multipart/form-data POST"), which TAP answers as a DALI error
document.  Everything else goes to DaCHS unchanged (upload URLs are
checked by workarounds/dachs_upload_fetch.py).

How to tell it is fixed
-----------------------
:func:`bug_present` gives DaCHS's own ``mangleUploads`` such a request;
while it raises TypeError, ``test_dachs_inline_upload_bug_still_present``
passes.  Once it fails, remove this module and its entry in
``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["inline_upload_problem", "bug_present", "install"]


def inline_upload_problem(upload_values, has_fields):
    """The message for inline uploads a request cannot carry, or None.

    Parameters
    ----------
    upload_values : list of str
        The request's UPLOAD values.
    has_fields : bool
        Whether the request has a (multipart) body with fields.

    Returns
    -------
    str or None
    """
    from gavo import base
    from gavo.protocols import tap
    spec = ";".join(v for v in upload_values if isinstance(v, str))
    if has_fields or not spec:
        return None
    try:
        uploads = tap.parseUploadString(spec)
    except base.Error:  # DaCHS's own message for a malformed UPLOAD
        return None
    for _, upload in uploads:
        if upload.startswith("param:"):
            return (f"No inline upload '{upload[6:]}' found: an inline "
                    "upload is a file part of a multipart/form-data POST.")
    return None


def _mangle_uploads(request):
    from gavo import base
    from gavo.protocols import tap
    problem = inline_upload_problem(request.strargs.get("upload", []),
                                    request.fields is not None)
    if problem:
        raise base.ValidationError(problem, "UPLOAD")
    return patching.original(tap, "mangleUploads")(request)


class _GetRequest:
    """A request without a body, with one inline UPLOAD."""

    fields = None

    def __init__(self):
        self.strargs = {"upload": ["t,param:x"]}


def bug_present():
    """Whether DaCHS still fails with a TypeError on a bodiless param: upload.

    Returns
    -------
    bool
    """
    from gavo.protocols import tap
    try:
        patching.original(tap, "mangleUploads")(_GetRequest())
    except TypeError:
        return True
    except Exception:
        return False
    return False


def install():
    """Refuse inline uploads of bodiless requests cleanly (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import tap
    return patching.replace(tap, "mangleUploads", _mangle_uploads)
