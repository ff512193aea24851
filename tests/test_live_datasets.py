"""Every published data set, as the live TAP service serves it."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from apdc import config, resources

pytestmark = pytest.mark.live

RESOURCES = resources.discover()
# the published data sets beside the KASCADE event resources
DATASETS = sorted(n for n in RESOURCES if not n.startswith("kascade"))

# rows in the mirrored source files, counted independently of the converters
SOURCE_ROWS = {
    "icecube_ps.events": 36900, "icecube_alerts.alerts": 348 + 26,
    "auger2022.events": 2635, "auger2015.events": 231, "ta2014.events": 72,
    "hess_dr1.observations": 105, "fermi3fhl.main": 1556,
    "fermi3fgl.main": 3034, "swift_bat70.main": 1210,
}


def _tables():
    for name in DATASETS:
        for table in RESOURCES[name].manifest["tables"]:
            yield name, table


@pytest.mark.parametrize("name,table", list(_tables()))
def test_served_rows_equal_converted_rows(tap, name, table):
    converted = dict(RESOURCES[name].tables())[table]
    n_converted = len(next(iter(converted.values())))
    served = tap.search(f"SELECT COUNT(*) AS n FROM {table}")["n"][0]
    assert served == n_converted
    if table in SOURCE_ROWS:
        assert served == SOURCE_ROWS[table]


def test_positional_data_sets_have_cone_searches():
    # all but the all-sky spectra collection have positions
    assert set(DATASETS) - set(CONE_DATASETS) == {"crspectra"}


def test_all_data_sets_are_served(tap):
    schemas = {str(s) for s in tap.search(
        "SELECT schema_name FROM TAP_SCHEMA.schemas")["schema_name"]}
    assert set(DATASETS) <= schemas


@pytest.mark.parametrize("name", DATASETS + ["kascade", "kascade_sim"])
def test_resource_metadata_has_provenance_licence_citation(name):
    root = ET.parse(config.RD_DIR / f"{name}.rd").getroot()
    metas = {m.get("name") for m in root.iter("meta")}
    for required in ("title", "description", "creator", "subject", "source",
            "rights", "_longdoc", "referenceURL" if name != "kascade_sim"
            else "type"):
        assert required in metas, f"{name}: no {required}"
    assert "howtociteLink" in metas or name == "kascade_sim"


def test_every_column_has_ucd_and_description(tap):
    cols = tap.search("SELECT table_name, column_name, unit, ucd, description "
        "FROM TAP_SCHEMA.columns WHERE table_name NOT LIKE 'tap_schema.%' "
        "AND table_name NOT LIKE 'ivoa.%'").to_table()
    missing = [f"{r['table_name']}.{r['column_name']}" for r in cols
        if not r["ucd"] or len(str(r["description"])) < 10]
    assert not missing, missing


def test_unicode_minus_file_values(tap, mirror):
    """Auger 2015 uses U+2212 for minus: negative declinations survive."""
    text = (mirror / "auger/Auger2015_ApJ804_15_above52EeV.dat").read_text(
        encoding="utf-8")
    first = [l for l in text.splitlines() if l.strip() and not l.startswith("#")][0]
    fields = [float(f.replace("\u2212", "-")) for f in first.split()]
    ra, dec = fields[4], fields[5]
    rows = tap.search(f"SELECT ra, dec, energy FROM auger2015.events WHERE "
        f"1 = CONTAINS(POINT(ra, dec), CIRCLE({ra}, {dec}, 0.01))").to_table()
    assert len(rows) >= 1
    assert np.isclose(rows["energy"][0], fields[3])
    rows_in_file = [l.split() for l in text.splitlines()
        if l.strip() and not l.startswith("#")]
    negative_in_file = sum(r[5].startswith("\u2212") for r in rows_in_file)
    negative = tap.search("SELECT COUNT(*) AS n FROM auger2015.events "
        "WHERE dec < 0")["n"][0]
    assert negative == negative_in_file > 100


def test_icecube_170922a_contains_txs0506(tap):
    rows = tap.search("SELECT s.source_name FROM icecube_alerts.alerts AS a "
        "JOIN fermi3fhl.main AS s ON 1 = CONTAINS(POINT(s.ra, s.dec), "
        "a.error_region) WHERE a.alert_name = 'IceCube-170922A'").to_table()
    assert "3FHL J0509.4+0542" in {str(n).strip() for n in rows["source_name"]}


def _cone_test_query(name):
    """The cone service's testQuery (ra, dec, sr), or None if it has none.

    The service is either written out or made by the shared stream
    common#cone (rd/common.rd), whose FEED gives testRA, testDec, testSR.
    """
    root = ET.parse(config.RD_DIR / f"{name}.rd").getroot()
    for feed in root.findall("FEED"):
        if feed.get("source") == "common#cone":
            return {"ra": feed.get("testRA"), "dec": feed.get("testDec"),
                "sr": feed.get("testSR")}
    for service in root.iter("service"):
        if service.get("id") == "cone":
            return {m.get("name"): m.text for q in service.iter("meta")
                if q.get("name") == "testQuery" for m in q}
    return None


CONE_DATASETS = [n for n in DATASETS if _cone_test_query(n) is not None]


@pytest.mark.parametrize("name", CONE_DATASETS)
def test_cone_search_of_each_data_set(server, name):
    import pyvo
    test_query = _cone_test_query(name)
    scs = pyvo.dal.SCSService(f"{server}/{name}/cone/scs.xml")
    found = scs.search(pos=(float(test_query["ra"]), float(test_query["dec"])),
        radius=float(test_query["sr"]))
    assert len(found) >= 1
