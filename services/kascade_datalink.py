"""DataLink for KASCADE events: run files, per-event extracts, previews.

Used by the datalink services of rd/kascade.rd and rd/kascade_sim.rd
(see docs/datalink.md, section KASCADE).  The event DID
``ivo://AUTH/~?COLLECTION/RUN/EVENT`` alone locates the event: the run
file is ``resources/COLLECTION/data/runs/COLLECTION_runRUN.h5``
(apdc/kascade_runs.py) and, since the events of a run file are sorted by
EV, the row is a binary search in its EV dataset (kept in memory per
file).

The functions without "descriptor" in their names need no DaCHS and are
used by the tests and bench/extract.py as well; the DaCHS glue (the
descriptor, the links, the data functions) imports gavo lazily.
"""

import hashlib
import io
import os
import tempfile
import threading
import urllib.parse
from pathlib import Path

import numpy as np

# FORMAT (a MIME type) -> (short name, file suffix, label)
FORMATS = {
    "application/x-hdf5": ("hdf5", ".h5", "HDF5 (KCDC-HDF5 layout)"),
    "application/x-root": ("root", ".root", "ROOT (KCDC-ROOT layout)"),
    "text/plain": ("ascii", ".txt",
                   "KCDC ASCII (per-event summary only)"),
    "application/x-votable+xml": ("votable", ".vot",
                                  "VOTable (event and station tables)"),
}
DEFAULT_FORMAT = "application/x-hdf5"
PREVIEW_VERSION = "1"
DOCUMENTATION_FILE = "kcdc_formats.md"

PROJECT_DIR = Path(__file__).resolve().parents[1]

_lock = threading.Lock()
_ev_index = {}   # run file path -> ((size, mtime_ns), sorted EV array)


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


# ---------------------------------------------------------------- lookup

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
    return Path(resdir) / "data" / "runs"


def run_file(resdir, collection, run, kind):
    """Path of the run file ("hdf5" or "root"); it may not exist."""
    suffix = {"hdf5": ".h5", "root": ".root"}[kind]
    return runs_dir(resdir) / f"{collection}_run{int(run):05d}{suffix}"


def _file_key(path):
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def event_row(f, path, event):
    """Row of EV == ``event`` in an open KCDC-HDF5 run file, else KeyError."""
    key = _file_key(path)
    with _lock:
        cached = _ev_index.get(str(path))
    if cached is None or cached[0] != key:
        ev = f["events/EV"][()]
        if len(ev) > 1 and (np.diff(ev) < 0).any():
            order = np.argsort(ev, kind="stable")
            cached = (key, ev[order], order)
        else:
            cached = (key, ev, None)
        with _lock:
            _ev_index[str(path)] = cached
    _, ev, order = cached
    i = int(np.searchsorted(ev, event))
    if i >= len(ev) or ev[i] != event:
        raise KeyError(f"event {event} is not in {Path(path).name}")
    return int(order[i]) if order is not None else i


def read_event(path, event):
    """One event of a KCDC-HDF5 run file.

    Returns
    -------
    columns : dict of str to numpy.ndarray
        The KCDC quantities, arrays of length 1.
    stations : dict or None
        ``station_id``, ``x``, ``y`` and ``energy_deposit``,
        ``arrival_time`` of shape (1, n_stations); None if the run file
        has no per-station data.
    """
    import h5py
    from converters.kcdc_schema import NAMES

    with h5py.File(path, "r") as f:
        row = event_row(f, path, event)
        ev = f["events"]
        columns = {name: ev[name][row:row + 1] for name in NAMES}
        stations = None
        if "stations" in f and "energy_deposit" in ev:
            st = f["stations"]
            stations = {name: st[name][()] for name in ("station_id", "x", "y")}
            for name in ("energy_deposit", "arrival_time"):
                stations[name] = ev[name][row:row + 1]
    return columns, stations


# --------------------------------------------------------------- extracts

class _KeepOpenBytesIO(io.BytesIO):
    def close(self):
        pass


def _votable_bytes(columns, stations, did):
    from astropy.io import votable
    from astropy.io.votable.tree import Table as VOTableTable
    from astropy.table import Table

    from converters.kcdc import STATION_QUANTITIES
    from converters.kcdc_schema import NAMES, QUANTITIES

    event = Table()
    event["event_did"] = [did]
    for name in NAMES:
        event[name] = columns[name]
        unit, description = QUANTITIES[name][1:]
        if unit == "degC":   # not a VOUnit; say it in words instead
            unit, description = "", description + " (degrees Celsius)"
        event[name].unit = unit or None
        event[name].description = description
    vot = votable.tree.VOTableFile()
    resource = votable.tree.Resource()
    vot.resources.append(resource)
    t = VOTableTable.from_table(vot, event)
    t.name = "event"
    t.description = "KCDC quantities of the event"
    resource.tables.append(t)
    if stations is not None:
        st = Table()
        for name in ("station_id", "x", "y"):
            st[name] = stations[name]
        for name in ("energy_deposit", "arrival_time"):
            st[name] = stations[name][0]
        for name in st.colnames:
            st[name].unit = STATION_QUANTITIES[name][1] or None
            st[name].description = STATION_QUANTITIES[name][2]
        t = VOTableTable.from_table(vot, st)
        t.name = "stations"
        t.description = ("Per-station signals of the event (NaN arrival "
                         "time: station not hit)")
        resource.tables.append(t)
    out = io.BytesIO()
    vot.to_xml(out, tabledata_format="binary2")
    return out.getvalue()


def extract_bytes(columns, stations, fmt, did, source_name=""):
    """The event in format ``fmt`` (a key of :data:`FORMATS`) as bytes."""
    kind = FORMATS[fmt][0]
    if kind == "hdf5":
        import h5py
        from converters.kcdc_hdf5 import write_hdf5
        buf = io.BytesIO()
        write_hdf5(buf, columns, stations=stations, compression=None)
        with h5py.File(buf, "r+") as f:
            f.attrs["event_did"] = did
            f.attrs["source_file"] = source_name
        return buf.getvalue()
    if kind == "root":
        from converters.kcdc_root import write_root
        buf = _KeepOpenBytesIO()   # uproot closes its sink when done
        write_root(buf, columns, stations=stations)
        return buf.getvalue()
    if kind == "ascii":
        from converters.kcdc_ascii import write_ascii
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "event.txt")
            write_ascii(path, columns)
            with open(path, "rb") as f:
                body = f.read()
        note = ("per-station data are not part of the ASCII layout; ask "
                "for HDF5, ROOT or VOTable" if stations is not None else
                "no per-station data for this event")
        return (f"# KASCADE event {did} (from {source_name})\n"
                f"# {note}\n").encode() + body
    return _votable_bytes(columns, stations, did)


def extract(path, event, fmt, did):
    """(media type, bytes) of one event of the run file ``path``."""
    columns, stations = read_event(path, event)
    return fmt, extract_bytes(columns, stations, fmt, did,
                              Path(path).name)


# ---------------------------------------------------------------- preview

def render_preview(columns, stations, did, simulated=False):
    """PNG bytes: the event's footprint on the array."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from apdc import kascade_stations

    fig = Figure(figsize=(6.4, 5.6), dpi=90)
    ax = fig.add_subplot(1, 1, 1)
    if stations is None:
        lay = kascade_stations.layout()
        ax.scatter(lay["x"], lay["y"], marker="s", s=14, facecolors="none",
                   edgecolors="0.6", linewidths=0.6)
        note = "no per-station data for this event (summary only)"
    else:
        x, y = stations["x"], stations["y"]
        dep = np.asarray(stations["energy_deposit"][0], dtype=np.float64)
        hit = np.isfinite(stations["arrival_time"][0]) & (dep > 0)
        ax.scatter(x[~hit], y[~hit], marker="s", s=14, facecolors="none",
                   edgecolors="0.6", linewidths=0.6)
        if hit.any():
            sc = ax.scatter(x[hit], y[hit], c=np.log10(dep[hit]), marker="s",
                            s=30, cmap="viridis")
            fig.colorbar(sc, ax=ax, label="lg(energy deposit / MeV)")
        note = f"{int(hit.sum())} of {len(x)} stations hit"
    xc, yc = float(columns["XC"][0]), float(columns["YC"][0])
    ax.plot([xc], [yc], marker="*", color="red", markersize=14,
            markeredgecolor="black", linestyle="none", label="core")
    ze, az = float(columns["ZE"][0]), float(columns["AZ"][0])
    phi = np.radians(az - kascade_stations.ARRAY_ROTATION_DEG)
    length = 40.0 * np.sin(np.radians(ze))
    if length > 1:
        ax.annotate("", xy=(xc, yc), xytext=(xc + length * np.sin(phi),
                                             yc + length * np.cos(phi)),
                    arrowprops={"arrowstyle": "->", "color": "red"})
    ax.set_xlim(-110, 110)
    ax.set_ylim(-110, 110)
    ax.set_aspect("equal")
    ax.set_xlabel("x / m (array frame)")
    ax.set_ylabel("y / m (array frame)")
    title = did.split("~?", 1)[-1]
    ax.set_title(f"{'SIMULATED ' if simulated else ''}{title}\n"
                 f"lg(E/eV) = {float(columns['E'][0]):.2f}, zenith "
                 f"{ze:.1f} deg, azimuth {az:.1f} deg", fontsize=9)
    ax.text(0.01, 0.01, note + "; layout: approximate 13 m grid model",
            transform=ax.transAxes, fontsize=7, color="0.3")
    ax.legend(loc="upper right", fontsize=8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def preview_cache_path(cache_dir, collection, run, event, run_path):
    size, mtime = _file_key(run_path)
    key = hashlib.sha256(f"{size}:{mtime}:{PREVIEW_VERSION}".encode()
                         ).hexdigest()[:12]
    return (Path(cache_dir) / "kascade_previews" / collection
            / f"{collection}_{int(run):05d}_{int(event)}_{key}.png")


def preview(run_path, collection, run, event, did, cache_dir,
            simulated=False):
    """Path of the event's preview PNG, rendered on first request."""
    target = preview_cache_path(cache_dir, collection, run, event, run_path)
    if not target.is_file():
        columns, stations = read_event(run_path, event)
        png = render_preview(columns, stations, did, simulated)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".partial")
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    return target


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
                self.simulated = rd.schema.endswith("_sim")

        _descriptor_class = EventDescriptor
    return _descriptor_class


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


def _fix_dlresponse_ucd():
    """DataLink (1.0 and 1.1) gives service_def the UCD meta.ref; DaCHS 2.7's
    //datalink#dlresponse says meta.code, which datalinklint reports as an
    error.  Corrected in the loaded (cached) system RD, so again after any
    reload of it; this applies to every links document of the server."""
    from gavo import base
    col = base.caches.getRD("//datalink").getById(
        "dlresponse").getColumnByName("service_def")
    if col.ucd != "meta.ref":
        col.ucd = "meta.ref"


def iter_links(descriptor):
    """LinkDefs and faults of an event's links document."""
    from gavo import base

    _fix_dlresponse_ucd()

    rd = descriptor.rd
    did_q = urllib.parse.quote(descriptor.pubDID, safe="")
    h5 = descriptor.paths["hdf5"]
    dlget = rd.getById("dl").getURL("dlget") + f"?ID={did_q}"
    has_h5 = h5.is_file()
    # The event is read once: for the note below and for the extracts'
    # exact lengths (they are small and quick to make).
    event_data = read_event(h5, descriptor.event) if has_h5 else None
    summary_only = ""
    if event_data is not None and event_data[1] is None:
        summary_only = (" This run has no per-station data (for "
                        "the measured sample: the KCDC ASCII export "
                        "holds none), so the extract holds the "
                        "per-event summary only.")

    for fmt, (kind, _, label) in FORMATS.items():
        desc = f"This event alone, as {label}.{summary_only}"
        if not has_h5:
            yield _missing(descriptor, "hdf5", "#this", desc)
            continue
        url = dlget if fmt == DEFAULT_FORMAT else (
            dlget + "&FORMAT=" + urllib.parse.quote(fmt, safe=""))
        length = len(extract_bytes(*event_data, fmt, descriptor.pubDID,
            h5.name))
        yield descriptor.makeLink(url, semantics="#this", contentType=fmt,
                                  contentLength=length, description=desc)

    files = rd.getById("files").getURL("static")
    for kind, media in (("hdf5", "application/x-hdf5"),
                        ("root", "application/x-root")):
        path = descriptor.paths[kind]
        desc = (f"The whole run {descriptor.run} ({kind.upper()}, "
                "KCDC layout) that this event belongs to.")
        if not path.is_file():
            yield _missing(descriptor, kind, "#progenitor", desc)
            continue
        yield descriptor.makeLink(
            f"{files}/{path.name}", semantics="#progenitor",
            contentType=media, contentLength=path.stat().st_size,
            description=desc)

    desc = ("PNG plot of the event's footprint: stations coloured by "
            "their energy deposit, shower core and direction marked.")
    if has_h5:
        cached = preview_cache_path(base.getConfig("cacheDir"),
                                    descriptor.collection, descriptor.run,
                                    descriptor.event, h5)
        yield descriptor.makeLink(
            rd.getById("preview").getURL("dlget") + f"?ID={did_q}",
            semantics="#preview", contentType="image/png",
            contentLength=(cached.stat().st_size if cached.is_file()
                           else None), description=desc)
    else:
        yield _missing(descriptor, "hdf5", "#preview", desc)

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
    return extract(path, descriptor.event, fmt, descriptor.pubDID)


def preview_path(descriptor):
    """The preview data function: path of the (cached) PNG."""
    from gavo import base
    path = _require_file(descriptor)
    return preview(path, descriptor.collection, descriptor.run,
                   descriptor.event, descriptor.pubDID,
                   base.getConfig("cacheDir"), descriptor.simulated)
