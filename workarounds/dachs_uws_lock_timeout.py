"""DaCHS 2.7: a loaded server fails TAP queries on a 100 ms jobs-table timeout.

Upstream bug
------------
``gavo.protocols.uws`` runs every statement on the UWS jobs table --
creating a job (TAP sync queries are jobs too), changing its phase --
under ``statement_timeout`` = ``_DEFAULT_LOCK_TIMEOUT``, 0.1 s, meant to
catch a stale lock on the table.  On a busy machine an ordinary INSERT
or UPDATE of a job row can take longer than that, and DaCHS then answers
the query with "Could not access the jobs table.  This probably means
there is a stale lock on it" (``UWS.runCanned``).  The soak test of a
clean checkout (20 clients, 2 cores) lost one TAP sync query of 816
this way.  The default is bound twice: read at call time by
``UWS.getNewJobId``, but frozen as the default argument of
``UWS.changeableJob`` and ``UWS.changeToPhase`` when the module loads.

Work-around
-----------
:func:`install` sets the module's default to :data:`LOCK_TIMEOUT` and
puts in place of the two methods ones whose default is that value (an
explicit timeout, such as TAP's 10 s for phase changes, is passed on
unchanged).  A real stale lock still gives DaCHS's error, after
:data:`LOCK_TIMEOUT` instead of 0.1 s.

How to tell it is fixed
-----------------------
:func:`bug_present` reads DaCHS's own default; while it is below 1 s
the bug is there.  Once ``test_dachs_uws_lock_timeout_bug_still_present``
fails, remove this module and its entry in ``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["LOCK_TIMEOUT", "bug_present", "install"]

#: Seconds a statement on the jobs table may take (DaCHS: 0.1): longer
#: than any queue on a loaded 2-core server, short enough that a stale
#: lock still surfaces as an error within one request.
LOCK_TIMEOUT = 5.0


def _changeable_job(self, jobId, timeout=LOCK_TIMEOUT):
    """UWS.changeableJob with :data:`LOCK_TIMEOUT` as the default."""
    from gavo.protocols import uws
    return patching.original(uws.UWS, "changeableJob")(
        self, jobId, timeout=timeout)


def _change_to_phase(self, jobId, newPhase, input=None,
                     timeout=LOCK_TIMEOUT):
    """UWS.changeToPhase with :data:`LOCK_TIMEOUT` as the default."""
    from gavo.protocols import uws
    return patching.original(uws.UWS, "changeToPhase")(
        self, jobId, newPhase, input, timeout)


def bug_present():
    """True while DaCHS's own jobs-table timeout is below a second."""
    from gavo.protocols import uws
    return patching.original(uws, "_DEFAULT_LOCK_TIMEOUT") < 1


def install():
    """Apply the work-around (see module); True if this call changed it."""
    from gavo.protocols import uws
    return patching.replace_all(
        (uws, "_DEFAULT_LOCK_TIMEOUT", LOCK_TIMEOUT),
        (uws.UWS, "changeableJob", _changeable_job),
        (uws.UWS, "changeToPhase", _change_to_phase))
