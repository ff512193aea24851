"""simulation.kascade.energy: spectrum, mass mixture, energy estimate."""

import math

import numpy as np
import pytest

from simulation.kascade import energy, events, showers
from tests.simulation_sample import SEED, sample  # noqa: F401


@pytest.fixture(scope="module")
def big_truth():
    # Only ~0.15 % of events lie above the knee; a million gives ~1500
    # of them, enough to pin the upper index to about +-0.05.
    return events.generate(1_000_000, seed=SEED + 1, return_truth=True)[1]


def _power_law_index(e, lo, hi):
    """Maximum-likelihood index of dN/dE ∝ E^-g on [lo, hi] (a grid scan)."""
    x = e / lo
    mean_ln = np.mean(np.log(x))
    r = hi / lo
    g = np.arange(1.5, 4.5, 0.0005)
    norm = (r ** (1 - g) - 1) / (1 - g)
    return g[np.argmax(-g * mean_ln - np.log(norm))]


def test_spectral_indices(big_truth):
    e = 10.0 ** big_truth["lgE"]
    knee = 10.0 ** energy.LG_E_KNEE
    below = e[e < knee]
    above = e[e >= knee]
    # Expected share above the knee from the integrals of the two pieces.
    g1, g2 = energy.GAMMA_BELOW_KNEE, energy.GAMMA_ABOVE_KNEE
    i1 = (1 - (1e14 / knee) ** (1 - g1)) / (1 - g1)
    i2 = ((1e18 / knee) ** (1 - g2) - 1) / (1 - g2)
    expected = len(e) * i2 / (i1 + i2)
    assert abs(len(above) - expected) < 4 * math.sqrt(expected)
    g1 = _power_law_index(below, 1e14, knee)
    g2 = _power_law_index(above, knee, 1e18)
    assert abs(g1 - 2.7) < 0.02, g1
    assert abs(g2 - 3.1) < 0.15, g2
    assert e.min() >= 1e14 and e.max() <= 1e18


def test_energy_estimate_resolution(sample):
    cols, truth = sample
    d = cols["E"] - truth["lgE"]
    near_pev = np.abs(truth["lgE"] - 15.0) < 0.2
    assert abs(d[near_pev].mean()) < 0.03
    assert 0.07 < d[near_pev].std() < 0.09
    # The estimator and the size relations stem from different
    # simulations; they must still agree to a few hundredths of a decade.
    assert abs(energy.estimator_bias(6.0)) < 0.02
    assert abs(energy.estimator_bias(5.0)) < 0.06
    assert abs(energy.estimator_bias(9.0)) < 0.15
    low = np.abs(truth["lgE"] - 14.3) < 0.1
    assert d[low].mean() == pytest.approx(energy.estimator_bias(5.3), abs=0.01)


def test_estimator_corrects_zenith():
    # The same shower seen at 40 deg must give the same estimate.
    lg_ne, lg_nmu = 5.0, 4.0
    sec_m1 = 1 / math.cos(math.radians(40)) - 1
    ln10 = math.log(10)
    x0 = showers.X0_G_CM2
    slant_ne = lg_ne - x0 / (showers.LAMBDA_E_G_CM2 * ln10) * sec_m1
    slant_mu = lg_nmu - x0 / (showers.LAMBDA_MU_G_CM2 * ln10) * sec_m1
    c0, c1, c2 = energy.TRUNC_TO_TOTAL_MU
    # The muon conversion depends on the observed Ne, so feed the
    # vertical estimate the muon number it would see at slant.
    shift = (c1 * (slant_ne - lg_ne) + c2 * (slant_ne ** 2 - lg_ne ** 2))
    vertical = energy.estimate_lg_energy(lg_ne, lg_nmu + shift, 0.0)
    assert float(energy.estimate_lg_energy(slant_ne, slant_mu, sec_m1)) == \
        pytest.approx(float(vertical), abs=1e-12)
