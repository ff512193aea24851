"""Published Pierre Auger Observatory event lists -> events tables.

Two lists, two resources:

* ``auger2022``: the 2,635 events above 32 EeV of Phase 1 (ApJ 935
  (2022) 170), file ``AugerApJS2022_Yr_JD_UTC_Th_Ph_RA_Dec_E_Expo.dat``
  of Zenodo 10.5281/zenodo.6759610;
* ``auger2015``: the 231 events above 52 EeV of ApJ 804 (2015) 15, whose
  minus signs are Unicode minus signs (U+2212).

Conventions found in the files and checked against them (see
docs/uhecr_and_hess.md):

* ``Yr`` and ``JD`` (2022), ``Year`` and ``JulianDay`` (2015) are the
  year and day of year of a day that runs from 12:00 UTC to 12:00 UTC
  (the Julian-day convention): for all 2,635 events of 2022 they are the
  calendar year and day of year of UTC - 12 h.  The 2015 list gives no
  time of day, so its events get the middle of that day, 00:00 UTC of the
  next calendar day, +-0.5 d.
* The 2015 list's galactic longitudes run from -180 to 180 deg; the
  table has them in [0, 360) like every galactic longitude here.
* ``Ph`` (2022) is the azimuth counted counter-clockwise from east
  (Auger's convention): 90 - Ph is the geographic azimuth, north through
  east, that reproduces the published RA/Dec from time and zenith at the
  Observatory to 0.22 deg (median; at most 0.62 deg), the rounding of
  the published values and the approximate site position.
"""

from pathlib import Path

import numpy as np

from . import sky, tables
from .errors import InputError

FILE_2022 = "AugerApJS2022_Yr_JD_UTC_Th_Ph_RA_Dec_E_Expo.dat"
FILE_2015 = "Auger2015_ApJ804_15_above52EeV.dat"

HEADER_2022 = ("Yr", "JD", "UTC", "Th", "Ph", "RA", "Dec", "E", "Expo")
HEADER_2015 = ("Year", "JulianDay", "Zenith(deg)", "E(EeV)", "RA(deg)",
    "DEC(deg)", "gal-longitude(deg)", "gal-latitude(deg)")
NAMES_2015 = ("Year", "JulianDay", "Zenith", "E", "RA", "DEC", "l", "b")

# Published galactic coordinates must match the published RA/Dec within
# this (both are rounded to 0.1 deg, which makes up to about 0.12 deg).
GALACTIC_TOLERANCE_DEG = 0.5

_SECONDS_PER_DAY = 86400


def check_header(path, expected, comment="#"):
    """Raise InputError unless the first line names ``expected`` columns.

    The lists have no other self-description, so a file with other
    columns (or in another order) must not be read by position.
    """
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except FileNotFoundError:
        raise InputError(path, "file not found; run 'apdc fetch'") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read ({exc})") from None
    found = first.strip().lstrip(comment).split()
    if tuple(f.lower() for f in found) != tuple(e.lower() for e in expected):
        raise InputError(path, f"header is '{first.strip()}', expected the "
            f"columns {' '.join(expected)}; the file is not the published "
            "list or its layout changed", row=1)


def event_ids(prefix, n):
    """'<prefix>-0001' ... in file order."""
    return np.char.add(f"{prefix}-", np.char.zfill(
        np.arange(1, n + 1).astype(str), 4))


def _line_numbers(path):
    return np.array([number for number, _ in tables.data_lines(path)])


def _check_days(path, year, day, lines, year_field, day_field):
    tables.check_range(path, year, year_field, 1990, 2100, rows=lines)
    is_leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    bad = (day < 1) | (day > 365 + is_leap)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(path, f"day {day[i]} does not exist in {year[i]}",
            row=int(lines[i]), field=day_field)


def _noon_day_start(year, day):
    """Unix seconds of 12:00 UTC starting Julian-convention day ``day``."""
    first = (np.char.add(year.astype(str), "-01-01").astype("datetime64[D]")
        .astype(np.int64))
    return (first + day - 1) * _SECONDS_PER_DAY + _SECONDS_PER_DAY // 2


def events_2022(data_dir):
    """The Auger Phase-1 events above 32 EeV -> auger2022.events."""
    path = Path(data_dir) / FILE_2022
    check_header(path, HEADER_2022)
    c = tables.numeric_table(path, HEADER_2022, dtypes={
        "Yr": np.int64, "JD": np.int64, "UTC": np.int64})
    lines = _line_numbers(path)
    for name, low, high in [("Th", 0, 90), ("Ph", -180, 360), ("RA", 0, 360),
            ("Dec", -90, 90), ("E", 1, 1e4), ("Expo", 0, 1e7)]:
        tables.check_range(path, c[name], name, low, high, rows=lines)
    _check_days(path, c["Yr"], c["JD"], lines, "Yr", "JD")

    unix = c["UTC"]
    start = _noon_day_start(c["Yr"], c["JD"])
    outside = (unix < start) | (unix >= start + _SECONDS_PER_DAY)
    if outside.any():
        i = int(np.argmax(outside))
        raise InputError(path, f"UTC {unix[i]} "
            f"({np.datetime64(int(unix[i]), 's')}) is not in day {c['JD'][i]} "
            f"of {c['Yr'][i]} (days run from 12:00 to 12:00 UTC)",
            row=int(lines[i]), field="UTC")

    gal_l, gal_b = sky.icrs_to_galactic(c["RA"], c["Dec"])
    return {
        "event_id": event_ids("Auger2022", len(unix)),
        "pub_year": c["Yr"].astype(np.int16),
        "pub_day": c["JD"].astype(np.int16),
        "obs_time": sky.datetime64_from_unix(unix),
        "obs_mjd": sky.mjd_from_unix(unix),
        "unix_time": unix,
        "zenith": c["Th"],
        "azimuth": np.mod(90.0 - c["Ph"], 360.0),
        "phi_auger": c["Ph"],
        "energy": c["E"],
        "ra": c["RA"],
        "dec": c["Dec"],
        "gal_l": gal_l,
        "gal_b": gal_b,
        "exposure": c["Expo"],
    }


def events_2015(data_dir):
    """Auger events above 52 EeV of ApJ 804 (2015) 15 -> auger2015.events."""
    path = Path(data_dir) / FILE_2015
    check_header(path, HEADER_2015)
    c = tables.numeric_table(path, NAMES_2015, dtypes={
        "Year": np.int64, "JulianDay": np.int64})
    lines = _line_numbers(path)
    for name, low, high in [("Zenith", 0, 90), ("E", 1, 1e4), ("RA", 0, 360),
            ("DEC", -90, 90), ("l", -180, 360), ("b", -90, 90)]:
        tables.check_range(path, c[name], name, low, high, rows=lines)
    _check_days(path, c["Year"], c["JulianDay"], lines, "Year", "JulianDay")

    computed_l, computed_b = sky.icrs_to_galactic(c["RA"], c["DEC"])
    separation = _separation_deg(computed_l, computed_b, c["l"], c["b"])
    bad = separation > GALACTIC_TOLERANCE_DEG
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(path, f"galactic ({c['l'][i]}, {c['b'][i]}) is "
            f"{separation[i]:.2f} deg from RA/Dec ({c['RA'][i]}, "
            f"{c['DEC'][i]}); one of them is wrong", row=int(lines[i]),
            field="gal-longitude")

    # Middle of the noon-to-noon day: 00:00 UTC.
    middle = (_noon_day_start(c["Year"], c["JulianDay"])
        + _SECONDS_PER_DAY // 2)
    return {
        "event_id": event_ids("Auger2015", len(middle)),
        "pub_year": c["Year"].astype(np.int16),
        "pub_day": c["JulianDay"].astype(np.int16),
        "obs_time": sky.datetime64_from_unix(middle),
        "obs_mjd": sky.mjd_from_unix(middle),
        "zenith": c["Zenith"],
        "energy": c["E"],
        "ra": c["RA"],
        "dec": c["DEC"],
        "gal_l": np.mod(c["l"], 360.0),
        "gal_b": c["b"],
    }


def _separation_deg(lon1, lat1, lon2, lat2):
    """Great-circle distance in degrees (haversine), vectorised."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float))
        for v in (lon1, lat1, lon2, lat2))
    h = (np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return np.degrees(2 * np.arcsin(np.sqrt(np.clip(h, 0, 1))))
