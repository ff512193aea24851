"""PNG previews of Tunka-Rex events: the footprint on the antenna array.

Antennas coloured by their peak amplitude (grey rings: no signal), core
and direction marked, "simulated, not Tunka-Rex measurements" in the
title of simulated events.  Rendered on the first request and cached
beside the KASCADE previews (:func:`services.kascade_preview.
preview_cache_path`, keyed by the run file); needs no DaCHS.
"""

import io
import os
import tempfile

import numpy as np

from converters import kcdc_quantities
from services.kascade_extracts import read_event
from services.kascade_preview import preview_cache_path

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


def _core_and_direction(ax, columns):
    xc, yc = float(columns["XC"][0]), float(columns["YC"][0])
    ax.plot([xc], [yc], marker="*", color="red", markersize=14,
            markeredgecolor="black", linestyle="none", label="core")
    ze, az = float(columns["ZE"][0]), float(columns["AZ"][0])
    length = 300.0 * np.sin(np.radians(ze))
    if length > 5:
        # from where the shower comes (x east, y north) towards the core
        ax.annotate("", xy=(xc, yc),
                    xytext=(xc + length * np.sin(np.radians(az)),
                            yc + length * np.cos(np.radians(az))),
                    arrowprops={"arrowstyle": "->", "color": "red"})
    return ze, az


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
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 5.8), dpi=90)
    ax = fig.add_subplot(1, 1, 1)
    note = _antennas(ax, fig, stations)
    ze, az = _core_and_direction(ax, columns)
    ax.set_xlim(-1150, 1150)
    ax.set_ylim(-1150, 1150)
    ax.set_aspect("equal")
    ax.set_xlabel("x / m (east)")
    ax.set_ylabel("y / m (north)")
    head = f"{SIMULATED_TITLE}: " if simulated else ""
    ax.set_title(f"{head}{did.split('~?', 1)[-1]}\n"
                 f"E = {float(columns['E'][0]):.3g} eV, zenith {ze:.1f} "
                 f"deg, azimuth {az:.1f} deg", fontsize=9)
    ax.text(0.01, 0.01, note + "; layout approximated (docs/tunka_rex.md)",
            transform=ax.transAxes, fontsize=7, color="0.3")
    ax.legend(loc="upper right", fontsize=8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


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
    if not target.is_file():
        columns, stations = read_event(
            run_path, event, kcdc_quantities.quantities(resource, "events"))
        png = render_preview(columns, stations, did, simulated)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".partial")
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    return target
