"""The tutorials as committed: records, notebooks, the runner's pieces.

No server: these read ``tutorials/`` and check what the issue asks of
every tutorial (five sections, a parameters cell, a fallback cell, the
data centre's own services only, a plot, a results record).  The live
run is tests/test_live_tutorials.py.
"""

import json
import os
import re
import shutil

import nbformat
import pytest

from apdc import tutorials as runner
from converters import tutorials

CATALOGUE = tutorials.catalogue()
NOTEBOOKS = [(t, language) for t in CATALOGUE for language in t.languages]
SECTIONS = ["## i)", "## ii)", "## iii)", "## iv)", "## v)"]


def _ids(item):
    tutorial, language = item
    return f"{tutorial.slug}-{language}"


def test_the_five_tutorials_of_the_issue_in_order():
    assert [t.slug for t in CATALOGUE] == [
        "particle-mass", "kascade-sky", "knee", "neutrino-blazar",
        "uhecr-centaurus"]
    assert [t.record["level"] for t in CATALOGUE] == [
        "easy", "easy", "medium", "medium", "hard"]


def test_at_least_two_tutorials_in_german():
    german = [t.slug for t in CATALOGUE if "de" in t.languages]
    assert len(german) >= 2
    for slug in german:
        tutorial = next(t for t in CATALOGUE if t.slug == slug)
        assert tutorial.text("title", "de") != tutorial.text("title", "en")


def test_levels_have_the_kcdc_colours():
    assert {level: colour for level, (colour, _) in tutorials.LEVELS.items()
            } == {"easy": "green", "medium": "yellow", "hard": "red"}


@pytest.mark.parametrize("tutorial", CATALOGUE, ids=lambda t: t.slug)
def test_record_has_the_education_fields(tutorial):
    record = tutorial.record
    assert record["target_group"] and record["learning_objectives"]
    assert record["required_knowledge"]
    assert 15 <= tutorial.minutes <= 180
    assert record["licence"]["url"].startswith("https://creativecommons.org/")
    assert record["classroom"]["adql"].lstrip().upper().startswith("SELECT")


@pytest.mark.parametrize("item", NOTEBOOKS, ids=_ids)
def test_notebook_has_the_five_sections_in_order(item):
    tutorial, language = item
    notebook = nbformat.read(tutorial.notebook(language), as_version=4)
    nbformat.validate(notebook)
    text = "\n".join(c.source for c in notebook.cells
                     if c.cell_type == "markdown")
    positions = [text.find(heading) for heading in SECTIONS]
    assert -1 not in positions, f"missing sections in {tutorial.slug}"
    assert positions == sorted(positions)


@pytest.mark.parametrize("item", NOTEBOOKS, ids=_ids)
def test_notebook_parameters_fallback_plot_results(item):
    tutorial, language = item
    notebook = nbformat.read(tutorial.notebook(language), as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    tagged = {tag: c for c in code for tag in c.metadata.get("tags", ())}
    assert re.search(r"^SERVER_URL = \"http://127\.0\.0\.1:8080\"",
                     tagged["parameters"].source, re.M)
    assert (f'CLASSROOM_FILE = "{tutorial.classroom_file}"'
            in tagged["parameters"].source)
    assert "if not ONLINE:" in tagged["fallback"].source
    assert "CLASSROOM_FILE" in tagged["fallback"].source
    source = "\n".join(c.source for c in code)
    assert "import pyvo" in source and "plt.show()" in source
    assert '"application/json": results' in source
    assert all(not c.outputs for c in code), "commit notebooks unexecuted"


@pytest.mark.parametrize("item", NOTEBOOKS, ids=_ids)
def test_notebook_uses_only_the_data_centres_services(item):
    tutorial, language = item
    notebook = nbformat.read(tutorial.notebook(language), as_version=4)
    source = "\n".join(c.source for c in notebook.cells
                       if c.cell_type == "code")
    # every URL is built from SERVER_URL; the only literal one is its default
    assert re.findall(r"https?://[^\s\"']+", source) == [
        "http://127.0.0.1:8080"]
    services = {"TAP": "pyvo.dal.TAPService", "SCS": "pyvo.dal.SCSService",
                "SSA": "pyvo.dal.SSAService", "DataLink": "getdatalink()"}
    for service in tutorial.record["services"]:
        assert services[service] in source, service


def _copy(tmp_path, slug="knee"):
    folder = tmp_path / slug
    shutil.copytree(tutorials.TUTORIALS_DIR / slug, folder)
    return folder


@pytest.mark.parametrize("field, value, message", [
    ("level", "trivial", "field level: 'trivial' is not one of easy"),
    ("time_required", "45 minutes", "field time_required"),
    ("content_level", ["Kindergarten"], "field content_level"),
    ("slug", "other", "field slug"),
    ("notebooks", {"en": "missing.ipynb"}, "missing.ipynb does not exist"),
])
def test_bad_record_names_file_and_field(tmp_path, field, value, message):
    folder = _copy(tmp_path)
    path = folder / "education.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record[field] = value
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        tutorials.load(folder)
    assert str(path) in str(error.value)


def test_record_without_a_field_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "education.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["licence"]
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ValueError, match="field licence: missing"):
        tutorials.load(folder)


def test_parameters_are_injected_after_the_defaults():
    notebook = nbformat.read(CATALOGUE[0].notebook(), as_version=4)
    runner._inject(notebook, "http://127.0.0.1:9")
    cell = next(c for c in notebook.cells
                if "parameters" in c.metadata.get("tags", ()))
    namespace = {}
    exec(cell.source, namespace)   # the last assignment wins, as in papermill
    assert namespace["SERVER_URL"] == "http://127.0.0.1:9"


def test_a_notebook_without_parameters_cell_is_refused():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "SERVER_URL = 'x'")])
    with pytest.raises(runner.TutorialError, match="parameters"):
        runner._inject(notebook, "http://127.0.0.1:9")


def test_build_is_current_only_when_everything_is_newer(tmp_path):
    assert runner.is_current(tmp_path) is False       # nothing built
    for tutorial in CATALOGUE:
        folder = tmp_path / tutorial.slug
        folder.mkdir()
        (folder / tutorial.classroom_file).write_text("a\n1\n",
                                                      encoding="utf-8")
        for code in tutorial.languages:
            (folder / tutorial.notebook(code).with_suffix(".html").name
             ).write_text("<html></html>", encoding="utf-8")
    assert runner.is_current(tmp_path) is True
    (tmp_path / "knee" / "knee.html").unlink()
    assert runner.is_current(tmp_path) is False
    (tmp_path / "knee" / "knee.html").write_text("x", encoding="utf-8")
    old = (CATALOGUE[2].folder / "education.json").stat().st_mtime - 10
    os.utime(tmp_path / "knee" / "knee.csv", (old, old))
    assert runner.is_current(tmp_path) is False       # older than the record
