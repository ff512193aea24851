"""IceCube realtime alerts: IceCat-1 tracks, cascade alerts, VOEvents.

Inputs, all in the resource's data folder:

* alert catalogues as CSV (``*.csv``) in IceCat-1's columns; the field
  of each table column is declared in ``rd/icecube_alerts.rd`` (column
  property ``source``).  Empty fields and the table property
  ``source_null`` (``None``, ``nan``, ..., any case) are NULL.
* single alerts as VOEvent 2.0 files (``*.xml``), as IceCube sends them
  through GCN, read by :func:`converters.voevent.parse`; the VOEvent
  value of each column is declared in the RD (property ``voevent``,
  table property ``voevent_position``).  A VOEvent whose run and event
  number is already in a catalogue is dropped (the catalogue's offline
  reconstruction supersedes the realtime notice); of several VOEvents
  for one event, the highest revision wins.

Columns that an input does not give are computed (property ``derive``:
the alert identifier, the GCN name, track or cascade, the stream, the
circular radius, the error region, the source file) or NULL.  The error
region is described in :mod:`converters.error_regions`.
"""

import sys
from pathlib import Path

import numpy as np

from . import icecat, rdschema, voevent
from .columns import assemble, dtype
from .error_regions import N_VERTICES, error_polygon
from .errors import E09
from .icecat import read_catalogue
from .tables import concatenate_columns

__all__ = ["RD", "TABLE", "N_VERTICES", "error_polygon", "read_catalogue",
           "catalogue_columns", "alert_row", "alert_id", "alert_type_of",
           "stream_of", "gcn_name", "typed_columns", "input_files",
           "alerts_table"]

#: The RD and the table the converters fill.
RD, TABLE = icecat.RD, icecat.TABLE


def _spec(table_spec=None):
    return table_spec or rdschema.table(RD, TABLE)


# --- derived columns ----------------------------------------------------

def alert_id(run, event):
    """The alert's identifier, '<run>_<event>' as in GCN's JSON notices.

    Parameters
    ----------
    run, event : array_like of int

    Returns
    -------
    numpy.ndarray of str
    """
    return np.char.add(np.char.add(np.asarray(run).astype(str), "_"),
                       np.asarray(event).astype(str))


def alert_type_of(i3type):
    """'cascade' or 'track' from IceCube's selection name (vectorised).

    Parameters
    ----------
    i3type : array_like of str

    Returns
    -------
    numpy.ndarray of str
    """
    lower = np.char.lower(np.asarray(i3type, dtype=str))
    return np.where(np.char.find(lower, "cascade") >= 0, "cascade", "track")


def stream_of(i3type):
    """'Gold', 'Bronze' or NULL from the selection name (vectorised).

    Parameters
    ----------
    i3type : array_like of str

    Returns
    -------
    numpy.ma.MaskedArray of str
    """
    lower = np.char.lower(np.asarray(i3type, dtype=str))
    gold = np.char.endswith(lower, "gold")
    bronze = np.char.endswith(lower, "bronze")
    return np.ma.masked_array(np.where(gold, "Gold", np.where(
        bronze, "Bronze", "")), mask=~(gold | bronze))


def gcn_name(name):
    """'IceCube-170922A' from IceCat's 'IC170922A' (NULL if not that form).

    Parameters
    ----------
    name : array_like of str

    Returns
    -------
    numpy.ma.MaskedArray of str
    """
    name = np.asarray(name, dtype=str)
    ok = np.array([len(v) == 9 and v.startswith("IC") and v[2:8].isdigit()
                   and v[8].isalpha() for v in name], dtype=bool)
    return np.ma.masked_array(np.char.add("IceCube-", np.char.lstrip(
        name, "IC")), mask=~ok)


def _circle_radius(columns, _):
    """The cascade list repeats its circular radius in all four columns."""
    errors = np.ma.vstack([columns[k] for k in (
        "ra_err_plus", "ra_err_minus", "dec_err_plus", "dec_err_minus")])
    circular = ((columns["alert_type"] == "cascade").filled(False)
                & ~np.ma.getmaskarray(errors).any(axis=0)
                & (errors.max(axis=0) == errors.min(axis=0)).filled(False))
    return np.ma.masked_array(errors[0].filled(np.nan), mask=~circular)


def _error_region(columns, _):
    """error_region from err_radius where given, else the rectangle."""
    def filled(name):
        return np.ma.masked_array(columns[name], dtype=float).filled(np.nan)
    ra, dec, radius = filled("ra"), filled("dec"), filled("err_radius")
    cos_dec = np.cos(np.radians(dec))
    circ = np.isfinite(radius)

    def pick(name, factor=1.0):
        return np.where(circ, radius, filled(name) * factor)
    poly = error_polygon(ra, dec, pick("ra_err_plus", cos_dec),
                         pick("ra_err_minus", cos_dec),
                         pick("dec_err_plus"), pick("dec_err_minus"))
    return np.ma.masked_array(poly, mask=poly == "")


def _common_derivations(path):
    return {
        "alert_id": lambda c, _: np.ma.masked_array(alert_id(
            np.ma.getdata(c["run_id"]), np.ma.getdata(c["event_id"]))),
        "error_region": _error_region,
        "source_file": lambda c, _: np.ma.masked_array(
            np.full(len(c["run_id"]), Path(path).name))}


def _null(columns, column):
    n = len(next(iter(columns.values())))
    kind = np.dtype(dtype(column)).kind
    return np.ma.masked_all(n, dtype="U1" if kind == "U" else dtype(column))


def catalogue_columns(path, table_spec=None):
    """The table's columns from one catalogue CSV.

    Parameters
    ----------
    path : path-like
    table_spec : converters.rdschema.TableSpec, optional

    Returns
    -------
    (dict, numpy.ndarray)
        The RD's columns and each row's line in the file.
    """
    table_spec = _spec(table_spec)
    sourced, lines = read_catalogue(path, table_spec)
    derivations = dict(
        _common_derivations(path),
        gcn_name=lambda c, _: gcn_name(np.ma.masked_array(
            c["name"]).filled("")),
        alert_type=lambda c, _: np.ma.masked_array(alert_type_of(
            np.ma.masked_array(c["i3type"]).filled(""))),
        stream=lambda c, _: stream_of(np.ma.masked_array(
            c["i3type"]).filled("")),
        circle_radius=_circle_radius)
    return assemble(table_spec, lambda column: sourced[column.name],
                    derivations, default=_null), lines


# --- VOEvents -------------------------------------------------------------

def _voevent_keys(table_spec):
    """{column: the VOEvent value (converters.voevent.parse) it takes}."""
    keys = {c.name: c.property("voevent") for c in table_spec.columns
            if c.property("voevent") is not None}
    keys.update(pair.split("=", 1) for pair in table_spec.properties.get(
        "voevent_position", "").split())
    return keys


def alert_row(path, table_spec=None):
    """One row of icecube_alerts.alerts from a VOEvent.

    Parameters
    ----------
    path : path-like
        A VOEvent 2.0 file.
    table_spec : converters.rdschema.TableSpec, optional

    Returns
    -------
    dict
        The RD's columns as 1-element arrays (masked where NULL), typed
        as :func:`typed_columns` makes them.
    """
    table_spec = _spec(table_spec)
    values = voevent.parse(path)
    keys = _voevent_keys(table_spec)

    def read(column):
        value = values[keys[column.name]]
        if value is None:
            return _null({"": [0]}, column)
        return np.ma.masked_array([value])
    row = assemble(table_spec, read, _common_derivations(path),
                   sourced=lambda column: column.name in keys,
                   default=lambda columns, column: _null({"": [0]}, column))
    return typed_columns(row, table_spec)


# --- assembling the table -------------------------------------------------

def typed_columns(values, table_spec=None):
    """The table's columns with the numpy types of the RD's column types.

    Parameters
    ----------
    values : dict
        ``{column: (masked) array}`` with every column of the table.
    table_spec : converters.rdschema.TableSpec, optional

    Returns
    -------
    dict
        Masked arrays; NULL text is "" under the mask.
    """
    out = {}
    for column in _spec(table_spec).columns:
        column_values = values[column.name]
        mask = np.ma.getmaskarray(column_values)
        data = np.ma.getdata(column_values)
        if np.dtype(dtype(column)).kind == "U":
            data = np.where(mask, "", np.asarray(data, dtype=str))
        else:
            data = data.astype(dtype(column))
        out[column.name] = np.ma.masked_array(data, mask=mask)
    return out


def input_files(data_dir, suffix):
    """The input files of a data folder with ``suffix``, sorted: the
    alert catalogues (``.csv``) or the VOEvents (``.xml``).

    Parameters
    ----------
    data_dir : path-like
    suffix : {".csv", ".xml"}

    Returns
    -------
    list of pathlib.Path
    """
    return sorted(Path(data_dir).glob(f"*{suffix}"))


def _catalogue_parts(catalogues, table_spec, seen, log):
    parts = []
    for path in catalogues:
        cols, lines = catalogue_columns(path, table_spec)
        keep = np.ones(len(lines), dtype=bool)
        for i, key in enumerate(np.ma.getdata(cols["alert_id"])):
            if key in seen:
                print(f"  {path.name} line {lines[i]}: alert {key} (run_"
                      f"event) is already in {seen[key]}; skipped", file=log)
                keep[i] = False
            else:
                seen[key] = f"{path.name} line {lines[i]}"
        parts.append({c: v[keep] for c, v in cols.items()})
    return parts


def _voevent_parts(notices, table_spec, seen, log):
    best = {}
    for path in notices:
        row = alert_row(path, table_spec)
        key = str(row["alert_id"][0])
        if key in seen:
            print(f"  {path.name}: alert {key} (run_event) is already in "
                  f"{seen[key]}; not added", file=log)
            continue
        revision = row["revision"].filled(-1)[0]
        if key not in best or revision > best[key][0]:
            best[key] = (revision, row)
    return [row for _, row in best.values()]


def alerts_table(ctx, log=sys.stderr):
    """The columns of icecube_alerts.alerts from every catalogue and VOEvent.

    Catalogue rows come first, in file order; an event (run and event
    number) already given by an earlier catalogue is skipped with a note.
    A VOEvent of an event that a catalogue has is dropped; of several
    VOEvents of one event the highest revision is kept.

    Parameters
    ----------
    ctx : converters.context.ImportContext
    log : file, optional
        Where the notes go.

    Returns
    -------
    dict
        The RD's columns.
    """
    table_spec = rdschema.table(ctx.resource, TABLE)
    catalogues = input_files(ctx.data_dir, ".csv")
    notices = input_files(ctx.data_dir, ".xml")
    if not catalogues and not notices:
        raise E09(ctx.data_dir, "no alert catalogue (*.csv) or VOEvent "
                  "(*.xml); run 'apdc fetch icecube_alerts'")
    seen = {}
    parts = _catalogue_parts(catalogues, table_spec, seen, log)
    parts += _voevent_parts(notices, table_spec, seen, log)
    return typed_columns(concatenate_columns(parts), table_spec)
