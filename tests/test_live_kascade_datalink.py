"""KASCADE bulk products through DataLink, end to end (docs/datalink.md).

Every event row links to a DataLink document; every link in it must
download and open as its content_type says, the extracts must hold the
event the TAP row describes, and the run files must be in ivoa.obscore.
"""

import io
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import h5py
import numpy as np
import pytest
from astropy.io import votable

from apdc import config, resources
from converters import kcdc, kcdc_quantities
from tests.datalinklint_support import lint
from tests.release_link_support import check_release_link, is_release_link

pytestmark = pytest.mark.live

NAMES = [q.name for q in kcdc_quantities.scalar_quantities()]
PER_EVENT_STATION_NAMES = [q.name for q in kcdc_quantities.array_quantities()
                           if q.per_event]


def runs_dir(name):
    return resources.load(name).data_dir / "runs"


def sim_station_runs():
    """The runs the generator gives per-station arrays (its manifest)."""
    generator = resources.load("kascade_sim").manifest["generator"]
    return tuple(generator["options"]["station_runs"])



def http_get(url, method="GET"):
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=300) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def links(url):
    status, headers, body = http_get(url)
    assert status == 200, body[:500]
    assert headers["content-type"].startswith("application/x-votable+xml")
    vot = votable.parse(io.BytesIO(body))
    table = vot.get_first_table().to_table()
    rows = [{k: (None if np.ma.is_masked(r[k]) else r[k])
             for k in table.colnames} for r in table]
    return rows, body


def dl_url(server, name, did):
    return (f"{server}/{name}/dl/dlmeta?ID="
            f"{urllib.parse.quote(did, safe='')}&RESPONSEFORMAT=votable")


@pytest.fixture(scope="module")
def events(tap):
    """TAP rows of representative events: measured, simulated with and
    without per-station arrays."""
    rows = {}
    rows["kascade"] = tap.search(
        "SELECT TOP 3 * FROM kascade.events ORDER BY event").to_table()
    rows["kascade_sim"] = tap.search(
        "SELECT * FROM kascade_sim.events WHERE run = 1 AND event IN "
        "(1, 777, 54321, 100000) UNION ALL SELECT * FROM kascade_sim.events "
        "WHERE run = 5 AND event IN (3, 99999) ORDER BY run, event"
    ).to_table()
    return rows


def _rows(events):
    for name, table in events.items():
        for row in table:
            yield name, row


def test_event_rows_carry_datalink(tap, server):
    result = tap.search("SELECT TOP 2 event_did, datalink FROM "
                        "kascade_sim.events WHERE run = 2")
    for did, url in zip(result["event_did"], result["datalink"]):
        assert url == dl_url(server, "kascade_sim", did)
    # ... and a service descriptor, so that TOPCAT/pyvo offer the links
    for name in ("kascade", "kascade_sim"):
        body = http_get(server + "/tap/sync?" + urllib.parse.urlencode({
            "LANG": "ADQL", "REQUEST": "doQuery",
            "QUERY": f"SELECT TOP 1 event_did FROM {name}.events"}))[2]
        assert b"ivo://ivoa.net/std/DataLink#links-1.0" in body
        assert f'value="{server}/{name}/dl/dlmeta"'.encode() in body
        datalinks = list(tap.search(
            f"SELECT TOP 1 event_did FROM {name}.events").iter_datalinks())
        assert datalinks and any(
            r.semantics == "#this" for r in datalinks[0])


def _check_links_document(rows, did, name):
    assert [r["semantics"] for r in rows] == ["#this"] * 4 + [
        "#progenitor"] * 2 + ["#preview", "#documentation",
                              "#documentation", "#proc"], rows
    # the format documentation, then the release these data come from
    docs = [r for r in rows if r["semantics"] == "#documentation"]
    assert docs[0]["content_type"] == "text/markdown", docs
    check_release_link(docs[1], name)
    assert not [r for r in rows if r["error_message"]]
    assert all(r["ID"] == did for r in rows)
    for r in rows:
        if r["semantics"] != "#proc":
            assert r["content_type"], r
    this = {r["content_type"] for r in rows if r["semantics"] == "#this"}
    assert this == {"application/x-hdf5", "application/x-root",
                    "text/plain", "application/x-votable+xml"}
    prog = {r["content_type"]: r for r in rows
            if r["semantics"] == "#progenitor"}
    assert set(prog) == {"application/x-hdf5", "application/x-root"}
    assert all(r["content_length"] > 0 for r in prog.values())


@pytest.mark.parametrize("index", [0, 1, 2])
def test_links_documents(server, events, index):
    for name, table in events.items():
        row = table[index]
        rows, body = links(dl_url(server, name, row["event_did"]))
        _check_links_document(rows, row["event_did"], name)
        assert b"ivo://ivoa.net/std/SODA#sync-1.0" in body
        assert b'name="FORMAT"' in body


@pytest.mark.parametrize("name, did", [
    ("kascade", "ivo://astroparticle.vo/~?kascade/1000/10013"),
    ("kascade_sim", "ivo://astroparticle.vo/~?kascade_sim/1/777"),
    ("kascade_sim", "ivo://astroparticle.vo/~?kascade_sim/7/42"),
    ("kascade_sim", "ivo://astroparticle.vo/~?kascade_sim/7/4242424"),
])
def test_datalinklint(server, name, did):
    errors, output = lint(dl_url(server, name, did))
    assert not errors, output[-3000:]


def _open(content_type, data, tmp):
    """Open a downloaded product as its media type says; returns a summary."""
    if content_type == "application/x-hdf5":
        path = os.path.join(tmp, "x.h5")
        open(path, "wb").write(data)
        with h5py.File(path, "r") as f:
            assert f.attrs["format"] == "KCDC-HDF5"
        return kcdc.read_events(path, stations=True)
    if content_type == "application/x-root":
        import uproot
        path = os.path.join(tmp, "x.root")
        open(path, "wb").write(data)
        with uproot.open(path) as f:
            assert str(f["format"]) == "KCDC-ROOT"
        return kcdc.read_events(path, stations=True)
    if content_type == "text/plain":
        path = os.path.join(tmp, "x.txt")
        open(path, "wb").write(data)
        return kcdc.read_events(path, stations=True)
    if content_type == "application/x-votable+xml":
        vot = votable.parse(io.BytesIO(data))
        tables = list(vot.iter_tables())
        event = tables[0].to_table()
        cols = {n: np.asarray(event[n]) for n in NAMES}
        stations = None
        if len(tables) > 1:
            st = tables[1].to_table()
            stations = {n: np.asarray(st[n]) for n in st.colnames}
            for n in PER_EVENT_STATION_NAMES:
                stations[n] = stations[n][None, :]
        return cols, stations
    if content_type == "image/png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        return None
    if content_type == "text/markdown":
        assert data.decode("utf-8").startswith("# KCDC event files")
        return None
    raise AssertionError(f"unexpected content type {content_type}")


def _check_event(cols, row, n_events=1):
    """The extract holds exactly the event of the TAP row."""
    assert len(cols["E"]) == n_events
    i = 0 if n_events == 1 else int(np.flatnonzero(cols["EV"] == row["event"])[0])
    assert cols["R"][i] == row["run"] and cols["EV"][i] == row["event"]
    assert cols["E"][i] == row["log_energy"]
    assert cols["ZE"][i] == row["zenith"] and cols["AZ"][i] == row["azimuth"]
    for q, col in [("XC", "core_x"), ("YC", "core_y"), ("NE", "log_ne"),
                   ("NMU", "log_nmu"), ("AGE", "age")]:
        assert np.float32(cols[q][i]) == np.float32(row[col]), q
    assert np.float32(cols["T"][i] + 273.15) == np.float32(
        row["air_temperature"])
    if np.ma.is_masked(row["esum_had"]):
        assert cols["ESUMHAD"][i] == -1 and cols["NHAD"][i] == -1
    else:
        assert np.float32(cols["ESUMHAD"][i]) == np.float32(row["esum_had"])
        assert cols["NHAD"][i] == row["n_had"]


def test_every_link_downloads_and_opens(server, events, tap):
    for name, row in _rows(events):
        rows, _ = links(dl_url(server, name, row["event_did"]))
        n_run = tap.search(f"SELECT n_events FROM {name}.runs WHERE run = "
                           f"{int(row['run'])}")["n_events"][0]
        with tempfile.TemporaryDirectory() as tmp:
            for link in rows:
                if link["semantics"] == "#proc":
                    continue
                if is_release_link(link):
                    check_release_link(link, name)
                    continue
                if (link["semantics"] == "#progenitor"
                        and name == "kascade_sim" and row["event"] != 777):
                    continue   # ~35 MB each; once per run file is enough
                status, headers, data = http_get(link["access_url"])
                assert status == 200, (link, data[:300])
                ctype = link["content_type"]
                assert headers["content-type"].split(";")[0] == ctype, link
                if link["semantics"] in ("#this", "#progenitor",
                        "#documentation"):
                    assert link["content_length"] == len(data), link
                elif link["content_length"] is not None:
                    assert link["content_length"] == len(data), link
                opened = _open(ctype, data, tmp)
                if opened is None:
                    continue
                cols, stations = opened
                if link["semantics"] == "#progenitor":
                    _check_event(cols, row, n_events=n_run)
                    assert (cols["R"] == row["run"]).all()
                else:
                    _check_event(cols, row)
                has_arrays = name == "kascade_sim" and row["run"] in (
                    sim_station_runs())
                if ctype == "text/plain":
                    assert stations is None
                elif link["semantics"] == "#this":
                    assert (stations is not None) == has_arrays, link
                    if has_arrays:
                        assert stations["energy_deposit"].shape == (1, 252)


def test_extracts_equal_direct_read(server, events):
    """HDF5 extract == the run file's row, station arrays included."""
    for name, row in _rows(events):
        status, _, data = http_get(
            f"{server}/{name}/dl/dlget?ID="
            + urllib.parse.quote(row["event_did"], safe=""))
        assert status == 200
        with tempfile.TemporaryDirectory() as tmp:
            got, got_st = _open("application/x-hdf5", data, tmp)
        run_path = (runs_dir(name)
                    / f"{name}_run{int(row['run']):05d}.h5")
        ref, ref_st = kcdc.read_events(run_path, stations=True)
        i = int(np.flatnonzero(ref["EV"] == row["event"])[0])
        for q in NAMES:
            assert got[q][0] == ref[q][i], q
        if ref_st is not None:
            for q in PER_EVENT_STATION_NAMES:
                assert np.array_equal(got_st[q][0], ref_st[q][i],
                                      equal_nan=True)


def test_run_files_match_summary_table(tap):
    for name in ("kascade", "kascade_sim"):
        runs = tap.search(f"SELECT * FROM {name}.runs ORDER BY run").to_table()
        counts = tap.search(f"SELECT run, COUNT(*) AS n FROM {name}.events "
                            "GROUP BY run ORDER BY run").to_table()
        assert list(runs["run"]) == list(counts["run"])
        assert list(runs["n_events"]) == list(counts["n"])
        for r in runs:
            path = runs_dir(name) / r["hdf5_url"].rsplit(
                "/", 1)[1]
            assert path.stat().st_size == r["hdf5_size"]
            with h5py.File(path, "r") as f:
                ev = f["events/EV"][()]
                assert len(ev) == r["n_events"]
                assert (np.diff(ev) > 0).all()   # sorted: row by search
                assert ("energy_deposit" in f["events"]) == (
                    r["n_station_events"] > 0)
    measured = tap.search("SELECT event FROM kascade.events WHERE run = 1000"
                          " ORDER BY event")
    path = runs_dir("kascade") / "kascade_run01000.h5"
    assert kcdc.read_events(path)["EV"].tolist() == list(measured["event"])


def test_run_files_in_obscore(tap, server):
    rows = tap.search(
        "SELECT * FROM ivoa.obscore WHERE obs_collection IN "
        "('KASCADE', 'KASCADE sim') ORDER BY obs_publisher_did").to_table()
    runs = {name: tap.search(f"SELECT * FROM {name}.runs").to_table()
            for name in ("kascade", "kascade_sim")}
    assert len(rows) == sum(len(t) for t in runs.values())
    assert set(rows["dataproduct_type"]) == {"event"}
    assert set(rows["access_format"]) == {"application/x-hdf5"}
    for r in rows:
        status, headers, _ = http_get(r["access_url"], method="HEAD")
        assert status == 200
        assert headers["content-type"] == "application/x-hdf5"
        assert r["access_estsize"] == int(headers["content-length"]) // 1024
        assert r["t_min"] <= r["t_max"]
        assert r["obs_publisher_did"].startswith(
            f"ivo://{config.site_settings()['authority']}/~?kascade")


def test_preview_is_png_and_cached(server):
    did = "ivo://astroparticle.vo/~?kascade_sim/2/31337"
    url = (f"{server}/kascade_sim/preview/dlget?ID="
           + urllib.parse.quote(did, safe=""))
    status, headers, first = http_get(url)
    assert status == 200 and headers["content-type"] == "image/png"
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    status, _, second = http_get(url)
    assert second == first
    rows, _ = links(dl_url(server, "kascade_sim", did))
    preview = [r for r in rows if r["semantics"] == "#preview"][0]
    assert preview["content_length"] == len(first)   # known once cached


# ------------------------------------------------------------- errors

@pytest.mark.parametrize("did", [
    "ivo://astroparticle.vo/~?kascade/1000/1",          # no such event
    "ivo://astroparticle.vo/~?kascade_sim/1/777",       # other collection
    "ivo://astroparticle.vo/~?kascade/1000",            # not an event DID
    "nonsense",
])
def test_unknown_id_gives_error_row(server, did):
    rows, _ = links(dl_url(server, "kascade", did))
    assert len(rows) == 1
    assert rows[0]["ID"] == did and not rows[0]["access_url"]
    assert rows[0]["error_message"].startswith("NotFoundFault")


def test_unknown_id_dlget_is_404(server):
    for svc in ("dl", "preview"):
        status, _, _ = http_get(
            f"{server}/kascade/{svc}/dlget?ID="
            + urllib.parse.quote("ivo://astroparticle.vo/~?kascade/1000/1",
                                 safe=""))
        assert status == 404


@pytest.mark.parametrize("fmt", ["image/fits", "hdf5", ""])
def test_bad_format_is_a_usage_error(server, fmt):
    did = "ivo://astroparticle.vo/~?kascade/1000/10013"
    status, headers, body = http_get(
        f"{server}/kascade/dl/dlget?ID={urllib.parse.quote(did, safe='')}"
        f"&FORMAT={urllib.parse.quote(fmt, safe='')}")
    if fmt == "":
        # empty FORMAT: the default (HDF5)
        assert status == 200 and body[1:4] == b"HDF"
        return
    assert status == 422
    assert headers["content-type"].startswith("text/plain")
    assert body.startswith(b"UsageError: ") and b"FORMAT" in body


@contextmanager
def _hidden(path):
    hidden = path.with_name("." + path.name + ".hidden-by-test")
    os.replace(path, hidden)
    try:
        yield
    finally:
        os.replace(hidden, path)


def test_missing_run_files_give_error_rows(server):
    did = "ivo://astroparticle.vo/~?kascade/1000/10013"
    runs = runs_dir("kascade")
    with _hidden(runs / "kascade_run01000.root"):
        rows, _ = links(dl_url(server, "kascade", did))
        errors = [r for r in rows if r["error_message"]]
        assert len(errors) == 1
        assert errors[0]["semantics"] == "#progenitor"
        assert errors[0]["error_message"].startswith("NotFoundFault")
        assert "kascade_run01000.root" in errors[0]["error_message"]
        assert len([r for r in rows if r["semantics"] == "#this"
                    and not r["error_message"]]) == 4
        lint_errors, output = lint(dl_url(server, "kascade", did))
        assert not lint_errors, output[-3000:]
    with _hidden(runs / "kascade_run01000.h5"):
        rows, _ = links(dl_url(server, "kascade", did))
        bad = sorted(r["semantics"] for r in rows if r["error_message"])
        assert bad == ["#preview", "#progenitor", "#this", "#this", "#this",
                       "#this"]
        # the release link does not depend on the run files
        release = [r for r in rows if is_release_link(r)]
        assert len(release) == 1
        check_release_link(release[0], "kascade")
        status, _, _ = http_get(f"{server}/kascade/dl/dlget?ID="
                                + urllib.parse.quote(did, safe=""))
        assert status == 404
    rows, _ = links(dl_url(server, "kascade", did))
    assert not [r for r in rows if r["error_message"]]


@pytest.mark.parametrize("name,did,simulated", [
    ("kascade", "ivo://astroparticle.vo/~?kascade/1000/10013", False),
    ("kascade_sim", "ivo://astroparticle.vo/~?kascade_sim/1/777", True),
])
def test_simulated_data_say_so_in_the_links(server, name, did, simulated):
    """The RD's simulated property shows in every product description."""
    rows, _ = links(dl_url(server, name, did))
    products = [r for r in rows if r["semantics"] in (
        "#this", "#progenitor", "#preview")]
    assert len(products) == 7
    for row in products:
        assert row["description"].startswith("SIMULATED DATA.") \
            == simulated, row
