"""DaCHS 2.7 on Debian 12: ``/static/js/jquery-gavo.js`` answers 500.

Upstream bug
------------
Under the Debian package, DaCHS assembles ``jquery-gavo.js`` (loaded by
every HTML page) from Debian's JavaScript packages
(``gavo.web.ifpages.GavoJquery.PARTS``).  One of the parts,
``/usr/share/javascript/jquery-ui/ui/jquery-1-7.js``, is no longer in
Debian 12's ``libjs-jquery-ui`` (1.13: it became ``jquery-patch.js``),
so the request fails (FileNotFoundError, HTTP 500) and the forms'
JavaScript never loads.

Work-around
-----------
:func:`install` replaces, in ``PARTS``, every file that is missing
under ``INSTALL_ROOT`` by its successor named in :data:`SUCCESSORS`
(if that is there) or leaves it out.  It must run in the DaCHS process
(``python -m workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` is True while DaCHS's own list names a file that
is missing; once a DaCHS (or Debian) release fixes the list or the
package, ``test_dachs_jquery_bug_still_present`` in
tests/test_workarounds.py fails: remove this module and its entry in
``dachs_server.PATCHES``.
"""

import os

__all__ = ["SUCCESSORS", "bug_present", "install", "missing_parts"]

#: part of DaCHS's list -> the file of Debian 12 that took its place
SUCCESSORS = {"jquery-ui/ui/jquery-1-7.js": "jquery-ui/ui/jquery-patch.js"}


def _resource_class():
    from gavo.web import ifpages
    return ifpages.GavoJquery


def missing_parts(parts, root):
    """The file parts (str) of ``parts`` that are not under ``root``.

    Parameters
    ----------
    parts : sequence
        File names relative to ``root``, or file-like objects (kept).
    root : str
        The directory of the JavaScript packages.

    Returns
    -------
    list of str
    """
    return [part for part in parts if isinstance(part, str)
            and not os.path.exists(os.path.join(root, part))]


def bug_present():
    """Whether DaCHS's own list of parts names a missing file.

    Returns
    -------
    bool
    """
    cls = _resource_class()
    parts = getattr(cls, "_apdc_original_parts", cls.PARTS)
    return bool(missing_parts(parts, cls.INSTALL_ROOT))


def install():
    """Assemble jquery-gavo.js from the files that exist (idempotent).

    Returns
    -------
    bool
        True if this call changed the list.
    """
    cls = _resource_class()
    missing = set(missing_parts(cls.PARTS, cls.INSTALL_ROOT))
    if not missing:
        return False
    cls._apdc_original_parts = list(cls.PARTS)
    parts = []
    for part in cls.PARTS:
        if part not in missing:
            parts.append(part)
        elif not missing_parts([SUCCESSORS.get(part, part)],
                               cls.INSTALL_ROOT):
            parts.append(SUCCESSORS[part])
    cls.PARTS = parts
    return True
