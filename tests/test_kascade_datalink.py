"""The KASCADE DataLink code offline: DIDs, extracts and previews.

The live DataLink service is tested in test_live_kascade_datalink.py.
Moved here from test_kascade_stations.py when the simulation moved to
simulation/.
"""

import h5py
import numpy as np
import pytest

from converters import kcdc, kcdc_quantities
from exporters.kcdc import write_events
from services import kascade_datalink as kdl
from services import kascade_extracts as extracts
from services import kascade_preview as previews
from simulation.kascade import events
from simulation.kascade import stations as station_model

NAMES = [q.name for q in kcdc_quantities.scalar_quantities()]


@pytest.fixture(scope="module")
def sim():
    cols = events.generate(4000, seed=5, events_per_run=4000)
    return cols, station_model.simulate(cols, seed=5, run=1)


def test_parse_did():
    assert kdl.parse_did("ivo://a.b/~?kascade/1000/10013", "a.b",
                         "kascade") == (1000, 10013)
    for bad in ["ivo://a.b/~?kascade_sim/1/2", "ivo://a.b/~?kascade/1",
                "ivo://a.b/~?kascade/1/x", "ivo://other/~?kascade/1/2",
                "ivo://a.b/~?kascade/1/2/3", None]:
        with pytest.raises(kdl.UnknownEvent):
            kdl.parse_did(bad, "a.b", "kascade")


@pytest.fixture(scope="module")
def run_file(tmp_path_factory, sim):
    cols, st = sim
    cols = {k: v[:500] for k, v in cols.items()}
    st = {k: (v[:500] if v.ndim == 2 else v) for k, v in st.items()}
    # shuffled on purpose: the lookup must not rely on the order
    order = np.random.default_rng(2).permutation(500)
    cols = {k: v[order] for k, v in cols.items()}
    st = {k: (v[order] if v.ndim == 2 else v) for k, v in st.items()}
    path = tmp_path_factory.mktemp("runs") / "kascade_sim_run00001.h5"
    write_events(path, cols, stations=st)
    return path, cols, st


@pytest.mark.parametrize("fmt", list(extracts.FORMATS))
def test_extract_formats_hold_the_event(run_file, fmt, tmp_path):
    path, cols, st = run_file
    i = 123
    ev = int(cols["EV"][i])
    did = f"ivo://a.b/~?kascade_sim/1/{ev}"
    mime, data = extracts.extract(path, ev, fmt, did)
    assert mime == fmt
    out = tmp_path / ("x" + extracts.FORMATS[fmt][1])
    out.write_bytes(data)
    if fmt == "application/x-votable+xml":
        from astropy.io import votable
        vot = votable.parse(str(out))
        event = vot.get_table_by_index(0).to_table()
        stations = vot.get_table_by_index(1).to_table()
        got = {n: np.asarray(event[n]) for n in NAMES}
        assert event["event_did"][0] == did
        assert np.array_equal(np.asarray(stations["energy_deposit"]),
                              st["energy_deposit"][i])
    else:
        got, got_st = kcdc.read_events(out, stations=True)
        if fmt == "text/plain":
            assert got_st is None
            assert data.startswith(b"# KASCADE event " + did.encode())
        else:
            assert np.array_equal(got_st["energy_deposit"][0],
                                  st["energy_deposit"][i])
            assert np.array_equal(got_st["arrival_time"][0],
                                  st["arrival_time"][i], equal_nan=True)
            assert np.array_equal(got_st["station_id"], st["station_id"])
    for name in NAMES:
        assert np.array_equal(np.asarray(got[name]), cols[name][i:i + 1]), name
    if fmt == "application/x-hdf5":
        with h5py.File(out, "r") as f:
            assert f.attrs["event_did"] == did


def test_extract_unknown_event(run_file):
    path, cols, _ = run_file
    missing = int(cols["EV"].max()) + 1
    with pytest.raises(KeyError):
        extracts.read_event(path, missing)


def test_preview_is_cached_png(run_file, tmp_path):
    path, cols, _ = run_file
    ev = int(cols["EV"][7])
    png = previews.preview(path, "kascade_sim", 1, ev,
                           f"ivo://a.b/~?kascade_sim/1/{ev}", tmp_path,
                           simulated=True)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    again = previews.preview(path, "kascade_sim", 1, ev, "x", tmp_path)
    assert again == png and again.read_bytes() == data


def test_summary_only_preview():
    cols = events.generate(1, seed=1)
    png = previews.render_preview(cols, None, "ivo://a.b/~?kascade/1/1")
    assert png[:4] == b"\x89PNG"


def test_vounit_check_is_thread_safe_and_sets_no_warnings_filter():
    """The server runs requests in threads: the unit check of the VOTable
    extract must not touch the process-wide warnings filters (it once
    turned DaCHS's own DeprecationWarnings into errors of TAP queries)."""
    import threading
    import warnings
    from services.kascade_extracts import _vounit
    before = list(warnings.filters)
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        [_vounit(u) for u in ("degC", "log(eV)", "K", "hPa", "erg")]))
        for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert warnings.filters == before
    assert results == [[None, None, "K", "hPa", None]] * 8
