"""The texts of a package: ``Info.txt``, the licence and citation, the
W3C PROV-JSON record and the ``SHA256SUMS`` manifest.

Everything shown about the data set and its quantities comes from the RD
(resource meta ``title``, ``rights``, ``rights.rightsURI``,
``howtociteLink``, ``source``, ``referenceURL``; the quantities'
descriptions and ranges), as KCDC's ``Info.txt`` lists "Quantity |
Description | Range | Cut" with "full range" where no cut applies.
"""

import hashlib
import json

from converters import rdschema

__all__ = ["info_text", "licence_text", "rights_of", "prov_json",
           "sha256sums",
           "file_sha256", "cut_text", "range_text"]


def _num(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def range_text(q):
    """The published range of a quantity in its file unit, or "any"."""
    lo, hi = (None if b is None else float(q.from_column(b))
              for b in q.bounds)
    if lo is None and hi is None:
        return "any"
    return f"{_num(lo)} .. {_num(hi)}"


def cut_text(cut):
    """``"min .. max"`` of a cut, "full range" without one."""
    if cut is None or cut == (None, None):
        return "full range"
    lo, hi = cut
    if lo is None:
        return f"<= {_num(hi)}"
    if hi is None:
        return f">= {_num(lo)}"
    return f"{_num(lo)} .. {_num(hi)}"


def _meta(dataset, key, rd_dir):
    return " ".join(rdschema.resource_meta(dataset, key, rd_dir))


def _quantity_rows(comp, names, cuts):
    rows = [("Quantity", "Unit", "Range", "Cut", "Description")]
    for name in names:
        q = comp.quantity(name)
        kind = " [per station]" if q.is_array else ""
        rows.append((q.name, q.unit or "-", range_text(q),
                     cut_text(cuts.get(name)), q.description + kind))
    for name in sorted(set(cuts) - set(names)):
        q = comp.quantity(name)
        rows.append((q.name, q.unit or "-", range_text(q),
                     cut_text(cuts[name]),
                     q.description + " [cut only, not in the file]"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  "
            + r[4] for r in rows]


def info_text(comp, selection, names, facts):
    """``Info.txt``: what the package holds and how it was made.

    Parameters
    ----------
    comp : exporters.shop.datasets.ComponentSpec
    selection : exporters.shop.Selection
    names : sequence of str
        The quantities in the data file (the chosen ones and those
        added with them).
    facts : dict
        ``release``, ``n_events``, ``request_id``, ``user``, ``host``,
        ``data_file``, ``started``, ``finished`` (UTC ISO),
        ``software``, ``no_stations`` (events without station data or
        None), ``where`` (the SQL condition).
    """
    title = _meta(comp.dataset, "title", comp.rd_dir)
    region = selection.region
    lines = [
        "Data shop package", "",
        f"Data set:      {comp.dataset} ({title})",
        f"Release:       {facts['release'] or '(none declared)'}",
        f"Component:     {comp.table.id} "
        f"({comp.table.properties.get('shop_component', comp.table.id)})",
        f"Simulated:     "
        f"{'yes' if rdschema.is_simulated(comp.dataset, comp.rd_dir) else 'no'}",
        f"Events:        {facts['n_events']}",
        f"Format:        {selection.fmt} ({facts['data_file']})",
        f"Order:         {', '.join(comp.order)}",
        f"Sky region:    " + ("full sky" if region is None else
                              "cone ra={:g} dec={:g} radius={:g} deg (ICRS)"
                              .format(*region)),
        "Time range:    " + ("full range" if selection.time_range is None
                             else " .. ".join(selection.time_range)
                             + " (UTC, end excluded)"),
        f"Request id:    {facts['request_id']}",
        f"User:          {facts['user']}",
        f"Worker host:   {facts['host']}",
        f"Started:       {facts['started']} UTC",
        f"Finished:      {facts['finished']} UTC",
        f"Software:      {facts['software']}",
        f"Condition:     {facts['where']}",
        f"Licence URI:   {rights_of(comp)[1] or '(none named)'}",
        f"Licence:       {rights_of(comp)[0] or '(no rights declared)'}", "",
        "Cuts are inclusive; a cut on an optional quantity drops the events "
        "where it was not measured.", "",
    ] + _quantity_rows(comp, names, selection.cuts)
    if facts.get("no_stations") is not None:
        lines += ["", f"Per-station arrays: {facts['no_stations']} of "
                  f"{facts['n_events']} events have no station data in the "
                  "run files; their arrays are NaN."]
    return "\n".join(lines) + "\n"


def rights_of(comp):
    """``(statement, licence URI or "")`` of the data set, as its RD's
    ``rights`` and ``rights.rightsURI`` state them (docs/fair.md)."""
    return (_meta(comp.dataset, "rights", comp.rd_dir),
            _meta(comp.dataset, "rights.rightsURI", comp.rd_dir))


def licence_text(comp):
    """``LICENCE.txt``: rights and how to cite, from the RD's meta."""
    d, rd_dir = comp.dataset, comp.rd_dir
    parts = [f"Licence and citation of {d}: "
             f"{_meta(d, 'title', rd_dir)}", "",
             _meta(d, "rights", rd_dir) or "(no rights declared)"]
    for key, label in (("rights.rightsURI", "Licence URI"),
                       ("howtociteLink", "How to cite"),
                       ("source", "Reference (bibcode)"),
                       ("referenceURL", "More information")):
        value = _meta(d, key, rd_dir)
        if value:
            parts.append(f"{label}: {value}")
    return "\n".join(parts) + "\n"


def prov_json(comp, selection, facts):
    """The W3C PROV-JSON record of the export, as a dict."""
    rid = facts["request_id"]
    table = f"shop:{comp.table.qualified_name}"
    package, activity = f"shop:package/{rid}", f"shop:export/{rid}"
    user, host = f"shop:user/{facts['user']}", f"shop:host/{facts['host']}"
    return {
        "prefix": {"shop": "urn:apdc:shop:",
                   "prov": "http://www.w3.org/ns/prov#"},
        "entity": {
            table: {"prov:type": "table", "prov:label": comp.dataset,
                    "shop:release": facts["release"]},
            package: {"prov:type": "package",
                      "shop:n_events": facts["n_events"],
                      "shop:data_file": facts["data_file"],
                      "shop:data_sha256": facts["data_sha256"]}},
        "activity": {activity: {
            "prov:startTime": facts["started"] + "Z",
            "prov:endTime": facts["finished"] + "Z",
            "prov:type": "shop export",
            "shop:parameters": json.dumps(selection.to_json(),
                                          sort_keys=True),
            "shop:software": facts["software"]}},
        "agent": {user: {"prov:type": "prov:Person"},
                  host: {"prov:type": "prov:SoftwareAgent"}},
        "wasGeneratedBy": {"_:gen": {"prov:entity": package,
                                     "prov:activity": activity}},
        "used": {"_:use": {"prov:activity": activity,
                           "prov:entity": table}},
        "wasAssociatedWith": {
            "_:user": {"prov:activity": activity, "prov:agent": user},
            "_:host": {"prov:activity": activity, "prov:agent": host}},
    }


def file_sha256(path):
    """The SHA-256 of a file, hex."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def sha256sums(folder, names):
    """``SHA256SUMS`` (as ``sha256sum -c`` reads it) of files in a folder.

    Returns
    -------
    tuple
        ``(text, {name: hex})``.
    """
    sums = {name: file_sha256(folder / name) for name in names}
    return "".join(f"{h}  {n}\n" for n, h in sums.items()), sums
