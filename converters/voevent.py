"""IceCube alert VOEvents (VOEvent 2.0, as distributed through GCN/AMON).

``parse(path)`` reads one VOEvent into its values, keyed by the
VOEvent's own names (the ``What`` Param names, ``C1``, ``C2``,
``Error2Radius``, ``ISOTime``, ``ivorn``) plus ``alert_type``,
``stream`` and ``MJD``.  Which table column each becomes is declared in
``rd/icecube_alerts.rd`` (column property ``voevent``); the row is made
by ``converters.icecube_alerts.alert_row``.  Storing a VOEvent in the
resource's data folder is the operator's step ``apdc alert add FILE``
(apdc/alerts.py); :func:`stored_name` is the name it gets there.

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
refused (E03), as are missing (E04, E07), malformed (E02, E03, E05)
or out-of-range (E06) values.
"""

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from .errors import E01, E02, E03, E04, E05, E06

__all__ = ["VOEVENT_NS", "PACKET_TYPES", "STREAMS", "ENERGY_TO_TEV",
           "parse", "stored_name"]

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
            raise E04(path, f"the VOEvent has no Param {name}",
                field=name)
        return None
    try:
        number = kind(value)
    except ValueError:
        raise E05(path, f"'{value}' is not a number",
            field=name) from None
    if kind is float and not np.isfinite(number):
        raise E05(path, f"'{value}' is not a finite number",
            field=name)
    return number


def _in_range(path, value, name, low, high):
    if value is not None and not (low <= value <= high):
        raise E06(path, f"value {value} outside [{low}, {high}]",
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
    raise E03(path, "cannot tell the alert type (Packet_Type "
        f"{packet}, Stream {stream}); not an IceCube track or cascade alert",
        field="Packet_Type")


def _parse_time(path, text):
    if not text:
        return None
    try:
        return np.datetime64(text.strip().rstrip("Z"), "us")
    except ValueError:
        raise E05(path, f"'{text}' is not an ISO date and time",
            field="ISOTime") from None


def _document(path):
    """The root element and the What Params of a usable VOEvent."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise E01(path, "file not found") from None
    except OSError as exc:
        raise E02(path, f"cannot be read: {exc.strerror}") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise E02(path, f"not well-formed XML ({exc})", row=line) from None
    if _local(root.tag) != "VOEvent" or (root.tag.startswith("{")
            and root.tag[1:].split("}")[0] != VOEVENT_NS):
        raise E03(path, "not a VOEvent 2.0 document (root element "
                  f"{root.tag})")
    params = _params(root)
    if root.get("role") == "test" or _flag(params, "Test") \
            or _flag(params, "InternalTest"):
        raise E03(path, "is a test alert (role or Test flag); not "
                  "imported", field="role")
    if _flag(params, "Retraction"):
        raise E03(path, "is a retraction; remove the alert's VOEvent from "
                  "the data folder instead", field="Retraction")
    return root, params


def _coordinate(path, position, name):
    text = _text(position, "Value2", name)
    if text is None:
        raise E04(path, f"no {name} in Position2D", field=name)
    try:
        return float(text)
    except ValueError:
        raise E05(path, f"'{text}' is not a number", field=name) from None


def _position(path, root, params):
    """(AstroCoords, RA, Dec, 90% radius) from WhereWhen."""
    coords = _find(root, "WhereWhen", "ObsDataLocation",
                   "ObservationLocation", "AstroCoords")
    if coords is None:
        raise E04(path, "no WhereWhen/.../AstroCoords", field="WhereWhen")
    position = _find(coords, "Position2D")
    if position is None:
        raise E04(path, "no Position2D", field="Position2D")
    unit = position.get("unit", "deg")
    if unit != "deg":
        raise E03(path, f"position unit '{unit}', expected deg",
                  field="Position2D")
    ra = _in_range(path, _coordinate(path, position, "C1"), "C1", 0, 360)
    dec = _in_range(path, _coordinate(path, position, "C2"), "C2", -90, 90)
    radius_text = _text(position, "Error2Radius")
    if radius_text:
        try:
            radius = float(radius_text)
        except ValueError:
            raise E05(path, f"'{radius_text}' is not a number",
                      field="Error2Radius") from None
    else:
        radius = _number(path, params, "src_error_90")
    _in_range(path, radius, "Error2Radius", 0, 90)
    return coords, ra, dec, radius


def _time(path, coords, params):
    """The event time: ISOTime, else GCN's truncated JD and seconds."""
    time = _parse_time(path, _text(coords, "Time", "TimeInstant",
                                   "ISOTime"))
    if time is None:
        tjd = _number(path, params, "Event_TJD", required=True)
        sod = _number(path, params, "Event_SOD", required=True)
        time = _MJD_EPOCH + np.timedelta64(
            int(round(((tjd + 40000) * 86400 + sod) * 1e6)), "us")
    return time


def _energy(path, params):
    """The Param energy in TeV (None if absent)."""
    energy = _number(path, params, "energy")
    if energy is not None:
        energy_unit = (params["energy"][1] or "TeV").strip().lower()
        if energy_unit not in ENERGY_TO_TEV:
            raise E03(path, f"energy unit '{params['energy'][1]}' "
                      "unknown", field="energy")
        energy *= ENERGY_TO_TEV[energy_unit]
    return _in_range(path, energy, "energy", 0, 1e9)


def parse(path):
    """The alert's values, keyed by the VOEvent's names (None if absent).

    Parameters
    ----------
    path : path-like
        A VOEvent 2.0 file.

    Returns
    -------
    dict
        ``run_id``, ``event_id``, ``Rev``, ``event_name``, ``energy``
        (TeV), ``FAR``, ``signalness`` (What Params), ``C1``, ``C2``,
        ``Error2Radius`` (deg), ``ISOTime`` (datetime64[us]), ``MJD``,
        ``ivorn``, ``alert_type`` and ``stream``.

    Raises
    ------
    converters.errors.InputError
        A numbered error naming the file and the VOEvent field.
    """
    root, params = _document(path)
    alert_type, stream = _kind(path, root, params)
    coords, ra, dec, radius = _position(path, root, params)
    time = _time(path, coords, params)
    return {
        "run_id": _in_range(path, _number(path, params, "run_id", int,
                            required=True), "run_id", 0, 2**31 - 1),
        "event_id": _in_range(path, _number(path, params, "event_id", int,
                              required=True), "event_id", 0, 2**63 - 1),
        "Rev": _number(path, params, "Rev", int),
        "alert_type": alert_type,
        "stream": stream,
        "event_name": params.get("event_name", ("", None))[0] or None,
        "ISOTime": time,
        "MJD": float((time - _MJD_EPOCH) / np.timedelta64(1, "D")),
        "C1": ra,
        "C2": dec,
        "Error2Radius": radius,
        "energy": _energy(path, params),
        "FAR": _in_range(path, _number(path, params, "FAR"), "FAR", 0, 1e9),
        "signalness": _in_range(path, _number(path, params, "signalness"),
                                "signalness", 0, 1),
        "ivorn": root.get("ivorn"),
    }


def stored_name(values):
    """The file name a VOEvent gets in the alerts' data folder.

    Parameters
    ----------
    values : dict
        As returned by :func:`parse`.

    Returns
    -------
    str
        ``IceCube-<run>-<event>-rev<revision>.voevent.xml``.
    """
    revision = values["Rev"] if values["Rev"] is not None else 0
    return (f"IceCube-{values['run_id']}-{values['event_id']}"
            f"-rev{revision}.voevent.xml")
