"""DataLink for KASCADE events: run files, per-event extracts, previews.

Used by the datalink services of rd/kascade.rd and rd/kascade_sim.rd
(see docs/datalink.md, section KASCADE).  The descriptor, the extract
and run-file links and the extract data function are shared with
Tunka-Rex (:mod:`services.datalink_common`, whose names this module
also offers to the RDs); added here: the KASCADE preview's description
and data function and the documentation link (docs/kcdc_formats.md).
The extracts and the previews need no DaCHS
(:mod:`services.kascade_extracts`, :mod:`services.kascade_preview`).
Whether the data are simulated is the RD's ``simulated`` property: the
links documents and previews of simulated data say SIMULATED.
"""

import urllib.parse

from services.datalink_common import (DEFAULT_FORMAT, FORMATS, PROJECT_DIR,
                                      UnknownEvent, extract_data,
                                      extract_links, is_simulated,
                                      make_descriptor, note, parse_did,
                                      preview_link, require_file, run_file,
                                      run_file_links, runs_dir)
from services.kascade_preview import preview

__all__ = ["FORMATS", "DEFAULT_FORMAT", "DOCUMENTATION_FILE", "UnknownEvent",
           "parse_did", "runs_dir", "run_file", "make_descriptor",
           "iter_links", "extract_data", "preview_path", "is_simulated"]

DOCUMENTATION_FILE = "kcdc_formats.md"


def iter_links(descriptor):
    """LinkDefs and faults of an event's links document."""
    from gavo import base

    did_q = urllib.parse.quote(descriptor.pubDID, safe="")
    dlget = descriptor.rd.getById("dl").getURL("dlget") + f"?ID={did_q}"
    yield from extract_links(descriptor, dlget)
    yield from run_file_links(descriptor)
    yield preview_link(descriptor, did_q, note(
        descriptor, "PNG plot of the event's footprint: stations coloured "
        "by their energy deposit, shower core and direction marked."))
    doc = PROJECT_DIR / "docs" / DOCUMENTATION_FILE
    docs_svc = base.resolveCrossId("kascade#docs")
    yield descriptor.makeLink(
        docs_svc.getURL("static") + "/" + DOCUMENTATION_FILE,
        semantics="#documentation", contentType="text/markdown",
        contentLength=doc.stat().st_size if doc.is_file() else None,
        description="Description of the KCDC HDF5, ROOT and ASCII layouts "
                    "(Markdown).")


def preview_path(descriptor):
    """The preview data function: path of the (cached) PNG."""
    from gavo import base
    path = require_file(descriptor)
    return preview(path, descriptor.collection, descriptor.run,
                   descriptor.event, descriptor.pubDID,
                   base.getConfig("cacheDir"), descriptor.simulated)
