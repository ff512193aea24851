"""PNG previews of KASCADE events: the footprint on the array.

Stations coloured by their energy deposit, core and direction marked;
rendered on the first request and cached (:func:`preview`).  Used by the
``preview`` DataLink service of the KASCADE RDs; needs no DaCHS.  The
station layout drawn for events without per-station data is the
simulation's station model (:mod:`simulation.kascade.stations`).  The
figure, its cache and the core and arrow are shared with the Tunka-Rex
previews (:mod:`services.preview_common`).
"""

import numpy as np

from services.kascade_extracts import read_event
from services.preview_common import (PREVIEW_VERSION, cached_png,
                                     footprint_png, preview_cache_path)
from simulation.kascade import stations as station_model

__all__ = ["PREVIEW_VERSION", "render_preview", "preview_cache_path",
           "preview"]


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


def _energy(columns):
    return f"lg(E/eV) = {float(columns['E'][0]):.2f}"


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
    title = did.split("~?", 1)[-1]
    return footprint_png(
        _stations, columns, stations,
        {"arrow_scale": 40.0, "min_arrow": 1,
         "rotation_deg": station_model.ARRAY_ROTATION_DEG},
        figsize=(6.4, 5.6), half_width=110,
        axis_labels=("x / m (array frame)", "y / m (array frame)"),
        title=f"{'SIMULATED ' if simulated else ''}{title}",
        energy_text=_energy,
        layout_note="; layout: approximate 13 m grid model")


def preview(run_path, collection, run, event, did, cache_dir,
            simulated=False):
    """Path of the event's preview PNG, rendered on first request.

    Returns
    -------
    pathlib.Path
    """
    target = preview_cache_path(cache_dir, collection, run, event, run_path)

    def render():
        columns, stations = read_event(run_path, event)
        return render_preview(columns, stations, did, simulated)
    return cached_png(target, render)
