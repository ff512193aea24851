"""Command line: ``python -m simulation.kascade FOLDER [options]``."""

import argparse

from simulation.kascade.events import DEFAULT_SEED
from simulation.kascade.runs import FORMAT_SUFFIXES, write_runs

__all__ = ["main"]


def main(argv=None):
    """Write simulated runs into a folder.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status, 0.
    """
    ap = argparse.ArgumentParser(
        prog="python -m simulation.kascade",
        description="Write SIMULATED KASCADE-like events (not KASCADE "
                    "data) as KCDC files, one per run.")
    ap.add_argument("folder")
    ap.add_argument("--n-events", type=int, default=1_000_000)
    ap.add_argument("--events-per-run", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--format", dest="fmt", choices=sorted(FORMAT_SUFFIXES),
                    default="h5")
    ap.add_argument("--start", default="1998-01-01")
    ap.add_argument("--days", type=float, default=365 * 5)
    ap.add_argument("--station-runs", type=int, nargs="*", default=[],
                    metavar="RUN", help="runs that get per-station arrays")
    ap.add_argument("--twin", dest="twins", action="append", default=[],
                    choices=sorted(FORMAT_SUFFIXES),
                    help="also write every run in this format")
    a = ap.parse_args(argv)
    write_runs(a.folder, n_events=a.n_events, events_per_run=a.events_per_run,
               seed=a.seed, fmt=a.fmt, start=a.start, days=a.days,
               station_runs=a.station_runs, twins=a.twins)
    return 0
