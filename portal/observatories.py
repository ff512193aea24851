"""The observatories of the root page, read from the RDs.

Which observatories there are, and which tables hold their events, is
declared once, in the RD of the common air-shower view
(``rd/airshowers.rd``, property ``observatories``: ``NAME: schema.table
...; NAME: ...``).  Everything else the page says comes from the member
resources' RDs: title, facility, whether the data are simulated, and the
quantities each events table holds.  A new observatory appears on the
page with its RD and its entry in the view; the portal's code does not
change.  No Django here, so tests and tools can use it too.
"""

import dataclasses

from converters import rdschema

__all__ = ["VIEW_RD", "DataSet", "Observatory", "members", "observatories"]

#: the RD of the common view that names the observatories
VIEW_RD = "airshowers"

# UCD words of columns that are bookkeeping, not what a detector measures
_NOT_MEASURED = ("meta.id", "meta.code", "meta.ref", "meta.table",
                 "meta.record", "pos.eq", "pos.galactic", "time.",
                 "stat.error")


@dataclasses.dataclass(frozen=True)
class DataSet:
    """One events table of an observatory.

    Attributes
    ----------
    schema, table : str
        The resource (its schema) and the qualified table name.
    title : str
        The resource's title.
    simulated : bool
        The resource's ``simulated`` property.
    """

    schema: str
    table: str
    title: str
    simulated: bool


@dataclasses.dataclass(frozen=True)
class Observatory:
    """One observatory, with its data sets and what they hold.

    Attributes
    ----------
    name : str
    facility : str
        The ``facility`` meta of its first data set.
    data_sets : tuple of DataSet
    quantities : tuple of rdschema.ColumnSpec
        The measured (or simulated) quantities of its events tables, each
        once, in declaration order.
    """

    name: str
    facility: str
    data_sets: tuple
    quantities: tuple

    @property
    def measured(self):
        """True if at least one data set holds measurements."""
        return any(not d.simulated for d in self.data_sets)

    @property
    def simulated(self):
        """True if at least one data set is simulated."""
        return any(d.simulated for d in self.data_sets)


def members(rd_dir=rdschema.RD_DIR):
    """``(schema.table, observatory)`` of every table in the view.

    Parameters
    ----------
    rd_dir : pathlib.Path, optional

    Returns
    -------
    list of (str, str)
    """
    declared = rdschema.resource_properties(VIEW_RD, rd_dir).get(
        "observatories", "")
    found = []
    for entry in declared.split(";"):
        name, _, tables = entry.partition(":")
        found += [(table, name.strip()) for table in tables.split()]
    return found


def _is_measured_quantity(column):
    return not any(column.ucd.startswith(word) for word in _NOT_MEASURED)


def observatories(rd_dir=rdschema.RD_DIR):
    """Every observatory of the view, in the order the RD names them.

    Returns
    -------
    list of Observatory
    """
    grouped = {}
    for table, name in members(rd_dir):
        grouped.setdefault(name, []).append(table)
    result = []
    for name, tables in grouped.items():
        data_sets, quantities = [], {}
        for table in tables:
            schema, table_id = table.split(".")
            data_sets.append(DataSet(
                schema=schema, table=table,
                title=rdschema.resource_meta(schema, "title", rd_dir)[0],
                simulated=rdschema.is_simulated(schema, rd_dir)))
            for column in rdschema.table(schema, table_id, rd_dir).columns:
                if _is_measured_quantity(column):
                    quantities.setdefault(column.name, column)
        facility = rdschema.resource_meta(data_sets[0].schema, "facility",
                                          rd_dir)
        result.append(Observatory(name=name, facility=(facility or [""])[0],
                                  data_sets=tuple(data_sets),
                                  quantities=tuple(quantities.values())))
    return result
