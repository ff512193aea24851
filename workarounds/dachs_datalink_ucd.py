"""DaCHS 2.7: the DataLink response gives ``service_def`` the wrong UCD.

Upstream bug
------------
DataLink 1.0 and 1.1 (section 3.2) give the ``service_def`` column of a
links document the UCD ``meta.ref``; DaCHS 2.7's system table
``//datalink#dlresponse`` declares ``meta.code``, so STILTS
datalinklint reports ``E-RUCD-1 Wrong UCD for column service_def;
meta.code != meta.ref`` for every links document of every DataLink
service (kascade, hess_dr1, icecube_ps, ...).

Work-around
-----------
:func:`install` makes ``DatalinkCoreBase.getDatalinksResource`` (which
writes every links document) set the column's UCD to ``meta.ref`` in
the loaded ``//datalink`` RD before it builds the response; it does so
on every call, since the RD cache may reload the system RD at any
time.  It must run in the DaCHS process (``python -m
workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` parses ``//datalink`` afresh (not from the cache
the patch corrects) and is True while its ``service_def`` says
anything but ``meta.ref``; once ``test_dachs_datalink_ucd_bug_still_present``
in tests/test_workarounds.py fails, remove this module and its entry in
``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["STANDARD_UCD", "bug_present", "install"]

#: The UCD DataLink gives the service_def column.
STANDARD_UCD = "meta.ref"


def _core_class():
    from gavo.protocols import datalink
    return datalink.DatalinkCoreBase


def _service_def(rd):
    return rd.getById("dlresponse").getColumnByName("service_def")


def _get_datalinks_resource(self, ctx, service):
    """getDatalinksResource with DataLink's service_def UCD (see module)."""
    from gavo import base
    column = _service_def(base.caches.getRD("//datalink"))
    if column.ucd != STANDARD_UCD:
        column.ucd = STANDARD_UCD
    return patching.original(type(self), "getDatalinksResource")(
        self, ctx, service)


def bug_present():
    """Whether DaCHS's own ``//datalink`` still gets the UCD wrong.

    Returns
    -------
    bool
    """
    from gavo import rscdesc
    return _service_def(rscdesc.getRD("//datalink")).ucd != STANDARD_UCD


def install():
    """Give service_def DataLink's UCD in every links document (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    return patching.replace(_core_class(), "getDatalinksResource",
                            _get_datalinks_resource)
