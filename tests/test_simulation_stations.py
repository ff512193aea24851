"""simulation.kascade.stations: the station layout and per-station signals."""

import numpy as np
import pytest

from converters import kcdc_columns, kcdc_quantities
from simulation.kascade import events
from simulation.kascade import stations as ks


def test_layout_is_252_stations_in_16_clusters():
    lay = ks.layout()
    assert len(lay["station_id"]) == ks.N_STATIONS == 252
    assert len(set(lay["station_id"].tolist())) == 252
    counts = np.bincount(lay["cluster"])[1:]
    assert len(counts) == 16
    # the four inner clusters lack the station next to the centre
    assert sorted(counts.tolist()) == [15] * 4 + [16] * 12
    assert np.abs(lay["x"]).max() == pytest.approx(97.5)
    assert np.abs(lay["y"]).max() == pytest.approx(97.5)
    # 13 m grid: every coordinate is an odd multiple of 6.5 m
    assert np.allclose(np.mod(lay["x"] / 6.5, 2), 1)
    r = np.hypot(lay["x"], lay["y"])
    assert r.min() == pytest.approx(np.hypot(6.5, 19.5))
    assert (lay["station_id"] // 100 == lay["cluster"]).all()


@pytest.fixture(scope="module")
def sim():
    cols = events.generate(4000, seed=5, events_per_run=4000)
    return cols, ks.simulate(cols, seed=5, run=1)


def test_simulate_shapes_and_conventions(sim):
    cols, st = sim
    assert st["energy_deposit"].shape == (4000, 252)
    assert st["arrival_time"].dtype == np.float32
    hit = np.isfinite(st["arrival_time"])
    # not hit: deposit 0 and time NaN; hit: deposit > 0
    assert (st["energy_deposit"][~hit] == 0).all()
    assert (st["energy_deposit"][hit] > 0).all()
    assert hit.any(axis=1).mean() > 0.99
    # accepted by the writers' checks
    kcdc_columns.coerce_stations(st, 4000, "sim")


def test_simulate_is_reproducible_and_seeded_per_run(sim):
    cols, st = sim
    part = {k: v[:300] for k, v in cols.items()}
    again = ks.simulate(part, seed=5, run=1)
    assert np.array_equal(again["energy_deposit"],
                          ks.simulate(part, seed=5, run=1)["energy_deposit"])
    other = ks.simulate(part, seed=5, run=2)
    assert not np.array_equal(other["energy_deposit"], again["energy_deposit"])


def test_simulate_physics(sim):
    cols, st = sim
    hit = np.isfinite(st["arrival_time"])
    n_hit = hit.sum(axis=1)
    # bigger showers hit more stations
    big = cols["NE"] > np.quantile(cols["NE"], 0.9)
    small = cols["NE"] < np.quantile(cols["NE"], 0.1)
    assert n_hit[big].mean() > 2 * n_hit[small].mean()
    # deposits fall off with distance from the core
    lay = ks.layout()
    d = np.hypot(lay["x"][None, :] - cols["XC"][:, None],
                 lay["y"][None, :] - cols["YC"][:, None])
    dep = st["energy_deposit"]
    assert dep[d < 20].mean() > 5 * dep[(d > 60) & (d < 100)].mean()
    # the plane front: times follow the projection on the axis
    i = int(np.argmax(n_hit * (cols["ZE"] > 25)))
    nx, ny, _ = (a[i] for a in ks.axis_frame(cols))
    along = ((lay["x"] - cols["XC"][i]) * nx + (lay["y"] - cols["YC"][i]) * ny)
    t = st["arrival_time"][i]
    ok = np.isfinite(t)
    slope = np.polyfit(along[ok], t[ok], 1)[0]
    # (curvature and thickness add delays growing with the distance)
    assert slope == pytest.approx(-1 / ks.SPEED_OF_LIGHT_M_NS, rel=0.25)


def test_quantised_values_keep_13_significant_bits(sim):
    _, st = sim
    bits = st["energy_deposit"].view(np.uint32)
    assert not (bits & ~ks.QUANTISE_MASK).any()


def test_station_arrays_are_the_rd_declared_ones(sim):
    _, st = sim
    declared = {q.name: q for q in kcdc_quantities.array_quantities()}
    assert set(st) == set(declared)
    for name, q in declared.items():
        assert st[name].dtype == q.dtype, name
        assert st[name].ndim == (2 if q.array == "event station" else 1)
