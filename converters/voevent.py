"""IceCube alert VOEvents (VOEvent 2.0, as distributed through GCN/AMON).

``alert_row(path)`` turns one VOEvent into one row of
``icecube_alerts.alerts`` (a dict of 1-element arrays, masked where
NULL).  ``add_voevent(path)`` checks a VOEvent and copies it into the
alerts resource's data folder, where the next import of
``icecube_alerts`` picks it up (``apdc alert add FILE``).

What is taken from where:

* run and event number, revision, signalness, FAR, energy, event name:
  the ``What`` parameters ``run_id``, ``event_id``, ``Rev``,
  ``signalness``, ``FAR``, ``energy`` (converted to TeV from the unit
  given), ``event_name``;
* track or cascade, Gold or Bronze: the GCN notice type (``Packet_Type``
  173 = ICECUBE_ASTROTRACK_GOLD, 174 = _BRONZE, 176 = ICECUBE_CASCADE),
  else the AMON ``Stream`` (24 Gold, 25 Bronze, 26 cascade), else the
  IVORN;
* time, position and the 90% error circle: ``WhereWhen`` (``ISOTime``,
  ``C1``/``C2``, ``Error2Radius``; the parameter ``src_error_90`` if the
  radius is missing).  FK5 (J2000) positions are taken as ICRS; the two
  frames differ by less than 0.1 arcsec.

Test alerts (``role="test"`` or the ``Test`` flag) and retractions are
refused with an InputError, as are missing or out-of-range values.
"""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from .errors import InputError

VOEVENT_NS = "http://www.ivoa.net/xml/VOEvent/v2.0"

PACKET_TYPES = {173: ("track", "Gold"), 174: ("track", "Bronze"),
    176: ("cascade", None)}
STREAMS = {24: ("track", "Gold"), 25: ("track", "Bronze"),
    26: ("cascade", None)}
ENERGY_TO_TEV = {"tev": 1.0, "gev": 1e-3, "pev": 1e3, "ev": 1e-12}

_MJD_EPOCH = np.datetime64("1858-11-17T00:00:00", "us")


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _find(element, *names):
    """The first descendant path ``names`` (local names, any namespace)."""
    current = [element]
    for name in names:
        current = [child for parent in current for child in parent
            if _local(child.tag) == name]
        if not current:
            return None
    return current[0]


def _text(element, *names):
    found = _find(element, *names)
    return None if found is None or found.text is None else found.text.strip()


def _params(root):
    """{name: (value, unit)} of every Param of What, groups included."""
    what = _find(root, "What")
    if what is None:
        return {}
    params = {}
    for element in what.iter():
        if _local(element.tag) == "Param" and element.get("name"):
            params.setdefault(element.get("name"),
                ((element.get("value") or "").strip(), element.get("unit")))
    return params


def _number(path, params, name, kind=float, required=False):
    value = params.get(name, ("", None))[0]
    if value == "":
        if required:
            raise InputError(path, f"the VOEvent has no Param {name}",
                field=name)
        return None
    try:
        number = kind(value)
    except ValueError:
        raise InputError(path, f"'{value}' is not a number",
            field=name) from None
    if kind is float and not np.isfinite(number):
        raise InputError(path, f"'{value}' is not a finite number",
            field=name)
    return number


def _in_range(path, value, name, low, high):
    if value is not None and not (low <= value <= high):
        raise InputError(path, f"value {value} outside [{low}, {high}]",
            field=name)
    return value


def _flag(params, name):
    return params.get(name, ("false", None))[0].lower() == "true"


def _kind(path, root, params):
    """(alert_type, stream) from the packet type, stream or IVORN."""
    packet = _number(path, params, "Packet_Type", int)
    if packet in PACKET_TYPES:
        return PACKET_TYPES[packet]
    stream = _number(path, params, "Stream", int)
    if stream in STREAMS:
        return STREAMS[stream]
    ivorn = (root.get("ivorn") or "").upper()
    for marker, kind in (("GOLD", ("track", "Gold")),
            ("BRONZE", ("track", "Bronze")), ("CASCADE", ("cascade", None))):
        if marker in ivorn:
            return kind
    raise InputError(path, "cannot tell the alert type (Packet_Type "
        f"{packet}, Stream {stream}); not an IceCube track or cascade alert",
        field="Packet_Type")


def _parse_time(path, text):
    if not text:
        return None
    try:
        return np.datetime64(text.strip().rstrip("Z"), "us")
    except ValueError:
        raise InputError(path, f"'{text}' is not an ISO date and time",
            field="ISOTime") from None


def parse(path):
    """The alert's values as a dict (None where absent)."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(path, f"not well-formed XML ({exc})",
            row=line) from None
    if _local(root.tag) != "VOEvent" or (root.tag.startswith("{")
            and root.tag[1:].split("}")[0] != VOEVENT_NS):
        raise InputError(path, f"not a VOEvent 2.0 document (root element "
            f"{root.tag})")
    params = _params(root)
    if root.get("role") == "test" or _flag(params, "Test") \
            or _flag(params, "InternalTest"):
        raise InputError(path, "is a test alert (role or Test flag); not "
            "imported", field="role")
    if _flag(params, "Retraction"):
        raise InputError(path, "is a retraction; remove the alert's "
            "VOEvent from the data folder instead", field="Retraction")

    alert_type, stream = _kind(path, root, params)
    coords = _find(root, "WhereWhen", "ObsDataLocation",
        "ObservationLocation", "AstroCoords")
    if coords is None:
        raise InputError(path, "no WhereWhen/.../AstroCoords", field="WhereWhen")
    position = _find(coords, "Position2D")
    if position is None:
        raise InputError(path, "no Position2D", field="Position2D")
    unit = position.get("unit", "deg")
    if unit != "deg":
        raise InputError(path, f"position unit '{unit}', expected deg",
            field="Position2D")

    def coordinate(name):
        text = _text(position, "Value2", name)
        if text is None:
            raise InputError(path, f"no {name} in Position2D", field=name)
        try:
            return float(text)
        except ValueError:
            raise InputError(path, f"'{text}' is not a number",
                field=name) from None

    ra = _in_range(path, coordinate("C1"), "C1", 0, 360)
    dec = _in_range(path, coordinate("C2"), "C2", -90, 90)
    radius_text = _text(position, "Error2Radius")
    if radius_text:
        try:
            radius = float(radius_text)
        except ValueError:
            raise InputError(path, f"'{radius_text}' is not a number",
                field="Error2Radius") from None
    else:
        radius = _number(path, params, "src_error_90")
    _in_range(path, radius, "Error2Radius", 0, 90)

    time = _parse_time(path, _text(coords, "Time", "TimeInstant", "ISOTime"))
    if time is None:      # fall back on GCN's truncated JD and seconds
        tjd = _number(path, params, "Event_TJD", required=True)
        sod = _number(path, params, "Event_SOD", required=True)
        time = _MJD_EPOCH + np.timedelta64(
            int(round(((tjd + 40000) * 86400 + sod) * 1e6)), "us")
    mjd = (time - _MJD_EPOCH) / np.timedelta64(1, "D")

    energy = _number(path, params, "energy")
    if energy is not None:
        energy_unit = (params["energy"][1] or "TeV").strip().lower()
        if energy_unit not in ENERGY_TO_TEV:
            raise InputError(path, f"energy unit '{params['energy'][1]}' "
                "unknown", field="energy")
        energy *= ENERGY_TO_TEV[energy_unit]

    name = params.get("event_name", ("", None))[0] or None
    return {
        "run_id": _in_range(path, _number(path, params, "run_id", int,
            required=True), "run_id", 0, 2**31 - 1),
        "event_id": _in_range(path, _number(path, params, "event_id", int,
            required=True), "event_id", 0, 2**63 - 1),
        "revision": _number(path, params, "Rev", int),
        "alert_type": alert_type,
        "stream": stream,
        "alert_name": name,
        "obs_time": time,
        "obs_mjd": float(mjd),
        "ra": ra,
        "dec": dec,
        "err_radius": radius,
        "energy": _in_range(path, energy, "energy", 0, 1e9),
        "far": _in_range(path, _number(path, params, "FAR"), "FAR", 0, 1e9),
        "signalness": _in_range(path, _number(path, params, "signalness"),
            "signalness", 0, 1),
        "ivorn": root.get("ivorn"),
    }


def alert_row(path):
    """One row of icecube_alerts.alerts: dict of 1-element (masked) arrays."""
    from . import icecube_alerts
    values = parse(path)
    values["alert_id"] = str(icecube_alerts.alert_id(values["run_id"],
        values["event_id"]))
    values["source_file"] = Path(path).name
    row = {}
    for column in icecube_alerts.TABLE_COLUMNS:
        value = values.get(column)
        if column == "error_region":
            continue
        if value is None:
            row[column] = np.ma.masked_all(1, dtype="U1" if column
                in _TEXT else np.float64)
        else:
            row[column] = np.ma.masked_array([value])
    return icecube_alerts.typed_columns(row)


_TEXT = {"alert_id", "name", "alert_name", "alert_type", "stream", "i3type",
    "other_i3types", "ivorn", "source_file"}


def stored_name(values):
    """The file name a VOEvent gets in the data folder."""
    revision = values["revision"] if values["revision"] is not None else 0
    return (f"IceCube-{values['run_id']}-{values['event_id']}"
        f"-rev{revision}.voevent.xml")


def add_voevent(path, data_dir=None):
    """Check a VOEvent and copy it into the alerts' data folder.

    Returns (stored path, row); the caller re-imports icecube_alerts.
    Raises InputError if the file is not a usable IceCube alert.
    """
    if data_dir is None:
        from apdc import config
        data_dir = config.RESOURCES_DIR / "icecube_alerts" / "data"
    data_dir = Path(data_dir)
    values = parse(path)
    row = alert_row(path)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / stored_name(values)
    if Path(path).resolve() != target.resolve():
        shutil.copyfile(path, target)
    return target, row
