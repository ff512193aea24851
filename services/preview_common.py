"""What the footprint previews of air-shower events share.

The KASCADE (:mod:`services.kascade_preview`) and the Tunka-Rex
(:mod:`services.tunka_rex_preview`) previews draw the same figure: the
detectors of the array (each experiment draws its own, see
``draw_detectors`` of :func:`footprint_png`), the shower core and an
arrow from where the shower comes, a title with the event's energy and
direction and a note on what is drawn.  The PNG is cached under a name
keyed by the run file (:func:`preview_cache_path`) and written
atomically (:func:`cached_png`).  Needs no DaCHS.
"""

import hashlib
import io
import os
import tempfile
from pathlib import Path

import numpy as np

from services.kascade_extracts import file_key

__all__ = ["PREVIEW_VERSION", "preview_cache_path", "core_and_direction",
           "footprint_png", "cached_png"]

#: Part of every cached preview's name: raise it when the plot changes, so
#: that no stale plot is served.
PREVIEW_VERSION = "1"


def preview_cache_path(cache_dir, collection, run, event, run_path):
    """Where the preview of an event is cached (keyed by the run file).

    Parameters
    ----------
    cache_dir : path-like
        DaCHS's cache directory.
    collection : str
        The resource whose previews these are.
    run, event : int
    run_path : path-like
        The run file the preview is drawn from; its size and
        modification time are in the name, so that a new run file gets
        new previews.

    Returns
    -------
    pathlib.Path
    """
    size, mtime = file_key(run_path)
    key = hashlib.sha256(f"{size}:{mtime}:{PREVIEW_VERSION}".encode()
                         ).hexdigest()[:12]
    return (Path(cache_dir) / "kascade_previews" / collection
            / f"{collection}_{int(run):05d}_{int(event)}_{key}.png")


def core_and_direction(ax, columns, arrow_scale, min_arrow,
                       rotation_deg=0.0):
    """Mark the core and an arrow from where the shower comes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    columns : dict
        The event's summary (XC, YC, ZE, AZ; one row).
    arrow_scale : float
        The arrow's length in m for a horizontal shower (it is
        ``arrow_scale * sin(zenith)``).
    min_arrow : float
        Shorter arrows (near-vertical showers) are not drawn.
    rotation_deg : float
        Azimuth of the plot's y axis (KASCADE: the array frame).

    Returns
    -------
    tuple of float
        Zenith and azimuth in degrees (for the title).
    """
    xc, yc = float(columns["XC"][0]), float(columns["YC"][0])
    ax.plot([xc], [yc], marker="*", color="red", markersize=14,
            markeredgecolor="black", linestyle="none", label="core")
    ze, az = float(columns["ZE"][0]), float(columns["AZ"][0])
    phi = np.radians(az - rotation_deg)
    length = arrow_scale * np.sin(np.radians(ze))
    if length > min_arrow:
        # from where the shower comes towards the core
        ax.annotate("", xy=(xc, yc), xytext=(xc + length * np.sin(phi),
                                             yc + length * np.cos(phi)),
                    arrowprops={"arrowstyle": "->", "color": "red"})
    return ze, az


def footprint_png(draw_detectors, columns, stations, arrow, *, figsize,
                  half_width, axis_labels, title, energy_text,
                  layout_note):
    """PNG bytes of an event's footprint on its array.

    Parameters
    ----------
    draw_detectors : callable
        ``draw_detectors(ax, fig, stations)`` draws the detectors and
        returns the note on what is drawn.
    columns, stations : dict
        As :func:`services.kascade_extracts.read_event` returns them.
    arrow : dict
        The keywords ``arrow_scale``, ``min_arrow`` and (optional)
        ``rotation_deg`` of :func:`core_and_direction`.
    figsize : tuple of float
        Inches at 90 dpi.
    half_width : float
        Both axes run from ``-half_width`` to ``half_width`` m.
    axis_labels : tuple of str
        The x and the y label.
    title : str
        The first line of the title (the event, SIMULATED when it is).
    energy_text : callable
        ``energy_text(columns)``: the energy at the head of the title's
        second line.
    layout_note : str
        Appended to the note: how accurate the detector layout is.

    Returns
    -------
    bytes
    """
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=90)
    ax = fig.add_subplot(1, 1, 1)
    note = draw_detectors(ax, fig, stations)
    ze, az = core_and_direction(ax, columns, **arrow)
    ax.set_xlim(-half_width, half_width)
    ax.set_ylim(-half_width, half_width)
    ax.set_aspect("equal")
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    ax.set_title(f"{title}\n{energy_text(columns)}, zenith {ze:.1f} deg, "
                 f"azimuth {az:.1f} deg", fontsize=9)
    ax.text(0.01, 0.01, note + layout_note, transform=ax.transAxes,
            fontsize=7, color="0.3")
    ax.legend(loc="upper right", fontsize=8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def cached_png(target, render):
    """``target``, written from ``render()`` first if it is not there.

    The PNG is written to a temporary file beside ``target`` and renamed
    into place, so that a concurrent request never reads half a file.

    Parameters
    ----------
    target : pathlib.Path
        From :func:`preview_cache_path`.
    render : callable
        Returns the PNG bytes; called only when ``target`` is missing.

    Returns
    -------
    pathlib.Path
        ``target``.
    """
    if not target.is_file():
        png = render()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".partial")
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    return target
