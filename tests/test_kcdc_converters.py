"""KCDC readers and writers on real files: the shared sample and bad input."""

import h5py
import numpy as np
import pytest

from converters import kcdc, kcdc_quantities
from converters.errors import E02, E03, E04, E05, E06, E08, InputError
from converters.kcdc_ascii import read_ascii
from converters.kcdc_hdf5 import read_hdf5
from converters.kcdc_root import read_root
from exporters import kcdc as kcdc_writers
from exporters.kcdc_ascii import write_ascii
from exporters.kcdc_hdf5 import write_hdf5
from exporters.kcdc_root import write_root

EVENT_QUANTITIES = kcdc_quantities.scalar_quantities()
NAMES = tuple(q.name for q in EVENT_QUANTITIES)
DTYPES = {q.name: q.dtype for q in EVENT_QUANTITIES}
STATION_NAMES = tuple(q.name for q in kcdc_quantities.array_quantities())

SAMPLE = "kascade/kcdc_example_1998-07-02.txt"


@pytest.fixture
def sample_path(mirror):
    return mirror / SAMPLE


@pytest.fixture
def sample_lines(sample_path):
    return sample_path.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def sample(sample_path):
    return read_ascii(sample_path)


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def set_field(line, header, name, text):
    fields = line.split()
    fields[header.index(name)] = text
    return " ".join(fields)


def station_data(n_events, n_stations=7, seed=1):
    rng = np.random.default_rng(seed)
    times = rng.uniform(0, 2000, (n_events, n_stations)).astype(np.float32)
    times[rng.random(times.shape) < 0.3] = np.nan
    return {
        "station_id": np.arange(1, n_stations + 1, dtype=np.int32),
        "x": rng.uniform(-100, 100, n_stations),
        "y": rng.uniform(-100, 100, n_stations),
        "energy_deposit": rng.exponential(5, (n_events, n_stations)).astype(
            np.float32),
        "arrival_time": times,
    }


def assert_same(a, b):
    assert list(a) == list(b)
    for name in a:
        assert a[name].dtype == b[name].dtype, name
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)


# --- the sample --------------------------------------------------------------

def test_sample_columns_and_dtypes(sample):
    assert list(sample) == list(NAMES)
    for name, col in sample.items():
        assert col.dtype == DTYPES[name], name
        assert col.shape == (9,)


def test_sample_row_matches_file_text(sample, sample_lines):
    header = sample_lines[0].split()
    row = 3  # fourth event, file line 5
    text = sample_lines[row + 1].split()
    for name in NAMES:
        expected = text[header.index(name)]
        value = sample[name][row]
        if DTYPES[name].kind == "f":
            assert value == float(expected), name
        else:
            assert value == int(expected), name
    # By hand, so that a wrong column mapping cannot pass: YC precedes XC.
    assert sample["YC"][row] == -31.1971 and sample["XC"][row] == -68.9174
    assert sample["GT"][row] == 899391409 and sample["MT"][row] == 139015600
    assert sample["NHAD"][row] == -1 and sample["ESUMHAD"][row] == -1.0


def test_read_events_validates_sample(sample, sample_path):
    assert_same(kcdc.read_events(sample_path), sample)


def test_round_trip_ascii_hdf5_root_ascii(sample, tmp_path):
    write_hdf5(tmp_path / "a.h5", sample)
    from_hdf5 = read_hdf5(tmp_path / "a.h5")
    assert_same(from_hdf5, sample)
    write_root(tmp_path / "a.root", from_hdf5)
    from_root = read_root(tmp_path / "a.root")
    assert_same(from_root, sample)
    write_ascii(tmp_path / "a.txt", from_root)
    assert_same(read_ascii(tmp_path / "a.txt"), sample)


def test_ascii_round_trip_is_exact_for_arbitrary_floats(sample, tmp_path):
    rng = np.random.default_rng(3)
    columns = dict(sample)
    columns["E"] = rng.uniform(14, 18, 9)  # full 17-digit values
    columns["AGE"] = np.array([1e-300, 5e-324, 1.0, 2.0 / 3, 1e300,
                               -0.0, 123456.789, 0.1, 1e16])
    write_ascii(tmp_path / "x.txt", columns)
    assert_same(read_ascii(tmp_path / "x.txt"), columns)


@pytest.mark.parametrize("suffix", [".h5", ".root"])
def test_station_arrays_round_trip(sample, tmp_path, suffix):
    stations = station_data(len(sample["E"]))
    path = tmp_path / f"s{suffix}"
    kcdc_writers.write_events(path, sample, stations=stations)
    columns, got = kcdc.read_events(path, stations=True)
    assert_same(columns, sample)
    assert list(got) == list(STATION_NAMES)
    for name in stations:
        assert got[name].dtype == stations[name].dtype
        np.testing.assert_array_equal(got[name], stations[name])


@pytest.mark.parametrize("suffix", [".h5", ".root"])
def test_no_station_data_reads_as_none(sample, tmp_path, suffix):
    kcdc_writers.write_events(tmp_path / f"a{suffix}", sample)
    assert kcdc.read_events(tmp_path / f"a{suffix}", stations=True)[1] is None


def test_hdf5_layout(sample, tmp_path):
    path = tmp_path / "a.h5"
    write_hdf5(path, sample, stations=station_data(9))
    with h5py.File(path) as f:
        assert f.attrs["format"] == "KCDC-HDF5"
        assert f.attrs["format_version"] == 1
        assert f["events/ZE"].attrs["unit"] == "deg"
        assert f["events/energy_deposit"].shape == (9, 7)
        assert f["events/arrival_time"].compression == "gzip"
        assert f["stations/station_id"].dtype == np.int32


def test_columns_mapped_by_name_in_any_order(sample, sample_lines, tmp_path):
    header = sample_lines[0].split()
    order = list(reversed(range(len(header))))
    lines = [" ".join(line.split()[i] for i in order)
             for line in sample_lines]
    lines.insert(1, "# a comment line")
    assert_same(read_ascii(write_lines(tmp_path / "r.txt", lines)), sample)


def test_iter_event_files(tmp_path):
    for name in ["b.h5", "a.txt", "c.root", "notes.md", "d.csv"]:
        (tmp_path / name).write_text("")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in kcdc.iter_event_files(tmp_path)] == [
        "a.txt", "b.h5", "c.root"]


# --- bad input ---------------------------------------------------------------

def raises_input_error(code, func, *args, **kw):
    with pytest.raises(code, match=f"^{code.code}: ") as info:
        func(*args, **kw)
    assert isinstance(info.value, InputError)
    return info.value


@pytest.mark.parametrize("suffix,writer", [(".h5", write_hdf5),
                                           (".root", write_root)])
def test_truncated_binary_file(sample, tmp_path, suffix, writer):
    path = tmp_path / f"t{suffix}"
    writer(path, sample)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    err = raises_input_error(E02, kcdc.read_events, path)
    assert str(path) in str(err)
    assert "not a readable" in str(err) and "truncated" in str(err)


@pytest.mark.parametrize("suffix", [".h5", ".root"])
def test_garbage_binary_file(tmp_path, suffix):
    path = tmp_path / f"g{suffix}"
    path.write_bytes(np.random.default_rng(0).bytes(5000))
    err = raises_input_error(E02, kcdc.read_events, path)
    assert str(path) in str(err) and "not a readable" in str(err)


def test_ascii_missing_column(sample_lines, tmp_path):
    header = sample_lines[0].split()
    i = header.index("AZ")
    lines = [" ".join(f for j, f in enumerate(line.split()) if j != i)
             for line in sample_lines]
    path = write_lines(tmp_path / "noaz.txt", lines)
    err = raises_input_error(E04, kcdc.read_events, path)
    assert err.field == "AZ"
    assert str(path) in str(err) and "field AZ" in str(err)
    assert "expected columns" in err.message and "found" in err.message


def test_hdf5_renamed_dataset(sample, tmp_path):
    path = tmp_path / "r.h5"
    write_hdf5(path, sample)
    with h5py.File(path, "a") as f:
        f.move("events/AZ", "events/AZIMUTH")
    err = raises_input_error(E04, kcdc.read_events, path)
    assert err.field == "AZ" and str(path) in str(err)


def test_root_renamed_branch(sample, tmp_path):
    import uproot

    path = tmp_path / "r.root"
    renamed = {("AZIMUTH" if k == "AZ" else k): v for k, v in sample.items()}
    with uproot.recreate(path) as f:
        f.mktree("events", {k: v.dtype for k, v in renamed.items()})
        f["events"].extend(renamed)
    err = raises_input_error(E04, kcdc.read_events, path)
    assert err.field == "AZ" and str(path) in str(err)


def test_hdf5_unequal_lengths(sample, tmp_path):
    path = tmp_path / "u.h5"
    write_hdf5(path, sample)
    with h5py.File(path, "a") as f:
        del f["events/NE"]
        f["events/NE"] = sample["NE"][:5]
    err = raises_input_error(E08, kcdc.read_events, path)
    assert err.field == "NE" and "5 events" in err.message


@pytest.mark.parametrize("name,text,needle,code", [
    ("ZE", "nan", "not a finite number", E05),
    ("ZE", "95.0", "95.0", E06),
    ("AZ", "-5", "-5.0", E06),
    ("NHAD", "-3", "-3", E06),
])
def test_ascii_bad_values_report_file_line(sample_lines, tmp_path, name,
                                           text, needle, code):
    header = sample_lines[0].split()
    lines = list(sample_lines)
    lines.insert(1, "# comment lines count as file lines")
    lines[4] = set_field(lines[4], header, name, text)  # file line 5
    path = write_lines(tmp_path / "bad.txt", lines)
    err = raises_input_error(code, kcdc.read_events, path)
    assert (err.row, err.field) == (5, name)
    assert needle in err.message
    assert f"{path}, row 5, field {name}" in str(err)


def test_hdf5_bad_value_reports_event_index(sample, tmp_path):
    columns = dict(sample)
    columns["ZE"] = sample["ZE"].copy()
    columns["ZE"][6] = np.nan
    path = tmp_path / "nan.h5"
    write_hdf5(path, columns)
    err = raises_input_error(E05, kcdc.read_events, path)
    assert (err.row, err.field) == (7, "ZE") and str(path) in str(err)


def test_ascii_wrong_field_count(sample_lines, tmp_path):
    lines = list(sample_lines)
    lines.insert(3, "")
    lines[6] += " 42"  # file line 7
    path = write_lines(tmp_path / "n.txt", lines)
    err = raises_input_error(E08, read_ascii, path)
    assert err.row == 7 and "19 fields" in err.message
    assert str(path) in str(err)


@pytest.mark.parametrize("name,text,code", [("P", "abc", E05),
                                            ("NHAD", "2.5", E05),
                                            ("R", "99999999999", E06)])
def test_ascii_non_numeric_field(sample_lines, tmp_path, name, text, code):
    header = sample_lines[0].split()
    lines = list(sample_lines)
    lines[8] = set_field(lines[8], header, name, text)  # file line 9
    path = write_lines(tmp_path / "x.txt", lines)
    err = raises_input_error(code, read_ascii, path)
    assert (err.row, err.field) == (9, name)
    assert text in err.message and str(path) in str(err)


def test_unknown_suffix(tmp_path):
    err = raises_input_error(E03, kcdc.read_events, tmp_path / "events.fits")
    assert ".txt" in err.message and ".h5" in err.message
    assert ".root" in err.message


def test_writer_rejects_incomplete_columns(sample, tmp_path):
    columns = {k: v for k, v in sample.items() if k != "MT"}
    err = raises_input_error(E04, kcdc_writers.write_events,
                             tmp_path / "a.h5", columns)
    assert err.field == "MT"


def test_root_jagged_station_branches_are_read(sample, tmp_path):
    import awkward as ak
    import uproot

    n = len(sample["E"])
    per_event = ak.Array([np.arange(3, dtype=np.float32) + i
                          for i in range(n)])
    path = tmp_path / "jagged.root"
    with uproot.recreate(path) as f:
        types = {k: v.dtype for k, v in sample.items()}
        types.update(energy_deposit=per_event.type.content,
                     arrival_time=per_event.type.content)
        f.mktree("events", types)
        f["events"].extend({**sample, "energy_deposit": per_event,
                            "arrival_time": per_event})
        f.mktree("stations", {"station_id": np.int32, "x": np.float64,
                              "y": np.float64})
        f["stations"].extend({"station_id": np.arange(3, dtype=np.int32),
                              "x": np.zeros(3), "y": np.zeros(3)})
    _, stations = read_root(path, stations=True)
    assert stations["energy_deposit"].shape == (n, 3)
    np.testing.assert_array_equal(stations["arrival_time"][2], [2, 3, 4])
