"""IceCube 10-year point-source data release (IC40 ... IC86_VII).

The release (DOI 10.21234/sxvs-mt83, arXiv:2101.09836) is one zip file
with the folders ``events/`` (``<season>_exp.csv``), ``uptime/`` (also
named ``<season>_exp.csv``) and ``irfs/`` (``<season>_effectiveArea.csv``
and smearing matrices).  All are whitespace-separated numbers below a
``#`` header line.

In the data folder the files are stored flat, with the uptime files
renamed so that they do not clash with the event files::

    IC40_exp.csv  IC40_uptime.csv  IC40_effectiveArea.csv

The release's own layout (``events/``, ``uptime/``, ``irfs/``, possibly
below ``icecube_10year_ps/``) is accepted as well, so an operator can
unpack the whole zip into the data folder.  Every season found is
imported; its name comes from the file name (``IC86_II_exp.csv`` ->
``IC86_II``).
"""

import re

import numpy as np

from .errors import InputError
from .tables import (check_range, concatenate_columns, data_lines,
    numeric_table)

EVENT_FIELDS = ("mjd", "log_energy", "ang_err", "ra", "dec", "azimuth",
    "zenith")
UPTIME_FIELDS = ("mjd_start", "mjd_stop")
AREA_FIELDS = ("log_enu_min", "log_enu_max", "dec_nu_min", "dec_nu_max",
    "a_eff")

# Sanity limits of the MJDs: IceCube's data taking started in 2005
# (MJD 53371); 80000 is the year 2077.
MJD_RANGE = (53000.0, 80000.0)

_MJD_EPOCH = np.datetime64("1858-11-17T00:00:00", "us")
_SEASON = re.compile(r"^(IC\d+(?:_[IVX]+)?)_")
_RELEASE_DIRS = (".", "icecube_10year_ps")


def mjd_to_datetime(mjd):
    """datetime64[us] from MJDs (vectorised; microsecond rounding)."""
    micro = np.round(np.asarray(mjd, dtype=np.float64) * 86400e6)
    return _MJD_EPOCH + micro.astype(np.int64).astype("timedelta64[us]")


def season_of(path):
    """The season name from a release file name (IC40, IC86_II, ...)."""
    match = _SEASON.match(path.name)
    if not match:
        raise InputError(path, "cannot tell the season from the file name; "
            "expected e.g. IC40_exp.csv, IC86_II_uptime.csv or "
            "IC79_effectiveArea.csv")
    return match.group(1)


def _files(data_dir, flat_pattern, release_folder, release_pattern):
    """{season: path}, from the flat names and the release's folders."""
    from pathlib import Path
    data_dir = Path(data_dir)
    candidates = sorted(data_dir.glob(flat_pattern))
    for top in _RELEASE_DIRS:
        candidates += sorted((data_dir / top / release_folder).glob(
            release_pattern))
    found = {}
    for path in candidates:
        season = season_of(path)
        if season in found:
            raise InputError(path, f"second file for season {season} (the "
                f"first is {found[season]}); remove one of them")
        found[season] = path
    return found


def event_files(data_dir):
    return _files(data_dir, "*_exp.csv", "events", "*_exp.csv")


def uptime_files(data_dir):
    return _files(data_dir, "*_uptime.csv", "uptime", "*_exp.csv")


def area_files(data_dir):
    return _files(data_dir, "*_effectiveArea.csv", "irfs",
        "*_effectiveArea.csv")


def _require(files, data_dir, what):
    if not files:
        raise InputError(data_dir, f"no {what} file; run 'apdc fetch "
            "icecube_ps' or put the release's files there")


def _check(path, columns, limits):
    """Range checks naming the line of the first bad value."""
    for name, (low, high) in limits.items():
        values = columns[name]
        if not ((values >= low) & (values <= high)).all():
            lines = [number for number, _ in data_lines(path)]
            check_range(path, values, name, low, high, rows=lines)


def _season_column(season, n):
    return np.full(n, season, dtype=f"U{len(season)}")


def read_events(path):
    """The columns of one season's event file, checked."""
    cols = numeric_table(path, EVENT_FIELDS)
    _check(path, cols, {"mjd": MJD_RANGE, "log_energy": (-5, 15),
        "ang_err": (0, 180), "ra": (0, 360), "dec": (-90, 90),
        "azimuth": (0, 360), "zenith": (0, 180)})
    return cols


def events_table(data_dir):
    """-> columns of icecube_ps.events, every season in ``data_dir``."""
    files = event_files(data_dir)
    _require(files, data_dir, "event (<season>_exp.csv)")
    parts = []
    for season, path in files.items():
        cols = read_events(path)
        n = len(cols["mjd"])
        numbers = np.char.zfill(np.arange(1, n + 1).astype(str), 6)
        cols["event_id"] = np.char.add(f"{season}-", numbers)
        cols["season"] = _season_column(season, n)
        parts.append(cols)
    merged = concatenate_columns(parts)
    return {
        "event_id": merged["event_id"],
        "season": merged["season"],
        "obs_mjd": merged["mjd"],
        "obs_time": mjd_to_datetime(merged["mjd"]),
        "log_energy": merged["log_energy"].astype(np.float32),
        "ang_err": merged["ang_err"].astype(np.float32),
        "ra": merged["ra"],
        "dec": merged["dec"],
        "azimuth": merged["azimuth"].astype(np.float32),
        "zenith": merged["zenith"].astype(np.float32),
    }


def uptime_table(data_dir):
    """-> columns of icecube_ps.uptime (good-run intervals)."""
    files = uptime_files(data_dir)
    _require(files, data_dir, "uptime (<season>_uptime.csv)")
    seasons, starts, stops = [], [], []
    for season, path in files.items():
        cols = numeric_table(path, UPTIME_FIELDS)
        _check(path, cols, {"mjd_start": MJD_RANGE, "mjd_stop": MJD_RANGE})
        bad = cols["mjd_stop"] < cols["mjd_start"]
        if bad.any():
            lines = [number for number, _ in data_lines(path)]
            raise InputError(path, "run stops before it starts",
                row=lines[int(np.argmax(bad))], field="mjd_stop")
        seasons.append(_season_column(season, len(cols["mjd_start"])))
        starts.append(cols["mjd_start"])
        stops.append(cols["mjd_stop"])
    start, stop = np.concatenate(starts), np.concatenate(stops)
    return {
        "season": np.concatenate(seasons),
        "mjd_start": start,
        "mjd_stop": stop,
        "time_start": mjd_to_datetime(start),
        "time_stop": mjd_to_datetime(stop),
        "duration": ((stop - start) * 86400.0),
    }


def effective_area_table(data_dir):
    """-> columns of icecube_ps.effective_area."""
    files = area_files(data_dir)
    _require(files, data_dir, "effective area (<season>_effectiveArea.csv)")
    parts = []
    for season, path in files.items():
        cols = numeric_table(path, AREA_FIELDS)
        _check(path, cols, {"log_enu_min": (-5, 15), "log_enu_max": (-5, 15),
            "dec_nu_min": (-90, 90), "dec_nu_max": (-90, 90),
            "a_eff": (0, 1e12)})
        cols["season"] = _season_column(season, len(cols["a_eff"]))
        parts.append(cols)
    return {name: np.concatenate([p[name] for p in parts])
        for name in ("season",) + AREA_FIELDS}
