"""End-to-end tests of the KASCADE tables through the running DaCHS server.

They use the clients a physicist uses (pyvo, astropy, STILTS) against
the server on loopback, and compare with what the input files hold.
"""

import io
import urllib.error
import urllib.parse
import urllib.request

import numpy as np
import pytest
from astropy.io import fits, votable
from astropy.table import Table

from apdc import resources
from converters import kcdc
from converters.kascade import events as kascade_events

pytestmark = pytest.mark.live

TABLES = ["kascade.events", "kascade_sim.events"]


def http_get(url, **params):
    query = urllib.parse.urlencode(params)
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=120) as resp:
            return resp.status, resp.headers.get("content-type"), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type"), err.read()


def source_events(name):
    ctx = resources.load(name).context()
    parts = [kcdc.read_events(p) for p in kascade_events.input_files(ctx)]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


@pytest.mark.parametrize("name", ["kascade", "kascade_sim"])
def test_row_count_equals_input(tap, name):
    expected = len(source_events(name)["E"])
    result = tap.search(f"SELECT COUNT(*) AS n FROM {name}.events")
    assert result["n"][0] == expected
    if name == "kascade_sim":
        assert expected >= 1_000_000


def test_sample_values_survive_import(tap, mirror):
    """Each column equals the KCDC file's value (spot check on all 9)."""
    sample = kcdc.read_events(mirror / "kascade/kcdc_example_1998-07-02.txt")
    rows = tap.search("SELECT run, event, log_energy, core_x, core_y, zenith,"
        " azimuth, log_ne, esum_had, n_had, air_pressure, obs_time"
        " FROM kascade.events").to_table()
    rows.sort(["run", "event"])
    order = np.lexsort((sample["EV"], sample["R"]))
    assert list(rows["event"]) == list(sample["EV"][order])
    assert np.allclose(rows["log_energy"], sample["E"][order])
    assert np.allclose(rows["core_x"], sample["XC"][order], atol=1e-4)
    assert np.allclose(rows["core_y"], sample["YC"][order], atol=1e-4)
    assert np.allclose(rows["azimuth"], sample["AZ"][order])
    assert np.allclose(rows["air_pressure"], sample["P"][order], atol=1e-3)
    # KCDC's -1 ("not measured") arrives as NULL
    assert np.ma.getmaskarray(rows["n_had"]).all()
    assert np.ma.getmaskarray(rows["esum_had"]).all()
    first = str(rows["obs_time"][0])
    assert first.startswith("1998-07-02T14:17:12.865")


def test_async_query(tap):
    job = tap.submit_job("SELECT TOP 5 event_did, energy FROM "
        "kascade_sim.events WHERE log_energy > 16 ORDER BY log_energy DESC")
    job.run()
    job.wait(phases=["COMPLETED", "ERROR"], timeout=120)
    assert job.phase == "COMPLETED"
    result = job.fetch_result().to_table()
    job.delete()
    assert len(result) == 5
    assert all(e >= 10.0 for e in result["energy"])  # PeV
    assert all(str(d).startswith("ivo://") for d in result["event_did"])


@pytest.mark.parametrize("name", ["kascade", "kascade_sim"])
def test_cone_search_finds_events_in_cone(server, tap, name):
    import pyvo
    ref = tap.search(f"SELECT TOP 1 ra, dec FROM {name}.events "
        "ORDER BY event_did").to_table()
    ra, dec = float(ref["ra"][0]), float(ref["dec"][0])
    expected = tap.search(f"SELECT COUNT(*) AS n FROM {name}.events WHERE "
        f"1=CONTAINS(POINT(ra, dec), CIRCLE({ra}, {dec}, 0.5))")["n"][0]
    scs = pyvo.dal.SCSService(f"{server}/{name}/cone/scs.xml")
    found = scs.search(pos=(ra, dec), radius=0.5).to_table()
    assert len(found) == expected >= 1
    sep = _separation(ra, dec, found["ra"], found["dec"])
    assert (sep <= 0.5 + 1e-9).all()


def _separation(ra0, dec0, ra, dec):
    from astropy.coordinates import SkyCoord
    return SkyCoord(ra0, dec0, unit="deg").separation(
        SkyCoord(ra, dec, unit="deg")).deg


def test_tap_upload_crossmatch(tap):
    """A user's source list, uploaded, is matched against the events."""
    events = tap.search("SELECT TOP 20 event_did, ra, dec FROM "
        "kascade_sim.events ORDER BY event_did").to_table()
    mine = Table({"name": [f"src{i}" for i in range(len(events))],
        "ra": np.asarray(events["ra"]) + 0.01,
        "dec": np.asarray(events["dec"])})
    result = tap.search("SELECT u.name, e.event_did FROM TAP_UPLOAD.mine AS u"
        " JOIN kascade_sim.events AS e ON 1=CONTAINS(POINT(e.ra, e.dec),"
        " CIRCLE(u.ra, u.dec, 0.05))", uploads={"mine": mine}).to_table()
    matched = {str(d) for d in result["event_did"]}
    assert {str(d) for d in events["event_did"]} <= matched


@pytest.mark.parametrize("fmt,parse", [
    ("votable", lambda b: votable.parse_single_table(io.BytesIO(b)).to_table()),
    ("votable/td", lambda b: votable.parse_single_table(io.BytesIO(b)).to_table()),
    ("application/x-votable+xml;serialization=BINARY2",
        lambda b: votable.parse_single_table(io.BytesIO(b)).to_table()),
    ("csv", lambda b: Table.read(b.decode(), format="ascii.csv")),
    ("fits", lambda b: Table(fits.open(io.BytesIO(b))[1].data)),
])
def test_result_formats(server, fmt, parse):
    status, ctype, body = http_get(server + "/tap/sync", LANG="ADQL",
        REQUEST="doQuery", RESPONSEFORMAT=fmt,
        QUERY="SELECT TOP 7 run, event, ra, dec FROM kascade_sim.events")
    assert status == 200, body[:500]
    table = parse(body)
    assert len(table) == 7
    assert {"run", "event", "ra", "dec"} <= {c.lower() for c in table.colnames}
    if fmt == "votable/td":
        assert b"<TABLEDATA>" in body
    if "BINARY2" in fmt:
        assert b"<BINARY2>" in body


def test_malformed_adql_gives_votable_error(server):
    status, ctype, body = http_get(server + "/tap/sync", LANG="ADQL",
        REQUEST="doQuery", QUERY="SELEKT * FROM kascade.events")
    # DALI allows the error document with 200 or a 4xx status
    assert status in (200, 400)
    assert "xml" in ctype
    assert b'QUERY_STATUS" value="ERROR"' in body
    assert b"Traceback" not in body


@pytest.mark.parametrize("params", [
    {"RA": "10", "DEC": "100", "SR": "1"},
    {"RA": "abc", "DEC": "10", "SR": "1"},
    {"RA": "10", "DEC": "10"},
])
def test_bad_cone_parameters_give_votable_error(server, params):
    status, ctype, body = http_get(server + "/kascade/cone/scs.xml", **params)
    # SCS 1.03 section 3.3: an INFO named "Error" in a VOTable
    table = votable.parse(io.BytesIO(body))
    errors = [i for i in table.resources[0].infos if i.name == "Error"]
    assert errors and errors[0].value, body[:400]
    assert b"Traceback" not in body


def test_every_column_has_metadata(tap):
    cols = tap.search("SELECT table_name, column_name, unit, ucd, description "
        "FROM TAP_SCHEMA.columns WHERE table_name IN ('kascade.events', "
        "'kascade_sim.events')").to_table()
    assert len(cols) == 2 * 23
    for row in cols:
        assert row["ucd"], row["column_name"]
        assert len(str(row["description"])) > 15, row["column_name"]
    dimensionless = {"event_did", "run", "event", "obs_time", "log_ne",
        "log_nmu", "age", "n_had", "datalink"}
    for row in cols:
        if row["column_name"] not in dimensionless:
            assert row["unit"], row["column_name"]


def test_tables_described_in_tap_schema(tap):
    rows = tap.search("SELECT table_name, description FROM TAP_SCHEMA.tables "
        "WHERE schema_name IN ('kascade', 'kascade_sim')").to_table()
    # events, and their run files (docs/datalink.md)
    assert {str(n) for n in rows["table_name"]} == set(TABLES) | {
        "kascade.runs", "kascade_sim.runs"}
    sim = [r for r in rows if r["table_name"] == "kascade_sim.events"][0]
    assert "SIMULATED" in str(sim["description"])


def test_web_root_links_services(server):
    """The portal's root page links TAP and the service list, which
    lists the KASCADE cone searches; every link of both answers."""
    status, ctype, body = http_get(server + "/")
    text = body.decode()
    assert status == 200
    assert 'href="/tap"' in text and 'href="/services"' in text
    status, _, listing = http_get(server + "/services")
    assert status == 200
    for name in ("kascade", "kascade_sim"):
        assert f"/{name}/cone/" in listing.decode()
    import re
    for page in (text, listing.decode()):
        for href in set(re.findall(r'href="(/[^"#]*)"', page)):
            assert http_get(server + href)[0] == 200, href


@pytest.mark.parametrize("name", ["kascade", "kascade_sim"])
def test_cone_form_renders(server, name):
    status, ctype, body = http_get(f"{server}/{name}/cone/form")
    assert status == 200 and b"<form" in body
