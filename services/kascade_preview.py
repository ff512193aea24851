"""PNG previews of KASCADE events: the footprint on the array.

Stations coloured by their energy deposit, core and direction marked;
rendered on the first request and cached (:func:`preview`).  Used by the
``preview`` DataLink service of the KASCADE RDs; needs no DaCHS.  The
station layout drawn for events without per-station data is the
simulation's station model (:mod:`simulation.kascade.stations`).
"""

import hashlib
import io
import os
import tempfile
from pathlib import Path

import numpy as np

from services.kascade_extracts import file_key, read_event
from simulation.kascade import stations as station_model

__all__ = ["PREVIEW_VERSION", "render_preview", "preview_cache_path",
           "preview"]

PREVIEW_VERSION = "1"


def _stations(ax, fig, stations):
    """Draw the stations; return the note on what is drawn."""
    if stations is None:
        lay = station_model.layout()
        ax.scatter(lay["x"], lay["y"], marker="s", s=14, facecolors="none",
                   edgecolors="0.6", linewidths=0.6)
        return "no per-station data for this event (summary only)"
    x, y = stations["x"], stations["y"]
    dep = np.asarray(stations["energy_deposit"][0], dtype=np.float64)
    hit = np.isfinite(stations["arrival_time"][0]) & (dep > 0)
    ax.scatter(x[~hit], y[~hit], marker="s", s=14, facecolors="none",
               edgecolors="0.6", linewidths=0.6)
    if hit.any():
        sc = ax.scatter(x[hit], y[hit], c=np.log10(dep[hit]), marker="s",
                        s=30, cmap="viridis")
        fig.colorbar(sc, ax=ax, label="lg(energy deposit / MeV)")
    return f"{int(hit.sum())} of {len(x)} stations hit"


def _core_and_direction(ax, columns):
    xc, yc = float(columns["XC"][0]), float(columns["YC"][0])
    ax.plot([xc], [yc], marker="*", color="red", markersize=14,
            markeredgecolor="black", linestyle="none", label="core")
    ze, az = float(columns["ZE"][0]), float(columns["AZ"][0])
    phi = np.radians(az - station_model.ARRAY_ROTATION_DEG)
    length = 40.0 * np.sin(np.radians(ze))
    if length > 1:
        ax.annotate("", xy=(xc, yc), xytext=(xc + length * np.sin(phi),
                                             yc + length * np.cos(phi)),
                    arrowprops={"arrowstyle": "->", "color": "red"})
    return ze, az


def render_preview(columns, stations, did, simulated=False):
    """PNG bytes: the event's footprint on the array.

    Parameters
    ----------
    columns, stations : dict
        As :func:`services.kascade_extracts.read_event` returns them.
    did : str
        The event's DID (its tail is the title).
    simulated : bool
        Mark the plot SIMULATED.

    Returns
    -------
    bytes
    """
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 5.6), dpi=90)
    ax = fig.add_subplot(1, 1, 1)
    note = _stations(ax, fig, stations)
    ze, az = _core_and_direction(ax, columns)
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
    """Where the preview of an event is cached (keyed by the run file).

    Returns
    -------
    pathlib.Path
    """
    size, mtime = file_key(run_path)
    key = hashlib.sha256(f"{size}:{mtime}:{PREVIEW_VERSION}".encode()
                         ).hexdigest()[:12]
    return (Path(cache_dir) / "kascade_previews" / collection
            / f"{collection}_{int(run):05d}_{int(event)}_{key}.png")


def preview(run_path, collection, run, event, did, cache_dir,
            simulated=False):
    """Path of the event's preview PNG, rendered on first request.

    Returns
    -------
    pathlib.Path
    """
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
