"""DaCHS 2.7 writes ``securityMethod/@standardId`` instead of ``@standardID``.

Upstream bug
------------
VOResource 1.1 names the attribute of ``securityMethod`` that gives the
authentication standard ``standardID``.  DaCHS 2.7's registry model
(``gavo.registry.model.VOR.securityMethod``) writes it as
``standardId``, so clients that read capabilities by the schema (pyvo's
``AuthSession.update_from_capabilities``, TOPCAT) see a security method
without a standard and fall back to anonymous access, which a protected
service refuses (401).

Work-around
-----------
:func:`install` tells DaCHS's XML serialiser the schema's name of the
attribute.  It must run in the DaCHS process; ``python -m
workarounds.dachs_server ARGS`` runs ``dachs ARGS`` with it.

How to tell it is fixed
-----------------------
:func:`bug_present` is True while DaCHS, unpatched, writes
``standardId``; once a DaCHS release writes ``standardID``,
``test_dachs_security_method_bug_still_present`` in
tests/test_workarounds.py fails: remove this module and its use.
"""

__all__ = ["bug_present", "install"]

_SCHEMA_NAME = "standardID"


def _element_class():
    from gavo.registry.model import VOR
    return VOR.securityMethod


def bug_present():
    """Whether unpatched DaCHS writes ``standardId``.

    Returns
    -------
    bool
    """
    cls = _element_class()
    original = getattr(cls, "_apdc_original_name", None)
    name = original if original is not None else getattr(
        cls, "_name_a_standardId", "standardId")
    return name != _SCHEMA_NAME


def install():
    """Make DaCHS write the schema's attribute name (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    cls = _element_class()
    if getattr(cls, "_name_a_standardId", None) == _SCHEMA_NAME:
        return False
    cls._apdc_original_name = getattr(cls, "_name_a_standardId",
                                      "standardId")
    cls._name_a_standardId = _SCHEMA_NAME
    return True
