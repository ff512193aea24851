"""Server-side code of the crspectra resource (rd/crspectra.rd).

* ``write_previews``: the PNG previews (flux * E^2.6 against E, log-log,
  with error bars), written by the import (converters/crspectra.py).
* ``iter_points``: the points of one spectrum from crspectra.points, for
  the SDM instance table that the datalink service builds.
* ``make_descriptor``: the datalink descriptor of a spectrum.  DaCHS's
  //soda#sdm_genDesc looks the spectrum up in dc.products, which this
  resource does not use (its tables are filled by apdc's COPY, not by
  DaCHS's grammars), so the descriptor is built from the SSA row itself.
"""

import os
from pathlib import Path

PREVIEW_INDEX = 2.6
PREVIEW_DPI = 80


def _plot(spectrum, target):
    import matplotlib
    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    points = spectrum["points"]
    energy = np.asarray(points["energy"], dtype=float)
    order = np.argsort(energy)
    energy = energy[order]
    scale = energy ** PREVIEW_INDEX
    flux = np.asarray(points["flux"], dtype=float)[order] * scale
    lo = np.ma.filled(np.ma.asarray(points["stat_err_lo"])[order], 0) * scale
    hi = np.ma.filled(np.ma.asarray(points["stat_err_hi"])[order], 0) * scale
    # keep the lower bar above zero on the log axis
    lo = np.minimum(lo, flux * 0.999)

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


def write_previews(spectra, folder):
    """Write ``<spectrum_id>.png`` for each spectrum into ``folder``.

    Each file is written beside its final place and renamed over it;
    previews of spectra that are gone are removed.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for spectrum in spectra:
        name = f"{spectrum['spectrum_id']}.png"
        wanted.add(name)
        partial = folder / f".{name}.part"
        _plot(spectrum, partial)
        os.replace(partial, folder / name)
    for stale in folder.glob("*.png"):
        if stale.name not in wanted:
            stale.unlink()


POINT_COLUMNS = ("energy", "flux", "stat_err_lo", "stat_err_hi",
    "sys_err_lo", "sys_err_hi")


def iter_points(spectrum_id):
    """Rowdicts (spectral, flux, errors) of a spectrum, in file order."""
    from gavo import base
    with base.getTableConn() as conn:
        for row in conn.queryToDicts(
                "SELECT energy AS spectral, flux, stat_err_lo, stat_err_hi,"
                " sys_err_lo, sys_err_hi FROM crspectra.points"
                " WHERE spectrum_id=%(id)s ORDER BY line",
                {"id": spectrum_id}):
            yield row


def make_descriptor(pubDID, ssa_td, DatalinkFault):
    """The SSA descriptor of the spectrum with ``pubDID`` (or a fault)."""
    from gavo import base, rsc
    from gavo.protocols import ssap
    from gavo.rscdef import getStandardPubDID

    if not pubDID.startswith("ivo://"):
        pubDID = getStandardPubDID("crspectra/" + pubDID)
    with base.getTableConn() as conn:
        result = rsc.TableForDef(ssa_td, connection=conn).getTableForQuery(
            ssa_td, "ssa_pubdid=%(pubdid)s", {"pubdid": pubDID})
    if not result.rows:
        return DatalinkFault.NotFoundFault(pubDID,
            "No spectrum with this identifier here")
    row = dict(result.getParamDict())
    row.update(result.rows[0])
    descriptor = ssap.SSADescriptor(pubDID, accref=row["accref"],
        accessPath=None, mime=row["mime"], preview=row["preview"],
        preview_mime="image/png")
    descriptor.ssaRow = row
    descriptor.limits = result.getLimits()
    return descriptor
