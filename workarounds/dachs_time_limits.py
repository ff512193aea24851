"""DaCHS 2.7: ``dachs limits`` fails on a time.start/time.end column.

Upstream bug
------------
``gavo.user.info.getTimeLimitsExprs`` (DaCHS 2.7) finds a table's
temporal coverage from, among others, a column with the UCD exactly
``time.start`` (and one with ``time.end``).  That branch returns
``((min, max), transformer)`` instead of ``(min, max, transformer)``,
so ``iterScalarLimits`` fails unpacking it (ValueError: not enough
values to unpack) and ``dachs limits`` stops for every RD whose
``<coverage>`` source table has such a column: the RD's coverage (the
spatial one too) is then not updated.

Work-around
-----------
Tables that are a coverage source carry no column with the bare UCDs
``time.start``/``time.end``; hess_dr1.observations says
``time.start;obs``/``time.end;obs`` (which is more precise anyway), and
its coverage is spatial only.  :func:`offending_columns` finds columns
that would trigger the bug (tests/test_workarounds.py runs it over the
project's RDs).

How to tell it is fixed
-----------------------
:func:`bug_present` calls DaCHS's function on a probe table; once it
returns False (a DaCHS release that returns three values), the live
test ``test_dachs_time_limits_bug_still_present`` fails.  Then delete
this module and its tests, and, if wanted, give hess_dr1 a temporal
coverage (``<temporal/>`` in its ``<coverage>``).
"""

__all__ = ["AVOIDED_UCDS", "offending_columns", "bug_present"]

#: The UCDs that make DaCHS 2.7's limits code fail.
AVOIDED_UCDS = ("time.start", "time.end")

_PROBE = """<table id="probe" onDisk="False">
  <column name="t_lo" type="double precision" unit="d" ucd="time.start"/>
  <column name="t_hi" type="double precision" unit="d" ucd="time.end"/>
</table>"""


def offending_columns(columns):
    """The columns whose UCD would make ``dachs limits`` fail.

    Parameters
    ----------
    columns : iterable of (str, str)
        (name, UCD) of the columns of a coverage source table.

    Returns
    -------
    list of str
        The names of the columns with a UCD in :data:`AVOIDED_UCDS`.
    """
    return [name for name, ucd in columns
            if (ucd or "").strip().lower() in AVOIDED_UCDS]


def bug_present():
    """Whether the installed DaCHS still has the bug.

    Returns
    -------
    bool
        True if ``getTimeLimitsExprs`` of a table with time.start and
        time.end columns does not return (min, max, transformer).
    """
    from gavo import base, rscdef
    from gavo.user import info
    probe = base.parseFromString(rscdef.TableDef, _PROBE)
    try:
        result = info.getTimeLimitsExprs(probe)
    except base.NotFoundError:
        return False
    return len(result) != 3
