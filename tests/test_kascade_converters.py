"""The KASCADE table converters and the quantity description from the RD.

* the converters' output keys are exactly the RD's columns (kascade and
  kascade_sim, events and runs);
* docs/kcdc_formats.md lists the quantities the RD declares;
* an optional quantity that an export lacks is NULL, a missing required
  one is E04 naming file and quantity (ASCII, HDF5, ROOT);
* a new observable declared in a copy of the RD is read and written in
  all three layouts without a Python edit.
"""

import shutil
from pathlib import Path

import h5py
import numpy as np
import pytest

from apdc.products import kascade as kascade_products
from converters import kcdc, kcdc_quantities, rdschema
from converters.context import ImportContext
from converters.errors import E04, E09
from converters.kascade import events as kascade_events
from converters.kascade import runs as kascade_runs
from exporters.kcdc import write_events

PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMPLE = "kascade/kcdc_example_1998-07-02.txt"
NEW_COLUMN = '''
    <column name="log_nmu_grande" type="real" ucd="meta.number;phys.particle"
      unit="" tablehead="lg Nmu (Grande)" verbLevel="10"
      description="Decadic logarithm of the muon number seen by
        KASCADE-Grande (KCDC NMUG); NULL where not measured.">
      <property name="kcdc">NMUG</property>
      <property name="kcdc_dtype">float64</property>
    </column>
'''


@pytest.fixture
def sample(mirror):
    return kcdc.read_events(mirror / SAMPLE)


@pytest.fixture
def measured(mirror, tmp_path):
    data = tmp_path / "kascade" / "data"
    data.mkdir(parents=True)
    shutil.copy(mirror / SAMPLE, data)
    return ImportContext("kascade", data)


def station_data(n_events, n_stations=5):
    rng = np.random.default_rng(2)
    return {"station_id": np.arange(n_stations, dtype=np.int32),
            "x": rng.uniform(-90, 90, n_stations),
            "y": rng.uniform(-90, 90, n_stations),
            "energy_deposit": rng.exponential(
                3, (n_events, n_stations)).astype(np.float32),
            "arrival_time": rng.uniform(
                0, 900, (n_events, n_stations)).astype(np.float32)}


@pytest.fixture
def simulated(sample, tmp_path):
    runs = tmp_path / "kascade_sim" / "data" / "runs"
    runs.mkdir(parents=True)
    for run in (1, 2):
        cols = dict(sample, R=np.full(9, run, dtype=np.int32))
        write_events(kascade_runs.run_file(runs, "kascade_sim", run, "hdf5"),
                     cols, stations=station_data(9) if run == 1 else None)
    # a ROOT twin is a product only, never an input
    write_events(kascade_runs.run_file(runs, "kascade_sim", 1, "root"),
                 sample)
    return ImportContext("kascade_sim", runs.parent)


def test_measured_events_are_the_rd_columns(measured):
    columns = kascade_events.events_table(measured)
    assert list(columns) == list(rdschema.table("kascade", "events").names)
    assert all(len(v) == 9 for v in columns.values())
    assert np.ma.getmaskarray(columns["n_had"]).all()  # -1 in the sample
    assert columns["datalink"][0].startswith(b"http://127.0.0.1:8080/"
                                             b"kascade/dl/dlmeta?ID=")


def test_simulated_events_read_only_the_hdf5_run_files(simulated):
    columns = kascade_events.events_table(simulated)
    assert list(columns) == list(rdschema.table("kascade_sim",
                                                "events").names)
    assert len(columns["run"]) == 18
    assert columns["event_did"][0].startswith(
        b"ivo://astroparticle.vo/~?kascade_sim/")


def test_runs_tables_are_the_rd_columns(measured, simulated):
    kascade_products.write_measured_runs(measured)
    for ctx, n_runs in ((measured, 1), (simulated, 2)):
        columns = kascade_runs.runs_table(ctx)
        spec = rdschema.table(ctx.resource, "runs")
        assert list(columns) == list(spec.names)
        assert len(columns["run"]) == n_runs
    assert columns["title"][0].startswith(b"KASCADE-like simulation run 1")
    assert list(columns["n_station_events"]) == [9, 0]


def test_no_export_is_e09(tmp_path):
    with pytest.raises(E09, match="^E09: "):
        kascade_events.events_table(ImportContext("kascade", tmp_path))


def test_docs_list_the_rd_quantities():
    text = (PROJECT_DIR / "docs" / "kcdc_formats.md").read_text(
        encoding="utf-8")
    start = text.index("<!-- quantities: generated")
    start = text.index("\n", start) + 1
    end = text.index("<!-- end of generated quantities -->")
    assert text[start:end] == kcdc_quantities.markdown_table(), (
        "docs/kcdc_formats.md is out of date: paste the output of "
        "python -m converters.kcdc_quantities")


def test_quantities_follow_the_rd():
    qs = kcdc_quantities.by_name(kcdc_quantities.quantities())
    assert qs["ZE"].column == "zenith" and qs["ZE"].bounds == (0.0, 90.0)
    assert qs["T"].unit == "degC" and qs["T"].column_unit == "K"
    assert qs["ESUMHAD"].null == -1 and not qs["ESUMHAD"].required
    assert qs["MT"].bounds == (0.0, 999999999.0) and qs["MT"].required
    assert qs["energy_deposit"].array == "event station"
    assert qs["x"].is_array and not qs["x"].per_event
    assert kcdc_quantities.quantities("kascade_sim", "events") == \
        kcdc_quantities.quantities("kascade", "events")


# --- optional and required quantities, every layout --------------------------

def _drop_ascii(sample, path, name):
    write_events(path, sample)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = lines[0].split().index(name)
    path.write_text("\n".join(" ".join(f for j, f in enumerate(line.split())
                                       if j != i) for line in lines) + "\n")


def _drop_hdf5(sample, path, name):
    write_events(path, sample)
    with h5py.File(path, "a") as f:
        del f[f"events/{name}"]


def _drop_root(sample, path, name):
    import uproot
    cols = {k: v for k, v in sample.items() if k != name}
    with uproot.recreate(path) as f:
        f.mktree("events", {k: v.dtype for k, v in cols.items()})
        f["events"].extend(cols)


LAYOUTS = [(".txt", _drop_ascii), (".h5", _drop_hdf5), (".root", _drop_root)]


@pytest.mark.parametrize("suffix,drop", LAYOUTS)
def test_missing_optional_quantity_is_null(sample, tmp_path, suffix, drop):
    data = tmp_path / "data"
    data.mkdir()
    sample = dict(sample, ESUMHAD=np.arange(9.0))
    drop(sample, data / f"export{suffix}", "ESUMHAD")
    columns = kascade_events.events_table(ImportContext("kascade", data))
    assert np.ma.getmaskarray(columns["esum_had"]).all()
    assert list(columns) == list(rdschema.table("kascade", "events").names)


@pytest.mark.parametrize("suffix,drop", LAYOUTS)
def test_missing_required_quantity_is_e04(sample, tmp_path, suffix, drop):
    path = tmp_path / f"export{suffix}"
    drop(sample, path, "ZE")
    with pytest.raises(E04, match="^E04: ") as info:
        kcdc.read_events(path)
    assert info.value.field == "ZE" and str(path) in str(info.value)


# --- a new observable, declared only in an RD --------------------------------

@pytest.fixture
def scratch_rd(tmp_path):
    """rd_dir with kascade.rd and zz_scratch.rd (one more quantity)."""
    rd_dir = tmp_path / "rd"
    rd_dir.mkdir()
    text = (PROJECT_DIR / "rd" / "kascade.rd").read_text(encoding="utf-8")
    shutil.copy(PROJECT_DIR / "rd" / "kascade.rd", rd_dir)
    anchor = '    <column name="datalink"'
    text = text.replace('schema="kascade"', 'schema="zz_scratch"', 1)
    (rd_dir / "zz_scratch.rd").write_text(
        text.replace(anchor, NEW_COLUMN + anchor, 1), encoding="utf-8")
    return rd_dir


@pytest.mark.parametrize("suffix", [".txt", ".h5", ".root"])
def test_new_observable_needs_no_code(sample, scratch_rd, tmp_path, suffix):
    qs = kcdc_quantities.quantities("zz_scratch", "events", scratch_rd)
    assert "NMUG" in kcdc_quantities.by_name(qs)
    data = tmp_path / "data"
    data.mkdir()
    nmug = np.linspace(4.0, 5.0, 9)
    write_events(data / f"grande{suffix}", dict(sample, NMUG=nmug),
                 quantities=qs)
    assert kcdc.read_events(data / f"grande{suffix}")["NMU"].shape == (9,)
    columns = kascade_events.read_table(ImportContext("zz_scratch", data),
                                        "events", scratch_rd)
    assert list(columns) == list(rdschema.table(
        "zz_scratch", "events", scratch_rd).names)
    np.testing.assert_array_equal(columns["log_nmu_grande"], nmug)
