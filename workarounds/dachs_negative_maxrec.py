"""DaCHS 2.7: a negative MAXREC gives internal messages.

Upstream bug
------------
DALI 1.1 (section 3.2.3) makes MAXREC a non-negative integer.  DaCHS
2.7 takes any integer: ``gavo.svcs.common.QueryMeta._fillDbOptions``
stores ``MAXREC=-1`` as the row limit, and SSA then fails with "list
assignment index out of range"; TAP passes ``MAXREC=-5`` to
PostgreSQL, which answers "LIMIT must not be negative" (with
workarounds/dachs_maxrec.py it was silently read as 0).

Work-around
-----------
:func:`install` refuses a negative MAXREC with a ``ValidationError``
on MAXREC (a DALI error document) in two places: in ``Service.run``
(every DaCHS service: SCS, SSA, TAP sync, DataLink), after
``QueryMeta._fillDbOptions`` noted it (the renderers build their
QueryMeta before their error handling starts), and in the ``_preprocess_maxrec`` hook that
``UWSJob.setPar`` calls for async TAP jobs.

How to tell it is fixed
-----------------------
:func:`bug_present` builds a QueryMeta from ``MAXREC=-1`` with DaCHS's
original ``_fillDbOptions``; while that keeps -1 as the limit, the
bug is there.  Once ``test_dachs_negative_maxrec_bug_still_present``
fails, remove this module and its entry in ``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["check_maxrec", "bug_present", "install"]


def check_maxrec(value):
    """The message for a MAXREC value DALI does not allow, or None.

    Parameters
    ----------
    value : int or None

    Returns
    -------
    str or None
    """
    if value is None or int(value) >= 0:
        return None
    return f"MAXREC must be a non-negative integer, not {int(value)}."


def _refuse(value):
    from gavo import base
    message = check_maxrec(value)
    if message:
        raise base.ValidationError(message, "MAXREC")


_KEY = "apdc_maxrec_problem"


def _fill_db_options(self, args):
    """QueryMeta._fillDbOptions noting a negative MAXREC (see module).

    The renderers build their QueryMeta before their error handling
    starts, so the refusal waits for :func:`_run_service`.
    """
    from gavo import svcs
    patching.original(svcs.QueryMeta, "_fillDbOptions")(self, args)
    if "MAXREC" in args and check_maxrec(self.get("dbLimit")):
        self[_KEY] = self["dbLimit"]
        # not 0: the DAL renderers answer MAXREC=0 with metadata, before
        # the service runs
        self["dbLimit"] = self.defaultLimit


def _run_service(self, renderer, args, queryMeta):
    """Service.run refusing what _fill_db_options noted (see module)."""
    from gavo import svcs
    if _KEY in queryMeta:
        _refuse(queryMeta[_KEY])
    return patching.original(svcs.Service, "run")(self, renderer, args,
                                                  queryMeta)


def _preprocess_maxrec(self, value):
    """TAPJob._preprocess_maxrec: refuse a negative MAXREC (see module)."""
    _refuse(value)
    upstream = patching.original(type(self), "_preprocess_maxrec")
    return value if upstream is None else upstream(self, value)


def bug_present():
    """Whether DaCHS still keeps MAXREC=-1 as a row limit.

    Returns
    -------
    bool
    """
    from gavo import svcs

    class _Probe(dict):
        defaultLimit = 100
    probe = _Probe()
    try:
        patching.original(svcs.QueryMeta, "_fillDbOptions")(
            probe, {"MAXREC": "-1"})
    except Exception:
        return False
    return probe.get("dbLimit") == -1


def install():
    """Refuse negative MAXREC everywhere (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo import svcs
    from gavo.protocols import tap
    return patching.replace_all(
        (tap.TAPJob, "_preprocess_maxrec", _preprocess_maxrec),
        (svcs.Service, "run", _run_service),
        (svcs.QueryMeta, "_fillDbOptions", _fill_db_options))
