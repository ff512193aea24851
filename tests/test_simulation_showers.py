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
    # correlation (~0.6); for protons, corrected to vertical, it is tight.
    p = truth["A"] == 1
    assert np.corrcoef(lg_ne0[p], truth["lgE"][p])[0, 1] > 0.9
    assert np.corrcoef(cols["NE"], truth["lgE"])[0, 1] > 0.5
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
    att_e, att_mu = showers.attenuation(sec_m1)
    p_ne, p_mu = showers.mean_sizes(lg_e_gev, 1)
    res_ne = cols["NE"] + att_e - p_ne
    res_mu = cols["NMU"] + att_mu - p_mu
    # At 1 PeV iron showers have fewer electrons, more muons.
    fe_ne, fe_mu = showers.mean_sizes(6.0, 56)
    pr_ne, pr_mu = showers.mean_sizes(6.0, 1)
    assert -0.7 < fe_ne - pr_ne < -0.4
    assert 0.1 < fe_mu - pr_mu < 0.3
    near = np.abs(lg_e_gev - 5.3) < 0.2
    exp_ne = showers.mean_sizes(5.3, 56)[0] - showers.mean_sizes(5.3, 1)[0]
    exp_mu = showers.mean_sizes(5.3, 56)[1] - showers.mean_sizes(5.3, 1)[1]
    assert res_ne[fe & near].mean() - res_ne[~fe & near].mean() == \
        pytest.approx(exp_ne, abs=0.02)
    assert res_mu[fe & near].mean() - res_mu[~fe & near].mean() == \
        pytest.approx(exp_mu, abs=0.02)
    assert res_ne[~fe].std() == pytest.approx(showers.SIGMA_LG_NE, rel=0.05)
    assert res_mu[~fe].std() == pytest.approx(showers.SIGMA_LG_NMU, rel=0.05)


def test_mean_sizes_interpolate_in_lg_a():
    ne1, mu1 = showers.mean_sizes(6.0, 1)
    ne56, mu56 = showers.mean_sizes(6.0, 56)
    ne_mid, mu_mid = showers.mean_sizes(6.0, math.sqrt(56))
    assert ne_mid == pytest.approx((ne1 + ne56) / 2)
    assert mu_mid == pytest.approx((mu1 + mu56) / 2)
    assert ne1 == pytest.approx(showers.LG_NE_AT_REF[0])


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
