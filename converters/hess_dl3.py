"""H.E.S.S. DL3 DR1 observation index -> hess_dr1.observations.

The index (``obs-index.fits.gz``, HDU ``OBS_INDEX``, GADF 0.2) has one
row per observation run.  Which index column fills which table column,
and the range a value must lie in, is declared in ``rd/hess_dr1.rd``:
each column taken over from the index carries ``<property
name="source">`` (the GADF column) and, for numbers, ``<values min
max>``; required="True" forbids NULLs.  Its times ``TSTART``/``TSTOP``
are seconds (TT) since MJDREFI + MJDREFF (TT) of the header; the table
gets them as published and as UTC timestamps and MJDs.  (The index's
DATE-OBS / TIME-OBS strings are TT too, 64.184 s or 65.184 s ahead of
UTC, so they are not used.)  Single-precision values are taken at their
shortest decimal form, which is what the publisher wrote.
"""

import numpy as np
from astropy.time import Time, TimeDelta

from . import rdschema, tables
from .errors import E03, E04, E05, E08, E09

__all__ = ["FILE", "HDU", "observations_table"]

FILE = "obs-index.fits.gz"
HDU = "OBS_INDEX"

_INTEGER_TYPES = {"smallint": np.int16, "integer": np.int32,
                  "bigint": np.int64}


def _mjd_reference(path, meta):
    """MJDREFI + MJDREFF (TT) from the header, checking the time system."""
    timesys = str(meta.get("TIMESYS", "TT")).strip().upper()
    if timesys != "TT":
        raise E03(path, f"TIMESYS is '{timesys}', expected TT",
            field="TIMESYS")
    if str(meta.get("TIMEUNIT", "s")).strip() != "s":
        raise E03(path, f"TIMEUNIT is '{meta['TIMEUNIT']}', expected s",
            field="TIMEUNIT")
    try:
        return float(meta["MJDREFI"]), float(meta["MJDREFF"])
    except KeyError as exc:
        raise E04(path, f"header keyword {exc.args[0]} is missing",
            field=exc.args[0]) from None


def _utc(mjdrefi, mjdreff, met):
    """(datetime64[us], MJD) in UTC from TT seconds since the reference."""
    reference = Time(mjdrefi, mjdreff, format="mjd", scale="tt")
    utc = (reference + TimeDelta(met, format="sec")).utc
    # nearest microsecond (astropy's ns value can fall a hair short)
    ns = utc.datetime64.astype("datetime64[ns]").astype(np.int64)
    return ((ns + 500) // 1000).astype("datetime64[us]"), utc.mjd


def _float_column(path, table, spec):
    source = spec.property("source")
    values = np.array(np.ma.getdata(table[source]))
    if values.dtype.kind == "f" and values.dtype.itemsize == 4:
        # single precision in the file: its shortest decimal form
        # (228.6125, not 228.61250305175781)
        values = values.astype(np.float32).astype(str)
    values = values.astype(np.float64)
    null = np.ma.getmaskarray(table[source]) | np.isnan(values)
    low, high = spec.bounds()
    if not spec.required:
        # NaN (NULL) where the run had no target (the "Off data" runs)
        tables.check_range(path, values[~null], source, low, high,
            rows=np.flatnonzero(~null) + 1)
        return np.ma.masked_array(values, mask=null)
    values[null] = np.nan
    tables.check_range(path, values, source, low, high)
    return values


def _integer_column(path, table, spec):
    source = spec.property("source")
    values = table[source]
    if np.ma.getmaskarray(values).any() or values.dtype.kind not in "iu":
        raise E05(path, f"column {source} must be integers without NULLs",
            field=source)
    return np.asarray(values).astype(_INTEGER_TYPES[spec.type])


def _text_column(table, spec):
    values = np.array(np.ma.getdata(table[spec.property("source")]))
    if values.dtype.kind == "S":
        values = np.char.decode(values, "ascii", errors="replace")
    return tables.text_column(values)


def _check_rows(path, columns):
    ids = columns["obs_id"]
    unique, counts = np.unique(ids, return_counts=True)
    if (counts > 1).any():
        duplicate = unique[counts > 1][0]
        raise E08(path, f"OBS_ID {duplicate} occurs more than once",
            row=int(np.argmax(ids == duplicate)) + 1, field="OBS_ID")
    backwards = columns["met_stop"] < columns["met_start"]
    if backwards.any():
        raise E08(path, "TSTOP before TSTART",
            row=int(np.argmax(backwards)) + 1, field="TSTOP")


def observations_table(ctx):
    """hess_dr1.observations: one row per observation run of the DR1.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The import context; the index is ``ctx.data_dir / FILE``.

    Returns
    -------
    dict of str to numpy.ndarray
        The RD's columns, except ``pub_did`` (computed by PostgreSQL).

    Raises
    ------
    converters.errors.InputError
        E01/E02 for a missing or unreadable index, E04 for a missing
        column, E06 for a value out of its RD range, E08 for duplicate
        runs or a stop before the start, E09 for an empty index.
    """
    path = ctx.data_dir / FILE
    spec = rdschema.table("hess_dr1", "observations")
    taken = spec.with_property("source")
    table = tables.read_astropy_table(path, hdu=HDU)
    tables.require_columns(path, table, [c.property("source") for c in taken])
    if len(table) == 0:
        raise E09(path, f"HDU {HDU} has no rows")
    columns = {}
    for column in taken:
        if column.type == "double precision":
            columns[column.name] = _float_column(path, table, column)
        elif column.type in _INTEGER_TYPES:
            columns[column.name] = _integer_column(path, table, column)
        else:
            columns[column.name] = _text_column(table, column)
    _check_rows(path, columns)
    mjdrefi, mjdreff = _mjd_reference(path, table.meta)
    columns["t_start"], columns["t_start_mjd"] = _utc(mjdrefi, mjdreff,
        columns["met_start"])
    columns["t_stop"], columns["t_stop_mjd"] = _utc(mjdrefi, mjdreff,
        columns["met_stop"])
    return columns
