"""KASCADE array stations: an approximate layout and simulated signals.

The layout is a documented *model* of KASCADE's array (docs/simulation.md,
section "Per-station signals"): 252 detector stations on a square grid of
13 m spacing, 200 m x 200 m, organised in 16 clusters of 4 x 4 grid
positions.  The four grid positions next to the array centre (where the
central detector building stood) are left out, so the four inner clusters
have 15 stations and the twelve outer ones 16 (4 x 15 + 12 x 16 = 252).
Station positions of the real array differ from this grid by up to a few
metres.

:func:`simulate` draws, for events of the project's generator
(:mod:`simulation.kascade.events`), the energy deposit and the arrival
time at every station: an NKG lateral distribution for electrons scaled
by Ne and a Greisen muon lateral distribution scaled by the truncated
muon number,
evaluated in the shower plane for the event's core, zenith and azimuth;
Poisson numbers of particles; deposits per particle with a Landau-like
spread; arrival times of a curved shower front of finite thickness.
Stations hit by no particle have deposit 0 and arrival time NaN.

Everything is vectorised over blocks of events; the random numbers come
from a stream of their own per (seed, run), so the arrays of one run do
not depend on which other runs get arrays.
"""

import math

import numpy as np

__all__ = [
    "MODEL_VERSION", "GRID_SPACING_M", "GRID_SIZE", "CLUSTER_EDGE",
    "N_CLUSTERS", "N_STATIONS", "ARRAY_ROTATION_DEG", "DETECTOR_AREA_M2",
    "MIP_DEPOSIT_MEV", "LANDAU_SPREAD", "TIME_RESOLUTION_NS",
    "MOLIERE_RADIUS_M", "GREISEN_R0_M", "GREISEN_P1", "GREISEN_P2",
    "TRUNCATION_M", "MIN_AXIS_DISTANCE_M", "SPEED_OF_LIGHT_M_NS",
    "CURVATURE_RADIUS_M", "THICKNESS_T0_NS", "THICKNESS_R0_M",
    "THICKNESS_B", "QUANTISE_MASK", "BLOCK_EVENTS",
    "layout", "axis_frame", "simulate",
]

MODEL_VERSION = "1.0"

# --- layout ----------------------------------------------------------
GRID_SPACING_M = 13.0
GRID_SIZE = 16               # 16 x 16 grid positions, 195 m edge to edge
CLUSTER_EDGE = 4             # 4 x 4 grid positions per cluster
N_CLUSTERS = 16
N_STATIONS = 252
# The array frame is rotated against geographic north (docs/coordinates.md:
# KRETA rotates by 15.0 deg, the exact value being about 15.7 deg).  Here
# the array's y axis points to azimuth ARRAY_ROTATION_DEG (north over
# east); a project convention, used only for the simulated signals.
ARRAY_ROTATION_DEG = 15.0

# --- detector ----------------------------------------------------------
# e/gamma detectors of a station: about 3.2 m^2 of 5 cm liquid
# scintillator (KASCADE, Antoni et al., NIM A 513 (2003) 490: 4 detectors
# of 0.79 m^2 in the inner, 2 in the outer clusters; we give every
# station the same area, a simplification).
DETECTOR_AREA_M2 = 3.2
MIP_DEPOSIT_MEV = 10.0       # vertical minimum-ionising particle, ~2 MeV/cm
LANDAU_SPREAD = 0.4          # relative spread of one particle's deposit
TIME_RESOLUTION_NS = 1.0

# --- lateral distributions ---------------------------------------------
# Electrons: NKG function with Moliere radius 89 m (the value used in
# KASCADE's modified-NKG fits of the electron lateral distribution) and the
# shower age AGE as NKG age.  Muons: Greisen's form
# rho ~ r^-0.75 (1 + r/320 m)^-2.5 (Greisen, Ann. Rev. Nucl. Sci. 10 (1960)
# 63), normalised so that the number of muons between 40 m and 200 m from
# the axis is the truncated muon number NMU of KCDC.
MOLIERE_RADIUS_M = 89.0
GREISEN_R0_M = 320.0
GREISEN_P1, GREISEN_P2 = 0.75, 2.5
TRUNCATION_M = (40.0, 200.0)
MIN_AXIS_DISTANCE_M = 2.0    # densities are evaluated at r >= this

# --- shower front --------------------------------------------------------
# Arrival times: plane front along the axis, plus a parabolic curvature
# with radius CURVATURE_RADIUS_M (project choice, the order of measured
# values), plus the front thickness of Linsley (J. Phys. G 12 (1986) 51):
# sigma_t = 1.6 ns (1 + r/30 m)^1.65, divided by sqrt(n) for the first of n
# particles (a rough stand-in for first-particle statistics).
SPEED_OF_LIGHT_M_NS = 0.299792458
CURVATURE_RADIUS_M = 1500.0
THICKNESS_T0_NS = 1.6
THICKNESS_R0_M = 30.0
THICKNESS_B = 1.65

# Values are stored as float32 with the low 11 mantissa bits cleared
# (13 significant bits, relative precision 1.2e-4: 0.1 ns at 1 us), which
# lets gzip/zlib compress the per-station arrays several times better.
QUANTISE_MASK = np.uint32(0xFFFFF800)

BLOCK_EVENTS = 8192


def layout():
    """The approximate KASCADE station layout.

    Returns
    -------
    dict of str to numpy.ndarray
        ``station_id`` (int32, cluster * 100 + position 1..16 in the
        cluster, both counted row by row from the south-west corner),
        ``cluster`` (int32, 1..16), ``x`` and ``y`` (float64, m, array
        frame, origin at the array centre).
    """
    ids, clusters, xs, ys = [], [], [], []
    centre = (GRID_SIZE - 1) / 2.0
    for iy in range(GRID_SIZE):
        for ix in range(GRID_SIZE):
            dx, dy = ix - centre, iy - centre
            if abs(dx) < 1 and abs(dy) < 1:
                continue  # the four positions around the central building
            cx, cy = ix // CLUSTER_EDGE, iy // CLUSTER_EDGE
            cluster = cy * (GRID_SIZE // CLUSTER_EDGE) + cx + 1
            pos = (iy % CLUSTER_EDGE) * CLUSTER_EDGE + ix % CLUSTER_EDGE + 1
            ids.append(cluster * 100 + pos)
            clusters.append(cluster)
            xs.append(dx * GRID_SPACING_M)
            ys.append(dy * GRID_SPACING_M)
    order = np.argsort(ids, kind="stable")
    out = {"station_id": np.asarray(ids, np.int32)[order],
           "cluster": np.asarray(clusters, np.int32)[order],
           "x": np.asarray(xs, np.float64)[order],
           "y": np.asarray(ys, np.float64)[order]}
    assert len(out["station_id"]) == N_STATIONS
    return out


def _greisen_shape(r):
    x = r / GREISEN_R0_M
    return x ** -GREISEN_P1 * (1.0 + x) ** -GREISEN_P2


def _greisen_truncated_integral():
    """Integral of 2 pi r shape(r) dr over the truncation annulus."""
    r = np.linspace(*TRUNCATION_M, 4001)
    f = 2 * math.pi * r * _greisen_shape(r)
    return float(np.sum((f[1:] + f[:-1]) * np.diff(r)) / 2)


_GREISEN_NORM = _greisen_truncated_integral()


def _nkg_norm(age):
    """NKG normalisation C(s) / (2 pi r_M^2) per event, 1/m^2."""
    lg = np.vectorize(math.lgamma, otypes=[np.float64])
    c = np.exp(lg(4.5 - age) - lg(age) - lg(4.5 - 2 * age))
    return c / (2 * math.pi * MOLIERE_RADIUS_M ** 2)


def _quantise(values):
    values = np.ascontiguousarray(values, dtype=np.float32)
    bits = values.view(np.uint32)
    bits &= QUANTISE_MASK
    return values


def axis_frame(columns):
    """Shower-axis unit vectors (pointing to the sky) in the array frame.

    Parameters
    ----------
    columns : Mapping[str, numpy.ndarray]
        KCDC quantities of the events (at least ZE and AZ, in deg).

    Returns
    -------
    nx, ny, nz : numpy.ndarray
        The components along the array's x and y axes and the vertical.
    """
    ze = np.radians(np.asarray(columns["ZE"], np.float64))
    az = np.radians(np.asarray(columns["AZ"], np.float64)
                    - ARRAY_ROTATION_DEG)
    s = np.sin(ze)
    return s * np.sin(az), s * np.cos(az), np.cos(ze)




def _axis_geometry(sx, sy, xc, yc, nx, ny):
    """Distance along the axis and from the axis of every station."""
    dx = sx - np.asarray(xc, np.float64)[:, None]
    dy = sy - np.asarray(yc, np.float64)[:, None]
    along = dx * nx + dy * ny                 # distance along the axis
    r = np.sqrt(np.maximum(dx * dx + dy * dy - along * along, 0.0))
    np.maximum(r, MIN_AXIS_DISTANCE_M, out=r)
    return along, r


def _mean_particles(r, nz, age, lg_ne, lg_nmu):
    """Mean number of particles (electrons + muons) per station."""
    ne = 10.0 ** np.asarray(lg_ne, np.float64)[:, None]
    nmu = 10.0 ** np.asarray(lg_nmu, np.float64)[:, None]
    x = r / MOLIERE_RADIUS_M
    rho_e = ne * _nkg_norm(age) * x ** (age - 2.0) * (1 + x) ** (age - 4.5)
    rho_mu = nmu / _GREISEN_NORM * _greisen_shape(r)
    return (rho_e + rho_mu) * (DETECTOR_AREA_M2 * nz)


def _deposits(rng, count, hit, nz):
    """Energy deposits (MeV) of ``count`` particles, Landau-like spread."""
    sec = 1.0 / nz
    dep = count + LANDAU_SPREAD * np.sqrt(count) * rng.standard_normal(
        count.shape)
    dep = np.maximum(dep, 0.2 * hit) * (MIP_DEPOSIT_MEV * sec)
    dep[~hit] = 0.0
    return _quantise(dep)


def _arrival_times(rng, along, r, count, hit):
    """Arrival times (ns) of a curved front of finite thickness."""
    t = -along / SPEED_OF_LIGHT_M_NS
    t += r * r / (2 * CURVATURE_RADIUS_M * SPEED_OF_LIGHT_M_NS)
    sigma = THICKNESS_T0_NS * (1 + r / THICKNESS_R0_M) ** THICKNESS_B
    t += sigma / np.sqrt(np.maximum(count, 1)) * np.abs(
        rng.standard_normal(count.shape))
    t += TIME_RESOLUTION_NS * rng.standard_normal(count.shape)
    t[~hit] = np.nan
    return _quantise(t)


def simulate(columns, seed, run):
    """Per-station energy deposits and arrival times for simulated events.

    Parameters
    ----------
    columns : Mapping[str, numpy.ndarray]
        KCDC quantities of the events (at least XC, YC, ZE, AZ, NE, NMU,
        AGE), e.g. one run of :func:`simulation.kascade.events.generate`.
    seed : int
        The generator seed; with ``run`` it selects the random stream.
    run : int
        The run number.  The output is determined by the columns, seed and
        run (events are processed in blocks of BLOCK_EVENTS, ~30 MB each).

    Returns
    -------
    dict of str to numpy.ndarray
        ``station_id``, ``x``, ``y`` (n_stations,) and ``energy_deposit``
        (MeV), ``arrival_time`` (ns, NaN if the station was not hit), both
        float32 of shape (n_events, n_stations): the ``stations=`` argument
        of the KCDC HDF5/ROOT writers.
    """
    lay = layout()
    n_events = len(columns["XC"])
    rng = np.random.default_rng(
        np.random.SeedSequence(int(seed), spawn_key=(7001, int(run))))
    deposit = np.empty((n_events, N_STATIONS), np.float32)
    times = np.empty((n_events, N_STATIONS), np.float32)
    sx, sy = lay["x"][None, :], lay["y"][None, :]
    axis = axis_frame(columns)
    age_all = np.clip(np.asarray(columns["AGE"], np.float64), 0.2, 2.1)
    for lo in range(0, n_events, BLOCK_EVENTS):
        block = slice(lo, min(lo + BLOCK_EVENTS, n_events))
        nx, ny, nz = (a[block, None] for a in axis)
        along, r = _axis_geometry(sx, sy, columns["XC"][block],
                                  columns["YC"][block], nx, ny)
        lam = _mean_particles(r, nz, age_all[block, None],
                              columns["NE"][block], columns["NMU"][block])
        count = rng.poisson(lam).astype(np.float64)
        hit = count > 0
        deposit[block] = _deposits(rng, count, hit, nz)
        times[block] = _arrival_times(rng, along, r, count, hit)
    return {"station_id": lay["station_id"], "x": lay["x"], "y": lay["y"],
            "energy_deposit": deposit, "arrival_time": times}
