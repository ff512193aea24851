"""The simulated KASCADE showers against the measured KCDC events (issue 16).

``python -m bench.kascade_scale [KCDC_FILE ...]`` (no server needed)
prints, for each measured event, the measured lg Ne and lg Nmu, the mean
of simulated events of the same reconstructed energy (+-0.1) and zenith
(+-5 deg) from ``events.generate(10**6)``, the simulation's estimator on
the measured sizes beside KCDC's E, and the fitted knees; the result
also goes to ``bench/results/kascade_scale.json``.  Default input: the
KCDC sample in the data mirror.
"""

import json
import math
import sys
from pathlib import Path

import numpy as np

from apdc import config
from converters import kcdc
from simulation.kascade import energy, events, reference, showers

__all__ = ["compare", "knees", "main"]

RESULTS = Path(__file__).resolve().parent / "results" / "kascade_scale.json"
SAMPLE = "kascade/kcdc_example_1998-07-02.txt"


def compare(measured, sim):
    """Rows of the before/after table for the measured events."""
    d_e = reference.measured_scale(measured)
    rows = []
    for i in range(len(measured["E"])):
        sel = (np.abs(sim["E"] - measured["E"][i]) < 0.1) \
            & (np.abs(sim["ZE"] - measured["ZE"][i]) < 5.0)
        rows.append({
            "E_kcdc": float(measured["E"][i]), "ZE": float(measured["ZE"][i]),
            "NE": float(measured["NE"][i]),
            "NE_sim": float(sim["NE"][sel].mean()),
            "NMU": float(measured["NMU"][i]),
            "NMU_sim": float(sim["NMU"][sel].mean()),
            "n_sim": int(sel.sum()),
            "E_est": float(measured["E"][i] + d_e[i])})
    return rows


def knees(seed=16, n=1_000_000):
    """Knees of the reconstructed-energy and near-vertical Ne spectra."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, lg_min, ze_max in (("E", 14.8, showers.ZENITH_MAX_DEG),
                                 ("NE", 14.6, 18.0)):
        lg = energy.sample_lg_energy(rng, n, lg_min, 17.5)
        mass = energy.sample_mass(rng, n)
        c2 = math.cos(math.radians(ze_max)) ** 2
        sec_m1 = 1.0 / np.sqrt(c2 + (1.0 - c2) * rng.random(n)) - 1.0
        ne, nmu = showers.draw_sizes(rng, lg - 9.0, np.log10(mass), sec_m1)
        if name == "E":
            e = energy.reconstruct_energy(rng, ne, nmu, sec_m1)
            out[name] = reference.knee_fit(e, 15.0, 16.8)
        else:
            out[name] = reference.knee_fit(ne, 5.2, 6.8, width=0.1)
    return out


def main(argv=None):
    """Print the table and the knees; write the JSON result."""
    paths = [Path(p) for p in (argv or [])] or [config.mirror_dir() / SAMPLE]
    parts = [kcdc.read_events(p) for p in paths]
    measured = {k: np.concatenate([np.asarray(p[k], float) for p in parts])
                for k in ("E", "NE", "NMU", "ZE")}
    rows = compare(measured, events.generate(1_000_000, seed=7))
    print("| E (KCDC) | ZE | lg Ne | sim. mean | lg Nmu | sim. mean "
          "| estimator E | est. - KCDC |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['E_kcdc']:.3f} | {r['ZE']:.1f} | {r['NE']:.3f} "
              f"| {r['NE_sim']:.3f} | {r['NMU']:.3f} | {r['NMU_sim']:.3f} "
              f"| {r['E_est']:.3f} | {r['E_est'] - r['E_kcdc']:+.3f} |")
    k = knees()
    print("knee of reconstructed E: lg E = %.3f (indices %.2f, %.2f)" % k["E"])
    print("knee of Ne, 0-18 deg: lg Ne = %.3f (indices %.2f, %.2f)" % k["NE"])
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(
        {"generator_version": events.GENERATOR_VERSION, "events": rows,
         "knees": k}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
