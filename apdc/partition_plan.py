"""Which input files go into which partition (:mod:`apdc.partitions`).

A partition collects consecutive files until it holds the rows of the
RD property ``partition_rows``; its table comment (:data:`FILES_COMMENT`)
lists them, so that a re-import of one of its files rebuilds exactly that
partition, with the other files it holds.
"""

import json
from pathlib import Path

from converters import rdschema

__all__ = ["ROWS_PROPERTY", "FILES_COMMENT", "partition_rows",
           "partition_files", "plan_groups", "group_ends"]

#: The RD table property: rows a partition collects before the next one.
ROWS_PROPERTY = "partition_rows"
#: Prefix of a partition's table comment; a JSON list of its file names.
FILES_COMMENT = "apdc partition files: "


def partition_rows(qualified_table):
    """Rows a partition of the table collects (0: one file each)."""
    schema, table = qualified_table.split(".")
    value = rdschema.table(schema, table).properties.get(ROWS_PROPERTY, "0")
    try:
        rows = int(value)
    except ValueError:
        rows = -1
    if rows < 0:
        raise ValueError(f"rd/{schema}.rd, table {table}: property "
                         f"{ROWS_PROPERTY} is {value!r}, not a row count")
    return rows


def partition_files(cursor, schema, table):
    """Partition name -> the names of its input files, from the comments.

    A partition without the comment (made before partitions grouped
    files) holds the one file its name comes from, which
    :func:`apdc.partitions.partition_name` matches; it is left out here.
    """
    cursor.execute("""SELECT c.relname, obj_description(c.oid, 'pg_class')
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = %s::regclass""", (f"{schema}.{table}",))
    return {name: json.loads(comment[len(FILES_COMMENT):])
            for name, comment in cursor.fetchall()
            if comment and comment.startswith(FILES_COMMENT)}


def plan_groups(cursor, schema, parent, paths, append):
    """The groups of files to load: [(paths, fixed)], in load order.

    A file that is already in a partition of several files brings the
    other files of that partition (from the same folder) along, so that
    the partition is rebuilt whole (``fixed``: its membership is kept);
    the other files are grouped by rows as they are loaded.  With
    ``append`` False (a full import) every file is new.
    """
    if not append:
        return [(list(paths), False)]
    members = partition_files(cursor, schema, parent)
    owner = {f: name for name, files in members.items() for f in files}
    plan, new, done = [], [], set()
    for path in paths:
        name = owner.get(Path(path).name)
        if name is None:
            new.append(path)
        elif name not in done:
            done.add(name)
            files = [Path(path).with_name(f) for f in members[name]]
            missing = [str(f) for f in files if not f.exists()]
            if missing:
                raise FileNotFoundError(
                    f"{path}: its partition {schema}.{name} also holds "
                    f"{', '.join(missing)}, which is gone; re-import the "
                    "whole table instead.")
            plan.append((files, True))
    return plan + ([(new, False)] if new else [])


def group_ends(plan):
    """Per file of the flattened plan: (last of its group, group fixed)."""
    out = []
    for paths, fixed in plan:
        out.extend((i == len(paths) - 1, fixed) for i in range(len(paths)))
    return out
