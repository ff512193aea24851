"""DataLink for the IceCube point-source events, through the running server.

Each event links to its season's event file, good-run intervals and
effective area; the links document passes STILTS datalinklint, every
link downloads as text/csv and is the release's file, and TAP results
with event_id carry the DataLink service descriptor.
"""

import csv
import hashlib
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from astropy.io import votable

from apdc import config
from tests.conftest import run_stilts
from tests.datalinklint_support import lint_errors
from tests.release_link_support import check_release_link

pytestmark = pytest.mark.live



def http_get(url):
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            return resp.status, resp.headers.get("content-type"), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type"), err.read()


def links_url(server, event_id):
    return f"{server}/icecube_ps/dl/dlmeta?" + urllib.parse.urlencode(
        {"ID": event_id, "RESPONSEFORMAT": "votable"})


def get_links(server, event_id):
    status, ctype, body = http_get(links_url(server, event_id))
    assert status == 200, body[:300]
    assert ctype.startswith("application/x-votable+xml;content=datalink")
    return votable.parse(io.BytesIO(body)).get_first_table().to_table()


def manifest_sha256():
    manifest = json.loads((config.RESOURCES_DIR / "icecube_ps" /
        "dataset.json").read_text(encoding="utf-8"))
    return {f["name"]: f["sha256"] for f in manifest["files"]}


@pytest.mark.parametrize("event_id", ["IC40-000001", "IC40-036900",
    "no-such-event"])
def test_links_documents_pass_datalinklint(server, event_id):
    code, output = run_stilts("datalinklint",
        "votable=" + links_url(server, event_id))
    assert "Totals:" in output, output[-2000:]
    assert not lint_errors(output), output


def test_event_links_to_its_season_files(server):
    links = get_links(server, "IC40-000001")
    by_semantics = {row["semantics"]: row for row in links}
    assert [row["semantics"] for row in links] == ["#this", "#progenitor",
        "#auxiliary", "#calibration", "#documentation"]
    # the release these data come from (services/release_link.py)
    check_release_link(by_semantics["#documentation"], "icecube_ps")
    names = {"#progenitor": "IC40_exp.csv", "#auxiliary": "IC40_uptime.csv",
        "#calibration": "IC40_effectiveArea.csv"}
    sha256 = manifest_sha256()
    for semantics, name in names.items():
        row = by_semantics[semantics]
        assert row["ID"] == "IC40-000001" and not row["error_message"]
        assert row["access_url"].endswith("/" + name)
        assert row["content_type"] == "text/csv"
        status, ctype, body = http_get(row["access_url"])
        assert status == 200
        assert ctype.split(";")[0] == "text/csv"
        assert len(body) == row["content_length"]
        assert hashlib.sha256(body).hexdigest() == sha256[name]
        lines = [l for l in body.decode("utf-8").splitlines()
            if l.strip() and not l.startswith("#")]
        rows = list(csv.reader(lines, delimiter=" ", skipinitialspace=True))
        assert len({len(r) for r in rows}) == 1 and len(rows) > 1000


def test_event_is_in_its_season_file(server, tap):
    """The #progenitor file holds the event (row number of its event_id)."""
    row = tap.search("SELECT event_id, obs_mjd, ra, dec FROM "
        "icecube_ps.events WHERE event_id = 'IC40-012345'")[0]
    link = [r for r in get_links(server, "IC40-012345")
        if r["semantics"] == "#progenitor"][0]
    _, _, body = http_get(link["access_url"])
    lines = [l for l in body.decode("utf-8").splitlines()
        if l.strip() and not l.startswith("#")]
    mjd, _, _, ra, dec = (float(v) for v in lines[12345 - 1].split()[:5])
    assert mjd == pytest.approx(row["obs_mjd"], abs=1e-8)
    assert ra == pytest.approx(row["ra"]) and dec == pytest.approx(row["dec"])


def test_unknown_event_gives_an_error_row(server):
    links = get_links(server, "IC99-000001")
    assert len(links) == 1
    assert links[0]["error_message"].startswith("NotFoundFault")
    assert not links[0]["access_url"]


def test_tap_results_offer_the_datalink_service(server):
    query = urllib.parse.urlencode({"LANG": "ADQL", "REQUEST": "doQuery",
        "QUERY": "SELECT TOP 3 event_id, ra, dec FROM icecube_ps.events"})
    status, _, body = http_get(f"{server}/tap/sync?{query}")
    assert status == 200
    vot = votable.parse(io.BytesIO(body))
    services = [r for r in vot.resources if r.type == "meta"
        and r.utype == "adhoc:service"]
    assert services, body[:2000]
    params = {p.name: p for p in services[0].params}
    assert params["accessURL"].value.endswith("/icecube_ps/dl/dlmeta")
    id_param = [p for p in services[0].groups[0].entries if p.name == "ID"][0]
    assert id_param.ref     # points to the event_id column
