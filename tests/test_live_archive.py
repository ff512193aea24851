"""Archival bags of real releases: contents, fixity audit with a flipped
byte, and restores that give back the served tables row by row
(apdc archive create|verify|restore; docs/archive.md).

The bags go to a scratch archive folder; restores go into scratch
schemas, except one drop-and-restore of ta2014.events inside a single
transaction, so that the shared server never misses a table."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import bagit
import pytest
from datacite import schema45

from apdc import archive, config, fetch, fixity, ingest, resources
from converters import rdschema
from fair import datacite, describe

pytestmark = pytest.mark.live

SMALL = ["auger2015", "ta2014", "crspectra", "kascade"]
SCRATCH = "apdc_restore_test"


@pytest.fixture(scope="module")
def archive_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    previous = os.environ.get("APDC_ARCHIVE_DIR")
    os.environ["APDC_ARCHIVE_DIR"] = str(root)
    yield root
    if previous is None:
        del os.environ["APDC_ARCHIVE_DIR"]
    else:
        os.environ["APDC_ARCHIVE_DIR"] = previous


def apdc(*args):
    return subprocess.run([sys.executable, "-m", "apdc.cli", *args],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=900, cwd=config.PROJECT_DIR,
                          env=os.environ.copy())


@pytest.fixture(scope="module")
def bags(archive_root):
    proc = apdc("archive", "create", *SMALL)
    assert proc.returncode == 0, proc.stdout
    found = {path.parent.name: path for path in fixity.bags(archive_root)}
    assert set(found) == set(SMALL), proc.stdout
    return found


def _rows(cursor, table):
    cursor.execute(f"SELECT t::text FROM {table} t")
    return sorted(r[0] for r in cursor.fetchall())


@pytest.mark.parametrize("name", SMALL)
def test_a_bag_holds_the_release(name, bags):
    bag = bagit.Bag(str(bags[name]))
    assert set(bag.algorithms) == {"sha256", "sha512"}
    release = archive.bag_release(bags[name])
    # the release, or for a series (kascade) its latest one: LESATH.3
    assert release["name"].split(".")[0] == rdschema.release_name(name)
    assert release["name"] == bags[name].name
    assert bag.info["External-Identifier"].endswith(
        f"~?{name}/release/{release['name']}")
    size, count = (int(x) for x in bag.info["Payload-Oxum"].split("."))
    assert count == len(list(bag.payload_files())) and size > 0
    # the original inputs, byte for byte, and the RD
    resource = resources.load(name)
    for path in resource.sources():
        relative = path.relative_to(resource.data_dir)
        assert (bags[name] / "data" / "inputs" / relative).read_bytes() == \
            path.read_bytes(), relative
    assert (bags[name] / "data" / "rd" / f"{name}.rd").read_bytes() == \
        resource.rd_path.read_bytes()
    version = (bags[name] / "data" / "software" / "VERSION").read_text(
        encoding="utf-8").strip()
    assert version == release["software"] and len(version) >= 40
    assert fixity.problems(bags[name]) == []


@pytest.mark.parametrize("name", ["ta2014", "kascade"])
def test_a_bag_has_the_datacite_and_prov_records(name, bags):
    meta = bags[name] / "data" / "metadata"
    release = archive.bag_release(bags[name])
    record = datacite.release_record(
        name, config.site_settings()["authority"],
        describe.Release(release["name"], release["published"][:10]))
    assert schema45.validator.is_valid(record)
    root = ET.parse(meta / "datacite.xml").getroot()
    ns = "{http://datacite.org/schema/kernel-4}"
    assert root.tag == f"{ns}resource"
    assert root.find(f"{ns}version").text == release["name"]
    prov = json.loads((meta / "prov.json").read_text(encoding="utf-8"))
    entities = prov["entity"]
    inputs = {e["prov:label"]: e["apdc:sha256"] for e in entities.values()
              if e.get("prov:type") == "apdc:OriginalFile"}
    resource = resources.load(name)
    assert inputs == {str(p.relative_to(resource.data_dir)): fetch.sha256_of(p)
                      for p in resource.sources()}
    assert "activity" in prov and "wasGeneratedBy" in prov
    assert (meta / "prov.provn").read_text(encoding="utf-8").startswith(
        "document")


def test_creating_again_keeps_the_bag(bags):
    before = (bags["ta2014"] / "manifest-sha512.txt").read_bytes()
    proc = apdc("archive", "create", "ta2014")
    assert proc.returncode == 0 and "is never rewritten" in proc.stdout
    assert (bags["ta2014"] / "manifest-sha512.txt").read_bytes() == before


def test_the_audit_finds_a_flipped_byte_and_records_it(bags, tap):
    served = tap.search("SELECT * FROM auger2015.events").to_table()
    target = bags["auger2015"] / "data" / "inputs" / \
        "Auger2015_ApJ804_15_above52EeV.dat"
    original = target.read_bytes()
    flipped = bytearray(original)
    flipped[len(flipped) // 2] ^= 0x04
    target.write_bytes(bytes(flipped))
    try:
        proc = apdc("archive", "verify")
        assert proc.returncode == 1, proc.stdout
        assert "[auger2015] release ALDEBARAN" in proc.stdout
        assert ("data/inputs/Auger2015_ApJ804_15_above52EeV.dat: sha256 and "
                "sha512 differ") in proc.stdout
        assert "4 bags audited, 1 failed: auger2015 ALDEBARAN" in proc.stdout
        conn = ingest.get_connection()
        try:
            with conn.cursor() as cursor:
                cursor.execute("""SELECT resource, ok, problems FROM
                    releases.fixity WHERE checked >= now() at time zone 'UTC'
                    - interval '10 minutes' ORDER BY checked DESC LIMIT 4""")
                latest = {r[0]: (r[1], r[2]) for r in cursor.fetchall()}
        finally:
            conn.close()
        assert latest["auger2015"][0] is False
        assert "Auger2015_ApJ804_15_above52EeV.dat" in latest["auger2015"][1]
        assert latest["ta2014"] == (True, "")
        # the served data are untouched, and so is the mirror's file
        again = tap.search("SELECT * FROM auger2015.events").to_table()
        assert len(again) == len(served) == 231
        assert all((again[c] == served[c]).all() for c in served.colnames)
        assert (resources.load("auger2015").data_dir / target.name
                ).read_bytes() == original
        # a corrupt bag is not restored
        proc = apdc("archive", "restore", "auger2015", "--schema", SCRATCH)
        assert proc.returncode == 2 and "fails its fixity check" in \
            proc.stdout
    finally:
        target.write_bytes(original)
    assert fixity.problems(bags["auger2015"]) == []


@pytest.fixture
def scratch():
    yield SCRATCH
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCRATCH} CASCADE")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["ta2014", "crspectra"])
def test_a_restore_equals_the_served_tables_row_by_row(name, bags, scratch,
                                                       db):
    proc = apdc("archive", "restore", name, "--schema", scratch)
    assert proc.returncode == 0, proc.stdout
    release = archive.bag_release(bags[name])
    with db.cursor() as cursor:
        for qualified in release["tables"]:
            table = qualified.split(".", 1)[1]
            served = _rows(cursor, qualified)
            assert len(served) == release["row_counts"][table]
            assert _rows(cursor, f"{scratch}.{table}") == served, table
        # the restored table has the served one's key and indexes
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname "
                       "= %s ORDER BY 1", (scratch,))
        restored = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname "
                       "= %s ORDER BY 1", (name,))
        assert restored == [r[0] for r in cursor.fetchall()]
    # an existing table is never overwritten
    proc = apdc("archive", "restore", name, "--schema", scratch)
    assert proc.returncode == 2 and "exists" in proc.stdout


def test_a_lost_table_is_rebuilt_exactly_from_its_bag(bags, tap):
    before = tap.search("SELECT * FROM ta2014.events").to_table()
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '20s'")
            expected = _rows(cursor, "ta2014.events")
            cursor.execute("DROP TABLE ta2014.events")
            cursor.execute("SELECT to_regclass('ta2014.events')")
            assert cursor.fetchone()[0] is None
            # from the bag alone, in this transaction
            restored = archive.restore("ta2014", conn=conn)
            assert restored == {"ta2014.events": 72}
            assert _rows(cursor, "ta2014.events") == expected
        conn.commit()
    finally:
        conn.rollback()
        conn.close()
    after = tap.search("SELECT * FROM ta2014.events").to_table()
    assert len(after) == len(before) == 72
    assert all((after[c] == before[c]).all() for c in before.colnames)
    cone = tap.search("SELECT COUNT(*) AS n FROM ta2014.events WHERE "
                      "1 = CONTAINS(POINT('ICRS', ra, dec), "
                      "CIRCLE('ICRS', 0, 90, 45))")["n"][0]
    assert cone > 0
