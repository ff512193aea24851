"""Run files of the measured KASCADE events and the runs table (offline).

apdc.products.kascade writes the run files, converters.kascade.runs
makes the rows of ``<resource>.runs``.  Moved here from
test_kascade_stations.py when the simulation moved to simulation/.
"""

import io

import numpy as np

from apdc.products import kascade as products
from converters import kcdc, rdschema
from converters.kascade import runs as kascade_runs
from exporters.kcdc import write_events
from simulation.kascade import events


def _measured(tmp_path):
    cols = events.generate(40, seed=9, events_per_run=40)
    cols["R"][:] = np.where(np.arange(40) < 25, 7, 3).astype(np.int32)
    cols["EV"][:] = np.random.default_rng(1).permutation(40) + 100
    src = tmp_path / "export.txt"
    write_events(src, cols)
    return cols, src


def test_measured_runs_split_by_run_sorted_by_event(tmp_path):
    cols, src = _measured(tmp_path)
    runs = tmp_path / "runs"
    written = products.write_run_files([src], runs, "kascade",
                                       log=io.StringIO())
    assert [p.name for p in written] == ["kascade_run00003.h5",
                                         "kascade_run00007.h5"]
    for p in written:
        for path in (p, p.with_suffix(".root")):
            got, st = kcdc.read_events(path, stations=True)
            assert st is None
            assert (np.diff(got["EV"]) > 0).all()
            sel = cols["R"] == got["R"][0]
            assert sorted(got["EV"].tolist()) == sorted(
                cols["EV"][sel].tolist())
    mtime = written[0].stat().st_mtime_ns
    products.write_run_files([src], runs, "kascade", log=io.StringIO())
    assert written[0].stat().st_mtime_ns == mtime

    table = kascade_runs.runs_columns(runs, rdschema.table("kascade", "runs"),
                                      "auth.example", "http://h:1", "KASCADE")
    assert table["run"].tolist() == [3, 7]
    assert table["n_events"].tolist() == [15, 25]
    assert table["n_station_events"].tolist() == [0, 0]
    assert table["run_did"][0] == b"ivo://auth.example/~?kascade/3"
    assert table["hdf5_url"][1] == (
        b"http://h:1/kascade/files/static/kascade_run00007.h5")
    assert (table["t_min"] <= table["t_max"]).all()


def test_datalink_urls():
    dids = np.array([b"ivo://a.b/~?kascade/1000/10013"])
    url = kascade_runs.datalink_urls(dids, "http://h:1", "kascade")[0]
    assert url == (b"http://h:1/kascade/dl/dlmeta?ID=ivo%3A%2F%2Fa.b%2F~%3F"
                   b"kascade%2F1000%2F10013&RESPONSEFORMAT=votable")
