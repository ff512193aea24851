"""The Tunka-133 all-particle spectrum, beside KASCADE's, through SSA and TAP.

Expected values come from the mirrored source file itself
(../shared/data/crspectra/allparticle/allparticle_TUNKA-133_Etot.txt),
read here with numpy, not with the project's converter.
"""

import io
import urllib.request
import warnings

import numpy as np
import pytest

from tests.example_references_airshowers import TUNKA, read_spectrum

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def tunka_file(mirror):
    return read_spectrum(mirror / "crspectra" / "allparticle" /
                         f"{TUNKA}.txt")


def test_ssa_serves_tunka_133_with_its_citation(server, tunka_file):
    import pyvo
    from astropy.io import votable
    header, energy, flux = tunka_file
    ssa = pyvo.dal.SSAService(server + "/crspectra/ssa/ssap.xml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = [r for r in ssa.search(EXPERIMENT="TUNKA")]
    assert [str(r["spectrum_id"]) for r in found] == [TUNKA]
    record = found[0]
    # the file's #Ref line, the citation its compilation asks for
    citation = header["Ref"].replace("()", "").strip()
    assert str(record["ssa_reference"]) == citation
    assert "Budnev" in citation and "117 (2020) 102406" in citation
    assert str(record["ssa_instrument"]) == header["Experiment"]
    assert record["e_min"] == pytest.approx(energy.min())
    assert record["e_max"] == pytest.approx(energy.max())
    # the SDM spectrum behind the SSA record holds the file's points
    with urllib.request.urlopen(record.getdataurl(), timeout=60) as resp:
        # (the flux UCD phys.flux is newer than Debian's astropy: not
        # checked here; tests/test_live_ssa.py lints the SDM documents)
        spectrum = votable.parse_single_table(io.BytesIO(resp.read()),
                                              verify="ignore").to_table()
    spectral = [c for c in spectrum.colnames if "spectral" in c.lower()
                or c.lower() in ("energy", "x")][0]
    flux_col = [c for c in spectrum.colnames if "flux" in c.lower()][0]
    assert np.allclose(np.sort(np.asarray(spectrum[spectral], float)),
                       np.sort(energy), rtol=1e-6)
    assert np.allclose(np.asarray(spectrum[flux_col], float)[np.argsort(
        np.asarray(spectrum[spectral], float))], flux[np.argsort(energy)],
        rtol=1e-6)


def test_tap_serves_tunka_133_points_and_citation(tap, tunka_file):
    header, energy, flux = tunka_file
    meta = tap.search("SELECT experiment, quantity, reference, n_points, "
                      "e_min, e_max FROM crspectra.spectra "
                      f"WHERE spectrum_id = '{TUNKA}'").to_table()
    assert len(meta) == 1
    assert str(meta["reference"][0]) == header["Ref"].replace("()",
                                                               "").strip()
    assert str(meta["quantity"][0]) == "all-particle"
    assert int(meta["n_points"][0]) == len(energy) == 22
    points = tap.search("SELECT energy, flux FROM crspectra.points "
                        f"WHERE spectrum_id = '{TUNKA}' ORDER BY energy"
                        ).to_table()
    order = np.argsort(energy)
    assert np.allclose(points["energy"], energy[order], rtol=1e-12)
    assert np.allclose(points["flux"], flux[order], rtol=1e-12)
