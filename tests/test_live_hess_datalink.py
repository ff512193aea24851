"""H.E.S.S. DL3 DR1 in ivoa.obscore, its DataLink documents and SODA cutouts.

Against the running server: ObsCore values against the observation
index, links documents through STILTS datalinklint, every link
downloaded and opened as its content type says, and SODA cutouts
compared with a direct selection of the events in the mirrored file
(positions by astropy and by pgSphere, times by astropy, energies from
astropy's h c).
"""

import gzip
import hashlib
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import numpy as np
import pytest
from astropy import constants, units
from astropy.coordinates import SkyCoord
from astropy.io import fits, votable
from astropy.time import Time

from apdc import config
from tests.conftest import run_stilts
from tests.datalinklint_support import lint_errors
from tests.release_link_support import check_release_link, is_release_link

pytestmark = pytest.mark.live

CRAB_RUN = 23523          # Crab Nebula, wobble 0.5 deg south
PKS_RUN = 33787           # PKS 2155-304 flare
COLLECTION = "H.E.S.S. DL3 DR1"
HC_TEV_M = (constants.h * constants.c).to_value(units.TeV * units.m)
GADF_KEYWORDS = ("HDUCLASS", "HDUDOC", "HDUVERS", "HDUCLAS1", "OBS_ID",
    "TSTART", "TSTOP", "ONTIME", "LIVETIME", "DEADC", "RA_PNT", "DEC_PNT",
    "EQUINOX", "RADECSYS", "ORIGIN", "TELESCOP", "INSTRUME", "CREATOR",
    "MJDREFI", "MJDREFF", "TIMEUNIT", "TIMESYS", "TIMEREF")


def authority():
    return config.site_settings()["authority"]


def pubdid(obs_id):
    return (f"ivo://{authority()}/~?hess_dr1/"
        f"hess_dl3_dr1_obs_id_{obs_id:06d}.fits")


def http_get(url, **params):
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            return resp.status, resp.headers.get("content-type"), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type"), err.read()


def links_url(server, ident):
    return (f"{server}/hess_dr1/dl/dlmeta?" + urllib.parse.urlencode(
        {"ID": ident, "RESPONSEFORMAT": "votable"}))


def get_links(server, ident):
    status, ctype, body = http_get(links_url(server, ident))
    assert status == 200, body[:500]
    assert ctype.startswith("application/x-votable+xml;content=datalink")
    table = votable.parse(io.BytesIO(body)).get_first_table().to_table()
    return table, body


def soda(server, obs_id, **params):
    return http_get(f"{server}/hess_dr1/dl/dlget", ID=pubdid(obs_id),
        **params)


def manifest_sha256():
    """File name -> SHA-256 of the release's members (the manifest's
    archive checksums, resources/hess_dr1/SHA256SUMS)."""
    manifest = json.loads((config.RESOURCES_DIR / "hess_dr1" / "dataset.json"
        ).read_text(encoding="utf-8"))
    (archive,) = manifest["archives"]
    sums = (config.RESOURCES_DIR / "hess_dr1" / archive["checksums"]
        ).read_text(encoding="utf-8").split()
    return dict(zip(sums[1::2], sums[::2]))


def run_file(mirror, obs_id):
    return mirror / "hess_dl3_dr1" / "data" / \
        f"hess_dl3_dr1_obs_id_{obs_id:06d}.fits.gz"


# --- ObsCore ---------------------------------------------------------------

def test_all_runs_are_in_obscore(tap):
    n = tap.search("SELECT COUNT(*) AS n FROM ivoa.obscore WHERE "
        "obs_collection LIKE '%H.E.S.S.%'")["n"][0]
    assert n == 105


def test_obscore_values_match_the_index(tap, mirror):
    rows = tap.search(f"""SELECT o.*, x.ra, x.dec, x.t_start_mjd,
        x.t_stop_mjd, x.livetime, x.safe_energy_lo, x.safe_energy_hi,
        x.pub_did
        FROM ivoa.obscore AS o JOIN hess_dr1.observations AS x
        ON o.obs_id = CAST(x.obs_id AS VARCHAR(10))
        WHERE o.obs_collection = '{COLLECTION}'""").to_table()
    assert len(rows) == 105
    assert set(rows["dataproduct_type"]) == {"event"}
    assert set(rows["calib_level"]) == {2}
    assert set(rows["facility_name"]) == {"H.E.S.S."}
    assert set(rows["access_format"]) == {"application/fits"}
    assert set(rows["source_table"]) == {"hess_dr1.observations"}
    assert np.allclose(rows["s_ra"], rows["ra"])
    assert np.allclose(rows["s_dec"], rows["dec"])
    assert np.allclose(rows["s_fov"], 5.0)
    assert np.allclose(rows["t_min"], rows["t_start_mjd"])
    assert np.allclose(rows["t_max"], rows["t_stop_mjd"])
    assert (rows["t_max"] > rows["t_min"]).all()
    assert np.allclose(rows["t_exptime"], rows["livetime"], rtol=1e-6)
    # wavelengths: em_min belongs to the highest energy
    assert np.allclose(rows["em_min"], HC_TEV_M / rows["safe_energy_hi"],
        rtol=1e-6)
    assert np.allclose(rows["em_max"], HC_TEV_M / rows["safe_energy_lo"],
        rtol=1e-6)
    assert (rows["em_min"] < rows["em_max"]).all()
    assert list(rows["obs_publisher_did"]) == list(rows["pub_did"])
    sizes = {p.name: len(gzip.decompress(p.read_bytes()))
        for p in (mirror / "hess_dl3_dr1" / "data").glob("*.fits.gz")}
    for row in rows:
        name = f"hess_dl3_dr1_obs_id_{int(row['obs_id']):06d}.fits"
        assert row["access_url"].endswith("/getproduct/hess_dr1/" + name)
        assert row["access_estsize"] == -(-sizes[name + ".gz"] // 1024)
        assert row["target_name"] and row["target_name"] != "custom"


def test_obscore_region_is_the_field_of_view(tap):
    rows = tap.search(f"""SELECT obs_id FROM ivoa.obscore WHERE
        obs_collection = '{COLLECTION}' AND
        1 = CONTAINS(POINT('ICRS', 83.6331, 22.0145), s_region)""")
    # the four Crab runs are pointed 0.5 deg off the Crab
    assert sorted(int(i) for i in rows["obs_id"]) == [23523, 23526, 23559,
        23592]
    outside = tap.search(f"""SELECT COUNT(*) AS n FROM ivoa.obscore WHERE
        obs_collection = '{COLLECTION}' AND obs_id = '23523' AND
        1 = CONTAINS(POINT('ICRS', 83.6333, 24.1), s_region)""")
    assert outside["n"][0] == 0


def test_obscore_file_is_the_released_file(tap, mirror):
    url = tap.search(f"""SELECT access_url FROM ivoa.obscore WHERE
        obs_collection = '{COLLECTION}' AND obs_id = '{CRAB_RUN}'""")[
        "access_url"][0]
    status, ctype, body = http_get(url)
    assert status == 200 and ctype == "application/fits"
    # the released file (checksum of the manifest), uncompressed
    name = f"hess_dl3_dr1_obs_id_{CRAB_RUN:06d}.fits.gz"
    released = run_file(mirror, CRAB_RUN).read_bytes()
    assert hashlib.sha256(released).hexdigest() == manifest_sha256()[name]
    assert body == gzip.decompress(released)
    assert fits.open(io.BytesIO(body))["EVENTS"].header["OBS_ID"] == CRAB_RUN


def test_obscore_datalink_forwards_to_the_run_links(server):
    url = (f"{server}/__system__/obscore/dl/dlmeta?" + urllib.parse.urlencode(
        {"ID": pubdid(CRAB_RUN)}))
    status, _, body = http_get(url)
    assert status == 200
    assert b"/hess_dr1/irf/dlget" in body


# --- DataLink documents ----------------------------------------------------

@pytest.mark.parametrize("obs_id", [CRAB_RUN, PKS_RUN, 20136])
def test_links_documents_pass_datalinklint(server, obs_id):
    code, output = run_stilts("datalinklint",
        "votable=" + links_url(server, pubdid(obs_id)))
    assert "Totals:" in output, output[-2000:]
    assert not lint_errors(output), output


def test_links_of_a_run(server):
    links, body = get_links(server, pubdid(CRAB_RUN))
    by_semantics = {}
    for row in links:
        assert row["ID"] == pubdid(CRAB_RUN)
        assert not row["error_message"], row
        by_semantics.setdefault(row["semantics"], []).append(row)
    assert [row["semantics"] for row in links] == ["#this"] + [
        "#calibration"] * 4 + ["#documentation", "#proc"]
    assert len(by_semantics["#this"]) == 1
    # the release these data come from (services/release_link.py)
    check_release_link(by_semantics["#documentation"][0], "hess_dr1")
    assert sorted(r["local_semantics"] for r in by_semantics["#calibration"]
        ) == ["irf-aeff", "irf-bkg", "irf-edisp", "irf-psf"]
    # the SODA service descriptor with the run's coverage
    assert b"ivo://ivoa.net/std/SODA#sync-1.0" in body
    for name in (b"CIRCLE", b"POLYGON", b"TIME", b"BAND"):
        assert b'name="' + name + b'"' in body


def test_every_link_downloads_and_opens(server, mirror):
    links, _ = get_links(server, pubdid(CRAB_RUN))
    checked = 0
    for row in links:
        if row["semantics"] == "#proc":
            continue
        if is_release_link(row):
            check_release_link(row, "hess_dr1")
            checked += 1
            continue
        status, ctype, body = http_get(row["access_url"])
        assert status == 200, (row["access_url"], body[:300])
        assert ctype == row["content_type"] == "application/fits"
        hdul = fits.open(io.BytesIO(body))
        if row["semantics"] == "#this":
            assert len(body) == row["content_length"]
            assert body == gzip.decompress(
                run_file(mirror, CRAB_RUN).read_bytes())
            assert [h.name for h in hdul] == ["PRIMARY", "EVENTS", "GTI",
                "AEFF", "EDISP", "PSF", "BKG"]
        else:
            hdu_name = row["local_semantics"].split("-")[1].upper()
            assert [h.name for h in hdul] == ["PRIMARY", hdu_name]
            with fits.open(run_file(mirror, CRAB_RUN)) as original:
                assert hdul[1].header["HDUCLAS2"] == \
                    original[hdu_name].header["HDUCLAS2"]
                for column in original[hdu_name].columns.names:
                    assert np.array_equal(hdul[1].data[column],
                        original[hdu_name].data[column])
            assert hdul[0].header["OBS_ID"] == CRAB_RUN
        checked += 1
    assert checked == 6


def test_unknown_run_gives_an_error_row(server):
    links, _ = get_links(server, pubdid(1))
    assert len(links) == 1
    assert links[0]["error_message"].startswith("NotFoundFault")
    links, _ = get_links(server, "ivo://elsewhere/data?x")
    assert links[0]["error_message"].startswith("NotFoundFault")
    code, output = run_stilts("datalinklint",
        "votable=" + links_url(server, pubdid(1)))
    assert not lint_errors(output), output


def test_missing_file_gives_error_rows_not_links(server):
    """A run whose DL3 file went away: error rows, no broken links."""
    path = config.RESOURCES_DIR / "hess_dr1" / "data" / "uncompressed" / \
        f"hess_dl3_dr1_obs_id_{PKS_RUN:06d}.fits"
    hidden = path.with_name("." + path.name + ".hidden")
    path.rename(hidden)
    try:
        links, body = get_links(server, pubdid(PKS_RUN))
        assert len(links) == 6
        # the release link does not depend on the file: still a link
        release = [row for row in links if is_release_link(row)]
        assert len(release) == 1
        check_release_link(release[0], "hess_dr1")
        for row in links:
            if is_release_link(row):
                continue
            assert not row["access_url"]
            assert row["error_message"].startswith("NotFoundFault")
        assert b"SODA#sync" not in body      # no cutout offered
        code, output = run_stilts("datalinklint",
            "votable=" + links_url(server, pubdid(PKS_RUN)))
        assert not lint_errors(output), output
        status, ctype, text = soda(server, PKS_RUN, CIRCLE="329.7 -30.2 0.5")
        assert status == 404 and ctype.startswith("text/plain")
        assert b"NotFoundError" in text
    finally:
        hidden.rename(path)
    links, _ = get_links(server, pubdid(PKS_RUN))
    assert not any(links["error_message"])


# --- SODA ------------------------------------------------------------------

def events_of(mirror, obs_id):
    with fits.open(run_file(mirror, obs_id)) as hdul:
        return (hdul["EVENTS"].data.copy(), hdul["EVENTS"].header.copy(),
            hdul["GTI"].data.copy())


def met(header, mjd_utc):
    reference = Time(header["MJDREFI"], header["MJDREFF"], format="mjd",
        scale="tt")
    return (Time(mjd_utc, format="mjd", scale="utc").tt - reference).sec


def cut(server, obs_id, **params):
    status, ctype, body = soda(server, obs_id, **params)
    assert status == 200, body[:500]
    assert ctype == "application/fits"
    hdul = fits.open(io.BytesIO(body))
    assert hdul.verify("exception") is None
    return hdul


def assert_selected(hdul, events, mask):
    got = np.sort(hdul["EVENTS"].data["EVENT_ID"])
    expected = np.sort(events["EVENT_ID"][mask])
    assert len(got) == hdul["EVENTS"].header["NAXIS2"]
    assert np.array_equal(got, expected)


def assert_gadf(hdul, header):
    assert [h.name for h in hdul] == ["PRIMARY", "EVENTS", "GTI", "AEFF",
        "EDISP", "PSF", "BKG"]
    for key in GADF_KEYWORDS:
        assert key in hdul["EVENTS"].header, key
    for key in ("HDUCLASS", "HDUCLAS1", "OBS_ID", "RA_PNT", "DEC_PNT",
            "DEADC", "MJDREFI", "MJDREFF", "TIMESYS"):
        assert hdul["EVENTS"].header[key] == header[key], key
    assert hdul["EVENTS"].columns.names == ["EVENT_ID", "TIME", "RA", "DEC",
        "ENERGY"]
    assert hdul["EVENTS"].columns["ENERGY"].unit == "TeV"
    assert any("SODA" in str(h) for h in hdul["EVENTS"].header["HISTORY"])


def test_circle_cutout(server, mirror):
    events, header, _ = events_of(mirror, CRAB_RUN)
    ra, dec, radius = 83.6331, 22.0145, 0.3
    hdul = cut(server, CRAB_RUN, CIRCLE=f"{ra} {dec} {radius}")
    separation = SkyCoord(events["RA"], events["DEC"], unit="deg"
        ).separation(SkyCoord(ra, dec, unit="deg")).deg
    mask = separation <= radius
    assert 100 < mask.sum() < len(events)
    assert_selected(hdul, events, mask)
    assert_gadf(hdul, header)
    # no time cut: the time keywords and the GTI are the original ones
    assert hdul["EVENTS"].header["LIVETIME"] == header["LIVETIME"]
    assert hdul["EVENTS"].header["TSTART"] == header["TSTART"]


def test_time_cutout_cuts_the_gti(server, mirror):
    events, header, gti = events_of(mirror, CRAB_RUN)
    start = Time(header["MJDREFI"] + header["MJDREFF"] + header["TSTART"]
        / 86400, format="mjd", scale="tt").utc.mjd
    t0, t1 = start + 0.0051234, start + 0.0117654
    hdul = cut(server, CRAB_RUN, TIME=f"{t0!r} {t1!r}")
    m0, m1 = met(header, t0), met(header, t1)
    mask = (events["TIME"] >= m0) & (events["TIME"] <= m1)
    assert 100 < mask.sum() < len(events)
    assert_selected(hdul, events, mask)
    assert_gadf(hdul, header)
    new_gti = hdul["GTI"].data
    assert len(new_gti) == 1
    assert new_gti["START"][0] == pytest.approx(max(m0, gti["START"][0]),
        abs=1e-3)
    assert new_gti["STOP"][0] == pytest.approx(min(m1, gti["STOP"][0]),
        abs=1e-3)
    out = hdul["EVENTS"].header
    ontime = new_gti["STOP"][0] - new_gti["START"][0]
    assert out["TSTART"] == pytest.approx(new_gti["START"][0])
    assert out["TSTOP"] == pytest.approx(new_gti["STOP"][0])
    assert out["ONTIME"] == pytest.approx(ontime)
    assert out["LIVETIME"] == pytest.approx(ontime * header["DEADC"])
    assert hdul["GTI"].header["TSTART"] == pytest.approx(out["TSTART"])


def test_band_cutout_is_in_wavelength(server, mirror):
    events, header, _ = events_of(mirror, CRAB_RUN)
    e_min, e_max = 1.23456, 10.54321                     # TeV
    band = (HC_TEV_M / e_max, HC_TEV_M / e_min)          # m
    hdul = cut(server, CRAB_RUN, BAND=f"{band[0]!r} {band[1]!r}")
    energy = events["ENERGY"].astype(np.float64)
    mask = (energy >= e_min * (1 - 1e-12)) & (energy <= e_max * (1 + 1e-12))
    assert 100 < mask.sum() < len(events)
    assert_selected(hdul, events, mask)
    assert_gadf(hdul, header)
    # open-ended band: everything above 5 TeV
    hdul = cut(server, CRAB_RUN, BAND=f"-Inf {HC_TEV_M / 5.0!r}")
    assert_selected(hdul, events, energy >= 5.0 * (1 - 1e-12))


def test_polygon_cutout_agrees_with_pgsphere(server, mirror, db):
    events, header, _ = events_of(mirror, PKS_RUN)
    ra0, dec0 = header["RA_PNT"], header["DEC_PNT"]
    vertices = [(ra0 - 1.1, dec0 - 0.9), (ra0 + 1.3, dec0 - 1.0),
        (ra0 + 0.7, dec0 + 1.2), (ra0 - 0.2, dec0 + 0.3),
        (ra0 - 1.2, dec0 + 0.8)]                        # not convex
    flat = " ".join(f"{v:.6f}" for vertex in vertices for v in vertex)
    hdul = cut(server, PKS_RUN, POLYGON=flat)
    polygon = "{" + ",".join(f"({a:.6f}d,{d:.6f}d)" for a, d in vertices) + "}"
    with db.cursor() as cursor:
        cursor.execute("""SELECT i - 1 FROM unnest(%s::float8[],
            %s::float8[]) WITH ORDINALITY AS e(ra, dec, i)
            WHERE %s::spoly @> spoint(radians(ra), radians(dec))""",
            (events["RA"].astype(float).tolist(),
             events["DEC"].astype(float).tolist(), polygon))
        inside = [row[0] for row in cursor.fetchall()]
    mask = np.zeros(len(events), dtype=bool)
    mask[inside] = True
    assert 100 < mask.sum() < len(events)
    assert_selected(hdul, events, mask)
    assert_gadf(hdul, header)


def test_combined_cutout(server, mirror):
    events, header, _ = events_of(mirror, PKS_RUN)
    ra0, dec0 = 329.71694, -30.2255                      # PKS 2155-304
    start = Time(header["MJDREFI"] + header["MJDREFF"] + header["TSTART"]
        / 86400, format="mjd", scale="tt").utc.mjd
    t0, t1 = start + 0.002, start + 0.015
    e_min, e_max = 0.4, 3.0
    hdul = cut(server, PKS_RUN, CIRCLE=f"{ra0} {dec0} 0.4",
        TIME=f"{t0!r} {t1!r}", BAND=f"{HC_TEV_M / e_max!r} {HC_TEV_M / e_min!r}")
    separation = SkyCoord(events["RA"], events["DEC"], unit="deg"
        ).separation(SkyCoord(ra0, dec0, unit="deg")).deg
    energy = events["ENERGY"].astype(np.float64)
    mask = ((separation <= 0.4)
        & (events["TIME"] >= met(header, t0)) & (events["TIME"] <= met(header, t1))
        & (energy >= e_min * (1 - 1e-12)) & (energy <= e_max * (1 + 1e-12)))
    assert 10 < mask.sum() < len(events)
    assert_selected(hdul, events, mask)
    assert_gadf(hdul, header)


def test_cut_without_events_is_a_valid_file(server, mirror):
    """Within the coverage but no event there: an empty EVENTS table."""
    _, header, _ = events_of(mirror, CRAB_RUN)
    hdul = cut(server, CRAB_RUN, CIRCLE="82.5 20.5 0.001")
    assert len(hdul["EVENTS"].data) == 0
    assert_gadf(hdul, header)


@pytest.mark.parametrize("params, status, text", [
    ({"TIME": "50000 50001"}, 422, b"NoOverlap"),
    ({"CIRCLE": "10 10 1"}, 422, b"NoOverlap"),
    ({"POLYGON": "10 10 11 10 11 11"}, 422, b"NoOverlap"),
    ({"BAND": "1e-10 1e-9"}, 422, b"NoOverlap"),
    ({"BAND": "abc"}, 422, b"UsageError"),
    ({"BAND": "1e-18"}, 422, b"UsageError"),
    ({"BAND": "1e-18 1e-19"}, 422, b"UsageError"),
    ({"CIRCLE": "83 22 -1"}, 422, b"UsageError"),
    ({"POLYGON": "83 22 84 22"}, 422, b"UsageError"),
    ({"TIME": "53343.94 53343.92"}, 422, b"UsageError"),
])
def test_bad_parameters_give_error_documents(server, params, status, text):
    got, ctype, body = soda(server, CRAB_RUN, **params)
    assert got == status, body[:300]
    assert ctype.startswith("text/plain")
    assert text in body, body


def test_unknown_id_gives_a_soda_error(server):
    status, ctype, body = soda(server, 1, CIRCLE="83 22 1")
    assert status == 404 and ctype.startswith("text/plain")
    assert re.match(rb"\w*Error: ", body) and b"NotFoundError" in body, body


def test_irf_extraction_rejects_unknown_hdus(server):
    status, ctype, body = http_get(f"{server}/hess_dr1/irf/dlget",
        ID=pubdid(CRAB_RUN), HDU="EVENTS")
    assert status == 422 and ctype.startswith("text/plain"), body
