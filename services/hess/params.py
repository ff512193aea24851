"""The SODA parameters of the H.E.S.S. runs: parsing and conversion.

* SODA TIME is MJD (UTC), converted to the files' mission time (TT
  seconds since MJDREFI + MJDREFF);
* SODA BAND is vacuum wavelength in metres; an event of energy E passes
  if hc/BAND_max <= E <= hc/BAND_min.

Bad values raise DaCHS ValidationErrors, which the SODA renderer sends
as DALI error documents (text/plain, HTTP 422).
"""

import math
import warnings

import numpy as np
from astropy.time import Time, TimeDelta
from astropy.utils.exceptions import AstropyWarning

from .geometry import polygon_frame
from .names import HC_TEV_M

__all__ = ["usage_error", "no_overlap", "parse_circle", "parse_polygon",
           "parse_interval", "parse_time", "check_raw_cuts", "band_to_energy",
           "mjd_to_met", "tt_strings"]

#: The finite MJDs TIME may give (about the years -880 to 4596); beyond
#: them astropy's time scales fail.  -Inf and +Inf stand for open ends.
MJD_LIMITS = (-1e6, 1e6)


def usage_error(message, parameter):
    """A DaCHS ValidationError: a DALI error document, HTTP 422.

    Parameters
    ----------
    message : str
        What is wrong.
    parameter : str
        The SODA parameter at fault.

    Returns
    -------
    gavo.base.ValidationError
    """
    from gavo import base
    return base.ValidationError(message, parameter)


def no_overlap(message, parameter):
    """The SODA NoOverlap error: the cut misses the data's coverage.

    Parameters
    ----------
    message, parameter : str
        As for :func:`usage_error`.

    Returns
    -------
    gavo.base.ValidationError
    """
    return usage_error(f"NoOverlap: {message}", parameter)


def _dali(value):
    """DaCHS's parsed geometry (pgsphere object) or a sequence -> floats."""
    if value is None:
        return None
    if hasattr(value, "asDALI"):
        value = value.asDALI()
    return [float(v) for v in value]


def parse_circle(value):
    """SODA CIRCLE -> (RA, Dec, radius) in degrees, checked.

    Parameters
    ----------
    value : pgsphere object, sequence or None
        The parsed parameter.

    Returns
    -------
    tuple or None
    """
    values = _dali(value)
    if values is None:
        return None
    if len(values) != 3 or not all(math.isfinite(v) for v in values):
        raise usage_error("CIRCLE needs three finite numbers: RA, Dec and "
            "radius in degrees", "CIRCLE")
    ra, dec, radius = values
    if not -90 <= dec <= 90 or not 0 < radius <= 180:
        raise usage_error("CIRCLE: Dec must be in [-90, 90] and the radius "
            "in (0, 180] degrees", "CIRCLE")
    return ra % 360, dec, radius


def parse_polygon(value):
    """SODA POLYGON -> n x 2 array of vertices in degrees, checked.

    Parameters
    ----------
    value : pgsphere object, sequence or None
        The parsed parameter.

    Returns
    -------
    numpy.ndarray or None
    """
    values = _dali(value)
    if values is None:
        return None
    if len(values) < 6 or len(values) % 2 or not all(
            math.isfinite(v) for v in values):
        raise usage_error("POLYGON needs at least three vertices given as "
            "finite RA, Dec pairs in degrees", "POLYGON")
    vertices = np.array(values).reshape(-1, 2)
    if (np.abs(vertices[:, 1]) > 90).any():
        raise usage_error("POLYGON: Dec must be in [-90, 90]", "POLYGON")
    try:
        polygon_frame(vertices)
    except ValueError as exc:
        raise usage_error(f"POLYGON: {exc}", "POLYGON") from None
    return vertices


def parse_interval(value, name, allow_negative=True):
    """A SODA interval (TIME, BAND) -> (low, high), checked.

    Parameters
    ----------
    value : sequence or None
        The parsed parameter.
    name : str
        The parameter's name (for the error).
    allow_negative : bool
        False for wavelengths.

    Returns
    -------
    tuple or None
    """
    if value is None:
        return None
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise usage_error(f"{name} needs two numbers (an interval)",
            name) from None
    if math.isnan(low) or math.isnan(high):
        raise usage_error(f"{name}: NaN is not a valid limit", name)
    if low > high:
        raise usage_error(f"{name}: the lower limit {low} is above the "
            f"upper limit {high}", name)
    if not allow_negative and high <= 0:
        raise usage_error(f"{name}: wavelengths must be positive", name)
    return low, high


def parse_time(value):
    """SODA TIME -> (low, high) in MJD, checked (see :data:`MJD_LIMITS`).

    Parameters
    ----------
    value : sequence or None
        The parsed parameter.

    Returns
    -------
    tuple or None
    """
    interval = parse_interval(value, "TIME")
    if interval is not None and any(math.isfinite(v) and not
            MJD_LIMITS[0] <= v <= MJD_LIMITS[1] for v in interval):
        raise usage_error(f"TIME: finite MJDs must be within "
            f"[{MJD_LIMITS[0]:g}, {MJD_LIMITS[1]:g}] (-Inf and +Inf stand "
            "for open ends)", "TIME")
    return interval


def _raw_numbers(args, name):
    """The numbers of the raw request parameter ``name``, or None."""
    values = args.get(name)
    if values is None:
        return None
    if not isinstance(values, (list, tuple)):
        values = [values]
    texts = [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
             for v in values]
    texts = [t for t in texts if t.strip()]
    if not texts:
        return None
    if len(texts) > 1:
        raise usage_error(f"{name} may be given only once", name)
    try:
        return [float(token) for token in texts[0].split()]
    except ValueError:
        raise usage_error(f"{name} must be a list of numbers separated by "
            "blanks", name) from None


def check_raw_cuts(args):
    """Check the SODA cuts of a request before DaCHS parses them.

    DaCHS 2.7's parsers take a NaN in CIRCLE for a missing value (no
    cut) and fail with Python errors on a NaN in POLYGON; these checks
    raise the UsageError (HTTP 422) first.

    Parameters
    ----------
    args : mapping
        The raw request parameters (name -> list of str).

    Raises
    ------
    gavo.base.ValidationError
        For a bad CIRCLE, POLYGON, TIME or BAND.
    """
    circle = _raw_numbers(args, "CIRCLE")
    if circle is not None:
        parse_circle(circle)
    polygon = _raw_numbers(args, "POLYGON")
    if polygon is not None:
        parse_polygon(polygon)
    time = _raw_numbers(args, "TIME")
    if time is not None:
        parse_time(time)
    band = _raw_numbers(args, "BAND")
    if band is not None:
        parse_interval(band, "BAND", allow_negative=False)


def band_to_energy(band):
    """(lambda_min, lambda_max) in m -> (E_min, E_max) in TeV.

    Parameters
    ----------
    band : tuple
        The BAND interval (vacuum wavelength in metres).

    Returns
    -------
    tuple of float
    """
    low, high = band
    e_min = HC_TEV_M / high if high > 0 and math.isfinite(high) else 0.0
    e_max = HC_TEV_M / low if low > 0 else math.inf
    return e_min, e_max


def mjd_to_met(mjd, header):
    """MJD (UTC) -> seconds (TT) since the file's MJDREFI + MJDREFF (TT).

    Parameters
    ----------
    mjd : float
        A modified Julian date (UTC); infinite values pass unchanged.
    header : astropy.io.fits.Header
        The EVENTS header (MJDREFI, MJDREFF).

    Returns
    -------
    float
    """
    if not math.isfinite(mjd):
        return mjd
    with warnings.catch_warnings():
        # the leap-second table of the Debian package may be "stale"
        # (expired) even though no leap second has been added since
        warnings.simplefilter("ignore", AstropyWarning)
        return _mjd_to_met(mjd, header)


def _mjd_to_met(mjd, header):
    reference = Time(float(header["MJDREFI"]), float(header["MJDREFF"]),
        format="mjd", scale="tt")
    return float((Time(mjd, format="mjd", scale="utc").tt - reference).sec)


def tt_strings(met, header):
    """(date, time) ISO strings in TT of a mission time, for DATE-OBS etc.

    Parameters
    ----------
    met : float
        Seconds (TT) since the file's reference.
    header : astropy.io.fits.Header
        The EVENTS header (MJDREFI, MJDREFF).

    Returns
    -------
    tuple of str
    """
    reference = Time(float(header["MJDREFI"]), float(header["MJDREFF"]),
        format="mjd", scale="tt")
    isot = (reference + TimeDelta(met, format="sec")).tt.isot
    return isot[:10], isot[11:23]
