"""The Tunka-Rex event-summary format: the generator writes it, the
readers read it back, and bad input is an error naming file and field."""

import shutil

import h5py
import numpy as np
import pytest

from converters import kcdc, kcdc_quantities, rdschema
from converters.context import ImportContext
from converters.errors import E02, E04, E06, E07, E09, E10
from converters.kascade import runs
from converters.tunka_rex import antennas, events, files
from simulation.tunka_rex import events as simulated
from simulation.tunka_rex.generator import generate_runs

N, PER_RUN, SEED = 3000, 1000, 99


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    data = tmp_path_factory.mktemp("tunka_rex_data")
    paths = generate_runs(ImportContext("tunka_rex", data), seed=SEED,
                          n_events=N, events_per_run=PER_RUN)
    return data, paths


def _ctx(data, table):
    return ImportContext("tunka_rex", data, table=table)


def _copy(written, tmp_path):
    """A private copy of the data folder, to damage."""
    data = tmp_path / "data"
    shutil.copytree(written[0], data)
    return data, sorted((data / "runs").glob("*.h5"))


def test_round_trip_events(written):
    data, paths = written
    cols = events.events_table(_ctx(data, "events"))
    spec = rdschema.table("tunka_rex", "events")
    assert list(cols) == list(spec.names)
    truth, _, _ = simulated.generate(N, SEED, events_per_run=PER_RUN)
    np.testing.assert_array_equal(cols["energy"], truth["E"])
    np.testing.assert_array_equal(cols["zenith"], truth["ZE"])
    np.testing.assert_allclose(cols["x_max"], truth["XMAX"], rtol=1e-6)
    np.testing.assert_array_equal(cols["n_antennas"], truth["NANT"])
    assert cols["simulated"].all()
    assert np.ma.getmaskarray(cols["host_xmax"]).sum() == \
        (truth["HOST"] == 2).sum()
    assert cols["event_did"][0] == b"ivo://astroparticle.vo/~?tunka_rex/1/1"
    assert (cols["dec"] > 51.81 - 50.01).all()  # zenith <= 50 at the site
    assert len(paths) == N // PER_RUN


def test_round_trip_antennas_and_root_twin(written):
    data, paths = written
    ant = antennas.antennas_table(_ctx(data, "antennas"))
    ev = events.events_table(_ctx(data, "events"))
    assert list(ant) == list(rdschema.table("tunka_rex", "antennas").names)
    assert len(ant["event_did"]) == int(ev["n_antennas"].sum())
    first = ant["event_did"] == ev["event_did"][0]
    assert first.sum() == ev["n_antennas"][0]
    qs = kcdc_quantities.quantities("tunka_rex", "events")
    h5, h5_st = kcdc.read_events(paths[0], stations=True, quantities=qs)
    root, root_st = kcdc.read_events(paths[0].with_suffix(".root"),
                                     stations=True, quantities=qs)
    for key in h5:
        np.testing.assert_array_equal(h5[key], root[key])
    np.testing.assert_array_equal(h5_st["peak_amplitude"],
                                  root_st["peak_amplitude"])


def test_runs_table_counts_antenna_events(written):
    data, _ = written
    table = runs.runs_table(_ctx(data, "runs"))
    assert list(table["n_events"]) == [PER_RUN] * (N // PER_RUN)
    assert list(table["n_station_events"]) == [PER_RUN] * (N // PER_RUN)
    assert b"simulated, not Tunka-Rex measurements" in table["title"][0]


def test_generator_provenance_and_idempotency(written):
    data, paths = written
    with h5py.File(paths[0], "r") as f:
        assert f.attrs["simulated"] and f.attrs["seed"] == SEED
        assert f.attrs["generator_version"] == simulated.GENERATOR_VERSION
    mtime = paths[0].stat().st_mtime_ns
    generate_runs(ImportContext("tunka_rex", data), seed=SEED, n_events=N,
                  events_per_run=PER_RUN)
    assert paths[0].stat().st_mtime_ns == mtime


def test_measured_file_in_simulated_resource_is_e10(written, tmp_path):
    data, paths = _copy(written, tmp_path)
    with h5py.File(paths[1], "a") as f:
        del f.attrs["simulated"]
    with pytest.raises(E10) as exc:
        events.events_table(_ctx(data, "events"))
    assert exc.value.path == str(paths[1])
    assert exc.value.field == "simulated"


def test_missing_quantity_is_e04(written, tmp_path):
    data, paths = _copy(written, tmp_path)
    with h5py.File(paths[2], "a") as f:
        del f["events/XMAX"]
    with pytest.raises(E04) as exc:
        events.events_table(_ctx(data, "events"))
    assert (exc.value.path, exc.value.field) == (str(paths[2]), "XMAX")


def test_zenith_out_of_range_is_e06_with_row(written, tmp_path):
    data, paths = _copy(written, tmp_path)
    with h5py.File(paths[0], "a") as f:
        f["events/ZE"][6] = 95.0
    with pytest.raises(E06) as exc:
        events.events_table(_ctx(data, "events"))
    assert (exc.value.path, exc.value.row, exc.value.field) == (
        str(paths[0]), 7, "ZE")


def test_signal_without_snr_is_e07(written, tmp_path):
    data, paths = _copy(written, tmp_path)
    with h5py.File(paths[0], "a") as f:
        amp = f["events/peak_amplitude"][3]
        snr = f["events/snr"][3]
        snr[np.flatnonzero(np.isfinite(amp))[0]] = np.nan
        f["events/snr"][3] = snr
    with pytest.raises(E07) as exc:
        antennas.antennas_table(_ctx(data, "antennas"))
    assert (exc.value.path, exc.value.row, exc.value.field) == (
        str(paths[0]), 4, "snr")


def test_truncated_file_is_e02(written, tmp_path):
    data, paths = _copy(written, tmp_path)
    paths[0].write_bytes(paths[0].read_bytes()[:4000])
    with pytest.raises(E02) as exc:
        events.events_table(_ctx(data, "events"))
    assert exc.value.path == str(paths[0])


def test_no_run_files_is_e09(tmp_path):
    with pytest.raises(E09, match="Tunka-Rex event-summary"):
        files.input_files(ImportContext("tunka_rex", tmp_path))


@pytest.fixture
def measured_rd(tmp_path):
    """A copy of the project's RDs with a measured Tunka-Rex resource
    (what real Tunka-Rex Virtual Observatory files would go into)."""
    rd_dir = tmp_path / "rd"
    shutil.copytree(rdschema.RD_DIR, rd_dir)
    text = (rd_dir / "tunka_rex.rd").read_text(encoding="utf-8")
    text = text.replace('schema="tunka_rex"', 'schema="tunka_rex_real"')
    text = text.replace('<property name="simulated">True</property>',
                        '<property name="simulated">False</property>')
    (rd_dir / "tunka_rex_real.rd").write_text(text, encoding="utf-8")
    return rd_dir


def test_real_files_slot_into_a_measured_resource(written, tmp_path,
                                                  measured_rd):
    data, paths = _copy(written, tmp_path)
    for path in paths:  # real files carry no "simulated" declaration
        path.rename(path.with_name(path.name.replace("tunka_rex",
                                                     "tunka_rex_real")))
    renamed = sorted((data / "runs").glob("*.h5"))
    for path in renamed:
        with h5py.File(path, "a") as f:
            for key in list(f.attrs):
                if key not in ("format", "format_version"):
                    del f.attrs[key]
    ctx = ImportContext("tunka_rex_real", data, table="events")
    cols = events.read_table(ctx, rd_dir=measured_rd)
    assert len(cols["event_did"]) == N and not cols["simulated"].any()
    assert cols["event_did"][0].startswith(
        b"ivo://astroparticle.vo/~?tunka_rex_real/1/")
    # a simulated file among the real ones is refused
    with h5py.File(renamed[1], "a") as f:
        f.attrs["simulated"] = True
    with pytest.raises(E10) as exc:
        events.read_table(ctx, rd_dir=measured_rd)
    assert exc.value.path == str(renamed[1])
    assert "declares simulated data" in exc.value.message
