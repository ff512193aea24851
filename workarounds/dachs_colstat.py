"""DaCHS 2.7: column ranges become attributes VODataService 1.1 rejects.

Upstream bug
------------
DaCHS writes the ``<values min max>`` of an RD column into its table
metadata (/tap/tables, VOSI, registry records) as prototype attributes
``g-colstat:min-value``/``g-colstat:max-value`` of ``vs:column``
(``gavo.registry.tableset``, ``Column.getStatistics``).  The
VODataService 1.1 schema allows no foreign attributes there, so STILTS
taplint reports two schema errors (E-TMV) per such column.  The RDs of
this project declare the ranges their readers check in ``<values min
max>`` (converters.rdschema), so every range would be such an error.

Work-around
-----------
:func:`install` makes ``getStatistics`` return nothing, so the table
metadata carries no g-colstat attributes (the ranges stay in the RD and
in the VOTable FIELDs' VALUES).  It must run in the DaCHS process:
``python -m workarounds.dachs_server ARGS`` runs ``dachs ARGS`` with it
(and the other DaCHS-side work-arounds) installed.

How to tell it is fixed
-----------------------
:func:`bug_present` is True while a column with a range still gives
statistics for the table metadata; once a DaCHS release stops writing
them (or writes them in a schema-valid way, and this test is adapted),
``test_dachs_colstat_bug_still_present`` in tests/test_workarounds.py
fails: remove this module and its use.
"""

from workarounds import patching

__all__ = ["bug_present", "install"]

_PROBE = """<table id="probe" onDisk="False">
  <column name="x" type="double precision"><values min="0" max="1"/></column>
</table>"""


def bug_present():
    """Whether DaCHS turns a column's range into g-colstat attributes.

    Returns
    -------
    bool
    """
    from gavo import base, rscdef
    probe = base.parseFromString(rscdef.TableDef, _PROBE)
    column = probe.getColumnByName("x")
    statistics = patching.original(rscdef.Column, "getStatistics")
    return bool(statistics(column))


def _no_statistics(self):
    """No column statistics for the table metadata (see the module)."""
    return {}


def install():
    """Keep DaCHS from writing g-colstat attributes (idempotent).

    Returns
    -------
    bool
        True if the work-around was installed by this call.
    """
    from gavo.rscdef import column
    return patching.replace(column.Column, "getStatistics", _no_statistics)
