"""Per-station arrays of exported events, from the run files.

The database holds one row per event; the per-station arrays (energy
deposits, arrival times) exist only in the HDF5 run files
(``resources/<name>/data/runs/<schema>_runNNNNN.h5``, events sorted by
EV, :mod:`converters.kascade.runs`), and only in some of them (runs 1
and 2 of kascade_sim).  Events without station data get arrays of NaN
(the "did not trigger" value of the arrival times); the package's
``Info.txt`` says how many.  The "station" arrays (station id, x, y)
come with any per-station choice: they index the columns of the others.
"""

import functools
from pathlib import Path

import h5py
import numpy as np

from converters import rdschema
from converters.kascade.runs import RUNS_SUBDIR, run_file

__all__ = ["StationSource", "runs_dir", "station_count"]


def runs_dir(dataset):
    """The run-file folder of a data set (``resources/<name>/data/runs``)."""
    return rdschema.RD_DIR.parent / "resources" / dataset / "data" / \
        RUNS_SUBDIR


def station_count(dataset, collection):
    """Stations per event in the run files of a data set; 0 if none of
    its run files carries per-station data."""
    files = sorted(runs_dir(dataset).glob(f"{collection}_run*.h5"))
    return _station_count(tuple((str(p), p.stat().st_mtime_ns)
                                for p in files))


@functools.lru_cache(maxsize=16)
def _station_count(files):
    for path, _ in files:
        with h5py.File(path, "r") as f:
            if "stations/station_id" in f:
                return int(f["stations/station_id"].shape[0])
    return 0


class StationSource:
    """Looks the per-station arrays of events up in the run files.

    Parameters
    ----------
    comp : exporters.shop.datasets.ComponentSpec
    arrays : sequence of converters.kcdc_quantities.Quantity
        The per-station quantities to deliver.
    folder : path-like, optional
        Default: :func:`runs_dir`.
    """

    def __init__(self, comp, arrays, folder=None):
        self.folder = Path(folder or runs_dir(comp.dataset))
        self.collection = comp.table.schema
        self.per_event = [q for q in arrays if q.per_event]
        self.static = {}
        self.missing = 0
        self._files = {}
        self._load_static([q for q in arrays if not q.per_event])

    def _open(self, run):
        if run not in self._files:
            path = run_file(self.folder, self.collection, run, "hdf5")
            f = h5py.File(path, "r") if path.is_file() else None
            if f is not None and "stations" not in f:
                f.close()
                f = None
            self._files[run] = (f, None if f is None else f["events/EV"][()])
        return self._files[run]

    def _load_static(self, statics):
        for path in sorted(self.folder.glob(f"{self.collection}_run*.h5")):
            with h5py.File(path, "r") as f:
                if "stations" in f:
                    self.n_stations = f["stations/station_id"].shape[0]
                    self.static = {q.name: f[f"stations/{q.name}"][()]
                                   for q in statics}
                    return
        self.n_stations = 0
        self.static = {q.name: np.zeros(0, q.dtype) for q in statics}

    def close(self):
        """Close the run files."""
        for f, _ in self._files.values():
            if f is not None:
                f.close()
        self._files = {}

    def _fill_run(self, out, rows, run, events):
        f, ev = self._open(run)
        if f is None:
            return len(rows)
        idx = np.searchsorted(ev, events)
        idx[idx >= len(ev)] = 0
        found = ev[idx] == events
        if found.any():
            # one slab between the first and last event, then numpy:
            # h5py's point selection is slow for many rows
            lo, hi = idx[found].min(), idx[found].max() + 1
            for q in self.per_event:
                slab = f[f"events/{q.name}"][lo:hi]
                out[q.name][rows[found]] = slab[idx[found] - lo]
        return int((~found).sum())

    def arrays(self, runs, events):
        """The "event station" arrays of a chunk of events.

        Parameters
        ----------
        runs, events : numpy.ndarray
            The chunk's run and event numbers (sorted by run, event).

        Returns
        -------
        dict of str to numpy.ndarray
            ``(n_events, n_stations)`` per quantity, NaN where the run
            files have no station data.
        """
        out = {q.name: np.full((len(runs), self.n_stations), np.nan,
                               q.dtype) for q in self.per_event}
        for run in np.unique(runs):
            rows = np.flatnonzero(runs == run)
            self.missing += self._fill_run(out, rows, int(run), events[rows])
        return out
