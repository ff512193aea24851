"""The KASCADE site and the conversion of shower directions to the sky.

Frames, conventions, sources and the measured accuracy are documented in
docs/coordinates.md.
"""

from contextlib import ExitStack

import astropy.units as u
import numpy as np
from astropy.coordinates import (AltAz, EarthLocation, Galactic, ICRS,
                                 UnitSphericalRepresentation)
from astropy.coordinates.erfa_astrom import (ErfaAstromInterpolator,
                                             erfa_astrom)
from astropy.time import Time
from astropy.utils import iers

__all__ = ["KASCADE_SITE", "DEFAULT_TIME_RESOLUTION",
           "kcdc_to_astropy_azimuth", "event_time", "mjd_from_unix",
           "datetime64_from_unix", "horizontal_to_icrs", "galactic_to_icrs",
           "icrs_to_galactic", "galactic_derivations", "icrs_derivations"]

# KASCADE at KIT Campus North.  Latitude and longitude: the LOPES GPS
# survey of the KASCADE site, in the LOPES observatory definition of the
# LOPES CR-Tools software (lofarsoft, src/CR-Tools/scripts/glish/common/
# observatory-data.g: WGS84 49.1006884 N, 8.43796386 E, "precision 5-10m").
# Height: KIT's KASCADE page, www.iap.kit.edu/kascade ("49.1 N, 8.4 E,
# 110 m a.s.l."), used as the WGS84 height; neither that choice nor the
# 124.6 m of the LOPES entry changes a direction by as much as 1e-6 deg.
KASCADE_SITE = EarthLocation.from_geodetic(
    lon=8.43796386 * u.deg, lat=49.1006884 * u.deg, height=110 * u.m)

# Support-point step of astropy's ErfaAstromInterpolator.  Earth rotation
# is still computed per event; only precession-nutation, the Earth's orbit
# and polar motion are interpolated.  Measured error vs the exact transform:
# < 0.006 arcsec at 1 day (docs/coordinates.md).  A finer step costs time
# when events are spread over years: each occupied step is a support point.
DEFAULT_TIME_RESOLUTION = 1 * u.day

_UNIX_EPOCH_MJD = 40587  # 1970-01-01


def kcdc_to_astropy_azimuth(az_deg):
    """Convert KCDC's azimuth AZ to astropy's AltAz azimuth.

    KCDC's AZ is read as the geographic azimuth of the direction the
    shower comes from, counted from north through east (N=0, E=90), which
    is astropy's convention, so this is the identity.  It is the one place
    to change should the KCDC manual say otherwise (docs/coordinates.md).

    Parameters
    ----------
    az_deg : array_like
        KCDC azimuth in degrees.

    Returns
    -------
    numpy.ndarray
        Azimuth in degrees, north through east.
    """
    return np.asarray(az_deg, dtype=np.float64)


def event_time(time):
    """Build an astropy Time (UTC) from KCDC event times.

    Parameters
    ----------
    time : astropy.time.Time, tuple or array_like
        A Time is returned unchanged; a tuple ``(gt, mt)`` is Unix seconds
        and nanoseconds (KCDC's GT and MT); anything else is Unix seconds
        as floats (about 0.2 us resolution in the KASCADE era).

    Returns
    -------
    astropy.time.Time
    """
    if isinstance(time, Time):
        return time
    if isinstance(time, tuple):
        gt, mt = time
        # Two-double input keeps the nanoseconds that one float64 loses.
        return Time(np.asarray(gt, np.float64),
                    np.asarray(mt, np.float64) * 1e-9,
                    format="unix", scale="utc")
    return Time(np.asarray(time, np.float64), format="unix", scale="utc")


def _seconds_and_ns(gt, mt):
    """Integer Unix seconds and nanoseconds; float seconds are split."""
    gt = np.asarray(gt)
    mt = np.asarray(mt, np.int64)
    if gt.dtype.kind == "f":
        whole = np.floor(gt)
        mt = mt + np.round((gt - whole) * 1e9).astype(np.int64)
        gt = whole
    return gt.astype(np.int64), mt


def mjd_from_unix(gt, mt=0):
    """UTC Modified Julian Date from Unix seconds and nanoseconds.

    Unix days have exactly 86400 s, so no leap-second table is needed.
    The float64 result resolves about 1 us.

    Parameters
    ----------
    gt : array_like
        Unix seconds (KCDC's GT); floats keep their fraction.
    mt : array_like of int
        Nanoseconds (KCDC's MT).

    Returns
    -------
    numpy.ndarray of float64
    """
    gt, mt = _seconds_and_ns(gt, mt)
    days, seconds = np.divmod(gt, 86400)
    return _UNIX_EPOCH_MJD + days + (seconds + mt * 1e-9) / 86400.0


def datetime64_from_unix(gt, mt=0):
    """UTC timestamps as ``numpy.datetime64[ns]`` (no leap seconds).

    Parameters
    ----------
    gt : array_like
        Unix seconds (KCDC's GT); floats keep their fraction.
    mt : array_like of int
        Nanoseconds (KCDC's MT).

    Returns
    -------
    numpy.ndarray of datetime64[ns]
    """
    gt, mt = _seconds_and_ns(gt, mt)
    return (gt * 1_000_000_000 + mt).astype("datetime64[ns]")


def _final_iers_tables(t):
    """Context using the bundled IERS-B table if it covers all of ``t``.

    Historical events then need no download of IERS-A predictions (which
    are not better for the past) and give reproducible results offline.
    """
    stack = ExitStack()
    table = iers.IERS_B.open()
    if np.all(t.utc.mjd <= table["MJD"][-1].to_value(u.d)):
        stack.enter_context(iers.earth_orientation_table.set(table))
    return stack


def horizontal_to_icrs(time, zenith_deg, azimuth_deg, location=KASCADE_SITE,
                       time_resolution=DEFAULT_TIME_RESOLUTION):
    """Arrival direction (zenith, azimuth) at the site -> ICRS (RA, Dec).

    The direction is the one the shower comes from.  No refraction is
    applied (AltAz pressure 0): air showers are not refracted like light.
    Aberration and Earth orientation are applied as for starlight.

    Parameters
    ----------
    time : astropy.time.Time, tuple ``(gt, mt)`` or array_like
        Event times; see :func:`event_time`.
    zenith_deg, azimuth_deg : array_like
        KCDC ZE and AZ in degrees; see :func:`kcdc_to_astropy_azimuth`.
    location : astropy.coordinates.EarthLocation
        Observatory; default :data:`KASCADE_SITE`.
    time_resolution : astropy.units.Quantity or None
        Step of astropy's ErfaAstromInterpolator, which makes 10^6
        distinct times fast; None gives the exact, much slower transform.

    Returns
    -------
    ra_deg, dec_deg : numpy.ndarray
        ICRS right ascension in [0, 360) and declination, in degrees.

    Notes
    -----
    astropy's ``erfa_astrom`` and ``earth_orientation_table`` settings are
    process-wide; they are changed only for the duration of the call.
    """
    t = event_time(time)
    alt = 90.0 - np.asarray(zenith_deg, np.float64)
    az = kcdc_to_astropy_azimuth(azimuth_deg)
    # AltAz needs obstime either scalar or of the data's shape.
    shape = np.broadcast_shapes(t.shape, alt.shape, az.shape)
    alt, az = np.broadcast_to(alt, shape), np.broadcast_to(az, shape)
    if t.shape not in ((), shape):
        t = np.broadcast_to(t, shape)
    with ExitStack() as stack:
        stack.enter_context(_final_iers_tables(t))
        if time_resolution is not None:
            stack.enter_context(
                erfa_astrom.set(ErfaAstromInterpolator(time_resolution)))
        frame = AltAz(obstime=t, location=location, pressure=0 * u.hPa)
        direction = UnitSphericalRepresentation(lon=az * u.deg,
                                                lat=alt * u.deg)
        icrs = frame.realize_frame(direction).transform_to(ICRS())
    return icrs.ra.to_value(u.deg), icrs.dec.to_value(u.deg)


def galactic_to_icrs(l_deg, b_deg):
    """Galactic (l, b) -> ICRS (RA, Dec), in degrees (NaN stays NaN).

    Parameters
    ----------
    l_deg, b_deg : array_like

    Returns
    -------
    ra_deg, dec_deg : numpy.ndarray
    """
    gal = Galactic(l=np.asarray(l_deg, np.float64) * u.deg,
                   b=np.asarray(b_deg, np.float64) * u.deg)
    icrs = gal.transform_to(ICRS())
    return icrs.ra.to_value(u.deg), icrs.dec.to_value(u.deg)


def icrs_to_galactic(ra_deg, dec_deg):
    """ICRS (RA, Dec) -> Galactic (l, b), in degrees.

    Parameters
    ----------
    ra_deg, dec_deg : array_like

    Returns
    -------
    l_deg, b_deg : numpy.ndarray
        Galactic longitude in [0, 360) and latitude.
    """
    icrs = ICRS(ra=np.asarray(ra_deg, np.float64) * u.deg,
                dec=np.asarray(dec_deg, np.float64) * u.deg)
    gal = icrs.transform_to(Galactic())
    return gal.l.to_value(u.deg), gal.b.to_value(u.deg)


def galactic_derivations(ra="ra", dec="dec"):
    """``galactic_l`` and ``galactic_b`` computed from ICRS columns.

    NULL positions give NULL galactic coordinates.

    Parameters
    ----------
    ra, dec : str
        The names of the ICRS columns.

    Returns
    -------
    dict
        Derivations for :func:`converters.columns.assemble`.
    """
    cache = {}

    def compute(columns, index):
        if "lb" not in cache:
            ra_values = np.ma.masked_array(columns[ra])
            dec_values = np.ma.masked_array(columns[dec])
            lon, lat = icrs_to_galactic(ra_values.filled(np.nan),
                                        dec_values.filled(np.nan))
            cache["lb"] = (lon, lat), np.ma.getmaskarray(ra_values)
        values, mask = cache["lb"]
        if not mask.any():
            return values[index]
        return np.ma.masked_array(values[index], mask=mask)
    return {"galactic_l": lambda columns, _: compute(columns, 0),
            "galactic_b": lambda columns, _: compute(columns, 1)}


def icrs_derivations(lon="gal_l", lat="gal_b"):
    """``icrs_ra`` and ``icrs_dec`` computed from galactic columns.

    Parameters
    ----------
    lon, lat : str
        The names of the galactic columns.

    Returns
    -------
    dict
        Derivations for :func:`converters.columns.assemble`.
    """
    def compute(columns, index):
        return galactic_to_icrs(columns[lon], columns[lat])[index]
    return {"icrs_ra": lambda columns, _: compute(columns, 0),
            "icrs_dec": lambda columns, _: compute(columns, 1)}
