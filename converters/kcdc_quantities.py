"""The KCDC quantities of a KASCADE table, as its RD declares them.

A KCDC export (ASCII, HDF5 or ROOT, docs/kcdc_formats.md) holds
quantities under KCDC's names (``E``, ``XC``, ``ZE`` ...).  Which
quantities there are, and everything a reader or writer needs to know
about them, is declared in the RD (rd/kascade.rd), on the columns they
fill::

    <column name="zenith" type="double precision" unit="deg" ...
        required="True">
      <values min="0" max="90"/>
      <property name="kcdc">ZE</property>
    </column>

* ``kcdc``: the KCDC name of the quantity (the column is a quantity only
  if it has this property);
* ``kcdc_dtype``: the numpy dtype in the files, where it differs from the
  column's type (KCDC writes doubles where the table stores reals);
* ``kcdc_unit``: the unit in the files, where it differs from the
  column's (KCDC's ``T`` is in degC, the column in K);
* ``kcdc_null``: the value KCDC writes for "not measured" (-1);
* ``kcdc_array``: ``station`` (one value per station) or ``event
  station`` (one per event and station) for the per-station arrays.

The column's ``required`` attribute says whether a file must have the
quantity (else E04); a missing optional quantity is NULL.  ``<values
min max>`` are the allowed range.  Quantities that fill no column of the
table one-to-one (the event time, the station arrays) are columns of a
non-database table that the table names in its ``kcdc_extra`` property.
Derived columns (sky coordinates, times, DIDs) carry no ``kcdc``
property: Python computes them.
"""

from dataclasses import dataclass

import numpy as np

from converters import rdschema

__all__ = ["Quantity", "quantities", "scalar_quantities",
           "array_quantities", "by_name", "RD_TYPES", "markdown_table"]

#: numpy dtypes of the RD (DaCHS) column types that KCDC quantities use.
RD_TYPES = {
    "double precision": "float64", "real": "float32", "bigint": "int64",
    "integer": "int32", "smallint": "int16",
}

# (file unit, column unit) -> (scale, offset): column = scale * file + offset
_CONVERSIONS = {("degC", "K"): (1.0, 273.15)}


@dataclass(frozen=True)
class Quantity:
    """One KCDC quantity and the column it fills.

    Attributes
    ----------
    name : str
        KCDC's name (ASCII header, HDF5 dataset, ROOT branch).
    column : str
        The RD column it fills (for ``kcdc_extra`` tables: the column of
        that declaration, not a database column).
    table : str
        The table that declares the column.
    dtype : numpy.dtype
        The dtype in the files.
    unit : str
        The unit in the files.
    column_unit : str
        The unit of the column.
    required : bool
        A file must have the quantity; otherwise it is NULL when missing.
    bounds : tuple
        ``(min, max)`` in the column's unit, None where unbounded.
    description : str
    ucd : str
    null : number or None
        The value that KCDC writes for "not measured".
    array : str
        "" for one value per event; "station" or "event station".
    """

    name: str
    column: str
    table: str
    dtype: np.dtype
    unit: str
    column_unit: str
    required: bool
    bounds: tuple
    description: str
    ucd: str = ""
    null: object = None
    array: str = ""

    @property
    def is_array(self):
        """True for per-station arrays."""
        return bool(self.array)

    @property
    def per_event(self):
        """True if the quantity has one entry (value or row) per event."""
        return self.array != "station"

    def to_column(self, values):
        """The values converted from the file's unit to the column's.

        Parameters
        ----------
        values : numpy.ndarray

        Returns
        -------
        numpy.ndarray
        """
        if self.unit == self.column_unit:
            return values
        scale, offset = _CONVERSIONS[(self.unit, self.column_unit)]
        return values * scale + offset

    def from_column(self, values):
        """The values converted from the column's unit to the file's.

        The inverse of :meth:`to_column` (a data shop reads the table and
        writes files).

        Parameters
        ----------
        values : numpy.ndarray or float

        Returns
        -------
        numpy.ndarray or float
        """
        if self.unit == self.column_unit:
            return values
        scale, offset = _CONVERSIONS[(self.unit, self.column_unit)]
        return (values - offset) / scale


def _number(text, dtype):
    return None if text is None else np.dtype(dtype).type(float(text)) \
        if dtype.kind == "f" else np.dtype(dtype).type(int(float(text)))


def _quantity(spec, column):
    props = column.properties
    rd_type = RD_TYPES.get(column.type)
    dtype = np.dtype(props.get("kcdc_dtype") or rd_type or "")
    unit = props.get("kcdc_unit", column.unit)
    if unit != column.unit and (unit, column.unit) not in _CONVERSIONS:
        raise rdschema.RDSchemaError(
            f"{spec.qualified_name}.{column.name}: no conversion from the "
            f"KCDC unit {unit!r} to {column.unit!r}")
    return Quantity(
        name=props["kcdc"], column=column.name, table=spec.id, dtype=dtype,
        unit=unit, column_unit=column.unit, required=column.required,
        bounds=column.bounds(), description=column.description,
        ucd=column.ucd, null=_number(props.get("kcdc_null"), dtype),
        array=" ".join(props.get("kcdc_array", "").split()))


def _specs(rd_name, table_id, rd_dir):
    spec = rdschema.table(rd_name, table_id, rd_dir)
    yield spec
    for ref in spec.properties.get("kcdc_extra", "").split():
        other, _, other_id = ref.rpartition("#")
        yield rdschema.table(other or rd_name, other_id, rd_dir)


def quantities(rd_name="kascade", table_id="events", rd_dir=None):
    """The KCDC quantities that fill table ``table_id`` of an RD.

    Parameters
    ----------
    rd_name : str
        The RD (file name without ``.rd`` in ``rd_dir``).
    table_id : str
        A table with ``kcdc`` column properties.
    rd_dir : path-like, optional
        Default: the project's ``rd/``.

    Returns
    -------
    tuple of Quantity
        In declaration order: the table's own, then those of its
        ``kcdc_extra`` tables.

    Raises
    ------
    converters.rdschema.RDSchemaError
        Unknown RD or table, a unit without conversion, or a KCDC name
        declared twice.
    """
    rd_dir = rdschema.RD_DIR if rd_dir is None else rd_dir
    found = {}
    for spec in _specs(rd_name, table_id, rd_dir):
        for column in spec.with_property("kcdc"):
            q = _quantity(spec, column)
            if q.name in found:
                raise rdschema.RDSchemaError(
                    f"KCDC quantity {q.name} is declared twice "
                    f"({found[q.name].table}.{found[q.name].column}, "
                    f"{q.table}.{q.column})")
            found[q.name] = q
    return tuple(found.values())


def scalar_quantities(rd_name="kascade", table_id="events", rd_dir=None):
    """The quantities with one value per event (no arrays).

    Returns
    -------
    tuple of Quantity
    """
    return tuple(q for q in quantities(rd_name, table_id, rd_dir)
                 if not q.is_array)


def array_quantities(rd_name="kascade", table_id="events", rd_dir=None):
    """The per-station arrays (``kcdc_array``).

    Returns
    -------
    tuple of Quantity
    """
    return tuple(q for q in quantities(rd_name, table_id, rd_dir)
                 if q.is_array)


def by_name(qs):
    """``{KCDC name: Quantity}`` of a sequence of quantities.

    Returns
    -------
    dict
    """
    return {q.name: q for q in qs}


def _range(q):
    lo, hi = q.bounds
    if lo is None and hi is None:
        return ""
    return f"{_number_text(lo)}..{_number_text(hi)}"


def _number_text(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def markdown_table(rd_name="kascade", table_id="events", rd_dir=None):
    """The quantity listing of docs/kcdc_formats.md, made from the RD.

    Parameters
    ----------
    rd_name, table_id, rd_dir
        As for :func:`quantities`.

    Returns
    -------
    str
        A Markdown table, one row per quantity.
    """
    lines = ["| KCDC name | column | dtype | unit in file | required | "
             "range | array | meaning |",
             "|---|---|---|---|---|---|---|---|"]
    for q in quantities(rd_name, table_id, rd_dir):
        column = (f"`{q.column}`" if q.table == table_id
                  else f"({q.table}.{q.column})")
        unit = q.unit + (f" (column: {q.column_unit})"
                         if q.unit != q.column_unit else "")
        null = ("" if q.null is None
                else f"; {_number_text(q.null)} = not measured")
        lines.append(
            f"| {q.name} | {column} | {q.dtype} | {unit} | "
            f"{'yes' if q.required else 'no'} | {_range(q)} | {q.array} | "
            f"{q.description.rstrip('.')}{null} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
