"""simulation.kascade.runs, .manifest, .generator: the simulated run files."""

import inspect
import json
import os
from pathlib import Path

import numpy as np
import pytest

from converters import kcdc, kcdc_quantities
from converters.context import ImportContext
from simulation.kascade import cli, events, generator, manifest, runs

NAMES = [q.name for q in kcdc_quantities.scalar_quantities()]


class _FakeKcdc:
    """A stand-in writer/reader, so that write_runs' own logic is tested
    apart from the KCDC formats."""

    @staticmethod
    def write_events(path, columns):
        with open(path, "wb") as f:
            np.savez(f, **columns)

    @staticmethod
    def read_events(path):
        with np.load(path) as z:
            return {k: z[k] for k in z.files}


@pytest.fixture
def fake_kcdc(monkeypatch):
    fake = _FakeKcdc()
    monkeypatch.setattr(runs, "write_events", fake.write_events)
    return fake


def _check_round_trip(folder, reader, fmt, capsys):
    paths = runs.write_runs(folder, n_events=2000, events_per_run=500,
                            seed=11, fmt=fmt)
    err = capsys.readouterr().err
    assert len(paths) == 4 and len(err.strip().splitlines()) == 4
    assert [os.path.basename(p) for p in paths] == [
        f"kascade_sim_run{r:05d}.{fmt}" for r in range(1, 5)]
    ref = events.generate(2000, seed=11, events_per_run=500)
    for i, p in enumerate(paths):
        got = reader.read_events(p)
        for name in NAMES:
            want = ref[name][i * 500:(i + 1) * 500]
            assert np.array_equal(np.asarray(got[name]), want), (p, name)
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        written = json.load(f)
    assert written["seed"] == 11 and written["n_events"] == 2000
    assert written["format"] == fmt
    assert written["generator_version"] == events.GENERATOR_VERSION
    assert written["generator"] == "simulation.kascade"
    assert written["description"] == events.DESCRIPTION

    mtimes = [os.stat(p).st_mtime_ns for p in paths]
    again = runs.write_runs(folder, n_events=2000, events_per_run=500,
                            seed=11, fmt=fmt)
    assert again == paths
    assert [os.stat(p).st_mtime_ns for p in paths] == mtimes
    assert "up to date" in capsys.readouterr().err
    return paths


def test_write_runs_logic(tmp_path, fake_kcdc, capsys):
    paths = _check_round_trip(tmp_path, fake_kcdc, "h5", capsys)

    # A different request regenerates and drops runs no longer wanted.
    fewer = runs.write_runs(tmp_path, n_events=900, events_per_run=500,
                            seed=12, fmt="h5")
    assert fewer == paths[:2]
    assert not os.path.exists(paths[2]) and not os.path.exists(paths[3])
    assert np.array_equal(
        fake_kcdc.read_events(fewer[0])["E"],
        events.generate(900, seed=12, events_per_run=500)["E"][:500])
    assert len(fake_kcdc.read_events(fewer[1])["E"]) == 400

    # A damaged file (size differs from the manifest) is rewritten.
    with open(fewer[1], "ab") as f:
        f.write(b"junk")
    capsys.readouterr()
    runs.write_runs(tmp_path, n_events=900, events_per_run=500, seed=12,
                    fmt="h5")
    assert "wrote" in capsys.readouterr().err
    assert len(fake_kcdc.read_events(fewer[1])["E"]) == 400
    assert not [p for p in os.listdir(tmp_path) if "partial" in p]


def test_write_runs_interrupted(tmp_path, fake_kcdc, monkeypatch, capsys):
    good = fake_kcdc.write_events
    calls = []

    def flaky(path, columns):
        calls.append(path)
        if len(calls) == 3:
            good(path, columns)          # half-written file left behind
            raise OSError("disk full")
        good(path, columns)

    monkeypatch.setattr(runs, "write_events", flaky)
    with pytest.raises(OSError):
        runs.write_runs(tmp_path, n_events=2000, events_per_run=500, seed=3)
    assert not (tmp_path / "manifest.json").exists()
    assert any(".partial" in p for p in os.listdir(tmp_path))

    monkeypatch.setattr(runs, "write_events", good)
    paths = runs.write_runs(tmp_path, n_events=2000, events_per_run=500,
                            seed=3)
    assert len(capsys.readouterr().err.strip().splitlines()) >= 4
    assert sorted(os.listdir(tmp_path)) == sorted(
        [os.path.basename(p) for p in paths] + ["manifest.json"])


def test_manifest_of_the_previous_module_name_is_adopted(tmp_path, fake_kcdc,
                                                         capsys):
    paths = runs.write_runs(tmp_path, n_events=1000, events_per_run=500,
                            seed=4)
    path = tmp_path / "manifest.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    old["generator"] = "apdc.kascade_sim"
    old["description"] = "produced by the apdc.kascade_sim generator"
    path.write_text(json.dumps(old))
    mtimes = [os.stat(p).st_mtime_ns for p in paths]
    capsys.readouterr()
    runs.write_runs(tmp_path, n_events=1000, events_per_run=500, seed=4)
    assert "wrote" not in capsys.readouterr().err
    assert [os.stat(p).st_mtime_ns for p in paths] == mtimes
    adopted = json.loads(path.read_text(encoding="utf-8"))
    assert adopted["generator"] == events.GENERATOR_NAME
    assert adopted["description"] == events.DESCRIPTION
    assert adopted["files"] == old["files"]
    # an unknown generator's manifest vouches for nothing
    path.write_text(json.dumps(dict(old, generator="someone.else")))
    runs.write_runs(tmp_path, n_events=1000, events_per_run=500, seed=4)
    assert "wrote" in capsys.readouterr().err


def test_write_runs_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        runs.write_runs(tmp_path, n_events=10, fmt="fits")
    with pytest.raises(ValueError):
        runs.write_runs(tmp_path, n_events=10, twins=("fits",))


def test_write_runs_rejects_stations_in_ascii(tmp_path):
    with pytest.raises(ValueError):
        runs.write_runs(tmp_path, n_events=10, fmt="txt", station_runs=(1,))


@pytest.mark.parametrize("fmt", ["h5", "root", "txt"])
def test_write_runs_real_converters(tmp_path, capsys, fmt):
    _check_round_trip(tmp_path, kcdc, fmt, capsys)


def test_write_runs_with_stations_and_root_twins(tmp_path, capsys):
    paths = runs.write_runs(tmp_path, n_events=1500, events_per_run=500,
                            seed=3, station_runs=(2,), twins=("root",))
    written = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert written["station_runs"] == [2]
    assert [f.get("stations", False) for f in written["files"]] == [
        False, True, False]
    assert all(f["twins"][0]["name"].endswith(".root")
               for f in written["files"])
    for f in manifest.listed_files(written):
        assert f["sha256"] == manifest.sha256_of(tmp_path / f["name"])
    ref = events.generate(1500, seed=3, events_per_run=500)
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
    runs.write_runs(tmp_path, n_events=1500, events_per_run=500,
                    seed=3, station_runs=(2,), twins=("root",))
    assert "wrote" not in capsys.readouterr().err
    (tmp_path / "kascade_sim_run00003.root").unlink()
    runs.write_runs(tmp_path, n_events=1500, events_per_run=500,
                    seed=3, station_runs=(2,), twins=("root",))
    assert (tmp_path / "kascade_sim_run00003.root").exists()
    # dropping the twins removes them
    runs.write_runs(tmp_path, n_events=1500, events_per_run=500, seed=3)
    assert not list(tmp_path.glob("*.root"))


def test_generator_entry_writes_runs_into_data_runs(tmp_path, capsys):
    ctx = ImportContext("kascade_sim", tmp_path / "data")
    # files of the layout before data/runs are removed
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kascade_sim_run00001.h5").write_bytes(b"old")
    (tmp_path / "data" / "manifest.json").write_text("{}")
    paths = generator.generate_runs(ctx, seed=5, n_events=1200,
                                    events_per_run=500, station_runs=[1],
                                    twins=["root"])
    assert [Path(p).parent for p in paths] == [tmp_path / "data" / "runs"] * 3
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["runs"]
    written = json.loads((tmp_path / "data/runs/manifest.json").read_text(encoding="utf-8"))
    assert written["seed"] == 5 and written["station_runs"] == [1]
    assert written["twins"] == ["root"]
    # idempotent: nothing is written the second time
    capsys.readouterr()
    assert generator.generate_runs(ctx, seed=5, n_events=1200,
                                   events_per_run=500, station_runs=[1],
                                   twins=["root"]) == paths
    assert "wrote" not in capsys.readouterr().err


def test_generator_defaults_are_the_served_data():
    sig = inspect.signature(generator.generate_runs)
    assert sig.parameters["seed"].default == events.DEFAULT_SEED == 20260101
    assert sig.parameters["n_events"].default == 1_000_000
    assert sig.parameters["events_per_run"].default == 100_000


def test_resource_manifest_names_this_generator():
    path = Path(__file__).resolve().parents[1] / "resources/kascade_sim"
    entry = json.loads((path / "dataset.json").read_text(encoding="utf-8"))["generator"]
    assert entry["function"] == "simulation.kascade.generator:generate_runs"
    assert entry["seed"] == events.DEFAULT_SEED
    params = inspect.signature(generator.generate_runs).parameters
    assert set(entry.get("options", {})) <= set(params) - {"ctx", "seed"}


def test_command_line(tmp_path, capsys):
    assert cli.main([str(tmp_path), "--n-events", "120", "--events-per-run",
                     "50", "--format", "txt", "--seed", "2"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kascade_sim_run00001.txt", "kascade_sim_run00002.txt",
        "kascade_sim_run00003.txt", "manifest.json"]
    got = kcdc.read_events(tmp_path / "kascade_sim_run00003.txt")
    ref = events.generate(120, seed=2, events_per_run=50)
    assert np.array_equal(got["E"], ref["E"][100:])
