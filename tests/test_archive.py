"""Fixity of BagIt bags and the archive's place (apdc/fixity.py,
apdc/archive.py; docs/archive.md).  The bags, restores and the audit
table of real releases: tests/test_live_archive.py."""

import bagit
import pytest

from apdc import archive, fixity


@pytest.fixture
def bag(tmp_path):
    """A bag like the archive's: SHA-256 and SHA-512, nested payload."""
    folder = tmp_path / "demo" / "VULCAN"
    (folder / "inputs").mkdir(parents=True)
    (folder / "inputs" / "events.csv").write_bytes(b"id,e\n1,2.5\n2,3.5\n")
    (folder / "tables").mkdir()
    (folder / "tables" / "events.copy").write_bytes(b"1\t2.5\n2\t3.5\n")
    bagit.make_bag(str(folder), checksums=list(archive.CHECKSUMS),
                   bag_info={"External-Identifier": "ivo://x/~?demo/VULCAN"})
    return folder


def _flip(path, offset=3):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_an_intact_bag_has_no_problems(bag):
    assert fixity.problems(bag) == []
    assert (bag / "manifest-sha256.txt").is_file()
    assert (bag / "manifest-sha512.txt").is_file()
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert "Payload-Oxum: 29.2" in info


@pytest.mark.parametrize("member", ["data/inputs/events.csv",
                                    "data/tables/events.copy",
                                    "bag-info.txt"])
def test_a_flipped_byte_is_found_and_named(bag, member):
    _flip(bag / member)
    found = fixity.problems(bag)
    assert len(found) == 1, found
    assert found[0].startswith(f"{member}: sha256 and sha512 differ")


def test_every_failing_file_is_named_at_once(bag):
    _flip(bag / "data" / "inputs" / "events.csv")
    (bag / "data" / "tables" / "events.copy").unlink()
    (bag / "data" / "tables" / "extra.copy").write_bytes(b"x")
    found = "\n".join(fixity.problems(bag))
    assert "data/inputs/events.csv: sha256 and sha512 differ" in found
    assert "data/tables/events.copy: missing" in found
    assert "data/tables/extra.copy: not in the manifests (added)" in found


def test_a_grown_file_breaks_the_payload_oxum(bag):
    with open(bag / "data" / "inputs" / "events.csv", "ab") as f:
        f.write(b"3,4.5\n")
    found = "\n".join(fixity.problems(bag))
    assert "Payload-Oxum says 29 bytes in 2 files" in found
    assert "35 bytes in 2 files" in found


def test_a_folder_that_is_no_bag_is_reported(tmp_path):
    folder = tmp_path / "demo" / "NABOO"
    folder.mkdir(parents=True)
    found = fixity.problems(folder)
    assert len(found) == 1 and "not a readable bag" in found[0]


def test_bags_are_found_per_resource(bag, tmp_path):
    assert fixity.bags(tmp_path) == [bag]
    assert fixity.bags(tmp_path, ["demo"]) == [bag]
    assert fixity.bags(tmp_path, ["other"]) == []


def test_the_archive_folder_is_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("APDC_ARCHIVE_DIR", str(tmp_path))
    assert archive.bag_path("ta2014", "SPICA") == tmp_path / "ta2014" / \
        "SPICA"
    monkeypatch.delenv("APDC_ARCHIVE_DIR")
    assert archive.archive_dir().name == "archive"
