"""Named releases on the running server: recorded in releases.releases,
named in TAP results, info pages and DataLink documents, and never
changed by an import from other inputs (docs/releases.md)."""

import hashlib
import io
import json
import os
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


def _release_infos(vot):
    return sorted((i.value, i.content) for i in vot.resources[0].infos
                  if i.name == "release")


@pytest.mark.parametrize("query, tables", [
    ("SELECT TOP 3 e.event_did, r.run FROM kascade.events AS e "
     "JOIN kascade.runs AS r ON e.run = r.run",
     ["kascade.events", "kascade.runs"]),
    ("SELECT TOP 3 a.event_id, b.event_id AS other FROM ta2014.events AS a "
     "CROSS JOIN auger2015.events AS b", ["auger2015.events",
                                          "ta2014.events"]),
    ("SELECT TOP 3 * FROM kascade.events AS e", ["kascade.events"])])
def test_a_join_names_the_release_of_each_table(query, tables, server,
                                                recorded):
    """workarounds/dachs_join_infos.py: DaCHS alone gives no release
    INFO for a result of several tables (or of one under an alias)."""
    infos = _release_infos(_sync(server, query))
    expected = sorted(
        (_series(recorded[t.split(".")[0]].name), t) for t in tables)
    assert [(value, text.split(":")[0]) for value, text in infos] == \
        expected, infos
    for (value, text), (_, table) in zip(infos, expected):
        assert f"{table}: Rows of release {value} of this resource" in \
            " ".join(text.split())


def test_one_table_keeps_its_one_release_info(server, recorded):
    infos = _release_infos(_sync(server, "SELECT TOP 3 * FROM ta2014.events"))
    assert [value for value, _ in infos] == ["SPICA"]
    assert infos[0][1].startswith("Rows of release SPICA")


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


# --- the checksum scheme of a release (issue 15): in a scratch copy of
# --- releases.releases, so that the served records are left alone

@pytest.fixture
def scratch_table(db, monkeypatch):
    """An empty copy of releases.releases in a scratch schema, without
    the inputs_scheme column (a table of before the schemes); the
    releases module reads and writes it instead of the served one."""
    releases.ensure_table(db)
    schema = f"scratch_releases_{os.getpid()}"
    with db.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        cursor.execute(f"CREATE TABLE {schema}.releases "
                       "(LIKE releases.releases INCLUDING ALL)")
        cursor.execute(f"ALTER TABLE {schema}.releases "
                       "DROP COLUMN inputs_scheme")
    db.commit()
    monkeypatch.setattr(releases, "TABLE", f"{schema}.releases")
    yield f"{schema}.releases"
    db.rollback()
    with db.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA {schema} CASCADE")
    db.commit()


def _old_row(db, table, resource, release, inputs, scheme=None):
    """A row as an earlier version wrote it (scheme NULL: scheme 1)."""
    releases.ensure_table(db)
    with db.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (resource, release, published, "
            "inputs_sha256, fingerprint, software, tables, row_counts, "
            "n_rows, did_prefix, id_ranges, inputs_scheme) VALUES (%s, %s, "
            "'2026-11-30 12:00:00', %s, 'f', 's', %s, '{\"events\": 1}', 1, "
            "%s, '{}', %s)", (resource, release, inputs, f"{resource}.events",
                              f"ivo://x/~?{resource}/", scheme))
    db.commit()


def test_an_earlier_releases_table_gains_the_scheme_column(scratch_table,
                                                           db):
    releases.ensure_table(db)
    releases.ensure_table(db)    # a second time changes nothing
    with db.cursor() as cursor:
        cursor.execute("SELECT data_type FROM information_schema.columns "
                       "WHERE table_schema || '.' || table_name = %s AND "
                       "column_name = 'inputs_scheme'", (scratch_table,))
        assert cursor.fetchall() == [("integer",)]
    assert releases.releases("ta2014", db) == []


def test_a_release_of_an_older_scheme_is_rerecorded_not_refused(
        scratch_table, db, capsys):
    resource = resources.load("ta2014")
    _old_row(db, scratch_table, "ta2014", "SPICA", "0" * 64)
    now = "a" * 64
    assert releases.check(resource, now, db) == now
    notice = " ".join(capsys.readouterr().err.split())
    assert "[ta2014] notice: release SPICA was recorded under inputs " \
        "checksum scheme 1" in notice
    assert f"re-recorded under scheme {releases.INPUTS_SCHEME}" in notice
    again = releases.record(resource, {"events": 1}, "fp", now, db)
    assert (again.name, again.inputs_sha256, again.inputs_scheme) == (
        "SPICA", now, releases.INPUTS_SCHEME)
    assert releases.releases("ta2014", db) == [again]
    # under the current scheme the checksum is compared again: refused
    with pytest.raises(releases.ReleaseError, match="release SPICA was "
                       "published on 2026-11-30 from other input files"):
        releases.check(resource, "b" * 64, db)
    assert releases.check(resource, now, db) == now
    assert "notice" not in capsys.readouterr().err


def test_a_null_scheme_with_the_same_checksum_is_stamped_quietly(
        scratch_table, db, capsys):
    resource = resources.load("ta2014")
    same = "c" * 64
    _old_row(db, scratch_table, "ta2014", "SPICA", same)
    assert releases.check(resource, same, db) == same
    again = releases.record(resource, {"events": 1}, "fp", same, db)
    assert again.inputs_scheme == releases.INPUTS_SCHEME
    assert capsys.readouterr().err == ""


def test_a_series_of_an_older_scheme_is_not_the_next_release(scratch_table,
                                                             db):
    """kascade (a series): its last release recorded under scheme 1 is
    re-served, not followed by LESATH.2, when the checksums differ."""
    resource = resources.load("kascade")
    _old_row(db, scratch_table, "kascade", "LESATH", "0" * 64)
    assert releases.serving_name(resource, "d" * 64, db) == "LESATH"
    with db.cursor() as cursor:
        cursor.execute(f"UPDATE {scratch_table} SET inputs_scheme = %s",
                       (releases.INPUTS_SCHEME,))
    db.commit()
    assert releases.serving_name(resource, "d" * 64, db) == "LESATH.2"
