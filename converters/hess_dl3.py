"""H.E.S.S. DL3 DR1 observation index -> hess_dr1.observations.

The index (``obs-index.fits.gz``, HDU ``OBS_INDEX``, GADF 0.2) has one
row per observation run.  Its times ``TSTART``/``TSTOP`` are seconds
(TT) since MJDREFI + MJDREFF (TT) of the header; the table gets them
as published and as UTC timestamps and MJDs.  (The index's DATE-OBS /
TIME-OBS strings are TT too, 64.184 s or 65.184 s ahead of UTC, so they
are not used.)  Single-precision values are taken at their shortest
decimal form, which is what the publisher wrote.
"""

from pathlib import Path

import numpy as np

from . import tables
from .errors import InputError

FILE = "obs-index.fits.gz"
HDU = "OBS_INDEX"

# table column -> (index column, low, high): floats, range-checked
FLOATS = {
    "ra": ("RA_PNT", 0, 360),
    "dec": ("DEC_PNT", -90, 90),
    "gal_l": ("GLON_PNT", 0, 360),
    "gal_b": ("GLAT_PNT", -90, 90),
    "zenith": ("ZEN_PNT", 0, 90),
    "altitude": ("ALT_PNT", 0, 90),
    "azimuth": ("AZ_PNT", 0, 360),
    "ra_obj": ("RA_OBJ", 0, 360),
    "dec_obj": ("DEC_OBJ", -90, 90),
    "offset_obj": ("OFFSET_OBJ", 0, 10),
    "ontime": ("ONTIME", 0, 86400),
    "livetime": ("LIVETIME", 0, 86400),
    "deadc": ("DEADC", 0, 1),
    "met_start": ("TSTART", 0, 1e10),
    "met_stop": ("TSTOP", 0, 1e10),
    "muon_eff": ("MUONEFF", 0, 10),
    "target_offset": ("TARGET_OFFSET", 0, 180),
    "safe_energy_lo": ("SAFE_ENERGY_LO", 0, 1e4),
    "safe_energy_hi": ("SAFE_ENERGY_HI", 0, 1e4),
}
# NaN (NULL) where the run had no target (the "Off data" runs)
NULLABLE = {"target_offset"}
INTEGERS = {
    "obs_id": "OBS_ID",
    "n_tels": "N_TELS",
    "quality": "QUALITY",
    "event_count": "EVENT_COUNT",
}
TEXTS = {
    "object": "OBJECT",
    "tel_list": "TELLIST",
    "target_name": "TARGET_NAME",
    "target_tag": "TARGET_TAG",
}


def _mjd_reference(path, meta):
    """MJDREFI + MJDREFF (TT) from the header, checking the time system."""
    timesys = str(meta.get("TIMESYS", "TT")).strip().upper()
    if timesys != "TT":
        raise InputError(path, f"TIMESYS is '{timesys}', expected TT",
            field="TIMESYS")
    if str(meta.get("TIMEUNIT", "s")).strip() != "s":
        raise InputError(path, f"TIMEUNIT is '{meta['TIMEUNIT']}', expected "
            "s", field="TIMEUNIT")
    try:
        return float(meta["MJDREFI"]), float(meta["MJDREFF"])
    except KeyError as exc:
        raise InputError(path, f"header keyword {exc.args[0]} is missing",
            field=exc.args[0]) from None


def _utc(mjdrefi, mjdreff, met):
    """(datetime64[us], MJD) in UTC from TT seconds since the reference."""
    from astropy.time import Time, TimeDelta
    reference = Time(mjdrefi, mjdreff, format="mjd", scale="tt")
    utc = (reference + TimeDelta(met, format="sec")).utc
    # nearest microsecond (astropy's ns value can fall a hair short)
    ns = utc.datetime64.astype("datetime64[ns]").astype(np.int64)
    return ((ns + 500) // 1000).astype("datetime64[us]"), utc.mjd


def observations_table(data_dir):
    """One row per observation run of the H.E.S.S. DL3 DR1."""
    path = Path(data_dir) / FILE
    table = tables.read_astropy_table(path, hdu=HDU)
    tables.require_columns(path, table, [*(c for c, _, _ in FLOATS.values()),
        *INTEGERS.values(), *TEXTS.values()])
    if len(table) == 0:
        raise InputError(path, f"HDU {HDU} has no rows")

    columns = {}
    for name, (source, low, high) in FLOATS.items():
        values = np.array(np.ma.getdata(table[source]))
        if values.dtype.kind == "f" and values.dtype.itemsize == 4:
            # single precision in the file: its shortest decimal form
            # (228.6125, not 228.61250305175781)
            values = values.astype(np.float32).astype(str)
        values = values.astype(np.float64)
        null = np.ma.getmaskarray(table[source]) | np.isnan(values)
        if name in NULLABLE:
            rows = np.flatnonzero(~null) + 1
            tables.check_range(path, values[~null], source, low, high,
                rows=rows)
            columns[name] = np.ma.masked_array(values, mask=null)
        else:
            values[null] = np.nan
            tables.check_range(path, values, source, low, high)
            columns[name] = values
    for name, source in INTEGERS.items():
        values = table[source]
        if np.ma.getmaskarray(values).any() or values.dtype.kind not in "iu":
            raise InputError(path, f"column {source} must be integers without "
                "NULLs", field=source)
        columns[name] = np.asarray(values, dtype=np.int64)
    for name, source in TEXTS.items():
        values = np.array(np.ma.getdata(table[source]))
        if values.dtype.kind == "S":
            values = np.char.decode(values, "ascii", errors="replace")
        columns[name] = tables.text_column(values)

    ids = columns["obs_id"]
    unique, counts = np.unique(ids, return_counts=True)
    if (counts > 1).any():
        duplicate = unique[counts > 1][0]
        raise InputError(path, f"OBS_ID {duplicate} occurs more than once",
            row=int(np.argmax(ids == duplicate)) + 1, field="OBS_ID")
    backwards = columns["met_stop"] < columns["met_start"]
    if backwards.any():
        raise InputError(path, "TSTOP before TSTART",
            row=int(np.argmax(backwards)) + 1, field="TSTOP")

    mjdrefi, mjdreff = _mjd_reference(path, table.meta)
    columns["t_start"], columns["t_start_mjd"] = _utc(mjdrefi, mjdreff,
        columns["met_start"])
    columns["t_stop"], columns["t_stop_mjd"] = _utc(mjdrefi, mjdreff,
        columns["met_stop"])
    columns["obs_id"] = ids.astype(np.int32)
    columns["n_tels"] = columns["n_tels"].astype(np.int16)
    columns["quality"] = columns["quality"].astype(np.int16)
    columns["event_count"] = columns["event_count"].astype(np.int32)
    return columns
