"""The simulated Tunka-Rex-like events, end to end through the live
services: rows, metadata, cone search, DataLink, ObsCore, the shop, and
"simulated, not Tunka-Rex measurements" on every path."""

import io
import json
import urllib.parse
import zipfile

import h5py
import numpy as np
import pytest
import requests
from astropy.io import votable

from apdc import resources
from converters import rdschema
from exporters.shop import Selection, catalogue
from exporters.shop.package import export

pytestmark = pytest.mark.live

STATEMENT = "simulated, not tunka-rex measurements"
RESOURCE = resources.load("tunka_rex")
N_EVENTS = RESOURCE.manifest["generator"]["options"]["n_events"]


def _get(url, **params):
    response = requests.get(url, params=params, timeout=120)
    assert response.status_code == 200, (url, response.text[:300])
    return response


def _links(server, did):
    body = _get(f"{server}/tunka_rex/dl/dlmeta", ID=did).content
    table = votable.parse(io.BytesIO(body)).get_first_table().to_table()
    return table, body


@pytest.fixture(scope="module")
def event(tap):
    return tap.search("SELECT TOP 1 * FROM tunka_rex.events WHERE run = 1 "
                      "AND n_antennas >= 5 ORDER BY event").to_table()[0]


def test_row_counts(tap):
    # SUM of a smallint: DaCHS 2.7 declares the result smallint; AVG is a
    # double, exact enough for 10^5 events
    n = tap.search("SELECT COUNT(*) AS n, AVG(n_antennas) AS mean FROM "
                   "tunka_rex.events WHERE simulated = 'true'").to_table()
    assert n["n"][0] == N_EVENTS
    antennas = tap.search("SELECT COUNT(*) AS n FROM tunka_rex.antennas")
    assert antennas["n"][0] == round(n["mean"][0] * N_EVENTS) > N_EVENTS
    runs = tap.search("SELECT SUM(n_events) AS n, SUM(n_station_events) AS "
                      "st, COUNT(*) AS files FROM tunka_rex.runs").to_table()
    assert runs["n"][0] == runs["st"][0] == N_EVENTS
    assert runs["files"][0] == len(list((RESOURCE.data_dir / "runs").glob(
        "*.h5")))


def test_columns_have_unit_ucd_description_and_tables_say_simulated(tap):
    cols = tap.search("SELECT table_name, column_name, unit, ucd, description"
                      " FROM TAP_SCHEMA.columns WHERE table_name LIKE "
                      "'tunka_rex.%'").to_table()
    declared = {f"tunka_rex.{t}": {c.name: c for c in
                                   rdschema.table("tunka_rex", t).columns}
                for t in ("events", "antennas", "runs")}
    served = {(str(r["table_name"]), str(r["column_name"])): r for r in cols}
    for table, columns in declared.items():
        for name, column in columns.items():
            row = served[(table, name)]
            assert row["ucd"] and len(str(row["description"])) > 10, name
            assert str(row["unit"] or "") == column.unit, (table, name)
    assert str(served[("tunka_rex.events", "energy")]["unit"]) == "eV"
    tables = tap.search("SELECT table_name, description FROM "
                        "TAP_SCHEMA.tables WHERE table_name LIKE "
                        "'tunka_rex.%'").to_table()
    assert len(tables) == 3
    for row in tables:
        assert STATEMENT in " ".join(str(row["description"]).split()).lower()


def test_cone_search(server):
    import pyvo
    found = pyvo.dal.SCSService(f"{server}/tunka_rex/cone/scs.xml").search(
        pos=(83.6, 45.0), radius=3.0).to_table()
    assert len(found) > 0
    assert (np.abs(found["dec"] - 45.0) <= 3.0).all()
    assert found["simulated"].all()
    assert (found["energy"] >= 1e16).all()


def test_datalink_links_work_and_say_simulated(server, event):
    table, body = _links(server, str(event["event_did"]))
    assert not [r for r in table if r["error_message"]]
    sems = sorted(str(s) for s in table["semantics"])
    assert sems.count("#this") == 4 and sems.count("#progenitor") == 2
    for sem in ("#auxiliary", "#preview", "#documentation"):
        assert sem in sems
    for row in table:
        description = str(row["description"])
        if description.startswith("Release "):
            # the release record (rd/releases.rd#datalink), of any resource
            assert "WEZEN" in description
            continue
        assert description.lower().startswith(STATEMENT)
        if row["access_url"]:
            response = _get(str(row["access_url"]))
            assert response.content
            if str(row["semantics"]) == "#preview":
                assert response.content[1:4] == b"PNG"
            if str(row["semantics"]) == "#auxiliary":
                antennas = votable.parse(io.BytesIO(
                    response.content)).get_first_table().to_table()
                assert len(antennas) == event["n_antennas"]
                assert (antennas["snr"] >= 10).all()
    extract = _get(f"{server}/tunka_rex/dl/dlget", ID=event["event_did"])
    with h5py.File(io.BytesIO(extract.content), "r") as f:
        assert f["events/EV"][0] == event["event"]
        assert np.isclose(f["events/E"][0], event["energy"])
        assert np.isfinite(f["events/peak_amplitude"][0]).sum() == \
            event["n_antennas"]


def test_obscore_rows_for_the_run_files(tap):
    rows = tap.search("SELECT obs_publisher_did, access_url, facility_name "
                      "FROM ivoa.obscore WHERE obs_collection = "
                      "'Tunka-Rex sim'").to_table()
    runs = tap.search("SELECT run_did FROM tunka_rex.runs").to_table()
    assert sorted(map(str, rows["obs_publisher_did"])) == sorted(
        map(str, runs["run_did"]))
    assert all("simulated" in str(f) for f in rows["facility_name"])
    head = requests.head(str(rows["access_url"][0]), timeout=60)
    assert head.status_code == 200


def test_info_page_and_registry_record_say_simulated(server):
    page = _get(f"{server}/tunka_rex/cone/info").text
    assert STATEMENT in " ".join(page.split()).lower()
    record = _get(f"{server}/oai.xml", verb="GetRecord",
                  metadataPrefix="ivo_vor",
                  identifier="ivo://astroparticle.vo/tunka_rex/cone").text
    assert "<ri:Resource" in record or "Resource" in record
    assert STATEMENT in " ".join(record.split()).lower()


def test_shop_offers_it_and_the_package_says_simulated(db, tmp_path):
    offers = {d.name: d for d in catalogue()}
    assert offers["tunka_rex"].simulated
    component = offers["tunka_rex"].components[0]
    assert component.label == "Tunka-Rex antenna array (simulated)"
    names = {q.name for q in component.quantities}
    assert {"E", "XMAX", "A120", "peak_amplitude", "GT"} <= names
    selection = Selection(dataset="tunka_rex", component="events",
                          quantities=("R", "EV", "E", "XMAX",
                                      "peak_amplitude"),
                          cuts={"E": (5e17, None)}, fmt="hdf5")
    package = export(db, selection, tmp_path, request_id="tunkatest",
                     user="live-test", host="localhost")
    with zipfile.ZipFile(tmp_path / "tunkatest.zip") as z:
        info = z.read(next(n for n in z.namelist()
                           if n.endswith("Info.txt"))).decode("utf-8")
        data = next(n for n in z.namelist() if n.endswith(".h5"))
        with h5py.File(io.BytesIO(z.read(data)), "r") as f:
            energies = f["events/E"][()]
    assert STATEMENT in info.lower() and "Simulated:     yes" in info
    assert len(energies) > 0 and (energies >= 5e17).all()
    assert package is not None
