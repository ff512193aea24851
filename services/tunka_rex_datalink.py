"""DataLink for Tunka-Rex events: extracts, run files, antennas, preview.

Used by the ``dl`` and ``preview`` services of rd/tunka_rex.rd.  The
descriptor, the per-event extracts (HDF5, ROOT, ASCII, VOTable) and the
run-file links are those KASCADE's events have too
(:mod:`services.datalink_common`): the run files have the same layout
and the DID the same form.  Added here:
the per-antenna signals (a TAP query of the antennas table, #auxiliary),
the footprint preview of the antennas and the documentation
(docs/tunka_rex.md).  In a simulated resource every link's description
starts with "simulated, not Tunka-Rex measurements".
"""

import urllib.parse

from services import datalink_common as dlc
from services.tunka_rex_preview import SIMULATED_TITLE, preview

__all__ = ["DOCUMENTATION_FILE", "antennas_query", "iter_links",
           "preview_path"]

DOCUMENTATION_FILE = "tunka_rex.md"


def antennas_query(schema, did):
    """ADQL selecting the per-antenna signals of one event."""
    return (f"SELECT * FROM {schema}.antennas WHERE event_did = "
            f"'{did.replace(chr(39), chr(39) * 2)}' ORDER BY antenna_id")


def _mark(link, simulated):
    """Prefix the description of a link (not of a fault) in simulated data."""
    row = getattr(link, "dlRow", None)
    if simulated and row is not None:
        text = (row.get("description") or "").replace(
            dlc.SIMULATED_NOTE, "")
        row["description"] = (f"{SIMULATED_TITLE[0].upper()}"
                              f"{SIMULATED_TITLE[1:]}. {text}")
    return link


def _antennas_link(descriptor):
    from gavo import base
    query = urllib.parse.urlencode({
        "LANG": "ADQL", "REQUEST": "doQuery", "FORMAT": "votable",
        "QUERY": antennas_query(descriptor.rd.schema, descriptor.pubDID)})
    return descriptor.makeLink(
        f"{base.getConfig('web', 'serverURL')}/tap/sync?{query}",
        semantics="#auxiliary", contentType="application/x-votable+xml",
        description="The per-antenna signals of the event (antenna, "
        "position, peak amplitude and time, SNR, polarisation), a TAP "
        "query of the antennas table.")


_PREVIEW_TEXT = ("PNG plot of the event's footprint: antennas coloured by "
                 "their peak amplitude, core and direction marked.")


def _doc_link(descriptor):
    doc = dlc.PROJECT_DIR / "docs" / DOCUMENTATION_FILE
    return descriptor.makeLink(
        descriptor.rd.getById("docs").getURL("static") + "/"
        + DOCUMENTATION_FILE, semantics="#documentation",
        contentType="text/markdown",
        contentLength=doc.stat().st_size if doc.is_file() else None,
        description="The simulation's parameters with their sources and "
        "the Tunka-Rex event-summary format (Markdown).")


def iter_links(descriptor):
    """LinkDefs and faults of an event's links document."""
    did_q = urllib.parse.quote(descriptor.pubDID, safe="")
    dlget = descriptor.rd.getById("dl").getURL("dlget") + f"?ID={did_q}"
    links = [*dlc.extract_links(descriptor, dlget),
             *dlc.run_file_links(descriptor), _antennas_link(descriptor),
             dlc.preview_link(descriptor, did_q, _PREVIEW_TEXT),
             _doc_link(descriptor)]
    for link in links:
        yield _mark(link, descriptor.simulated)


def preview_path(descriptor):
    """The preview data function: path of the (cached) PNG."""
    from gavo import base
    path = dlc.require_file(descriptor)
    return preview(path, descriptor.rd.sourceId, descriptor.run,
                   descriptor.event, descriptor.pubDID,
                   base.getConfig("cacheDir"), descriptor.simulated)
