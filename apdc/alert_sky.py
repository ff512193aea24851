"""Pure sky computations of the alert analysis: regions and scrambled skies.

An alert is searched in two kinds of region: its 90% error region (a
convex spherical polygon, :class:`Polygon`, from
:func:`converters.error_regions.error_polygon`) and a cone of a fixed
angular distance around its best fit (:class:`Cone`).  The database
finds the objects inside (q3c, pgSphere; :mod:`apdc.alert_analysis`);
this module repeats the test in numpy for the scrambled skies.

Scrambled skies: every candidate object (an object whose declination
lets it fall into the region at some right ascension, and, for timed
searches, whose time is inside the window) gets a new right ascension,
uniform in [0, 360), independently, ``n_scrambles`` times.  Its
declination and time are kept, and so are the detector's declination
and time acceptance.  The chance probability of ``n`` objects is
``(1 + #{scrambles with >= n}) / (1 + n_scrambles)``, the usual
estimate that is never zero.  The random numbers come from
``numpy.random.default_rng([seed, crc32(table)])``: the same seed gives
the same probabilities, and each searched table its own stream.
"""

import functools
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = ["unit_vectors", "angular_distance", "Cone", "Polygon",
           "scrambled_counts", "chance_probability",
           "rng_for"]

# a declination band is widened by this (deg): great-circle edges bulge
# poleward of their vertices
_BAND_MARGIN = 0.5


def unit_vectors(ra, dec):
    """Cartesian unit vectors (..., 3) of positions in degrees."""
    ra, dec = np.radians(np.asarray(ra, float)), np.radians(
        np.asarray(dec, float))
    cos_dec = np.cos(dec)
    return np.stack([cos_dec * np.cos(ra), cos_dec * np.sin(ra),
                     np.sin(dec)], axis=-1)


def angular_distance(ra1, dec1, ra2, dec2):
    """Angular distance (deg) between positions (deg), vectorised."""
    dot = np.sum(unit_vectors(ra1, dec1) * unit_vectors(ra2, dec2), axis=-1)
    return np.degrees(np.arccos(np.clip(dot, -1.0, 1.0)))


def _band(dec, radius):
    return max(-90.0, dec - radius), min(90.0, dec + radius)


@dataclass(frozen=True)
class Cone:
    """The positions within ``radius`` (deg) of (``ra``, ``dec``)."""

    ra: float
    dec: float
    radius: float

    def contains(self, ra, dec):
        """True where (ra, dec) lies in the cone (vectorised)."""
        return self.contains_vectors(unit_vectors(ra, dec))

    def contains_vectors(self, vectors):
        """True where the unit vectors (..., 3) lie in the cone."""
        centre = unit_vectors(self.ra, self.dec)
        return vectors @ centre >= np.cos(np.radians(self.radius))

    def dec_band(self):
        """(low, high) declinations (deg) that can fall inside."""
        return _band(self.dec, self.radius + _BAND_MARGIN)

    def bounding_radius(self):
        return self.radius

    def inner_radius(self):
        """Radius (deg) of a cone around the centre wholly inside."""
        return self.radius


@dataclass(frozen=True)
class Polygon:
    """A convex spherical polygon around (``ra``, ``dec``).

    ``vertices`` is an (n, 2) array of (ra, dec) in degrees, as in the
    pgSphere literal of the alert's ``error_region``.
    """

    ra: float
    dec: float
    vertices: np.ndarray

    @functools.cached_property
    def _normals(self):
        """Unit normals of the edges' great circles, towards the centre."""
        v = unit_vectors(self.vertices[:, 0], self.vertices[:, 1])
        normals = np.cross(v, np.roll(v, -1, axis=0))
        normals /= np.linalg.norm(normals, axis=1)[:, None]
        # orient every edge's normal towards the centre (the best fit)
        side = np.sign(normals @ unit_vectors(self.ra, self.dec))
        return normals * side[:, None]

    def contains(self, ra, dec):
        """True where (ra, dec) lies in the polygon (vectorised)."""
        return self.contains_vectors(unit_vectors(ra, dec))

    def contains_vectors(self, vectors):
        """True where the unit vectors (..., 3) lie in the polygon."""
        return np.all(vectors @ self._normals.T >= 0, axis=-1)

    def inner_radius(self):
        """Radius (deg) of a cone around the centre wholly inside: the
        distance from the centre to the nearest edge's great circle."""
        centre = unit_vectors(self.ra, self.dec)
        return float(np.degrees(np.arcsin(np.clip(
            (self._normals @ centre).min(), 0, 1))))

    def bounding_radius(self):
        """Largest distance (deg) of a vertex from the centre."""
        return float(angular_distance(self.ra, self.dec, self.vertices[:, 0],
                                      self.vertices[:, 1]).max())

    def dec_band(self):
        """(low, high) declinations (deg) that can fall inside."""
        low = -90.0 if self.contains(0.0, -90.0) else max(
            -90.0, self.vertices[:, 1].min() - _BAND_MARGIN)
        high = 90.0 if self.contains(0.0, 90.0) else min(
            90.0, self.vertices[:, 1].max() + _BAND_MARGIN)
        return low, high


def rng_for(seed, table):
    """The random generator of the scrambles of one searched table."""
    return np.random.default_rng([int(seed), zlib.crc32(table.encode())])


def scrambled_counts(region, dec, n_scrambles, rng, chunk=200):
    """Objects inside the region in each scrambled sky.

    Parameters
    ----------
    region : Cone or Polygon
    dec : array_like
        Declinations (deg) of the candidate objects (their times, if
        any, already inside the window).
    n_scrambles : int
    rng : numpy.random.Generator
        From :func:`rng_for`.
    chunk : int
        Scrambles drawn at a time (bounds the memory).

    Returns
    -------
    numpy.ndarray of int, shape (n_scrambles,)
    """
    dec = np.asarray(dec, float)
    counts = np.zeros(n_scrambles, dtype=np.int64)
    if dec.size == 0:
        return counts
    # cos(distance from the centre) = a + b cos(ra - ra0)
    a = np.sin(np.radians(dec)) * np.sin(np.radians(region.dec))
    b = np.cos(np.radians(dec)) * np.cos(np.radians(region.dec))
    # inside the inner cone: inside; outside the bounding one: outside;
    # only the ring between needs the exact test (none for a cone)
    cos_inner = np.cos(np.radians(region.inner_radius()))
    cos_outer = np.cos(np.radians(region.bounding_radius()))
    for start in range(0, n_scrambles, chunk):
        size = min(chunk, n_scrambles - start)
        ra = rng.uniform(0.0, 360.0, size=(size, dec.size))
        dots = a + b * np.cos(np.radians(ra - region.ra))
        inside = dots >= cos_inner
        rows, cols = np.nonzero(~inside & (dots >= cos_outer))
        inside[rows, cols] = region.contains(ra[rows, cols], dec[cols])
        counts[start:start + size] = inside.sum(axis=1)
    return counts


def chance_probability(observed, scrambled):
    """``(1 + #{scrambled >= observed}) / (1 + len(scrambled))``.

    Parameters
    ----------
    observed : int
    scrambled : array_like of int

    Returns
    -------
    float
    """
    scrambled = np.asarray(scrambled)
    return float((1 + np.count_nonzero(scrambled >= observed))
                 / (1 + scrambled.size))
