"""Error regions of neutrino alerts as pgSphere polygons.

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

import re

import numpy as np

__all__ = ["N_VERTICES", "error_polygon", "polygon_vertices"]

N_VERTICES = 16
_VERTEX = re.compile(r"\(\s*([-+0-9.eE]+)d\s*,\s*([-+0-9.eE]+)d\s*\)")


def error_polygon(ra, dec, east, west, north, south, n=N_VERTICES):
    """pgSphere spoly literals of asymmetric ellipses (vectorised).

    Parameters
    ----------
    ra, dec : array_like
        The centres (deg).
    east, west, north, south : array_like
        The on-sky extents (deg) towards east (increasing RA), west,
        north and south.
    n : int
        The number of vertices.

    Returns
    -------
    numpy.ndarray of str
        One literal per centre; "" where an extent is NaN.
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


def polygon_vertices(literal):
    """The (n, 2) vertices (ra, dec in deg) of a pgSphere polygon literal.

    Parameters
    ----------
    literal : str
        In degrees: as :func:`error_polygon` writes it, or as pgSphere
        prints it after ``set_sphere_output('DEG')`` (``{(ad , bd),...}``).

    Returns
    -------
    numpy.ndarray
    """
    vertices = [(float(a), float(b)) for a, b in _VERTEX.findall(literal)]
    if len(vertices) < 3:
        raise ValueError(f"not a pgSphere polygon in degrees: {literal!r}")
    return np.array(vertices)
