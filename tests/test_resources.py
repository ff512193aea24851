"""Resources are manifests; their fingerprints cover what they use."""

import json
import shutil

import pytest

from apdc import config, fingerprint, resources

PACKAGES = ("converters", "exporters", "simulation", "services", "apdc",
            "workarounds")


def test_every_resource_has_an_rd_and_a_known_manifest():
    found = resources.discover()
    assert {"kascade", "kascade_sim", "hess_dr1", "auger2022"} <= set(found)
    for name, resource in found.items():
        assert resource.rd_path.is_file(), name
        # a view over other resources' tables is filled by DaCHS alone
        assert resource.code_targets() or resource.dachs_data, \
            f"{name}: nothing fills its tables"


def test_unknown_manifest_key_is_an_error(tmp_path):
    path = tmp_path / "demo" / "dataset.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"title": "x", "tabels": {}}))
    with pytest.raises(resources.ManifestError, match="unknown keys.*tabels"):
        resources.Resource(path)


def test_unknown_resource_names_the_missing_manifest():
    with pytest.raises(resources.ManifestError,
                       match="no manifest .*docs/adding_a_dataset.md"):
        resources.load("no_such_resource")


def test_a_bad_converter_name_is_an_error(tmp_path):
    path = tmp_path / "demo" / "dataset.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"title": "x",
                                "tables": {"demo.t": "converters.nope:f"}}))
    with pytest.raises(resources.ManifestError, match="tables: cannot use"):
        list(resources.Resource(path).tables())


def test_module_closure_follows_imports():
    files = {p.relative_to(config.PROJECT_DIR).as_posix()
             for p in fingerprint.module_files(["converters.errors"])}
    assert "converters/errors.py" in files
    assert not any(f.startswith("apdc/") for f in files)


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    """A copy of the project's code and RDs; config points at it."""
    for name in (*PACKAGES, "rd", "resources"):
        source = config.PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.
                            ignore_patterns("data", "__pycache__"))
    monkeypatch.setattr(config, "PROJECT_DIR", tmp_path)
    monkeypatch.setattr(config, "RD_DIR", tmp_path / "rd")
    monkeypatch.setattr(config, "RESOURCES_DIR", tmp_path / "resources")
    return tmp_path


def _fingerprints():
    return {name: fingerprint.of(r)
            for name, r in resources.discover().items()}


def test_editing_one_converter_changes_only_its_users(project_copy):
    before = _fingerprints()
    users = {name for name, r in resources.discover().items()
             if any(p.name == "telescope_array.py" for p in
                    fingerprint.module_files(t.split(":")[0]
                                             for t in r.code_targets()))}
    assert users == {"ta2014"}
    path = project_copy / "converters" / "telescope_array.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n",
                    encoding="utf-8")
    after = _fingerprints()
    assert {n for n in before if before[n] != after[n]} == users


def test_editing_an_rd_changes_it_and_the_rds_that_feed_from_it(project_copy):
    before = _fingerprints()
    path = project_copy / "rd" / "kascade.rd"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "KCDC sample", "KCDC  sample"), encoding="utf-8")
    after = _fingerprints()
    # tunka_rex FEEDs kascade#runcolumns (its run files' table)
    assert {n for n in before if before[n] != after[n]} == {
        "kascade", "kascade_sim", "kascade_embargo", "tunka_rex"}


def _names(sequence):
    return [r.name for r in sequence]


def test_a_view_is_imported_after_and_with_its_base_resources():
    """rd/airshowers.rd (dependsOn kascade kascade_sim ...)."""
    known = resources.discover()
    everything = _names(resources.import_sequence(list(known.values()),
                                                  known))
    assert sorted(everything) == sorted(known)
    for base in ("kascade", "kascade_sim"):
        assert everything.index(base) < everything.index("airshowers")
        # DaCHS drops the view with a table it re-creates: it comes along
        assert _names(resources.import_sequence([known[base]], known)) == [
            base, "airshowers"]
    assert _names(resources.import_sequence([known["ta2014"]], known)) == [
        "ta2014"]
    assert _names(resources.import_sequence([known["airshowers"]],
                                            known)) == ["airshowers"]


def test_a_dependency_cycle_or_unknown_resource_is_an_error(project_copy):
    rd = project_copy / "rd" / "kascade.rd"
    text = rd.read_text(encoding="utf-8")
    rd.write_text(text.replace('<property name="simulated">False</property>',
        '<property name="simulated">False</property>'
        '<property name="dependsOn">airshowers</property>', 1),
        encoding="utf-8")
    known = resources.discover()
    with pytest.raises(resources.ManifestError, match="cycle"):
        resources.import_sequence([known["kascade"]], known)
    rd.write_text(text.replace('<property name="simulated">False</property>',
        '<property name="simulated">False</property>'
        '<property name="dependsOn">nosuch</property>', 1), encoding="utf-8")
    with pytest.raises(resources.ManifestError, match="nosuch"):
        resources.import_sequence([known["kascade"]], known)
