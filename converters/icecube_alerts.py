"""IceCube realtime alerts: IceCat-1 tracks, cascade alerts, VOEvents.

Inputs, all in the resource's data folder:

* alert catalogues as CSV (``*.csv``) in IceCat-1's columns: NAME,
  RUNID, EVENTID, START, EVENTMJD, I3TYPE, RA, DEC, RA_ERR_PLUS,
  RA_ERR_MINUS, DEC_ERR_PLUS, DEC_ERR_MINUS, ENERGY, FAR, SIGNAL,
  CASCADE_SCR, SKIMMING_SCR, START_SCR, STOP_SCR, THRGOING_SCR, CR_VETO,
  OTHER_I3TYPES.  Empty fields and ``None``/``nan`` are NULL.
* single alerts as VOEvent 2.0 files (``*.xml``), as IceCube sends them
  through GCN; see converters/voevent.py.  A VOEvent whose run and event
  number is already in a catalogue is dropped (the catalogue's offline
  reconstruction supersedes the realtime notice); of several VOEvents
  for one event, the highest revision wins.

The 90% error region becomes a pgSphere polygon (``error_region``):

* IceCat-1 gives an asymmetric rectangle in RA and Dec
  (RA_ERR_PLUS/MINUS are extents in right ascension, so on the sky they
  are RA_ERR * cos(Dec)).  The polygon is the asymmetric ellipse
  inscribed in that rectangle: in the plane tangent at the best-fit
  position its east/west semi-axes are RA_ERR_PLUS/MINUS * cos(Dec) and
  its north/south ones DEC_ERR_PLUS/MINUS; the plane is mapped onto the
  sphere with the azimuthal equidistant projection (distances from the
  best fit are kept), which behaves near the poles.
* A circular region (cascade alerts, whose catalogue repeats the circle
  radius in all four error columns, and VOEvents' Error2Radius) is the
  same construction with all four semi-axes equal to the radius.
* ``N_VERTICES`` vertices at equal angles in the tangent plane, pushed
  out by 1/cos(pi/N) so that the polygon encloses the ellipse rather
  than cutting it (for N = 16 it reaches about 2% beyond the given
  extents along the axes).
"""

import sys
from pathlib import Path

import numpy as np

from .errors import InputError
from .tables import concatenate_columns, parse_floats, text_columns

N_VERTICES = 16

# Column name -> (CSV header, kind).  Kinds: text, int, float, bool.
CSV_COLUMNS = {
    "name": ("NAME", "text"),
    "run_id": ("RUNID", "int"),
    "event_id": ("EVENTID", "int"),
    "start": ("START", "text"),
    "obs_mjd": ("EVENTMJD", "float"),
    "i3type": ("I3TYPE", "text"),
    "ra": ("RA", "float"),
    "dec": ("DEC", "float"),
    "ra_err_plus": ("RA_ERR_PLUS", "float"),
    "ra_err_minus": ("RA_ERR_MINUS", "float"),
    "dec_err_plus": ("DEC_ERR_PLUS", "float"),
    "dec_err_minus": ("DEC_ERR_MINUS", "float"),
    "energy": ("ENERGY", "float"),
    "far": ("FAR", "float"),
    "signalness": ("SIGNAL", "float"),
    "cascade_score": ("CASCADE_SCR", "float"),
    "skimming_score": ("SKIMMING_SCR", "float"),
    "starting_score": ("START_SCR", "float"),
    "stopping_score": ("STOP_SCR", "float"),
    "throughgoing_score": ("THRGOING_SCR", "float"),
    "cr_veto": ("CR_VETO", "bool"),
    "other_i3types": ("OTHER_I3TYPES", "text"),
}
REQUIRED = ("name", "run_id", "event_id", "start", "obs_mjd", "i3type", "ra",
    "dec")
NULL_TEXT = {"", "none", "nan", "null", "n/a", "-", "--"}

# The columns of icecube_alerts.alerts, in table order.
TABLE_COLUMNS = ("alert_id", "name", "alert_name", "alert_type", "stream",
    "i3type", "other_i3types", "run_id", "event_id", "revision", "obs_time",
    "obs_mjd", "ra", "dec", "ra_err_plus", "ra_err_minus", "dec_err_plus",
    "dec_err_minus", "err_radius", "error_region", "energy", "far",
    "signalness", "cascade_score", "skimming_score", "starting_score",
    "stopping_score", "throughgoing_score", "cr_veto", "ivorn",
    "source_file")

LIMITS = {"ra": (0, 360), "dec": (-90, 90), "ra_err_plus": (0, 360),
    "ra_err_minus": (0, 360), "dec_err_plus": (0, 180),
    "dec_err_minus": (0, 180), "err_radius": (0, 90), "energy": (0, 1e9),
    "far": (0, 1e9), "signalness": (0, 1), "cascade_score": (0, 1),
    "skimming_score": (0, 1), "starting_score": (0, 1),
    "stopping_score": (0, 1), "throughgoing_score": (0, 1),
    "obs_mjd": (40000, 100000)}


# --- error regions -------------------------------------------------------

def error_polygon(ra, dec, east, west, north, south, n=N_VERTICES):
    """pgSphere spoly literals of asymmetric ellipses (vectorised).

    Parameters: the centre (deg) and the on-sky extents (deg) towards
    east (increasing RA), west, north and south.  NaN extents give "".
    """
    ra, dec, east, west, north, south = (np.atleast_1d(np.asarray(v,
        dtype=float)) for v in (ra, dec, east, west, north, south))
    t = 2 * np.pi * np.arange(n) / n
    scale = 1 / np.cos(np.pi / n)
    cos_t, sin_t = np.cos(t), np.sin(t)
    # tangent-plane offsets (x east, y north), rows x vertices
    x = np.where(cos_t >= 0, east[:, None], west[:, None]) * cos_t * scale
    y = np.where(sin_t >= 0, north[:, None], south[:, None]) * sin_t * scale
    rho = np.radians(np.hypot(x, y))
    theta = np.arctan2(x, y)                      # position angle, E of N
    ra0, dec0 = np.radians(ra)[:, None], np.radians(dec)[:, None]
    sin_dec = (np.sin(dec0) * np.cos(rho)
        + np.cos(dec0) * np.sin(rho) * np.cos(theta))
    dec_v = np.arcsin(np.clip(sin_dec, -1, 1))
    ra_v = ra0 + np.arctan2(np.sin(theta) * np.sin(rho) * np.cos(dec0),
        np.cos(rho) - np.sin(dec0) * sin_dec)
    ra_v = np.degrees(ra_v) % 360.0
    dec_v = np.degrees(dec_v)
    out = []
    for i in range(len(ra)):
        if not np.isfinite(rho[i]).all() or not (rho[i] > 0).any():
            out.append("")
            continue
        out.append("{" + ",".join(f"({a:.6f}d,{d:.6f}d)"
            for a, d in zip(ra_v[i], dec_v[i])) + "}")
    return np.array(out, dtype=str)


def _regions(cols):
    """error_region from err_radius where given, else the rectangle."""
    ra, dec = cols["ra"].filled(np.nan), cols["dec"].filled(np.nan)
    cos_dec = np.cos(np.radians(dec))
    radius = cols["err_radius"].filled(np.nan)
    circ = np.isfinite(radius)

    def pick(name, factor=1.0):
        return np.where(circ, radius, cols[name].filled(np.nan) * factor)

    poly = error_polygon(ra, dec, pick("ra_err_plus", cos_dec),
        pick("ra_err_minus", cos_dec), pick("dec_err_plus"),
        pick("dec_err_minus"))
    return np.ma.masked_array(poly, mask=poly == "")


# --- catalogue CSV --------------------------------------------------------

def _null_mask(values):
    return np.isin(np.char.lower(np.char.strip(values)), sorted(NULL_TEXT))


def _parse_ints(path, values, lines, field, dtype):
    try:
        return np.asarray(values).astype(dtype)
    except (ValueError, OverflowError):
        for value, line in zip(values, lines):
            try:
                int(value)
            except ValueError:
                raise InputError(path, f"'{value}' is not an integer",
                    row=int(line), field=field) from None
        raise InputError(path, "integer out of range", field=field) from None


def _parse_bools(path, values, lines, field):
    lower = np.char.lower(np.char.strip(values))
    true = np.isin(lower, ["true", "t", "1", "yes"])
    false = np.isin(lower, ["false", "f", "0", "no"])
    null = _null_mask(values)
    bad = ~(true | false | null)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(path, f"'{values[i]}' is not a boolean (TRUE or "
            "FALSE)", row=int(lines[i]), field=field)
    return np.ma.masked_array(true.astype(np.int16), mask=null)


def _parse_times(path, texts, lines):
    iso = np.char.rstrip(np.char.replace(np.char.strip(texts), " ", "T"), "Z")
    try:
        return iso.astype("datetime64[us]")
    except ValueError:
        for text, value, line in zip(texts, iso, lines):
            try:
                np.datetime64(value)
            except ValueError:
                raise InputError(path, f"'{text}' is not a date and time "
                    "(YYYY-MM-DD hh:mm:ss)", row=int(line),
                    field="START") from None
        raise


def read_catalogue(path):
    """One alert catalogue CSV -> (dict of masked columns, line numbers).

    The keys are the table's column names of CSV_COLUMNS; optional CSV
    columns that are missing come back all NULL.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found; run 'apdc fetch "
            "icecube_alerts'")
    raw, lines = text_columns(path, ",", comment=None)
    raw = {name.strip().lstrip("\ufeff").upper(): values
        for name, values in raw.items()}
    n = len(lines)
    cols = {}
    for column, (csv_name, kind) in CSV_COLUMNS.items():
        if csv_name not in raw:
            if column in REQUIRED:
                raise InputError(path, f"no column {csv_name} in the header "
                    f"({', '.join(raw)})", row=1, field=csv_name)
            values = np.full(n, "")
        else:
            values = raw[csv_name]
        null = _null_mask(values)
        if column in REQUIRED and null.any():
            raise InputError(path, "required value is empty",
                row=int(lines[int(np.argmax(null))]), field=csv_name)
        if kind == "text":
            cols[column] = np.ma.masked_array(np.char.strip(values),
                mask=null)
        elif kind == "float":
            cols[column] = parse_floats(path, np.where(null, "", values),
                lines, csv_name)
        elif kind == "bool":
            cols[column] = _parse_bools(path, values, lines, csv_name)
        else:
            dtype = np.int32 if column == "run_id" else np.int64
            cols[column] = np.ma.masked_array(_parse_ints(path, values,
                lines, csv_name, dtype))
    return cols, lines


def alert_type_of(i3type):
    """'cascade' or 'track' from IceCube's selection name (vectorised)."""
    lower = np.char.lower(np.asarray(i3type, dtype=str))
    return np.where(np.char.find(lower, "cascade") >= 0, "cascade", "track")


def stream_of(i3type):
    """'Gold', 'Bronze' or NULL from the selection name (vectorised)."""
    lower = np.char.lower(np.asarray(i3type, dtype=str))
    gold = np.char.endswith(lower, "gold")
    bronze = np.char.endswith(lower, "bronze")
    return np.ma.masked_array(np.where(gold, "Gold", np.where(bronze,
        "Bronze", "")), mask=~(gold | bronze))


def gcn_name(name):
    """'IceCube-170922A' from IceCat's 'IC170922A' (NULL if not that form)."""
    name = np.asarray(name, dtype=str)
    ok = np.array([len(v) == 9 and v.startswith("IC") and v[2:8].isdigit()
        and v[8].isalpha() for v in name], dtype=bool)
    return np.ma.masked_array(np.char.add("IceCube-", np.char.lstrip(
        np.asarray(name, dtype=str), "IC")), mask=~ok)


def _check_limits(path, cols, lines):
    for column, (low, high) in LIMITS.items():
        if column not in cols:
            continue
        values = cols[column]
        bad = ~((values.filled(low) >= low) & (values.filled(low) <= high))
        if bad.any():
            i = int(np.argmax(bad))
            raise InputError(path, f"value {values[i]} outside "
                f"[{low}, {high}]", row=int(lines[i]),
                field=CSV_COLUMNS.get(column, (column,))[0])


def catalogue_columns(path):
    """Table columns (without error_region) from one catalogue CSV."""
    path = Path(path)
    cols, lines = read_catalogue(path)
    _check_limits(path, cols, lines)
    n = len(lines)
    masked = lambda dtype: np.ma.masked_all(n, dtype=dtype)  # noqa: E731
    out = {c: cols[c] for c in CSV_COLUMNS if c in TABLE_COLUMNS}
    out["obs_time"] = np.ma.masked_array(_parse_times(path,
        cols["start"].data, lines))
    i3type = cols["i3type"].filled("")
    out["alert_type"] = np.ma.masked_array(alert_type_of(i3type))
    out["stream"] = stream_of(i3type)
    out["alert_name"] = gcn_name(cols["name"].filled(""))
    out["revision"] = masked(np.int16)
    out["ivorn"] = masked("U1")
    out["source_file"] = np.ma.masked_array(np.full(n, path.name))
    # The cascade list repeats its circular radius in all four columns.
    errors = np.ma.vstack([cols[k] for k in ("ra_err_plus", "ra_err_minus",
        "dec_err_plus", "dec_err_minus")])
    circular = ((out["alert_type"] == "cascade").filled(False)
        & ~np.ma.getmaskarray(errors).any(axis=0)
        & (errors.max(axis=0) == errors.min(axis=0)).filled(False))
    out["err_radius"] = np.ma.masked_array(errors[0].filled(np.nan),
        mask=~circular)
    out["alert_id"] = np.ma.masked_array(alert_id(cols["run_id"].data,
        cols["event_id"].data))
    return out, lines


# --- assembling the table -------------------------------------------------

def alert_id(run, event):
    """The alert's identifier, '<run>_<event>' as in GCN's JSON notices
    (vectorised)."""
    return np.char.add(np.char.add(np.asarray(run).astype(str), "_"),
        np.asarray(event).astype(str))


def typed_columns(values):
    """The table's columns from a dict of masked arrays, with the types
    the table wants and error_region computed."""
    dtypes = {"run_id": np.int32, "event_id": np.int64, "revision": np.int16,
        "cr_veto": np.int16, "obs_time": "datetime64[us]"}
    text = {"alert_id", "name", "alert_name", "alert_type", "stream",
        "i3type", "other_i3types", "ivorn", "source_file"}
    out = {}
    for column in TABLE_COLUMNS:
        if column == "error_region":
            continue
        column_values = values[column]
        mask = np.ma.getmaskarray(column_values)
        if column in text:
            data = np.asarray(np.ma.getdata(column_values), dtype=str)
            data = np.where(mask, "", data)
        else:
            data = np.ma.getdata(column_values).astype(
                dtypes.get(column, np.float64))
        out[column] = np.ma.masked_array(data, mask=mask)
    out["error_region"] = _regions(out)
    return out


def catalogue_files(data_dir):
    return sorted(Path(data_dir).glob("*.csv"))


def voevent_files(data_dir):
    return sorted(Path(data_dir).glob("*.xml"))


def alerts_table(data_dir, log=sys.stderr):
    """-> columns of icecube_alerts.alerts from every catalogue and VOEvent.

    Catalogue rows come first, in file order; an event (run and event
    number) already given by an earlier catalogue is skipped with a note.
    A VOEvent of an event that a catalogue has is dropped; of several
    VOEvents of one event the highest revision is kept.
    """
    from . import voevent
    data_dir = Path(data_dir)
    catalogues = catalogue_files(data_dir)
    notices = voevent_files(data_dir)
    if not catalogues and not notices:
        raise InputError(data_dir, "no alert catalogue (*.csv) or VOEvent "
            "(*.xml); run 'apdc fetch icecube_alerts'")
    parts, seen = [], {}
    for path in catalogues:
        cols, lines = catalogue_columns(path)
        keep = np.ones(len(lines), dtype=bool)
        for i, key in enumerate(cols["alert_id"].data):
            if key in seen:
                print(f"  {path.name} line {lines[i]}: alert {key} (run_"
                    f"event) is already in {seen[key]}; skipped", file=log)
                keep[i] = False
            else:
                seen[key] = f"{path.name} line {lines[i]}"
        parts.append({c: v[keep] for c, v in cols.items()})

    best = {}
    for path in notices:
        row = voevent.alert_row(path)
        key = str(row["alert_id"][0])
        if key in seen:
            print(f"  {path.name}: alert {key} (run_event) is already in "
                f"{seen[key]}; not added", file=log)
            continue
        revision = row["revision"].filled(-1)[0]
        if key not in best or revision > best[key][0]:
            best[key] = (revision, row)
    parts += [row for _, row in best.values()]
    return typed_columns(concatenate_columns(parts))
