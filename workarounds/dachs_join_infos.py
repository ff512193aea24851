"""DaCHS 2.7: a TAP result of several tables has none of their INFOs.

Upstream bug
------------
DaCHS copies a table's metadata, its ``info`` items among them, into a
TAP result only when the query's FROM clause names that one table
without an alias (``adqlglue._getTableDescForOutput``); for every other
query, ``adqlglue._addTableMeta`` copies the citation and reference
metadata of each table it reads from, but not its ``info`` items.  So a
join of ``kascade.events`` and ``kascade.runs``, a join of two
resources, a self-join, or ``FROM kascade.events AS e`` gives no
``<INFO name="release">`` at all, although every table declares one
(``rd/releases.rd``, STREAM ``current``; docs/releases.md).

Work-around
-----------
:func:`install` wraps ``_addTableMeta``: after DaCHS's own INFOs it adds
the ``info`` items of each table the query reads from whose metadata
DaCHS did not copy, each with the table's name in front of its text
(``kascade.runs: Rows of release LESATH ...``), so that the result names
the release of each table, even when two tables serve the same release.
It must run in the DaCHS process (``python -m workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` lets DaCHS's own ``_addTableMeta`` describe a join
of two tables that declare a release and is True while the result has
no ``release`` INFO; once ``test_dachs_join_infos_bug_still_present`` in
tests/test_workarounds.py fails, remove this module and its entry in
``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["PROBE_TABLES", "source_tables", "bug_present", "install"]

#: Two tables that declare a release, joined by :func:`bug_present`.
PROBE_TABLES = ("ta2014.events", "auger2015.events")


def _table_def(name):
    """The TableDef of a qualified table name; None for anything else
    (aliases, uploads, names of no table)."""
    from gavo import base
    try:
        return base.caches.getMTH(None).getTableDefForTable(name)
    except base.Error:
        return None


def source_tables(tree):
    """The tables whose metadata DaCHS did not copy into the result.

    Parameters
    ----------
    tree : gavo.adql.nodes.ADQLNode
        The annotated query.

    Returns
    -------
    list of gavo.rscdef.TableDef
        By qualified name, each table once.
    """
    from_names = [t.qName for t in tree.fromClause.getAllTables()
                  if hasattr(t, "qName")]
    names = list(tree.getContributingNames())
    if len(from_names) == 1 and all(
            name.lower() == from_names[0].lower() for name in names):
        # the common one-table query: what follows would find that one
        # table twice (two look-ups in dc.tablemeta per TAP query) and
        # add nothing
        return []
    # DaCHS's own rule (_getTableDescForOutput): one table, no alias
    copied = _table_def(from_names[0]) if len(from_names) == 1 else None
    copied = copied.getQName().lower() if copied is not None else None
    found = {}
    for name in names:
        td = _table_def(name)
        if td is not None and td.getQName().lower() != copied:
            found.setdefault(td.getQName().lower(), td)
    return [found[name] for name in sorted(found)]


def _add_infos(translated, query, tree, table):
    """_addTableMeta with the INFOs of every table (see the module)."""
    from gavo.protocols import adqlglue
    patching.original(adqlglue, "_addTableMeta")(translated, query, tree,
                                                 table)
    for td in source_tables(tree):
        for item in td.iterMeta("info", propagate=False):
            table.addMeta("info", f"{td.getQName()}: "
                          f"{item.getContent('text')}",
                          infoName=item.infoName, infoValue=item.infoValue)


def bug_present(tables=PROBE_TABLES):
    """Whether DaCHS's own _addTableMeta drops the release INFOs of a join.

    Parameters
    ----------
    tables : tuple of str
        Two imported tables that declare a release.

    Returns
    -------
    bool
    """
    from gavo import adql, rsc
    from gavo import rscdesc  # noqa: F401 (sets up the RD cache)
    from gavo.protocols import adqlglue
    query = (f"SELECT TOP 1 * FROM {tables[0]} AS a "
             f"CROSS JOIN {tables[1]} AS b")
    _, tree = adql.parseAnnotating(query, adqlglue.DaCHSFieldInfoGetter())
    table = rsc.TableForDef(adqlglue._getTableDescForOutput(tree))
    patching.original(adqlglue, "_addTableMeta")("", query, tree, table)
    return not any(item.infoName == "release"
                   for item in table.iterMeta("info"))


def install():
    """Name every table's INFOs in results of several tables (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import adqlglue
    return patching.replace(adqlglue, "_addTableMeta", _add_infos)
