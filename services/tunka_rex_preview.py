"""PNG previews of Tunka-Rex events: the footprint on the antenna array.

Antennas coloured by their peak amplitude (grey rings: no signal), core
and direction marked, "simulated, not Tunka-Rex measurements" in the
title of simulated events.  Rendered on the first request and cached
beside the KASCADE previews, in the figure they share
(:mod:`services.preview_common`, keyed by the run file); needs no DaCHS.
"""

import numpy as np

from converters import kcdc_quantities
from services.kascade_extracts import read_event
from services.preview_common import (cached_png, footprint_png,
                                     preview_cache_path)

__all__ = ["SIMULATED_TITLE", "render_preview", "preview"]

SIMULATED_TITLE = "simulated, not Tunka-Rex measurements"


def _antennas(ax, fig, stations):
    """Draw the antennas; the note on what is drawn."""
    x, y = stations["antenna_x"], stations["antenna_y"]
    amp = np.asarray(stations["peak_amplitude"][0], dtype=np.float64)
    hit = np.isfinite(amp)
    ax.scatter(x[~hit], y[~hit], marker="o", s=18, facecolors="none",
               edgecolors="0.6", linewidths=0.6)
    if hit.any():
        sc = ax.scatter(x[hit], y[hit], c=np.log10(amp[hit]), marker="o",
                        s=36, cmap="viridis")
        fig.colorbar(sc, ax=ax, label="lg(peak amplitude / (uV/m))")
    return f"{int(hit.sum())} of {len(x)} antennas with signal"


def _energy(columns):
    return f"E = {float(columns['E'][0]):.3g} eV"


def render_preview(columns, stations, did, simulated=False):
    """PNG bytes of the event's footprint.

    Parameters
    ----------
    columns, stations : dict
        As :func:`services.kascade_extracts.read_event` returns them.
    did : str
    simulated : bool

    Returns
    -------
    bytes
    """
    head = f"{SIMULATED_TITLE}: " if simulated else ""
    # x east, y north: the azimuth needs no rotation
    return footprint_png(
        _antennas, columns, stations, {"arrow_scale": 300.0, "min_arrow": 5},
        figsize=(6.4, 5.8), half_width=1150,
        axis_labels=("x / m (east)", "y / m (north)"),
        title=f"{head}{did.split('~?', 1)[-1]}", energy_text=_energy,
        layout_note="; layout approximated (docs/tunka_rex.md)")


def preview(run_path, resource, run, event, did, cache_dir,
            simulated=False):
    """Path of the event's preview PNG, rendered on first request.

    Parameters
    ----------
    run_path : path-like
        The HDF5 run file.
    resource : str
        The RD (its quantities); also the collection of the cache.
    run, event : int
    did : str
    cache_dir : path-like
    simulated : bool

    Returns
    -------
    pathlib.Path
    """
    target = preview_cache_path(cache_dir, resource, run, event, run_path)

    def render():
        columns, stations = read_event(
            run_path, event, kcdc_quantities.quantities(resource, "events"))
        return render_preview(columns, stations, did, simulated)
    return cached_png(target, render)
