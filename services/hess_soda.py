"""H.E.S.S. DL3 DR1 runs: products, DataLink descriptors, SODA cutouts.

Used by rd/hess_dr1.rd (the server imports it as ``services.hess_soda``;
/work/main is on the venv's sys.path through the editable install).

* ``register_run_files`` (an afterMeta script of hess_dr1.run_files, so
  it runs on every ``apdc import hess_dr1``) registers each run's DL3
  file in DaCHS's products table (for /getproduct) and in run_files
  (accref, size and field-of-view polygon for ivoa.obscore).  The
  release's files are gzip-compressed; what is served is their content,
  uncompressed (a copy in data/uncompressed/ made on registration), so
  that the bytes are what application/fits says (astropy, for one, does
  not open gzip data from a stream) and /getproduct serves a plain file.
* ``make_descriptor`` turns a run's publisher DID into a DataLink
  descriptor; ``iter_links`` gives the run's links document rows.
* ``cutout`` is the SODA (sync) service: the run's DL3 file with the
  EVENTS selected by CIRCLE/POLYGON, TIME and BAND, the GTI cut to TIME,
  and the IRF HDUs copied; ``extract_hdu`` gives one IRF HDU as a FITS
  file of its own.

Conventions (see docs/datalink.md):

* pubDID ``ivo://<authority>/~?hess_dr1/hess_dl3_dr1_obs_id_NNNNNN.fits``
  (DaCHS's standard form for the accref);
* SODA TIME is MJD (UTC), converted to the files' mission time (TT
  seconds since MJDREFI + MJDREFF);
* SODA BAND is vacuum wavelength in metres; an event of energy E passes
  if hc/BAND_max <= E <= hc/BAND_min;
* CIRCLE and POLYGON select events by their reconstructed direction
  (polygon edges are great circles);
* the coverage checked for "no overlap" is what ivoa.obscore publishes:
  the field of view (FOV_RADIUS_DEG around the pointing), the GTIs and
  the safe energy range of the run.  A cut that overlaps the coverage
  but selects no event gives a valid file with an empty EVENTS table
  (still useful, e.g. for upper limits).
"""

import io
import math
import re
import urllib.parse
from pathlib import Path

import numpy as np
from astropy import constants, units

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "resources" / "hess_dr1" / "data"
# the served (uncompressed) copies; not an input of the import
FITS_DIR = DATA_DIR / "uncompressed"
FILE_PATTERN = "hess_dl3_dr1_obs_id_*.fits.gz"
FILE_RE = re.compile(r"^hess_dl3_dr1_obs_id_(\d{6})\.fits\.gz$")
ACCREF_PREFIX = "hess_dr1/"
PRODUCTS_TABLE = "hess_dr1.run_files"
MIME = "application/fits"

# Radius of the field of view published in ivoa.obscore: the runs' IRFs
# (AEFF THETA_HI, the BKG DETX/DETY grid) end at 2.5 deg from the
# pointing, and H.E.S.S. I's cameras see about 5 deg across.  (The files
# also hold badly reconstructed events far outside it; cuts select them
# all the same, by their coordinates.)
FOV_RADIUS_DEG = 2.5

# h c in TeV m: wavelength = HC_TEV_M / energy
HC_TEV_M = (constants.h * constants.c).to_value(units.TeV * units.m)

IRF_HDUS = {
    "AEFF": "effective area (GADF AEFF_2D)",
    "EDISP": "energy dispersion (GADF EDISP_2D)",
    "PSF": "point spread function (GADF PSF_TABLE)",
    "BKG": "background model (GADF BKG_3D)",
}

# GADF EVENTS header keywords that a cutout must keep
GADF_EVENTS_KEYWORDS = ("HDUCLASS", "HDUDOC", "HDUVERS", "HDUCLAS1",
    "OBS_ID", "TSTART", "TSTOP", "ONTIME", "LIVETIME", "DEADC", "RA_PNT",
    "DEC_PNT", "EQUINOX", "RADECSYS", "ORIGIN", "TELESCOP", "INSTRUME",
    "CREATOR", "MJDREFI", "MJDREFF", "TIMEUNIT", "TIMESYS", "TIMEREF")


# --- names --------------------------------------------------------------

def release_name(obs_id):
    """The file name in the release (gzip-compressed FITS)."""
    return f"hess_dl3_dr1_obs_id_{int(obs_id):06d}.fits.gz"


def file_name(obs_id):
    """The name of the served (uncompressed) FITS file."""
    return f"hess_dl3_dr1_obs_id_{int(obs_id):06d}.fits"


def accref_for(obs_id):
    return ACCREF_PREFIX + file_name(obs_id)


def pubdid_for(obs_id, authority):
    return f"ivo://{authority}/~?{accref_for(obs_id)}"


def obs_id_from_pubdid(pubdid):
    """The run number in a run's publisher DID, or None."""
    match = re.fullmatch(r"ivo://[^/?#]+/~\?" + re.escape(ACCREF_PREFIX)
        + r"hess_dl3_dr1_obs_id_(\d{6})\.fits", pubdid or "")
    return int(match.group(1)) if match else None


def run_path(obs_id):
    """The served (uncompressed) DL3 file of a run."""
    return FITS_DIR / file_name(obs_id)


def _uncompressed_copy(release_path, obs_id):
    """Make (or refresh) the served copy of a release file."""
    import gzip
    import os
    import shutil
    target = run_path(obs_id)
    if (target.is_file()
            and target.stat().st_mtime_ns >= release_path.stat().st_mtime_ns):
        return target
    FITS_DIR.mkdir(exist_ok=True)
    partial = target.with_name("." + target.name + ".partial")
    with gzip.open(release_path, "rb") as src, open(partial, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    os.replace(partial, target)
    return target


# --- products registration (afterMeta script of hess_dr1.run_files) ----

def register_run_files(table):
    """Fill run_files and DaCHS's products table from the data folder.

    ``table`` is the DaCHS DBTable of hess_dr1.run_files.  Every run file
    present is registered (accref, access path relative to DaCHS's
    inputsDir, size, field-of-view polygon from the file's pointing); the
    rows of files no longer there are removed.
    """
    import os
    from astropy.io import fits
    from gavo import base
    from gavo.utils import pgsphere

    inputs_dir = base.getConfig("inputsDir")
    conn = table.connection
    rows = []
    for release_path in sorted(DATA_DIR.glob(FILE_PATTERN)):
        match = FILE_RE.match(release_path.name)
        if not match:
            continue
        obs_id = int(match.group(1))
        path = _uncompressed_copy(release_path, obs_id)
        header = fits.getheader(path, "EVENTS")
        if int(header["OBS_ID"]) != obs_id:
            raise base.DataError(f"{path}: OBS_ID {header['OBS_ID']} does "
                "not match the file name")
        fov = pgsphere.SCircle(
            pgsphere.SPoint.fromDegrees(header["RA_PNT"], header["DEC_PNT"]),
            math.radians(FOV_RADIUS_DEG)).asPoly(32)
        rows.append({"obs_id": obs_id, "accref": accref_for(obs_id),
            "path": os.path.relpath(path, inputs_dir),
            "size": path.stat().st_size, "fov": fov, "mime": MIME,
            "table": PRODUCTS_TABLE})

    registered = {file_name(row["obs_id"]) for row in rows}
    for stale in FITS_DIR.glob("hess_dl3_dr1_obs_id_*.fits"):
        if stale.name not in registered:     # its release file is gone
            stale.unlink()
    conn.execute(f"DELETE FROM {PRODUCTS_TABLE}")
    conn.execute("DELETE FROM dc.products WHERE sourceTable=%(table)s",
        {"table": PRODUCTS_TABLE})
    for row in rows:
        conn.execute(f"""INSERT INTO {PRODUCTS_TABLE} (obs_id, accref,
            owner, embargo, mime, accsize, fov) VALUES (%(obs_id)s,
            %(accref)s, NULL, NULL, %(mime)s, %(size)s, %(fov)s)""", row)
        conn.execute("""INSERT INTO dc.products (accref, owner, embargo,
            mime, accessPath, sourceTable, preview, datalink, preview_mime)
            VALUES (%(accref)s, NULL, NULL, %(mime)s, %(path)s, %(table)s,
            NULL, NULL, NULL)""", row)
    base.ui.notifyInfo(f"{PRODUCTS_TABLE}: registered {len(rows)} run files")


# --- DataLink -------------------------------------------------------------

def _not_found_class():
    """A ValidationError that DaCHS's SODA renderer sends as a 404.

    DaCHS renders ValidationErrors of dlget as text/plain DALI error
    documents (HTTP 422 unless the exception says otherwise); other
    exceptions give an HTML page.  An unknown ID or a missing file is
    "not found", so: text/plain, HTTP 404.
    """
    from gavo import base

    class DatasetNotFound(base.ValidationError):
        responseCode = 404

        def __init__(self, message):
            super().__init__(f"NotFoundError: {message}", "ID")

    return DatasetNotFound


def _not_found_fault(pubdid, message, **kwargs):
    """A DatalinkFault: an error row in links documents, a 404 in SODA."""
    from gavo.protocols.soda import DatalinkFault
    return DatalinkFault("NotFoundFault", pubdid, message, _not_found_class(),
        kwargs.pop("semantics", "#this"), **kwargs)


def _run_metadata(obs_id):
    """The run's row of hess_dr1.observations (a dict), or None."""
    from gavo import base
    with base.getTableConn() as conn:
        rows = list(conn.queryToDicts("""SELECT obs_id, object, ra, dec,
            t_start_mjd, t_stop_mjd, livetime, safe_energy_lo,
            safe_energy_hi FROM hess_dr1.observations
            WHERE obs_id=%(obs_id)s""", {"obs_id": obs_id}))
    return rows[0] if rows else None


def make_descriptor(pubdid, args=None):
    """A DataLink descriptor for a run's pubDID, or a DatalinkFault.

    If the run's file is missing, a links document gets error rows (see
    iter_links); a processing request (any parameter beyond ID and the
    DALI ones) gets the fault, which DaCHS sends as a 404.
    """
    from gavo.protocols.datalink import ProductDescriptor

    obs_id = obs_id_from_pubdid(pubdid)
    if obs_id is None:
        return _not_found_fault(pubdid, "Not an identifier of a "
            "H.E.S.S. DL3 DR1 run of this service; they look like "
            "ivo://AUTHORITY/~?hess_dr1/hess_dl3_dr1_obs_id_023523.fits")
    run = _run_metadata(obs_id)
    if run is None:
        return _not_found_fault(pubdid, f"No H.E.S.S. DL3 DR1 run "
            f"{obs_id} is known here")

    class RunDescriptor(ProductDescriptor):
        suppressAutoLinks = True   # #this is made by iter_links

    path = run_path(obs_id)
    descriptor = RunDescriptor(pubdid, accref_for(obs_id), str(path), MIME,
        sourceTable="hess_dr1.observations")
    descriptor.obs_id = obs_id
    descriptor.run = run
    descriptor.path = path
    descriptor.available = path.is_file()
    processing = {str(key).upper() for key in (args or {})} - {"ID",
        "RESPONSEFORMAT", "MAXREC", "REQUEST"}
    if not descriptor.available and processing:
        return _not_found_fault(pubdid, missing_file_message(obs_id))
    return descriptor


def missing_file_message(obs_id):
    return (f"The DL3 file of run {obs_id} is not available on this server "
        "at the moment; please report this to the operators.")


def iter_links(descriptor, irf_service_url):
    """The #this and IRF (#calibration) rows of a run's links document.

    A missing file gives error rows (NotFoundFault) instead of links.
    """
    from gavo.protocols import products

    obs_id, run = descriptor.obs_id, descriptor.run
    if not descriptor.available:
        message = missing_file_message(obs_id)
        yield _not_found_fault(descriptor.pubDID, message,
            semantics="#this", description=f"DL3 file of run {obs_id}")
        for hdu, what in IRF_HDUS.items():
            yield _not_found_fault(descriptor.pubDID, message,
                semantics="#calibration",
                description=f"Instrument response: {what} of run {obs_id}")
        return

    yield descriptor.makeLink(products.makeProductLink(descriptor.accref),
        semantics="#this", contentType=MIME,
        contentLength=descriptor.path.stat().st_size,
        description=f"H.E.S.S. DL3 file of run {obs_id} ({run['object']}) as "
            "released (GADF 0.2: EVENTS, GTI, AEFF, EDISP, PSF, BKG), "
            "uncompressed")
    quoted = urllib.parse.quote(descriptor.pubDID, safe="")
    for hdu, what in IRF_HDUS.items():
        yield descriptor.makeLink(f"{irf_service_url}?ID={quoted}&HDU={hdu}",
            semantics="#calibration", contentType=MIME,
            localSemantics=f"irf-{hdu.lower()}",
            description=f"Instrument response: {what} of run {obs_id}, as a "
                f"FITS file holding the {hdu} HDU only")


def iter_soda_parameters(descriptor):
    """The SODA input keys (with the run's coverage as their values)."""
    from gavo import base
    from gavo import rscdef
    from gavo import svcs
    from gavo.utils import pgsphere

    if descriptor.pubDID is None or not descriptor.available:
        return
    MS = base.makeStruct
    run = descriptor.run
    fov = pgsphere.SCircle(pgsphere.SPoint.fromDegrees(run["ra"], run["dec"]),
        math.radians(FOV_RADIUS_DEG))
    yield MS(svcs.InputKey, name="CIRCLE", type="double precision(3)",
        xtype="circle", unit="deg", ucd="phys.angArea;obs",
        multiplicity="forced-single",
        description="Select the events whose reconstructed direction is "
            "in this circle (ICRS RA, Dec of the centre, radius)",
        values=MS(rscdef.Values, max=fov.asSODA()))
    yield MS(svcs.InputKey, name="POLYGON", type="double precision(*)",
        xtype="polygon", unit="deg", ucd="phys.angArea;obs",
        multiplicity="forced-single",
        description="Select the events whose reconstructed direction is "
            "in this polygon (ICRS RA, Dec of the vertices; great-circle "
            "edges)",
        values=MS(rscdef.Values, max=fov.asPoly(16).asSODA()))
    yield MS(svcs.InputKey, name="TIME", type="double precision[2]",
        xtype="interval", unit="d", ucd="time.epoch;obs",
        multiplicity="forced-single",
        description="Select the events (and cut the good time intervals) "
            "in this interval of MJD (UTC)",
        values=MS(rscdef.Values, min=run["t_start_mjd"],
            max=run["t_stop_mjd"]))
    yield MS(svcs.InputKey, name="BAND", type="double precision[2]",
        xtype="interval", unit="m", ucd="em.wl",
        multiplicity="forced-single",
        description="Select the events whose reconstructed energy E has "
            "a vacuum wavelength hc/E in this interval",
        values=MS(rscdef.Values,
            min=HC_TEV_M / run["safe_energy_hi"],
            max=HC_TEV_M / run["safe_energy_lo"]))


# --- geometry -------------------------------------------------------------

def _unit_vectors(ra_deg, dec_deg):
    ra, dec = np.radians(ra_deg), np.radians(dec_deg)
    return np.stack([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra),
        np.sin(dec)], axis=-1)


def separation_deg(ra1, dec1, ra2, dec2):
    """Angular distance in degrees (Vincenty; float64 throughout)."""
    ra1, dec1, ra2, dec2 = (np.radians(np.asarray(v, dtype=np.float64))
        for v in (ra1, dec1, ra2, dec2))
    dra = ra2 - ra1
    num = np.hypot(np.cos(dec2) * np.sin(dra), np.cos(dec1) * np.sin(dec2)
        - np.sin(dec1) * np.cos(dec2) * np.cos(dra))
    den = np.sin(dec1) * np.sin(dec2) + np.cos(dec1) * np.cos(dec2) * np.cos(dra)
    return np.degrees(np.arctan2(num, den))


def in_circle(ra, dec, circle):
    ra0, dec0, radius = circle
    return separation_deg(ra0, dec0, ra, dec) <= radius


def _polygon_frame(vertices):
    """Centre and gnomonic axes for a polygon (n x 2 array, degrees)."""
    vecs = _unit_vectors(vertices[:, 0], vertices[:, 1])
    centre = vecs.sum(axis=0)
    norm = np.linalg.norm(centre)
    if norm < 1e-9:
        raise ValueError("polygon has no well-defined centre")
    centre /= norm
    if (vecs @ centre).min() <= 1e-6:
        raise ValueError("polygon does not fit in a hemisphere")
    east = np.cross([0.0, 0.0, 1.0], centre)
    if np.linalg.norm(east) < 1e-9:          # centre at a pole
        east = np.array([0.0, 1.0, 0.0])
    east /= np.linalg.norm(east)
    north = np.cross(centre, east)
    return centre, east, north


def _gnomonic(vecs, centre, east, north):
    cos_c = vecs @ centre
    with np.errstate(divide="ignore", invalid="ignore"):
        return (vecs @ east) / cos_c, (vecs @ north) / cos_c, cos_c


def in_polygon(ra, dec, vertices):
    """Points inside a spherical polygon with great-circle edges.

    Great circles are straight lines in the gnomonic projection about the
    polygon's centre, so an even-odd test there is exact for the points in
    the centre's hemisphere (the others are outside).
    """
    vertices = np.asarray(vertices, dtype=np.float64)
    centre, east, north = _polygon_frame(vertices)
    vx, vy, _ = _gnomonic(_unit_vectors(vertices[:, 0], vertices[:, 1]),
        centre, east, north)
    px, py, cos_c = _gnomonic(_unit_vectors(ra, dec), centre, east, north)
    front = cos_c > 0
    px, py = np.where(front, px, 0.0), np.where(front, py, 0.0)
    inside = np.zeros(np.shape(px), dtype=bool)
    for i in range(len(vx)):
        x1, y1, x2, y2 = vx[i - 1], vy[i - 1], vx[i], vy[i]
        crosses = (y1 > py) != (y2 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (px < x_cross)
    return inside & front


def _arc_distance_deg(point, a, b):
    """Angular distance of a point from the great-circle arc a-b (unit vectors)."""
    normal = np.cross(a, b)
    if np.linalg.norm(normal) < 1e-12:
        return math.degrees(math.acos(np.clip(point @ a, -1, 1)))
    normal /= np.linalg.norm(normal)
    foot = point - (point @ normal) * normal
    if np.linalg.norm(foot) > 1e-12:
        foot /= np.linalg.norm(foot)
        if np.cross(a, foot) @ normal >= 0 and np.cross(foot, b) @ normal >= 0:
            return math.degrees(math.asin(min(1.0, abs(point @ normal))))
    return min(math.degrees(math.acos(np.clip(point @ v, -1, 1)))
        for v in (a, b))


def polygon_overlaps_circle(vertices, circle):
    ra0, dec0, radius = circle
    vertices = np.asarray(vertices, dtype=np.float64)
    if in_polygon(np.array([ra0]), np.array([dec0]), vertices)[0]:
        return True
    point = _unit_vectors(ra0, dec0)
    vecs = _unit_vectors(vertices[:, 0], vertices[:, 1])
    return any(_arc_distance_deg(point, vecs[i - 1], vecs[i]) <= radius
        for i in range(len(vecs)))


# --- SODA -----------------------------------------------------------------

def _usage_error(message, parameter):
    from gavo import base
    return base.ValidationError(message, parameter)


def _no_overlap(message, parameter):
    # SODA/DALI error document (text/plain, HTTP 422): the cut does not
    # overlap the data's coverage at all.
    return _usage_error(f"NoOverlap: {message}", parameter)


def _dali(value):
    """DaCHS's parsed geometry (pgsphere object) or a sequence -> floats."""
    if value is None:
        return None
    if hasattr(value, "asDALI"):
        value = value.asDALI()
    return [float(v) for v in value]


def parse_circle(value):
    values = _dali(value)
    if values is None:
        return None
    if len(values) != 3 or not all(math.isfinite(v) for v in values):
        raise _usage_error("CIRCLE needs three finite numbers: RA, Dec and "
            "radius in degrees", "CIRCLE")
    ra, dec, radius = values
    if not -90 <= dec <= 90 or not 0 < radius <= 180:
        raise _usage_error("CIRCLE: Dec must be in [-90, 90] and the radius "
            "in (0, 180] degrees", "CIRCLE")
    return ra % 360, dec, radius


def parse_polygon(value):
    values = _dali(value)
    if values is None:
        return None
    if len(values) < 6 or len(values) % 2 or not all(
            math.isfinite(v) for v in values):
        raise _usage_error("POLYGON needs at least three vertices given as "
            "finite RA, Dec pairs in degrees", "POLYGON")
    vertices = np.array(values).reshape(-1, 2)
    if (np.abs(vertices[:, 1]) > 90).any():
        raise _usage_error("POLYGON: Dec must be in [-90, 90]", "POLYGON")
    try:
        _polygon_frame(vertices)
    except ValueError as exc:
        raise _usage_error(f"POLYGON: {exc}", "POLYGON") from None
    return vertices


def parse_interval(value, name, allow_negative=True):
    if value is None:
        return None
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise _usage_error(f"{name} needs two numbers (an interval)",
            name) from None
    if math.isnan(low) or math.isnan(high):
        raise _usage_error(f"{name}: NaN is not a valid limit", name)
    if low > high:
        raise _usage_error(f"{name}: the lower limit {low} is above the "
            f"upper limit {high}", name)
    if not allow_negative and high <= 0:
        raise _usage_error(f"{name}: wavelengths must be positive", name)
    return low, high


def band_to_energy(band):
    """(lambda_min, lambda_max) in m -> (E_min, E_max) in TeV."""
    low, high = band
    e_min = HC_TEV_M / high if high > 0 and math.isfinite(high) else 0.0
    e_max = HC_TEV_M / low if low > 0 else math.inf
    return e_min, e_max


def mjd_to_met(mjd, header):
    """MJD (UTC) -> seconds (TT) since the file's MJDREFI + MJDREFF (TT)."""
    import warnings
    from astropy.time import Time
    from astropy.utils.exceptions import AstropyWarning
    if not math.isfinite(mjd):
        return mjd
    with warnings.catch_warnings():
        # the leap-second table of the Debian package may be "stale"
        # (expired) even though no leap second has been added since
        warnings.simplefilter("ignore", AstropyWarning)
        return _mjd_to_met(mjd, header)


def _mjd_to_met(mjd, header):
    from astropy.time import Time
    reference = Time(float(header["MJDREFI"]), float(header["MJDREFF"]),
        format="mjd", scale="tt")
    return float((Time(mjd, format="mjd", scale="utc").tt - reference).sec)


def _tt_strings(met, header):
    from astropy.time import Time, TimeDelta
    reference = Time(float(header["MJDREFI"]), float(header["MJDREFF"]),
        format="mjd", scale="tt")
    isot = (reference + TimeDelta(met, format="sec")).tt.isot
    return isot[:10], isot[11:23]


def select_events(events, header, circle=None, polygon=None, met=None,
        energy=None):
    """The boolean mask of the events passing all cuts."""
    mask = np.ones(len(events), dtype=bool)
    ra = np.asarray(events["RA"], dtype=np.float64)
    dec = np.asarray(events["DEC"], dtype=np.float64)
    if circle is not None:
        mask &= in_circle(ra, dec, circle)
    if polygon is not None:
        mask &= in_polygon(ra, dec, polygon)
    if met is not None:
        time = np.asarray(events["TIME"], dtype=np.float64)
        mask &= (time >= met[0]) & (time <= met[1])
    if energy is not None:
        e = np.asarray(events["ENERGY"], dtype=np.float64)
        mask &= (e >= energy[0]) & (e <= energy[1])
    return mask


def _format_history(circle, polygon, time, band):
    parts = []
    if circle is not None:
        parts.append("CIRCLE=%.6f %.6f %.6f" % circle)
    if polygon is not None:
        parts.append("POLYGON=" + " ".join("%.6f" % v for v in polygon.ravel()))
    if time is not None:
        parts.append("TIME=%r %r (MJD UTC)" % time)
    if band is not None:
        parts.append("BAND=%r %r (m)" % band)
    return parts


def _open_in_memory(path):
    """The whole (small) DL3 file, decompressed, as an HDUList in memory."""
    import gzip
    from astropy.io import fits
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return fits.open(io.BytesIO(raw))


def cutout(descriptor, args):
    """The SODA response for a run: (media type, FITS bytes)."""
    from astropy.io import fits
    from gavo import base

    if not descriptor.available:
        raise _not_found_class()(missing_file_message(descriptor.obs_id))
    circle = parse_circle(args.get("CIRCLE"))
    polygon = parse_polygon(args.get("POLYGON"))
    time = parse_interval(args.get("TIME"), "TIME")
    band = parse_interval(args.get("BAND"), "BAND", allow_negative=False)
    run = descriptor.run
    fov = (run["ra"], run["dec"], FOV_RADIUS_DEG)

    if circle is not None and separation_deg(circle[0], circle[1], fov[0],
            fov[1]) > circle[2] + FOV_RADIUS_DEG:
        raise _no_overlap(f"the circle does not overlap the field of view of "
            f"run {descriptor.obs_id}", "CIRCLE")
    if polygon is not None and not polygon_overlaps_circle(polygon, fov):
        raise _no_overlap(f"the polygon does not overlap the field of view "
            f"of run {descriptor.obs_id}", "POLYGON")
    energy = None
    if band is not None:
        energy = band_to_energy(band)
        if (energy[1] < run["safe_energy_lo"]
                or energy[0] > run["safe_energy_hi"]):
            raise _no_overlap(f"BAND corresponds to {energy[0]:.4g} to "
                f"{energy[1]:.4g} TeV, outside the safe energy range "
                f"{run['safe_energy_lo']:.4g} to {run['safe_energy_hi']:.4g} "
                f"TeV of run {descriptor.obs_id}", "BAND")

    hdul = _open_in_memory(descriptor.path)
    events_hdu, gti_hdu = hdul["EVENTS"], hdul["GTI"]
    header = events_hdu.header
    met = None
    if time is not None:
        met = (mjd_to_met(time[0], header), mjd_to_met(time[1], header))
        starts = np.maximum(gti_hdu.data["START"], met[0])
        stops = np.minimum(gti_hdu.data["STOP"], met[1])
        keep = stops > starts
        if not keep.any():
            raise _no_overlap(f"TIME does not overlap the good time "
                f"intervals of run {descriptor.obs_id}", "TIME")
        gti = fits.BinTableHDU.from_columns(gti_hdu.columns,
            header=gti_hdu.header, nrows=int(keep.sum()))
        gti.data["START"], gti.data["STOP"] = starts[keep], stops[keep]
        gti_hdu = hdul[hdul.index_of("GTI")] = gti

    mask = select_events(events_hdu.data, header, circle, polygon, met,
        energy)
    selected = fits.BinTableHDU(data=events_hdu.data[mask], header=header)
    history = _format_history(circle, polygon, time, band)
    stamp = "Cutout by the Astroparticle VO Data Centre SODA service"
    for hdu in (selected, gti_hdu):
        hdu.header.add_history(stamp + (": " if history else
            " (no cut: the full run)."))
        for item in history:
            hdu.header.add_history("  " + item)
    if met is not None:
        tstart = float(gti_hdu.data["START"].min())
        tstop = float(gti_hdu.data["STOP"].max())
        ontime = float((gti_hdu.data["STOP"] - gti_hdu.data["START"]).sum())
        for hdu in (selected, gti_hdu):
            hdu.header["TSTART"] = tstart
            hdu.header["TSTOP"] = tstop
        selected.header["ONTIME"] = ontime
        selected.header["LIVETIME"] = ontime * float(header["DEADC"])
        selected.header["TELAPSE"] = tstop - tstart
        selected.header["DATE-OBS"], selected.header["TIME-OBS"] = \
            _tt_strings(tstart, header)
        selected.header["DATE-END"], selected.header["TIME-END"] = \
            _tt_strings(tstop, header)
    hdul[hdul.index_of("EVENTS")] = selected
    hdul[0].header.add_history(f"{stamp}; EVENTS selected: {int(mask.sum())}"
        f" of {len(mask)}")
    out = io.BytesIO()
    hdul.writeto(out, output_verify="exception", checksum=True)
    return MIME, out.getvalue()


def extract_hdu(descriptor, hdu_name):
    """One IRF HDU of a run as a FITS file: (media type, bytes)."""
    from astropy.io import fits
    from gavo import base

    hdu_name = (hdu_name or "").upper()
    if hdu_name not in IRF_HDUS:
        raise _usage_error(f"HDU must be one of {', '.join(IRF_HDUS)}", "HDU")
    if not descriptor.available:
        raise _not_found_class()(missing_file_message(descriptor.obs_id))
    hdul = _open_in_memory(descriptor.path)
    primary = fits.PrimaryHDU(header=hdul[0].header.copy())
    irf, events = hdul[hdu_name], hdul["EVENTS"].header
    for key in ("OBS_ID", "TELESCOP", "INSTRUME", "ORIGIN"):
        if key in events:
            primary.header[key] = events[key]
    primary.header.add_history(f"{hdu_name} HDU of "
        f"{release_name(descriptor.obs_id)}, extracted by the Astroparticle VO "
        "Data Centre")
    out = io.BytesIO()
    fits.HDUList([primary, irf]).writeto(out, output_verify="exception",
        checksum=True)
    return MIME, out.getvalue()
