"""The analysed alerts, read from the data centre's database.

The tables are ``icecube_alerts.analyses``, ``.searches`` and
``.counterparts`` (``rd/icecube_alerts.rd``, written by ``apdc alert
add``); their columns are read from the RD.
"""

from django.conf import settings

from converters import rdschema

__all__ = ["RD", "connect", "latest", "analysis"]

RD = "icecube_alerts"


def connect():
    """A new psycopg2 connection to the data centre's database."""
    import psycopg2
    return psycopg2.connect(settings.ALERTS_DATA_DSN)


def _select(cursor, table, where="", args=(), order=""):
    columns = rdschema.table(RD, table).columns
    names = [c.name for c in columns]
    # pgSphere values as their text: a process that also has DaCHS loaded
    # has its type casters, which expect radians
    exprs = [f"{c.name}::text" if c.type == "spoly" else c.name
             for c in columns]
    cursor.execute(f"SELECT {', '.join(exprs)} FROM {RD}.{table} {where} "
                   f"{order}", args)
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def latest(limit=100):
    """The most recently analysed alerts, newest first (list of dicts)."""
    conn = connect()
    try:
        with conn.cursor() as cursor:
            return _select(cursor, "analyses", args=(limit,),
                           order="ORDER BY analysed_at DESC LIMIT %s")
    finally:
        conn.close()


def analysis(alert_id):
    """(analysis, searches, counterparts) of one alert; None if none.

    The polygon ``error_region`` comes in degrees, as
    ``{(ad , bd),...}``.
    """
    conn = connect()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT set_sphere_output('DEG')")
            rows = _select(cursor, "analyses", "WHERE alert_id = %s",
                           (alert_id,))
            if not rows:
                return None
            searches = _select(cursor, "searches", "WHERE alert_id = %s",
                               (alert_id,), "ORDER BY kind, searched_table")
            found = _select(cursor, "counterparts", "WHERE alert_id = %s",
                            (alert_id,), "ORDER BY kind, ang_distance")
        return rows[0], searches, found
    finally:
        conn.close()
