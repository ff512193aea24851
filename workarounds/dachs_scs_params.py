"""DaCHS 2.7: cone searches take any RA, DEC and SR to the database.

Upstream bug
------------
The SCS parameters of ``//scs#coreDescs`` (``//scs#protoInput``) are
parsed as floats and put into ``q3c_radial_query`` unchecked.  So
``SR=-1`` answers like ``SR=1`` (q3c takes the absolute value),
``SR=-179`` returns rows, ``SR=200`` is taken as a whole-sky search,
``DEC=95`` and ``SR=inf`` answer with PostgreSQL's text ("The absolute
value of declination > 90! CONTEXT: SQL function q3c_radial_query ..."),
and ``NaN`` is taken as a missing value ("Field RA: is mandatory but
was not provided").  SCS 1.03 wants a VOTable error for invalid
parameters.

Work-around
-----------
:func:`install` makes every ``scsCore`` (all cone services feed
``//scs#coreDescs``) check the request's RA, DEC and SR before the
query: RA a finite number, DEC finite within [-90, 90], SR finite with
0 < SR <= 180; otherwise a ``ValidationError`` naming the parameter,
which the SCS renderer writes as ``<INFO name="Error">`` ("Field SR:
...").  It must run in the DaCHS process (``python -m
workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` runs a cone service of the data centre unpatched
with ``SR=-1``; once a DaCHS release refuses it,
``test_dachs_scs_params_bug_still_present`` in tests/test_workarounds.py
fails: remove this module and its entry in ``dachs_server.PATCHES``.
"""

import math

from workarounds import patching

__all__ = ["bug_present", "check_cone_parameters", "install"]

#: (parameter, lowest, highest, whether the lowest is excluded)
_RANGES = (("RA", None, None, False), ("DEC", -90.0, 90.0, False),
           ("SR", 0.0, 180.0, True))


def _check_one(name, literal, low, high, open_low):
    """The message for one bad parameter value, or None if it is good."""
    try:
        value = float(literal)
    except (TypeError, ValueError):
        return None          # DaCHS's own parser reports non-numbers
    if not math.isfinite(value):
        return f"{literal!r} is not a finite number of degrees."
    if low is not None and (value < low or (open_low and value == low)):
        relation = "greater than" if open_low else "at least"
        return f"must be {relation} {low:g} deg (and at most {high:g})."
    if high is not None and value > high:
        return f"must be at most {high:g} deg."
    return None


def check_cone_parameters(args):
    """The first bad cone parameter of a request and why it is bad.

    Parameters
    ----------
    args : mapping
        The request's parameters (name -> string), e.g. a QueryMeta's
        ``ctxArgs`` (case-insensitive names).

    Returns
    -------
    tuple of (str, str) or None
        (parameter name, message), or None if RA, DEC and SR are fine
        or absent.
    """
    for name, low, high, open_low in _RANGES:
        literal = args.get(name)
        if isinstance(literal, (list, tuple)):
            literal = literal[0] if literal else None
        if literal is None:
            continue
        message = _check_one(name, literal, low, high, open_low)
        if message:
            return name, message
    return None


def _checked_run(self, service, inputTable, queryMeta):
    """SCSCore.run after the cone parameters are checked (see module)."""
    from gavo import base
    problem = check_cone_parameters(getattr(queryMeta, "ctxArgs", {}))
    if problem:
        raise base.ValidationError(problem[1], problem[0])
    return patching.original(type(self), "run")(self, service, inputTable,
                                              queryMeta)


def _original_run():
    from gavo.protocols import scs
    return patching.original(scs.SCSCore, "run")


def bug_present():
    """Whether unpatched DaCHS runs a cone search with SR=-1.

    Returns
    -------
    bool
    """
    from gavo import api, base, svcs
    service = api.getRD("kascade").getById("cone")
    args = {"RA": ["83"], "DEC": ["22"], "SR": ["-1"]}
    query_meta = svcs.QueryMeta.fromRequestArgs(args)
    from gavo.protocols import scs
    patched = scs.SCSCore.run
    scs.SCSCore.run = _original_run()
    try:
        service.run("scs.xml", args, query_meta)
    except base.ValidationError:
        return False
    finally:
        scs.SCSCore.run = patched
    return True


def install():
    """Check RA, DEC and SR in every scsCore (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import scs
    return patching.replace(scs.SCSCore, "run", _checked_run)
