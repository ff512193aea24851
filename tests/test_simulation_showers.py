"""simulation.kascade.showers: direction, core, sizes, age, hadrons."""

import math

import numpy as np
import pytest
from scipy import stats

from simulation.kascade import showers
from tests.simulation_sample import N, sample  # noqa: F401


def test_zenith_follows_flat_array_acceptance(sample):
    cols, _ = sample
    c2 = np.cos(np.radians(cols["ZE"])) ** 2
    c2min = math.cos(math.radians(showers.ZENITH_MAX_DEG)) ** 2
    assert stats.kstest(c2, "uniform", args=(c2min, 1 - c2min)).pvalue > 1e-3
    # An isotropic flux without the cos(theta) projection would give
    # cos(theta) uniform instead; the test must be able to tell.
    cmin = math.sqrt(c2min)
    assert stats.kstest(np.sqrt(c2), "uniform",
                        args=(cmin, 1 - cmin)).pvalue < 1e-6


def test_zenith_histogram(sample):
    # Same check without scipy: dN/dtheta ∝ sin(theta) cos(theta).
    cols, _ = sample
    edges = np.radians(np.linspace(0, showers.ZENITH_MAX_DEG, 22))
    counts, _ = np.histogram(np.radians(cols["ZE"]), edges)
    cdf = np.sin(edges) ** 2
    expected = N * np.diff(cdf) / cdf[-1]
    chi2 = np.sum((counts - expected) ** 2 / expected)
    assert chi2 / len(counts) < 2.5


def test_azimuth_uniform(sample):
    cols, _ = sample
    counts, _ = np.histogram(cols["AZ"], np.linspace(0, 360, 37))
    expected = N / 36
    assert np.sum((counts - expected) ** 2 / expected) / 36 < 2.5


def test_sizes_grow_with_energy(sample):
    cols, truth = sample
    sec_m1 = 1 / np.cos(np.radians(cols["ZE"])) - 1
    lg_ne0 = cols["NE"] + showers.X0_G_CM2 / (
        showers.LAMBDA_E_G_CM2 * math.log(10)) * sec_m1
    # Zenith attenuation and the mass mixture dilute the raw column's
    # correlation (~0.7); for protons, corrected to vertical, it is tight.
    p = truth["A"] == 1
    assert np.corrcoef(lg_ne0[p], truth["lgE"][p])[0, 1] > 0.9
    assert np.corrcoef(cols["NE"], truth["lgE"])[0, 1] > 0.6
    assert np.corrcoef(cols["NMU"], truth["lgE"])[0, 1] > 0.6
    bins = np.digitize(truth["lgE"], [14.25, 14.5, 14.75, 15.0, 15.5])
    means = [cols["NE"][bins == i].mean() for i in range(6)]
    assert np.all(np.diff(means) > 0)


def test_mass_shifts_sizes(sample):
    cols, truth = sample
    fe = truth["A"] == 56
    assert 0.45 < fe.mean() < 0.55
    lg_e_gev = truth["lgE"] - 9
    sec_m1 = 1 / np.cos(np.radians(cols["ZE"])) - 1
    ln10 = math.log(10)
    x0 = showers.X0_G_CM2
    res_ne = cols["NE"] + x0 / (showers.LAMBDA_E_G_CM2 * ln10) * sec_m1 \
        - (showers.LG_NE_A + showers.LG_NE_B * lg_e_gev)
    res_mu = cols["NMU"] + x0 / (showers.LAMBDA_MU_G_CM2 * ln10) * sec_m1 \
        - (showers.LG_NMU_A + showers.LG_NMU_B * lg_e_gev)
    lg56 = math.log10(56)
    assert res_ne[fe].mean() - res_ne[~fe].mean() == pytest.approx(
        showers.NE_MASS_EXPONENT * lg56, abs=0.01)
    assert res_mu[fe].mean() - res_mu[~fe].mean() == pytest.approx(
        showers.NMU_MASS_EXPONENT * lg56, abs=0.01)
    assert res_ne[~fe].std() == pytest.approx(showers.SIGMA_LG_NE, rel=0.05)


def test_age_grows_with_zenith(sample):
    cols, _ = sample
    ze = cols["ZE"]
    assert cols["AGE"][ze > 35].mean() > cols["AGE"][ze < 15].mean() + 0.02


def test_hadrons(sample):
    cols, _ = sample
    missing = cols["NHAD"] == -1
    assert 0.67 < missing.mean() < 0.73
    assert np.array_equal(missing, cols["ESUMHAD"] == -1.0)
    assert cols["NHAD"][~missing].min() >= 1
    assert cols["ESUMHAD"][~missing].min() > 0
    assert np.corrcoef(np.log10(cols["ESUMHAD"][~missing]),
                       cols["E"][~missing])[0, 1] > 0.6
