"""The DataLink parts that the KASCADE and Tunka-Rex events share.

Both publish events of KCDC-layout run files under DIDs
``ivo://AUTH/~?COLLECTION/RUN/EVENT`` (:func:`parse_did`): the run file is
``resources/COLLECTION/data/runs/COLLECTION_runRUN.h5`` (and its ROOT
twin, :mod:`converters.kascade.runs`), and, since the events of a run
file are sorted by EV, the row is a binary search in its EV dataset
(:mod:`services.kascade_extracts`).  Shared here: the descriptor
(:func:`make_descriptor`), the links to the per-event extracts
(:func:`extract_links`), to the run files (:func:`run_file_links`) and to
the preview (:func:`preview_link`), the error row of a missing run file
(:func:`missing_fault`) and the extract data function
(:func:`extract_data`).  Each experiment's module
(:mod:`services.kascade_datalink`, :mod:`services.tunka_rex_datalink`)
adds its own links and documentation.

DaCHS is imported lazily, inside the functions that need it.  Whether
the data are simulated is the RD's ``simulated`` property
(:func:`is_simulated`); the descriptions of simulated data's links then
start with :data:`SIMULATED_NOTE` (:func:`note`).
"""

import urllib.parse
from pathlib import Path

from converters import kcdc_quantities
from converters.kascade import runs as kascade_runs
from services.kascade_extracts import (DEFAULT_FORMAT, FORMATS, extract,
                                       extract_bytes, read_event)
from services.preview_common import preview_cache_path

__all__ = ["FORMATS", "DEFAULT_FORMAT", "PROJECT_DIR", "SIMULATED_NOTE",
           "UnknownEvent", "parse_did", "runs_dir", "run_file",
           "is_simulated", "make_descriptor", "missing_fault", "note",
           "extract_links", "run_file_links", "preview_link",
           "require_file", "extract_data"]

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
            """An event of a KCDC-layout events table (no products
            table)."""
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


def missing_fault(descriptor, kind, semantics, description):
    """The error row of a link whose run file (``kind``: "hdf5" or
    "root") is missing on the server."""
    from gavo.protocols.soda import DatalinkFault
    return DatalinkFault.NotFoundFault(
        descriptor.pubDID, f"The {kind.upper()} run file "
        f"{descriptor.paths[kind].name} of run {descriptor.run} is missing "
        "on the server", semantics=semantics, description=description)


def note(descriptor, text):
    """``text``, after :data:`SIMULATED_NOTE` in simulated data."""
    return (SIMULATED_NOTE if descriptor.simulated else "") + text


def extract_links(descriptor, dlget):
    """The ``#this`` links of the event alone, one per format of
    :data:`FORMATS` (error rows if the run file is missing); ``dlget``
    is the dlget URL of the event."""
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
        desc = note(descriptor, f"This event alone, as {label}."
                     f"{summary_only}")
        if event_data is None:
            yield missing_fault(descriptor, "hdf5", "#this", desc)
            continue
        url = dlget if fmt == DEFAULT_FORMAT else (
            dlget + "&FORMAT=" + urllib.parse.quote(fmt, safe=""))
        length = len(extract_bytes(*event_data, fmt, descriptor.pubDID,
                                   h5.name, descriptor.quantities))
        yield descriptor.makeLink(url, semantics="#this", contentType=fmt,
                                  contentLength=length, description=desc)


def run_file_links(descriptor):
    """The ``#progenitor`` links of the event's run file, HDF5 and ROOT
    (error rows for a missing one)."""
    files = descriptor.rd.getById("files").getURL("static")
    for kind, media in kascade_runs.MEDIA_TYPES.items():
        path = descriptor.paths[kind]
        desc = note(descriptor, f"The whole run {descriptor.run} "
                     f"({kind.upper()}, KCDC layout) that this event "
                     "belongs to.")
        if not path.is_file():
            yield missing_fault(descriptor, kind, "#progenitor", desc)
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
        return missing_fault(descriptor, "hdf5", "#preview", desc)
    cached = preview_cache_path(base.getConfig("cacheDir"),
                                descriptor.collection, descriptor.run,
                                descriptor.event, h5)
    return descriptor.makeLink(
        descriptor.rd.getById("preview").getURL("dlget") + f"?ID={did_q}",
        semantics="#preview", contentType="image/png",
        contentLength=cached.stat().st_size if cached.is_file() else None,
        description=desc)


def require_file(descriptor, kind="hdf5"):
    """The run file's path; DaCHS's UnknownURI (a 404) if it is missing."""
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
    path = require_file(descriptor)
    return extract(path, descriptor.event, fmt, descriptor.pubDID,
                   descriptor.quantities)
