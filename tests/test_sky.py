"""Horizontal -> equatorial conversion at the KASCADE site."""

import numpy as np
import pytest
import astropy.units as u
from astropy.coordinates import AltAz, ICRS, SkyCoord, TETE
from astropy.time import Time
from astropy.utils import iers

from converters.sky import (KASCADE_SITE, datetime64_from_unix, event_time,
                            horizontal_to_icrs, icrs_to_galactic,
                            kcdc_to_astropy_azimuth, mjd_from_unix)

LAT = KASCADE_SITE.lat.deg
# 1998-01-01 .. 2013-12-31, the KASCADE data taking covered by KCDC.
START, END = 883612800, 1388534400
ARCSEC = 1 / 3600


def random_events(n, seed):
    rng = np.random.default_rng(seed)
    return (rng.integers(START, END, n), rng.integers(0, 10**9, n),
            rng.uniform(0, 90, n), rng.uniform(0, 360, n))


def apparent(ra, dec, gt, mt):
    """Geocentric true-equator/true-equinox place and the site's LAST."""
    t = event_time((gt, mt))
    with iers.earth_orientation_table.set(iers.IERS_B.open()):
        tete = SkyCoord(ra * u.deg, dec * u.deg).transform_to(
            TETE(obstime=t))
        last = t.sidereal_time("apparent", longitude=KASCADE_SITE.lon).deg
    hour_angle = (last - tete.ra.deg + 180) % 360 - 180
    return hour_angle, tete.dec.deg


# Pure rotation in the apparent frame leaves the residuals that the simple
# spherical formulas ignore: polar motion (< 0.6 arcsec in 1998-2013) and
# diurnal aberration (0.32 arcsec * cos(latitude) = 0.21 arcsec), plus the
# < 0.01 arcsec of the interpolation.  1 arcsec bounds their sum.
APPARENT_TOL = 1 * ARCSEC


def test_matches_exact_astropy_transform():
    gt, mt, ze, az = random_events(200, seed=11)
    ra, dec = horizontal_to_icrs((gt, mt), ze, az)
    t = Time(gt.astype(float), mt * 1e-9, format="unix", scale="utc")
    # Same IERS table as horizontal_to_icrs, so only interpolation differs.
    with iers.earth_orientation_table.set(iers.IERS_B.open()):
        exact = SkyCoord(AltAz(alt=(90 - ze) * u.deg, az=az * u.deg,
                               obstime=t, location=KASCADE_SITE,
                               pressure=0 * u.hPa)).transform_to(ICRS())
    sep = exact.separation(SkyCoord(ra * u.deg, dec * u.deg)).arcsec
    assert sep.max() < 1.0


def test_vertical_shower_points_to_local_apparent_meridian_and_latitude():
    gt, mt, _, az = random_events(50, seed=12)
    ra, dec = horizontal_to_icrs((gt, mt), 0.0, az)
    hour_angle, app_dec = apparent(ra, dec, gt, mt)
    np.testing.assert_allclose(hour_angle * np.cos(np.radians(LAT)), 0,
                               atol=APPARENT_TOL)
    np.testing.assert_allclose(app_dec, LAT, atol=APPARENT_TOL)


@pytest.mark.parametrize("az,dec_offset", [(0.0, +30.0), (180.0, -30.0)])
def test_showers_from_north_and_south_on_meridian(az, dec_offset):
    gt, mt, _, _ = random_events(20, seed=13)
    ra, dec = horizontal_to_icrs((gt, mt), 30.0, az)
    hour_angle, app_dec = apparent(ra, dec, gt, mt)
    # From the north at zenith 30 deg: between zenith and pole, on the
    # upper meridian, so Dec = latitude + 30 deg (79.1 deg); south: - 30.
    np.testing.assert_allclose(app_dec, LAT + dec_offset, atol=APPARENT_TOL)
    np.testing.assert_allclose(
        hour_angle * np.cos(np.radians(app_dec)), 0, atol=APPARENT_TOL)


def test_shower_from_east_is_on_rising_side():
    gt, mt, _, _ = random_events(20, seed=14)
    ra, dec = horizontal_to_icrs((gt, mt), 30.0, 90.0)
    hour_angle, _ = apparent(ra, dec, gt, mt)
    assert np.all(hour_angle < 0)  # RA > LAST: not yet culminated


def test_general_directions_follow_spherical_astronomy():
    gt, mt, ze, az = random_events(100, seed=15)
    ze = ze * 80 / 90  # keep away from the horizon, nothing special there
    ra, dec = horizontal_to_icrs((gt, mt), ze, az)
    hour_angle, app_dec = apparent(ra, dec, gt, mt)
    alt, a, phi = np.radians(90 - ze), np.radians(az), np.radians(LAT)
    sin_dec = np.sin(phi) * np.sin(alt) + np.cos(phi) * np.cos(alt) * np.cos(a)
    ha = np.degrees(np.arctan2(
        -np.sin(a) * np.cos(alt),
        np.cos(phi) * np.sin(alt) - np.sin(phi) * np.cos(alt) * np.cos(a)))
    np.testing.assert_allclose(app_dec, np.degrees(np.arcsin(sin_dec)),
                               atol=APPARENT_TOL)
    dha = (hour_angle - ha + 180) % 360 - 180
    np.testing.assert_allclose(dha * np.cos(np.radians(app_dec)), 0,
                               atol=APPARENT_TOL)


def test_scalar_and_broadcast_inputs():
    ra, dec = horizontal_to_icrs(899391407.756894, 44.2007, 7.4743)
    assert np.shape(ra) == () and 0 <= ra < 360
    ra2, dec2 = horizontal_to_icrs((np.array([899391407]),
                                    np.array([756894000])),
                                   [44.2007, 10.0], [7.4743, 7.4743])
    assert ra2.shape == (2,)
    assert abs(ra2[0] - ra) < 1e-6 and abs(dec2[0] - dec) < 1e-6


def test_exact_mode_agrees_with_interpolated():
    gt, mt, ze, az = random_events(30, seed=16)
    fast = horizontal_to_icrs((gt, mt), ze, az)
    exact = horizontal_to_icrs((gt, mt), ze, az, time_resolution=None)
    sep = SkyCoord(*fast, unit="deg").separation(
        SkyCoord(*exact, unit="deg")).arcsec
    assert sep.max() < 0.05


def test_azimuth_convention_is_identity():
    np.testing.assert_array_equal(kcdc_to_astropy_azimuth([0, 90, 359.5]),
                                  [0, 90, 359.5])


def test_galactic_reference_points():
    # Galactic centre and north galactic pole in ICRS.
    l, b = icrs_to_galactic([266.40499, 192.85948], [-28.93617, 27.12825])
    assert abs((l[0] + 180) % 360 - 180) < 1e-3 and abs(b[0]) < 1e-3
    assert abs(b[1] - 90) < 1e-3


def test_event_time_keeps_nanoseconds():
    t = event_time((np.array([899391407]), np.array([756894400])))
    whole = Time(899391407, format="unix", scale="utc")
    assert abs((t - whole).to_value(u.ns)[0] - 756894400) < 1


def test_mjd_from_unix():
    assert mjd_from_unix(0) == 40587.0
    mjd = mjd_from_unix([899391407], [756894400])
    expected = Time(899391407, 0.7568944, format="unix", scale="utc").mjd
    assert abs(mjd[0] - expected) * 86400 < 1e-5


def test_datetime64_matches_kcdc_date_and_time_columns():
    # GT is Unix time (UTC): in the sample it agrees with YMD and HMS.
    stamp = datetime64_from_unix([899391407, 899389032],
                                 [756894400, 865809800])
    assert stamp.dtype == np.dtype("datetime64[ns]")
    assert str(stamp[0]) == "1998-07-02T14:56:47.756894400"
    assert str(stamp[1]).startswith("1998-07-02T14:17:12")
    from_float = datetime64_from_unix(np.array([899391407.25]))
    assert str(from_float[0]) == "1998-07-02T14:56:47.250000000"
    assert mjd_from_unix(86400.5) == 40588 + 0.5 / 86400
