"""Independent answers to the TAP examples comparing air-shower experiments.

The examples (ivoa_meta/userconfig.rd) compare the all-particle spectra
of KASCADE, KASCADE-Grande and Tunka-133 (crspectra) and the simulated
Tunka-Rex events where their energy ranges overlap.  Here the spectra
are read from the mirrored source files themselves (numpy, not the
project's converters), the events with plain SQL, and every bin, join
and ratio is computed with numpy.  tests/test_live_examples.py compares
each TAP answer with the answer here, as for the other examples
(tests/example_references.py).
"""

import numpy as np

from apdc import config
from tests.example_references import Reference, fetch

__all__ = ["REFERENCES", "read_spectrum", "spectra_of"]

SPECTRA_DIR = "crspectra/allparticle"
GRANDE = "allparticle_KASCADEGrande_SIBYLL-2.3_Etot"
TUNKA = "allparticle_TUNKA-133_Etot"
#: the examples' match window in energy: 0.05 in lg E
WINDOW = 1.122


def read_spectrum(path):
    """(header dict, energy GeV, flux) of a The_CR_Spectrum file."""
    header, rows = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            header[key.strip()] = value.strip()
        elif line.strip():
            rows.append([float(f) for f in line.split()[:2]])
    energy, flux = np.array(rows).T
    return header, energy, flux


def spectra_of(experiments):
    """spectrum id -> (experiment, energy, flux) of the mirrored
    all-particle spectra whose #Experiment is in ``experiments``."""
    found = {}
    for path in sorted((config.mirror_dir() / SPECTRA_DIR).glob("*.txt")):
        header, energy, flux = read_spectrum(path)
        if header.get("Experiment") in experiments:
            found[path.stem] = (header["Experiment"], energy, flux)
    return found


def _scaled(energy, flux):
    return flux * energy ** 2.6


def _three_spectra(db, sources):
    rows = []
    for spectrum_id, (experiment, energy, flux) in spectra_of(
            {"KASCADE", "KASCADE-Grande", "TUNKA"}).items():
        inside = (energy >= 3.7e7) & (energy <= 9e7)
        rows += [(experiment, spectrum_id, e, f, _scaled(e, f))
                 for e, f in zip(energy[inside], flux[inside])]
    return Reference(("experiment", "spectrum_id", "energy", "flux",
                      "e26_flux"), rows, ("energy", False))


def _tunka_against_grande(db, sources):
    spectra = spectra_of({"KASCADE-Grande", "TUNKA"})
    _, e_g, f_g = spectra[GRANDE]
    _, e_t, f_t = spectra[TUNKA]
    rows = []
    for eg, fg in zip(e_g, f_g):
        for et, ft in zip(e_t, f_t):
            if eg / WINDOW <= et <= eg * WINDOW:
                rows.append((eg, et, _scaled(eg, fg), _scaled(et, ft),
                             _scaled(et, ft) / _scaled(eg, fg)))
    return Reference(("energy_grande", "energy_tunka", "e26_flux_grande",
                      "e26_flux_tunka", "ratio"), rows,
                     ("energy_grande", False))


def _tunka_rex_beside_spectra(db, sources):
    events = fetch(db, "SELECT energy FROM tunka_rex.events")["energy"]
    rows = []
    for _, (experiment, energy, flux) in spectra_of(
            {"KASCADE-Grande", "TUNKA"}).items():
        inside = (energy >= 1e8) & (energy <= 1e9)
        for e, f in zip(energy[inside], flux[inside]):
            e_ev = e * 1e9
            n = int(((events >= e_ev / WINDOW) & (events <= e_ev * WINDOW)
                     ).sum())
            rows.append((experiment, e, _scaled(e, f), n))
    return Reference(("experiment", "energy", "e26_flux", "n_sim_events"),
                     rows, None)


def _per_observatory_decades(db, sources):
    rows = []
    for table, observatory, simulated, to_ev in (
            ("kascade.events", "KASCADE", False, 1e15),
            ("kascade_sim.events", "KASCADE", True, 1e15),
            ("tunka_rex.events", "Tunka-Rex", True, 1.0)):
        energy = fetch(db, f"SELECT energy FROM {table}")["energy"] * to_ev
        energy = energy[energy >= 1e16]
        bins, counts = np.unique(np.floor(np.log10(energy) * 4) / 4,
                                 return_counts=True)
        rows += [(observatory, simulated, b, int(n))
                 for b, n in zip(bins, counts)]
    return Reference(("observatory", "simulated", "lg_e_bin", "n_events"),
                     rows, None)


#: example id in /tap/examples -> its independent answer
REFERENCES = {
    "KASCADEKASCADEGrandeandTunka133spectrawhereallthreemeasured":
        _three_spectra,
    "Tunka133againstKASCADEGrandeatthesameenergies": _tunka_against_grande,
    "SimulatedTunkaRexeventsbesidetheKASCADEGrandeandTunka133spectra":
        _tunka_rex_beside_spectra,
    "Airshowersofeveryobservatoryperquarterdecadeinenergy":
        _per_observatory_decades,
}
