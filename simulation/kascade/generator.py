"""The generator that ``resources/kascade_sim/dataset.json`` names.

The operator's fetch step calls :func:`generate_runs` as
``function(ctx, seed=seed, **options)`` with the manifest's seed and
options; it writes the simulated run files into ``ctx.data_dir/runs``
and returns at once when they are there for this seed, these options
and this generator version.
"""

import sys
from pathlib import Path

from converters import kcdc_quantities
from simulation.kascade.events import DEFAULT_SEED
from simulation.kascade.manifest import MANIFEST_NAME
from simulation.kascade.runs import RUN_FILE_PREFIX, write_runs

__all__ = ["RUNS_FOLDER", "generate_runs"]

#: Sub-folder of the data folder that holds the run files.
RUNS_FOLDER = "runs"


def _remove_old_layout(data_dir, log):
    """Drop generator output of the layout before data/runs (it would only
    take space)."""
    for old in [*data_dir.glob(RUN_FILE_PREFIX + "*.h5"),
                data_dir / MANIFEST_NAME]:
        if old.is_file():
            old.unlink()
            print(f"  kascade_sim: removed old-layout {old.name}", file=log)


def generate_runs(ctx, seed=DEFAULT_SEED, n_events=1_000_000,
                  events_per_run=100_000, station_runs=(), twins=(),
                  fmt="h5", start="1998-01-01", days=365 * 5, log=sys.stderr):
    """Write the simulated KASCADE-like run files of a resource.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The resource; the files go to ``ctx.data_dir / "runs"`` and hold
        the KCDC quantities of its RD's ``events`` table.
    seed : int, optional
        Generator seed (the served data use the default).
    n_events, events_per_run : int, optional
        Total number of events and events per run file.
    station_runs : iterable of int, optional
        Runs whose files carry per-station arrays (HDF5 and ROOT).
    twins : iterable of str, optional
        Further formats of every run file (e.g. ``["root"]``).
    fmt : {"h5", "root", "txt"}, optional
        Main format of the run files.
    start : str, optional
        UTC start of the observation period.
    days : float, optional
        Length of the observation period in days.
    log : file, optional
        Where to report removed files of an old layout.

    Returns
    -------
    list of str
        Paths of the run files (main format) in run order.

    Notes
    -----
    Idempotent: with the same arguments and generator version, the
    files found (by their sizes in the run folder's ``manifest.json``)
    are kept and nothing is written.
    """
    data_dir = Path(ctx.data_dir)
    paths = write_runs(data_dir / RUNS_FOLDER, n_events=n_events,
                       events_per_run=events_per_run, seed=seed, fmt=fmt,
                       start=start, days=days, station_runs=station_runs,
                       twins=twins, prefix=f"{ctx.resource}_run",
                       quantities=kcdc_quantities.quantities(
                           ctx.resource, "events"))
    _remove_old_layout(data_dir, log)
    return paths
