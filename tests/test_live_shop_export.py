"""The data shop against the real tables, compared with the data centre's
own TAP (issue 11, "The package").

For each format a cut selection on kascade_sim is exported and checked:
the count equals TAP's ``COUNT(*)`` with the equivalent ADQL, the data
file's values equal the TAP rows, Info.txt lists every quantity with its
cut or "full range", SHA256SUMS verify, prov.json has the PROV-JSON
structure, a resubmission gives the same data file, and nothing
temporary is left in the work folder.
"""

import hashlib
import json
import zipfile

import h5py
import numpy as np
import pytest

from converters import kcdc
from converters.kascade.runs import run_file
from exporters import shop
from exporters.shop.datasets import component_spec
from exporters.shop.package import _file_quantities
from exporters.shop.stations import runs_dir

pytestmark = pytest.mark.live

SIM = "kascade_sim"
QUANTITIES = ("R", "EV", "E", "ZE", "AZ", "NE", "NMU", "NHAD", "ESUMHAD",
              "T", "GT", "MT", "YMD", "HMS")
CUTS = {"E": (15.5, 16.0), "ZE": (None, 30.0)}
# the TAP columns of the quantities compared directly
DIRECT = {"R": "run", "EV": "event", "E": "log_energy", "ZE": "zenith",
          "AZ": "azimuth", "NE": "log_ne", "NMU": "log_nmu"}


def selection(fmt, quantities=QUANTITIES, cuts=CUTS, dataset=SIM):
    return shop.Selection(dataset, "events", quantities, dict(cuts), fmt)


@pytest.fixture(scope="module")
def tap_rows(tap):
    adql = shop.adql_where(selection("hdf5"))
    rows = tap.search(
        f"SELECT run, event, log_energy, zenith, azimuth, log_ne, log_nmu, "
        f"n_had, esum_had, air_temperature, obs_time FROM {SIM}.events "
        f"WHERE {adql} ORDER BY run, event", maxrec=100000).to_table()
    count = tap.search(f"SELECT COUNT(*) AS n FROM {SIM}.events "
                       f"WHERE {adql}").to_table()["n"][0]
    return rows, int(count)


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    from apdc import ingest
    conn = ingest.get_connection()
    out = {}
    try:
        for fmt in shop.FORMATS:
            workdir = tmp_path_factory.mktemp(fmt)
            seen = []
            first = shop.export(conn, selection(fmt), workdir,
                                request_id=f"live-{fmt}", user="tester",
                                host="worker-a", progress=seen.append)
            again = shop.export(conn, selection(fmt), workdir,
                                request_id=f"live-{fmt}-again",
                                user="tester", host="worker-b",
                                chunk_rows=300)
            out[fmt] = (first, again, workdir, seen)
        yield out
    finally:
        conn.rollback()
        conn.close()


def _members(package):
    with zipfile.ZipFile(package.path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _read_data(fmt, package, tmp_path):
    members = _members(package)
    name = package.files[0]
    path = tmp_path / name
    path.write_bytes(members[name])
    if fmt == "parquet":
        import pyarrow.parquet as pq
        table = pq.read_table(path)
        return {c: table.column(c).to_numpy() for c in table.column_names}
    comp = component_spec(SIM, "events")
    return kcdc.read_events(path, quantities=tuple(
        _file_quantities(comp, QUANTITIES)))


def test_count_equals_tap(db, tap_rows):
    assert shop.count(db, selection("hdf5")) == tap_rows[1] > 100


@pytest.mark.parametrize("fmt", shop.FORMATS)
def test_values_equal_the_tap_rows(fmt, packages, tap_rows, tmp_path):
    rows, count = tap_rows
    package = packages[fmt][0]
    assert package.n_events == count == len(rows)
    data = _read_data(fmt, package, tmp_path)
    for name, column in DIRECT.items():
        np.testing.assert_array_equal(
            data[name], np.asarray(rows[column], dtype=data[name].dtype),
            err_msg=name)
    # NULL (not measured) is KCDC's -1 in the files
    np.testing.assert_array_equal(data["NHAD"], rows["n_had"].filled(-1))
    np.testing.assert_array_equal(
        data["ESUMHAD"], rows["esum_had"].astype(float).filled(-1))
    np.testing.assert_allclose(data["T"] + 273.15, rows["air_temperature"],
                               rtol=0, atol=1e-4)
    times = np.array(rows["obs_time"], dtype="datetime64[us]")
    us = times.astype(np.int64)
    np.testing.assert_array_equal(data["GT"], us // 10**6)
    np.testing.assert_array_equal(data["MT"], us % 10**6 * 1000)
    days = times.astype("datetime64[D]").astype(str)
    np.testing.assert_array_equal(
        data["YMD"], [int(d.replace("-", "")) for d in days])


@pytest.mark.parametrize("fmt", shop.FORMATS)
def test_package_contents(fmt, packages):
    package, _, _, seen = packages[fmt]
    members = _members(package)
    assert set(members) == set(package.files)
    assert {"Info.txt", "LICENCE.txt", "prov.json", "SHA256SUMS"} <= \
        set(members)
    assert package.size == package.path.stat().st_size
    assert package.sha256 == hashlib.sha256(
        package.path.read_bytes()).hexdigest()
    # SHA256SUMS verify
    for line in members["SHA256SUMS"].decode().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256(members[name]).hexdigest() == digest, name
    assert hashlib.sha256(members[package.files[0]]).hexdigest() == \
        package.data_sha256
    info = members["Info.txt"].decode()
    for q in QUANTITIES:
        assert any(line.split()[:1] == [q] for line in info.splitlines()), q
    lines = {line.split()[0]: line for line in info.splitlines()[1:]
             if line.strip()}
    assert "15.5 .. 16" in lines["E"] and "<= 30" in lines["ZE"]
    assert "full range" in lines["NE"]
    # the release the RD declares (docs/releases.md)
    assert "Release:       NUNKI" in info and "live-" + fmt in info
    assert f"Events:        {package.n_events}" in info
    prov = json.loads(members["prov.json"])
    assert {"entity", "activity", "agent", "wasGeneratedBy", "used",
            "wasAssociatedWith"} <= set(prov)
    assert "shop:host/worker-a" in prov["agent"]
    assert "CC BY 4.0" in members["LICENCE.txt"].decode()
    assert seen and seen[-1] == 1.0


@pytest.mark.parametrize("fmt", shop.FORMATS)
def test_resubmission_gives_the_same_data_file(fmt, packages):
    first, again, workdir, _ = packages[fmt]
    assert first.data_sha256 == again.data_sha256
    assert first.sha256 != again.sha256 or first.path == again.path
    # only the two archives: no scratch folder, no partial file
    assert sorted(p.name for p in workdir.iterdir()) == sorted(
        [first.path.name, again.path.name])


def test_station_arrays_come_from_the_run_files(db, tmp_path):
    # run 1 of kascade_sim has station data; the cut keeps some of it
    s = selection("hdf5", ("R", "EV", "E", "energy_deposit"),
                  {"E": (16.0, None)})
    package = shop.export(db, s, tmp_path, request_id="arrays",
                          user="tester", host="h")
    path = tmp_path / package.files[0]
    path.write_bytes(_members(package)[package.files[0]])
    comp = component_spec(SIM, "events")
    columns, stations = kcdc.read_events(
        path, stations=True, quantities=tuple(_file_quantities(comp,
                                                               s.quantities)))
    assert set(stations) == {"station_id", "x", "y", "energy_deposit"}
    in_run1 = np.flatnonzero(columns["R"] == 1)
    assert len(in_run1) and len(in_run1) < package.n_events
    i = in_run1[len(in_run1) // 2]
    with h5py.File(run_file(runs_dir(SIM), SIM, 1, "hdf5"), "r") as f:
        row = np.searchsorted(f["events/EV"][()], columns["EV"][i])
        np.testing.assert_array_equal(stations["energy_deposit"][i],
                                      f["events/energy_deposit"][row])
    others = columns["R"] > 2
    assert np.isnan(stations["energy_deposit"][others]).all()
    info = _members(package)["Info.txt"].decode()
    assert f"{int(others.sum())} of {package.n_events} events have no " \
        "station data" in info


@pytest.mark.parametrize("s, field, status", [
    (selection("hdf5", ("E", "NE", "NOPE")), "quantities[2]", 422),
    (selection("hdf5", cuts={"ZE": (None, 95.0)}), "cuts.ZE", 422),
    (selection("hdf5", cuts={"E": (16.0, 15.0)}), "cuts.E", 422),
    (selection("hdf5", dataset="nonesuch"), "dataset", 404),
    (selection("ascii", ("E", "arrival_time")), "fmt", 422),
])
def test_bad_selections_are_refused_before_anything_is_written(
        db, tmp_path, s, field, status):
    for call in (lambda: shop.count(db, s),
                 lambda: shop.export(db, s, tmp_path, request_id="bad",
                                     user="u", host="h")):
        with pytest.raises(shop.ShopError) as exc:
            call()
        assert (exc.value.field, exc.value.status) == (field, status)
    assert not list(tmp_path.iterdir())


def test_region_and_time_range_agree_with_tap(db, tap):
    s = shop.Selection(SIM, "events", ("E",), {}, "hdf5",
                       region=(83.6, 22.0, 10.0),
                       time_range=("1999-01-01T00:00:00",
                                   "2000-01-01T00:00:00"))
    n = tap.search(f"SELECT COUNT(*) AS n FROM {SIM}.events WHERE "
                   f"{shop.adql_where(s)}").to_table()["n"][0]
    assert shop.count(db, s) == int(n) > 0


def test_preselected_samples_are_built_once(db, tmp_path):
    first = shop.preselected(db, "kascade", tmp_path)
    assert len(first) == 4  # the measured sample has no station data
    assert all(p.n_events == 9 for p in first)
    mtimes = {p.path: p.path.stat().st_mtime_ns for p in first}
    again = shop.preselected(db, "kascade", tmp_path)
    assert [p.data_sha256 for p in again] == [p.data_sha256 for p in first]
    assert {p.path: p.path.stat().st_mtime_ns for p in again} == mtimes
