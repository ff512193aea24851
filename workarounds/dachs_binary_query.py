"""DaCHS 2.7: a QUERY that is not UTF-8 fails with a pickling message.

Upstream bug
------------
``gavo.web.common.Request._makeStrargs`` keeps parameter values that
do not decode as UTF-8 as ``BinaryItem`` objects.  TAP then stores the
parameters of the (sync or async) job in the database as a pickle, and
``BinaryItem`` refuses to be pickled: the client gets "You cannot (and
should not) pickle BinaryItems", a message about DaCHS's internals
rather than about its QUERY.

Work-around
-----------
:func:`install` gives ``TAPJob`` the hook DaCHS's ``UWSJob.setPar``
calls for a parameter, ``_preprocess_query``: a value that is not text
is refused with ``ValidationError`` on QUERY ("QUERY is not UTF-8
text"), which TAP answers as a DALI error document (sync) or a 400
(async job creation), before anything is stored.

How to tell it is fixed
-----------------------
:func:`bug_present` pickles a ``BinaryItem``; while that fails and
TAPJob has no ``_preprocess_query`` of its own, the bug is there, and
``test_dachs_binary_query_bug_still_present`` passes.  Once it fails,
remove this module and its entry in ``dachs_server.PATCHES``.
"""

import pickle

from workarounds import patching

__all__ = ["check_query", "bug_present", "install"]


def check_query(value):
    """The message for a QUERY value that is not text, or None.

    Parameters
    ----------
    value : object
        The parsed QUERY (a str, or DaCHS's BinaryItem for bytes that
        are not UTF-8).

    Returns
    -------
    str or None
    """
    if value is None or isinstance(value, str):
        return None
    return ("QUERY is not UTF-8 text: send the ADQL query encoded in UTF-8 "
            "(non-ASCII characters are allowed only inside string literals "
            "and quoted identifiers).")


def _preprocess_query(self, value):
    """TAPJob._preprocess_query: refuse binary QUERY values (see module)."""
    from gavo import base
    message = check_query(value)
    if message:
        raise base.ValidationError(message, "QUERY")
    upstream = patching.original(type(self), "_preprocess_query")
    return value if upstream is None else upstream(self, value)


def bug_present():
    """Whether DaCHS still fails pickling a non-UTF-8 parameter.

    Returns
    -------
    bool
    """
    from gavo.protocols import tap
    from gavo.web import common
    if patching.original(tap.TAPJob, "_preprocess_query") is not None:
        return False
    try:
        pickle.dumps(common.BinaryItem(b"\xff"))
    except Exception:
        return True
    return False


def install():
    """Refuse non-UTF-8 QUERY values cleanly (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import tap
    return patching.replace(tap.TAPJob, "_preprocess_query", _preprocess_query)
