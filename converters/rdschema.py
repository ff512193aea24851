"""Table descriptions read from the resource descriptors (RDs).

The RD is the one place where a table's columns are declared: name,
type, unit, UCD, description, NULL rule, range (``<values min max>``)
and the properties that a reader needs (``<property name="...">``, e.g.
the KCDC quantity a column comes from).  Python code that needs the
columns reads them from here instead of keeping its own list.

This module parses the RD's XML itself, so that readers, simulators and
export workers run without DaCHS (``make check``, a worker on another
machine).  It resolves what the project's RDs use to build tables:
columns, ``<FEED>`` of STREAMs of the same or another project RD, and
tables declared as copies (``original="rd#table"``).  Columns that
DaCHS's own system mixins or streams add (``//...``) are not resolved
here; such parts are listed in :attr:`TableSpec.system_parts`.  A live
test checks that these descriptions agree with DaCHS's
(``gavo.api.getRD``).
"""

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["RD_DIR", "ColumnSpec", "TableSpec", "table", "tables",
           "resource_properties", "resource_meta", "service_ids",
           "is_simulated", "is_restricted", "release_name", "RELEASE_STREAM",
           "RDSchemaError"]

#: The folder of the project's RDs (DaCHS's inputs for this project).
RD_DIR = Path(__file__).resolve().parents[1] / "rd"


class RDSchemaError(LookupError):
    """An RD or a table, stream or column in it was not found."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column as its RD declares it.

    Attributes
    ----------
    name, type, unit, ucd, description : str
        As in the RD (the description with its white space collapsed).
    required : bool
        True if the column may not be NULL.
    min, max : str or None
        The bounds of ``<values>``, as written in the RD.
    null_literal : str or None
        ``<values nullLiteral>``: the value that stands for NULL.
    properties : dict
        ``<property name="key">value</property>`` children.
    """

    name: str
    type: str = "real"
    unit: str = ""
    ucd: str = ""
    description: str = ""
    required: bool = False
    min: str = None
    max: str = None
    null_literal: str = None
    properties: dict = field(default_factory=dict)

    def property(self, key, default=None):
        """The value of the property ``key``, or ``default``."""
        return self.properties.get(key, default)

    def bounds(self):
        """``(min, max)`` as floats; None where the RD gives no bound."""
        return tuple(None if v is None else float(v)
                     for v in (self.min, self.max))


@dataclass(frozen=True)
class TableSpec:
    """A table of an RD: its columns in declaration order.

    Attributes
    ----------
    rd : str
        The RD's name (file name without ``.rd``).
    id : str
        The table's id, also its name in the database.
    schema : str
        The RD's schema.
    columns : tuple of ColumnSpec
    properties : dict
        ``<property>`` children of the table.
    system_parts : tuple of str
        DaCHS system mixins and streams (``//...``) the table uses; their
        columns, if any, are not in ``columns``.
    """

    rd: str
    id: str
    schema: str
    columns: tuple
    properties: dict = field(default_factory=dict)
    system_parts: tuple = ()

    @property
    def qualified_name(self):
        """``schema.table`` as in SQL and ADQL."""
        return f"{self.schema}.{self.id}"

    @property
    def names(self):
        """The column names, in declaration order."""
        return tuple(c.name for c in self.columns)

    def column(self, name):
        """The column ``name``; RDSchemaError if there is none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise RDSchemaError(f"{self.qualified_name} has no column {name!r}")

    def with_property(self, key):
        """The columns that carry the property ``key``."""
        return tuple(c for c in self.columns if key in c.properties)


def _text(element):
    return " ".join((element.text or "").split())


def _properties(element, params=None):
    return {_expand(p.get("name"), params): _expand(_text(p), params)
            for p in element.findall("property")}


_MACRO = re.compile(r"\\([A-Za-z_][A-Za-z0-9_]*)")


def _expand(text, params):
    """Replace DaCHS stream macros (``\\name``) by the FEED's values."""
    if not params or text is None:
        return text
    return _MACRO.sub(lambda m: params.get(m.group(1), m.group(0)), text)


def _column(element, params=None):
    values = element.find("values")
    attrs = {k: _expand(v, params) for k, v in element.attrib.items()}
    description = attrs.get("description")
    if description is None and element.find("description") is not None:
        description = _expand(element.find("description").text, params)
    return ColumnSpec(
        name=attrs["name"], type=attrs.get("type", "real"),
        unit=attrs.get("unit", ""), ucd=attrs.get("ucd", ""),
        description=" ".join((description or "").split()),
        required=attrs.get("required", "False").lower() == "true",
        min=None if values is None else values.get("min"),
        max=None if values is None else values.get("max"),
        null_literal=None if values is None else values.get("nullLiteral"),
        properties=_properties(element, params))


@functools.lru_cache(maxsize=64)
def _parse(rd_path, mtime_ns):
    # keyed by modification time too: a long-running process (the
    # server) sees an edited RD at once, as DaCHS itself does
    return ET.parse(rd_path).getroot()


def _root(rd_name, rd_dir):
    path = Path(rd_dir) / f"{rd_name}.rd"
    if not path.is_file():
        raise RDSchemaError(f"no RD {path}")
    path = path.resolve()
    return _parse(path, path.stat().st_mtime_ns)


def _by_id(rd_name, element_id, rd_dir):
    for element in _root(rd_name, rd_dir).iter():
        if element.get("id") == element_id:
            return element
    raise RDSchemaError(f"rd/{rd_name}.rd has no element with id "
                        f"{element_id!r}")


def _split_ref(ref, rd_name):
    """``"other#id"`` -> ("other", "id"); ``"id"`` -> (rd_name, "id")."""
    if "#" in ref:
        other, element_id = ref.split("#", 1)
        return other, element_id
    return rd_name, ref


def _stream_params(stream, feed):
    """The macro values of a FEED: the stream's DEFAULTS, then the FEED's."""
    params = {}
    for defaults in stream.findall("DEFAULTS"):
        params.update(defaults.attrib)
    params.update((k, v) for k, v in feed.attrib.items() if k != "source")
    return params


def _walk(element, rd_name, rd_dir, columns, system, params=None):
    """Collect the columns of ``element``'s children, following FEEDs."""
    for child in element:
        if child.tag == "column":
            column = _column(child, params)
            columns[column.name] = column
        elif child.tag == "FEED":
            source = child.get("source")
            if source.startswith("//"):
                system.append(source)
                continue
            if source == RELEASE_STREAM:
                # metadata only (the release's name), no columns: RDs
                # copied without rd/releases.rd read the same
                continue
            other, stream_id = _split_ref(source, rd_name)
            stream = _by_id(other, stream_id, rd_dir)
            _walk(stream, other, rd_dir, columns, system,
                  _stream_params(stream, child))
        elif child.tag == "mixin":
            system.append(_text(child))


def table(rd_name, table_id, rd_dir=RD_DIR):
    """The description of table ``table_id`` of ``rd/<rd_name>.rd``.

    Parameters
    ----------
    rd_name : str
        The RD's file name without ``.rd``.
    table_id : str
        The id of the ``<table>``.
    rd_dir : path-like, optional
        Where the RDs are (default: the project's ``rd/``).

    Returns
    -------
    TableSpec
    """
    root = _root(rd_name, rd_dir)
    element = _by_id(rd_name, table_id, rd_dir)
    if element.tag != "table":
        raise RDSchemaError(f"{rd_name}#{table_id} is a {element.tag}, "
                            "not a table")
    columns, system, properties = {}, [], {}
    original = element.get("original")
    if original:
        # a copy inherits columns and properties, as in DaCHS
        other, other_id = _split_ref(original, rd_name)
        base = table(other, other_id, rd_dir)
        columns.update((c.name, c) for c in base.columns)
        system.extend(base.system_parts)
        properties.update(base.properties)
    properties.update(_properties(element))
    mixins = element.get("mixin")
    if mixins:
        system.extend(m.strip() for m in mixins.split(","))
    _walk(element, rd_name, rd_dir, columns, system)
    return TableSpec(rd=rd_name, id=table_id, schema=root.get("schema"),
                     columns=tuple(columns.values()),
                     properties=properties,
                     system_parts=tuple(system))


def tables(rd_name, rd_dir=RD_DIR):
    """Every on-disk table of ``rd/<rd_name>.rd``, in declaration order.

    Returns
    -------
    list of TableSpec
    """
    root = _root(rd_name, rd_dir)
    return [table(rd_name, t.get("id"), rd_dir) for t in root.iter("table")
            if t.get("onDisk", "False").lower() == "true"]


def resource_properties(rd_name, rd_dir=RD_DIR):
    """The resource-level ``<property>`` values of an RD.

    Returns
    -------
    dict of str to str
    """
    return _properties(_root(rd_name, rd_dir))


def resource_meta(rd_name, key, rd_dir=RD_DIR):
    """The texts of the RD's resource-level ``<meta name="key">`` elements.

    Returns
    -------
    list of str
        In document order, white space collapsed.
    """
    return [_text(m) for m in _root(rd_name, rd_dir).findall("meta")
            if m.get("name") == key]


def _services_in(element, rd_name, rd_dir):
    for child in element:
        if child.tag == "service" and child.get("id"):
            yield child.get("id")
        elif child.tag == "FEED" and not child.get("source").startswith("//"):
            other, stream_id = _split_ref(child.get("source"), rd_name)
            yield from _services_in(_by_id(other, stream_id, rd_dir), other,
                                    rd_dir)
        elif child.tag in ("LOOP", "events", "NXSTREAM"):
            yield from _services_in(child, rd_name, rd_dir)


def service_ids(rd_name, rd_dir=RD_DIR):
    """The ids of the RD's services, including those its FEEDs bring.

    Returns
    -------
    list of str
        In document order.
    """
    return list(_services_in(_root(rd_name, rd_dir), rd_name, rd_dir))


def is_simulated(rd_name, rd_dir=RD_DIR):
    """True if the RD declares ``<property name="simulated">True</property>``.

    Every resource declares whether its data are simulated; a missing
    declaration is an error, so that no resource is silently taken as
    measured.
    """
    value = resource_properties(rd_name, rd_dir).get("simulated")
    if value is None:
        raise RDSchemaError(f"rd/{rd_name}.rd does not declare "
                            '<property name="simulated">True|False</property>')
    return value.strip().lower() == "true"


def is_restricted(rd_name, rd_dir=RD_DIR):
    """True if the RD declares ``<property name="restricted">True</property>``
    (a resource behind the portal's access control, docs/access.md)."""
    value = resource_properties(rd_name, rd_dir).get("restricted", "False")
    return value.strip().lower() == "true"


#: The STREAM (rd/releases.rd) that every on-disk table of a resource
#: FEEDs with ``name`` = the release it serves (docs/releases.md).
RELEASE_STREAM = "releases#current"


def release_name(rd_name, rd_dir=RD_DIR):
    """The name of the release the RD's tables serve, or None.

    The one declaration is the ``name`` of each on-disk table's
    ``<FEED source="releases#current">``; RDSchemaError if only some
    tables declare one, or different ones.
    """
    names = {}
    for element in _root(rd_name, rd_dir).iter("table"):
        if element.get("onDisk", "False").lower() != "true":
            continue
        feeds = [f.get("name") for f in element.iter("FEED")
                 if f.get("source") == RELEASE_STREAM]
        names[element.get("id")] = feeds[0] if len(feeds) == 1 else None
    missing = sorted(t for t, n in names.items() if not n)
    if len(missing) == len(names):
        return None
    if missing:
        raise RDSchemaError(
            f"rd/{rd_name}.rd: table(s) {', '.join(missing)} name no "
            f'release; add <FEED source="{RELEASE_STREAM}" name="..."/> '
            "to each table, with the name the others have")
    distinct = sorted(set(names.values()))
    if len(distinct) != 1:
        raise RDSchemaError(f"rd/{rd_name}.rd: the tables name different "
                            f"releases {distinct}; every table of a resource "
                            "names the same one")
    return distinct[0]
