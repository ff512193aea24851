"""The on-the-fly analysis of alerts against the live database, TAP, the
VOTable service and the portal pages (apdc alert add / analyse)."""

import dataclasses
import io
import subprocess

import numpy as np
import pytest
import requests
from astropy.io.votable import parse_single_table

from apdc import alert_analysis, alert_sky, alerts, config

pytestmark = pytest.mark.live

APDC = config.PROJECT_DIR / ".venv" / "bin" / "apdc"
TXS = "3FHL J0509.4+0542"
IC170922A = "130033_50579430"
SAMPLES = ("sample_astrotrack_alert.voevent.xml",
           "sample_cascade_alert.voevent.xml")
TABLES = ("analyses", "searches", "counterparts")


def _apdc(*args):
    return subprocess.run([str(APDC), *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def ic170922a():
    """IceCube-170922A of IceCat-1, analysed by the operator's command."""
    proc = _apdc("alert", "analyse", "IceCube-170922A")
    assert proc.returncode == 0, proc.stderr
    assert f"Analysis of {IC170922A} stored" in proc.stderr
    return proc.stderr


def _snapshot(db):
    with db.cursor() as cursor:
        state = {}
        for table in TABLES:
            cursor.execute(f"SELECT md5(string_agg(t::text, '|' ORDER BY "
                           f"t::text)), COUNT(*) FROM icecube_alerts.{table}"
                           " AS t")
            state[table] = cursor.fetchone()
    db.rollback()
    return state


def test_txs_0506_is_found(ic170922a, db):
    assert TXS in ic170922a
    with db.cursor() as cursor:
        cursor.execute("""SELECT object_name FROM icecube_alerts.counterparts
            WHERE alert_id = %s AND searched_table = 'fermi3fhl.main'""",
                       (IC170922A,))
        assert TXS in {row[0] for row in cursor.fetchall()}
        cursor.execute("""SELECT n_sources, p_sources, n_scrambles, origin
            FROM icecube_alerts.analyses WHERE alert_id = %s""",
                       (IC170922A,))
        n, p, scrambles, origin = cursor.fetchone()
    assert n >= 2 and 0 < p < 0.2 and scrambles >= 1000
    assert origin == "icecube_alerts.alerts"


def test_sources_equal_an_independent_adql_match(ic170922a, tap):
    """Every catalogue's counterparts are what CONTAINS over the alert's
    own error_region in icecube_alerts.alerts finds."""
    for search in alert_analysis.parameters().searches:
        if search.kind != "sources":
            continue
        expected = tap.search(
            f"SELECT s.{search.id_column} AS oid FROM {search.table} AS s, "
            "icecube_alerts.alerts AS a WHERE a.alert_id = '130033_50579430' "
            "AND 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), a.error_region)")
        found = tap.search(
            "SELECT object_id FROM icecube_alerts.counterparts WHERE "
            f"alert_id = '{IC170922A}' AND searched_table = '{search.table}'")
        assert sorted(str(v) for v in found["object_id"]) == sorted(
            str(v) for v in expected["oid"]), search.table


def test_adql_finds_every_alert_with_a_counterpart(ic170922a, tap):
    rows = tap.search("SELECT a.alert_name, c.object_name FROM "
                      "icecube_alerts.analyses AS a JOIN "
                      "icecube_alerts.counterparts AS c ON c.alert_id = "
                      "a.alert_id WHERE a.n_counterparts > 0")
    pairs = {(str(a), str(c)) for a, c in zip(rows["alert_name"],
                                               rows["object_name"])}
    assert ("IceCube-170922A", TXS) in pairs


def test_probabilities_are_reproducible_with_the_seed(ic170922a, db):
    alert = alert_analysis.alert_from_table(db, IC170922A)
    params = alert_analysis.parameters()
    first = alert_analysis.analyse(db, alert, params)
    again = alert_analysis.analyse(db, alert, params)
    other = alert_analysis.analyse(db, alert, dataclasses.replace(
        params, seed=params.seed + 1))
    for a, b in zip(first.found, again.found):
        assert np.array_equal(a.scrambled, b.scrambled)
    kinds = ("sources", "uhecr")
    assert [first.of_kind(k) for k in kinds] == [again.of_kind(k)
                                                 for k in kinds]
    assert any(not np.array_equal(a.scrambled, b.scrambled)
               for a, b in zip(first.found, other.found) if a.n_candidates)
    # the stored analysis has the same probabilities
    with db.cursor() as cursor:
        cursor.execute("""SELECT p_sources, p_uhecr FROM
            icecube_alerts.analyses WHERE alert_id = %s""", (IC170922A,))
        assert cursor.fetchone() == (first.of_kind("sources")[1],
                                     first.of_kind("uhecr")[1])


def test_database_and_numpy_regions_agree(ic170922a, db):
    """What q3c/pgSphere call inside, the scrambles' geometry does too."""
    alert = alert_analysis.alert_from_table(db, IC170922A)
    result = alert_analysis.analyse(db, alert)
    for found in result.found:
        region = (alert.polygon() if found.search.region == "error_region"
                  else alert_sky.Cone(alert.ra, alert.dec,
                                      found.search.radius))
        for c in found.counterparts:
            assert region.contains(c["ra"], c["dec"]), c
        assert found.n_found <= found.n_candidates


@pytest.mark.parametrize("name", SAMPLES)
def test_replay_of_the_sample_voevents(mirror, db, name):
    path = mirror / "icecube" / name
    result, row = alerts.analyse_voevent(path)
    assert row["origin"] == name and row["duration"] < 30
    with db.cursor() as cursor:
        cursor.execute("""SELECT n_counterparts, summary FROM
            icecube_alerts.analyses WHERE alert_id = %s""",
                       (result.alert.alert_id,))
        n, summary = cursor.fetchone()
        cursor.execute("""SELECT COUNT(*) FROM icecube_alerts.searches
            WHERE alert_id = %s""", (result.alert.alert_id,))
        assert cursor.fetchone()[0] == len(result.found) >= 9
    assert n == sum(f.n_found for f in result.found)
    assert result.alert.alert_id in summary


@pytest.mark.parametrize("text, code", [
    ("<VOEvent", "E02"),
    ('<?xml version="1.0"?><votable/>', "E03")])
def test_malformed_voevent_changes_nothing(tmp_path, db, text, code):
    before = _snapshot(db)
    bad = tmp_path / "alert.xml"
    bad.write_text(text, encoding="utf-8")
    proc = _apdc("alert", "add", str(bad))
    assert proc.returncode == 2
    assert f"bad input: {code}: {bad}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _snapshot(db) == before


def test_unknown_alert_is_a_clear_error():
    proc = _apdc("alert", "analyse", "IceCube-990101Z")
    assert proc.returncode == 2
    assert "no alert 'IceCube-990101Z' in icecube_alerts.alerts" in \
        proc.stderr and "Traceback" not in proc.stderr


def test_votable_service(ic170922a, server):
    url = f"{server}/icecube_alerts/found/api"
    answer = requests.get(url, params={"alert_id": IC170922A}, timeout=60)
    assert answer.status_code == 200
    table = parse_single_table(io.BytesIO(answer.content)).to_table()
    assert TXS in {str(n) for n in table["object_name"]}
    assert table["ang_distance"].unit == "deg"
    # without the parameter: a DALI error document naming it
    missing = requests.get(url, timeout=60)
    assert 'name="QUERY_STATUS" value="ERROR"' in missing.text
    assert "Field alert_id: is mandatory" in missing.text
    assert "Traceback" not in missing.text


def test_portal_pages(ic170922a, server):
    listing = requests.get(f"{server}/alerts/", timeout=60)
    assert listing.status_code == 200
    assert f"/alerts/{IC170922A}/" in listing.text
    page = requests.get(f"{server}/alerts/{IC170922A}/", timeout=60)
    assert page.status_code == 200
    assert TXS in page.text and "IceCube-170922A" in page.text
    assert f"/icecube_alerts/found/api?alert_id={IC170922A}" in page.text
    plot = requests.get(f"{server}/alerts/{IC170922A}/sky.png", timeout=60)
    assert plot.status_code == 200
    assert plot.headers["content-type"] == "image/png"
    assert plot.content[:8] == b"\x89PNG\r\n\x1a\n" and len(plot.content) > 5000
    for bad in ("999_999", "not-an-id"):
        missing = requests.get(f"{server}/alerts/{bad}/", timeout=60)
        assert missing.status_code == 404 and "Traceback" not in missing.text


def test_alert_add_analyses_before_it_stores(mirror, db):
    """``apdc alert add``: the analysis is stored first, then the VOEvent
    goes into the data folder and the table is re-imported (the served
    rows themselves: tests/test_live_alert_add.py).  Undone afterwards."""
    sample = mirror / "icecube" / SAMPLES[0]
    target = alerts.stored_path(sample)
    assert not target.exists(), f"{target} left from an earlier run"
    with db.cursor() as cursor:
        cursor.execute("DELETE FROM icecube_alerts.analyses WHERE alert_id "
                       "= '135363_69917294'")
    db.commit()
    try:
        proc = _apdc("alert", "add", str(sample))
        assert proc.returncode == 0, proc.stderr
        with db.cursor() as cursor:
            cursor.execute("""SELECT origin, n_scrambles FROM
                icecube_alerts.analyses WHERE alert_id = '135363_69917294'""")
            assert cursor.fetchone() == (SAMPLES[0], 1000)
        db.rollback()
        said = proc.stderr
        assert said.index("Analysis of 135363_69917294 stored") < said.index(
            "re-importing the alerts")
        assert target.read_bytes() == sample.read_bytes()
    finally:
        if target.exists():
            target.unlink()
            assert _apdc("import", "icecube_alerts").returncode == 0
