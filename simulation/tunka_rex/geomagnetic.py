"""The geomagnetic field at the Tunka site and the geomagnetic angle.

The radio emission of an air shower is mainly geomagnetic: its amplitude
scales with the sine of the angle between the shower axis and the
Earth's magnetic field.  The field is a fixed vector, the IGRF-13 model
(P. Alken et al., "International Geomagnetic Reference Field: the
thirteenth generation", Earth Planets Space 73 (2021) 49) at the Tunka
site (51.81 N, 103.07 E, 675 m) for 2015.0, the middle of Tunka-Rex's
data taking: evaluated once with ``ppigrf`` 2.1.0 (its IGRF13.shc), not
at run time, because ``ppigrf`` needs a newer numpy than Debian's.  Its
secular change over 2012-2019 (about 0.1 deg in direction) is far below
what the simulation resolves.

Frame: east, north, up (the site frame of the core and the antennas);
directions are unit vectors in it.
"""

import numpy as np

__all__ = ["FIELD_ENU_NT", "FIELD_EPOCH", "field_direction",
           "arrival_vectors", "geomagnetic_angle", "emission_direction"]

#: IGRF-13 field at the site for 2015.0, (east, north, up) in nT:
#: total 60.37 uT, declination -2.82 deg, inclination 71.89 deg (down).
FIELD_ENU_NT = np.array([-923.87, 18745.57, -57373.38])
FIELD_EPOCH = "2015.0"


def field_direction():
    """Unit vector of the field, (east, north, up).

    Returns
    -------
    numpy.ndarray of shape (3,)
    """
    return FIELD_ENU_NT / np.linalg.norm(FIELD_ENU_NT)


def arrival_vectors(zenith_deg, azimuth_deg):
    """Unit vectors towards where the showers come from, (east, north, up).

    Parameters
    ----------
    zenith_deg, azimuth_deg : array_like
        Zenith and geographic azimuth, north through east.

    Returns
    -------
    numpy.ndarray of shape (n, 3)
    """
    ze, az = np.radians(zenith_deg), np.radians(azimuth_deg)
    return np.stack([np.sin(ze) * np.sin(az), np.sin(ze) * np.cos(az),
                     np.cos(ze)], axis=-1)


def geomagnetic_angle(zenith_deg, azimuth_deg):
    """Angle between the shower's direction of motion and the field, deg.

    Parameters
    ----------
    zenith_deg, azimuth_deg : array_like

    Returns
    -------
    numpy.ndarray
        In [0, 180].
    """
    motion = -arrival_vectors(zenith_deg, azimuth_deg)
    cos = np.clip(motion @ field_direction(), -1.0, 1.0)
    return np.degrees(np.arccos(cos))


def emission_direction(zenith_deg, azimuth_deg):
    """Unit vectors of the geomagnetic emission's electric field
    (the direction of motion cross the field).

    Parameters
    ----------
    zenith_deg, azimuth_deg : array_like

    Returns
    -------
    numpy.ndarray of shape (n, 3)
        (east, north, up); for a shower along the field, zero.
    """
    e = np.cross(-arrival_vectors(zenith_deg, azimuth_deg),
                 field_direction())
    norm = np.linalg.norm(e, axis=-1, keepdims=True)
    return np.divide(e, norm, out=np.zeros_like(e), where=norm > 0)
