"""Every cone search answers exactly the rows inside its radius.

For each resource with a cone service (found in its RD, written out or
made by the shared stream common#cone), the whole queried table is read
with plain SQL (no q3c, no pgSphere), the distances of all its rows to
the cone centre are computed with astropy, and the served rows must be
exactly those closer than the radius: every served row inside, the
count and the positions equal to the reference.  The cones are the
registry's test query and two seeded random cones centred on rows of
the table, with a radius chosen so that a few hundred rows fall in.
"""

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from apdc import config
from converters import rdschema
from tests.example_references import fetch, separation

pytestmark = pytest.mark.live

# rows near the edge whose distance is within this of the radius could
# honestly go either way (q3c and astropy round differently)
EDGE_DEG = 1e-9
# the random cones hold at most this many rows (well under MAXREC)
MAX_ROWS = 400
SEED = 20261201


def _cone_table_id(rd_name):
    """The id of the table the RD's cone service queries, or None."""
    root = ET.parse(config.RD_DIR / f"{rd_name}.rd").getroot()
    for feed in root.iter("FEED"):
        if feed.get("source") == "common#cone":
            return feed.get("table", "main")
    for service in root.findall("service"):
        if service.get("id") == "cone":
            return service.find("scsCore").get("queriedTable")
    return None


def _test_query(rd_name):
    """The cone service's registry test query as (ra, dec, sr)."""
    root = ET.parse(config.RD_DIR / f"{rd_name}.rd").getroot()
    for feed in root.iter("FEED"):
        if feed.get("source") == "common#cone":
            return tuple(float(feed.get(k)) for k in ("testRA", "testDec",
                "testSR"))
    for meta in root.iter("meta"):
        if meta.get("name") == "testQuery":
            values = {m.get("name"): float(m.text) for m in meta}
            return values["ra"], values["dec"], values["sr"]
    raise AssertionError(f"{rd_name}: cone service without testQuery")


# (common.rd only holds the stream)
CONE_RDS = sorted(p.stem for p in config.RD_DIR.glob("*.rd")
    if p.stem != "common" and "cone" in rdschema.service_ids(p.stem))


def test_cone_services_are_found():
    # the 14 positional catalogues and event tables published so far
    assert len(CONE_RDS) >= 14
    assert all(_cone_table_id(name) for name in CONE_RDS)


def _served(rd_name, ra, dec, sr):
    import pyvo
    base = config.dachs_url() if rdschema.is_restricted(rd_name) \
        else config.server_url()
    scs = pyvo.dal.SCSService(f"{base}/{rd_name}/cone/scs.xml")
    result = scs.search(pos=(ra, dec), radius=sr, verbosity=3,
        MAXREC=100000)
    # SCS 1.03 marks the position with the UCD1 words
    by_ucd = {f.ucd: f.name for f in result.fielddescs}
    ra_col, dec_col = by_ucd["POS_EQ_RA_MAIN"], by_ucd["POS_EQ_DEC_MAIN"]
    table = result.to_table()
    return (np.asarray(table[ra_col], dtype=np.float64),
        np.asarray(table[dec_col], dtype=np.float64))


def _cones(rd_name, positions):
    """The test query and two random cones of about MAX_ROWS rows."""
    yield _test_query(rd_name)
    rng = np.random.default_rng(SEED)
    for index in rng.choice(len(positions["ra"]), 2, replace=False):
        ra, dec = positions["ra"][index], positions["dec"][index]
        dist = np.sort(separation(positions["ra"], positions["dec"], ra, dec))
        # a radius between two rows' distances, so no row sits on the edge
        n = min(MAX_ROWS, len(dist) - 1)
        radius = min(float(dist[n - 1] + dist[n]) / 2, 30.0)
        yield float(ra), float(dec), radius


def _rounded(ra, dec):
    return sorted(zip(np.round(ra, 7).tolist(), np.round(dec, 7).tolist()))


@pytest.mark.parametrize("rd_name", CONE_RDS)
def test_cone_answer_equals_astropy_reference(db, rd_name):
    table = rdschema.table(rd_name, _cone_table_id(rd_name)).qualified_name
    positions = fetch(db, f"SELECT ra, dec FROM {table} "
        "WHERE ra IS NOT NULL AND dec IS NOT NULL")
    for ra, dec, sr in _cones(rd_name, positions):
        dist = separation(positions["ra"], positions["dec"], ra, dec)
        sure, edge = dist < sr - EDGE_DEG, np.abs(dist - sr) <= EDGE_DEG
        served_ra, served_dec = _served(rd_name, ra, dec, sr)
        cone = f"{rd_name} RA={ra} DEC={dec} SR={sr}"
        assert len(served_ra) > 0, cone
        served_dist = separation(served_ra, served_dec, ra, dec)
        assert (served_dist <= sr + EDGE_DEG).all(), (cone,
            served_dist.max())
        assert sure.sum() <= len(served_ra) <= sure.sum() + edge.sum(), (
            cone, len(served_ra), sure.sum())
        if not edge.any():
            assert _rounded(served_ra, served_dec) == _rounded(
                positions["ra"][sure], positions["dec"][sure]), cone
