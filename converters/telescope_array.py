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

from . import sky, tables
from .auger import event_ids
from .errors import InputError

FILE = "TA2014_ApJL790_L21_above57EeV.csv"
HEADER = ("Arrival_Year", "Arrival_Month", "Arrival_Day", "Arrival_Hour",
    "Arrival_Minute", "Arrival_Second", "Zenith_angle_deg", "Energy_EeV",
    "RA_J2000", "Dec_J2000")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
    "Oct", "Nov", "Dec")


def _check_header(path):
    lines = iter(tables.data_lines(path))
    number, first = next(lines, (1, ""))
    found = tuple(f.strip() for f in first.split(","))
    if found != HEADER:
        raise InputError(path, f"header is '{first.strip()}', expected "
            f"{','.join(HEADER)}; the file is not the published list or its "
            "layout changed", row=number)


def events_table(data_dir):
    """The 72 Telescope Array events of the 2014 hotspot paper."""
    path = Path(data_dir) / FILE
    if not path.exists():
        raise InputError(path, "file not found; run 'apdc fetch'")
    _check_header(path)
    ints = ("Arrival_Year", "Arrival_Day", "Arrival_Hour", "Arrival_Minute",
        "Arrival_Second")
    dtypes = {name: np.int64 for name in ints}
    dtypes["Arrival_Month"] = str
    c = tables.numeric_table(path, HEADER, delimiter=",", skip=1,
        dtypes=dtypes)
    lines = np.array([n for n, _ in tables.data_lines(path)])[1:]

    for name, low, high in [("Arrival_Year", 1990, 2100),
            ("Arrival_Day", 1, 31), ("Arrival_Hour", 0, 23),
            ("Arrival_Minute", 0, 59), ("Arrival_Second", 0, 59),
            ("Zenith_angle_deg", 0, 90), ("Energy_EeV", 1, 1e4),
            ("RA_J2000", 0, 360), ("Dec_J2000", -90, 90)]:
        tables.check_range(path, c[name], name, low, high, rows=lines)

    month_text = np.char.strip(c["Arrival_Month"])
    known = np.isin(month_text, MONTHS)
    if not known.all():
        i = int(np.argmax(~known))
        raise InputError(path, f"'{month_text[i]}' is not a month "
            f"abbreviation ({' '.join(MONTHS)})", row=int(lines[i]),
            field="Arrival_Month")
    month = (month_text[:, None] == np.array(MONTHS)).argmax(axis=1) + 1

    months_start = np.char.add(np.char.add(c["Arrival_Year"].astype(str), "-"),
        np.char.zfill(month.astype(str), 2)).astype("datetime64[M]")
    dates = months_start.astype("datetime64[D]") + (c["Arrival_Day"] - 1)
    wrapped = dates.astype("datetime64[M]") != months_start
    if wrapped.any():
        i = int(np.argmax(wrapped))
        raise InputError(path, f"{c['Arrival_Year'][i]} {month_text[i]} "
            f"{c['Arrival_Day'][i]} is not a date", row=int(lines[i]),
            field="Arrival_Day")

    unix = (dates.astype(np.int64) * 86400 + c["Arrival_Hour"] * 3600
        + c["Arrival_Minute"] * 60 + c["Arrival_Second"])
    ra, dec = c["RA_J2000"], c["Dec_J2000"]
    gal_l, gal_b = sky.icrs_to_galactic(ra, dec)
    return {
        "event_id": event_ids("TA2014", len(unix)),
        "obs_time": sky.datetime64_from_unix(unix),
        "obs_mjd": sky.mjd_from_unix(unix),
        "zenith": c["Zenith_angle_deg"],
        "energy": c["Energy_EeV"],
        "ra": ra,
        "dec": dec,
        "gal_l": gal_l,
        "gal_b": gal_b,
    }
