"""Operator step: store an IceCube alert VOEvent for the alerts resource.

``apdc alert add FILE`` checks the VOEvent (it must become a valid row
of ``icecube_alerts.alerts``), copies it into the resource's data
folder under a name made from its run, event and revision
(:func:`converters.voevent.stored_name`) and re-imports the resource;
the converter (:func:`converters.icecube_alerts.alerts_table`) then
takes every VOEvent of the folder.
"""

import shutil
from pathlib import Path

from converters import icecube_alerts, voevent

from . import config

__all__ = ["RESOURCE", "alerts_data_dir", "add_voevent"]

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
    data_dir = Path(data_dir) if data_dir is not None else alerts_data_dir()
    values = voevent.parse(path)
    row = icecube_alerts.alert_row(path)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / voevent.stored_name(values)
    if Path(path).resolve() != target.resolve():
        shutil.copyfile(path, target)
    return target, row
