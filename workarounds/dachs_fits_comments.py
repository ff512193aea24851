"""DaCHS 2.7: FITS column descriptions get "= " inside long texts.

Upstream bug
------------
DaCHS writes a column's description into the FITS header of a table
(``TCOMMn``, and the comment of ``TTYPEn``) after making it ASCII with
``gavo.utils.defuseFileName``, a quoted-printable encoding
(``quopri.encodestring``).  Quoted-printable breaks lines after 76
characters with a soft line break ``=`` + newline, which DaCHS then turns
into a blank: every description longer than that reads, e.g., "built
from the experim= ent, run and event number" (issue 17, item 9).  File
names passed through the same function get the same damage.

Work-around
-----------
:func:`install` puts :func:`defuse` in place of ``defuseFileName``: the
same encoding without the soft line breaks (non-ASCII bytes still become
``=XX``, which FITS headers need; ``=`` itself ``=3D``).  astropy writes
long values with the CONTINUE convention, so the whole description
arrives.  It must run in the DaCHS process (``python -m
workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` passes a long ASCII text through DaCHS's own
function; once a DaCHS release returns it unchanged,
``test_dachs_fits_comments_bug_still_present`` in tests/test_workarounds.py
fails: remove this module and its entry in ``dachs_server.PATCHES``.
"""

import quopri

from workarounds import patching

__all__ = ["bug_present", "defuse", "install"]

_SAMPLE = ("Publisher's dataset identifier of the event (stable: built from "
           "the experiment, run and event number).")


def defuse(fName, replaceSlash=True):
    """``defuseFileName`` without quoted-printable's line breaks.

    Parameters
    ----------
    fName : str
    replaceSlash : bool
        Also encode ``/`` (as ``=2F``), as DaCHS does for file names.

    Returns
    -------
    str
        ASCII only, one line for one-line input.
    """
    from gavo.utils import texttricks
    encoded = quopri.encodestring(fName.encode("utf-8")).replace(b"=\n", b"")
    if not fName.endswith("\n") and encoded.endswith(b"\n"):
        encoded = encoded[:-1]
    res = encoded.translate(texttricks.DEFUSE_NONPRINTABLE).decode("ascii")
    return res.replace("/", "=2F") if replaceSlash else res


def bug_present():
    """Whether DaCHS's defuseFileName breaks a long ASCII text.

    Returns
    -------
    bool
    """
    from gavo.utils import texttricks
    upstream = patching.original(texttricks, "defuseFileName")
    return upstream(_SAMPLE, False) != _SAMPLE


def install():
    """Use :func:`defuse` wherever DaCHS defuses a text (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    import gavo.utils
    from gavo.utils import texttricks
    # gavo.utils re-exports it; fitstable calls it as utils.defuseFileName
    return patching.replace_all((texttricks, "defuseFileName", defuse),
                                (gavo.utils, "defuseFileName", defuse))
