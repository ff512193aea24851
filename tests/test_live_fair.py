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

from apdc import config, fair_records, resources
from converters import rdschema
from fair import licences

pytestmark = pytest.mark.live

NAME = "vcv_agn"
AUTHORITY = config.site_settings()["authority"]
_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>',
                     re.S)


def _get(url):
    with urllib.request.urlopen(url, timeout=60) as resp:
        return resp.read()


def _public_resources():
    return sorted(r for r in resources.discover()
                  if not rdschema.is_restricted(r))


def _jsonld_of(url):
    found = _SCRIPT.findall(_get(url).decode("utf-8"))
    assert len(found) == 1, f"{url}: {len(found)} JSON-LD scripts"
    return json.loads(found[0])


@pytest.mark.parametrize("name", _public_resources())
def test_info_pages_embed_the_jsonld_dataset(server, name):
    """Service, table and resource info pages, as a search engine reads
    them, carry the resource's schema.org Dataset."""
    urls = [f"{server}/browse/{name}"]
    urls += [f"{server}/{name}/{s}/info" for s in rdschema.service_ids(name)]
    urls += [f"{server}/tableinfo/{t.qualified_name}"
             for t in rdschema.tables(name)]
    licence = licences.licence_of(name)
    records = [_jsonld_of(url) for url in urls]
    for url, record in zip(urls, records):
        assert record["@type"] == "Dataset", url
        assert record["identifier"][0] == f"ivo://{AUTHORITY}/{name}", url
        assert record["license"] == (licence.uri or {
            "@type": "CreativeWork", "name": licence.name,
            "text": licence.statement}), url
        assert record["version"] and record["isAccessibleForFree"], url
        for download in record["distribution"]:
            assert download["contentUrl"].startswith(server + "/tap/sync")
    assert all(r == records[0] for r in records)
    if rdschema.is_simulated(name):
        assert "simulated" in records[0]["name"].lower()


def test_jsonld_download_urls_deliver_the_table(server):
    record = _jsonld_of(f"{server}/{NAME}/cone/info")
    votable = next(d for d in record["distribution"]
                   if d["encodingFormat"] == "application/x-votable+xml")
    from astropy.io.votable import parse
    import io
    table = parse(io.BytesIO(_get(votable["contentUrl"]))).get_first_table()
    assert len(table.array) > 1000


@pytest.mark.parametrize("name", _public_resources())
def test_datacite_and_prov_are_served_and_prov_checksums_are_the_files(
        server, name):
    base = f"{server}/provtap/records/static/{name}/"
    root = etree.fromstring(_get(base + "datacite.xml"))
    assert root.tag == "{http://datacite.org/schema/kernel-4}resource"
    doc = ProvDocument.deserialize(content=_get(
        base + f"prov/{name}.json").decode("utf-8"), format="json")
    data_dir = resources.load(name).data_dir
    checked = 0
    for record in doc.get_records():
        ident = str(record.identifier)
        if f"{name}/input/" in ident or f"{name}/product/" in ident:
            path = ident.split("/", 2)[2]
            sha = [v for k, v in record.attributes if k.localpart == "sha256"]
            assert sha == [hashlib.sha256(
                (data_dir / path).read_bytes()).hexdigest()], path
            checked += 1
    assert checked == len(resources.load(name).sources()) + len(
        fair_records.product_files(resources.load(name)))
    provn = _get(base + f"prov/{name}.provn").decode("utf-8")
    assert provn.startswith("document") and "wasGeneratedBy" in provn


@pytest.mark.parametrize("name", _public_resources())
def test_every_release_has_its_datacite_record(server, name):
    from apdc import ingest, releases
    conn = ingest.get_connection()
    try:
        published = releases.releases(name, conn)
    finally:
        conn.close()
    for release in published:
        slug = "".join(c if c.isalnum() else "-" for c in release.name.lower())
        root = etree.fromstring(_get(
            f"{server}/provtap/records/static/{name}/datacite-{slug}.xml"))
        dc = "{http://datacite.org/schema/kernel-4}"
        assert root.find(dc + "version").text == release.name
        assert root.find(dc + "publicationYear").text == str(
            release.published.year)


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


def _norm(text):
    return " ".join((text or "").split())


def test_voresource_rights_are_the_rd_licence(server):
    """Every OAI-PMH record's rights: the RD's statement and licence URI."""
    import urllib.parse
    ns = {"oai": "http://www.openarchives.org/OAI/2.0/"}
    body = _get(server + "/oai.xml?" + urllib.parse.urlencode(
        {"verb": "ListRecords", "metadataPrefix": "ivo_vor", "set": "local"}))
    checked = 0
    for record in etree.fromstring(body).iterfind(".//oai:record", ns):
        ident = record.findtext(".//oai:identifier", namespaces=ns)
        rd = ident.split("/")[3] if ident.count("/") >= 4 else None
        if rd is None or not (fair_records.RECORDS_DIR / rd).is_dir():
            continue
        licence = licences.licence_of(rd)
        rights = [r for r in record.iter() if isinstance(r.tag, str)
                  and r.tag.split("}")[-1] == "rights"]
        assert rights, ident
        assert _norm(rights[0].text) == _norm(licence.statement), ident
        assert rights[0].get("rightsURI") == licence.uri, ident
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("name", sorted(
    p.name for p in fair_records.RECORDS_DIR.iterdir() if p.is_dir()))
def test_served_records_state_the_same_licence(server, name):
    licence = licences.licence_of(name)
    base = f"{server}/provtap/records/static/{name}/"
    root = etree.fromstring(_get(base + "datacite.xml"))
    rights = list(root.iter("{http://datacite.org/schema/kernel-4}rights"))
    assert rights[0].get("rightsURI") == licence.uri
    assert rights[1].text == licence.statement
    record = json.loads(_get(base + "dataset.jsonld"))
    assert record["license"] == (licence.uri or {
        "@type": "CreativeWork", "name": licence.name,
        "text": licence.statement})


@pytest.mark.parametrize("fmt", ["hdf5", "parquet", "ascii"])
def test_shop_packages_state_the_licence_in_info_and_headers(tmp_path, fmt):
    import io
    import zipfile

    import h5py
    import pyarrow.parquet as pq

    from apdc import ingest
    from exporters import shop
    dataset = "kascade_sim"
    licence = licences.licence_of(dataset)
    conn = ingest.get_connection()
    try:
        package = shop.export(conn, shop.Selection(
            dataset, "events", ("R", "EV", "E"), {}, fmt), tmp_path,
            request_id=f"fair-{fmt}", user="tester", host="h", limit=20)
    finally:
        conn.rollback()
        conn.close()
    with zipfile.ZipFile(package.path) as archive:
        members = {n.split("/")[-1]: archive.read(n)
                   for n in archive.namelist()}
    info = members["Info.txt"].decode("utf-8")
    assert f"Licence URI:   {licence.uri}" in info
    assert _norm(licence.statement) in _norm(info)
    assert _norm(licence.statement) in _norm(
        members["LICENCE.txt"].decode("utf-8"))
    # the KCDC ASCII layout has no header for it; HDF5 and Parquet have
    data = next((v for k, v in members.items()
                 if k.endswith((".h5", ".parquet"))), None)
    assert (data is None) == (fmt == "ascii")
    if fmt == "hdf5":
        with h5py.File(io.BytesIO(data), "r") as f:
            assert f.attrs["rights_uri"] == licence.uri
            assert _norm(f.attrs["rights"]) == _norm(licence.statement)
    elif fmt == "parquet":
        meta = pq.read_schema(io.BytesIO(data)).metadata
        assert meta[b"rights_uri"].decode() == licence.uri
        assert _norm(meta[b"rights"].decode()) == _norm(licence.statement)
