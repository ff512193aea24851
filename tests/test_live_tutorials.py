"""Every tutorial notebook, executed against the live data centre.

The module's fixture does what ``apdc tutorials`` does: it publishes the
registry records, writes the classroom files from the live TAP service,
executes every notebook with nbclient (per-notebook time limit
``apdc.tutorials.NOTEBOOK_TIMEOUT``) and writes the executed notebooks
and their HTML into the build folder that the portal serves.  The tests
then check the physics in the numbers each notebook displays, the
offline fallback (a closed port instead of the server), the education
pages through nginx and a real browser, and the registry records in
/oai.xml.
"""

import json
import re
import shutil
import socket
import xml.etree.ElementTree as ET

import nbformat
import pytest
import requests
from astropy.table import Table

from apdc import tutorials as runner
from converters import tutorials
from tests.test_live_browser import (_shot, _wait_for_new_page,  # noqa: F401
                                     browser)

pytestmark = pytest.mark.live

CATALOGUE = tutorials.catalogue()
OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}


@pytest.fixture(scope="module")
def runs(server):
    """(slug, language) -> Run, built into the portal's build folder."""
    runner.publish()
    built = runner.build_all(server_url=server)
    return {(run.slug, run.language): run for run in built}


def test_every_notebook_ran_online_with_plots(runs):
    expected = {(t.slug, language) for t in CATALOGUE
                for language in t.languages}
    assert set(runs) == expected
    for run in runs.values():
        assert run.errors == [], run.slug
        assert run.images >= 1, run.slug
        assert run.results["online"] is True, run.slug
        assert run.seconds < runner.NOTEBOOK_TIMEOUT
        assert run.html.stat().st_size > 50_000   # the PNGs are inlined
        assert "data:image/png;base64" in run.html.read_text(
            encoding="utf-8")


def test_german_notebooks_give_the_english_numbers(runs):
    for (slug, language), run in runs.items():
        if language != "en":
            assert run.results == runs[(slug, "en")].results


def test_particle_mass_band_and_spread(runs):
    results = runs[("particle-mass", "en")].results
    # muons grow more slowly than electrons with energy: slope below 1
    assert 0.6 < results["ridge_slope"] < 1.0
    # the mass mixture spreads lg N_mu well beyond counting errors
    assert 0.1 < results["richness_spread"] < 0.5
    assert results["n_measured"] >= 1 and results["n_simulated"] > 5000


def test_kascade_sky_is_isotropic_in_right_ascension(runs):
    results = runs[("kascade-sky", "en")].results
    assert results["n_events"] == 20000
    assert results["rayleigh_amplitude"] < 0.03
    assert results["rayleigh_chance"] > 0.001
    assert results["chi2_ra_24bins"] < 23 + 5 * (2 * 23) ** 0.5
    # KASCADE (49.1 deg N) sees best near its zenith
    assert 35 < results["median_dec_deg"] < 60


def test_knee_and_ankle_from_the_fits(runs):
    results = runs[("knee", "en")].results
    assert 2.0 < results["knee_pev"] < 6.0
    assert 2.5 < results["gamma_below_knee"] < 2.85
    assert results["gamma_above_knee"] > results["gamma_below_knee"] + 0.2
    assert 2.0 < results["ankle_eev"] < 10.0
    assert results["gamma_above_ankle"] < results["gamma_below_ankle"]
    assert {"KASCADE", "KASCADE-Grande", "TUNKA", "ICECUBE-ICETOP", "AUGER",
            "Telescope Array"} <= set(results["experiments"])


def test_txs_0506_inside_icecube_170922a(runs):
    results = runs[("neutrino-blazar", "en")].results
    assert results["alert"] == "IceCube-170922A"
    assert "3FHL J0509.4+0542" in results["sources_inside"]
    assert results["server_sources_inside"] == results["sources_inside"]
    assert results["chance_at_least_one"] < 0.2


def test_centaurus_a_excess_over_the_isotropic_expectation(runs):
    results = runs[("uhecr-centaurus", "en")].results
    # ApJ 935, 170: 215 observed against 152 expected above 38 EeV, 27 deg
    assert results["n_observed"] == 215
    assert 140 < results["n_expected"] < 165
    assert results["cone_count"] == results["n_observed"]
    assert results["significance_sigma"] > 3.5


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]   # closed again when we return


@pytest.mark.parametrize("slug", ["uhecr-centaurus", "knee"])
def test_offline_fallback_uses_the_classroom_file(runs, tmp_path, slug):
    tutorial = next(t for t in CATALOGUE if t.slug == slug)
    built = runner.build_dir() / slug / tutorial.classroom_file
    shutil.copy(built, tmp_path / tutorial.classroom_file)
    run = runner.execute(tutorial, "en", tmp_path,
                         server_url=f"http://127.0.0.1:{_closed_port()}")
    assert run.results["online"] is False
    assert run.images >= 1 and run.errors == []
    online = runs[(slug, "en")].results
    keys = {"uhecr-centaurus": ["n_total", "n_observed", "n_expected"],
            "knee": ["n_points"]}[slug]
    assert {k: run.results[k] for k in keys} == {k: online[k] for k in keys}
    if slug == "knee":
        assert abs(run.results["knee_pev"] - online["knee_pev"]) < 0.05


def test_education_list_and_pages_through_nginx(runs, server):
    page = requests.get(f"{server}/education/", timeout=30)
    assert page.status_code == 200
    for tutorial in CATALOGUE:
        colour = tutorial.colour[1]
        assert re.search(rf'data-level="{tutorial.record["level"]}" '
                         rf'style="border-left: .5em solid {colour}"',
                         page.text), tutorial.slug
        assert f"/education/{tutorial.slug}/" in page.text


@pytest.mark.parametrize("tutorial", CATALOGUE, ids=lambda t: t.slug)
def test_rendered_notebook_and_downloads(runs, server, tutorial):
    base = f"{server}/education/{tutorial.slug}"
    detail = requests.get(f"{base}/", timeout=30)
    assert detail.status_code == 200
    assert tutorial.record["time_required"] in detail.text
    for language in tutorial.languages:
        html = requests.get(f"{base}/{language}/view/", timeout=30)
        assert html.status_code == 200
        assert html.headers["Content-Type"].startswith("text/html")
        assert "data:image/png;base64" in html.text
        download = requests.get(f"{base}/{language}/notebook/", timeout=30)
        assert download.status_code == 200
        notebook = nbformat.reads(download.text, as_version=4)
        nbformat.validate(notebook)
    classroom = requests.get(f"{base}/classroom/", timeout=30)
    assert classroom.status_code == 200
    rows = Table.read(classroom.text, format="ascii.csv")
    assert len(rows) > 0
    assert len(classroom.content) < 300_000   # small enough for a class


def test_unknown_tutorial_and_language_are_404(server):
    assert requests.get(f"{server}/education/no-such/",
                        timeout=30).status_code == 404
    assert requests.get(f"{server}/education/knee/de/view/",
                        timeout=30).status_code == 404


def test_registry_records_are_education_documents(runs, server):
    for tutorial in CATALOGUE:
        for language in tutorial.languages:
            ivoid = ("ivo://astroparticle.vo/tutorials/"
                     + tutorial.record_id(language))
            answer = requests.get(f"{server}/oai.xml", params={
                "verb": "GetRecord", "metadataPrefix": "ivo_vor",
                "identifier": ivoid}, timeout=30)
            assert answer.status_code == 200
            tree = ET.fromstring(answer.content)
            resource = tree.find(".//oai:metadata/*", OAI)
            assert resource is not None, ivoid
            assert resource.get(
                "{http://www.w3.org/2001/XMLSchema-instance}type"
            ) == "doc:Document"
            assert resource.findtext("content/type") == "Education"
            levels = [e.text for e in resource.findall("content/contentLevel")]
            assert set(levels) == set(tutorial.record["content_level"])
            assert resource.findtext("capability/languageCode") == language
            access = resource.findtext("capability/interface/accessURL")
            assert access.endswith(f"/education/{tutorial.slug}/"
                                   f"{language}/view/")
            assert requests.get(access, timeout=30).status_code == 200


def test_a_harvester_finds_the_tutorials_in_ivo_managed(runs, server):
    """ListIdentifiers of the set, following resumption tokens."""
    ids, params = set(), {"verb": "ListIdentifiers",
                          "metadataPrefix": "ivo_vor", "set": "ivo_managed"}
    for _ in range(100):
        answer = requests.get(f"{server}/oai.xml", params=params, timeout=30)
        assert answer.status_code == 200
        tree = ET.fromstring(answer.content)
        ids |= {e.text for e in tree.iterfind(
            ".//oai:header/oai:identifier", OAI)}
        token = tree.findtext(".//oai:resumptionToken", None, OAI)
        if not token:
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token}
    expected = {"ivo://astroparticle.vo/tutorials/" + t.record_id(code)
                for t in CATALOGUE for code in t.languages}
    assert expected <= ids


def test_results_are_stored_beside_the_html(runs):
    for (slug, language), run in runs.items():
        stored = json.loads((run.html.parent / f"results_{language}.json"
                             ).read_text(encoding="utf-8"))
        assert stored == run.results


def test_a_teacher_opens_a_tutorial_in_the_browser(runs, server, browser):
    """List (level colours) -> tutorial page -> the rendered notebook,
    whose plots the browser decodes."""
    from selenium.webdriver.common.by import By
    browser.get(f"{server}/education/")
    badges = browser.find_elements(By.CSS_SELECTOR, "#tutorials .level")
    colours = {b.text: b.value_of_css_property("background-color")
               for b in badges}
    assert colours == {"easy": "rgba(46, 139, 58, 1)",
                       "medium": "rgba(224, 176, 0, 1)",
                       "hard": "rgba(192, 57, 43, 1)"}
    link = browser.find_element(By.LINK_TEXT, "The knee")
    link.click()
    _wait_for_new_page(browser, link)
    assert "PT60M" in browser.find_element(By.ID, "education-record").text
    read = browser.find_element(By.CSS_SELECTOR, "#notebooks a.rendered")
    read.click()
    _wait_for_new_page(browser, read)
    plots = [image for image in browser.find_elements(By.TAG_NAME, "img")
             if browser.execute_script("return arguments[0].naturalWidth",
                                       image) > 300]
    assert plots, "no decoded plot in the rendered notebook"
    assert "iv) The code" in browser.page_source
    _shot(browser, "tutorial-knee.png")
