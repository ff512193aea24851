"""The Tunka site: where the sky coordinates of Tunka-Rex events are
computed.

Tunka-133, Tunka-Grande and Tunka-Rex share the Tunka valley site
(Republic of Buryatia, about 50 km west of Lake Baikal).  Coordinates
and altitude: 51.81 deg N, 103.07 deg E, 675 m a.s.l., as the
Tunka-133 instrument paper gives them (S.F. Berezhnev et al., "The
Tunka-133 EAS Cherenkov light array: status of 2011", Nucl. Instrum.
Meth. A 692 (2012) 98, arXiv:1201.2122) and the Tunka-Rex papers repeat
(P.A. Bezyazeekov et al., Nucl. Instrum. Meth. A 802 (2015) 89).  The
altitude is used as the WGS84 height: at 0.01 deg precision of the
position, the difference to the geoid changes no direction by more than
1e-6 deg.  docs/tunka_rex.md lists the sources; docs/coordinates.md the
conventions (shared with KASCADE).
"""

import astropy.units as u
from astropy.coordinates import EarthLocation

__all__ = ["TUNKA_LATITUDE_DEG", "TUNKA_LONGITUDE_DEG", "TUNKA_HEIGHT_M",
           "TUNKA_SITE"]

TUNKA_LATITUDE_DEG = 51.81
TUNKA_LONGITUDE_DEG = 103.07
TUNKA_HEIGHT_M = 675.0

#: The site as an astropy location, for
#: :func:`converters.sky.horizontal_to_icrs`.
TUNKA_SITE = EarthLocation.from_geodetic(
    lon=TUNKA_LONGITUDE_DEG * u.deg, lat=TUNKA_LATITUDE_DEG * u.deg,
    height=TUNKA_HEIGHT_M * u.m)
