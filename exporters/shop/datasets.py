"""What the data shop offers: data sets, components and quantities, from
the RDs alone.

A table is a shop *component* when its RD declares
``<property name="shop">True</property>``; its RD (the resource) is the
*data set*.  Everything the form, the API, the export and ``Info.txt``
show about a quantity comes from the RD through
:mod:`converters.kcdc_quantities`: adding a column with a ``kcdc``
property adds a quantity, with no code change.  Table properties used:

* ``shop_component``: the label of the component (e.g. "KASCADE array");
* ``shop_order``: the columns the packages are ordered by ("run event");
* ``shop_time``, ``shop_position``: the columns of the time range and
  of the sky region (optional);

column properties: ``shop_default_min`` / ``shop_default_max`` (the
form's default cut) and, for quantities that are no column of the table,
``shop_from`` (the column they are computed from) with ``shop_derive``
(how: one of :data:`DERIVATIONS`).  Resource properties: ``release``,
``simulated``, ``restricted``.
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path

from converters import kcdc_quantities as kq
from converters import rdschema

__all__ = ["Dataset", "Component", "QuantityInfo", "ComponentSpec",
           "DERIVATIONS", "catalogue", "component_spec", "is_true"]

#: ``shop_derive`` values: quantities computed from a timestamp column.
DERIVATIONS = ("unix_seconds", "nanoseconds", "utc_date", "utc_time")


def is_true(text):
    """True for an RD property value of "True" (any case)."""
    return str(text or "").strip().lower() == "true"


@dataclass(frozen=True)
class QuantityInfo:
    """One quantity as the form and the API show it.

    Attributes
    ----------
    name, description, unit : str
        KCDC name, description and the unit of cuts and files.
    range : tuple or None
        ``(lo, hi)`` published range in ``unit`` (either may be None).
    is_array : bool
        A per-station array (no cuts, no ASCII).
    default_cut : tuple or None
        ``(lo, hi)`` the form proposes.
    """

    name: str
    description: str
    unit: str
    range: tuple = None
    is_array: bool = False
    default_cut: tuple = None


@dataclass(frozen=True)
class Component:
    """A detector component (a shoppable table) of a data set."""

    id: str
    label: str
    quantities: list = field(default_factory=list)


@dataclass(frozen=True)
class Dataset:
    """A shoppable data set (an RD)."""

    name: str
    title: str
    simulated: bool
    restricted: bool
    release: str
    components: list = field(default_factory=list)


@dataclass(frozen=True)
class ComponentSpec:
    """What the exporter needs of a component.

    Attributes
    ----------
    dataset : str
    table : converters.rdschema.TableSpec
    quantities : tuple of converters.kcdc_quantities.Quantity
    order : tuple of str
        Columns of the package order.
    time_column : str or None
    position_columns : tuple of str
        ``(ra, dec)`` or ``()``.
    rd_dir : pathlib.Path
        Where the RD was read.
    """

    dataset: str
    table: object
    quantities: tuple
    order: tuple
    time_column: str = None
    position_columns: tuple = ()
    rd_dir: Path = rdschema.RD_DIR

    def quantity(self, name):
        """The quantity ``name``, or None."""
        return kq.by_name(self.quantities).get(name)

    def column_property(self, q, key):
        """A ``shop_*`` property of the column behind quantity ``q``."""
        spec = (self.table if q.table == self.table.id else
                self._extra_table(q.table))
        try:
            return spec.column(q.column).property(key)
        except rdschema.RDSchemaError:
            return None

    def _extra_table(self, table_id):
        for ref in self.table.properties.get("kcdc_extra", "").split():
            other, _, other_id = ref.rpartition("#")
            if other_id == table_id:
                return rdschema.table(other or self.dataset, other_id,
                                      self.rd_dir)
        raise rdschema.RDSchemaError(f"{self.dataset}: no table {table_id}")


def _display_range(q):
    lo, hi = q.bounds
    if lo is None and hi is None:
        return None
    conv = [None if v is None else float(q.from_column(v)) for v in (lo, hi)]
    return tuple(conv)


def _number(text):
    return None if text in (None, "") else float(text)


def _info(comp, q):
    default = tuple(_number(comp.column_property(q, k))
                    for k in ("shop_default_min", "shop_default_max"))
    return QuantityInfo(
        name=q.name, description=q.description, unit=q.unit,
        range=_display_range(q), is_array=q.is_array,
        default_cut=None if default == (None, None) else default)


def component_spec(dataset, component, rd_dir=None):
    """The exporter's description of one component.

    Parameters
    ----------
    dataset : str
        RD name.
    component : str
        Table id with ``<property name="shop">True</property>``.
    rd_dir : path-like, optional
        Default: the project's ``rd/``.

    Returns
    -------
    ComponentSpec

    Raises
    ------
    converters.rdschema.RDSchemaError
        Unknown RD, unknown or unshoppable table.
    """
    rd_dir = Path(rd_dir or rdschema.RD_DIR)
    spec = rdschema.table(dataset, component, rd_dir)
    props = spec.properties
    if not is_true(props.get("shop")):
        raise rdschema.RDSchemaError(f"{dataset}#{component} is not "
                                     "declared shoppable")
    qs = kq.quantities(dataset, component, rd_dir)
    order = tuple(props.get("shop_order", "").split())
    if not order:
        raise rdschema.RDSchemaError(f"{dataset}#{component} declares no "
                                     "shop_order")
    return ComponentSpec(
        dataset=dataset, table=spec, quantities=qs, order=order,
        time_column=props.get("shop_time") or None,
        position_columns=tuple(props.get("shop_position", "").split()),
        rd_dir=rd_dir)


def _component(name, spec, rd_dir):
    comp = component_spec(name, spec.id, rd_dir)
    return Component(id=spec.id,
                     label=spec.properties.get("shop_component", spec.id),
                     quantities=[_info(comp, q) for q in comp.quantities])


def _dataset(name, rd_dir):
    shoppable = [t for t in rdschema.tables(name, rd_dir)
                 if is_true(t.properties.get("shop"))]
    if not shoppable:
        return None
    title = rdschema.resource_meta(name, "title", rd_dir)
    return Dataset(
        name=name, title=title[0] if title else name,
        simulated=rdschema.is_simulated(name, rd_dir),
        restricted=rdschema.is_restricted(name, rd_dir),
        release=rdschema.release_name(name, rd_dir) or "",
        components=[_component(name, t, rd_dir) for t in shoppable])


def catalogue(rd_dir=None):
    """Every shoppable data set, with components and quantities.

    Parameters
    ----------
    rd_dir : path-like, optional
        Default: the project's ``rd/``.

    Returns
    -------
    list of Dataset
        Sorted by name.
    """
    rd_dir = Path(rd_dir or rdschema.RD_DIR)
    return _catalogue(rd_dir, _fingerprint(rd_dir))


def _fingerprint(rd_dir):
    # the RDs' names and modification times: an edited RD is seen at once
    return tuple((p.name, p.stat().st_mtime_ns)
                 for p in sorted(rd_dir.glob("*.rd")))


@functools.lru_cache(maxsize=8)
def _catalogue(rd_dir, _key):
    found = []
    for path in sorted(rd_dir.glob("*.rd")):
        if "<property" not in path.read_text(encoding="utf-8"):
            continue  # no RD without properties can be shoppable
        dataset = _dataset(path.stem, rd_dir)
        if dataset is not None:
            found.append(dataset)
    return found
