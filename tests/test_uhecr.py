"""The UHECR event lists (Auger 2022, Auger 2015, TA 2014): converters on
the mirrored files, manifests and RDs agreeing with them, and bad input
located by file, row and field.  (The H.E.S.S. DL3 DR1 index: see
tests/test_hess_dl3.py.)
"""

import hashlib
import json
import shutil

import numpy as np
import pytest

from apdc import config
from converters import auger, rdschema, telescope_array
from converters.context import ImportContext
from converters.errors import E01, E03, E05, E06, E08

RESOURCES = {
    # resource: (table, converter, rows in the published file)
    "auger2022": ("events", auger.events_2022, 2635),
    "auger2015": ("events", auger.events_2015, 231),
    "ta2014": ("events", telescope_array.events_table, 72),
}
UNICODE_MINUS = "\u2212"


def manifest(name):
    path = config.RESOURCES_DIR / name / "dataset.json"
    return json.loads(path.read_text(encoding="utf-8"))


def mirror_path(name, index=0):
    return config.mirror_dir() / manifest(name)["files"][index]["mirror"]


def fill_data_dir(name, target):
    """Copy a resource's mirrored files into ``target`` under their names."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in manifest(name)["files"]:
        shutil.copy(config.mirror_dir() / entry["mirror"],
            target / entry["name"])
    return target


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Each resource's converter output on the mirrored files."""
    if config.mirror_dir() is None:
        pytest.fail("No data mirror: set APDC_MIRROR or put shared/data "
            "beside the checkout.")
    result = {}
    for name, (_, convert, _) in RESOURCES.items():
        data_dir = fill_data_dir(name, tmp_path_factory.mktemp(name))
        result[name] = convert(ImportContext(name, data_dir))
    return result


def ctx(name, data_dir):
    return ImportContext(name, data_dir)


def text_rows(path, delimiter=None):
    """The data lines of a file as lists of fields (Unicode minus kept)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split(delimiter) if delimiter else line.split())
    return rows


def number(text):
    return float(text.replace(UNICODE_MINUS, "-"))


# --- manifests, RDs and converters agree --------------------------------

@pytest.mark.parametrize("name", RESOURCES)
def test_manifest_checksums_match_the_mirror(name):
    for entry in manifest(name)["files"]:
        path = config.mirror_dir() / entry["mirror"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        assert entry.get("url") or entry.get("origin")


@pytest.mark.parametrize("name", RESOURCES)
def test_manifest_names_rd_table_and_converter(name):
    table, convert, _ = RESOURCES[name]
    module, function = manifest(name)["tables"][f"{name}.{table}"].split(":")
    assert (module, function) == (convert.__module__, convert.__name__)


@pytest.mark.parametrize("name", RESOURCES)
def test_converter_columns_are_the_rd_columns(name, converted):
    table, _, rows = RESOURCES[name]
    spec = rdschema.table(name, table)
    assert list(converted[name]) == list(spec.names)
    assert "//scs#q3cindex" in spec.system_parts
    for column in spec.columns:
        assert column.ucd and column.description, column.name
        assert ("source" in column.properties) != (
            "derive" in column.properties), column.name
    assert {len(values) for values in converted[name].values()} == {rows}


@pytest.mark.parametrize("name", RESOURCES)
def test_row_counts_equal_the_published_files(name, converted):
    _, _, rows = RESOURCES[name]
    delimiter = "," if name == "ta2014" else None
    assert len(text_rows(mirror_path(name), delimiter)) - (
        name == "ta2014") == rows
    assert len(np.unique(converted[name]["event_id"])) == rows


# --- Auger 2022 ---------------------------------------------------------

def test_auger2022_values_match_the_file_text(converted):
    c = converted["auger2022"]
    lines = text_rows(mirror_path("auger2022"))
    for i in (0, 1, 3, 1000, len(lines) - 1):
        yr, jd, utc, th, ph, ra, dec, e, expo = lines[i]
        assert c["event_id"][i] == f"Auger2022-{i + 1:04d}"
        assert c["unix_time"][i] == int(utc)
        assert c["obs_time"][i] == np.datetime64(int(utc), "s")
        assert (c["pub_year"][i], c["pub_day"][i]) == (int(yr), int(jd))
        assert (c["zenith"][i], c["phi_auger"][i]) == (float(th), float(ph))
        assert c["azimuth"][i] == pytest.approx((90 - float(ph)) % 360)
        assert (c["ra"][i], c["dec"][i]) == (float(ra), float(dec))
        assert (c["energy"][i], c["exposure"][i]) == (float(e), float(expo))


def test_auger2022_first_and_last_event(converted):
    c = converted["auger2022"]
    assert c["obs_time"][0] == np.datetime64("2004-01-19T12:18:01")
    assert c["obs_mjd"][0] == pytest.approx(53023.512511574, abs=1e-8)
    assert (c["ra"][0], c["dec"][0], c["energy"][0]) == (295.6, -31.0, 50.9)
    assert c["obs_time"][-1] == np.datetime64("2020-12-30T08:57:55")
    assert c["energy"].min() == 32.0 and c["energy"].max() == 165.5
    assert (c["dec"] < 0).sum() > 2000


def test_auger2022_galactic_coordinates(converted):
    from astropy.coordinates import SkyCoord
    c = converted["auger2022"]
    gal = SkyCoord(c["ra"][:50], c["dec"][:50], unit="deg").galactic
    assert np.allclose(c["gal_l"][:50], gal.l.deg, atol=1e-6)
    assert np.allclose(c["gal_b"][:50], gal.b.deg, atol=1e-6)


def test_auger2022_azimuth_convention_reproduces_ra_dec(converted):
    """Time, zenith and the geographic azimuth give the published RA/Dec."""
    import astropy.units as u
    from astropy.coordinates import EarthLocation
    from converters import sky
    c = converted["auger2022"]
    auger_site = EarthLocation.from_geodetic(lon=-69.3 * u.deg,
        lat=-35.2 * u.deg, height=1400 * u.m)
    ra, dec = sky.horizontal_to_icrs(c["unix_time"], c["zenith"],
        c["azimuth"], location=auger_site)
    distance = auger._separation_deg(ra, dec, c["ra"], c["dec"])
    assert np.median(distance) < 0.3 and distance.max() < 1.0


def test_auger2022_day_convention_is_noon_to_noon(converted):
    c = converted["auger2022"]
    shifted = c["obs_time"].astype("datetime64[s]") - np.timedelta64(12, "h")
    year = shifted.astype("datetime64[Y]").astype(int) + 1970
    day = (shifted.astype("datetime64[D]")
        - shifted.astype("datetime64[Y]")).astype(int) + 1
    assert (year == c["pub_year"]).all() and (day == c["pub_day"]).all()


# --- Auger 2015 (Unicode minus signs) -----------------------------------

def test_auger2015_file_uses_unicode_minus():
    text = mirror_path("auger2015").read_text(encoding="utf-8")
    assert UNICODE_MINUS in text


def test_auger2015_values_and_negative_declinations(converted):
    c = converted["auger2015"]
    lines = text_rows(mirror_path("auger2015"))
    for i, fields in enumerate(lines):
        year, day, zenith, energy, ra, dec, l, b = fields
        assert (c["pub_year"][i], c["pub_day"][i]) == (int(year), int(day))
        assert c["zenith"][i] == number(zenith)
        assert c["energy"][i] == number(energy)
        assert c["ra"][i] == number(ra)
        assert c["dec"][i] == number(dec)
    negative = [f[5].startswith(UNICODE_MINUS) for f in lines]
    assert sum(negative) == (c["dec"] < 0).sum() == 187
    # line 3 of the file: 2004 142 59.2 84.7 199.7 −34.9 −50.8 27.7
    assert c["dec"][1] == -34.9 and c["ra"][1] == 199.7
    assert c["gal_l"][1] == pytest.approx(309.2)
    assert c["obs_time"][0] == np.datetime64("2004-05-05T00:00")
    assert c["obs_mjd"][0] == 53130.0


def test_auger2015_galactic_agrees_with_the_files_own_columns(converted):
    from astropy.coordinates import SkyCoord
    c = converted["auger2015"]
    lines = text_rows(mirror_path("auger2015"))
    l_file = np.array([number(f[6]) for f in lines])
    b_file = np.array([number(f[7]) for f in lines])
    dl = (c["gal_l"] - l_file + 180) % 360 - 180
    assert np.abs(dl).max() < 0.01 and np.abs(c["gal_b"] - b_file).max() < 0.01
    assert ((c["gal_l"] >= 0) & (c["gal_l"] < 360)).all()
    # and RA/Dec give the same direction to the rounding of both (0.1 deg)
    computed = SkyCoord(c["ra"], c["dec"], unit="deg").galactic
    published = SkyCoord(l=l_file, b=b_file, unit="deg", frame="galactic")
    assert computed.separation(published).deg.max() < 0.15


def test_auger2015_days_agree_with_auger2022_times(converted):
    """The day convention read into the 2015 list holds for the 2022 one."""
    c15, c22 = converted["auger2015"], converted["auger2022"]
    matched = 0
    for i in range(len(c15["ra"])):
        candidates = np.flatnonzero((c22["pub_year"] == c15["pub_year"][i])
            & (np.abs(c22["zenith"] - c15["zenith"][i]) < 1))
        if not len(candidates):
            continue
        distance = auger._separation_deg(c22["ra"][candidates],
            c22["dec"][candidates], c15["ra"][i], c15["dec"][i])
        if distance.min() >= 1:
            continue
        j = candidates[np.argmin(distance)]
        matched += 1
        assert c22["pub_day"][j] == c15["pub_day"][i]
        assert abs(c22["obs_mjd"][j] - c15["obs_mjd"][i]) <= 0.5
    assert matched > 150


# --- Telescope Array 2014 -----------------------------------------------

def test_ta2014_values_match_the_file_text(converted):
    c = converted["ta2014"]
    lines = text_rows(mirror_path("ta2014"), ",")
    assert lines[0][0] == "Arrival_Year"
    for i, fields in enumerate(lines[1:]):
        assert c["event_id"][i] == f"TA2014-{i + 1:04d}"
        assert c["zenith"][i] == float(fields[6])
        assert c["energy"][i] == float(fields[7])
        assert c["ra"][i] == float(fields[8])
        assert c["dec"][i] == float(fields[9])
    assert c["obs_time"][0] == np.datetime64("2008-06-10T17:05:37")
    assert c["obs_time"][2] == np.datetime64("2008-06-29T08:22:45")
    assert c["dec"][2] == -1.69
    assert c["obs_time"][-1] == np.datetime64("2013-04-28T17:05:20")


def test_ta2014_times_are_utc(tmp_path):
    """Zenith of the published RA/Dec at the published time is the
    published zenith."""
    from astropy.coordinates import AltAz, EarthLocation, SkyCoord
    from astropy.time import Time
    from astropy.utils import iers
    import astropy.units as u
    c = telescope_array.events_table(ctx("ta2014", fill_data_dir(
        "ta2014", tmp_path)))
    site = EarthLocation(lat=39.30 * u.deg, lon=-112.91 * u.deg,
        height=1400 * u.m)
    frame = AltAz(obstime=Time(c["obs_time"], scale="utc"), location=site)
    with iers.conf.set_temp("auto_download", False):
        altaz = SkyCoord(c["ra"], c["dec"], unit="deg").transform_to(frame)
    assert np.abs(90 - altaz.alt.deg - c["zenith"]).max() < 0.05


# --- bad input ----------------------------------------------------------

def write_auger2022(tmp_path, edit):
    lines = mirror_path("auger2022").read_text(encoding="utf-8").splitlines()
    edit(lines)
    (tmp_path / auger.FILE_2022).write_text("\n".join(lines) + "\n",
        encoding="utf-8")
    return tmp_path


def replace_field(lines, line_number, index, value, sep="\t"):
    fields = lines[line_number - 1].split()
    fields[index] = value
    lines[line_number - 1] = sep.join(fields)


@pytest.mark.parametrize("line, index, value, field, code, message", [
    (5, 7, "fifty", "E", E05, "'fifty' is not a number"),
    (6, 6, "-95.0", "Dec", E06, "outside [-90, 90]"),
    (7, 3, "92.5", "Th", E06, "outside [0, 90]"),
    (8, 5, "361.0", "RA", E06, "outside [0, 360]"),
    (9, 2, "1083000000", "UTC", E08, "is not in day"),
    (10, 1, "367", "JD", E06, "day 367 does not exist in 2004"),
])
def test_auger2022_bad_value_names_line_and_field(tmp_path, line, index, value,
        field, code, message):
    data_dir = write_auger2022(tmp_path,
        lambda lines: replace_field(lines, line, index, value))
    with pytest.raises(code) as info:
        auger.events_2022(ctx("auger2022", data_dir))
    error = info.value
    assert (error.row, error.field) == (line, field)
    assert error.path.endswith(auger.FILE_2022)
    assert message in str(error)


def test_auger2022_wrong_field_count(tmp_path):
    def drop_field(lines):
        lines[11] = "\t".join(lines[11].split()[:-1])
    with pytest.raises(E08) as info:
        auger.events_2022(ctx("auger2022", write_auger2022(tmp_path,
            drop_field)))
    assert info.value.row == 12
    assert "expected 9 fields" in str(info.value)


def test_auger2022_other_header_is_refused(tmp_path):
    def swap(lines):
        lines[0] = "#Yr JD UTC Th Ph Dec RA E Expo"
    with pytest.raises(E03) as info:
        auger.events_2022(ctx("auger2022", write_auger2022(tmp_path, swap)))
    assert info.value.row == 1 and "expected the columns" in str(info.value)


def test_auger2022_missing_file(tmp_path):
    with pytest.raises(E01) as info:
        auger.events_2022(ctx("auger2022", tmp_path))
    assert "apdc fetch" in str(info.value)


def write_auger2015(tmp_path, line_number, index, value):
    lines = mirror_path("auger2015").read_text(encoding="utf-8").splitlines()
    replace_field(lines, line_number, index, value, sep=" ")
    (tmp_path / auger.FILE_2015).write_text("\n".join(lines) + "\n",
        encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("line, index, value, field, code, message", [
    (4, 5, UNICODE_MINUS, "DEC", E05, "is not a number"),
    (5, 5, UNICODE_MINUS + "95.0", "DEC", E06, "outside [-90, 90]"),
    (6, 6, "10.0", "gal-longitude", E08, "one of them is wrong"),
    (6, 6, "-181.0", "l", E06, "outside [-180, 360]"),
    (7, 1, "367", "JulianDay", E06, "day 367 does not exist in 2004"),
])
def test_auger2015_bad_value_names_line_and_field(tmp_path, line, index,
        value, field, code, message):
    with pytest.raises(code) as info:
        auger.events_2015(ctx("auger2015", write_auger2015(tmp_path, line,
            index, value)))
    assert (info.value.row, info.value.field) == (line, field)
    assert info.value.path.endswith(auger.FILE_2015)
    assert message in str(info.value)


def write_ta(tmp_path, line_number, edits):
    """The TA file with fields of one line replaced (None: drop the last)."""
    lines = mirror_path("ta2014").read_text(encoding="utf-8").splitlines()
    fields = lines[line_number - 1].split(",")
    if edits is None:
        fields = fields[:-1]
    else:
        for index, value in edits.items():
            fields[index] = value
    lines[line_number - 1] = ",".join(fields)
    (tmp_path / telescope_array.FILE).write_text("\n".join(lines) + "\n")
    return tmp_path


@pytest.mark.parametrize("line, edits, field, code, message", [
    (3, {1: "Jum"}, "Arrival_Month", E05, "'Jum' is not a month"),
    (4, {1: "Feb", 2: "30"}, "Arrival_Day", E05, "Feb 30 is not a date"),
    (5, {8: "400.0"}, "RA_J2000", E06, "outside [0, 360]"),
    (6, {9: "-91"}, "Dec_J2000", E06, "outside [-90, 90]"),
    (7, {7: "n/a"}, "Energy_EeV", E05, "'n/a' is not a number"),
    (8, {3: "24"}, "Arrival_Hour", E06, "outside [0, 23]"),
    (9, None, None, E08, "expected 10 fields"),
])
def test_ta2014_bad_value_names_line_and_field(tmp_path, line, edits, field,
        code, message):
    with pytest.raises(code) as info:
        telescope_array.events_table(ctx("ta2014", write_ta(tmp_path, line,
            edits)))
    assert (info.value.row, info.value.field) == (line, field)
    assert info.value.path.endswith(telescope_array.FILE)
    assert message in str(info.value)


def test_ta2014_other_header_is_refused(tmp_path):
    path = tmp_path / telescope_array.FILE
    text = mirror_path("ta2014").read_text(encoding="utf-8")
    path.write_text(text.replace("RA_J2000,Dec_J2000", "Dec_J2000,RA_J2000"))
    with pytest.raises(E03) as info:
        telescope_array.events_table(ctx("ta2014", tmp_path))
    assert info.value.row == 1
