"""A shop request (:class:`Selection`), its JSON form and its validation.

:meth:`Selection.from_json` checks the shape of the request (types,
lengths: HTTP 400); :func:`validate` checks it against the RD (unknown
data set or component: 404; unknown quantity, format, ASCII with an
array, a cut outside the published range or inverted: 422).  Every
:class:`ShopError` names the field, in the request's own terms
(``quantities[2]``, ``cuts.ZE``, ``fmt``), so that the form and the API
can point at it.
"""

import datetime
import math
from dataclasses import dataclass

from converters import rdschema

from exporters.shop.datasets import catalogue, component_spec
from exporters.shop.stations import station_count

__all__ = ["Selection", "ShopError", "FORMATS", "ASCII_REFUSAL",
           "validate", "parse_time"]

#: The package formats.
FORMATS = ("hdf5", "root", "ascii", "parquet")

#: KCDC's reason for offering ASCII only without per-station arrays.
ASCII_REFUSAL = ("ASCII is offered only for scalar quantities: with "
                 "per-station arrays ASCII files would be about 500 times "
                 "larger than HDF5 or ROOT; choose HDF5 or ROOT")


class ShopError(ValueError):
    """A request the shop cannot carry out.

    Attributes
    ----------
    field : str
        The offending field of the request (``""`` for the whole).
    message : str
    status : int
        The HTTP status to answer: 400 malformed, 403 not allowed (the
        caller's decision), 404 unknown data set, 422 not allowed.
    """

    def __init__(self, field, message, status=422):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self.status = status

    def to_json(self):
        """``{"field", "message", "status"}`` for an API answer."""
        return {"field": self.field, "message": self.message,
                "status": self.status}


def _malformed(field, message):
    return ShopError(field, message, status=400)


def _number(value, field):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _malformed(field, f"{value!r} is not a number")
    if not math.isfinite(value):
        raise _malformed(field, f"{value!r} is not a finite number")
    return float(value)


def _pair(value, field, convert):
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise _malformed(field, "expected a pair [min, max]")
    return tuple(convert(v, f"{field}[{i}]") for i, v in enumerate(value))


def _text(value, field):
    if not isinstance(value, str) or not value:
        raise _malformed(field, "expected a non-empty string")
    return value


def _cuts(value):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _malformed("cuts", "expected {quantity: [min, max]}")
    return {_text(k, "cuts"): _pair(v, f"cuts.{k}", _number)
            for k, v in value.items()}


def _region(value):
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise _malformed("region", "expected [ra, dec, radius] in degrees")
    return tuple(_number(v, f"region[{i}]") for i, v in enumerate(value))


def _time(value, field):
    text = _text(value, field)
    parse_time(text, field)
    return text


@dataclass(frozen=True)
class Selection:
    """One shop request.

    Attributes
    ----------
    dataset : str
        The resource (RD name), e.g. "kascade_sim".
    component : str
        Table id in that RD, e.g. "events".
    quantities : tuple of str
        KCDC quantity names.
    cuts : dict
        ``{quantity: (min or None, max or None)}`` in the quantity's unit.
    fmt : str
        One of :data:`FORMATS`.
    region : tuple or None
        ``(ra, dec, radius)`` in degrees (ICRS).
    time_range : tuple or None
        ``(start, end)`` ISO 8601 UTC; start included, end excluded.
    """

    dataset: str
    component: str
    quantities: tuple
    cuts: dict
    fmt: str
    region: tuple = None
    time_range: tuple = None

    @classmethod
    def from_json(cls, data):
        """A Selection from its JSON form (a dict).

        Raises
        ------
        ShopError
            Status 400, naming the field, for a malformed request.
        """
        if not isinstance(data, dict):
            raise _malformed("", "the request must be a JSON object")
        unknown = sorted(set(data) - set(cls.__dataclass_fields__))
        if unknown:
            raise _malformed(unknown[0], "unknown field")
        names = data.get("quantities")
        if not isinstance(names, (list, tuple)) or not names:
            raise _malformed("quantities", "expected a non-empty list of "
                             "quantity names")
        return cls(
            dataset=_text(data.get("dataset"), "dataset"),
            component=_text(data.get("component"), "component"),
            quantities=tuple(_text(n, f"quantities[{i}]")
                             for i, n in enumerate(names)),
            cuts=_cuts(data.get("cuts")),
            fmt=_text(data.get("fmt"), "fmt").lower(),
            region=_region(data.get("region")),
            time_range=_pair(data.get("time_range"), "time_range", _time))

    def to_json(self):
        """The JSON form: ``Selection.from_json(s.to_json()) == s``."""
        return {
            "dataset": self.dataset, "component": self.component,
            "quantities": list(self.quantities),
            "cuts": {k: list(v) for k, v in sorted(self.cuts.items())},
            "fmt": self.fmt,
            "region": None if self.region is None else list(self.region),
            "time_range": (None if self.time_range is None
                           else list(self.time_range))}


def parse_time(text, field="time_range"):
    """An ISO 8601 time as a naive UTC datetime.

    Raises
    ------
    ShopError
        Status 400 if ``text`` is not ISO 8601.
    """
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise _malformed(field, f"{text!r} is not an ISO 8601 time") \
            from None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _check_dataset(selection, rd_dir):
    known = {d.name: d for d in catalogue(rd_dir)}
    dataset = known.get(selection.dataset)
    if dataset is None:
        raise ShopError("dataset", f"unknown data set {selection.dataset!r}; "
                        f"the shop offers {', '.join(sorted(known))}", 404)
    ids = [c.id for c in dataset.components]
    if selection.component not in ids:
        raise ShopError("component", f"{selection.dataset} has no component "
                        f"{selection.component!r}; it has {', '.join(ids)}",
                        404)
    try:
        return component_spec(selection.dataset, selection.component, rd_dir)
    except rdschema.RDSchemaError as exc:
        raise ShopError("dataset", str(exc), 404) from None


def _check_quantities(selection, comp):
    seen = set()
    for i, name in enumerate(selection.quantities):
        if comp.quantity(name) is None:
            raise ShopError(f"quantities[{i}]", f"unknown quantity {name!r} "
                            f"of {selection.dataset}.{selection.component}")
        if name in seen:
            raise ShopError(f"quantities[{i}]", f"{name} is chosen twice")
        seen.add(name)
    if selection.fmt not in FORMATS:
        raise ShopError("fmt", f"unknown format {selection.fmt!r}; choose "
                        f"one of {', '.join(FORMATS)}")
    arrays = [n for n in selection.quantities if comp.quantity(n).is_array]
    if arrays and selection.fmt == "ascii":
        raise ShopError("fmt", f"{ASCII_REFUSAL} (arrays chosen: "
                        f"{', '.join(arrays)})")
    if arrays and not station_count(comp.dataset, comp.table.schema):
        i = selection.quantities.index(arrays[0])
        raise ShopError(f"quantities[{i}]", f"{selection.dataset} has no "
                        "per-station data: its run files carry the "
                        "per-event summary only")


def _check_cut(name, cut, comp, field):
    q = comp.quantity(name)
    if q is None:
        raise ShopError(field, f"unknown quantity {name!r}")
    if q.is_array:
        raise ShopError(field, f"{name} is a per-station array; cuts apply "
                        "to quantities with one value per event")
    lo, hi = cut
    if lo is not None and hi is not None and lo > hi:
        raise ShopError(field, f"inverted cut: minimum {lo:g} is above "
                        f"maximum {hi:g}")
    bounds = [None if b is None else float(q.from_column(b))
              for b in q.bounds]
    for value in (lo, hi):
        if value is None:
            continue
        if (bounds[0] is not None and value < bounds[0]) or \
                (bounds[1] is not None and value > bounds[1]):
            shown = "..".join("" if b is None else f"{b:g}" for b in bounds)
            unit = f" {q.unit}" if q.unit else ""
            raise ShopError(field, f"cut {value:g}{unit} is outside the "
                            f"published range {shown}{unit} of {name}")


def _check_region_time(selection, comp):
    if selection.region is not None:
        if not comp.position_columns:
            raise ShopError("region", "this component has no sky positions")
        ra, dec, radius = selection.region
        if not (0 <= ra <= 360 and -90 <= dec <= 90 and 0 < radius <= 180):
            raise ShopError("region", "expected 0 <= ra <= 360, -90 <= dec "
                            "<= 90 and 0 < radius <= 180 (degrees)")
    if selection.time_range is not None:
        if not comp.time_column:
            raise ShopError("time_range", "this component has no event time")
        start, end = (parse_time(t) for t in selection.time_range)
        if start >= end:
            raise ShopError("time_range", "the start must be before the end")


def validate(selection, rd_dir=None):
    """Check a selection against the RD.

    Parameters
    ----------
    selection : Selection
    rd_dir : path-like, optional
        Default: the project's ``rd/``.

    Returns
    -------
    exporters.shop.datasets.ComponentSpec
        The component (callers may ignore it).

    Raises
    ------
    ShopError
        Naming the field; 404 for an unknown data set or component, 422
        for what the shop does not allow.
    """
    comp = _check_dataset(selection, rd_dir)
    _check_quantities(selection, comp)
    for name, cut in selection.cuts.items():
        _check_cut(name, cut, comp, f"cuts.{name}")
    _check_region_time(selection, comp)
    return comp
