"""The KASCADE station model, the run files and the extract code (offline).

The live DataLink service is tested in test_live_kascade_datalink.py.
"""

import io
import json

import h5py
import numpy as np
import pytest

from apdc import kascade_runs, kascade_sim
from apdc import kascade_stations as ks
from converters import kcdc
from converters.kcdc_schema import NAMES
from services import kascade_datalink as kdl


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
    cols = kascade_sim.generate(4000, seed=5, events_per_run=4000)
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
    kcdc.coerce_stations(st, 4000, "sim")


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


def test_write_runs_with_stations_and_root_twins(tmp_path, capsys):
    paths = kascade_sim.write_runs(tmp_path, n_events=1500,
                                   events_per_run=500, seed=3,
                                   station_runs=(2,), twins=("root",))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["station_runs"] == [2]
    assert [f.get("stations", False) for f in manifest["files"]] == [
        False, True, False]
    assert all(f["twins"][0]["name"].endswith(".root")
               for f in manifest["files"])
    ref = kascade_sim.generate(1500, seed=3, events_per_run=500)
    for i, p in enumerate(paths):
        for path in (p, p.replace(".h5", ".root")):
            cols, st = kcdc.read_events(path, stations=True)
            assert np.array_equal(cols["E"], ref["E"][i * 500:(i + 1) * 500])
            assert (st is not None) == (i == 1)
    h5_st = kcdc.read_events(paths[1], stations=True)[1]
    root_st = kcdc.read_events(paths[1].replace(".h5", ".root"),
                               stations=True)[1]
    assert np.array_equal(h5_st["energy_deposit"], root_st["energy_deposit"])
    assert np.array_equal(h5_st["arrival_time"], root_st["arrival_time"],
                          equal_nan=True)
    # same request: nothing rewritten; the twin is checked too
    capsys.readouterr()
    kascade_sim.write_runs(tmp_path, n_events=1500, events_per_run=500,
                           seed=3, station_runs=(2,), twins=("root",))
    assert "wrote" not in capsys.readouterr().err
    (tmp_path / "kascade_sim_run00003.root").unlink()
    kascade_sim.write_runs(tmp_path, n_events=1500, events_per_run=500,
                           seed=3, station_runs=(2,), twins=("root",))
    assert (tmp_path / "kascade_sim_run00003.root").exists()
    # dropping the twins removes them
    kascade_sim.write_runs(tmp_path, n_events=1500, events_per_run=500,
                           seed=3)
    assert not list(tmp_path.glob("*.root"))


def test_write_runs_rejects_stations_in_ascii(tmp_path):
    with pytest.raises(ValueError):
        kascade_sim.write_runs(tmp_path, n_events=10, fmt="txt",
                               station_runs=(1,))


def _measured(tmp_path):
    cols = kascade_sim.generate(40, seed=9, events_per_run=40)
    cols["R"][:] = np.where(np.arange(40) < 25, 7, 3).astype(np.int32)
    cols["EV"][:] = np.random.default_rng(1).permutation(40) + 100
    src = tmp_path / "export.txt"
    kcdc.write_events(src, cols)
    return cols, src


def test_measured_runs_split_by_run_sorted_by_event(tmp_path):
    cols, src = _measured(tmp_path)
    runs = tmp_path / "runs"
    written = kascade_runs.write_measured_runs([src], runs, "kascade",
                                               log=io.StringIO())
    assert [p.name for p in written] == ["kascade_run00003.h5",
                                         "kascade_run00007.h5"]
    for p in written:
        for path in (p, p.with_suffix(".root")):
            got, st = kcdc.read_events(path, stations=True)
            assert st is None
            assert (np.diff(got["EV"]) > 0).all()
            sel = cols["R"] == got["R"][0]
            assert sorted(got["EV"].tolist()) == sorted(
                cols["EV"][sel].tolist())
    mtime = written[0].stat().st_mtime_ns
    kascade_runs.write_measured_runs([src], runs, "kascade",
                                     log=io.StringIO())
    assert written[0].stat().st_mtime_ns == mtime

    table = kascade_runs.runs_table(runs, "kascade", "auth.example",
                                    "http://h:1", "kascade", "KASCADE")
    assert table["run"].tolist() == [3, 7]
    assert table["n_events"].tolist() == [15, 25]
    assert table["n_station_events"].tolist() == [0, 0]
    assert table["run_did"][0] == b"ivo://auth.example/~?kascade/3"
    assert table["hdf5_url"][1] == (
        b"http://h:1/kascade/files/static/kascade_run00007.h5")
    assert (table["t_min"] <= table["t_max"]).all()


def test_datalink_urls():
    dids = np.array([b"ivo://a.b/~?kascade/1000/10013"])
    url = kascade_runs.datalink_urls(dids, "http://h:1", "kascade")[0]
    assert url == (b"http://h:1/kascade/dl/dlmeta?ID=ivo%3A%2F%2Fa.b%2F~%3F"
                   b"kascade%2F1000%2F10013&RESPONSEFORMAT=votable")


def test_parse_did():
    assert kdl.parse_did("ivo://a.b/~?kascade/1000/10013", "a.b",
                         "kascade") == (1000, 10013)
    for bad in ["ivo://a.b/~?kascade_sim/1/2", "ivo://a.b/~?kascade/1",
                "ivo://a.b/~?kascade/1/x", "ivo://other/~?kascade/1/2",
                "ivo://a.b/~?kascade/1/2/3", None]:
        with pytest.raises(kdl.UnknownEvent):
            kdl.parse_did(bad, "a.b", "kascade")


@pytest.fixture(scope="module")
def run_file(tmp_path_factory, sim):
    cols, st = sim
    cols = {k: v[:500] for k, v in cols.items()}
    st = {k: (v[:500] if v.ndim == 2 else v) for k, v in st.items()}
    # shuffled on purpose: the lookup must not rely on the order
    order = np.random.default_rng(2).permutation(500)
    cols = {k: v[order] for k, v in cols.items()}
    st = {k: (v[order] if v.ndim == 2 else v) for k, v in st.items()}
    path = tmp_path_factory.mktemp("runs") / "kascade_sim_run00001.h5"
    kcdc.write_events(path, cols, stations=st)
    return path, cols, st


@pytest.mark.parametrize("fmt", list(kdl.FORMATS))
def test_extract_formats_hold_the_event(run_file, fmt, tmp_path):
    path, cols, st = run_file
    i = 123
    ev = int(cols["EV"][i])
    did = f"ivo://a.b/~?kascade_sim/1/{ev}"
    mime, data = kdl.extract(path, ev, fmt, did)
    assert mime == fmt
    out = tmp_path / ("x" + kdl.FORMATS[fmt][1])
    out.write_bytes(data)
    if fmt == "application/x-votable+xml":
        from astropy.io import votable
        vot = votable.parse(str(out))
        event = vot.get_table_by_index(0).to_table()
        stations = vot.get_table_by_index(1).to_table()
        got = {n: np.asarray(event[n]) for n in NAMES}
        assert event["event_did"][0] == did
        assert np.array_equal(np.asarray(stations["energy_deposit"]),
                              st["energy_deposit"][i])
    else:
        got, got_st = kcdc.read_events(out, stations=True)
        if fmt == "text/plain":
            assert got_st is None
            assert data.startswith(b"# KASCADE event " + did.encode())
        else:
            assert np.array_equal(got_st["energy_deposit"][0],
                                  st["energy_deposit"][i])
            assert np.array_equal(got_st["arrival_time"][0],
                                  st["arrival_time"][i], equal_nan=True)
            assert np.array_equal(got_st["station_id"], st["station_id"])
    for name in NAMES:
        assert np.array_equal(np.asarray(got[name]), cols[name][i:i + 1]), name
    if fmt == "application/x-hdf5":
        with h5py.File(out, "r") as f:
            assert f.attrs["event_did"] == did


def test_extract_unknown_event(run_file):
    path, cols, _ = run_file
    missing = int(cols["EV"].max()) + 1
    with pytest.raises(KeyError):
        kdl.read_event(path, missing)


def test_preview_is_cached_png(run_file, tmp_path):
    path, cols, _ = run_file
    ev = int(cols["EV"][7])
    png = kdl.preview(path, "kascade_sim", 1, ev, f"ivo://a.b/~?kascade_sim/1/"
                      f"{ev}", tmp_path, simulated=True)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    again = kdl.preview(path, "kascade_sim", 1, ev, "x", tmp_path)
    assert again == png and again.read_bytes() == data


def test_summary_only_preview():
    cols = kascade_sim.generate(1, seed=1)
    png = kdl.render_preview(cols, None, "ivo://a.b/~?kascade/1/1")
    assert png[:4] == b"\x89PNG"
