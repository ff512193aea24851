"""The FAIR records as users and machines get them from the live server:
JSON-LD in info pages, DataCite and PROV over HTTP, the table DataLink
documents and the ProvTAP-like tables through TAP."""

import hashlib
import json
import re
import urllib.request

import pytest
from lxml import etree
from prov.model import ProvDocument

from apdc import fair_records
from fair import licences

pytestmark = pytest.mark.live

NAME = "vcv_agn"
_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>',
                     re.S)


def _get(url):
    with urllib.request.urlopen(url, timeout=60) as resp:
        return resp.read()


def test_info_page_embeds_the_jsonld_dataset(server):
    page = _get(f"{server}/{NAME}/cone/info").decode("utf-8")
    found = _SCRIPT.findall(page)
    assert found, "no JSON-LD script in the info page"
    record = json.loads(found[0])
    assert record["@type"] == "Dataset"
    assert record["version"]
    assert record["license"]["text"] == licences.licence_of(NAME).statement
    assert record["distribution"][0]["contentUrl"].startswith(server)


def test_datacite_and_prov_are_served_and_prov_checksums_are_the_files(
        server):
    base = f"{server}/provtap/records/static/{NAME}/"
    root = etree.fromstring(_get(base + "datacite.xml"))
    assert root.tag == "{http://datacite.org/schema/kernel-4}resource"
    doc = ProvDocument.deserialize(content=_get(
        base + f"prov/{NAME}.json").decode("utf-8"), format="json")
    data_dir = fair_records.RECORDS_DIR.parents[2] / NAME / "data"
    checked = 0
    for record in doc.get_records():
        if str(record.identifier).startswith(f"apdc:{NAME}/input/"):
            path = str(record.identifier).split("/input/", 1)[1]
            sha = [v for k, v in record.attributes if k.localpart == "sha256"]
            assert sha == [hashlib.sha256(
                (data_dir / path).read_bytes()).hexdigest()], path
            checked += 1
    assert checked >= 1


def test_table_datalink_names_the_provenance(server):
    import pyvo
    url = (f"{server}/provtap/records/static/{NAME}/datalink/"
           f"{NAME}.main.xml")
    links = pyvo.dal.adhoc.DatalinkResults.from_result_url(url)
    semantics = [row["semantics"] for row in links]
    assert "#documentation" in semantics
    prov_url = next(row["access_url"] for row in links
                    if row["access_url"].endswith(".json"))
    assert json.loads(_get(prov_url))["entity"]


def test_provtap_tables_are_queryable(tap):
    rows = tap.search(
        "SELECT e.label, e.sha256, a.software FROM provtap.entity AS e "
        "JOIN provtap.used AS u ON u.entity_id = e.id "
        "JOIN provtap.activity AS a ON a.id = u.activity_id "
        f"WHERE e.resource = '{NAME}'").to_table()
    assert len(rows) >= 1
    assert all(len(s) == 64 for s in rows["sha256"])
    assert rows["software"][0]
