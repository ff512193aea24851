"""The data shop library (exporters.shop) without the database.

The live tests (tests/test_live_shop_export.py) export from the real
tables and compare with TAP; these check the pieces: the request and
its validation, the catalogue from the RDs (including a scratch RD with
an added quantity), the SQL, the binary COPY parser, the chunked
writers and the package texts.
"""

import json
import shutil

import numpy as np
import pytest

from converters import kcdc, rdschema
from exporters import shop
from exporters.shop import datasets as shop_catalogue
from exporters.shop import info, query, stream, writers
from exporters.shop import selection as shop_selection
from exporters.shop.package import _file_quantities

SIM = "kascade_sim"


def sel(**kw):
    base = dict(dataset=SIM, component="events",
                quantities=("E", "NE", "ZE"), cuts={}, fmt="hdf5")
    base.update(kw)
    return shop.Selection(**base)


def error_of(selection, **kw):
    with pytest.raises(shop.ShopError) as exc:
        shop.validate(selection, **kw)
    return exc.value


# -- the request ----------------------------------------------------------

def test_json_round_trip():
    s = sel(cuts={"E": (15.5, 16.0), "ZE": (None, 30.0)},
            region=(83.6, 22.0, 5.0),
            time_range=("1999-01-01T00:00:00", "2000-01-01T00:00:00Z"))
    data = json.loads(json.dumps(s.to_json()))
    assert shop.Selection.from_json(data) == s


@pytest.mark.parametrize("patch, field", [
    ({"quantities": []}, "quantities"),
    ({"quantities": ["E", 3]}, "quantities[1]"),
    ({"cuts": {"E": [1]}}, "cuts.E"),
    ({"cuts": {"E": ["a", 2]}}, "cuts.E[0]"),
    ({"cuts": []}, "cuts"),
    ({"fmt": None}, "fmt"),
    ({"region": [1, 2]}, "region"),
    ({"time_range": ["yesterday", "2000-01-01"]}, "time_range[0]"),
    ({"colour": "red"}, "colour"),
])
def test_malformed_requests_are_400_naming_the_field(patch, field):
    data = dict(sel().to_json(), **patch)
    with pytest.raises(shop.ShopError) as exc:
        shop.Selection.from_json(data)
    assert (exc.value.field, exc.value.status) == (field, 400)


def test_valid_selection_passes():
    shop.validate(sel(cuts={"E": (15.5, 16), "ZE": (None, 30)},
                      region=(10, 20, 3),
                      time_range=("1999-01-01", "2000-01-01")))


@pytest.mark.parametrize("kw, field, status", [
    (dict(dataset="nonesuch"), "dataset", 404),
    (dict(component="runs"), "component", 404),
    (dict(quantities=("E", "NE", "NOPE")), "quantities[2]", 422),
    (dict(quantities=("E", "E")), "quantities[1]", 422),
    (dict(fmt="fits"), "fmt", 422),
    (dict(cuts={"ZE": (None, 100.0)}), "cuts.ZE", 422),
    (dict(cuts={"E": (16.0, 15.5)}), "cuts.E", 422),
    (dict(cuts={"NOPE": (1, 2)}), "cuts.NOPE", 422),
    (dict(cuts={"energy_deposit": (0, 1)}), "cuts.energy_deposit", 422),
    (dict(region=(400, 0, 1)), "region", 422),
    (dict(time_range=("2000-01-01", "1999-01-01")), "time_range", 422),
])
def test_bad_selections_name_field_and_status(kw, field, status):
    err = error_of(sel(**kw))
    assert (err.field, err.status) == (field, status)
    assert err.to_json()["field"] == field


def test_ascii_with_an_array_is_refused_with_kcdcs_reason():
    err = error_of(sel(quantities=("E", "energy_deposit"), fmt="ascii"))
    assert (err.field, err.status) == ("fmt", 422)
    assert "500 times" in err.message


# -- the catalogue, from the RDs --------------------------------------------

def test_catalogue_lists_the_kascade_data_sets():
    found = {d.name: d for d in shop.catalogue()}
    assert {"kascade", "kascade_sim", "kascade_embargo"} <= set(found)
    # the one release declaration of the RD (FEED releases#current)
    assert found["kascade_sim"].release == rdschema.release_name(
        "kascade_sim") == "NUNKI"
    assert found["kascade_embargo"].restricted
    assert not found["kascade_sim"].restricted
    assert found["kascade_sim"].simulated and not found["kascade"].simulated
    comp = found[SIM].components[0]
    assert (comp.id, comp.label) == ("events", "KASCADE array")
    qs = {q.name: q for q in comp.quantities}
    assert qs["ZE"].range == (0.0, 90.0) and qs["ZE"].unit == "deg"
    assert qs["energy_deposit"].is_array and not qs["E"].is_array
    assert len([q for q in qs.values() if not q.is_array]) >= 18


NEW_COLUMN = """    <column name="log_nmu_tr" type="real" unit=""
      description="Decadic logarithm of the truncated muon number in the
        test range (KCDC LMUTR).">
      <values min="0" max="8"/>
      <property name="kcdc">LMUTR</property>
      <property name="shop_default_min">2</property>
    </column>
"""


@pytest.fixture
def scratch_rds(tmp_path):
    for path in rdschema.RD_DIR.glob("kascade*.rd"):
        shutil.copy(path, tmp_path)
    rd = tmp_path / "kascade.rd"
    text = rd.read_text(encoding="utf-8")
    anchor = '    <column name="datalink"'
    assert text.count(anchor) == 1
    rd.write_text(text.replace(anchor, NEW_COLUMN + anchor),
                  encoding="utf-8")
    return tmp_path


def test_a_quantity_added_to_the_rd_appears_everywhere(scratch_rds):
    # no code change: the catalogue (form and API), validation, the SQL
    # of the export and Info.txt all take it from the RD
    found = {d.name: d for d in shop.catalogue(scratch_rds)}
    qs = {q.name: q for q in found[SIM].components[0].quantities}
    assert qs["LMUTR"].range == (0.0, 8.0)
    assert qs["LMUTR"].default_cut == (2.0, None)
    assert "LMUTR" not in {q.name for q in
                           shop.catalogue()[0].components[0].quantities}
    s = sel(quantities=("E", "LMUTR"), cuts={"LMUTR": (2.5, 7.0)})
    comp = shop.validate(s, rd_dir=scratch_rds)
    assert error_of(s).field == "quantities[1]"  # unknown in the real RD
    sql, params = shop.where_clause(s, rd_dir=scratch_rds)
    assert '"log_nmu_tr" >= %s' in sql and params == [2.5, 7.0]
    keys = [k for k, _, _ in query.fields(
        comp, _file_quantities(comp, s.quantities))]
    assert "LMUTR" in keys
    text = info.info_text(comp, s, ["E", "LMUTR"], dict(
        release="R1", n_events=0, request_id="r", user="u", host="h",
        data_file="x.h5", started="t0", finished="t1", software="s",
        where=sql))
    assert "LMUTR" in text and "2.5 .. 7" in text


# -- SQL --------------------------------------------------------------------

def test_where_clause_binds_values_and_converts_units():
    s = sel(cuts={"E": (15.5, 16.0), "T": (10.0, None), "GT": (None, 9e8)},
            region=(83.6, 22.0, 5.0),
            time_range=("1999-01-01T00:00:00Z", "2000-01-01T00:00:00"))
    sql, params = shop.where_clause(s)
    assert sql.count("%s") == len(params) == 9
    assert '"air_temperature" >= %s' in sql
    # cuts in sorted order: E, GT, T (10 degC = 283.15 K)
    assert params[:4] == [15.5, 16.0, 9e8, pytest.approx(283.15)]
    assert "q3c_radial_query" in sql and "extract(epoch" in sql
    assert shop.where_clause(sel()) == ("TRUE", [])


def test_adql_equivalent():
    s = sel(cuts={"E": (15.5, 16.0), "ZE": (None, 30.0)})
    assert shop.adql_where(s) == ("log_energy >= 15.5 AND log_energy <= "
                                  "16.0 AND zenith <= 30.0")
    with pytest.raises(ValueError):
        shop.adql_where(sel(cuts={"GT": (1, 2)}))


def test_identifiers_are_checked():
    assert query.quote("log_energy") == '"log_energy"'
    for bad in ('x"; DROP TABLE t; --', "Upper", ""):
        with pytest.raises(ValueError):
            query.quote(bad)


def test_arrays_need_station_data_in_the_run_files(monkeypatch):
    monkeypatch.setattr(shop_selection, "station_count", lambda *a: 0)
    err = error_of(sel(quantities=("E", "energy_deposit")))
    assert (err.field, err.status) == ("quantities[1]", 422)
    assert "per-station data" in err.message


def test_estimate_grows_with_events_and_ascii_is_larger(monkeypatch):
    # the run files need not be there (make check without data)
    monkeypatch.setattr(shop_selection, "station_count", lambda *a: 252)
    s = sel()
    assert shop.estimate_bytes(s, 2000) > shop.estimate_bytes(s, 1000)
    assert shop.estimate_bytes(sel(fmt="ascii"), 10**6) > \
        shop.estimate_bytes(s, 10**6)
    arrays = sel(quantities=("E", "energy_deposit"))
    assert shop.estimate_bytes(arrays, 1000, n_stations=252) > 100 * 1000


# -- the binary COPY parser -------------------------------------------------

def _copy_stream(fields, columns):
    row = stream._row_dtype(fields)
    rows = np.zeros(len(columns[fields[0][0]]), row)
    rows["_n"] = len(fields)
    for i, (key, _, dtype) in enumerate(fields):
        rows[f"_l{i}"] = dtype.itemsize
        rows[f"f{i}"] = columns[key]
    return (stream._SIGNATURE + bytes(8) + rows.tobytes() + b"\xff\xff")


def test_binary_copy_rows_are_parsed():
    fields = [("a", "", np.dtype("int32")), ("b", "", np.dtype("float64"))]
    cols = {"a": np.arange(1000, dtype=np.int32),
            "b": np.linspace(0, 1, 1000)}
    data = _copy_stream(fields, cols)
    got = stream.parse_copy(data, fields)
    for key in cols:
        np.testing.assert_array_equal(got[key], cols[key])
        assert got[key].dtype.isnative
    with pytest.raises(ValueError):
        stream.parse_copy(data[:-5] + data[-2:], fields)
    broken = bytearray(data)
    broken[19 + 2:19 + 6] = (-1).to_bytes(4, "big", signed=True)  # NULL
    with pytest.raises(ValueError):
        stream.parse_copy(bytes(broken), fields)


def test_keyset_paging_hands_on_every_row_once():
    fields = [("_order0", "", np.dtype("int64")),
              ("v", "", np.dtype("float64"))]
    table = np.arange(1050, dtype=np.int64)

    class Cursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def mogrify(self, sql, params):
            return json.dumps([sql, params]).encode()

        def copy_expert(self, statement, out):
            _, params = json.loads(
                statement[6:statement.index(") TO STDOUT")])
            after, n = params
            rows = table[table > after][:n] if after is not None \
                else table[:n]
            out.write(_copy_stream(fields, {"_order0": rows,
                                            "v": rows * 0.5}))

    class Conn:
        def cursor(self):
            return Cursor()

    got = []
    n = stream.stream_chunks(
        Conn(), lambda after, n: ("q", [None if after is None else after[0],
                                        n]),
        fields, 100, got.append)
    assert n == 1050 and len(got) == 11
    np.testing.assert_array_equal(np.concatenate([g["_order0"] for g in got]),
                                  table)
    assert stream.stream_chunks(Conn(), lambda a, n: ("q", [None, n]),
                                fields, 100, got.append, limit=30) == 30


def test_derived_times_match_python():
    import datetime
    when = [datetime.datetime(1998, 7, 2, 13, 4, 5, 123456),
            datetime.datetime(2000, 2, 29, 23, 59, 59, 999999)]
    epoch = datetime.datetime(2000, 1, 1)
    us = np.array([(w - epoch) // datetime.timedelta(microseconds=1)
                   for w in when], dtype=np.int64)
    unix = [int((w - datetime.datetime(1970, 1, 1)).total_seconds() // 1)
            for w in when]
    assert list(stream.derive_time(us, "unix_seconds")) == unix
    assert list(stream.derive_time(us, "nanoseconds")) == [123456000,
                                                           999999000]
    assert list(stream.derive_time(us, "utc_date")) == [19980702, 20000229]
    assert list(stream.derive_time(us, "utc_time")) == [130405, 235959]


# -- chunked writers ----------------------------------------------------------

def _columns(qs, n):
    rng = np.random.default_rng(7)
    return {q.name: (rng.uniform(0, 80, n) if q.dtype.kind == "f"
                     else np.arange(n)).astype(q.dtype)
            for q in qs if not q.is_array}


def test_rebatcher_blocks_do_not_depend_on_chunks():
    data = {"a": np.arange(1000)}
    for cuts in ([1000], [1, 999], [333, 333, 334]):
        blocks = []
        batcher = writers.Rebatcher(256, blocks.append)
        start = 0
        for size in cuts:
            batcher.add({"a": data["a"][start:start + size]})
            start += size
        batcher.close()
        assert [len(b["a"]) for b in blocks] == [256, 256, 256, 232]


@pytest.mark.parametrize("fmt", ["hdf5", "root", "ascii"])
def test_chunked_writers_are_read_back_by_the_converters(fmt, tmp_path):
    comp = shop_catalogue.component_spec(SIM, "events")
    qs = [q for q in comp.quantities if q.name in ("R", "EV", "E", "ZE",
                                                   "NHAD", "GT")]
    cols = _columns(qs, 50)
    paths = []
    for i in range(2):
        # one name in two folders: ROOT records its file name
        (tmp_path / str(i)).mkdir()
        path = tmp_path / str(i) / f"events{writers.SUFFIXES[fmt]}"
        w = writers.open_writer(fmt, path, qs, {"_n_stations": (0,),
                                                "_rows": 16}, 32, "key")
        batcher = writers.Rebatcher(32, w.write)  # last chunk padded
        batcher.add({k: v[:7] for k, v in cols.items()})
        batcher.add({k: v[7:] for k, v in cols.items()})
        batcher.close()
        w.close()
        paths.append(path)
    back = kcdc.read_events(paths[0], quantities=tuple(qs))
    for name, values in cols.items():
        np.testing.assert_array_equal(back[name], values)
    # the same content gives the same bytes (no times, fixed UUID)
    assert info.file_sha256(paths[0]) == info.file_sha256(paths[1])


# -- package texts ------------------------------------------------------------

def test_cut_and_range_texts():
    assert info.cut_text(None) == "full range"
    assert info.cut_text((None, None)) == "full range"
    assert info.cut_text((15.5, 16.0)) == "15.5 .. 16"
    assert info.cut_text((None, 30.0)) == "<= 30"
    comp = shop_catalogue.component_spec(SIM, "events")
    assert info.range_text(comp.quantity("ZE")) == "0 .. 90"
    assert info.range_text(comp.quantity("E")) == "any"


def test_prov_json_has_the_prov_structure():
    comp = shop_catalogue.component_spec(SIM, "events")
    record = info.prov_json(comp, sel(), dict(
        request_id="r1", user="alice", host="w1", release="R1",
        n_events=3, data_file="x.h5", data_sha256="00", started="t0",
        finished="t1", software="apdc"))
    assert {"entity", "activity", "agent", "wasGeneratedBy", "used",
            "wasAssociatedWith"} <= set(record)
    assert "shop:user/alice" in record["agent"]
    assert json.loads(json.dumps(record)) == record


def test_licence_text_comes_from_the_rd():
    comp = shop_catalogue.component_spec("kascade", "events")
    text = info.licence_text(comp)
    assert "Eur. Phys. J. C" in text and "doi.org/10.1140" in text
