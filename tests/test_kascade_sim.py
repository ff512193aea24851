"""Tests of the KASCADE-like event simulation (apdc.kascade_sim)."""

import datetime
import json
import math
import os
import sys
import types

import numpy as np
import pytest
from scipy import stats

from apdc import kascade_sim as ks
from converters import kcdc
from converters.kcdc_schema import NAMES, QUANTITIES, RANGES

N = 100_000
SEED = 424242


@pytest.fixture(scope="module")
def sample():
    return ks.generate(N, seed=SEED, events_per_run=30_000, return_truth=True)


@pytest.fixture(scope="module")
def big_truth():
    # Only ~0.15 % of events lie above the knee; a million gives ~1500
    # of them, enough to pin the upper index to about +-0.05.
    return ks.generate(1_000_000, seed=SEED + 1, return_truth=True)[1]


def _power_law_index(e, lo, hi):
    """Maximum-likelihood index of dN/dE ∝ E^-g on [lo, hi] (a grid scan)."""
    x = e / lo
    mean_ln = np.mean(np.log(x))
    r = hi / lo
    g = np.arange(1.5, 4.5, 0.0005)
    norm = (r ** (1 - g) - 1) / (1 - g)
    return g[np.argmax(-g * mean_ln - np.log(norm))]


def test_same_seed_identical():
    a = ks.generate(20_000, seed=7)
    b = ks.generate(20_000, seed=7)
    assert list(a) == list(b)
    for name in a:
        assert a[name].dtype == b[name].dtype
        assert np.array_equal(a[name], b[name]), name


def test_different_seed_differs():
    a = ks.generate(20_000, seed=7)
    b = ks.generate(20_000, seed=8)
    # Run bookkeeping is seed-independent; every physical quantity is not.
    for name in set(NAMES) - {"R", "EV"}:
        assert not np.array_equal(a[name], b[name]), name


def test_layout_matches_schema(sample):
    cols, _ = sample
    assert tuple(cols) == NAMES
    for name, (dtype, _unit, _doc) in QUANTITIES.items():
        assert cols[name].dtype == np.dtype(dtype), name
        assert cols[name].shape == (N,), name


def test_no_nan_and_ranges(sample):
    cols, _ = sample
    for name, arr in cols.items():
        if arr.dtype.kind == "f":
            assert np.all(np.isfinite(arr)), name
    for name, (lo, hi) in RANGES.items():
        assert cols[name].min() >= lo and cols[name].max() <= hi, name
    assert cols["ZE"].max() <= ks.ZENITH_MAX_DEG
    assert np.all(np.hypot(cols["XC"], cols["YC"]) < ks.FIDUCIAL_RADIUS_M)
    assert cols["AGE"].min() >= ks.AGE_MIN and cols["AGE"].max() <= ks.AGE_MAX
    assert cols["AZ"].max() < 360.0


def test_zero_events():
    cols = ks.generate(0)
    assert tuple(cols) == NAMES
    assert all(len(v) == 0 for v in cols.values())


def test_bad_arguments():
    with pytest.raises(ValueError):
        ks.generate(-1)
    with pytest.raises(ValueError):
        ks.generate(10, days=0)
    with pytest.raises(ValueError):
        ks.generate(10, events_per_run=0)


def test_zenith_follows_flat_array_acceptance(sample):
    cols, _ = sample
    c2 = np.cos(np.radians(cols["ZE"])) ** 2
    c2min = math.cos(math.radians(ks.ZENITH_MAX_DEG)) ** 2
    assert stats.kstest(c2, "uniform", args=(c2min, 1 - c2min)).pvalue > 1e-3
    # An isotropic flux without the cos(theta) projection would give
    # cos(theta) uniform instead; the test must be able to tell.
    cmin = math.sqrt(c2min)
    assert stats.kstest(np.sqrt(c2), "uniform",
                        args=(cmin, 1 - cmin)).pvalue < 1e-6


def test_zenith_histogram(sample):
    # Same check without scipy: dN/dtheta ∝ sin(theta) cos(theta).
    cols, _ = sample
    edges = np.radians(np.linspace(0, ks.ZENITH_MAX_DEG, 22))
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


def test_spectral_indices(big_truth):
    e = 10.0 ** big_truth["lgE"]
    knee = 10.0 ** ks.LG_E_KNEE
    below = e[e < knee]
    above = e[e >= knee]
    # Expected share above the knee from the integrals of the two pieces.
    g1, g2 = ks.GAMMA_BELOW_KNEE, ks.GAMMA_ABOVE_KNEE
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
    assert abs(ks.estimator_bias(6.0)) < 0.02
    assert abs(ks.estimator_bias(5.0)) < 0.06
    assert abs(ks.estimator_bias(9.0)) < 0.15
    low = np.abs(truth["lgE"] - 14.3) < 0.1
    assert d[low].mean() == pytest.approx(ks.estimator_bias(5.3), abs=0.01)


def test_estimator_corrects_zenith():
    # The same shower seen at 40 deg must give the same estimate.
    lg_ne, lg_nmu = 5.0, 4.0
    sec_m1 = 1 / math.cos(math.radians(40)) - 1
    ln10 = math.log(10)
    slant_ne = lg_ne - ks.X0_G_CM2 / (ks.LAMBDA_E_G_CM2 * ln10) * sec_m1
    slant_mu = lg_nmu - ks.X0_G_CM2 / (ks.LAMBDA_MU_G_CM2 * ln10) * sec_m1
    c0, c1, c2 = ks.TRUNC_TO_TOTAL_MU
    # The muon conversion depends on the observed Ne, so feed the
    # vertical estimate the muon number it would see at slant.
    shift = (c1 * (slant_ne - lg_ne) + c2 * (slant_ne ** 2 - lg_ne ** 2))
    vertical = ks.estimate_lg_energy(lg_ne, lg_nmu + shift, 0.0)
    assert float(ks.estimate_lg_energy(slant_ne, slant_mu, sec_m1)) == \
        pytest.approx(float(vertical), abs=1e-12)


def test_sizes_grow_with_energy(sample):
    cols, truth = sample
    sec_m1 = 1 / np.cos(np.radians(cols["ZE"])) - 1
    lg_ne0 = cols["NE"] + ks.X0_G_CM2 / (
        ks.LAMBDA_E_G_CM2 * math.log(10)) * sec_m1
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
    res_ne = cols["NE"] + ks.X0_G_CM2 / (ks.LAMBDA_E_G_CM2 * ln10) * sec_m1 \
        - (ks.LG_NE_A + ks.LG_NE_B * lg_e_gev)
    res_mu = cols["NMU"] + ks.X0_G_CM2 / (ks.LAMBDA_MU_G_CM2 * ln10) * sec_m1 \
        - (ks.LG_NMU_A + ks.LG_NMU_B * lg_e_gev)
    lg56 = math.log10(56)
    assert res_ne[fe].mean() - res_ne[~fe].mean() == pytest.approx(
        ks.NE_MASS_EXPONENT * lg56, abs=0.01)
    assert res_mu[fe].mean() - res_mu[~fe].mean() == pytest.approx(
        ks.NMU_MASS_EXPONENT * lg56, abs=0.01)
    assert res_ne[~fe].std() == pytest.approx(ks.SIGMA_LG_NE, rel=0.05)


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


def test_times_sorted_and_calendar_fields(sample):
    cols, _ = sample
    t_ns = cols["GT"] * 1_000_000_000 + cols["MT"]
    assert np.all(np.diff(t_ns) >= 0)
    start = int(datetime.datetime(1998, 1, 1, tzinfo=datetime.timezone.utc)
                .timestamp())
    assert cols["GT"][0] >= start
    assert cols["GT"][-1] < start + 365 * 5 * 86400
    # An independent implementation for every event.
    for gt, ymd, hms in zip(cols["GT"].tolist(), cols["YMD"].tolist(),
                            cols["HMS"].tolist()):
        d = datetime.datetime.fromtimestamp(gt, datetime.timezone.utc)
        assert ymd == d.year * 10000 + d.month * 100 + d.day
        assert hms == d.hour * 10000 + d.minute * 100 + d.second


def test_calendar_fields_before_epoch():
    cols = ks.generate(2000, start="1969-12-25", days=14)
    for gt, ymd, hms in zip(cols["GT"].tolist(), cols["YMD"].tolist(),
                            cols["HMS"].tolist()):
        d = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=gt)
        assert (ymd, hms) == (int(d.strftime("%Y%m%d")),
                              int(d.strftime("%H%M%S")))


def test_event_rate_is_poissonian(sample):
    cols, _ = sample
    gaps = np.diff(cols["GT"] + cols["MT"] * 1e-9)
    # Exponential gaps: standard deviation equals the mean.
    assert gaps.std() / gaps.mean() == pytest.approx(1.0, abs=0.03)


def test_weather(sample):
    cols, _ = sample
    month = cols["YMD"] // 100 % 100
    assert cols["T"][month == 7].mean() - cols["T"][month == 1].mean() > 10
    assert cols["P"].mean() == pytest.approx(1005, abs=3)
    assert 4 < cols["P"].std() < 12
    # Weather drifts: consecutive events (minutes apart) agree closely.
    assert np.abs(np.diff(cols["P"])).mean() < 1.0


def test_runs_and_event_numbers(sample):
    cols, _ = sample
    keys = cols["R"].astype(np.int64) * 10**9 + cols["EV"]
    assert len(np.unique(keys)) == N
    assert cols["R"].min() == 1 and cols["R"].max() == 4
    assert np.all(np.diff(cols["R"]) >= 0)
    for r in range(1, 5):
        ev = cols["EV"][cols["R"] == r]
        assert np.array_equal(ev, np.arange(1, len(ev) + 1))
    assert np.count_nonzero(cols["R"] == 4) == N - 3 * 30_000


def test_metadata():
    assert "SIMULATED" in ks.DESCRIPTION
    assert "NOT KASCADE measurements" in ks.DESCRIPTION
    assert ks.GENERATOR_VERSION.count(".") == 2


def _fake_kcdc(monkeypatch):
    """A stand-in writer/reader, so that write_runs' own logic is tested
    whether or not converters.kcdc exists yet."""
    mod = types.ModuleType("converters.kcdc")

    def write_events(path, columns):
        with open(path, "wb") as f:
            np.savez(f, **columns)

    def read_events(path):
        with np.load(path) as z:
            return {k: z[k] for k in z.files}

    mod.write_events, mod.read_events = write_events, read_events
    monkeypatch.setitem(sys.modules, "converters.kcdc", mod)
    return mod


def _check_round_trip(folder, kcdc, fmt, capsys):
    paths = ks.write_runs(folder, n_events=2000, events_per_run=500,
                          seed=11, fmt=fmt)
    err = capsys.readouterr().err
    assert len(paths) == 4 and len(err.strip().splitlines()) == 4
    assert [os.path.basename(p) for p in paths] == [
        f"kascade_sim_run{r:05d}.{fmt}" for r in range(1, 5)]
    ref = ks.generate(2000, seed=11, events_per_run=500)
    for i, p in enumerate(paths):
        got = kcdc.read_events(p)
        for name in NAMES:
            want = ref[name][i * 500:(i + 1) * 500]
            assert np.array_equal(np.asarray(got[name]), want), (p, name)
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    assert manifest["seed"] == 11 and manifest["n_events"] == 2000
    assert manifest["format"] == fmt
    assert manifest["generator_version"] == ks.GENERATOR_VERSION
    assert manifest["generator"] == "apdc.kascade_sim"

    mtimes = [os.stat(p).st_mtime_ns for p in paths]
    again = ks.write_runs(folder, n_events=2000, events_per_run=500,
                          seed=11, fmt=fmt)
    assert again == paths
    assert [os.stat(p).st_mtime_ns for p in paths] == mtimes
    assert "up to date" in capsys.readouterr().err
    return paths


def test_write_runs_logic(tmp_path, monkeypatch, capsys):
    kcdc = _fake_kcdc(monkeypatch)
    paths = _check_round_trip(tmp_path, kcdc, "h5", capsys)

    # A different request regenerates and drops runs no longer wanted.
    fewer = ks.write_runs(tmp_path, n_events=900, events_per_run=500,
                          seed=12, fmt="h5")
    assert fewer == paths[:2]
    assert not os.path.exists(paths[2]) and not os.path.exists(paths[3])
    assert np.array_equal(kcdc.read_events(fewer[0])["E"],
                          ks.generate(900, seed=12, events_per_run=500)["E"][:500])
    assert len(kcdc.read_events(fewer[1])["E"]) == 400

    # A damaged file (size differs from the manifest) is rewritten.
    with open(fewer[1], "ab") as f:
        f.write(b"junk")
    capsys.readouterr()
    ks.write_runs(tmp_path, n_events=900, events_per_run=500, seed=12,
                  fmt="h5")
    assert "wrote" in capsys.readouterr().err
    assert len(kcdc.read_events(fewer[1])["E"]) == 400
    assert not [p for p in os.listdir(tmp_path) if "partial" in p]


def test_write_runs_interrupted(tmp_path, monkeypatch, capsys):
    kcdc = _fake_kcdc(monkeypatch)
    good = kcdc.write_events
    calls = []

    def flaky(path, columns):
        calls.append(path)
        if len(calls) == 3:
            good(path, columns)          # half-written file left behind
            raise OSError("disk full")
        good(path, columns)

    kcdc.write_events = flaky
    with pytest.raises(OSError):
        ks.write_runs(tmp_path, n_events=2000, events_per_run=500, seed=3)
    assert not (tmp_path / "manifest.json").exists()
    assert any(".partial" in p for p in os.listdir(tmp_path))

    kcdc.write_events = good
    paths = ks.write_runs(tmp_path, n_events=2000, events_per_run=500,
                          seed=3)
    assert len(capsys.readouterr().err.strip().splitlines()) >= 4
    assert sorted(os.listdir(tmp_path)) == sorted(
        [os.path.basename(p) for p in paths] + ["manifest.json"])


def test_write_runs_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        ks.write_runs(tmp_path, n_events=10, fmt="fits")


@pytest.mark.parametrize("fmt", ["h5", "root", "txt"])
def test_write_runs_real_converters(tmp_path, capsys, fmt):
    _check_round_trip(tmp_path, kcdc, fmt, capsys)
