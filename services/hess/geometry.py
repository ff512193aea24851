"""Spherical geometry of the SODA cutouts (float64, numpy only).

CIRCLE and POLYGON select events by their reconstructed direction
(polygon edges are great circles).
"""

import math

import numpy as np

__all__ = ["separation_deg", "in_circle", "in_polygon",
           "polygon_frame", "polygon_overlaps_circle"]


def _unit_vectors(ra_deg, dec_deg):
    ra, dec = np.radians(ra_deg), np.radians(dec_deg)
    return np.stack([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra),
        np.sin(dec)], axis=-1)


def separation_deg(ra1, dec1, ra2, dec2):
    """Angular distance in degrees (Vincenty; float64 throughout).

    Parameters
    ----------
    ra1, dec1, ra2, dec2 : float or array_like
        Positions in degrees.

    Returns
    -------
    numpy.ndarray or float
    """
    ra1, dec1, ra2, dec2 = (np.radians(np.asarray(v, dtype=np.float64))
        for v in (ra1, dec1, ra2, dec2))
    dra = ra2 - ra1
    num = np.hypot(np.cos(dec2) * np.sin(dra), np.cos(dec1) * np.sin(dec2)
        - np.sin(dec1) * np.cos(dec2) * np.cos(dra))
    den = np.sin(dec1) * np.sin(dec2) + np.cos(dec1) * np.cos(dec2) * np.cos(dra)
    return np.degrees(np.arctan2(num, den))


def in_circle(ra, dec, circle):
    """Which points lie in a circle.

    Parameters
    ----------
    ra, dec : array_like
        Positions in degrees.
    circle : tuple
        (RA, Dec, radius) in degrees.

    Returns
    -------
    numpy.ndarray of bool
    """
    ra0, dec0, radius = circle
    return separation_deg(ra0, dec0, ra, dec) <= radius


def polygon_frame(vertices):
    """Centre and gnomonic axes for a spherical polygon.

    Parameters
    ----------
    vertices : numpy.ndarray
        n x 2 array of (RA, Dec) in degrees.

    Returns
    -------
    tuple of numpy.ndarray
        (centre, east, north) unit vectors.

    Raises
    ------
    ValueError
        If the polygon has no centre or does not fit in a hemisphere.
    """
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
    centre, east, north = polygon_frame(vertices)
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
    """Whether a spherical polygon and a circle overlap.

    Parameters
    ----------
    vertices : array_like
        n x 2 array of (RA, Dec) in degrees.
    circle : tuple
        (RA, Dec, radius) in degrees.

    Returns
    -------
    bool
    """
    ra0, dec0, radius = circle
    vertices = np.asarray(vertices, dtype=np.float64)
    if in_polygon(np.array([ra0]), np.array([dec0]), vertices)[0]:
        return True
    point = _unit_vectors(ra0, dec0)
    vecs = _unit_vectors(vertices[:, 0], vertices[:, 1])
    return any(_arc_distance_deg(point, vecs[i - 1], vecs[i]) <= radius
        for i in range(len(vecs)))
