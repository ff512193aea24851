"""The on-the-fly multi-messenger analysis of an arriving alert.

For one IceCube alert, in one database connection:

* sources of every catalogue inside the alert's 90% error region
  (q3c cone around the best fit, then pgSphere's polygon test);
* ultra-high-energy cosmic rays (Auger, TA) within ``uhecr_radius``;
* air showers (KASCADE, Tunka-Rex) and IceCube events within
  ``event_radius`` and ``time_window`` days of the alert;
* for every count its chance probability from scrambled skies
  (:mod:`apdc.alert_sky`).

What is searched and with which radii, window, number of scrambles and
seed is declared once, as properties of the table
``icecube_alerts.analyses`` in ``rd/icecube_alerts.rd``
(:func:`parameters`).  The result is stored by
:mod:`apdc.alert_store`.
"""

import datetime as dt
import time
from dataclasses import dataclass, field

import numpy as np

from converters import rdschema
from converters.error_regions import polygon_vertices
from converters.icecube_alerts import RD

from . import alert_sky

__all__ = ["KINDS", "Search", "Parameters", "Alert", "Found", "Result",
           "parameters", "alert_from_row", "alert_from_table", "analyse",
           "AlertNotFound"]

#: The kinds of counterpart, with the RD property listing their tables.
KINDS = {"sources": "region_tables", "uhecr": "uhecr_tables",
         "air_showers": "air_shower_tables", "neutrinos": "neutrino_tables"}
ANALYSES_TABLE = "analyses"


class AlertNotFound(LookupError):
    """No alert of that name or identifier in icecube_alerts.alerts."""


@dataclass(frozen=True)
class Search:
    """One searched table: where and how."""

    table: str
    id_column: str
    name_column: str
    kind: str
    region: str           # error_region, cone or cone_time
    radius: float = None  # deg; None for the error region
    window: float = None  # d; None where any time counts


@dataclass(frozen=True)
class Parameters:
    """The analysis parameters (from the RD)."""

    seed: int
    n_scrambles: int
    uhecr_radius: float
    event_radius: float
    time_window: float
    searches: tuple


def parameters(rd_dir=rdschema.RD_DIR):
    """The analysis parameters declared in the RD.

    Returns
    -------
    Parameters
    """
    props = rdschema.table(RD, ANALYSES_TABLE, rd_dir).properties
    uhecr, event, window = (float(props[k]) for k in (
        "uhecr_radius", "event_radius", "time_window"))
    searches = []
    for kind, key in KINDS.items():
        for spec in props[key].split():
            table, id_column, *name = spec.split(":")
            if kind == "sources":
                how = dict(region="error_region")
            elif kind == "uhecr":
                how = dict(region="cone", radius=uhecr)
            else:
                how = dict(region="cone_time", radius=event, window=window)
            searches.append(Search(table, id_column,
                                   name[0] if name else None, kind, **how))
    return Parameters(int(props["seed"]), int(props["n_scrambles"]), uhecr,
                      event, window, tuple(searches))


@dataclass(frozen=True)
class Alert:
    """An alert as analysed: from a VOEvent or from the alerts table."""

    alert_id: str
    alert_name: str
    alert_type: str
    revision: int
    obs_time: dt.datetime
    obs_mjd: float
    ra: float
    dec: float
    err_radius: float
    error_region: str      # pgSphere literal in degrees
    origin: str
    ivorn: str = None

    def polygon(self):
        """The error region as an :class:`apdc.alert_sky.Polygon`."""
        return alert_sky.Polygon(self.ra, self.dec,
                                 polygon_vertices(self.error_region))


def _value(column):
    """The single value of a 1-element (masked) column, None if NULL."""
    if np.ma.getmaskarray(column)[0]:
        return None
    value = np.ma.getdata(column)[0]
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[us]").item()
    return value.item() if hasattr(value, "item") else value


def alert_from_row(row, origin):
    """The alert of a row as :func:`converters.icecube_alerts.alert_row`
    makes it from a VOEvent.

    Parameters
    ----------
    row : dict
        Column name -> 1-element masked array.
    origin : str
        What it comes from (the VOEvent's file name).
    """
    values = {name: _value(row[name]) for name in (
        "alert_id", "alert_name", "alert_type", "revision", "obs_time",
        "obs_mjd", "ra", "dec", "err_radius", "error_region", "ivorn")}
    return Alert(origin=origin, **values)


def alert_from_table(conn, name):
    """The alert ``name`` (alert_name, catalogue name or alert_id) of
    icecube_alerts.alerts; AlertNotFound if there is none."""
    with conn.cursor() as cursor:
        cursor.execute("SELECT set_sphere_output('DEG')")
        cursor.execute("""SELECT alert_id, alert_name, alert_type, revision,
            obs_time, obs_mjd, ra, dec, err_radius, error_region::text,
            ivorn FROM icecube_alerts.alerts
            WHERE %s IN (alert_id, alert_name, name)
            ORDER BY alert_id LIMIT 1""", (name,))
        found = cursor.fetchone()
    if found is None:
        raise AlertNotFound(f"no alert {name!r} in icecube_alerts.alerts "
                            "(give its alert_name, name or alert_id)")
    keys = ("alert_id", "alert_name", "alert_type", "revision", "obs_time",
            "obs_mjd", "ra", "dec", "err_radius", "error_region", "ivorn")
    return Alert(origin="icecube_alerts.alerts", **dict(zip(keys, found)))


@dataclass
class Found:
    """The outcome of one search."""

    search: Search
    n_candidates: int
    counterparts: list            # dicts, columns of the counterparts table
    scrambled: np.ndarray         # counts in the scrambled skies

    @property
    def n_found(self):
        return len(self.counterparts)


@dataclass
class Result:
    """The analysis of one alert."""

    alert: Alert
    params: Parameters
    found: list
    skipped: dict                  # table -> why it was not searched
    analysed_at: dt.datetime
    #: time.monotonic() when the alert arrived (the duration counts from it)
    started: float = field(default_factory=time.monotonic)

    def of_kind(self, kind):
        """(count, chance probability) of a kind of counterpart."""
        found = [f for f in self.found if f.search.kind == kind]
        observed = sum(f.n_found for f in found)
        scrambled = sum((f.scrambled for f in found),
                        np.zeros(self.params.n_scrambles, dtype=np.int64))
        return observed, alert_sky.chance_probability(observed, scrambled)

    def p_chance(self, found):
        """The chance probability of one search's count."""
        return alert_sky.chance_probability(found.n_found, found.scrambled)


def _missing(cursor, search):
    """Why the table of a search cannot be searched, or None."""
    schema, table = search.table.split(".")
    cursor.execute("""SELECT column_name FROM information_schema.columns
        WHERE table_schema = %s AND table_name = %s""", (schema, table))
    have = {row[0] for row in cursor.fetchall()}
    if not have:
        return "no such table"
    need = {"ra", "dec", search.id_column} | (
        {"obs_time"} if search.window is not None else set()) | (
        {search.name_column} if search.name_column else set())
    lacking = sorted(need - have)
    return f"no column {', '.join(lacking)}" if lacking else None


def _query(search, alert, region):
    """SQL and parameters: the candidates of one search, each flagged
    whether it is inside (q3c for cones, q3c then pgSphere for the
    polygon), with its distance from the best fit."""
    low, high = region.dec_band()
    args = {"ra": alert.ra, "dec": alert.dec, "low": low, "high": high,
            "bound": region.bounding_radius()}
    if search.region == "error_region":
        inside = ("q3c_radial_query(ra, dec, %(ra)s, %(dec)s, %(bound)s) "
                  "AND spoint(radians(ra), radians(dec)) @ %(poly)s::spoly")
        args["poly"] = alert.error_region
    else:
        inside = "q3c_radial_query(ra, dec, %(ra)s, %(dec)s, %(bound)s)"
    name = (f"{search.name_column}::text" if search.name_column
            else "NULL::text")
    if search.window is not None:
        timed = ("obs_time, EXTRACT(EPOCH FROM obs_time - %(t0)s) / 86400.0",
                 "AND obs_time BETWEEN %(t0)s - %(window)s * INTERVAL '1 day'"
                 " AND %(t0)s + %(window)s * INTERVAL '1 day'")
        args.update(t0=alert.obs_time, window=search.window)
    else:
        timed = ("NULL::timestamp, NULL::double precision", "")
    sql = (f"SELECT {search.id_column}::text, {name}, ra, dec, "
           f"q3c_dist(ra, dec, %(ra)s, %(dec)s), {timed[0]}, ({inside}) "
           f"FROM {search.table} WHERE dec BETWEEN %(low)s AND %(high)s "
           f"{timed[1]} ORDER BY {search.id_column}")
    return sql, args


def _search(cursor, search, alert, params):
    region = alert.polygon() if search.region == "error_region" else \
        alert_sky.Cone(alert.ra, alert.dec, search.radius)
    cursor.execute(*_query(search, alert, region))
    rows = cursor.fetchall()
    counterparts = [
        {"alert_id": alert.alert_id, "searched_table": search.table,
         "kind": search.kind, "object_id": oid, "object_name": name,
         "ra": ra, "dec": dec, "ang_distance": distance,
         "obs_time": when, "time_offset": offset}
        for oid, name, ra, dec, distance, when, offset, inside in rows
        if inside]
    dec = np.array([row[3] for row in rows], dtype=float)
    scrambled = alert_sky.scrambled_counts(
        region, dec, params.n_scrambles,
        alert_sky.rng_for(params.seed, search.table))
    return Found(search, len(rows), counterparts, scrambled)


def analyse(conn, alert, params=None, started=None):
    """Search every table of the parameters around the alert.

    Parameters
    ----------
    conn : database connection (psycopg2)
    alert : Alert
    params : Parameters, optional
        Default: :func:`parameters`.
    started : float, optional
        ``time.monotonic()`` when the alert arrived (default: now).

    Returns
    -------
    Result
    """
    params = params or parameters()
    result = Result(alert, params, [], {},
                    dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                    started if started is not None else time.monotonic())
    with conn.cursor() as cursor:
        for search in params.searches:
            why = _missing(cursor, search)
            if why:
                result.skipped[search.table] = why
                continue
            result.found.append(_search(cursor, search, alert, params))
    return result
