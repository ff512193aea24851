"""The education section's views, with Django's test client.

The build folder is a temporary one holding what ``apdc tutorials``
writes (an HTML file and a classroom CSV), so these tests need neither
the database nor the server; tests/test_live_tutorials.py runs the real
build and reads the same pages through nginx.
"""

import json

import pytest
from django.test import Client

from converters import tutorials

CATALOGUE = tutorials.catalogue()


@pytest.fixture
def build(tmp_path, settings):
    settings.EDUCATION_BUILD = tmp_path
    knee = tmp_path / "knee"
    knee.mkdir()
    (knee / "knee.html").write_text("<html><body><img src='data:image/png;"
                                    "base64,AAAA'></body></html>",
                                    encoding="utf-8")
    (knee / "knee.csv").write_text("experiment,energy\nKASCADE,1e6\n",
                                   encoding="utf-8")
    return tmp_path


def test_list_shows_every_tutorial_with_its_level_colour(build):
    page = Client().get("/education/")
    assert page.status_code == 200
    text = page.content.decode()
    for tutorial in CATALOGUE:
        assert tutorial.text("title") in text
        assert (f'data-level="{tutorial.record["level"]}" style="border-left:'
                f' .5em solid {tutorial.colour[1]}"') in text


def test_detail_has_the_education_record(build):
    tutorial = CATALOGUE[0]
    text = Client().get(f"/education/{tutorial.slug}/").content.decode()
    for objective in tutorial.record["learning_objectives"]:
        assert objective in text
    assert tutorial.record["time_required"] in text
    assert tutorial.record["licence"]["name"] in text
    # not built in this folder: no link to a rendered page or a data file
    assert "/view/" not in text
    assert "has not been built yet" in text


def test_built_tutorial_links_and_serves_its_files(build):
    client = Client()
    text = client.get("/education/knee/").content.decode()
    assert "/education/knee/en/view/" in text
    assert "/education/knee/classroom/" in text
    rendered = client.get("/education/knee/en/view/")
    assert rendered.status_code == 200
    assert rendered["Content-Type"].startswith("text/html")
    assert b"data:image/png" in b"".join(rendered.streaming_content)
    classroom = client.get("/education/knee/classroom/")
    assert classroom["Content-Disposition"].startswith("attachment")
    assert b"KASCADE,1e6" in b"".join(classroom.streaming_content)


def test_notebook_download_is_the_committed_notebook(build):
    response = Client().get("/education/particle-mass/de/notebook/")
    assert response.status_code == 200
    assert 'filename="particle-mass_de.ipynb"' in response[
        "Content-Disposition"]
    notebook = json.loads(b"".join(response.streaming_content))
    assert notebook["metadata"]["title"] == "Wie schwer ist ein kosmisches " \
        "Teilchen?"


@pytest.mark.parametrize("path", ["/education/no-such/",
                                  "/education/knee/de/view/",
                                  "/education/knee/fr/notebook/",
                                  "/education/kascade-sky/classroom/",
                                  "/education/kascade-sky/en/view/"])
def test_missing_things_are_404_with_a_page(build, path):
    response = Client().get(path)
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_only_safe_methods(build):
    assert Client().post("/education/").status_code == 405


@pytest.mark.live             # the root page reads the portal's database
@pytest.mark.django_db
def test_root_page_links_to_the_tutorials(build):
    text = Client().get("/").content.decode()
    assert 'href="/education/" id="education-link"' in text
