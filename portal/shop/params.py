"""The shop's form fields and JSON shapes.

The web form (and the live estimate it asks for) sends plain fields:
``dataset``, ``component``, ``quantity`` (repeated), ``fmt``,
``min_<quantity>`` and ``max_<quantity>``, ``ra``, ``dec``, ``radius``,
``start``, ``end``.  :func:`selection_from_fields` turns them into the
export library's ``Selection``; :func:`fields_from_selection` does the
reverse, for a form opened from a template.
"""

from exporters import shop
from portal.shop.data import ASCII_REASON, Refusal

__all__ = ["selection_from_fields", "fields_from_selection",
           "catalogue_json", "ascii_reason"]

ascii_reason = ASCII_REASON


def _number(fields, name):
    text = (fields.get(name) or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise Refusal(400, name, f"{name}: {text!r} is not a number") \
            from None


def _cuts(fields, quantities):
    cuts = {}
    for name in quantities:
        low, high = (_number(fields, f"min_{name}"),
                     _number(fields, f"max_{name}"))
        if low is not None or high is not None:
            cuts[name] = (low, high)
    return cuts


def _region(fields):
    values = [_number(fields, name) for name in ("ra", "dec", "radius")]
    if all(v is None for v in values):
        return None
    if any(v is None for v in values):
        raise Refusal(400, "region", "a sky region needs ra, dec and "
                      "radius (degrees)")
    return tuple(values)


def _time_range(fields):
    start = (fields.get("start") or "").strip()
    end = (fields.get("end") or "").strip()
    if not start and not end:
        return None
    if not (start and end):
        raise Refusal(400, "time_range", "a time range needs a start and "
                      "an end (ISO 8601, UTC)")
    return (start, end)


def selection_from_fields(fields):
    """A ``Selection`` from form fields (a Django ``QueryDict``).

    Raises
    ------
    Refusal
        400 for a missing or malformed field.
    """
    for name in ("dataset", "component", "fmt"):
        if not (fields.get(name) or "").strip():
            raise Refusal(400, name, f"{name} is missing")
    quantities = tuple(q for q in fields.getlist("quantity") if q)
    if not quantities:
        raise Refusal(400, "quantities", "choose at least one quantity")
    region, time_range = _region(fields), _time_range(fields)
    try:
        return shop.Selection.from_json({
            "dataset": fields["dataset"].strip(),
            "component": fields["component"].strip(),
            "quantities": list(quantities),
            "cuts": {k: list(v) for k, v in _cuts(fields, quantities).items()},
            "fmt": fields["fmt"].strip(),
            "region": list(region) if region else None,
            "time_range": list(time_range) if time_range else None})
    except shop.ShopError as error:
        raise Refusal(error.status, error.field, error.message) from error


def _text(value):
    return "" if value is None else f"{value:g}" if isinstance(
        value, float) else str(value)


def fields_from_selection(selection):
    """The form's initial values for ``selection`` (a template)."""
    fields = {"dataset": selection.dataset,
              "component": selection.component,
              "fmt": selection.fmt, "quantity": list(selection.quantities)}
    for name, (low, high) in (selection.cuts or {}).items():
        fields[f"min_{name}"], fields[f"max_{name}"] = _text(low), _text(high)
    if selection.region:
        for key, value in zip(("ra", "dec", "radius"), selection.region):
            fields[key] = _text(value)
    if selection.time_range:
        fields["start"], fields["end"] = selection.time_range
    return fields


def _quantity_json(info):
    return {"name": info.name, "description": info.description,
            "unit": info.unit, "range": list(info.range or (None, None)),
            "is_array": bool(info.is_array),
            "default_cut": (list(info.default_cut) if info.default_cut
                            else None)}


def catalogue_json(datasets):
    """The catalogue as JSON: data sets, components, quantities."""
    return [{"name": d.name, "title": d.title,
             "simulated": bool(d.simulated),
             "restricted": bool(d.restricted), "release": d.release,
             "components": [{"id": c.id, "label": c.label,
                             "quantities": [_quantity_json(q)
                                            for q in c.quantities]}
                            for c in d.components]}
            for d in datasets]
