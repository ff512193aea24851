"""DaCHS 2.7: OAI-PMH's last page carries a token that leads nowhere.

Upstream bug
------------
``gavo.registry.oaiinter.getMatchingRows`` adds a ``resumptionToken``
whenever a page is full (as many records as the page size), so with 20
records and pages of 10 the second page carries a token, and following
it gives ``noRecordsMatch``; and the last page of a list never carries
the empty ``resumptionToken`` that OAI-PMH 2.0 (section 3.5) requires
of the final incomplete list of a resumed request.  Harvesters (and
STILTS' registry tests) report both.

Work-around
-----------
:func:`install` asks DaCHS's function for one record more than the
page size: only if that record exists is the page given a token (for
the offset after the page); a resumed request whose page is the last
gets an empty ``resumptionToken``.  It must run in the DaCHS process
(``python -m workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's original function for pages of as many
records as there are; while that page carries a token, the bug is
there.  Once it does not, ``test_dachs_oai_resumption_bug_still_present``
in tests/test_workarounds.py fails: remove this module and its entry in
``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["bug_present", "install", "paginate"]


def paginate(rows, page_size, resumed, make_token, make_final):
    """The records of a page and its token, from page_size+1 rows.

    Parameters
    ----------
    rows : list
        Up to page_size + 1 records (no token elements).
    page_size : int
        The number of records of a page.
    resumed : bool
        Whether the request resumed a list (had a resumptionToken).
    make_token : callable
        ``make_token(n)``: the token element for a page of n records.
    make_final : callable
        ``make_final()``: the empty token of a resumed list's last page.

    Returns
    -------
    list
    """
    if len(rows) > page_size:
        page = list(rows[:page_size])
        return page + [make_token(len(page))]
    return list(rows) + ([make_final()] if resumed else [])


def _matching_rows(pars, rscTableDef, getSetFilter):
    """getMatchingRows with tokens only where more records are."""
    from gavo import base
    from gavo.registry import common, oaiinter
    from gavo.registry.model import OAI
    page_size = int(pars.get("maxRecords",
                             base.getConfig("ivoa", "oaipmhPagesize")))
    offset = int(pars.get("resumptionToken", 0))
    probe = dict(pars, maxRecords=page_size + 1)
    resumed = "resumptionToken" in pars
    try:
        rows = patching.original(oaiinter, "getMatchingRows")(
            probe, rscTableDef, getSetFilter)
    except common.NoRecordsMatch:
        if not resumed:
            raise
        rows = []
    rows = [r for r in rows if not isinstance(r, OAI.resumptionToken)]

    def make_token(count):
        token = OAI.resumptionToken[oaiinter.makeResumptionToken(
            pars, offset + count)]
        token.addChild = lambda: 0
        return token

    def make_final():
        token = OAI.resumptionToken()
        token._mayBeEmpty = True
        return token
    return paginate(rows, page_size, resumed, make_token, make_final)


def bug_present():
    """Whether DaCHS's own paging gives a full last page a token.

    Returns
    -------
    bool
    """
    from gavo import api  # noqa: F401 (sets up DaCHS's RD caches)
    from gavo.registry import common, oaiinter
    from gavo.registry.model import OAI
    original = patching.original(oaiinter, "getMatchingRows")
    td = common.getServicesRD().getById("resources")
    everything = [r for r in original({"maxRecords": 100000}, td,
                                      oaiinter._getSetCondition)
                  if not isinstance(r, OAI.resumptionToken)]
    page = original({"maxRecords": len(everything)}, td,
                    oaiinter._getSetCondition)
    return isinstance(page[-1], OAI.resumptionToken)


def install():
    """Page OAI-PMH lists as the standard wants (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.registry import oaiinter
    return patching.replace(oaiinter, "getMatchingRows", _matching_rows)
