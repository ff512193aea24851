"""Release declarations and the input checksum of a release
(apdc/releases.py, converters.rdschema.release_name; docs/releases.md)."""

import json
import re

import pytest

from apdc import releases, resources
from converters import rdschema
from services import release_link

TABLE = """  <table id="{id}" onDisk="True">
    {feed}
    <column name="x" type="real" description="x"/>
  </table>
"""


def _rd(tmp_path, *feeds):
    tables = "".join(TABLE.format(id=f"t{i}", feed=feed)
                     for i, feed in enumerate(feeds))
    (tmp_path / "demo.rd").write_text(
        f'<resource schema="demo">\n{tables}</resource>\n', encoding="utf-8")
    return tmp_path


def _feed(name):
    return f'<FEED source="releases#current" name="{name}"/>'


def test_every_resource_names_one_release():
    names = {}
    for name in resources.discover():
        names[name] = rdschema.release_name(name)
        assert names[name], f"rd/{name}.rd names no release"
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", names[name]), names[name]
    # the names tell the resources apart (as KCDC's do its data sets)
    assert len(set(names.values())) == len(names), names


def test_the_release_of_a_table_is_read_from_its_feed(tmp_path):
    rd_dir = _rd(tmp_path, _feed("VULCAN"), _feed("VULCAN"))
    assert rdschema.release_name("demo", rd_dir) == "VULCAN"
    assert releases.declared_name("demo", rd_dir) == "VULCAN"
    # the FEED adds no column: the tables read as before
    assert rdschema.table("demo", "t0", rd_dir).names == ("x",)


def test_an_rd_without_release_declares_none(tmp_path):
    assert rdschema.release_name("demo", _rd(tmp_path, "", "")) is None


@pytest.mark.parametrize("feeds, words", [
    ((_feed("VULCAN"), _feed("NABOO")), ["different releases",
                                          "NABOO", "VULCAN"]),
    ((_feed("VULCAN"), ""), ["t1", "name no release"]),
])
def test_tables_that_disagree_are_refused(tmp_path, feeds, words):
    rd_dir = _rd(tmp_path, *feeds)
    with pytest.raises(releases.ReleaseError) as err:
        releases.declared_name("demo", rd_dir)
    for word in words:
        assert word in str(err.value)
    assert "demo.rd" in str(err.value)


def _resource(tmp_path, files, **declaration):
    folder = tmp_path / "demo"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / resources.MANIFEST_NAME).write_text(json.dumps({
        "title": "demo", "derived": ["previews"], **declaration}),
        encoding="utf-8")
    for name, content in files.items():
        path = folder / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return resources.Resource(folder / resources.MANIFEST_NAME)


def test_inputs_checksum_follows_the_content_not_the_file_times(tmp_path):
    resource = _resource(tmp_path, {"a.txt": b"1 2 3\n",
                                    "previews/p.png": b"derived"})
    before = releases.inputs_checksum(resource)
    path = resource.data_dir / "a.txt"
    path.touch()
    assert releases.inputs_checksum(resource) == before
    # derived products are not inputs
    (resource.data_dir / "previews" / "p.png").write_bytes(b"other")
    assert releases.inputs_checksum(resource) == before
    path.write_bytes(b"1 2 4\n")
    assert releases.inputs_checksum(resource) != before


def test_the_datalink_row_queries_the_release_record():
    url = release_link.release_query_url("http://example.org", "ta2014",
                                         "SPICA")
    assert url.startswith("http://example.org/tap/sync?")
    assert "releases.releases" in url and "SPICA" in url


def test_the_release_tables_describe_every_column():
    found = {t.qualified_name: t for t in rdschema.tables("releases")}
    assert set(found) == {"releases.releases", "releases.fixity"}
    for table in found.values():
        for column in table.columns:
            assert column.ucd and column.description, column.name


def _run_manifest(run_sha, twin_sha):
    return json.dumps({"generator": "demo", "files": [{
        "name": "r1.h5", "sha256": run_sha, "twins": [
            {"name": "r1.root", "size": 10, "sha256": twin_sha}]}]}).encode()


def test_a_generated_resource_ignores_its_root_twins_also_in_the_manifest(
        tmp_path):
    """A generated run file's ROOT twin differs on every generation
    (uproot's random UUID and write time), and so does the run manifest
    that lists its checksum: neither may change the inputs checksum, or a
    clean checkout is refused its own seeded data (scheme 3)."""
    generator = {"generator": {"function": "demo:make", "seed": 1}}
    resource = _resource(tmp_path, {
        "runs/r1.h5": b"events", "runs/r1.root": b"uuid-1",
        "runs/manifest.json": _run_manifest("aa", "t1")}, **generator)
    before = releases.inputs_checksum(resource)
    resource = _resource(tmp_path, {
        "runs/r1.root": b"uuid-2",
        "runs/manifest.json": _run_manifest("aa", "t2")}, **generator)
    assert releases.inputs_checksum(resource) == before
    # the run file itself, and its entry in the manifest, do count
    resource = _resource(tmp_path, {
        "runs/manifest.json": _run_manifest("bb", "t2")}, **generator)
    assert releases.inputs_checksum(resource) != before
