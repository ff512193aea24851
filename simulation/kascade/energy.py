"""Primary energy and mass of simulated showers, and their energy estimate.

The true energy follows KASCADE's all-particle spectrum (a broken power
law with the knee at ~4 PeV); the mass is a two-component mixture.  The
reconstructed energy (KCDC's ``E``) is KASCADE's energy estimator
lg E = a lg Ne + b lg Nmu_tr + c sec(zenith) + d applied to the simulated
sizes, plus the smearing that brings the total resolution to the
target.  Sources: docs/simulation.md.
"""

import math

import numpy as np

from simulation.kascade.showers import (SIGMA_LG_NE, SIGMA_LG_NMU,
                                        mean_sizes)

__all__ = [
    "LG_E_MIN", "LG_E_MAX", "LG_E_KNEE", "GAMMA_BELOW_KNEE",
    "GAMMA_ABOVE_KNEE", "SIGMA_LG_E_TARGET", "LG_E_REFERENCE_GEV",
    "MASS_NUMBERS", "MASS_FRACTIONS", "ESTIMATOR_NE", "ESTIMATOR_NMU",
    "ESTIMATOR_SEC", "ESTIMATOR_CONST", "SIGMA_LG_E_EXTRA",
    "sample_lg_energy", "sample_mass", "estimate_lg_energy",
    "estimator_bias", "reconstruct_energy",
]

# --- all-particle energy spectrum ----------------------------------
# Knee position and indices: KASCADE, Antoni et al., Astropart. Phys. 24
# (2005) 1 (knee at ~4 PeV, gamma ~2.7 below, ~3.1 above); compare
# Hoerandel, Astropart. Phys. 19 (2003) 193.
LG_E_MIN = 14.0          # lg(E/eV); lower end of KASCADE's range
LG_E_MAX = 18.0          # lg(E/eV); upper end of KASCADE-Grande
LG_E_KNEE = math.log10(4e15)
GAMMA_BELOW_KNEE = 2.7   # dN/dE ∝ E^-gamma
GAMMA_ABOVE_KNEE = 3.1
# Total lg E resolution aimed at near 1 PeV: ~20 %, the order of
# KASCADE's shower-by-shower energy resolution (the project's target; not
# taken from a specific table).
SIGMA_LG_E_TARGET = 0.08
LG_E_REFERENCE_GEV = 6.0  # 1 PeV: where the resolution target holds

# --- primary mass mixture ---------------------------------------------
# Two-component stand-in for the measured mixed composition; the 50/50
# split is a project choice, not a fit.
MASS_NUMBERS = (1, 56)       # proton, iron
MASS_FRACTIONS = (0.5, 0.5)

# KASCADE's energy estimator from the electron size and the muon number,
# R. Glasstetter (DPG spring meeting 2006), as the LOPES-STAR analysis
# code of KASCADE-Grande events quotes it (docs/simulation.md, "Energy
# estimator"):
#   lg(E/GeV) = a lg Ne + b lg Nmu + c sec(zenith) + d,
# on the sizes at observation level.  Applied to KCDC's KASCADE NE and
# NMU (truncated) of the 9 measured events of the KCDC sample it gives
# KCDC's E +0.053 dex (spread 0.010), inside KCDC's ~20 % resolution.
ESTIMATOR_NE = 0.31
ESTIMATOR_NMU = 0.67
ESTIMATOR_SEC = 1.24
ESTIMATOR_CONST = 0.58


def sample_lg_energy(rng, n, lg_min=LG_E_MIN, lg_max=LG_E_MAX):
    """True lg(E/eV) from the broken power law, by inverse CDF.

    Working in x = E/E_knee, the density is x^-g1 below 1 and x^-g2
    above, which is continuous at the knee.

    Parameters
    ----------
    rng : numpy.random.Generator
        The energy stream.
    n : int
        Number of events.
    lg_min, lg_max : float, optional
        Range of lg(E/eV); default :data:`LG_E_MIN` to :data:`LG_E_MAX`
        (a narrower range serves tests and benchmarks).

    Returns
    -------
    numpy.ndarray
        lg(E/eV) in [lg_min, lg_max].
    """
    g1, g2 = GAMMA_BELOW_KNEE, GAMMA_ABOVE_KNEE
    lo = 10.0 ** (lg_min - LG_E_KNEE)
    hi = 10.0 ** (lg_max - LG_E_KNEE)
    knee_lo, knee_hi = min(hi, 1.0), max(lo, 1.0)
    below = ((knee_lo ** (1 - g1) - lo ** (1 - g1)) / (1 - g1)
             if lo < 1.0 else 0.0)
    above = ((hi ** (1 - g2) - knee_hi ** (1 - g2)) / (1 - g2)
             if hi > 1.0 else 0.0)
    q = rng.random(n)
    q *= below + above
    low = q < below
    lg = np.empty(n)
    # Boolean indexing rather than np.where: the branch that does not
    # apply can have a negative base and would warn about NaNs.
    ql = q[low]
    lg[low] = np.log10(lo ** (1 - g1) + ql * (1 - g1)) / (1 - g1)
    qh = q[~low]
    lg[~low] = np.log10(knee_hi ** (1 - g2)
                        + (qh - below) * (1 - g2)) / (1 - g2)
    lg += LG_E_KNEE
    return lg


def sample_mass(rng, n):
    """Primary mass numbers drawn from the mixture.

    Parameters
    ----------
    rng : numpy.random.Generator
        The mass stream.
    n : int
        Number of events.

    Returns
    -------
    numpy.ndarray of int16
        Mass numbers, values of :data:`MASS_NUMBERS`.
    """
    return np.asarray(MASS_NUMBERS, dtype=np.int16)[
        rng.choice(len(MASS_NUMBERS), size=n, p=MASS_FRACTIONS)]


def estimate_lg_energy(lg_ne, lg_nmu_tr, sec_m1):
    """KASCADE's energy estimate, lg(E/GeV).

    Parameters
    ----------
    lg_ne, lg_nmu_tr : array_like
        lg of the electron size and of the truncated muon number at
        observation level (KCDC's NE and NMU).
    sec_m1 : array_like
        sec(zenith) - 1.

    Returns
    -------
    numpy.ndarray
        The estimate; a new array.

    Notes
    -----
    The zenith term is close to the mean attenuation of the simulated
    sizes (:func:`simulation.kascade.showers.attenuation`) weighted with
    the size coefficients: the mean shower at 40 deg is estimated
    0.03 dex higher than at vertical.
    """
    est = np.multiply(ESTIMATOR_NE, lg_ne, dtype=np.float64)
    est += ESTIMATOR_NMU * np.asarray(lg_nmu_tr, dtype=np.float64)
    est += ESTIMATOR_SEC * (np.asarray(sec_m1, dtype=np.float64) + 1.0)
    est += ESTIMATOR_CONST
    return est


def _estimate_of_mean(lg_e_gev, a, shift_ne=0.0, shift_nmu=0.0):
    """Estimate for the mean vertical shower of mass ``a``."""
    lg_ne, lg_nmu = mean_sizes(lg_e_gev, a)
    return float(estimate_lg_energy(lg_ne + shift_ne, lg_nmu + shift_nmu,
                                    0.0))


def estimator_bias(lg_e_gev):
    """Estimate minus truth for the mean mixed shower at ``lg_e_gev``.

    The size relations are made consistent with the estimator at
    1 PeV; this is how well they agree elsewhere.

    Parameters
    ----------
    lg_e_gev : float
        True lg(E/GeV).

    Returns
    -------
    float
        Bias in dex.
    """
    return sum(f * _estimate_of_mean(lg_e_gev, a)
               for a, f in zip(MASS_NUMBERS, MASS_FRACTIONS)) - lg_e_gev


def _extra_resolution():
    """Gaussian lg E smearing still needed to reach SIGMA_LG_E_TARGET.

    Size fluctuations and the unknown mass already spread the estimate;
    the rest stands for core, angle and attenuation-correction errors.
    Worked out at 1 PeV by finite differences, so it follows any change
    to the constants above.
    """
    h = 1e-4
    lg_e, proton = LG_E_REFERENCE_GEV, MASS_NUMBERS[0]
    e0 = _estimate_of_mean(lg_e, proton)
    d_ne = (_estimate_of_mean(lg_e, proton, shift_ne=h) - e0) / h
    d_mu = (_estimate_of_mean(lg_e, proton, shift_nmu=h) - e0) / h
    from_sizes = (d_ne * SIGMA_LG_NE) ** 2 + (d_mu * SIGMA_LG_NMU) ** 2
    means = [_estimate_of_mean(lg_e, a) for a in MASS_NUMBERS]
    grand = sum(f * m for f, m in zip(MASS_FRACTIONS, means))
    from_mass = sum(f * (m - grand) ** 2
                    for f, m in zip(MASS_FRACTIONS, means))
    return math.sqrt(max(0.0, SIGMA_LG_E_TARGET ** 2 - from_sizes - from_mass))


SIGMA_LG_E_EXTRA = _extra_resolution()


def reconstruct_energy(rng, lg_ne, lg_nmu, sec_m1):
    """KCDC's ``E``: the estimate from the simulated sizes, smeared.

    The E column is what an analysis would reconstruct from the
    simulated sizes, so that E, NE and NMU hang together as in KCDC.

    Parameters
    ----------
    rng : numpy.random.Generator
        The reconstruction stream.
    lg_ne, lg_nmu, sec_m1 : numpy.ndarray
        NE, NMU and sec(zenith) - 1 of the events.

    Returns
    -------
    numpy.ndarray
        lg(E/eV).
    """
    e = estimate_lg_energy(lg_ne, lg_nmu, sec_m1)
    e += 9.0
    if SIGMA_LG_E_EXTRA > 0:
        e += rng.normal(0.0, SIGMA_LG_E_EXTRA, len(e))
    return e
