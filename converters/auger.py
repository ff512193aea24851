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

from . import rdschema, sky
from .columns import assemble, numeric_reader
from .errors import E01, E02, E03, E06, E08

__all__ = ["FILE_2022", "FILE_2015", "GALACTIC_TOLERANCE_DEG",
           "check_header", "event_ids", "events_2022", "events_2015"]

FILE_2022 = "AugerApJS2022_Yr_JD_UTC_Th_Ph_RA_Dec_E_Expo.dat"
FILE_2015 = "Auger2015_ApJ804_15_above52EeV.dat"

# Published galactic coordinates must match the published RA/Dec within
# this (both are rounded to 0.1 deg, which makes up to about 0.12 deg).
GALACTIC_TOLERANCE_DEG = 0.5

_SECONDS_PER_DAY = 86400


def check_header(path, expected, comment="#"):
    """Raise E03 unless the first line names the ``expected`` columns.

    The lists have no other self-description, so a file with other
    columns (or in another order) must not be read by position.

    Parameters
    ----------
    path : path-like
    expected : sequence of str
        The header's words, in order (compared case-insensitively).
    comment : str
        The character before the header's words.
    """
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except FileNotFoundError:
        raise E01(path, "file not found; run 'apdc fetch'") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise E02(path, f"cannot be read ({exc})") from None
    found = first.strip().lstrip(comment).split()
    if tuple(f.lower() for f in found) != tuple(e.lower() for e in expected):
        raise E03(path, f"header is '{first.strip()}', expected the "
                  f"columns {' '.join(expected)}; the file is not the "
                  "published list or its layout changed", row=1)


def event_ids(prefix, n):
    """'<prefix>-0001' ... in file order.

    Parameters
    ----------
    prefix : str
    n : int

    Returns
    -------
    numpy.ndarray of str
    """
    return np.char.add(f"{prefix}-", np.char.zfill(
        np.arange(1, n + 1).astype(str), 4))


def _check_days(path, year, day, lines, day_field):
    is_leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    bad = (day < 1) | (day > 365 + is_leap)
    if bad.any():
        i = int(np.argmax(bad))
        raise E06(path, f"day {day[i]} does not exist in {year[i]}",
                  row=int(lines[i]), field=day_field)


def _noon_day_start(year, day):
    """Unix seconds of 12:00 UTC starting Julian-convention day ``day``."""
    first = (np.char.add(np.asarray(year).astype(str), "-01-01")
             .astype("datetime64[D]").astype(np.int64))
    return ((first + np.asarray(day, np.int64) - 1) * _SECONDS_PER_DAY
            + _SECONDS_PER_DAY // 2)


def _read(ctx, file_name, header_property):
    """(path, spec, read, lines) of a list whose header is checked."""
    table_spec = rdschema.table(ctx.resource, "events")
    path = Path(ctx.data_dir) / file_name
    fields = table_spec.properties["source_fields"].split()
    check_header(path, table_spec.properties[header_property].split())
    read, _, lines = numeric_reader(path, table_spec, fields)
    return path, table_spec, read, lines


def _unix_time(path, table_spec, lines):
    """Derivation: the published UTC, checked to lie in its noon day."""
    day_field = table_spec.column("pub_day").property("source")
    unix_field = table_spec.column("unix_time").property("source")

    def unix(columns):
        year, day = columns["pub_year"], columns["pub_day"]
        _check_days(path, year, day, lines, day_field)
        seconds = columns["unix_time"]
        start = _noon_day_start(year, day)
        outside = (seconds < start) | (seconds >= start + _SECONDS_PER_DAY)
        if outside.any():
            i = int(np.argmax(outside))
            when = np.datetime64(int(seconds[i]), "s")
            raise E08(path, f"UTC {seconds[i]} ({when}) is not in day "
                      f"{day[i]} of {year[i]} (days run from 12:00 to "
                      "12:00 UTC)", row=int(lines[i]),
                      field=unix_field)
        return seconds
    return unix


def events_2022(ctx):
    """The Auger Phase-1 events above 32 EeV -> auger2022.events.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    path, table_spec, read, lines = _read(ctx, FILE_2022, "source_fields")
    unix = _unix_time(path, table_spec, lines)
    derivations = dict(
        sky.galactic_derivations(),
        event_id=lambda c, _: event_ids("Auger2022", len(lines)),
        utc_time=lambda c, _: sky.datetime64_from_unix(unix(c)),
        utc_mjd=lambda c, _: sky.mjd_from_unix(unix(c)),
        geographic_azimuth=lambda c, _: np.mod(90.0 - c["phi_auger"], 360.0))
    return assemble(table_spec, read, derivations)


def _check_galactic(path, table_spec, columns, lines):
    """E08 where the published galactic position contradicts RA/Dec."""
    computed_l, computed_b = sky.icrs_to_galactic(columns["ra"],
                                                  columns["dec"])
    separation = _separation_deg(computed_l, computed_b, columns["gal_l"],
                                 columns["gal_b"])
    bad = separation > GALACTIC_TOLERANCE_DEG
    if bad.any():
        i = int(np.argmax(bad))
        fields = table_spec.properties["source_fields"].split()
        header = table_spec.properties["source_header"].split()
        field = header[fields.index(table_spec.column("gal_l").property(
            "source"))].split("(")[0]
        raise E08(path, f"galactic ({columns['gal_l'][i]}, "
                  f"{columns['gal_b'][i]}) is {separation[i]:.2f} deg from "
                  f"RA/Dec ({columns['ra'][i]}, {columns['dec'][i]}); one "
                  "of them is wrong", row=int(lines[i]), field=field)


def events_2015(ctx):
    """Auger events above 52 EeV of ApJ 804 (2015) 15 -> auger2015.events.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    path, table_spec, read, lines = _read(ctx, FILE_2015, "source_header")
    day_field = table_spec.column("pub_day").property("source")

    def middle(columns):
        year, day = columns["pub_year"], columns["pub_day"]
        _check_days(path, year, day, lines, day_field)
        # Middle of the noon-to-noon day: 00:00 UTC.
        return _noon_day_start(year, day) + _SECONDS_PER_DAY // 2
    derivations = {
        "event_id": lambda c, _: event_ids("Auger2015", len(lines)),
        "day_middle_time": lambda c, _: sky.datetime64_from_unix(middle(c)),
        "day_middle_mjd": lambda c, _: sky.mjd_from_unix(middle(c))}
    columns = assemble(table_spec, read, derivations)
    _check_galactic(path, table_spec, columns, lines)
    return columns


def _separation_deg(lon1, lat1, lon2, lat2):
    """Great-circle distance in degrees (haversine), vectorised."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lon1, lat1, lon2, lat2))
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return np.degrees(2 * np.arcsin(np.sqrt(np.clip(h, 0, 1))))
