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
from pathlib import Path

import numpy as np

from . import rdschema
from .columns import assemble, numeric_reader
from .errors import E08, E09
from .tables import concatenate_columns, data_lines

__all__ = ["mjd_to_datetime", "season_of", "season_files", "events_table",
           "uptime_table", "effective_area_table"]

_MJD_EPOCH = np.datetime64("1858-11-17T00:00:00", "us")
_SEASON = re.compile(r"^(IC\d+(?:_[IVX]+)?)_")
_RELEASE_DIRS = (".", "icecube_10year_ps")


def mjd_to_datetime(mjd):
    """datetime64[us] from MJDs (vectorised; microsecond rounding).

    Parameters
    ----------
    mjd : array_like of float

    Returns
    -------
    numpy.ndarray of datetime64[us]
    """
    micro = np.round(np.asarray(mjd, dtype=np.float64) * 86400e6)
    return _MJD_EPOCH + micro.astype(np.int64).astype("timedelta64[us]")


def season_of(path):
    """The season name from a release file name (IC40, IC86_II, ...).

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    str
    """
    match = _SEASON.match(path.name)
    if not match:
        raise E09(path, "cannot tell the season from the file name; "
            "expected e.g. IC40_exp.csv, IC86_II_uptime.csv or "
            "IC79_effectiveArea.csv")
    return match.group(1)


def _files(data_dir, flat_pattern, release_folder, release_pattern):
    """{season: path}, from the flat names and the release's folders."""
    data_dir = Path(data_dir)
    candidates = sorted(data_dir.glob(flat_pattern))
    for top in _RELEASE_DIRS:
        candidates += sorted((data_dir / top / release_folder).glob(
            release_pattern))
    found = {}
    for path in candidates:
        season = season_of(path)
        if season in found:
            raise E08(path, f"second file for season {season} (the "
                f"first is {found[season]}); remove one of them")
        found[season] = path
    return found


#: kind -> (flat name pattern, release folder, pattern there, what the
#: E09 of a missing kind calls the files)
_KINDS = {
    "events": ("*_exp.csv", "events", "*_exp.csv",
               "event (<season>_exp.csv)"),
    "uptime": ("*_uptime.csv", "uptime", "*_exp.csv",
               "uptime (<season>_uptime.csv)"),
    "effective_area": ("*_effectiveArea.csv", "irfs", "*_effectiveArea.csv",
                       "effective area (<season>_effectiveArea.csv)"),
}


def season_files(data_dir, kind):
    """{season: file} of one kind of file of a data folder.

    Parameters
    ----------
    data_dir : path-like
    kind : {"events", "uptime", "effective_area"}
        Also the table the files are imported into.

    Returns
    -------
    dict
        Season name -> pathlib.Path, flat names and the release's
        folders alike.
    """
    return _files(data_dir, *_KINDS[kind][:3])


def _required_files(data_dir, kind):
    files = season_files(data_dir, kind)
    if not files:
        raise E09(data_dir, f"no {_KINDS[kind][3]} file; run 'apdc fetch "
            "icecube_ps' or put the release's files there")
    return files


def _season_column(season, n):
    return np.full(n, season, dtype=f"U{len(season)}")


def _season_table(ctx, table_id, derivations):
    """The table's columns from every season's file, seasons in order
    (E09 if there is none)."""
    files = _required_files(ctx.data_dir, table_id)
    table_spec = rdschema.table(ctx.resource, table_id)
    fields = table_spec.properties["source_fields"].split()
    parts = []
    for season, path in files.items():
        read, raw, _ = numeric_reader(path, table_spec, fields)
        n = len(raw[fields[0]])
        season_derivations = {"season": lambda c, _, s=season, n=n:
                              _season_column(s, n)}
        for name, derive in derivations.items():
            season_derivations[name] = (
                lambda c, col, d=derive, s=season, p=path: d(c, col, s, p))
        parts.append(assemble(table_spec, read, season_derivations))
    return concatenate_columns(parts)


def _event_id(columns, _, season, path):
    n = len(next(iter(columns.values())))
    numbers = np.char.zfill(np.arange(1, n + 1).astype(str), 6)
    return np.char.add(f"{season}-", numbers)


def events_table(ctx):
    """The columns of icecube_ps.events, every season in the data folder.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    return _season_table(ctx, "events", {
        "event_id": _event_id,
        "obs_time": lambda c, *_: mjd_to_datetime(c["obs_mjd"])})


def _stop_after_start(columns, _, season, path):
    start, stop = columns["mjd_start"], columns["mjd_stop"]
    bad = stop < start
    if bad.any():
        lines = [number for number, _ in data_lines(path)]
        raise E08(path, "run stops before it starts",
                  row=lines[int(np.argmax(bad))],
                  field="mjd_stop")
    return mjd_to_datetime(stop)


def uptime_table(ctx):
    """The columns of icecube_ps.uptime (good-run intervals).

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    return _season_table(ctx, "uptime", {
        "time_start": lambda c, *_: mjd_to_datetime(c["mjd_start"]),
        "time_stop": _stop_after_start,
        "duration": lambda c, *_: (c["mjd_stop"] - c["mjd_start"]) * 86400.0})


def effective_area_table(ctx):
    """The columns of icecube_ps.effective_area.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    return _season_table(ctx, "effective_area", {})
