"""Regions and scrambled skies of the alert analysis (apdc/alert_sky.py)."""

import numpy as np
import pytest

from apdc import alert_sky
from converters.error_regions import error_polygon, polygon_vertices


def _polygon(ra, dec, east, west, north, south):
    literal = error_polygon(ra, dec, east, west, north, south)[0]
    return alert_sky.Polygon(ra, dec, polygon_vertices(literal))


def test_cone_contains_by_angular_distance():
    cone = alert_sky.Cone(10.0, 80.0, 2.0)
    rng = np.random.default_rng(1)
    ra, dec = rng.uniform(0, 360, 5000), rng.uniform(70, 90, 5000)
    inside = cone.contains(ra, dec)
    distance = alert_sky.angular_distance(10.0, 80.0, ra, dec)
    assert inside.any() and not inside.all()
    assert np.array_equal(inside, distance <= 2.0)


def test_polygon_holds_its_ellipse_and_not_beyond():
    # IceCube-170922A's bounds (IceCat-1), as extents on the sky
    ra, dec = 77.43, 5.79
    cos_dec = np.cos(np.radians(dec))
    poly = _polygon(ra, dec, 1.14 * cos_dec, 0.75 * cos_dec, 0.64, 0.41)
    assert poly.contains(ra, dec)
    assert poly.contains(77.3582, 5.6932)          # TXS 0506+056
    # on the axes: just inside the given extents, outside twice as far
    assert poly.contains(ra, dec + 0.63) and poly.contains(ra, dec - 0.40)
    assert not poly.contains(ra, dec + 0.70)
    assert not poly.contains(ra, dec - 0.45)
    assert not poly.contains(ra + 1.3, dec)
    low, high = poly.dec_band()
    assert low < dec - 0.41 and high > dec + 0.64
    assert 0.64 < poly.bounding_radius() < 1.3


def test_polygon_around_a_pole():
    poly = _polygon(0.0, 89.5, 1.0, 1.0, 1.0, 1.0)
    assert poly.contains(180.0, 89.9) and poly.contains(90.0, 89.3)
    assert not poly.contains(0.0, 88.0)
    assert poly.dec_band()[1] == 90.0


def test_scrambles_are_reproducible_with_the_seed():
    cone = alert_sky.Cone(100.0, -30.0, 5.0)
    dec = np.random.default_rng(7).uniform(-36, -24, 300)
    first = alert_sky.scrambled_counts(cone, dec, 500,
                                       alert_sky.rng_for(42, "auger.events"))
    again = alert_sky.scrambled_counts(cone, dec, 500,
                                       alert_sky.rng_for(42, "auger.events"))
    other = alert_sky.scrambled_counts(cone, dec, 500,
                                       alert_sky.rng_for(43, "auger.events"))
    table = alert_sky.scrambled_counts(cone, dec, 500,
                                       alert_sky.rng_for(42, "ta.events"))
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    assert not np.array_equal(first, table)


def test_scrambled_mean_is_the_geometric_expectation():
    """Objects at the centre's declination fall into a cone of radius r
    with the fraction of their RA circle that it covers."""
    radius, dec0 = 3.0, 20.0
    cone = alert_sky.Cone(200.0, dec0, radius)
    dec = np.full(400, dec0)
    counts = alert_sky.scrambled_counts(cone, dec, 2000,
                                        alert_sky.rng_for(1, "x"))
    # half-width in RA of a cone at its own centre's declination
    half = np.degrees(np.arccos((np.cos(np.radians(radius))
                                 - np.sin(np.radians(dec0)) ** 2)
                                / np.cos(np.radians(dec0)) ** 2))
    expected = 400 * 2 * half / 360
    assert counts.mean() == pytest.approx(expected, rel=0.03)


def test_prefilter_keeps_every_object_inside():
    """The RA pre-selection of scrambled_counts drops nothing that the
    exact test would keep (a polygon near the pole, wide in RA)."""
    poly = _polygon(40.0, 84.0, 2.0, 1.5, 1.0, 2.5)
    dec = np.random.default_rng(3).uniform(*poly.dec_band(), 200)
    counts = alert_sky.scrambled_counts(poly, dec, 50,
                                        alert_sky.rng_for(5, "t"))
    rng = alert_sky.rng_for(5, "t")
    exact = [np.count_nonzero(poly.contains(rng.uniform(0, 360, 200), dec))
             for _ in range(50)]
    assert counts.sum() > 0
    assert np.array_equal(counts, exact)


def test_no_candidates_no_counts():
    counts = alert_sky.scrambled_counts(alert_sky.Cone(0, 0, 1), [], 10,
                                        alert_sky.rng_for(1, "t"))
    assert np.array_equal(counts, np.zeros(10))


@pytest.mark.parametrize("observed, scrambled, p", [
    (0, [0, 0, 0], 1.0),
    (2, [0, 1, 2, 3], 3 / 5),
    (5, [0, 1, 2, 3], 1 / 5)])
def test_chance_probability(observed, scrambled, p):
    assert alert_sky.chance_probability(observed, scrambled) == \
        pytest.approx(p)


def test_polygon_literal_in_both_spellings():
    ours = "{(1.5d,2d),(3d,-4.25d),(5d,6d)}"
    pgsphere = "{(1.5d , 2d),(3d , -4.25d),(5d , 6d)}"
    assert np.array_equal(polygon_vertices(ours), polygon_vertices(pgsphere))
    assert polygon_vertices(ours)[1].tolist() == [3.0, -4.25]
    with pytest.raises(ValueError, match="not a pgSphere polygon"):
        polygon_vertices("{(1.3 , 0.2)}")
