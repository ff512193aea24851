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
    # The size relations are made consistent with the estimator, for
    # the mixed composition at every energy and within 0.02 dex for
    # either mass.
    for lg_e_gev in (5.0, 6.0, 7.0, 9.0):
        assert abs(energy.estimator_bias(lg_e_gev)) < 0.005
    for a in energy.MASS_NUMBERS:
        lg_ne, lg_nmu = showers.mean_sizes(6.0, a)
        est = float(energy.estimate_lg_energy(lg_ne, lg_nmu, 0.0))
        assert abs(est - 6.0) < 0.02, a
    for a in energy.MASS_NUMBERS:
        sel = (truth["A"] == a) & near_pev
        assert abs(d[sel].mean()) < 0.03, a


def test_estimator_formula():
    # lg(E/GeV) = 0.31 lg Ne + 0.67 lg Nmu + 1.24 sec + 0.58.
    sec_m1 = 1 / math.cos(math.radians(30)) - 1
    got = float(energy.estimate_lg_energy(5.0, 4.0, sec_m1))
    assert got == pytest.approx(0.31 * 5 + 0.67 * 4
                                + 1.24 / math.cos(math.radians(30)) + 0.58)


def test_estimator_nearly_independent_of_zenith():
    # The mean shower seen at 40 deg gives about the vertical estimate
    # (0.03 dex higher: the estimator's zenith term against KASCADE's
    # attenuation lengths).
    lg_ne, lg_nmu = showers.mean_sizes(6.0, 1)
    sec_m1 = 1 / math.cos(math.radians(40)) - 1
    att_e, att_mu = showers.attenuation(sec_m1)
    slant = float(energy.estimate_lg_energy(lg_ne - att_e, lg_nmu - att_mu,
                                            sec_m1))
    vertical = float(energy.estimate_lg_energy(lg_ne, lg_nmu, 0.0))
    assert 0.0 < slant - vertical < 0.04


def test_energy_range_option():
    rng = np.random.default_rng(3)
    for lo, hi in ((14.0, 15.0), (15.0, 16.5), (15.8, 16.0)):
        lg = energy.sample_lg_energy(rng, 20_000, lo, hi)
        assert lg.min() >= lo and lg.max() <= hi
    # Below the knee only: the index is the lower one.
    e = 10.0 ** energy.sample_lg_energy(rng, 200_000, 14.0, 15.0)
    assert abs(_power_law_index(e, 1e14, 1e15) - 2.7) < 0.02
