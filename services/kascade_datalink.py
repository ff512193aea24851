"""DataLink for KASCADE events: run files, per-event extracts, previews.

Used by the datalink services of rd/kascade.rd and rd/kascade_sim.rd
(see docs/datalink.md, section KASCADE).  The event DID
``ivo://AUTH/~?COLLECTION/RUN/EVENT`` alone locates the event: the run
file is ``resources/COLLECTION/data/runs/COLLECTION_runRUN.h5``
(:mod:`converters.kascade.runs`) and, since the events of a run file are
sorted by EV, the row is a binary search in its EV dataset
(:mod:`services.kascade_extracts`).

This module is the DaCHS glue (the descriptor, the links, the data
functions) and imports gavo lazily; the extracts and the previews need
no DaCHS (:mod:`services.kascade_extracts`,
:mod:`services.kascade_preview`).  Whether the data are simulated is the
RD's ``simulated`` property: the links documents and previews of
simulated data say SIMULATED.
"""

import urllib.parse
from pathlib import Path

from converters import kcdc_quantities
from converters.kascade import runs as kascade_runs
from services.kascade_extracts import (DEFAULT_FORMAT, FORMATS, extract,
                                       extract_bytes, read_event)
from services.kascade_preview import preview, preview_cache_path

__all__ = ["FORMATS", "DEFAULT_FORMAT", "DOCUMENTATION_FILE", "UnknownEvent",
           "parse_did", "runs_dir", "run_file", "make_descriptor",
           "iter_links", "extract_data", "preview_path", "is_simulated"]

DOCUMENTATION_FILE = "kcdc_formats.md"
PROJECT_DIR = Path(__file__).resolve().parents[1]
SIMULATED_NOTE = "SIMULATED DATA. "


class UnknownEvent(LookupError):
    """The DID does not name an event of this collection."""


def _register_media_types():
    """Let DaCHS's static renderer send ROOT files with their own type."""
    try:
        from twisted.web import static
    except ImportError:
        return
    static.File.contentTypes.setdefault(".root", "application/x-root")
    static.File.contentTypes.setdefault(".h5", "application/x-hdf5")


_register_media_types()


def parse_did(did, authority, collection):
    """(run, event) of an event DID of ``collection``.

    Raises
    ------
    UnknownEvent
        If the DID has another form or collection.
    """
    prefix = f"ivo://{authority}/~?{collection}/"
    if not isinstance(did, str) or not did.startswith(prefix):
        raise UnknownEvent(f"{did!r} is not an event identifier of "
                           f"{collection} (expected {prefix}RUN/EVENT)")
    parts = did[len(prefix):].split("/")
    if len(parts) != 2 or not all(p.isdigit() and len(p) < 10
                                  for p in parts):
        raise UnknownEvent(f"{did!r} is not an event identifier of "
                           f"{collection} (expected {prefix}RUN/EVENT)")
    return int(parts[0]), int(parts[1])


def runs_dir(resdir):
    """The run-file folder of a resource directory."""
    return Path(resdir) / "data" / kascade_runs.RUNS_SUBDIR


def run_file(resdir, collection, run, kind):
    """Path of the run file ("hdf5" or "root"); it may not exist."""
    return kascade_runs.run_file(runs_dir(resdir), collection, run, kind)


# ------------------------------------------------------------ DaCHS glue

_descriptor_class = None


def _descriptor_cls():
    global _descriptor_class
    if _descriptor_class is None:
        from gavo.protocols import datalink

        class EventDescriptor(datalink.DatalinkDescriptorMixin):
            """An event of a KASCADE events table (no products table)."""
            suppressAutoLinks = True

            def __init__(self, pubDID, rd, run, event, row):
                self.pubDID, self.rd = pubDID, rd
                self.collection = rd.schema
                self.run, self.event, self.row = run, event, row
                self.paths = {kind: run_file(rd.resdir, rd.schema, run, kind)
                              for kind in ("hdf5", "root")}
                self.simulated = is_simulated(rd)
                self.quantities = kcdc_quantities.quantities(
                    rd.sourceId, "events")

        _descriptor_class = EventDescriptor
    return _descriptor_class


def is_simulated(rd):
    """The RD's ``simulated`` property (``True``/``False``) as a bool."""
    return str(rd.getProperty("simulated", "False")).strip().lower() \
        == "true"


def make_descriptor(pubDID, rd):
    """The descriptor generator: an EventDescriptor or a NotFoundFault."""
    from gavo import base
    from gavo.protocols.soda import DatalinkFault

    authority = base.getConfig("ivoa", "authority")
    try:
        run, event = parse_did(pubDID, authority, rd.schema)
    except UnknownEvent as exc:
        return DatalinkFault.NotFoundFault(pubDID, str(exc),
                                           semantics="#this")
    with base.getTableConn() as conn:
        rows = list(conn.queryToDicts(
            f"SELECT run, event, log_energy, zenith, azimuth"
            f" FROM {rd.schema}.events WHERE event_did=%(did)s",
            {"did": pubDID}))
    if not rows:
        return DatalinkFault.NotFoundFault(
            pubDID, f"No event {pubDID} in {rd.schema}.events",
            semantics="#this")
    return _descriptor_cls()(pubDID, rd, run, event, rows[0])


def _missing(descriptor, kind, semantics, description):
    from gavo.protocols.soda import DatalinkFault
    return DatalinkFault.NotFoundFault(
        descriptor.pubDID, f"The {kind.upper()} run file "
        f"{descriptor.paths[kind].name} of run {descriptor.run} is missing "
        "on the server", semantics=semantics, description=description)


def _note(descriptor, text):
    return (SIMULATED_NOTE if descriptor.simulated else "") + text


def _extract_links(descriptor, dlget):
    h5 = descriptor.paths["hdf5"]
    # The event is read once: for the note below and for the extracts'
    # exact lengths (they are small and quick to make).
    event_data = (read_event(h5, descriptor.event, descriptor.quantities)
                  if h5.is_file() else None)
    summary_only = ""
    if event_data is not None and event_data[1] is None:
        summary_only = (" This run has no per-station data (for "
                        "the measured sample: the KCDC ASCII export "
                        "holds none), so the extract holds the "
                        "per-event summary only.")
    for fmt, (_, _, label) in FORMATS.items():
        desc = _note(descriptor, f"This event alone, as {label}."
                     f"{summary_only}")
        if event_data is None:
            yield _missing(descriptor, "hdf5", "#this", desc)
            continue
        url = dlget if fmt == DEFAULT_FORMAT else (
            dlget + "&FORMAT=" + urllib.parse.quote(fmt, safe=""))
        length = len(extract_bytes(*event_data, fmt, descriptor.pubDID,
                                   h5.name, descriptor.quantities))
        yield descriptor.makeLink(url, semantics="#this", contentType=fmt,
                                  contentLength=length, description=desc)


def _run_file_links(descriptor):
    files = descriptor.rd.getById("files").getURL("static")
    for kind, media in kascade_runs.MEDIA_TYPES.items():
        path = descriptor.paths[kind]
        desc = _note(descriptor, f"The whole run {descriptor.run} "
                     f"({kind.upper()}, KCDC layout) that this event "
                     "belongs to.")
        if not path.is_file():
            yield _missing(descriptor, kind, "#progenitor", desc)
            continue
        yield descriptor.makeLink(
            f"{files}/{path.name}", semantics="#progenitor",
            contentType=media, contentLength=path.stat().st_size,
            description=desc)


def preview_link(descriptor, did_q, desc):
    """The ``#preview`` link of an event (its footprint PNG), or an error
    row when the run file it is drawn from is missing; ``desc`` says what
    the plot shows (each experiment's preview service draws its own)."""
    from gavo import base
    h5 = descriptor.paths["hdf5"]
    if not h5.is_file():
        return _missing(descriptor, "hdf5", "#preview", desc)
    cached = preview_cache_path(base.getConfig("cacheDir"),
                                descriptor.collection, descriptor.run,
                                descriptor.event, h5)
    return descriptor.makeLink(
        descriptor.rd.getById("preview").getURL("dlget") + f"?ID={did_q}",
        semantics="#preview", contentType="image/png",
        contentLength=cached.stat().st_size if cached.is_file() else None,
        description=desc)


def iter_links(descriptor):
    """LinkDefs and faults of an event's links document."""
    from gavo import base

    did_q = urllib.parse.quote(descriptor.pubDID, safe="")
    dlget = descriptor.rd.getById("dl").getURL("dlget") + f"?ID={did_q}"
    yield from _extract_links(descriptor, dlget)
    yield from _run_file_links(descriptor)
    yield preview_link(descriptor, did_q, _note(
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


def _require_file(descriptor, kind="hdf5"):
    from gavo import svcs
    path = descriptor.paths[kind]
    if not path.is_file():
        raise svcs.UnknownURI(f"The run file {path.name} of "
                              f"{descriptor.pubDID} is missing on the server")
    return path


def extract_data(descriptor, args):
    """The dlget data function: (media type, bytes) of the extract."""
    fmt = args.get("FORMAT") or DEFAULT_FORMAT
    if isinstance(fmt, (list, tuple)):
        fmt = fmt[-1] if fmt else DEFAULT_FORMAT
    if fmt not in FORMATS:
        from gavo import base
        raise base.ValidationError(
            f"Unsupported FORMAT {fmt!r}; use one of {', '.join(FORMATS)}",
            "FORMAT")
    path = _require_file(descriptor)
    return extract(path, descriptor.event, fmt, descriptor.pubDID,
                   descriptor.quantities)


def preview_path(descriptor):
    """The preview data function: path of the (cached) PNG."""
    from gavo import base
    path = _require_file(descriptor)
    return preview(path, descriptor.collection, descriptor.run,
                   descriptor.event, descriptor.pubDID,
                   base.getConfig("cacheDir"), descriptor.simulated)
