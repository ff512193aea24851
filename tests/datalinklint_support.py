"""Judging STILTS datalinklint's output (the live DataLink tests).

Debian 12's STILTS 3.4.7 checks semantics against its own, built-in copy
of the DataLink core vocabulary, which predates the term
``documentation``; the current vocabulary
(http://www.ivoa.net/rdf/datalink/core) has it, and the release links
use it (docs/validators.md, "datalinklint and #documentation").  So
exactly that one message, for exactly that term, is not an error of
this project; every other error or failure is.
"""

import re

from tests.conftest import run_stilts

__all__ = ["STALE_VOCABULARY", "lint", "lint_errors"]

#: datalinklint's message for a core term its vocabulary copy lacks, for
#: the one term it is tolerated for (numbered -1, -2, ... per document).
STALE_VOCABULARY = re.compile(
    r"E-SMCO-\d+ Unknown predicate 'documentation' from core DataLink "
    r"vocabulary at row \d+")


def lint_errors(output):
    """datalinklint's errors and failures, the stale-vocabulary one left out.

    Parameters
    ----------
    output : str
        What datalinklint wrote.

    Returns
    -------
    list of str
    """
    return [line.strip() for line in output.splitlines()
            if line.startswith(("E-", "F-"))
            and not STALE_VOCABULARY.fullmatch(line.strip())]


def lint(url):
    """Run datalinklint on a links document.

    Parameters
    ----------
    url : str
        The links document's URL.

    Returns
    -------
    (list of str, str)
        Its errors (:func:`lint_errors`) and its whole output.
    """
    _, output = run_stilts("datalinklint", "votable=" + url)
    assert re.search(r"Totals: Errors: (\d+); Warnings: (\d+)", output), \
        output[-2000:]
    return lint_errors(output), output
