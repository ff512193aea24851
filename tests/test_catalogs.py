"""The catalogue converters (converters/catalogs/) on the mirrored files.

Row counts are checked against counts taken from the files by other
means (FITS headers, line counts), values against the file text and
against independently known positions.
"""

import gzip
import shutil

import numpy as np
import pytest
from astropy.io import fits

from apdc import config
from converters import rdschema, tables
from converters.catalogs import fermi, openngc, swift_bat, tev, vcv
from converters.context import ImportContext
from converters.errors import E01, E02, E03, E04, E05, E06, E08

#: catalogue (RD name) -> its converter
CONVERTERS = {"fermi3fhl": fermi.fermi3fhl_table,
    "fermi3fgl": fermi.fermi3fgl_table, "gammacat": tev.gammacat_table,
    "tevcat": tev.tevcat_table, "hgps": tev.hgps_table,
    "swift_bat70": swift_bat.swift_bat70_table,
    "vcv_agn": vcv.vcv_agn_table, "openngc": openngc.openngc_table}


def convert(name, data_dir):
    return CONVERTERS[name](ImportContext(name, data_dir))


@pytest.fixture(scope="module")
def cat_dir():
    mirror = config.mirror_dir()
    if mirror is None or not (mirror / "catalogs").is_dir():
        pytest.fail("No data mirror with catalogs/: set APDC_MIRROR or put "
            "shared/data beside the checkout.")
    return mirror / "catalogs"


@pytest.fixture(scope="module")
def converted(cat_dir):
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = convert(name, cat_dir)
        return cache[name]
    return get


def _fits_rows(path, hdu):
    with fits.open(path) as hdus:
        return hdus[hdu].header["NAXIS2"]


def _lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def _separation(ra1, dec1, ra2, dec2):
    ra1, dec1, ra2, dec2 = map(np.radians, (ra1, dec1, ra2, dec2))
    cos = (np.sin(dec1) * np.sin(dec2)
        + np.cos(dec1) * np.cos(dec2) * np.cos(ra1 - ra2))
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))


def _row(columns, key, value):
    index = np.flatnonzero(np.ma.getdata(columns[key]) == value)
    assert len(index) == 1, f"{key}={value!r}: {len(index)} rows"
    return {k: v[index[0]] for k, v in columns.items()}


# --- row counts -----------------------------------------------------------

def test_row_counts_equal_the_files(cat_dir, converted):
    expected = {
        "fermi3fhl": _fits_rows(cat_dir / fermi.FERMI_3FHL_FILE,
            "LAT_Point_Source_Catalog"),
        "fermi3fgl": _fits_rows(cat_dir / fermi.FERMI_3FGL_FILE,
            "LAT_Point_Source_Catalog"),
        "gammacat": _fits_rows(cat_dir / tev.GAMMACAT_FILE, 1),
        "hgps": _fits_rows(cat_dir / tev.HGPS_FILE, "HGPS_SOURCES"),
        "tevcat": sum(1 for line in _lines(cat_dir / tev.TEVCAT_FILE)
            if line and not line.startswith("#")) - 1,
        "swift_bat70": sum(1 for line in _lines(
            cat_dir / swift_bat.SWIFT_BAT_FILE)
            if line.split("|")[0].strip().isdigit()),
        "vcv_agn": sum(1 for line in _lines(cat_dir / vcv.VCV_FILE)
            if line.startswith("|")) - 1,
        "openngc": sum(len(_lines(cat_dir / name)) - 1
            for name in openngc.OPENNGC_FILES),
    }
    assert expected == {"fermi3fhl": 1556, "fermi3fgl": 3034,
        "gammacat": 166, "hgps": 78, "tevcat": 176, "swift_bat70": 1210,
        "vcv_agn": 1145, "openngc": 14033}
    for name, count in expected.items():
        columns = converted(name)
        assert {len(v) for v in columns.values()} == {count}, name


@pytest.mark.parametrize("name", ["fermi3fhl", "fermi3fgl", "gammacat",
    "tevcat", "hgps", "swift_bat70", "vcv_agn", "openngc"])
def test_identifiers_unique_and_positions_on_the_sky(converted, name):
    columns = converted(name)
    primary = {"fermi3fhl": "source_name", "fermi3fgl": "source_name",
        "gammacat": "source_id", "tevcat": "source_id",
        "hgps": "source_name", "swift_bat70": "swift_name",
        "vcv_agn": "vcv_id", "openngc": "name"}[name]
    ids = np.ma.getdata(columns[primary])
    assert len(set(ids.tolist())) == len(ids)
    ra, dec = np.ma.compressed(columns["ra"]), np.ma.compressed(columns["dec"])
    assert ((ra >= 0) & (ra < 360)).all() and (np.abs(dec) <= 90).all()
    classes = np.ma.compressed(columns["class"])
    assert (np.char.lower(classes) == classes).all()


@pytest.mark.parametrize("name", sorted(CONVERTERS))
def test_converter_columns_are_the_rd_columns(converted, name):
    assert list(converted(name)) == list(rdschema.table(name, "main").names)


@pytest.mark.parametrize("name", sorted(CONVERTERS))
def test_every_column_declares_its_source_or_derivation(name):
    for column in rdschema.table(name, "main").columns:
        assert ("source" in column.properties) != (
            "derive" in column.properties), (name, column.name)


# --- spot checks ----------------------------------------------------------

def test_3fhl_txs_0506(converted):
    row = _row(converted("fermi3fhl"), "assoc1", "TXS 0506+056")
    assert row["source_name"] == "3FHL J0509.4+0542"
    assert row["ra"] == pytest.approx(77.36, abs=0.01)
    assert row["dec"] == pytest.approx(5.70, abs=0.01)
    assert row["class_given"] == "bll" and row["class"] == "bll"
    assert not row["identified"]
    assert row["redshift"] is np.ma.masked   # none in v13
    assert row["conf95_semimajor"] < 0.1


def test_3fgl_txs_0506_and_infinities_are_null(converted):
    columns = converted("fermi3fgl")
    row = _row(columns, "assoc1", "TXS 0506+056")
    assert row["source_name"] == "3FGL J0509.4+0541"
    assert _separation(row["ra"], row["dec"], 77.3582, 5.6932) < 0.1
    # the file has -inf for parameters that do not apply
    assert np.isfinite(np.ma.compressed(columns["conf95_posang"])).all()
    first = _row(columns, "source_name", "3FGL J0000.1+6545")
    assert first["class"] is np.ma.masked   # unassociated


def test_fermi_identified_classes_in_capitals(converted):
    columns = converted("fermi3fgl")
    given = np.ma.getdata(columns["class_given"])
    identified = np.ma.getdata(columns["identified"])
    assert set(given[identified]) >= {"PSR", "BLL", "FSRQ"}
    assert not set(given[identified]) & {"psr", "bll", ""}
    vela = np.ma.getdata(columns["class"])[given == "PSR"]
    assert set(vela) == {"psr"}


@pytest.mark.parametrize("name,at_least", [("fermi3fhl", 1000),
    ("fermi3fgl", 1500), ("gammacat", 50), ("tevcat", 50),
    ("swift_bat70", 60)])
def test_blazar_class_selection(converted, name, at_least):
    classes = np.ma.getdata(converted(name)["class"])
    assert np.isin(classes, ["bll", "fsrq", "bcu"]).sum() >= at_least


def test_3fhl_blazar_counts_match_the_file(cat_dir, converted):
    with fits.open(cat_dir / fermi.FERMI_3FHL_FILE) as hdus:
        raw = np.char.strip(np.char.lower(
            hdus["LAT_Point_Source_Catalog"].data["CLASS"].astype(str)))
    classes = np.ma.getdata(converted("fermi3fhl")["class"])
    for name in ("bll", "fsrq", "bcu"):
        assert (classes == name).sum() == (raw == name).sum()


def test_gammacat_crab_and_classes(converted):
    columns = converted("gammacat")
    crab = _row(columns, "common_name", "Crab nebula")
    assert crab["tevcat_id"] == 74
    assert _separation(crab["ra"], crab["dec"], 83.633, 22.0145) < 0.01
    assert crab["class"] == "pwn"
    mrk421 = _row(columns, "common_name", "Markarian 421")
    assert mrk421["classes"] == "hbl" and mrk421["class"] == "bll"


def test_tevcat_positions_and_gammacat_classes(converted):
    columns = converted("tevcat")
    crab = _row(columns, "source_name", "Crab")
    assert crab["ra"] == pytest.approx(83.62958)
    assert crab["dec"] == pytest.approx(22.01444)
    assert crab["gal_l"] == pytest.approx(184.557, abs=0.01)
    assert crab["gal_b"] == pytest.approx(-5.784, abs=0.01)
    assert crab["class"] == "pwn"
    # MilagroDiffuse is not in gamma-cat: NULL class
    diffuse = _row(columns, "source_name", "MilagroDiffuse")
    assert diffuse["class"] is np.ma.masked
    assert np.ma.count_masked(columns["class"]) == 11


def test_hgps_vela_x(converted):
    row = _row(converted("hgps"), "source_name", "HESS J0835-455")
    assert row["identified_object"] == "Vela X"
    assert row["class"] == "pwn" and row["source_class"] == "PWN"
    assert row["ra"] == pytest.approx(128.8867, abs=1e-3)
    assert "2FHL J0835.3-4511 (2FHL)" in row["associations"]
    assert row["size_sigma"] == pytest.approx(0.585, abs=0.001)


def test_swift_bat_seyfert_ngc4151(converted):
    # file: 595|SWIFT J1210.5+3924 |182.674| 39.417| 300.63|NGC 4151 ...
    #   |  538.93|...| 0.0033|43.12|          0|          4|Sy1.5
    row = _row(converted("swift_bat70"), "counterpart_name", "NGC 4151")
    assert row["swift_name"] == "SWIFT J1210.5+3924"
    assert row["bat_index"] == 595
    assert (row["ra"], row["dec"]) == (182.674, 39.417)
    assert row["type"] == "Sy1.5" and row["class_code"] == 4
    assert row["class"] == "sy1"
    assert row["redshift"] == pytest.approx(0.0033)
    assert row["flux"] == pytest.approx(538.93e-12)
    assert row["log_lum"] == pytest.approx(43.12)


def test_swift_bat_nulls_and_blazar_subclasses(converted):
    columns = converted("swift_bat70")
    first = _row(columns, "swift_name", "SWIFT J0001.0-0708")
    assert first["redshift"] is np.ma.masked    # 0.0000 in the file
    assert first["log_lum"] is np.ma.masked     # NULL in the file
    assert first["other_name"] is np.ma.masked  # blank
    last = _row(columns, "swift_name", "SWIFT J2359.0-3038")   # BL Lac
    assert last["class"] == "bll"
    types = np.ma.getdata(columns["type"])
    classes = np.ma.getdata(columns["class"])
    assert set(classes[types == "FSRQ"]) == {"fsrq"}
    # otherwise class follows the catalogue's class number (CL2), even
    # where TYPE says otherwise (two 'Sy2' have CL2 = 8, quasar)
    codes = np.ma.getdata(columns["class_code"])
    assert set(classes[codes == 5]) == {"sy2"}
    assert set(classes[codes == 4]) == {"sy1"}
    assert (classes[types == "Sy2"] == "sy2").sum() == 181


def test_vcv_icrs_from_galactic(converted):
    columns = converted("vcv_agn")
    # ICRS positions of the nuclei (NED/SIMBAD)
    known = {"NGC 4151": (182.63574, 39.40573),
        "NGC 1068": (40.66963, -0.01331), "Circinus": (213.29146, -65.33922)}
    for name, (ra, dec) in known.items():
        row = _row(columns, "name", name)
        assert _separation(row["ra"], row["dec"], ra, dec) < 0.01, name
    row = _row(columns, "name", "NGC 4151")
    assert row["vcv_id"] == "VCV G155.0779+75.0629"
    assert row["spectral_class"] == "S1.5" and row["class"] == "sy1.5"
    assert row["vcv_class"] == "SEYFERT TYPE 1.5"
    # two different objects share this name
    assert (np.ma.getdata(columns["name"]) == "MCG +00.35.020").sum() == 2


def test_vcv_seyfert_classes(converted):
    classes = np.ma.getdata(converted("vcv_agn")["class"])
    assert (classes == "sy2").sum() > 300 and (classes == "sy1").sum() > 150
    assert "nlsy1" in classes and "bll" in classes


def test_openngc_m1_and_addendum(converted):
    columns = converted("openngc")
    m1 = _row(columns, "messier", 1)
    assert m1["name"] == "NGC1952" and m1["type"] == "SNR"
    assert m1["ra"] == pytest.approx(83.63, abs=0.01)
    assert m1["dec"] == pytest.approx(22.01, abs=0.01)
    assert m1["common_names"] == "Crab Nebula"
    m40 = _row(columns, "name", "M040")
    assert m40["source_file"] == "openngc_addendum.csv"
    assert m40["messier"] == 40
    m31 = _row(columns, "messier", 31)
    assert m31["name"] == "NGC0224" and m31["class"] == "gal"


def test_openngc_rows_without_position_kept_null(converted):
    columns = converted("openngc")
    no_pos = np.ma.getmaskarray(columns["ra"])
    assert no_pos.sum() == 7
    assert (np.ma.getmaskarray(columns["dec"]) == no_pos).all()
    assert set(np.ma.getdata(columns["type"])[no_pos]) == {"NonEx"}
    # a quoted field with the delimiter inside is one field
    ic67 = _row(columns, "name", "IC0067")
    assert ic67["ned_notes"] == "Nominal position; does not exist."


# --- bad input ------------------------------------------------------------

def _copy(cat_dir, tmp_path, *names):
    for name in names:
        shutil.copy(cat_dir / name, tmp_path / name)
    return tmp_path


def _edit_line(path, number, old, new):
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_bad_swift_bat_number(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, swift_bat.SWIFT_BAT_FILE)
    line = (data / swift_bat.SWIFT_BAT_FILE).read_text(encoding="utf-8").split("\n")[9]
    flux = line.split("|")[9]
    _edit_line(data / swift_bat.SWIFT_BAT_FILE, 10, flux, " 12.x4".rjust(
        len(flux)))
    with pytest.raises(E05) as exc:
        convert("swift_bat70", data)
    assert exc.value.row == 10 and exc.value.field == "FLUX"
    assert swift_bat.SWIFT_BAT_FILE in str(exc.value)


def test_bad_swift_bat_field_count(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, swift_bat.SWIFT_BAT_FILE)
    _edit_line(data / swift_bat.SWIFT_BAT_FILE, 7, "|Galaxy", "|extra|Galaxy")
    with pytest.raises(E08) as exc:
        convert("swift_bat70", data)
    assert exc.value.row == 7 and "expected 22 fields" in str(exc.value)


def test_bad_swift_bat_header(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, swift_bat.SWIFT_BAT_FILE)
    _edit_line(data / swift_bat.SWIFT_BAT_FILE, 2, "BAT_NAME", "NAME")
    with pytest.raises(E03) as exc:
        convert("swift_bat70", data)
    assert exc.value.row == 2 and "header" in str(exc.value)


def test_bad_vcv_latitude(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, vcv.VCV_FILE)
    _edit_line(data / vcv.VCV_FILE, 53, " 75.0629", " 95.0629")
    with pytest.raises(E06) as exc:
        convert("vcv_agn", data)
    assert exc.value.row == 53 and exc.value.field == "bii"


def test_bad_vcv_number(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, vcv.VCV_FILE)
    _edit_line(data / vcv.VCV_FILE, 14, "311.3261", "311,3261")
    with pytest.raises(E05) as exc:
        convert("vcv_agn", data)
    assert (exc.value.row, exc.value.field) == (14, "lii")
    assert "'311,3261' is not a number" in str(exc.value)


def test_bad_openngc_position_names_the_line(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, *openngc.OPENNGC_FILES)
    _edit_line(data / "openngc_addendum.csv", 3, "22:57:54.0", "22:5x:54.0")
    with pytest.raises(E05) as exc:
        convert("openngc", data)
    assert exc.value.row == 3 and "openngc_addendum.csv" in str(exc.value)
    assert "22:5x:54.0" in str(exc.value)


def test_duplicate_openngc_name(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, *openngc.OPENNGC_FILES)
    _edit_line(data / "openngc_addendum.csv", 5, "C041;", "C014;")
    with pytest.raises(E08) as exc:
        convert("openngc", data)
    assert exc.value.row == 5 and exc.value.field == "Name"


def test_openngc_missing_column(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, *openngc.OPENNGC_FILES)
    _edit_line(data / "openngc_NGC.csv", 1, ";V-Mag;", ";Vmag;")
    with pytest.raises(E04) as exc:
        convert("openngc", data)
    assert exc.value.field == "V-Mag"


def test_truncated_fits(cat_dir, tmp_path):
    raw = gzip.decompress((cat_dir / tev.HGPS_FILE).read_bytes())
    with gzip.open(tmp_path / tev.HGPS_FILE, "wb") as f:
        f.write(raw[:len(raw) // 3])
    with pytest.raises(E02) as exc:
        convert("hgps", tmp_path)
    assert tev.HGPS_FILE in str(exc.value)


def test_missing_file(tmp_path):
    with pytest.raises(E01) as exc:
        convert("fermi3fhl", tmp_path)
    assert "apdc fetch" in str(exc.value)


def test_fermi_declination_out_of_range(cat_dir, tmp_path):
    with fits.open(cat_dir / fermi.FERMI_3FHL_FILE) as hdus:
        hdus["LAT_Point_Source_Catalog"].data["DEJ2000"][4] = 95.0
        hdus.writeto(tmp_path / fermi.FERMI_3FHL_FILE)
    with pytest.raises(E06) as exc:
        convert("fermi3fhl", tmp_path)
    assert (exc.value.row, exc.value.field) == (5, "DEJ2000")


def test_fermi_missing_column(cat_dir, tmp_path):
    with fits.open(cat_dir / fermi.FERMI_3FGL_FILE) as hdus:
        table = hdus["LAT_Point_Source_Catalog"]
        table.columns.del_col("Flux1000")
        fits.HDUList([hdus[0], fits.BinTableHDU(table.data,
            table.header, name="LAT_Point_Source_Catalog")]).writeto(
            tmp_path / fermi.FERMI_3FGL_FILE)
    with pytest.raises(E04) as exc:
        convert("fermi3fgl", tmp_path)
    assert exc.value.field == "Flux1000"


def test_tevcat_duplicate_id(cat_dir, tmp_path):
    data = _copy(cat_dir, tmp_path, tev.TEVCAT_FILE,
        tev.GAMMACAT_FILE)
    path = data / tev.TEVCAT_FILE
    path.write_text(path.read_text(encoding="utf-8").replace('"Markarian 421" 75 ',
        '"Markarian 421" 74 '))
    with pytest.raises(E08) as exc:
        convert("tevcat", data)
    assert (exc.value.row, exc.value.field) == (2, "source_id")


# --- the shared helpers added to converters/tables.py -----------------------

def test_text_columns_and_parse_floats(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text('# comment\n|a |b  |\n| x| 1.5|\n\n|"y;|z"|NULL|\n')
    columns, rows = tables.text_columns(path, "|", edges=True)
    assert list(columns) == ["a", "b"]
    assert columns["a"].tolist() == ["x", "y;|z"]
    assert rows.tolist() == [3, 5]
    values = tables.parse_floats(path, columns["b"], rows, "b",
        null=("", "NULL"))
    assert values[0] == 1.5 and values[1] is np.ma.masked
    with pytest.raises(E05) as exc:
        tables.parse_floats(path, columns["a"], rows, "a")
    assert (exc.value.row, exc.value.field) == (3, "a")


def test_float_and_string_columns():
    from astropy.table import MaskedColumn, Table
    table = Table({"f": np.array([1.0, np.nan, -np.inf], dtype=np.float32),
        "s": MaskedColumn([b"ab  ", b"   ", b"c"], mask=[False, False, True])})
    f = tables.float_column(table, "f")
    assert f.dtype == np.float64 and np.ma.getmaskarray(f).tolist() == [
        False, True, True]
    s = tables.string_column(table, "s")
    assert s[0] == "ab" and np.ma.getmaskarray(s).tolist() == [
        False, True, True]
