"""The Tunka-Rex antenna layout: 63 antennas, approximated.

Tunka-Rex had 63 antennas, 57 of them within about 1 km^2 around the
centre of Tunka-133 and the others on an outer ring (D. Kostunin et
al., arXiv:1812.03347).  The antennas stood beside the clusters of the
host detectors (Tunka-133: 19 inner clusters and 6 outer ones, S.F.
Berezhnev et al., Nucl. Instrum. Meth. A 692 (2012) 98).  The exact
positions are not published in a form this project has, so the layout
is APPROXIMATED (docs/tunka_rex.md):

* the 19 inner clusters on a hexagonal grid of 240 m spacing (centre,
  a ring of 6, a ring of 12; outermost at 480 m), with 3 antennas per
  cluster: at the cluster centre and 70 m from it at azimuths 0 and
  120 deg: 57 antennas within about 550 m of the centre (0.95 km^2);
* 6 antennas on an outer ring of 1000 m radius at azimuths 30, 90, ...
  330 deg (the outer clusters).

Frame: x east, y north, metres, origin the centre of the dense array.
"""

import numpy as np

__all__ = ["N_ANTENNAS", "N_CORE_ANTENNAS", "MODEL_VERSION",
           "CLUSTER_SPACING_M", "OUTER_RADIUS_M", "layout"]

N_ANTENNAS = 63
N_CORE_ANTENNAS = 57
#: Bump when the layout changes (the run files record it).
MODEL_VERSION = "1"
CLUSTER_SPACING_M = 240.0
ANTENNA_OFFSET_M = 70.0
OUTER_RADIUS_M = 1000.0


def _hexagon_centres(spacing):
    """The centre, a ring of 6 and a ring of 12 of a hexagonal grid."""
    a = np.array([spacing, 0.0])
    b = np.array([spacing / 2, spacing * np.sqrt(3) / 2])
    points = [i * a + j * b for i in range(-2, 3) for j in range(-2, 3)
              if abs(i + j) <= 2]
    return np.array(sorted(points, key=lambda p: (round(np.hypot(*p)),
                                                  np.arctan2(p[1], p[0]))))


def layout():
    """The antennas: ids 1..63 and positions.

    Returns
    -------
    dict
        ``station_id`` (int32), ``antenna_x``, ``antenna_y`` (float64, m):
        the per-antenna ("station") arrays of the run files.
    """
    centres = _hexagon_centres(CLUSTER_SPACING_M)
    offsets = [np.zeros(2)] + [ANTENNA_OFFSET_M * np.array(
        [np.sin(np.radians(az)), np.cos(np.radians(az))]) for az in (0, 120)]
    core = np.array([c + o for c in centres for o in offsets])
    outer_az = np.radians(np.arange(30.0, 360.0, 60.0))
    outer = OUTER_RADIUS_M * np.stack([np.sin(outer_az), np.cos(outer_az)],
                                      axis=1)
    xy = np.vstack([core, outer])
    return {"station_id": np.arange(1, len(xy) + 1, dtype=np.int32),
            "antenna_x": xy[:, 0].astype(np.float64),
            "antenna_y": xy[:, 1].astype(np.float64)}
