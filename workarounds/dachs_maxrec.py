"""DaCHS 2.7: TAP's MAXREC and ADQL's TOP give too many rows or false overflows.

Upstream bug
------------
``gavo.protocols.adqlglue._updateMatchLimits`` (DaCHS 2.7) combines the
protocol's MAXREC with the query's TOP so that

* ``MAXREC=10`` with ``TOP 100`` returns 11 rows (it queries MAXREC+1
  rows to detect the overflow and delivers them all);
* ``MAXREC=0`` with ``TOP`` returns 1 row;
* without TOP, ``MAXREC=9`` on a table of 9 rows reports OVERFLOW (it
  queries exactly MAXREC rows and calls "as many as MAXREC" overflow).

DALI 1.1 (section 3.2.3) wants at most MAXREC rows and the overflow
indicator only when rows were left out.

Work-around
-----------
:func:`install` makes the query ask for MAXREC+1 rows (or TOP, if
smaller), delivers at most MAXREC of them, and marks the overflow only
when the (MAXREC+1)-th row was there.  The limit that DaCHS keeps as
``overflowLimit`` becomes an :class:`OverflowLimit`, an int that
records whether the extra row came, so that the VOTable writer's
``OverflowElement`` asks it.  Async jobs run in a process of their
own (``gavo taprun``); the work-around starts them through
``workarounds.dachs_server`` too, so that they have it.

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's original function for the limits of
``TOP 100`` with ``MAXREC=10``; while it sets the query's limit to 11
and says that 11 rows are an overflow, the bug is there.  Once that
changes, ``test_dachs_maxrec_bug_still_present`` in
tests/test_workarounds.py fails: remove this module and its entry in
``dachs_server.PATCHES``.
"""

import sys
from pathlib import Path

from workarounds import patching

__all__ = ["OverflowLimit", "bug_present", "install", "match_limits"]

_PROJECT_DIR = str(Path(__file__).resolve().parents[1])


class OverflowLimit(int):
    """MAXREC+1: the row count that means overflow, and whether it came.

    ``limit <= delivered`` (DaCHS's OverflowElement test) is true once
    the row after MAXREC was seen, however many rows were delivered.
    """

    def __new__(cls, maxrec):
        self = super().__new__(cls, maxrec + 1)
        self.maxrec = maxrec
        self.overflowed = False
        return self

    def __le__(self, other):
        return self.overflowed


def match_limits(set_limit, maxrec, hard_limit, default_maxrec):
    """The SQL row limit and the overflow limit for TOP and MAXREC.

    Parameters
    ----------
    set_limit : int or None
        The query's TOP.
    maxrec, hard_limit, default_maxrec : int or None
        The protocol's MAXREC and the server's hard and default MAXREC.

    Returns
    -------
    (int, OverflowLimit)
        The query's new limit and the overflow limit (MAXREC+1).
    """
    maxrec = default_maxrec if maxrec is None else maxrec
    maxrec = max(0, min(int(maxrec), int(hard_limit)))
    limit = maxrec + 1
    if set_limit is not None and int(set_limit) < limit:
        limit = int(set_limit)
    return limit, OverflowLimit(maxrec)


def _update_match_limits(tree, maxrec, hardLimit):
    """adqlglue._updateMatchLimits as DALI wants it (see the module)."""
    from gavo import base
    hard = base.getConfig("async", "hardMAXREC") if hardLimit is None \
        else hardLimit
    tree.setLimit, overflow = match_limits(
        tree.setLimit, maxrec, hard, base.getConfig("async", "defaultMAXREC"))
    tree.overflowLimit = None
    return overflow


def _truncating_iter(self):
    """QueryTable.__iter__ that stops at MAXREC rows (see the module)."""
    limit = getattr(self.tableDef, "overflowLimit", None)
    rows = patching.original(type(self), "__iter__")(self)
    if not isinstance(limit, OverflowLimit):
        yield from rows
        return
    for count, row in enumerate(rows):
        if count < limit.maxrec:
            yield row
        else:                    # read on, so that the cursor is closed
            limit.overflowed = True


def _command_line(self, wjob):
    """TAPTransitions.getCommandLine: the runner with the work-arounds."""
    code = (f"import sys; sys.path.insert(0, {_PROJECT_DIR!r}); "
            "from workarounds import dachs_server; "
            "sys.exit(dachs_server.main())")
    return sys.executable, [sys.executable, "-c", code, "--ui", "stingy",
                            "taprun", "--", str(wjob.jobId)]


def bug_present():
    """Whether DaCHS's own limits give 11 rows for MAXREC=10 and TOP 100.

    Returns
    -------
    bool
    """
    from gavo.protocols import adqlglue

    class _Tree:
        setLimit = 100
    original = patching.original(adqlglue, "_updateMatchLimits")
    tree = _Tree()
    overflow = original(tree, 10, 1000)
    return int(tree.setLimit) == 11 and int(overflow) == 11


def install():
    """Apply the MAXREC rules of DALI in this process (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo import rsc
    from gavo.protocols import adqlglue, tap
    return patching.replace_all(
        (rsc.QueryTable, "__iter__", _truncating_iter),
        (tap.TAPTransitions, "getCommandLine", _command_line),
        (adqlglue, "_updateMatchLimits", _update_match_limits))
