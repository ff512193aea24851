"""Storing an alert's analysis, and its summary in words.

:func:`store` writes one analysis (an :class:`apdc.alert_analysis.Result`)
into ``icecube_alerts.analyses``, ``.searches`` and ``.counterparts`` in
one transaction: an earlier analysis of the same alert is replaced, and
on any error nothing changes.  The columns are the RD's
(:func:`converters.rdschema.table`).
"""

import time

from converters import rdschema
from converters.icecube_alerts import RD

__all__ = ["TABLES", "analysis_row", "search_rows", "summary", "store"]

#: The tables of an analysis, in the order they are written.
TABLES = ("analyses", "searches", "counterparts")

_KIND_WORDS = {"sources": "catalogue sources in the 90% region",
               "uhecr": "UHECRs within {uhecr:g} deg",
               "air_showers": "air showers within {event:g} deg and "
                              "+-{window:g} d",
               "neutrinos": "IceCube events within {event:g} deg and "
                            "+-{window:g} d"}


def _words(kind, params):
    return _KIND_WORDS[kind].format(uhecr=params.uhecr_radius,
                                    event=params.event_radius,
                                    window=params.time_window)


def summary(result):
    """The analysis in a few lines of plain text (the e-mail's body).

    Parameters
    ----------
    result : apdc.alert_analysis.Result

    Returns
    -------
    str
    """
    alert, params = result.alert, result.params
    name = alert.alert_name or alert.alert_id
    lines = [f"{name} ({alert.alert_type}, alert {alert.alert_id}) at "
             f"{alert.obs_time:%Y-%m-%d %H:%M:%S} UTC, RA {alert.ra:.2f} "
             f"Dec {alert.dec:+.2f} deg.",
             f"Chance probabilities from {params.n_scrambles} scrambled "
             f"skies (seed {params.seed}):"]
    for kind in ("sources", "uhecr", "air_showers", "neutrinos"):
        n, p = result.of_kind(kind)
        lines.append(f"  {n:4d} {_words(kind, params)} (p = {p:.3g})")
    named = [c for f in result.found for c in f.counterparts
             if f.search.kind == "sources"]
    if named:
        lines.append("Sources: " + ", ".join(
            f"{c['object_name'] or c['object_id']} ({c['searched_table']})"
            for c in sorted(named, key=lambda c: c["ang_distance"])[:12]))
    simulated = sorted(f.search.table for f in result.found
                       if rdschema.is_simulated(f.search.table.split(".")[0]))
    if simulated:
        lines.append(f"Simulated data searched: {', '.join(simulated)}.")
    for table, why in sorted(result.skipped.items()):
        lines.append(f"Not searched: {table} ({why}).")
    return "\n".join(lines)


def analysis_row(result, duration):
    """The row of icecube_alerts.analyses."""
    alert, params = result.alert, result.params
    row = {name: getattr(alert, name) for name in (
        "alert_id", "alert_name", "alert_type", "revision", "obs_time",
        "obs_mjd", "ra", "dec", "err_radius", "error_region", "origin",
        "ivorn")}
    row.update(analysed_at=result.analysed_at, duration=duration,
               n_scrambles=params.n_scrambles, seed=params.seed,
               uhecr_radius=params.uhecr_radius,
               event_radius=params.event_radius,
               time_window=params.time_window, summary=summary(result))
    total = 0
    for kind in ("sources", "uhecr", "air_showers", "neutrinos"):
        row[f"n_{kind}"], row[f"p_{kind}"] = result.of_kind(kind)
        total += row[f"n_{kind}"]
    row["n_counterparts"] = total
    return row


def search_rows(result):
    """The rows of icecube_alerts.searches."""
    return [{"alert_id": result.alert.alert_id,
             "searched_table": f.search.table, "kind": f.search.kind,
             "search_region": f.search.region, "radius": f.search.radius,
             "time_window": f.search.window,
             "n_candidates": f.n_candidates, "n_found": f.n_found,
             "p_chance": result.p_chance(f)} for f in result.found]


def _insert(cursor, table, rows):
    if not rows:
        return
    names = rdschema.table(RD, table).names
    casts = {"error_region": "::spoly"}
    values = ", ".join(f"%({n})s{casts.get(n, '')}" for n in names)
    cursor.executemany(
        f"INSERT INTO {RD}.{table} ({', '.join(names)}) VALUES ({values})",
        [{n: row.get(n) for n in names} for row in rows])


def store(conn, result):
    """Replace the stored analysis of the alert by ``result``; commit.

    Parameters
    ----------
    conn : database connection (psycopg2)
    result : apdc.alert_analysis.Result

    Returns
    -------
    dict
        The row written to icecube_alerts.analyses.
    """
    counterparts = [c for f in result.found for c in f.counterparts]
    try:
        with conn.cursor() as cursor:
            for table in reversed(TABLES):
                cursor.execute(f"DELETE FROM {RD}.{table} WHERE alert_id = %s",
                               (result.alert.alert_id,))
            _insert(cursor, "searches", search_rows(result))
            _insert(cursor, "counterparts", counterparts)
            # last, so that its duration covers the other inserts
            row = analysis_row(result, time.monotonic() - result.started)
            _insert(cursor, "analyses", [row])
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return row
