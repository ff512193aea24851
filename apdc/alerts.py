"""Operator step: store an IceCube alert VOEvent for the alerts resource.

``apdc alert add FILE`` checks the VOEvent (it must become a valid row
of ``icecube_alerts.alerts``), analyses it at once and stores the
analysis (:func:`analyse_voevent`, :mod:`apdc.alert_analysis`), tells
the portal (:func:`notify_portal`: the subscribers get the summary),
copies it into the resource's data folder under a name made from its
run, event and revision (:func:`converters.voevent.stored_name`) and
re-imports the resource; the converter
(:func:`converters.icecube_alerts.alerts_table`) then takes every
VOEvent of the folder.  ``apdc alert analyse NAME`` analyses an alert
of the table again (:func:`analyse_stored`).
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from converters import icecube_alerts, voevent

from . import alert_analysis, alert_store, config, ingest, web

__all__ = ["RESOURCE", "DATA_DSN", "alerts_data_dir", "stored_path",
           "add_voevent", "analyse_voevent", "analyse_stored",
           "notify_portal"]

#: The resource that publishes the alerts.
RESOURCE = icecube_alerts.RD


def alerts_data_dir():
    """The data folder of the alerts resource.

    Returns
    -------
    pathlib.Path
        ``resources/icecube_alerts/data``.
    """
    return config.RESOURCES_DIR / RESOURCE / "data"


def stored_path(path, data_dir=None):
    """Where :func:`add_voevent` puts the VOEvent ``path``.

    Raises
    ------
    converters.errors.InputError
        If it is not a usable IceCube alert.
    """
    data_dir = Path(data_dir) if data_dir is not None else alerts_data_dir()
    return data_dir / voevent.stored_name(voevent.parse(path))


def add_voevent(path, data_dir=None):
    """Check a VOEvent and copy it into the alerts' data folder.

    Nothing is copied if the VOEvent is not a usable IceCube alert.
    Copying a file onto itself (adding a stored VOEvent again) changes
    nothing.

    Parameters
    ----------
    path : path-like
        The VOEvent 2.0 file.
    data_dir : path-like, optional
        The data folder (default: :func:`alerts_data_dir`).

    Returns
    -------
    (pathlib.Path, dict)
        The stored file and the alert's table row
        (:func:`converters.icecube_alerts.alert_row`).

    Raises
    ------
    converters.errors.InputError
        A numbered error naming the file and the VOEvent field at fault.
    """
    target = stored_path(path, data_dir)
    row = icecube_alerts.alert_row(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if Path(path).resolve() != target.resolve():
        shutil.copyfile(path, target)
    return target, row


#: A direct connection to the data centre's database (the table owner, as
#: the portal's APDC_ALERTS_DATA_DSN): DaCHS's own connection set-up takes
#: most of a second, more than the whole analysis.
DATA_DSN = os.environ.get("APDC_ALERTS_DATA_DSN",
                          "dbname=gavo user=gavoadmin")


def _connect():
    """The direct connection, or DaCHS's admin profile where it fails."""
    import psycopg2
    try:
        return psycopg2.connect(DATA_DSN)
    except psycopg2.OperationalError:
        return ingest.get_connection()


def _analysed(alert, started):
    conn = _connect()
    try:
        result = alert_analysis.analyse(conn, alert, started=started)
        return result, alert_store.store(conn, result)
    finally:
        conn.close()


def analyse_voevent(path, started=None):
    """Analyse a VOEvent and store the analysis (the file is not copied).

    Parameters
    ----------
    path : path-like
    started : float, optional
        ``time.monotonic()`` when the alert arrived (default: now).

    Returns
    -------
    (apdc.alert_analysis.Result, dict)
        The analysis and its row of icecube_alerts.analyses.

    Raises
    ------
    converters.errors.InputError
        Before anything is stored, if the VOEvent is not a usable alert.
    """
    started = time.monotonic() if started is None else started
    row = icecube_alerts.alert_row(path)
    return _analysed(alert_analysis.alert_from_row(row, Path(path).name),
                     started)


def analyse_stored(name):
    """Analyse an alert of icecube_alerts.alerts again (e.g. one of
    IceCat-1) by its alert_name, name or alert_id; store the analysis.

    Returns
    -------
    (apdc.alert_analysis.Result, dict)
    """
    started = time.monotonic()
    conn = _connect()
    try:
        alert = alert_analysis.alert_from_table(conn, name)
    finally:
        conn.close()
    return _analysed(alert, started)


def notify_portal(alert_id):
    """Have the portal mail the analysis to the alerts group's subscribers.

    Returns
    -------
    subprocess.CompletedProcess
        Of ``python -m portal alert_notify ALERT_ID``; its output says
        how many were mailed.
    """
    return subprocess.run([sys.executable, "-m", "portal", "alert_notify",
                           alert_id], env=web.portal_environment(),
                          capture_output=True, text=True, timeout=120)
