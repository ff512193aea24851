"""Arrival direction, core, shower sizes, age and hadrons of simulated showers.

Every parameter is a named constant with its source in a comment; the
sources are listed again in docs/simulation.md.  Each ``draw_*``
function takes its own random generator, so that changing one part of
the model leaves the numbers of the others untouched.
"""

import math

import numpy as np

__all__ = [
    "ZENITH_MAX_DEG", "FIDUCIAL_RADIUS_M",
    "SIZE_MASSES", "LG_E_SIZE_REF_GEV", "LG_NE_AT_REF", "NE_SLOPE",
    "LG_NMU_AT_REF", "NMU_SLOPE", "SIGMA_LG_NE", "SIGMA_LG_NMU",
    "X0_G_CM2", "LAMBDA_E_G_CM2", "LAMBDA_MU_G_CM2", "LN10",
    "AGE_MEAN", "AGE_SEC_SLOPE", "AGE_SIGMA", "AGE_MIN", "AGE_MAX",
    "HADRON_MEASURED_FRACTION", "HADRON_RADIUS_M", "LG_ESUMHAD_OFFSET",
    "ESUMHAD_MASS_EXPONENT", "SIGMA_LG_ESUMHAD", "LG_NHAD_AT_PEV",
    "LG_NHAD_SLOPE", "SIGMA_LG_NHAD",
    "draw_direction", "draw_core", "mean_sizes", "attenuation",
    "draw_sizes", "draw_age",
    "draw_hadrons",
]

LN10 = math.log(10.0)

# --- arrival directions ---------------------------------------------
# Isotropic flux on a flat array: dN/dcos(theta) ∝ cos(theta).  KASCADE
# analyses cut at 40-42 deg zenith.
ZENITH_MAX_DEG = 42.0

# --- core positions -------------------------------------------------
# KASCADE's 200 m x 200 m array; cores accepted within 91 m of the centre.
FIDUCIAL_RADIUS_M = 91.0

# --- shower sizes ---------------------------------------------------
# Mean vertical sizes at KASCADE level (110 m a.s.l.) of proton and iron
# showers, lg N = LG_N_AT_REF + SLOPE * (lg(E/GeV) - LG_E_SIZE_REF_GEV),
# interpolated linearly in lg A between the two.  NE is the electron
# size, NMU the truncated muon number (40-200 m), KCDC's quantities.
# They are chosen to agree with KASCADE's CORSIKA/CRES simulations
# (QGSJet; Antoni et al., Astropart. Phys. 24 (2005) 1, Sect. 3 and the
# Ne/Nmu_tr-versus-energy figures there, which we could not re-read: the
# 1 PeV values are our estimate, not a figure reading) and to be
# consistent with the KASCADE energy estimator of energy.py: the muon
# anchors and slopes follow from it (docs/simulation.md, "Shower
# sizes"), so that the estimator returns the true energy of the mean
# proton shower 0.012 dex high and of the mean iron shower as much low.
SIZE_MASSES = (1, 56)
LG_E_SIZE_REF_GEV = 6.0
LG_NE_AT_REF = (5.25, 4.70)   # lg Ne at 1 PeV, vertical: p, Fe
NE_SLOPE = (1.20, 1.30)       # d lg Ne / d lg E: p, Fe (iron showers
#                               are further from their maximum)
LG_NMU_AT_REF = (3.827, 4.047)  # lg Nmu_tr at 1 PeV, vertical: p, Fe
NMU_SLOPE = (0.9373, 0.8910)    # d lg Nmu_tr / d lg E: p, Fe
# Shower-to-shower fluctuations plus size reconstruction, lg units
# (the brief's values).
SIGMA_LG_NE = 0.10
SIGMA_LG_NMU = 0.08
# Attenuation with slant depth, N(theta) = N(0) exp(-X0 (sec - 1) / L).
# X0: vertical depth at KASCADE (110 m a.s.l.).  Electrons: KASCADE
# measured 175-196 g/cm^2 depending on the method (Antoni et al.,
# Astropart. Phys. 19 (2003) 703); we take the lower end.  Muons
# (truncated): 823 g/cm^2, the value of the LOPES analysis pipeline.
# Weighted with the estimator's size coefficients these give 1.15 per
# unit of sec(zenith) against the estimator's 1.24, so the estimate of
# a shower at 40 deg is 0.03 dex higher than at vertical.
X0_G_CM2 = 1022.0
LAMBDA_E_G_CM2 = 175.0
LAMBDA_MU_G_CM2 = 823.0

# --- shower age -------------------------------------------------------
# Range as in the LOPES event selection (0.2 < age < 2.1); mean and
# slant-depth trend are rough.
AGE_MEAN = 1.0
AGE_SEC_SLOPE = 0.1
AGE_SIGMA = 0.12
AGE_MIN, AGE_MAX = 0.2, 2.1

# --- hadrons ---------------------------------------------------------
# Only the central calorimeter measured hadrons, so only cores near the
# array centre carry them; the radius gives the ~30 % measured fraction
# of the brief.  The size relations are invented placeholders.
HADRON_MEASURED_FRACTION = 0.30
HADRON_RADIUS_M = FIDUCIAL_RADIUS_M * math.sqrt(HADRON_MEASURED_FRACTION)
LG_ESUMHAD_OFFSET = -2.7     # lg(ESUMHAD/GeV) - lg(E/GeV) for protons
ESUMHAD_MASS_EXPONENT = -0.1
SIGMA_LG_ESUMHAD = 0.25
LG_NHAD_AT_PEV = 1.0         # lg NHAD at E = 1 PeV
LG_NHAD_SLOPE = 0.75
SIGMA_LG_NHAD = 0.2


def draw_direction(rng, n):
    """Zenith and azimuth of an isotropic flux seen by a flat array.

    Parameters
    ----------
    rng : numpy.random.Generator
        The direction stream.
    n : int
        Number of events.

    Returns
    -------
    ze, az, sec_m1 : numpy.ndarray
        Zenith (deg, at most :data:`ZENITH_MAX_DEG`), azimuth (deg,
        uniform in [0, 360)) and sec(zenith) - 1.
    """
    # cos^2(theta) is uniform for dN/dcos(theta) ∝ cos(theta).
    c2min = math.cos(math.radians(ZENITH_MAX_DEG)) ** 2
    cos_t = rng.random(n)
    cos_t *= 1.0 - c2min
    cos_t += c2min
    np.sqrt(cos_t, out=cos_t)
    ze = np.degrees(np.arccos(cos_t))
    az = rng.uniform(0.0, 360.0, n)
    sec_m1 = np.reciprocal(cos_t, out=cos_t)
    sec_m1 -= 1.0
    return ze, az, sec_m1


def draw_core(rng, n):
    """Shower cores uniform in the fiducial circle.

    Parameters
    ----------
    rng : numpy.random.Generator
        The core stream.
    n : int
        Number of events.

    Returns
    -------
    xc, yc : numpy.ndarray
        Core position (m) in the array frame.
    hadrons_seen : numpy.ndarray of bool
        Cores close enough to the central calorimeter for hadron data.
    """
    r = rng.random(n)
    np.sqrt(r, out=r)
    r *= FIDUCIAL_RADIUS_M
    phi = rng.uniform(0.0, 2 * math.pi, n)
    return r * np.cos(phi), r * np.sin(phi), r < HADRON_RADIUS_M


def _sizes_of_lg_a(lg_e_gev, lg_a):
    """Mean vertical (lg Ne, lg Nmu_tr), interpolated linearly in lg A."""
    lo, hi = (math.log10(a) for a in SIZE_MASSES)
    w = (np.asarray(lg_a, dtype=np.float64) - lo) / (hi - lo)
    x = np.asarray(lg_e_gev, dtype=np.float64) - LG_E_SIZE_REF_GEV
    sizes = []
    for ref, slope in ((LG_NE_AT_REF, NE_SLOPE), (LG_NMU_AT_REF, NMU_SLOPE)):
        proton = ref[0] + slope[0] * x
        iron = ref[1] + slope[1] * x
        sizes.append(proton + w * (iron - proton))
    return tuple(sizes)


def mean_sizes(lg_e_gev, a):
    """Mean vertical lg Ne and lg Nmu_tr of primaries of mass ``a``.

    Parameters
    ----------
    lg_e_gev : float or array_like
        lg of the primary energy in GeV.
    a : float or array_like
        Mass number (between 1 and 56; interpolated linearly in lg A).

    Returns
    -------
    tuple
        (lg Ne, lg Nmu_tr), vertical, at observation level.
    """
    return _sizes_of_lg_a(lg_e_gev, np.log10(a))


def attenuation(sec_m1):
    """Attenuation of lg Ne and lg Nmu_tr along the slant depth.

    Parameters
    ----------
    sec_m1 : array_like
        sec(zenith) - 1.

    Returns
    -------
    tuple
        The (positive) decrements of lg Ne and lg Nmu_tr.
    """
    sec_m1 = np.asarray(sec_m1, dtype=np.float64)
    return (X0_G_CM2 / (LAMBDA_E_G_CM2 * LN10) * sec_m1,
            X0_G_CM2 / (LAMBDA_MU_G_CM2 * LN10) * sec_m1)


def draw_sizes(rng, lg_e_gev, lg_a, sec_m1):
    """Electron size and truncated muon number at observation level.

    The mean vertical sizes of the primary's mass, a Gaussian in lg for
    the fluctuations, and the attenuation along the slant depth.

    Parameters
    ----------
    rng : numpy.random.Generator
        The size stream.
    lg_e_gev, lg_a, sec_m1 : numpy.ndarray
        True lg(E/GeV), lg of the mass number and sec(zenith) - 1.

    Returns
    -------
    lg_ne, lg_nmu : numpy.ndarray
        KCDC's NE and NMU.
    """
    n = len(lg_e_gev)
    ne, nmu = _sizes_of_lg_a(lg_e_gev, lg_a)
    att_e, att_mu = attenuation(sec_m1)
    ne = ne + rng.normal(0.0, SIGMA_LG_NE, n)
    ne -= att_e
    nmu = nmu + rng.normal(0.0, SIGMA_LG_NMU, n)
    nmu -= att_mu
    return ne, nmu


def draw_age(rng, sec_m1):
    """Shower age: Gaussian with a slant-depth trend, clipped.

    Parameters
    ----------
    rng : numpy.random.Generator
        The age stream.
    sec_m1 : numpy.ndarray
        sec(zenith) - 1.

    Returns
    -------
    numpy.ndarray
        Ages in [:data:`AGE_MIN`, :data:`AGE_MAX`].
    """
    age = rng.normal(0.0, AGE_SIGMA, len(sec_m1))
    age += AGE_MEAN
    age += AGE_SEC_SLOPE * sec_m1
    np.clip(age, AGE_MIN, AGE_MAX, out=age)
    return age


def draw_hadrons(rng, lg_e_gev, lg_a, seen):
    """Hadronic energy sum and hadron number (placeholder relations).

    Parameters
    ----------
    rng : numpy.random.Generator
        The hadron stream.
    lg_e_gev, lg_a : numpy.ndarray
        True lg(E/GeV) and lg of the mass number.
    seen : numpy.ndarray of bool
        Events with hadron data (:func:`draw_core`).

    Returns
    -------
    esumhad : numpy.ndarray
        GeV; KCDC's -1 where not measured.
    nhad : numpy.ndarray of int32
        At least 1; -1 where not measured.
    """
    n = len(lg_e_gev)
    esum = np.full(n, -1.0)
    nhad = np.full(n, -1, dtype=np.int32)
    m = int(np.count_nonzero(seen))
    lg_e_seen = lg_e_gev[seen]
    esum[seen] = 10.0 ** (
        lg_e_seen + LG_ESUMHAD_OFFSET
        + ESUMHAD_MASS_EXPONENT * lg_a[seen]
        + rng.normal(0.0, SIGMA_LG_ESUMHAD, m))
    counts = np.rint(10.0 ** (
        LG_NHAD_AT_PEV + LG_NHAD_SLOPE * (lg_e_seen - 6.0)
        + rng.normal(0.0, SIGMA_LG_NHAD, m)))
    nhad[seen] = np.maximum(counts, 1).astype(np.int32)
    return esum, nhad
