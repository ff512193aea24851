"""Telescope Array events above 57 EeV (ApJL 790 (2014) L21) -> ta2014.events.

The list is comma separated with one header line:
``Arrival_Year,Arrival_Month,Arrival_Day,Arrival_Hour,Arrival_Minute,
Arrival_Second,Zenith_angle_deg,Energy_EeV,RA_J2000,Dec_J2000``; the
month is an English abbreviation (Jun).  The arrival time is UTC: the
published zenith angles follow from RA/Dec at that time at the Telescope
Array site to 0.015 deg (checked, see docs/uhecr_and_hess.md).
"""

from pathlib import Path

import numpy as np

from . import rdschema, sky, tables
from .auger import event_ids
from .columns import assemble, numeric_reader
from .errors import E01, E03, E05

__all__ = ["FILE", "MONTHS", "events_table"]

FILE = "TA2014_ApJL790_L21_above57EeV.csv"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec")
# The ranges of the time fields (year, month, day, hour, minute, second);
# a month is checked against MONTHS, a day against its month.
_TIME_RANGES = ((1990, 2100), None, (1, 31), (0, 23), (0, 59), (0, 59))


def _check_header(path, header):
    lines = iter(tables.data_lines(path))
    number, first = next(lines, (1, ""))
    found = tuple(f.strip() for f in first.split(","))
    if found != tuple(header):
        raise E03(path, f"header is '{first.strip()}', expected "
                  f"{','.join(header)}; the file is not the published list "
                  "or its layout changed", row=number)


def _months(path, text, lines, field):
    text = np.char.strip(text)
    known = np.isin(text, MONTHS)
    if not known.all():
        i = int(np.argmax(~known))
        raise E05(path, f"'{text[i]}' is not a month abbreviation "
                  f"({' '.join(MONTHS)})", row=int(lines[i]), field=field)
    return text, (text[:, None] == np.array(MONTHS)).argmax(axis=1) + 1


def _unix_times(path, raw, lines, fields):
    """Unix seconds from the time fields, checked."""
    for name, limits in zip(fields, _TIME_RANGES):
        if limits is not None:
            tables.check_range(path, raw[name], name, *limits, rows=lines)
    year, month_field, day, hour, minute, second = (raw[f] for f in fields)
    month_text, month = _months(path, month_field, lines, fields[1])
    months_start = np.char.add(np.char.add(year.astype(str), "-"),
                               np.char.zfill(month.astype(str), 2)
                               ).astype("datetime64[M]")
    dates = months_start.astype("datetime64[D]") + (day - 1)
    wrapped = dates.astype("datetime64[M]") != months_start
    if wrapped.any():
        i = int(np.argmax(wrapped))
        raise E05(path, f"{year[i]} {month_text[i]} {day[i]} is not a date",
                  row=int(lines[i]), field=fields[2])
    return (dates.astype(np.int64) * 86400 + hour * 3600 + minute * 60
            + second)


def events_table(ctx):
    """The 72 Telescope Array events of the 2014 hotspot paper.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    table_spec = rdschema.table(ctx.resource, "events")
    path = Path(ctx.data_dir) / FILE
    if not path.exists():
        raise E01(path, "file not found; run 'apdc fetch'")
    fields = table_spec.properties["source_fields"].split()
    time_fields = table_spec.properties["time_fields"].split()
    _check_header(path, fields)
    read, raw, lines = numeric_reader(
        path, table_spec, fields, text_fields=time_fields[1:2],
        int_fields=time_fields[:1] + time_fields[2:], delimiter=",", skip=1)
    unix = _unix_times(path, raw, lines, time_fields)
    derivations = dict(
        sky.galactic_derivations(),
        event_id=lambda c, _: event_ids("TA2014", len(unix)),
        arrival_time=lambda c, _: sky.datetime64_from_unix(unix),
        arrival_mjd=lambda c, _: sky.mjd_from_unix(unix))
    return assemble(table_spec, read, derivations)
