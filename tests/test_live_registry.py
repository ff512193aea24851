"""The publishing registry (OAI-PMH at /oai.xml), harvested as a registry would.

Every response is validated offline against the IVOA and OAI schemas that
the installed DaCHS ships (gavo/resources/schemata), with DaCHS's own
resolver, so no schema is fetched from the network.
"""

import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from lxml import etree

from apdc import config, ingest
from converters import rdschema, tutorials

pytestmark = pytest.mark.live

NS = {"oai": "http://www.openarchives.org/OAI/2.0/",
    "ri": "http://www.ivoa.net/xml/RegistryInterface/v1.0",
    "vr": "http://www.ivoa.net/xml/VOResource/v1.0",
    "vs": "http://www.ivoa.net/xml/VODataService/v1.1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
TXS_0506 = (77.3582, 5.6931)


def oai(server, **params):
    url = server + "/oai.xml?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=60) as resp:
        body = resp.read()
    return body, etree.fromstring(body)


def xsd_errors(body):
    from gavo import api  # noqa: F401 -- initialises DaCHS
    from gavo.helpers import testtricks
    return testtricks.getXSDErrors(body)


def harvest(server, prefix="ivo_vor", **filters):
    """All records of ListRecords, following every resumption token."""
    records, pages = [], 0
    body, tree = oai(server, verb="ListRecords", metadataPrefix=prefix, **filters)
    while True:
        pages += 1
        assert xsd_errors(body) is None, xsd_errors(body)
        records.extend(tree.findall(".//oai:record", NS))
        token = tree.find(".//oai:resumptionToken", NS)
        if token is None or not (token.text or "").strip():
            return records, pages
        body, tree = oai(server, verb="ListRecords", resumptionToken=token.text)


def has_service(rd_text, service):
    """True if the RD declares the service, itself or by FEEDing the
    shared stream of rd/common.rd (whose own definition does not count).
    """
    if f'<FEED source="common#{service}"' in rd_text:
        return True
    return f'<service id="{service}"' in rd_text and "<NXSTREAM" not in rd_text


def expected_identifiers():
    auth = config.site_settings()["authority"]
    ids = {f"ivo://{auth}", f"ivo://{auth}/__system__/services/registry",
        f"ivo://{auth}/tap"}
    for rd in config.RD_DIR.glob("*.rd"):
        text = rd.read_text(encoding="utf-8")
        if rdschema.is_restricted(rd.stem):
            continue    # published in the set "restricted" only
        for service in ("cone", "ssa"):
            if has_service(text, service):
                ids.add(f"ivo://{auth}/{rd.stem}/{service}")
    # the tutorials' records (rd/tutorials.rd): one per notebook
    ids |= {f"ivo://{auth}/tutorials/{tutorial.record_id(language)}"
            for tutorial in tutorials.catalogue()
            for language in tutorial.languages}
    return ids


@pytest.fixture(scope="module")
def harvested(server):
    records, pages = harvest(server)
    live = [r for r in records
        if r.find("oai:header", NS).get("status") != "deleted"]
    return live, pages


def _identifier(record):
    return record.find("oai:header/oai:identifier", NS).text


def test_harvest_pages_and_is_complete(harvested):
    records, pages = harvested
    ids = [_identifier(r) for r in records]
    assert pages > 1, "resumption tokens were not exercised"
    assert len(ids) == len(set(ids)), "duplicate records"
    assert set(ids) == expected_identifiers()


@pytest.mark.parametrize("params", [
    {"verb": "Identify"},
    {"verb": "ListMetadataFormats"},
    {"verb": "ListSets"},
    {"verb": "ListIdentifiers", "metadataPrefix": "ivo_vor"},
    {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
    {"verb": "GetRecord", "metadataPrefix": "ivo_vor",
        "identifier": "ivo://astroparticle.vo/tap"},
    {"verb": "GetRecord", "metadataPrefix": "oai_dc",
        "identifier": "ivo://astroparticle.vo/icecube_alerts/cone"},
])
def test_every_verb_validates(server, params):
    body, tree = oai(server, **params)
    assert tree.find("oai:error", NS) is None, body[:500]
    assert xsd_errors(body) is None, xsd_errors(body)


def test_date_filters(server, harvested):
    all_records, _ = harvested
    recent, _ = harvest(server, **{"from": "2000-01-01"})
    assert {_identifier(r) for r in all_records} <= {_identifier(r) for r in recent}
    body, tree = oai(server, verb="ListRecords", metadataPrefix="ivo_vor",
        until="2001-01-01")
    assert tree.find("oai:error", NS).get("code") == "noRecordsMatch"


@pytest.mark.parametrize("params,code", [
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"},
        "cannotDisseminateFormat"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"},
        "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "from": "yesterday"},
        "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "ivo_vor",
        "identifier": "ivo://astroparticle.vo/nothing"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor",
        "from": "2199-01-01"}, "noRecordsMatch"),
])
def test_bad_requests_get_oai_error_codes(server, params, code):
    body, tree = oai(server, **params)
    error = tree.find("oai:error", NS)
    assert error is not None and error.get("code") == code, body[:400]


# --- discovery: what a user's registry search would find ----------------

def _index(records):
    index = []
    for record in records:
        resource = record.find(".//ri:Resource", NS)
        if resource is None:
            continue
        index.append({
            "id": _identifier(record),
            "subjects": {s.text for s in resource.iterfind(".//subject")},
            "messengers": {w.text for w in resource.iterfind(".//waveband")},
            "standards": {c.get("standardID") for c in
                resource.iterfind(".//capability") if c.get("standardID")},
            "moc": (resource.findtext(".//coverage/spatial") or "").strip(),
            "access": [a.text for a in resource.iterfind(
                ".//capability/interface/accessURL")],
            "title": resource.findtext("title"),
            "rights": resource.findtext(".//rights"),
        })
    return index


def _moc_contains(moc, ra, dec):
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT spoint(radians(%s), radians(%s)) <@ smoc(%s)",
                (ra, dec, moc))
            return cur.fetchone()[0]
    finally:
        conn.close()


def test_every_resource_record_is_complete(harvested):
    for entry in _index(harvested[0]):
        if not entry["id"].endswith(("/cone", "/ssa")):
            continue
        assert entry["subjects"], entry["id"]
        assert entry["messengers"], entry["id"]
        assert entry["rights"], entry["id"]
        assert entry["moc"] or entry["id"].endswith("/ssa"), entry["id"]


def test_neutrino_resources_with_tap_are_found(harvested):
    found = [e for e in _index(harvested[0]) if "Neutrino" in e["messengers"]
        and any(s.startswith("ivo://ivoa.net/std/TAP") for s in e["standards"])]
    names = {e["id"].split("/")[-2] for e in found}
    assert {"icecube_ps", "icecube_alerts"} <= names


def test_cone_searches_covering_txs0506_work(harvested):
    import pyvo
    found = [e for e in _index(harvested[0])
        if "ivo://ivoa.net/std/ConeSearch" in e["standards"]
        and e["moc"] and _moc_contains(e["moc"], *TXS_0506)]
    names = {e["id"].split("/")[-2] for e in found}
    # a southern-sky and a northern-sky instrument see it, and the
    # all-sky catalogues contain sources around it
    assert {"icecube_ps", "fermi3fhl", "auger2022"} <= names
    for entry in found:
        url = [u for u in entry["access"] if "scs.xml" in u][0]
        result = pyvo.dal.SCSService(url).search(pos=TXS_0506, radius=15)
        assert len(result) > 0, entry["id"]


def test_records_render_as_html(server):
    """The OAI stylesheet turns a record into a readable HTML page."""
    body, tree = oai(server, verb="GetRecord", metadataPrefix="ivo_vor",
        identifier="ivo://astroparticle.vo/icecube_alerts/cone")
    assert b"xml-stylesheet" in body
    # parsed from its URL, so that its relative imports resolve
    transform = etree.XSLT(etree.parse(server + "/static/xsl/oai.xsl"))
    html = str(transform(tree))
    assert "IceCube" in html and "<" in html
    assert "neutrino" in html.lower()


def test_withdrawn_resource_leaves_deleted_record(server):
    apdc = [sys.executable, "-m", "apdc.cli"]
    ident = "ivo://astroparticle.vo/tevcat/cone"
    run = lambda *a: subprocess.run([*apdc, *a], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, cwd=config.PROJECT_DIR)
    proc = run("withdraw", "tevcat")
    assert proc.returncode == 0, proc.stdout
    try:
        body, tree = oai(server, verb="GetRecord", metadataPrefix="ivo_vor",
            identifier=ident)
        assert tree.find(".//oai:header", NS).get("status") == "deleted"
        assert xsd_errors(body) is None
    finally:
        proc = run("import", "--force", "tevcat")
        assert proc.returncode == 0, proc.stdout
    body, tree = oai(server, verb="GetRecord", metadataPrefix="ivo_vor",
        identifier=ident)
    assert tree.find(".//oai:header", NS).get("status") is None


# (the info pages of restricted resources answer 401 to anonymous
# callers: tests/test_live_access.py)
@pytest.mark.parametrize("rd_id", sorted(
    p.stem for p in config.RD_DIR.glob("*.rd")
    if has_service(p.read_text(encoding="utf-8"), "cone")
    and not rdschema.is_restricted(p.stem)))
def test_info_page_shows_rights_citation_coverage(server, rd_id):
    """The human side: each service's info page for a reader."""
    with urllib.request.urlopen(f"{server}/{rd_id}/cone/info",
            timeout=60) as resp:
        page = resp.read().decode("utf-8")
    for heading in ("Rights", "Cite this", "Spatial Coverage", "Description"):
        assert heading in page, f"{rd_id}: no {heading}"
