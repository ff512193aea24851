"""Named releases on the running server: recorded in releases.releases,
named in TAP results, info pages and DataLink documents, and never
changed by an import from other inputs (docs/releases.md)."""

import hashlib
import io
import json
import shutil
import urllib.parse

import pytest
import requests
from astropy.io import votable

from apdc import archive, importer, releases, resources
from converters import rdschema

pytestmark = pytest.mark.live

#: small resources of every kind (measured events, spectra with an SSA
#: view, KCDC export with run files)
SMALL = ["auger2015", "ta2014", "crspectra", "kascade"]


@pytest.fixture(scope="module")
def recorded():
    """The current release of each small resource (recorded if the tables
    were imported before releases were kept)."""
    return {name: archive.ensure_release(resources.load(name))
            for name in SMALL}


def _series(release_name):
    """The name the RD declares for a release: itself, or for a series
    (docs/releases.md) the series' name (LESATH for LESATH.3)."""
    return release_name.split(".")[0]


def _sync(server, query):
    response = requests.get(f"{server}/tap/sync", params={
        "REQUEST": "doQuery", "LANG": "ADQL", "QUERY": query}, timeout=60)
    assert response.status_code == 200, response.text[:500]
    return votable.parse(io.BytesIO(response.content))


@pytest.mark.parametrize("name", SMALL)
def test_the_release_row_describes_the_served_tables(name, recorded, tap):
    release = recorded[name]
    assert _series(release.name) == rdschema.release_name(name)
    assert release.name == rdschema.release_name(name) or \
        releases.is_serial(name)
    rows = tap.search("SELECT * FROM releases.releases WHERE resource = "
                      f"'{name}' AND release = '{release.name}'").to_table()
    assert len(rows) == 1
    row = rows[0]
    counts = json.loads(row["row_counts"])
    for table in row["tables"].split():
        n = tap.search(f"SELECT COUNT(*) AS n FROM {table}")["n"][0]
        assert counts[table.split(".", 1)[1]] == n, table
    assert row["n_rows"] == sum(counts.values())
    assert row["inputs_sha256"] == releases.inputs_checksum(
        resources.load(name))
    assert row["did_prefix"].startswith("ivo://")
    assert row["did_prefix"].endswith(f"/~?{name}/")


def test_the_id_ranges_are_those_of_the_table(recorded, tap):
    low, high = recorded["ta2014"].id_ranges["events"]
    ids = sorted(tap.search("SELECT event_id FROM ta2014.events",
                            maxrec=1000)["event_id"])
    assert [low, high] == [ids[0], ids[-1]]


@pytest.mark.parametrize("table", ["auger2015.events", "ta2014.events",
                                   "crspectra.points", "kascade.events"])
def test_every_tap_result_names_the_release(table, server, recorded):
    vot = _sync(server, f"SELECT TOP 3 * FROM {table}")
    infos = {i.name: i.value for i in vot.resources[0].infos}
    assert infos.get("release") == _series(
        recorded[table.split(".")[0]].name), infos


def test_the_table_info_page_names_the_release(server, recorded):
    body = requests.get(f"{server}/tableinfo/ta2014.events",
                        timeout=60).text
    assert "This table serves release SPICA" in " ".join(body.split())
    assert recorded["ta2014"].name == "SPICA"


def test_a_datalink_document_names_its_release(server, tap, recorded):
    did = tap.search("SELECT TOP 1 event_did FROM kascade.events")[
        "event_did"][0]
    response = requests.get(
        f"{server}/kascade/dl/dlmeta?ID="
        f"{urllib.parse.quote(did, safe='')}", timeout=60)
    assert response.status_code == 200
    table = votable.parse(io.BytesIO(response.content)).get_first_table(
        ).to_table()
    docs = [r for r in table if r["semantics"] == "#documentation"
            and "releases.releases" in r["access_url"]]
    assert len(docs) == 1, list(table["semantics"])
    series = _series(recorded["kascade"].name)
    assert f"Release {series} of kascade" in docs[0]["description"]
    # the link gives the rows of the release (series)
    rows = votable.parse(io.BytesIO(requests.get(
        docs[0]["access_url"], timeout=60).content)).get_first_table(
        ).to_table()
    assert list(rows["release"])[-1] == recorded["kascade"].name
    assert all(_series(r) == series for r in rows["release"])


@pytest.fixture
def changed_ta2014(tmp_path):
    """ta2014 with one input file changed and its manifest updated to it
    (what an operator who fetched new data would have), in a scratch
    folder; the served resource is left alone."""
    served = resources.load("ta2014")
    folder = tmp_path / "ta2014"
    shutil.copytree(served.data_dir, folder / "data")
    manifest = json.loads(served.manifest_path.read_text(encoding="utf-8"))
    entry = manifest["files"][0]
    path = folder / "data" / entry["name"]
    path.write_bytes(path.read_bytes() + b"\n")
    entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / resources.MANIFEST_NAME).write_text(json.dumps(manifest),
                                                  encoding="utf-8")
    return resources.Resource(folder / resources.MANIFEST_NAME)


def _rows(db, table):
    with db.cursor() as cursor:
        cursor.execute(f"SELECT t::text FROM {table} t")
        return sorted(r[0] for r in cursor.fetchall())


def test_other_inputs_under_a_published_name_are_refused(changed_ta2014,
                                                         recorded, db):
    before = _rows(db, "ta2014.events")
    with pytest.raises(releases.ReleaseError) as err:
        importer.import_resource(changed_ta2014)
    message = str(err.value)
    assert "release SPICA was published" in message
    assert "new release name in rd/ta2014.rd" in message
    assert "the served tables are unchanged" in message
    db.rollback()
    assert _rows(db, "ta2014.events") == before
    assert [r.name for r in releases.releases("ta2014", db)] == ["SPICA"]


def test_the_same_inputs_keep_their_release(recorded):
    resource = resources.load("ta2014")
    inputs = releases.check(resource)
    assert inputs == recorded["ta2014"].inputs_sha256
    again = releases.record(resource, importer.row_counts(resource),
                            "any fingerprint", inputs)
    assert again == recorded["ta2014"]
    assert [r.published for r in releases.releases("ta2014")] == [
        recorded["ta2014"].published]


def test_a_growing_resource_publishes_the_next_release_of_its_series(
        tmp_path):
    """icecube_alerts (releases: serial): new VOEvents are the next
    release of the series, not a refused change (nothing is written)."""
    served = resources.load("icecube_alerts")
    current = archive.ensure_release(served)
    assert releases.is_serial("icecube_alerts")
    assert releases.serving_name(served) == current.name
    folder = tmp_path / "icecube_alerts"
    shutil.copytree(served.data_dir, folder / "data")
    shutil.copy(served.manifest_path, folder / resources.MANIFEST_NAME)
    (folder / "data" / "extra.voevent.xml").write_bytes(b"<VOEvent/>")
    grown = resources.Resource(folder / resources.MANIFEST_NAME)
    series = [r for r in releases.releases("icecube_alerts")]
    expected = f"IZAR.{len(series) + 1}"
    assert releases.serving_name(grown) == expected
    assert releases.check(grown) == releases.inputs_checksum(grown)
    assert releases.releases("icecube_alerts") == series
