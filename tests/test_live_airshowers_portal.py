"""The root page presents the observatories side by side (live portal).

What the page must say is computed from the RDs (the view's list of
observatories, each member resource's simulated property and columns),
independently of the template; the layout is checked in Debian's
headless Chromium (the browser fixture of tests/test_live_browser.py).
A screenshot goes to ``test-artifacts/root_observatories.png``.
"""

import re
import urllib.request
from html.parser import HTMLParser

import pytest

from converters import rdschema
from portal.observatories import members
from tests.test_live_browser import ARTIFACTS, browser

__all__ = ["browser"]

pytestmark = pytest.mark.live


class _Sections(HTMLParser):
    """The text of every <section class="observatory">, by its id."""

    def __init__(self):
        super().__init__()
        self.sections, self._id, self._depth = {}, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "observatory":
            self._id, self._depth = attrs["id"], 0
            self.sections[self._id] = []
        elif self._id and tag == "section":
            self._depth += 1
        if self._id and tag == "li" and attrs.get("title"):
            self.sections[self._id].append(f"[{attrs['title']}]")

    def handle_endtag(self, tag):
        if self._id and tag == "section":
            if self._depth == 0:
                self._id = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._id:
            self.sections[self._id].append(data)


def _expected():
    """observatory -> [(table, simulated)], from the RDs."""
    found = {}
    for table, name in members():
        found.setdefault(name, []).append(
            (table, rdschema.is_simulated(table.split(".")[0])))
    return found


def _slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def sections(server):
    with urllib.request.urlopen(server + "/", timeout=60) as resp:
        parser = _Sections()
        parser.feed(resp.read().decode("utf-8"))
    return {key: " ".join(" ".join(parts).split())
            for key, parts in parser.sections.items()}


def test_both_observatories_with_what_their_data_are(sections):
    expected = _expected()
    assert {"KASCADE", "Tunka-Rex"} <= set(expected)
    assert set(sections) == {f"observatory-{_slug(n)}" for n in expected}
    for name, data_sets in expected.items():
        text = sections[f"observatory-{_slug(name)}"]
        for table, simulated in data_sets:
            label = "simulated" if simulated else "measured"
            # the data set's own entry: from its name to its cone search
            entry = text.split(table, 1)[1].split("cone search", 1)[0]
            assert re.search(rf"\( ?{label} ?;", entry), (name, table, label)
        kinds = {simulated for _, simulated in data_sets}
        if kinds == {True}:
            assert f"Simulated events only, not {name} measurements" in text
        elif kinds == {False, True}:
            assert "Measured and simulated events" in text
    # KASCADE: measured and simulated; Tunka-Rex: simulated, and it says so
    assert "Measured and simulated events" in sections["observatory-kascade"]
    assert "not Tunka-Rex measurements" in sections["observatory-tunka-rex"]


def test_each_observatory_lists_what_it_measures(sections):
    """Every quantity of its events tables (with unit, description)."""
    for name, data_sets in _expected().items():
        text = sections[f"observatory-{_slug(name)}"]
        for table, _ in data_sets:
            schema, table_id = table.split(".")
            for column in rdschema.table(schema, table_id).columns:
                if column.name in ("energy", "zenith", "azimuth", "core_x"):
                    unit = f" [{column.unit}]" if column.unit else ""
                    assert f"{column.name}{unit}" in text, (name, column.name)
    assert "x_max [g/cm**2]" in sections["observatory-tunka-rex"]
    assert "log_nmu" in sections["observatory-kascade"]
    assert "x_max" not in sections["observatory-kascade"]


def test_observatories_side_by_side_in_a_browser(server, browser):
    from selenium.webdriver.common.by import By
    browser.get(server + "/")
    boxes = {section.get_attribute("id"): section.rect for section in
             browser.find_elements(By.CSS_SELECTOR, "section.observatory")}
    assert set(boxes) == {f"observatory-{_slug(n)}" for n in _expected()}
    kascade, tunka = boxes["observatory-kascade"], boxes[
        "observatory-tunka-rex"]
    # one row: same top, the second to the right of the first, no overlap
    assert abs(kascade["y"] - tunka["y"]) < 1
    assert kascade["x"] + kascade["width"] <= tunka["x"]
    assert min(kascade["width"], tunka["width"]) > 200
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script(
        "document.getElementById('observatories').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "root_observatories.png"))
    # the links of each data set lead to its table's page
    link = browser.find_element(
        By.CSS_SELECTOR, '#observatory-tunka-rex a[href="/tableinfo/'
        'tunka_rex.events"]')
    link.click()
    assert "tunka_rex.events" in browser.page_source
