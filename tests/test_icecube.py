"""IceCube converters: 10-year point-source release, alerts, VOEvents.

Run on the real files of the local mirror (shared/data/icecube); the
bad-input cases use small files written to tmp_path.
"""

import hashlib
import json
import shutil
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from apdc import config
from converters import icecube_alerts, icecube_ps, rdschema
from converters.context import ImportContext
from converters.errors import E01, E02, E03, E04, E08, E09, InputError

PS_FILES = ("IC40_exp.csv", "IC40_uptime.csv", "IC40_effectiveArea.csv")
ALERT_FILES = ("IceCat-1_Gold_Bronze_Tracks.csv", "IceCube_cascade_alerts.csv")
TRACK_SAMPLE = "sample_astrotrack_alert.voevent.xml"
CASCADE_SAMPLE = "sample_cascade_alert.voevent.xml"
TXS_0506 = (77.3582, 5.6932)


@pytest.fixture(scope="module")
def icecube_dir():
    mirror = config.mirror_dir()
    if mirror is None or not (mirror / "icecube").is_dir():
        pytest.fail("No data mirror with icecube/: set APDC_MIRROR")
    return mirror / "icecube"


@pytest.fixture(scope="module")
def events(icecube_dir):
    return icecube_ps.events_table(ImportContext("icecube_ps", icecube_dir))


@pytest.fixture
def alerts_dir(icecube_dir, tmp_path):
    """A data folder holding the two alert catalogues."""
    for name in ALERT_FILES:
        shutil.copy(icecube_dir / name, tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def alerts(icecube_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("alerts")
    for name in ALERT_FILES:
        shutil.copy(icecube_dir / name, folder)
    return icecube_alerts.alerts_table(ImportContext("icecube_alerts", folder))


def data_rows(path):
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")]


def rd_columns(rd_name, table):
    return list(rdschema.table(rd_name, table).names)


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return path


def where(exc):
    return str(exc.value)


# --- manifests and RDs -------------------------------------------------

@pytest.mark.parametrize("name", ["icecube_ps", "icecube_alerts"])
def test_manifest_checksums_match_the_mirror(name):
    manifest = json.loads((config.RESOURCES_DIR / name / "dataset.json")
        .read_text(encoding="utf-8"))
    mirror = config.mirror_dir()
    for entry in manifest["files"]:
        digest = hashlib.sha256((mirror / entry["mirror"]).read_bytes())
        assert digest.hexdigest() == entry["sha256"], entry["name"]
        assert entry["url"].startswith("https://")


def test_ps_members_follow_the_release_layout():
    manifest = json.loads((config.RESOURCES_DIR / "icecube_ps"
        / "dataset.json").read_text(encoding="utf-8"))
    members = {e["name"]: e["member"] for e in manifest["files"]}
    assert members == {
        "IC40_exp.csv": "icecube_10year_ps/events/IC40_exp.csv",
        "IC40_uptime.csv": "icecube_10year_ps/uptime/IC40_exp.csv",
        "IC40_effectiveArea.csv":
            "icecube_10year_ps/irfs/IC40_effectiveArea.csv"}


def test_converter_columns_are_the_rd_columns(icecube_dir, events, alerts):
    context = ImportContext("icecube_ps", icecube_dir)
    assert list(events) == rd_columns("icecube_ps", "events")
    assert list(icecube_ps.uptime_table(context)) == rd_columns(
        "icecube_ps", "uptime")
    assert list(icecube_ps.effective_area_table(context)) == rd_columns(
        "icecube_ps", "effective_area")
    assert list(alerts) == rd_columns("icecube_alerts", "alerts")
    row = icecube_alerts.alert_row(icecube_dir / CASCADE_SAMPLE)
    assert list(row) == rd_columns("icecube_alerts", "alerts")


# --- point-source events ------------------------------------------------

def test_events_count_and_first_and_last_rows(icecube_dir, events):
    rows = data_rows(icecube_dir / "IC40_exp.csv")
    assert len(events["event_id"]) == len(rows) == 36900
    assert len(set(events["event_id"])) == 36900
    for index, event_id in ((0, "IC40-000001"), (-1, "IC40-036900")):
        mjd, log_e, ang_err, ra, dec, azimuth, zenith = map(float,
            rows[index])
        assert events["event_id"][index] == event_id
        assert events["season"][index] == "IC40"
        assert events["obs_mjd"][index] == mjd
        assert events["log_energy"][index] == pytest.approx(log_e, abs=1e-6)
        assert events["ang_err"][index] == pytest.approx(ang_err, abs=1e-6)
        assert events["ra"][index] == ra
        assert events["dec"][index] == dec
        assert events["azimuth"][index] == pytest.approx(azimuth, abs=1e-4)
        assert events["zenith"][index] == pytest.approx(zenith, abs=1e-4)
    # 54562.37911273 d = 2008-04-06 09:05:55.339872
    assert events["obs_time"][0] == np.datetime64("2008-04-06T09:05:55.339872")
    assert events["obs_time"].dtype == np.dtype("datetime64[us]")


def test_events_first_row_text(events):
    # the file's first data line, verbatim:
    # 54562.37911273  3.31  0.48  203.024  16.760  218.374  106.712
    assert (events["ra"][0], events["dec"][0]) == (203.024, 16.760)


def test_uptime_and_effective_area(icecube_dir):
    uptime = icecube_ps.uptime_table(ImportContext("icecube_ps", icecube_dir))
    rows = data_rows(icecube_dir / "IC40_uptime.csv")
    assert len(uptime["season"]) == len(rows) == 1420
    assert uptime["mjd_start"][0] == float(rows[0][0])
    assert uptime["mjd_stop"][-1] == float(rows[-1][1])
    assert (uptime["duration"] > 0).all()
    assert uptime["time_start"][0] == np.datetime64(
        "2008-04-06T08:55:43.461120")

    area = icecube_ps.effective_area_table(ImportContext("icecube_ps", icecube_dir))
    rows = data_rows(icecube_dir / "IC40_effectiveArea.csv")
    assert len(area["season"]) == len(rows) == 2000
    for index in (0, -1):
        assert [area[c][index] for c in rd_columns("icecube_ps",
            "effective_area")[1:]] == [
            float(v) for v in rows[index]]
    keys = set(zip(area["season"], area["log_enu_min"], area["dec_nu_min"]))
    assert len(keys) == 2000        # the RD's primary key is unique


def test_every_season_file_is_imported(icecube_dir, tmp_path):
    shutil.copy(icecube_dir / "IC40_exp.csv", tmp_path)
    lines = (icecube_dir / "IC40_exp.csv").read_text(encoding="utf-8").splitlines()
    write(tmp_path / "IC86_II_exp.csv", "\n".join(lines[:4]) + "\n")
    release = tmp_path / "icecube_10year_ps" / "events"
    release.mkdir(parents=True)
    write(release / "IC59_exp.csv", "\n".join(lines[:3]) + "\n")
    events = icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))
    seasons, counts = np.unique(events["season"], return_counts=True)
    assert dict(zip(seasons, counts)) == {"IC40": 36900, "IC59": 2,
        "IC86_II": 3}
    assert "IC86_II-000003" in set(events["event_id"])
    assert len(set(events["event_id"])) == len(events["event_id"])


def test_release_layout_uptime_files(icecube_dir, tmp_path):
    folder = tmp_path / "uptime"
    folder.mkdir()
    shutil.copy(icecube_dir / "IC40_uptime.csv", folder / "IC40_exp.csv")
    uptime = icecube_ps.uptime_table(ImportContext("icecube_ps", tmp_path))
    assert len(uptime["season"]) == 1420


def test_two_files_for_one_season(icecube_dir, tmp_path):
    shutil.copy(icecube_dir / "IC40_exp.csv", tmp_path)
    (tmp_path / "events").mkdir()
    shutil.copy(icecube_dir / "IC40_exp.csv", tmp_path / "events")
    with pytest.raises(E08, match="second file for season IC40"):
        icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))


HEADER = ("#     MJD[days]  log10(E/GeV)   AngErr[deg]       RA[deg]      "
    "Dec[deg]  Azimuth[deg]   Zenith[deg]\n")
GOOD = "   54562.37911273          3.31          0.48       203.024        16.760       218.374       106.712\n"


@pytest.mark.parametrize("bad_line, line, field, message", [
    ("54562.4 3.31 0.48 203.0 16.7 218.3\n", 3, None, "E08: "),
    ("54562.4 3.31 0.48 203.0 16.7 218.3\n", 3, None, "expected 7 fields"),
    ("54562.4 3.31 0.48 abc 16.7 218.3 106.7\n", 3, "ra", "E05: "),
    ("54562.4 3.31 0.48 abc 16.7 218.3 106.7\n", 3, "ra", "'abc' is not"),
    ("54562.4 3.31 0.48 400.0 16.7 218.3 106.7\n", 3, "ra", "E06: "),
    ("54562.4 3.31 0.48 400.0 16.7 218.3 106.7\n", 3, "ra", "outside"),
    ("54562.4 3.31 0.48 203.0 -91.0 218.3 106.7\n", 3, "dec", "outside"),
    ("54562.4 3.31 0.48 203.0 16.7 218.3 190.0\n", 3, "zenith", "outside"),
    ("54562.4 3.31 -1 203.0 16.7 218.3 106.7\n", 3, "ang_err", "outside"),
    ("54562.4 3.31 0.48 203.0 nan 218.3 106.7\n", 3, "dec", "outside"),
    ("12.5 3.31 0.48 203.0 16.7 218.3 106.7\n", 3, "mjd", "outside"),
])
def test_bad_event_lines(tmp_path, bad_line, line, field, message):
    path = write(tmp_path / "IC40_exp.csv", HEADER + GOOD + bad_line + GOOD)
    with pytest.raises(InputError) as exc:
        icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))
    assert exc.value.path == str(path)
    assert exc.value.row == line
    assert exc.value.field == field
    assert message in where(exc)


def test_no_event_file(tmp_path):
    with pytest.raises(E09, match="no event"):
        icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))


def test_empty_and_non_utf8_event_files(tmp_path):
    write(tmp_path / "IC40_exp.csv", HEADER)
    with pytest.raises(E09, match="no data rows"):
        icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))
    (tmp_path / "IC40_exp.csv").write_bytes(b"54562.4 \xff\n")
    with pytest.raises(E02, match="not utf-8"):
        icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))


def test_unknown_season_name(tmp_path):
    write(tmp_path / "season40_exp.csv", HEADER + GOOD)
    with pytest.raises(E09, match="season"):
        icecube_ps.events_table(ImportContext("icecube_ps", tmp_path))


def test_uptime_stop_before_start(tmp_path):
    write(tmp_path / "IC40_uptime.csv",
        "# MJD_start MJD_stop\n54562.1 54562.2\n54562.5 54562.3\n")
    with pytest.raises(E08) as exc:
        icecube_ps.uptime_table(ImportContext("icecube_ps", tmp_path))
    assert (exc.value.row, exc.value.field) == (3, "mjd_stop")


# --- alerts -------------------------------------------------------------

def find(alerts, column, value):
    hits = np.flatnonzero(np.ma.getdata(alerts[column]) == value)
    assert len(hits) == 1, (column, value, hits)
    return int(hits[0])


def test_alert_counts(alerts):
    assert len(alerts["alert_id"]) == 348 + 26
    assert len(set(alerts["alert_id"])) == 374
    types, counts = np.unique(alerts["alert_type"], return_counts=True)
    assert dict(zip(types, counts)) == {"track": 348, "cascade": 26}
    streams = alerts["stream"][alerts["alert_type"] == "track"]
    assert set(streams) == {"Gold", "Bronze"}
    assert alerts["stream"][alerts["alert_type"] == "cascade"].mask.all()


def test_icecube_170922a(alerts):
    # IC170922A,130033,50579430,2017-09-22 20:54:30.436262,
    # 58018.87118560489,gfu-gold,77.43,5.79,1.14,0.75,0.64,0.41,264.0,0.6,
    # 0.631,2.62e-09,4.88e-07,2.77e-05,2.02e-05,1.0,FALSE,gfu-bronze
    i = find(alerts, "alert_name", "IceCube-170922A")
    row = {c: alerts[c][i] for c in alerts}
    assert row["name"] == "IC170922A"
    assert row["alert_id"] == "130033_50579430"
    assert (row["run_id"], row["event_id"]) == (130033, 50579430)
    assert (row["ra"], row["dec"]) == (77.43, 5.79)
    assert (row["ra_err_plus"], row["ra_err_minus"], row["dec_err_plus"],
        row["dec_err_minus"]) == (1.14, 0.75, 0.64, 0.41)
    assert row["obs_time"] == np.datetime64("2017-09-22T20:54:30.436262")
    assert row["obs_mjd"] == 58018.87118560489
    assert (row["energy"], row["far"], row["signalness"]) == (264.0, 0.6,
        0.631)
    assert row["throughgoing_score"] == 1.0
    assert row["cr_veto"] == 0
    assert (row["i3type"], row["other_i3types"]) == ("gfu-gold",
        "gfu-bronze")
    assert row["stream"] == "Gold" and row["alert_type"] == "track"
    assert np.ma.is_masked(row["err_radius"])
    assert np.ma.is_masked(row["ivorn"])


def test_first_and_last_catalogue_rows(icecube_dir, alerts):
    import csv
    for name in ALERT_FILES:
        with open(icecube_dir / name, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for source in (rows[0], rows[-1]):
            i = find(alerts, "name", source["NAME"])
            assert alerts["run_id"][i] == int(source["RUNID"])
            assert alerts["event_id"][i] == int(source["EVENTID"])
            assert alerts["ra"][i] == float(source["RA"])
            assert alerts["dec"][i] == float(source["DEC"])
            assert alerts["energy"][i] == float(source["ENERGY"])
            assert alerts["far"][i] == float(source["FAR"])
            assert alerts["source_file"][i] == name


def test_cascade_nulls_and_radius(alerts):
    # IC240518A,...,Cascade,180.393,21.5767,15.38,15.38,15.38,15.38,40.74,
    # 0.3456,,None,None,None,None,None,None,None
    i = find(alerts, "name", "IC240518A")
    assert alerts["alert_type"][i] == "cascade"
    assert alerts["err_radius"][i] == 15.38
    assert alerts["ra_err_plus"][i] == 15.38
    for column in ("signalness", "cascade_score", "throughgoing_score",
            "cr_veto", "other_i3types", "stream"):
        assert np.ma.is_masked(alerts[column][i]), column
    # IceCat rows without other selections: "None" -> NULL
    i = find(alerts, "name", "IC110514A")
    assert np.ma.is_masked(alerts["other_i3types"][i])


def test_error_regions_are_valid_pgsphere_polygons(alerts, db):
    txs_in = []
    with db.cursor() as cur:
        for poly, ra, dec, name in zip(alerts["error_region"], alerts["ra"],
                alerts["dec"], alerts["alert_name"]):
            cur.execute("SELECT %s::spoly @> spoint(radians(%s), "
                "radians(%s)), %s::spoly @> spoint(radians(%s), radians(%s))",
                (poly, ra, dec, poly) + TXS_0506)
            contains_centre, contains_txs = cur.fetchone()
            assert contains_centre, name
            if contains_txs:
                txs_in.append(name)
    assert "IceCube-170922A" in txs_in


def test_error_region_extents(alerts, db):
    i = find(alerts, "alert_name", "IceCube-170922A")
    poly = alerts["error_region"][i]
    scale = 1 / np.cos(np.pi / 16)
    with db.cursor() as cur:
        # the north vertex lies DEC_ERR_PLUS (times 1/cos(pi/16)) north
        cur.execute("SELECT %s::spoly @> spoint(radians(77.43), "
            "radians(%s)), %s::spoly @> spoint(radians(77.43), radians(%s))",
            (poly, 5.79 + 0.64 * scale - 0.001, poly,
            5.79 + 0.64 * scale + 0.001))
        assert cur.fetchone() == (True, False)
    # near the pole: IC140122B at Dec -86.07, RA extents 8.94/8.37
    i = find(alerts, "name", "IC140122B")
    with db.cursor() as cur:
        cur.execute("SELECT degrees(area(%s::spoly)) * degrees(1)",
            (alerts["error_region"][i],))
        area = cur.fetchone()[0]
    cos_dec = np.cos(np.radians(-86.07))
    ellipse = np.pi / 4 * (8.94 + 8.37) * cos_dec * (0.59 + 0.64)
    assert ellipse < area < 1.1 * ellipse


def test_error_polygon_text():
    poly = icecube_alerts.error_polygon(10.0, 20.0, 1.0, 1.0, 1.0, 1.0)[0]
    assert poly.startswith("{(") and poly.endswith(")}")
    assert poly.count("d,") == 16
    assert icecube_alerts.error_polygon(10, 20, np.nan, 1, 1, 1)[0] == ""


# --- VOEvents -----------------------------------------------------------

def test_voevent_cascade_sample(icecube_dir):
    row = icecube_alerts.alert_row(icecube_dir / CASCADE_SAMPLE)
    assert list(row) == rd_columns("icecube_alerts", "alerts")
    assert all(len(v) == 1 for v in row.values())
    value = {c: v[0] for c, v in row.items()}
    assert value["alert_id"] == "134244_34406854"
    assert value["alert_name"] == "IceCubeCascade-200701b"
    assert value["alert_type"] == "cascade"
    assert np.ma.is_masked(value["stream"])
    assert (value["ra"], value["dec"]) == (220.0434, 43.1731)
    assert value["err_radius"] == 44.0584
    assert value["obs_time"] == np.datetime64("2020-07-01T19:24:53.44")
    assert value["obs_mjd"] == pytest.approx(59031.80895185, abs=1e-8)
    assert (value["energy"], value["far"], value["signalness"]) == (
        10.9901, 0.4021, 0.8702)
    assert value["revision"] == 0
    assert value["ivorn"].startswith("ivo://nasa.gsfc.gcn/AMON#ICECUBE_Cascade")
    assert value["error_region"].count("d,") == 16


def test_voevent_track_sample(icecube_dir):
    value = {c: v[0] for c, v in icecube_alerts.alert_row(
        icecube_dir / TRACK_SAMPLE).items()}
    assert value["alert_id"] == "135363_69917294"
    assert (value["alert_type"], value["stream"]) == ("track", "Gold")
    assert (value["ra"], value["dec"]) == (242.8166, 11.9)
    assert value["err_radius"] == 1.1102
    assert value["energy"] == 320.04
    assert value["obs_time"] == np.datetime64("2021-06-08T03:41:00.97")
    assert np.ma.is_masked(value["alert_name"])
    assert np.ma.is_masked(value["name"])


def test_voevent_duplicates_are_dropped_new_ones_added(icecube_dir,
        alerts_dir):
    # The track sample's run and event (135363, 69917294) is in IceCat-1,
    # the cascade sample's is not.
    shutil.copy(icecube_dir / TRACK_SAMPLE, alerts_dir)
    shutil.copy(icecube_dir / CASCADE_SAMPLE, alerts_dir)
    table = icecube_alerts.alerts_table(ImportContext("icecube_alerts", alerts_dir))
    assert len(table["alert_id"]) == 375
    assert len(set(table["alert_id"])) == 375
    i = find(table, "alert_id", "135363_69917294")
    assert table["source_file"][i] == "IceCat-1_Gold_Bronze_Tracks.csv"
    i = find(table, "alert_id", "134244_34406854")
    assert table["source_file"][i] == CASCADE_SAMPLE
    assert table["error_region"][i].startswith("{")


def test_voevent_highest_revision_wins(icecube_dir, alerts_dir):
    text = (icecube_dir / CASCADE_SAMPLE).read_text(encoding="utf-8")
    write(alerts_dir / "rev0.xml", text)
    write(alerts_dir / "rev1.xml", text.replace(
        '"Rev"          value="0"', '"Rev"          value="1"').replace(
        "<C1>220.0434</C1>", "<C1>221.5</C1>"))
    table = icecube_alerts.alerts_table(ImportContext("icecube_alerts", alerts_dir))
    assert len(table["alert_id"]) == 375
    i = find(table, "alert_id", "134244_34406854")
    assert (table["revision"][i], table["ra"][i]) == (1, 221.5)


@pytest.mark.parametrize("edit, field, message", [
    (("<C1>220.0434</C1>", "<C1>420.0</C1>"), "C1", "outside"),
    (("<C1>220.0434</C1>", "<C1>420.0</C1>"), "C1", "E06: "),
    (("<C2>43.1731</C2>", "<C2>abc</C2>"), "C2", "E05: "),
    (('name="run_id"       value="134244"', 'name="runid" value="1"'),
        "run_id", "E04: "),
    (('role="observation"', 'role="test"'), "role", "E03: "),
    (("<ISOTime>2020-07-01T19:24:53.44</ISOTime>",
        "<ISOTime>yesterday</ISOTime>"), "ISOTime", "E05: "),
    (("<C2>43.1731</C2>", "<C2>abc</C2>"), "C2", "not a number"),
    (('name="run_id"       value="134244"', 'name="runid" value="1"'),
        "run_id", "no Param run_id"),
    (('value="0.8702"', 'value="1.7"'), "signalness", "outside"),
    (('role="observation"', 'role="test"'), "role", "test alert"),
    (('"Retraction"     value="false"', '"Retraction" value="true"'),
        "Retraction", "retraction"),
    (('value="176"', 'value="150"'), None, None),     # stream 26 still tells
    (("<ISOTime>2020-07-01T19:24:53.44</ISOTime>",
        "<ISOTime>yesterday</ISOTime>"), "ISOTime", "not an ISO date"),
    (('unit="TeV" dataType="float" ucd="phys.energy"',
        'unit="furlong" dataType="float" ucd="phys.energy"'), "energy",
        "unit"),
    (('unit="TeV" dataType="float" ucd="phys.energy"',
        'unit="furlong" dataType="float" ucd="phys.energy"'), "energy",
        "E03: "),
])
def test_bad_voevents(icecube_dir, tmp_path, edit, field, message):
    text = (icecube_dir / CASCADE_SAMPLE).read_text(encoding="utf-8")
    assert edit[0] in text
    path = write(tmp_path / "alert.xml", text.replace(*edit))
    if message is None:
        assert icecube_alerts.alert_row(path)["alert_type"][0] == "cascade"
        return
    with pytest.raises(InputError) as exc:
        icecube_alerts.alert_row(path)
    assert exc.value.path == str(path)
    assert exc.value.field == field
    assert message in where(exc)


def test_voevent_not_a_voevent_or_missing(tmp_path):
    path = write(tmp_path / "x.xml", "<votable/>")
    with pytest.raises(E03, match="not a VOEvent"):
        icecube_alerts.alert_row(path)
    with pytest.raises(E01, match="file not found"):
        icecube_alerts.alert_row(tmp_path / "missing.xml")


# --- alert catalogue: Unicode, empty fields, bad input ------------------

CSV_HEADER = ("NAME,RUNID,EVENTID,START,EVENTMJD,I3TYPE,RA,DEC,RA_ERR_PLUS,"
    "RA_ERR_MINUS,DEC_ERR_PLUS,DEC_ERR_MINUS,ENERGY,FAR,SIGNAL,CASCADE_SCR,"
    "SKIMMING_SCR,START_SCR,STOP_SCR,THRGOING_SCR,CR_VETO,OTHER_I3TYPES\n")
CSV_ROW = ("IC170922A,130033,50579430,2017-09-22 20:54:30.436262,"
    "58018.87118560489,gfu-gold,77.43,5.79,1.14,0.75,0.64,0.41,264.0,0.6,"
    "0.631,2.62e-09,4.88e-07,2.77e-05,2.02e-05,1.0,FALSE,gfu-bronze\n")


def test_catalogue_unicode_and_empty_fields(tmp_path):
    row = ("IC200101A,1,2,2020-01-01 00:00:00,58849.0,hese-bronze,10.0,"
        "\u221212.5,1,1,1,1,100,,,None,nan,,,,,\"hese-gold,gfu-bronze\"\n")
    write(tmp_path / "cat.csv", "\ufeff" + CSV_HEADER + CSV_ROW + "\n" + row)
    table = icecube_alerts.alerts_table(ImportContext("icecube_alerts", tmp_path))
    assert len(table["alert_id"]) == 2
    i = find(table, "name", "IC200101A")
    assert table["dec"][i] == -12.5                 # Unicode minus
    assert table["stream"][i] == "Bronze"
    assert table["other_i3types"][i] == "hese-gold,gfu-bronze"
    for column in ("far", "signalness", "cascade_score", "skimming_score",
            "cr_veto"):
        assert np.ma.is_masked(table[column][i]), column
    assert table["energy"][i] == 100.0


def test_catalogue_duplicate_events_are_skipped(tmp_path, capsys):
    write(tmp_path / "a.csv", CSV_HEADER + CSV_ROW)
    write(tmp_path / "b.csv", CSV_HEADER + CSV_ROW.replace("IC170922A",
        "ICdup"))
    table = icecube_alerts.alerts_table(ImportContext("icecube_alerts", tmp_path))
    assert list(table["name"]) == ["IC170922A"]


@pytest.mark.parametrize("edit, field, message", [
    ((",77.43,", ",abc,"), "RA", "'abc' is not a number"),
    ((",77.43,", ",abc,"), "RA", "E05: "),
    ((",5.79,", ",95.0,"), "DEC", "E06: "),
    ((",0.631,", ",1.5,"), "SIGNAL", "E06: "),
    ((",130033,", ",13x,"), "RUNID", "E05: "),
    ((",FALSE,", ",maybe,"), "CR_VETO", "E05: "),
    ((",5.79,", ",,"), "DEC", "E07: "),
    (("IC170922A,", ""), None, "E08: "),
    ((",5.79,", ",95.0,"), "DEC", "outside"),
    ((",77.43,", ",-1.0,"), "RA", "outside"),
    ((",0.631,", ",1.5,"), "SIGNAL", "outside"),
    ((",130033,", ",13x,"), "RUNID", "not an integer"),
    (("2017-09-22 20:54:30.436262", "22/09/2017"), "START", "date"),
    ((",FALSE,", ",maybe,"), "CR_VETO", "boolean"),
    ((",5.79,", ",,"), "DEC", "empty"),
    (("IC170922A,", ""), None, "expected 22 fields"),
])
def test_bad_catalogue_rows(tmp_path, edit, field, message):
    assert edit[0] in CSV_ROW
    path = write(tmp_path / "cat.csv", CSV_HEADER + CSV_ROW
        + CSV_ROW.replace(*edit).replace("50579430", "1"))
    with pytest.raises(InputError) as exc:
        icecube_alerts.alerts_table(ImportContext("icecube_alerts", tmp_path))
    assert exc.value.path == str(path)
    assert exc.value.row == 3
    assert exc.value.field == field
    assert message in where(exc)


def test_catalogue_missing_column_and_no_input(tmp_path):
    write(tmp_path / "cat.csv", CSV_HEADER.replace("DEC,", "DECL,") + CSV_ROW)
    with pytest.raises(E04) as exc:
        icecube_alerts.alerts_table(ImportContext("icecube_alerts", tmp_path))
    assert exc.value.field == "DEC"
    (tmp_path / "cat.csv").unlink()
    with pytest.raises(E09, match="no alert catalogue"):
        icecube_alerts.alerts_table(ImportContext("icecube_alerts", tmp_path))


def test_catalogue_not_utf8(tmp_path):
    (tmp_path / "cat.csv").write_bytes(CSV_HEADER.encode()
        + CSV_ROW.replace("IC170922A", "IC\xe9").encode("latin-1"))
    with pytest.raises(E02, match="not utf-8"):
        icecube_alerts.alerts_table(ImportContext("icecube_alerts", tmp_path))
