"""The FAIR records built from the RDs (fair/): DataCite, JSON-LD, PROV,
licences, table DataLink documents."""

import json
from pathlib import Path

import pytest
from datacite import schema45
from lxml import etree
from prov.model import ProvDocument

from exporters.shop import samples
from exporters.shop.datasets import component_spec
from exporters.shop.info import licence_text
from fair import datacite, describe, jsonld, licences, prov, tablelinks

RESOURCES = sorted(p.parent.name for p in (
    Path(__file__).resolve().parents[1] / "resources").glob("*/dataset.json"))
AUTHORITY = "astroparticle.vo"
DC = "{http://datacite.org/schema/kernel-4}"


@pytest.mark.parametrize("name", RESOURCES)
def test_datacite_records_satisfy_the_datacite_schema(name):
    release = describe.Release("ALDEBARAN", "2026-12-01", "ab12")
    for data in (datacite.record(name, AUTHORITY),
                 datacite.release_record(name, AUTHORITY, release,
                                         time_range=("1998-07-02",
                                                     "1998-07-03"))):
        assert schema45.validator.is_valid(data), name
        root = etree.fromstring(datacite.to_xml(data, name))
        for tag in ("identifier", "creators", "titles", "publisher",
                    "publicationYear", "resourceType", "rightsList"):
            assert root.find(DC + tag) is not None, (name, tag)
        ident = root.find(DC + "identifier")
        assert ident.get("identifierType") == "DOI"
        assert ident.text.startswith("10.5072/apdc." + name)
        alt = root.find(f"{DC}alternateIdentifiers/{DC}alternateIdentifier")
        assert alt.text == f"ivo://{AUTHORITY}/{name}"


def test_release_record_names_its_release_and_the_resource():
    release = describe.Release("MERIDIAN", "2026-12-01")
    root = etree.fromstring(datacite.to_xml(
        datacite.release_record("auger2022", AUTHORITY, release)))
    assert root.find(DC + "version").text == "MERIDIAN"
    assert root.find(DC + "identifier").text == \
        "10.5072/apdc.auger2022.meridian"
    relations = {(r.get("relationType"), r.text) for r in root.iter(
        DC + "relatedIdentifier")}
    assert ("IsVersionOf", "10.5072/apdc.auger2022") in relations
    assert ("IsDerivedFrom", "10.5281/zenodo.6759610") in relations


def test_invalid_record_is_refused_with_the_field():
    data = datacite.record("ta2014", AUTHORITY)
    del data["titles"]
    with pytest.raises(datacite.DataCiteError, match="ta2014.*titles"):
        datacite.to_xml(data, "ta2014")


@pytest.mark.parametrize("dataset", ["kascade", "kascade_sim"])
def test_package_records_are_valid_and_part_of_the_data_set(dataset):
    for name, selection, _ in samples.sample_selections(dataset):
        data = datacite.package_record(dataset, AUTHORITY, name,
                                       ["application/x-hdf5"])
        root = etree.fromstring(datacite.to_xml(data, name))
        assert name in root.find(f"{DC}titles/{DC}title").text
        assert any(r.get("relationType") == "IsPartOf"
                   for r in root.iter(DC + "relatedIdentifier"))


def test_licences_are_exact():
    auger = licences.licence_of("auger2022")
    assert auger.spdx == "CC-BY-SA-4.0"
    assert auger.uri == "https://creativecommons.org/licenses/by-sa/4.0/"
    hess = licences.licence_of("hess_dr1")
    assert hess.spdx == "CC-BY-4.0"
    assert "new claims" in hess.statement
    kcdc = licences.licence_of("kascade")
    assert "KCDC's terms of use" in kcdc.statement and kcdc.uri is None


@pytest.mark.parametrize("name", RESOURCES)
def test_licence_is_the_same_in_datacite_jsonld_and_shop_licence(name):
    licence = licences.licence_of(name)
    root = etree.fromstring(datacite.to_xml(datacite.record(name,
                                                            AUTHORITY)))
    rights = list(root.iter(DC + "rights"))
    assert rights[0].get("rightsURI") == licence.uri
    assert rights[0].text == licence.name
    assert rights[1].text == licence.statement
    ld = jsonld.dataset(name, AUTHORITY, "http://x")
    if licence.uri:
        assert ld["license"] == licence.uri
    else:
        assert ld["license"]["text"] == licence.statement
    try:
        comp = component_spec(name)
    except Exception:  # not a shop data set
        return
    text = licence_text(comp)
    assert " ".join(licence.statement.split()) in " ".join(text.split())
    if licence.uri:
        assert f"Licence URI: {licence.uri}" in text


def test_jsonld_dataset_has_what_search_engines_read():
    ld = jsonld.dataset("kascade_sim", AUTHORITY, "http://x",
                        time_range=("2026-01-01", "2026-02-01"))
    assert ld["@type"] == "Dataset" and "simulated" in ld["name"].lower()
    for key in ("name", "description", "identifier", "license", "creator",
                "version", "temporalCoverage", "spatialCoverage",
                "distribution", "isAccessibleForFree"):
        assert ld[key] not in (None, "", []), key
    assert ld["temporalCoverage"] == "2026-01-01/2026-02-01"
    download = ld["distribution"][0]
    assert download["contentUrl"].startswith("http://x/tap/sync?")
    assert download["encodingFormat"] == "application/x-votable+xml"


def test_embeddable_jsonld_survives_dachs_macro_expansion():
    ld = jsonld.dataset("vcv_agn", AUTHORITY, "http://x")
    text = jsonld.embeddable(ld)
    assert not set("&<>") & set(text)
    # DaCHS expands \\ to \ ; the page then carries plain JSON
    assert json.loads(text.replace("\\\\", "\\")) == json.loads(
        json.dumps(ld))


def _facts(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("1 2 3\n", encoding="utf-8")
    from apdc.fetch import sha256_of
    return source, prov.ImportFacts(
        "kascade", AUTHORITY, describe.Release("R1", "2026-12-01"),
        "abc123", '{"tables": {}}',
        (prov.SourceFile("in.txt", sha256_of(source), "https://k/in.txt",
                         6),),
        {"kascade.events": 9, "kascade.runs": 1},
        (prov.SourceFile("runs/r.h5", "00", "product step x", 1),),
        "2026-12-01T21:00:00", "2026-12-01T21:00:05")


def test_prov_json_round_trips_with_checksums(tmp_path):
    source, facts = _facts(tmp_path)
    texts = prov.serialize(prov.document(facts))
    doc = ProvDocument.deserialize(content=texts["json"], format="json")
    entities = {str(r.identifier): r for r in doc.get_records()
                if r.get_type().localpart == "Entity"}
    original = entities["apdc:kascade/input/in.txt"]
    sha = [v for k, v in original.attributes if k.localpart == "sha256"]
    from apdc.fetch import sha256_of
    assert sha == [sha256_of(source)]
    assert "ivo:kascade?kascade.events" in entities
    assert "apdc:kascade/product/runs/r.h5" in entities
    assert "wasAssociatedWith" in texts["provn"]
    one = prov.document(facts, "kascade.runs")
    ids = {str(r.identifier) for r in one.get_records()
           if r.get_type().localpart == "Entity"}
    assert "ivo:kascade?kascade.events" not in ids
    assert "ivo:kascade?kascade.runs" in ids


def test_table_datalink_document_parses_as_datalink():
    from astropy.io.votable import parse
    import io
    text = tablelinks.document("ivo://a/b?b.t", [
        ("http://x/p.json", "#documentation", "PROV & co", "application/json",
         None), ("http://o/f", "#progenitor", "orig", "text/plain", 12)])
    table = parse(io.BytesIO(text.encode())).get_first_table().to_table()
    assert list(table["semantics"]) == ["#documentation", "#progenitor"]
    assert table["description"][0] == "PROV & co"
    assert table["content_length"][1] == 12


def test_every_shop_format_has_a_mime_type_for_the_package_records():
    from apdc import fair_records
    from exporters.shop.selection import FORMATS
    assert set(FORMATS) <= set(fair_records._MIME)


@pytest.mark.parametrize("name", RESOURCES)
def test_every_resource_feeds_its_jsonld_into_the_info_pages(name):
    """rd/common.rd#jsonld is what puts the record into the info pages."""
    text = (Path(__file__).resolve().parents[1] / "rd" / f"{name}.rd"
            ).read_text(encoding="utf-8")
    assert '<FEED source="common#jsonld"/>' in text


def test_prov_of_a_view_uses_the_tables_it_reads(tmp_path):
    _, facts = _facts(tmp_path)
    import dataclasses
    facts = dataclasses.replace(facts, upstream=(
        ("kascade_sim", "kascade_sim.events"),))
    provn = prov.serialize(prov.document(facts))["provn"]
    assert "used(apdc:kascade/import/r1, ivo:kascade_sim?kascade_sim.events" \
        in provn


def test_datacite_points_to_the_provenance_record():
    data = datacite.record("hess_dr1", AUTHORITY,
                           provenance_url="http://x/prov/hess_dr1.json")
    root = etree.fromstring(datacite.to_xml(data))
    link = [r for r in root.iter(DC + "relatedIdentifier")
            if r.get("relationType") == "HasMetadata"]
    assert [r.text for r in link] == ["http://x/prov/hess_dr1.json"]
    assert link[0].get("relatedMetadataScheme") == "W3C PROV-JSON"


def test_provtap_rows_have_the_rd_columns(tmp_path):
    """Rows built from a PROV record fit the tables of rd/provtap.rd."""
    from apdc import provtap
    from converters import rdschema
    _, facts = _facts(tmp_path)
    rows = provtap.rows_of(prov.document(facts), "kascade")
    for table in provtap.TABLES:
        assert rows[table], table
        names = set(rdschema.table("provtap", table).names)
        assert all(set(row) == names for row in rows[table]), table
        columns = provtap._columns(table, rows[table])
        assert {len(v) for v in columns.values()} == {len(rows[table])}
    entity = {r["id"]: r for r in rows["entity"]}["apdc:kascade/input/in.txt"]
    assert entity["location"] == "https://k/in.txt" and entity["file_size"] == 6
    assert provtap._columns("used", [])["entity_id"].size == 0


def test_unknown_licence_uri_or_missing_rights_is_named(tmp_path):
    (tmp_path / "odd.rd").write_text(
        '<resource schema="odd"><meta name="rights">Free.</meta>'
        '<meta name="rights.rightsURI">https://example.org/l</meta>'
        '</resource>', encoding="utf-8")
    (tmp_path / "bare.rd").write_text('<resource schema="bare"/>',
                                      encoding="utf-8")
    with pytest.raises(licences.LicenceError,
                       match="odd.rd.*https://example.org/l"):
        licences.licence_of("odd", tmp_path)
    with pytest.raises(licences.LicenceError, match="bare.rd.*rights"):
        licences.licence_of("bare", tmp_path)
