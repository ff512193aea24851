"""Product step of crspectra: the PNG preview of every spectrum.

``write_previews`` (manifest ``products``) writes
``data/previews/<spectrum_id>.png``: flux times E**2.6 against E,
log-log, with the statistical error bars.  The ``preview`` service of
rd/crspectra.rd serves the folder.
"""

import os
from pathlib import Path

import numpy as np

from converters import crspectra

__all__ = ["PREVIEW_FOLDER", "PREVIEW_INDEX", "write_previews"]

PREVIEW_FOLDER = "previews"
PREVIEW_INDEX = 2.6
PREVIEW_DPI = 80


def _scaled_points(points):
    """(energy, flux E^2.6, lower, upper error bar), sorted by energy."""
    energy = np.asarray(points["energy"], dtype=float)
    order = np.argsort(energy)
    energy = energy[order]
    scale = energy ** PREVIEW_INDEX
    flux = np.asarray(points["flux"], dtype=float)[order] * scale
    lo = np.ma.filled(np.ma.asarray(points["stat_err_lo"])[order], 0) * scale
    hi = np.ma.filled(np.ma.asarray(points["stat_err_hi"])[order], 0) * scale
    # keep the lower bar above zero on the log axis
    return energy, flux, np.minimum(lo, flux * 0.999), hi


def _plot(spectrum, target):
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    energy, flux, lo, hi = _scaled_points(spectrum["points"])
    figure = Figure(figsize=(6, 4.2), dpi=PREVIEW_DPI)
    axes = figure.add_subplot(1, 1, 1)
    axes.errorbar(energy, flux, yerr=[lo, hi], fmt="o", markersize=3,
        capsize=2, elinewidth=0.8, color="#1f4e9c")
    axes.set_xscale("log")
    if (flux > 0).any():
        axes.set_yscale("log")
    kind = "T" if spectrum["energy_type"] == "kinetic" else "E"
    axes.set_xlabel(f"{kind} [GeV] ({spectrum['energy_type']} energy)")
    axes.set_ylabel(f"flux × {kind}$^{{{PREVIEW_INDEX}}}$ "
        f"[m$^{{-2}}$ s$^{{-1}}$ sr$^{{-1}}$ GeV$^{{{PREVIEW_INDEX - 1:g}}}$]")
    axes.set_title(spectrum["title"], fontsize=8)
    axes.grid(True, which="major", alpha=0.3)
    figure.tight_layout()
    figure.savefig(target, format="png")


def _is_current(target, source, code_time):
    """True if ``target`` is newer than its source file and this module."""
    if not target.is_file():
        return False
    made = target.stat().st_mtime_ns
    return made >= source.stat().st_mtime_ns and made >= code_time


def write_previews(ctx):
    """Write ``<spectrum_id>.png`` for each spectrum into data/previews.

    A preview newer than its spectrum file and than this module is kept;
    the others are written beside their final place and renamed over it.
    Previews of spectra that are gone are removed.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The import context of crspectra.

    Returns
    -------
    pathlib.Path
        The previews folder.
    """
    folder = ctx.data_dir / PREVIEW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    code_time = Path(__file__).stat().st_mtime_ns
    for spectrum in crspectra.read_all(ctx.data_dir):
        name = f"{spectrum['spectrum_id']}.png"
        wanted.add(name)
        if _is_current(folder / name, ctx.data_dir / spectrum["source_file"],
                code_time):
            continue
        partial = folder / f".{name}.part"
        _plot(spectrum, partial)
        os.replace(partial, folder / name)
    for stale in folder.glob("*.png"):
        if stale.name not in wanted:
            stale.unlink()
    return folder
