"""Issue 17, items 20-23: standards and clients.

* 20: OAI-PMH with 20 records and pages of 10: the last page carries an
  empty resumptionToken, no token leading to noRecordsMatch
  (workarounds/dachs_oai_resumption.py);
* 21: astropy with warnings as errors parses every H.E.S.S. links
  document (TIME/BAND PARAMs of arraysize 2 with pairs as MIN/MAX);
  the catalogues' energy fluxes use a VOUnit, not the deprecated erg;
* 22: the TAP examples give every POINT and CIRCLE a coordinate system
  (ADQL 2.0);
* 23: foreign keys in TAP_SCHEMA, a #this link for IceCube events and a
  real-looking contact address.
"""

import io
import re
import urllib.parse
import urllib.request
import warnings

import pytest
from astropy import units
from astropy.io import votable
from astropy.utils.exceptions import AstropyWarning

pytestmark = pytest.mark.live

OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _read(url, **params):
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=120) as resp:
        return resp.read()


def _oai_page(server, **params):
    import xml.etree.ElementTree as ET
    root = ET.fromstring(_read(server + "/oai.xml", **params))
    errors = root.findall(f"{OAI}error")
    verb = root.find(f"{OAI}ListIdentifiers")
    headers = [] if verb is None else verb.findall(f"{OAI}header")
    token = None if verb is None else verb.find(f"{OAI}resumptionToken")
    return headers, token, [e.get("code") for e in errors]


def test_oai_last_page_has_an_empty_token(server):
    seen, params, pages = [], {"verb": "ListIdentifiers",
                               "metadataPrefix": "ivo_vor"}, 0
    while True:
        headers, token, errors = _oai_page(server, **params)
        assert errors == [], errors
        assert headers, "a page without records"
        seen += [h.findtext(f"{OAI}identifier") for h in headers]
        pages += 1
        assert pages < 50
        if token is None or not (token.text or "").strip():
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token.text}
    assert len(seen) == len(set(seen))
    if pages > 1:
        # the final page of a resumed list: an empty resumptionToken
        assert token is not None and not (token.text or "").strip()
    # exactly as many records as one unpaged list
    assert len(seen) % 10 != 0 or pages == len(seen) // 10


def _run_dids(tap):
    rows = tap.search("SELECT obs_publisher_did FROM ivoa.obscore "
                      "WHERE obs_collection = 'H.E.S.S. DL3 DR1'").to_table()
    return [str(r) for r in rows["obs_publisher_did"]]


def _all_params(resources):
    """The PARAMs of resources, their groups and their sub-resources."""
    for resource in resources:
        yield from resource.params
        for group in resource.groups:
            yield from (e for e in group.entries if hasattr(e, "values"))
        yield from _all_params(resource.resources)


def test_every_hess_links_document_parses_strictly(server, tap):
    dids = _run_dids(tap)
    assert len(dids) == 105
    for did in dids:
        body = _read(f"{server}/hess_dr1/dl/dlmeta", ID=did)
        with warnings.catch_warnings():
            warnings.simplefilter("error", AstropyWarning)
            table = votable.parse(io.BytesIO(body), verify="exception")
        params = {p.name: p for p in _all_params(table.resources)}
        for name in ("TIME", "BAND"):
            values = params[name].values
            assert len(values.min) == 2 and len(values.max) == 2, name
            assert values.min[0] == values.min[1] < values.max[0], name


@pytest.mark.parametrize("table,column", [
    ("fermi3fgl.main", "energy_flux100"), ("fermi3fhl.main", "energy_flux"),
    ("gammacat.main", "eflux_1_10tev"), ("hgps.main", "eflux_1_10tev"),
    ("swift_bat70.main", "flux")])
def test_energy_fluxes_have_a_vounit(tap, table, column):
    rows = tap.search("SELECT unit FROM TAP_SCHEMA.columns WHERE "
                      f"table_name = '{table}' AND column_name = '{column}'")
    unit = str(rows[0]["unit"])
    assert "erg" not in unit
    parsed = units.Unit(unit, format="vounit")
    # the values are unchanged: the unit is erg/cm2/s
    assert parsed.to(units.erg / units.cm ** 2 / units.s) == pytest.approx(1)


def test_no_erg_flux_unit_is_left_in_the_catalogue_rds():
    from converters import rdschema
    for path in sorted(rdschema.RD_DIR.glob("*.rd")):
        assert 'unit="erg.cm**-2.s**-1"' not in path.read_text(encoding="utf-8"), path.name


def test_examples_give_every_geometry_a_coordinate_system(server):
    text = _read(server + "/tap/examples").decode("utf-8")
    calls = re.findall(r"\b(POINT|CIRCLE|BOX|POLYGON)\s*\(\s*([^,)]*)", text)
    assert len(calls) > 20
    for function, first in calls:
        assert first.strip() in ("'ICRS'", "&#x27;ICRS&#x27;",
                                 "&#39;ICRS&#39;"), (function, first)


@pytest.mark.parametrize("source,target,columns", [
    ("kascade.events", "kascade.runs", ("run", "run")),
    ("crspectra.points", "crspectra.spectra", ("spectrum_id", "spectrum_id")),
    ("icecube_ps.events", "icecube_ps.uptime", ("season", "season")),
    ("icecube_ps.events", "icecube_ps.effective_area", ("season", "season")),
])
def test_foreign_keys_in_tap_schema(tap, source, target, columns):
    rows = tap.search(
        "SELECT c.from_column, c.target_column FROM TAP_SCHEMA.keys AS k "
        "JOIN TAP_SCHEMA.key_columns AS c ON k.key_id = c.key_id "
        f"WHERE k.from_table = '{source}' AND k.target_table = '{target}'"
    ).to_table()
    assert [(str(r[0]), str(r[1])) for r in rows] == [columns]


def test_foreign_keys_join(tap):
    rows = tap.search("SELECT COUNT(*) AS n FROM kascade.events AS e "
                      "JOIN kascade.runs AS r ON e.run = r.run").to_table()
    assert int(rows["n"][0]) == 9


def test_icecube_event_has_a_this_link(server):
    body = _read(f"{server}/icecube_ps/dl/dlmeta", ID="IC40-000001")
    links = votable.parse(io.BytesIO(body)).get_first_table().to_table()
    this = [r for r in links if r["semantics"] == "#this"]
    assert len(this) == 1 and not str(this[0]["error_message"]).strip()
    row = votable.parse(io.BytesIO(_read(str(this[0]["access_url"])))
                        ).get_first_table().to_table()
    assert len(row) == 1 and str(row["event_id"][0]) == "IC40-000001"


def test_contact_address_is_not_a_placeholder(server):
    text = _read(server + "/oai.xml", verb="Identify").decode("utf-8")
    emails = re.findall(r"<(?:\w+:)?(?:adminEmail|email)>([^<]+)<", text)
    assert emails, text[:800]
    for email in emails:
        assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", email), email
        assert not email.endswith(("example.org", "example.com",
                                   "example.net", "localhost")), email
