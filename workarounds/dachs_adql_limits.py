"""DaCHS 2.7: one large ADQL query holds every other TAP query.

Upstream bug
------------
DaCHS parses ADQL with its bundled pyparsing (packrat cache, global),
so ``gavo.utils.parsetricks.pyparseString`` parses under one global
lock, ``_PYPARSE_LOCK``.  The parse is pure Python (about 0.3 ms per
character of a query of OR terms), the size of QUERY is not limited
and the execution-time limit (PostgreSQL's ``statement_timeout``)
starts only after the parse.  A 99,729-character query of 7,200 OR
terms held the lock for about 100 s, and every synchronous TAP query
of the server waited for it.  Deeply nested parentheses ran the
recursive-descent parser into Python's recursion limit ("maximum
recursion depth exceeded").

Work-around
-----------
:func:`install` puts a guard in front of ``gavo.adql.parseToTree``
(which sync and async TAP, the plan action and the ADQL form use):

* a query longer than :data:`MAX_QUERY_CHARS` characters or with
  parentheses nested deeper than :data:`MAX_NESTING` is refused before
  parsing (no lock taken);
* the parse itself gets :data:`MAX_PARSE_SECONDS`: the guard takes the
  parser lock, sets a deadline and, for as long as it holds the lock,
  puts a timed element parser in place of pyparsing's
  ``ParserElement._parse``, which stops with :class:`QueryTooComplex`
  once the deadline has passed.  So no query holds the
  lock for longer than that, whatever its shape;
* a ``RecursionError`` from the parse becomes the same clean error.

:class:`QueryTooComplex` is an ``adql.Error``; DaCHS's
``mapADQLErrors`` turns it into a ``ValidationError`` on QUERY, which
TAP answers with a DALI error document (sync) or an ERROR phase with
that message (async).  Async jobs run in ``gavo taprun`` processes that
``workarounds.dachs_server`` starts with every patch, so the limits
hold there too.  docs/limits.md lists them.

How to tell it is fixed
-----------------------
:func:`bug_present` asks whether DaCHS still parses ADQL under the
one global lock with no limit of its own on the query; once
``test_dachs_adql_limits_bug_still_present`` fails (a DaCHS with a
query-size or parse-time limit, or without the global lock), remove
this module and its entry in ``dachs_server.PATCHES``.
"""

import inspect
import time

from workarounds import patching

__all__ = ["MAX_QUERY_CHARS", "MAX_NESTING", "MAX_PARSE_SECONDS",
           "QueryTooComplex", "check_query_text", "nesting_depth",
           "bug_present", "install"]

#: Longest QUERY accepted (characters).
MAX_QUERY_CHARS = 20000
#: Deepest nesting of parentheses accepted.
MAX_NESTING = 30
#: Longest CPU time one ADQL parse may hold the parser lock (seconds).
MAX_PARSE_SECONDS = 2.0

# The deadline, in the parsing thread's CPU time, of the ADQL parse that
# holds the parser lock, and
# pyparsing's own ParserElement._parse while the timed one is in place.
_DEADLINE = [0.0]
_UPSTREAM_PARSE = [None]
# CPU time of the parsing thread, not wall-clock time: on a loaded machine
# an ordinary query can wait seconds for the CPU (or for the GIL) without
# doing more parsing work, and must not be refused for that.
_monotonic = time.thread_time
# Element parses left until the next look at the clock (see _timed_parse).
_CHECK_EVERY = 64
_COUNTDOWN = [0]


def _error_class():
    from gavo import adql

    class QueryTooComplexError(adql.Error):
        """The query exceeds one of the limits of this module."""
    return QueryTooComplexError


class _LazyError:
    """The adql.Error subclass, made on first use (DaCHS is imported late)."""

    cls = None

    def __call__(self, message):
        if _LazyError.cls is None:
            _LazyError.cls = _error_class()
        return _LazyError.cls(message)


#: Makes the exception the guard raises: QueryTooComplex("message").
QueryTooComplex = _LazyError()


def nesting_depth(query):
    """The deepest nesting of parentheses outside quotes in ``query``.

    Parameters
    ----------
    query : str

    Returns
    -------
    int
    """
    depth = deepest = 0
    quote = None
    for char in query:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def check_query_text(query):
    """Why ``query`` is refused before parsing, or None.

    Parameters
    ----------
    query : str

    Returns
    -------
    str or None
        The message for the client.
    """
    if len(query) > MAX_QUERY_CHARS:
        return (f"Query too long: {len(query)} characters; this service "
                f"accepts at most {MAX_QUERY_CHARS}.  Upload long lists of "
                "values as a table (UPLOAD) and join against it.")
    depth = nesting_depth(query)
    if depth > MAX_NESTING:
        return (f"Query nested too deeply: {depth} levels of parentheses; "
                f"this service accepts at most {MAX_NESTING}.")
    return None


def _too_slow():
    return QueryTooComplex(
        f"Query too complex: parsing it took longer than {MAX_PARSE_SECONDS:g}"
        " s, the limit of this service.  Simplify it (e.g. IN (...) instead "
        "of many ORs, or UPLOAD a table of values and join against it).")


def _timed_parse(self, instring, loc, doActions=True, callPreParse=True):
    """ParserElement._parse with the deadline of the ADQL parse under way."""
    # The clock (a system call) is read every _CHECK_EVERY element parses,
    # not on each of the thousands a small query makes (issue 14: it was
    # a per-request cost of every TAP query); an element parse takes
    # microseconds, so the deadline is still kept to well under 1 ms.
    _COUNTDOWN[0] -= 1
    if _COUNTDOWN[0] < 0:
        _COUNTDOWN[0] = _CHECK_EVERY
        if _monotonic() > _DEADLINE[0]:
            raise _too_slow()
    return _UPSTREAM_PARSE[0](self, instring, loc, doActions, callPreParse)


def _guarded_parse_to_tree(adqlStatement):
    """adql.parseToTree with the limits of this module (see the module)."""
    from gavo import adql
    from gavo.imp import pyparsing
    from gavo.utils import parsetricks
    reason = check_query_text(adqlStatement)
    if reason:
        raise QueryTooComplex(reason)
    element = pyparsing.ParserElement
    with parsetricks._PYPARSE_LOCK:
        # The timed element parser is in place only while this parse holds
        # the lock, so no other parse (ADQL or not) pays for it or sees
        # this deadline.
        _DEADLINE[0] = _monotonic() + MAX_PARSE_SECONDS
        _UPSTREAM_PARSE[0] = element._parse
        element._parse = _timed_parse
        try:
            return patching.original(adql, "parseToTree")(adqlStatement)
        except RecursionError:
            raise QueryTooComplex(
                "Query nested too deeply for the parser of this service.")
        finally:
            element._parse = _UPSTREAM_PARSE[0]
            element.resetCache()


def bug_present():
    """Whether DaCHS still parses any ADQL text, unlimited, under one lock.

    Returns
    -------
    bool
        True if the upstream parseToTree goes through the global
        pyparsing lock and parses a query longer than our limit.
    """
    from gavo import adql
    from gavo.utils import parsetricks
    original = patching.original(adql, "parseToTree")
    if "pyparseString" not in inspect.getsource(original):
        return False
    if not hasattr(parsetricks, "_PYPARSE_LOCK"):
        return False
    long_query = ("SELECT TOP 1 * FROM tap_schema.tables"
                  + " " * MAX_QUERY_CHARS)
    try:
        original(long_query)
    except Exception:
        return False
    return True


def install():
    """Limit ADQL query size, nesting and parse time (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo import adql
    return patching.replace(adql, "parseToTree", _guarded_parse_to_tree)
