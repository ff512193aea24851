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
    "LG_NE_A", "LG_NE_B", "LG_NMU_A", "LG_NMU_B",
    "NE_MASS_EXPONENT", "NMU_MASS_EXPONENT", "SIGMA_LG_NE", "SIGMA_LG_NMU",
    "X0_G_CM2", "LAMBDA_E_G_CM2", "LAMBDA_MU_G_CM2", "LN10",
    "AGE_MEAN", "AGE_SEC_SLOPE", "AGE_SIGMA", "AGE_MIN", "AGE_MAX",
    "HADRON_MEASURED_FRACTION", "HADRON_RADIUS_M", "LG_ESUMHAD_OFFSET",
    "ESUMHAD_MASS_EXPONENT", "SIGMA_LG_ESUMHAD", "LG_NHAD_AT_PEV",
    "LG_NHAD_SLOPE", "SIGMA_LG_NHAD",
    "draw_direction", "draw_core", "mean_sizes", "draw_sizes", "draw_age",
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
# Vertical proton showers at KASCADE level (110 m a.s.l.), lg N vs lg(E/GeV),
# CORSIKA/QGSJet: KASCADE parameterisations tabulated by the CHICOS project,
# http://www.chicos.caltech.edu/~elina/ldf/kascade/ldf.html (rounded).  The
# muon relation is read as the truncated muon number, KCDC's NMU; see
# docs/simulation.md for why.
LG_NE_A, LG_NE_B = -2.89, 1.2225
LG_NMU_A, LG_NMU_B = -1.883, 0.908
# Superposition: a nucleus of mass A acts like A showers of energy E/A,
# which lowers Ne and raises Nmu; the exponents are rough.
NE_MASS_EXPONENT = -0.15     # Ne ∝ A^-0.15 at fixed E
NMU_MASS_EXPONENT = 0.10     # Nmu ∝ A^0.1 at fixed E (Nmu ∝ A^(1-beta), beta~0.9)
# Shower-to-shower fluctuations plus size reconstruction, lg units.
SIGMA_LG_NE = 0.10
SIGMA_LG_NMU = 0.08
# Vertical atmospheric depth at KASCADE (KIT KASCADE pages).  KASCADE
# found electron-size attenuation lengths of 175-196 g/cm^2 depending on
# the method (Antoni et al., Astropart. Phys. 19 (2003) 703); we take the
# lower end.  The muon value is the 823 g/cm^2 of the LOPES pipeline's
# energy estimator (simulation.kascade.energy), rounded.
X0_G_CM2 = 1022.0
LAMBDA_E_G_CM2 = 175.0
LAMBDA_MU_G_CM2 = 820.0

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


def mean_sizes(lg_e_gev, a):
    """Mean vertical lg Ne and lg Nmu_tr of primaries of mass ``a``.

    Parameters
    ----------
    lg_e_gev : float or array_like
        lg of the primary energy in GeV.
    a : float
        Mass number.

    Returns
    -------
    tuple
        (lg Ne, lg Nmu_tr), vertical, at observation level.
    """
    lg_a = math.log10(a)
    return (LG_NE_A + LG_NE_B * lg_e_gev + NE_MASS_EXPONENT * lg_a,
            LG_NMU_A + LG_NMU_B * lg_e_gev + NMU_MASS_EXPONENT * lg_a)


def draw_sizes(rng, lg_e_gev, lg_a, sec_m1):
    """Electron size and truncated muon number at observation level.

    The vertical relation and the mass shift give the mean, a Gaussian in
    lg adds the fluctuations, and the attenuation along the slant depth
    lowers both sizes.

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
    att_e = X0_G_CM2 / (LAMBDA_E_G_CM2 * LN10) * sec_m1
    att_mu = X0_G_CM2 / (LAMBDA_MU_G_CM2 * LN10) * sec_m1
    ne = LG_NE_A + LG_NE_B * lg_e_gev + NE_MASS_EXPONENT * lg_a
    ne += rng.normal(0.0, SIGMA_LG_NE, n)
    ne -= att_e
    nmu = LG_NMU_A + LG_NMU_B * lg_e_gev + NMU_MASS_EXPONENT * lg_a
    nmu += rng.normal(0.0, SIGMA_LG_NMU, n)
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
