"""The simulation against KASCADE's published features and measured events.

Helpers for the scale tests (tests/test_simulation_scale.py) and the
benchmark ``bench/kascade_scale.py``: showers simulated at a fixed zenith
and mass, a broken-power-law fit of the knee in a spectrum of lg values,
and the central intervals of simulated sizes at a measured event's
energy and zenith.  Nothing here is used by :func:`events.generate`.
"""

import math

import numpy as np

from simulation.kascade import energy, showers

__all__ = ["showers_at", "knee_fit", "size_intervals", "measured_scale",
           "lopes_energy", "TRUNCATED_TO_TOTAL_MUONS"]


def showers_at(rng, n, mass, zenith_deg, lg_min, lg_max):
    """Simulated showers of one mass at fixed or drawn zenith angles.

    Parameters
    ----------
    rng : numpy.random.Generator
        One stream for everything (these samples are not served).
    n : int
        Number of showers.
    mass : int
        Mass number.
    zenith_deg : float or numpy.ndarray
        Zenith angle(s) in degrees.
    lg_min, lg_max : float
        Range of the true lg(E/eV), drawn from the generator's spectrum.

    Returns
    -------
    dict of str to numpy.ndarray
        ``lgE`` (true), ``NE``, ``NMU`` and ``E`` (reconstructed) as in
        :func:`simulation.kascade.events.generate`.
    """
    lg_e = energy.sample_lg_energy(rng, n, lg_min, lg_max)
    sec_m1 = np.broadcast_to(
        1.0 / np.cos(np.radians(zenith_deg)) - 1.0, (n,)).copy()
    lg_a = np.full(n, math.log10(mass))
    ne, nmu = showers.draw_sizes(rng, lg_e - 9.0, lg_a, sec_m1)
    e = energy.reconstruct_energy(rng, ne, nmu, sec_m1)
    return {"lgE": lg_e, "NE": ne, "NMU": nmu, "E": e}


def knee_fit(values, lo, hi, width=0.05):
    """Knee of a spectrum of lg values by a broken power-law fit.

    The histogram of ``values`` in bins of ``width`` between ``lo`` and
    ``hi`` is fitted by two straight lines in lg(counts) that meet at
    the knee, with Poisson weights; the knee is scanned on a fine grid.

    Parameters
    ----------
    values : numpy.ndarray
        lg E or lg Ne of the events.
    lo, hi : float
        Fit range.
    width : float, optional
        Bin width.

    Returns
    -------
    knee : float
        The knee position (lg).
    index_below, index_above : float
        Differential indices gamma on either side (dN/dx ∝ x^-gamma,
        x = 10^value).
    """
    edges = np.arange(lo, hi + width / 2, width)
    counts, _ = np.histogram(values, edges)
    x = 0.5 * (edges[1:] + edges[:-1])
    keep = counts > 0
    x, y, w = x[keep], np.log10(counts[keep]), counts[keep].astype(float)
    best = None
    for k in np.arange(x[2], x[-3], width / 10):
        design = np.c_[np.ones_like(x), np.minimum(x - k, 0.0),
                       np.maximum(x - k, 0.0)]
        sw = np.sqrt(w)
        coef, *_ = np.linalg.lstsq(design * sw[:, None], y * sw, rcond=None)
        chi2 = float(np.sum(w * (y - design @ coef) ** 2))
        if best is None or chi2 < best[0]:
            best = (chi2, k, coef)
    _, knee, coef = best
    # lg(dN/dlg x) has slope 1 - gamma.
    return float(knee), 1.0 - coef[1], 1.0 - coef[2]


def _weighted_interval(x, w, central=0.95):
    order = np.argsort(x)
    cdf = np.cumsum(w[order])
    cdf /= cdf[-1]
    tail = (1.0 - central) / 2
    return (float(np.interp(tail, cdf, x[order])),
            float(np.interp(1.0 - tail, cdf, x[order])))


def size_intervals(seed, lg_e, zenith_deg, iron_fractions, n=40_000,
                   window=0.1):
    """Central 95 % of simulated lg Ne and lg Nmu at an energy and zenith.

    Proton and iron showers are simulated at the zenith angle, with true
    energies from the spectrum within 0.6 of ``lg_e``; those whose
    reconstructed E lies within ``window`` of ``lg_e`` are kept and mixed
    with the given iron fractions of the flux.

    Parameters
    ----------
    seed : int
        Seed of the sample.
    lg_e : float
        Reconstructed lg(E/eV) of the measured event.
    zenith_deg : float
        Its zenith angle.
    iron_fractions : sequence of float
        Iron fractions from 0 (pure proton) to 1 (pure iron).
    n : int, optional
        Showers simulated per mass.
    window : float, optional
        Half width of the energy window in lg E.

    Returns
    -------
    list of dict
        Per fraction: ``f``, the (low, high) intervals ``NE`` and
        ``NMU``, and the weighted means ``mean_NE`` and ``mean_NMU``.
    """
    rng = np.random.default_rng(seed)
    sel = []
    for mass in energy.MASS_NUMBERS:
        s = showers_at(rng, n, mass, zenith_deg, lg_e - 0.6, lg_e + 0.6)
        keep = np.abs(s["E"] - lg_e) < window
        sel.append((s["NE"][keep], s["NMU"][keep]))
    out = []
    for f in iron_fractions:
        w = np.concatenate([np.full(len(sel[0][0]), 1.0 - f),
                            np.full(len(sel[1][0]), float(f))])
        row = {"f": float(f)}
        for i, name in enumerate(("NE", "NMU")):
            x = np.concatenate([sel[0][i], sel[1][i]])
            row[name] = _weighted_interval(x, w)
            row["mean_" + name] = float(np.average(x, weights=w))
        out.append(row)
    return out


def measured_scale(cols):
    """The simulation's estimator applied to measured events.

    Parameters
    ----------
    cols : dict of str to numpy.ndarray
        KCDC columns with ``NE``, ``NMU``, ``ZE`` and ``E``.

    Returns
    -------
    numpy.ndarray
        Estimate minus KCDC's E, lg units, per event.
    """
    sec_m1 = 1.0 / np.cos(np.radians(np.asarray(cols["ZE"], float))) - 1.0
    est = energy.estimate_lg_energy(cols["NE"], cols["NMU"], sec_m1) + 9.0
    return est - np.asarray(cols["E"], dtype=np.float64)


#: Conversion lg Nmu_tr -> lg Nmu (total), a + b lg Ne + c lg Ne^2, of the
#: LOPES pipeline's ``getCRen`` (see :func:`lopes_energy`).
TRUNCATED_TO_TOTAL_MUONS = (0.6877, -0.03835, 0.001186)


def lopes_energy(lg_ne, lg_nmu_tr, zenith_deg, total_muons=False):
    """Glasstetter's estimator as the LOPES analysis pipeline codes it.

    A second, independently coded form of the estimator of
    :func:`simulation.kascade.energy.estimate_lg_energy`: the Glish
    function ``getCRen`` of the LOPES pipeline (lbaehren/lofarsoft,
    ``src/CR-Tools/scripts/glish``), "an implementation of the function
    by R. Glasstetter".  The sizes are moved to a reference slant depth
    of 1023 g/cm^2 x 1.025 with attenuation lengths 158 g/cm^2 (Ne) and
    823 g/cm^2 (Nmu), then lg(E/GeV) = 0.3015 lg Ne + 0.6762 lg Nmu +
    1.856.  Used only to check which muon number KCDC's E is made from
    (tests/test_simulation_scale.py); re-implemented here, not copied.

    Parameters
    ----------
    lg_ne, lg_nmu_tr : array_like
        KCDC's NE and NMU (truncated muon number).
    zenith_deg : array_like
        KCDC's ZE.
    total_muons : bool, optional
        Convert the truncated muon number to the total one first, as
        ``getCRen`` does (:data:`TRUNCATED_TO_TOTAL_MUONS`).

    Returns
    -------
    numpy.ndarray
        lg(E/eV).
    """
    lg_ne = np.asarray(lg_ne, dtype=np.float64)
    lg_nmu = np.asarray(lg_nmu_tr, dtype=np.float64)
    if total_muons:
        a, b, c = TRUNCATED_TO_TOTAL_MUONS
        lg_nmu = lg_nmu + a + b * lg_ne + c * lg_ne ** 2
    sec = 1.0 / np.cos(np.radians(np.asarray(zenith_deg, dtype=np.float64)))
    depth = 1023.0 * (sec - 1.025)
    ne0 = lg_ne + depth / (158.0 * showers.LN10)
    nmu0 = lg_nmu + depth / (823.0 * showers.LN10)
    return 0.3015 * ne0 + 0.6762 * nmu0 + 1.856 + 9.0
