"""H.E.S.S. DL3 DR1: the observation-index converter (converters/hess_dl3.py)
on the mirrored index, its manifest (archive members and SHA256SUMS), the
unpacking product step (apdc/products/hess.py), and bad input located by
file, row and field with its error code.
"""

import gzip
import hashlib
import json
import shutil

import numpy as np
import pytest

from apdc import config
from apdc.products import hess as hess_products
from converters import hess_dl3, rdschema
from converters.context import ImportContext
from converters.errors import E01, E02, E03, E04, E06, E08

N_RUNS = 105
RESOURCE_DIR = config.RESOURCES_DIR / "hess_dr1"


def manifest():
    return json.loads((RESOURCE_DIR / "dataset.json").read_text(
        encoding="utf-8"))


def checksums():
    """basename -> sha256 of resources/hess_dr1/SHA256SUMS."""
    (archive,) = manifest()["archives"]
    lines = (RESOURCE_DIR / archive["checksums"]).read_text(
        encoding="utf-8").splitlines()
    return {name.strip(): digest for digest, name in
            (line.split(None, 1) for line in lines if line.strip())}


def mirror_path(name):
    """The mirrored copy of a release member (by basename)."""
    (archive,) = manifest()["archives"]
    mirror = config.mirror_dir()
    if mirror is None:
        pytest.fail("No data mirror: set APDC_MIRROR or put shared/data "
            "beside the checkout.")
    for member in archive["members"]:
        relative = member[len(archive["strip"]):]
        for path in (mirror / archive["mirror"]).glob(relative):
            if path.name == name:
                return path
    raise AssertionError(f"{name} is not in the mirror")


def context(data_dir):
    return ImportContext("hess_dr1", data_dir)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    data = tmp_path_factory.mktemp("hess_dr1")
    shutil.copy(mirror_path(hess_dl3.FILE), data / hess_dl3.FILE)
    return hess_dl3.observations_table(context(data))


# --- manifest ---------------------------------------------------------------

def test_manifest_is_one_archive_with_all_members():
    spec = manifest()
    assert "files" not in spec
    (archive,) = spec["archives"]
    assert archive["url"].endswith("/hess_dl3_dr1.tar.gz")
    sums = checksums()
    assert len(sums) == N_RUNS + 2
    assert {hess_dl3.FILE, "README.txt"} <= set(sums)
    runs = [n for n in sums if n.startswith("hess_dl3_dr1_obs_id_")]
    assert len(runs) == N_RUNS and all(n.endswith(".fits.gz") for n in runs)
    assert all(len(d) == 64 for d in sums.values())
    assert spec["tables"] == {
        "hess_dr1.observations": "converters.hess_dl3:observations_table"}
    assert spec["products"] == ["apdc.products.hess:unpack_runs"]
    assert spec["derived"] == [hess_products.SERVED_FOLDER]
    assert spec["dachs_data"] == ["runs"]


def test_checksums_match_the_mirror():
    for name, digest in checksums().items():
        assert hashlib.sha256(mirror_path(name).read_bytes()).hexdigest() \
            == digest, name


# --- converter --------------------------------------------------------------

def test_converter_columns_are_the_rd_columns(converted):
    spec = rdschema.table("hess_dr1", "observations")
    # pub_did is computed by PostgreSQL (a generated column)
    assert sorted(converted) == sorted(n for n in spec.names
        if n != "pub_did")
    assert "//scs#q3cindex" in spec.system_parts
    for column in spec.columns:
        assert column.ucd and column.description, column.name
    assert {len(values) for values in converted.values()} == {N_RUNS}
    assert len(np.unique(converted["obs_id"])) == N_RUNS


def test_row_count_equals_the_published_index():
    from astropy.io import fits
    with fits.open(mirror_path(hess_dl3.FILE)) as hdus:
        assert hdus["OBS_INDEX"].header["NAXIS2"] == N_RUNS


def test_hess_observations_match_the_index(converted):
    from astropy.table import Table
    c = converted
    index = Table.read(mirror_path(hess_dl3.FILE), hdu="OBS_INDEX")
    assert list(c["obs_id"]) == list(index["OBS_ID"])
    assert c["ra"][0] == 228.6125 and c["dec"][0] == -58.771667
    assert np.allclose(c["dec"], index["DEC_PNT"], atol=1e-5)
    assert np.allclose(c["zenith"], index["ZEN_PNT"], atol=1e-5)
    assert c["object"][0] == "MSH15-52" and c["target_tag"][0] == "msh1552"
    assert c["event_count"].sum() == index["EVENT_COUNT"].sum()
    assert np.allclose(c["livetime"] / c["ontime"], c["deadc"], atol=1e-6)
    off = c["target_name"] == "Off data"
    assert off.sum() == 45
    assert np.ma.getmaskarray(c["target_offset"]).sum() == 45
    assert np.ma.getmaskarray(c["target_offset"])[off.filled(False)].all()
    assert c["n_tels"].dtype == np.int16 and c["obs_id"].dtype == np.int32


def test_hess_times_are_utc(converted):
    """TSTART: TT seconds since 2001-01-01T00:00:00 UTC (DATE-OBS is TT)."""
    c = converted
    # the index's DATE-OBS/TIME-OBS: 2004-03-26 02:57:46.184 (TT)
    assert c["t_start"][0] == np.datetime64("2004-03-26T02:56:42")
    assert c["t_stop"][0] == np.datetime64("2004-03-26T03:24:44")
    seconds = (c["t_stop"] - c["t_start"]) / np.timedelta64(1, "s")
    assert np.allclose(seconds, c["met_stop"] - c["met_start"])
    assert c["t_start_mjd"][0] == pytest.approx(53090.12270833, abs=1e-7)


# --- product step -----------------------------------------------------------

def test_unpack_runs_writes_the_served_copies(tmp_path):
    payload = b"SIMPLE  = T" + b" " * 69
    for obs_id in (23523, 23526):
        with gzip.open(tmp_path / f"hess_dl3_dr1_obs_id_{obs_id:06d}.fits.gz",
                "wb") as f:
            f.write(payload)
    folder = tmp_path / hess_products.SERVED_FOLDER
    folder.mkdir()
    (folder / "hess_dl3_dr1_obs_id_000001.fits").write_bytes(b"stale")
    assert hess_products.unpack_runs(context(tmp_path)) == 2
    assert sorted(p.name for p in folder.iterdir()) == [
        "hess_dl3_dr1_obs_id_023523.fits", "hess_dl3_dr1_obs_id_023526.fits"]
    assert (folder / "hess_dl3_dr1_obs_id_023523.fits").read_bytes() == payload
    # a second call finds everything current
    assert hess_products.unpack_runs(context(tmp_path)) == 0


# --- bad input --------------------------------------------------------------

def write_hess_index(tmp_path, edit):
    from astropy.io import fits
    with fits.open(mirror_path(hess_dl3.FILE)) as hdus:
        hdu = hdus["OBS_INDEX"].copy()
    hdu = edit(hdu) or hdu
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(
        tmp_path / hess_dl3.FILE, overwrite=True)
    return context(tmp_path)


def test_hess_out_of_range_value_names_row_and_field(tmp_path):
    def edit(hdu):
        hdu.data["DEC_PNT"][6] = -123.0
    with pytest.raises(E06, match="^E06: ") as info:
        hess_dl3.observations_table(write_hess_index(tmp_path, edit))
    assert (info.value.row, info.value.field) == (7, "DEC_PNT")
    assert info.value.path.endswith(hess_dl3.FILE)


def test_hess_nan_pointing_is_refused(tmp_path):
    def edit(hdu):
        hdu.data["RA_PNT"][10] = np.nan
    with pytest.raises(E06) as info:
        hess_dl3.observations_table(write_hess_index(tmp_path, edit))
    assert (info.value.row, info.value.field) == (11, "RA_PNT")


def test_hess_other_time_system_is_refused(tmp_path):
    def edit(hdu):
        hdu.header["TIMESYS"] = "UTC"
    with pytest.raises(E03) as info:
        hess_dl3.observations_table(write_hess_index(tmp_path, edit))
    assert info.value.field == "TIMESYS"


def test_hess_duplicate_obs_id(tmp_path):
    def edit(hdu):
        hdu.data["OBS_ID"][20] = hdu.data["OBS_ID"][3]
    with pytest.raises(E08) as info:
        hess_dl3.observations_table(write_hess_index(tmp_path, edit))
    assert info.value.field == "OBS_ID" and "more than once" in str(info.value)
    assert info.value.row == 4


def test_hess_missing_column(tmp_path):
    from astropy.io import fits

    def edit(hdu):
        columns = [c for c in hdu.columns if c.name != "LIVETIME"]
        new = fits.BinTableHDU.from_columns(columns, header=None,
            name="OBS_INDEX")
        for key in ("MJDREFI", "MJDREFF", "TIMESYS", "TIMEUNIT"):
            new.header[key] = hdu.header[key]
        return new
    with pytest.raises(E04) as info:
        hess_dl3.observations_table(write_hess_index(tmp_path, edit))
    assert info.value.field == "LIVETIME"


def test_hess_corrupt_and_missing_file(tmp_path):
    data = mirror_path(hess_dl3.FILE).read_bytes()
    (tmp_path / hess_dl3.FILE).write_bytes(data[:len(data) // 2])
    with pytest.raises(E02) as info:
        hess_dl3.observations_table(context(tmp_path))
    assert info.value.path.endswith(hess_dl3.FILE)
    assert "corrupt" in str(info.value)
    (tmp_path / hess_dl3.FILE).unlink()
    with pytest.raises(E01) as info:
        hess_dl3.observations_table(context(tmp_path))
    assert "not found" in str(info.value)


def test_hess_not_gzip_fits(tmp_path):
    with gzip.open(tmp_path / hess_dl3.FILE, "wb") as f:
        f.write(b"SIMPLE  = this is not FITS\n")
    with pytest.raises(E02):
        hess_dl3.observations_table(context(tmp_path))
