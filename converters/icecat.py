"""IceCube alert catalogues (IceCat-1 and the cascade list) as CSV.

The CSV field of each column of ``icecube_alerts.alerts`` is declared in
``rd/icecube_alerts.rd`` (column property ``source``); fields a table
column needs (``required``, or ``source_required`` for the catalogue
only) must be there and non-empty.  Empty fields and the table property
``source_null`` (any case) are NULL.  Types follow the RD (``boolean``
per ``source_format`` for TRUE/FALSE fields).
"""

from pathlib import Path

import numpy as np

from . import rdschema
from .columns import dtype, finish
from .errors import E04, E07
from .tables import (parse_bools, parse_floats, parse_ints, parse_times,
                     text_columns)

__all__ = ["RD", "TABLE", "read_catalogue"]

#: The RD and the table the catalogues fill.
RD, TABLE = "icecube_alerts", "alerts"


def _null_mask(values, null):
    return np.isin(np.char.lower(np.char.strip(values)), sorted(null))


def _typed_field(path, column, values, lines, null):
    """The values of one CSV field as the column's type (masked)."""
    field = column.property("source")
    kind = np.dtype(dtype(column)).kind
    if column.property("source_format") == "boolean":
        return parse_bools(path, values, lines, field, null)
    if kind == "M":
        return np.ma.masked_array(parse_times(path, values, lines, field))
    if kind == "U":
        return np.ma.masked_array(np.char.strip(values), mask=null)
    if kind == "f":
        return parse_floats(path, np.where(null, "", values), lines, field)
    return np.ma.masked_array(parse_ints(path, values, lines, field,
                                          dtype(column)))


def read_catalogue(path, table_spec=None):
    """One alert catalogue CSV -> (dict of sourced columns, line numbers).

    Parameters
    ----------
    path : path-like
    table_spec : converters.rdschema.TableSpec, optional
        The table (default: icecube_alerts.alerts from its RD).

    Returns
    -------
    (dict, numpy.ndarray)
        The columns that the RD says come from a CSV field (optional
        fields that are missing come back all NULL) and each row's line.
    """
    path = Path(path)
    table_spec = table_spec or rdschema.table(RD, TABLE)
    raw, lines = text_columns(path, ",", comment=None)
    raw = {name.strip().lstrip("\ufeff").upper(): values
           for name, values in raw.items()}
    null_texts = {""} | set(table_spec.properties.get(
        "source_null", "").lower().split())

    def read(column):
        field = column.property("source")
        required = (column.required
                    or column.property("source_required") == "True")
        if field not in raw and required:
            raise E04(path, f"no column {field} in the header "
                      f"({', '.join(raw)})", row=1, field=field)
        values = raw.get(field, np.full(len(lines), ""))
        null = _null_mask(values, null_texts)
        if required and null.any():
            raise E07(path, "required value is empty",
                      row=int(lines[int(np.argmax(null))]), field=field)
        return finish(path, column, _typed_field(path, column, values,
                                                 lines, null), lines)
    columns = {c.name: read(c) for c in table_spec.columns
               if c.property("source") is not None}
    return columns, lines
