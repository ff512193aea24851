"""The cosmic-ray spectra (crspectra) as served: SSA, DataLink, TAP.

Needs the running server with "apdc import crspectra" done.  The
expected values come from the mirrored source files, read here without
the converter.
"""

import io
import urllib.parse
import urllib.request
import warnings

import numpy as np
import pytest

from tests.conftest import run_stilts

pytestmark = pytest.mark.live

N_SPECTRA = 34
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.headers.get("content-type"), response.read()


@pytest.fixture(scope="module")
def ssa(server):
    import pyvo
    return pyvo.dal.SSAService(server + "/crspectra/ssa/ssap.xml")


@pytest.fixture(scope="module")
def all_records(ssa):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(ssa.search())


@pytest.fixture(scope="module")
def source_files(mirror):
    """spectrum id -> (experiment, quantity word, numbers) per source file."""
    found = {}
    for path in sorted((mirror / "crspectra").rglob("*.txt")):
        header, rows = {}, []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") and ":" in line:
                key, _, value = line[1:].partition(":")
                header[key.strip()] = value.strip()
            elif line.strip() and not line.startswith("#"):
                rows.append([float(x) for x in line.split()])
        found[path.stem.replace("+", "plus")] = (
            header.get("Experiment"), path.parent.name, np.array(rows))
    assert len(found) == N_SPECTRA
    return found


def _search(ssa, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sorted(str(r["spectrum_id"]) for r in ssa.search(**params))


def test_ssa_finds_all_spectra(all_records, source_files):
    assert len(all_records) == N_SPECTRA
    assert sorted(str(r["spectrum_id"]) for r in all_records) == sorted(
        source_files)
    for record in all_records:
        assert record.getdataformat() == "application/x-votable+xml"
        assert "/crspectra/sdl/dlget?ID=" in record.getdataurl()
        assert record["ssa_specstart"] < record["ssa_specend"]
        # SSA spectral coverage in metres: lambda = h c / E
        assert record["ssa_specstart"] == pytest.approx(
            1.239841984e-15 / record["e_max"])


def test_ssa_by_experiment(ssa, source_files):
    expected = sorted(i for i, (exp, _, _) in source_files.items()
        if exp == "KASCADE")
    assert expected and _search(ssa, EXPERIMENT="KASCADE") == expected
    # case-insensitive; the local-database file allparticle_AMS02 is AMS-02
    ams = _search(ssa, experiment="ams-02")
    assert len(ams) == 5 and "allparticle_AMS02" in ams
    assert _search(ssa, EXPERIMENT="KASCADE,KASCADE-Grande") == sorted(
        i for i, (exp, _, _) in source_files.items()
        if exp in ("KASCADE", "KASCADE-Grande"))
    assert _search(ssa, EXPERIMENT="NO-SUCH-EXPERIMENT") == []


@pytest.mark.parametrize("quantity,folder", [
    ("all-particle", "allparticle"), ("proton", "protons"),
    ("antiproton", "antiprotons"), ("lepton", "leptons"),
    ("positron", "positrons"), ("gamma", "gammas")])
def test_ssa_by_quantity(ssa, source_files, quantity, folder):
    expected = sorted(i for i, (_, f, _) in source_files.items() if f == folder)
    assert expected and _search(ssa, QUANTITY=quantity) == expected


def test_ssa_all_sky_spectra_match_any_position(ssa):
    assert len(_search(ssa, pos=(83.63, 22.01), diameter=0.2)) == N_SPECTRA
    assert len(_search(ssa, pos=(0, -89.9), diameter=0.01,
        QUANTITY="proton")) == 10


def test_ssa_band_in_metres(ssa, source_files):
    # 1e6 .. 1e8 GeV as wavelengths
    low, high = 1.239841984e-15 / 1e8, 1.239841984e-15 / 1e6
    expected = sorted(i for i, (_, _, rows) in source_files.items()
        if rows[:, 0].max() >= 1e6 and rows[:, 0].min() <= 1e8)
    assert _search(ssa, band=(low, high)) == expected


def test_sdm_votables_lint_clean_and_equal_source(all_records, source_files,
        tmp_path):
    from astropy.io.votable import parse
    for record in all_records:
        spectrum_id = str(record["spectrum_id"])
        content_type, payload = _get(record.getdataurl())
        assert content_type.startswith("application/x-votable+xml")
        target = tmp_path / f"{spectrum_id}.vot"
        target.write_bytes(payload)
        code, output = run_stilts("votlint", f"votable={target}")
        assert code == 0, output
        errors = [line for line in output.splitlines()
            if line.startswith("ERROR")]
        assert errors == [], f"{spectrum_id}: {errors}"

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = parse(io.BytesIO(payload)).get_first_table()
        fields = {f.name: f for f in table.fields}
        assert fields["spectral"].ucd == "em.energy"
        assert str(fields["spectral"].unit) == "GeV"
        assert fields["spectral"].utype.endswith("SpectralAxis.Value")
        assert fields["flux"].utype.endswith("FluxAxis.Value")
        assert fields["flux"].unit.to_string("vounit") in (
            "m**-2.s**-1.sr**-1.GeV**-1", "GeV**-1.m**-2.s**-1.sr**-1")
        data = table.array
        rows = source_files[spectrum_id][2]
        assert len(data) == len(rows), spectrum_id
        np.testing.assert_allclose(data["spectral"], rows[:, 0], rtol=1e-12)
        np.testing.assert_allclose(data["flux"], rows[:, 1], rtol=1e-12)
        np.testing.assert_allclose(data["stat_err_lo"], rows[:, 2], rtol=1e-12)
        np.testing.assert_allclose(data["stat_err_hi"], rows[:, 3], rtol=1e-12)
        if rows.shape[1] == 6:
            np.testing.assert_allclose(data["sys_err_lo"], rows[:, 4],
                rtol=1e-12)
            np.testing.assert_allclose(data["sys_err_hi"], rows[:, 5],
                rtol=1e-12)
        else:
            assert np.ma.getmaskarray(data["sys_err_lo"]).all()


def test_sdm_fits_and_csv(all_records, source_files):
    from astropy.io import fits
    record = next(r for r in all_records
        if str(r["spectrum_id"]) == "H_KASCADE_2005_SIBYLL-2.1_Etot")
    rows = source_files["H_KASCADE_2005_SIBYLL-2.1_Etot"][2]

    content_type, payload = _get(record.getdataurl() + "&FORMAT="
        + urllib.parse.quote("application/fits", safe=""))
    assert content_type.startswith("application/fits")
    with fits.open(io.BytesIO(payload)) as hdus:
        data = hdus[1].data
        np.testing.assert_allclose(data["spectral"], rows[:, 0], rtol=1e-12)
        np.testing.assert_allclose(data["flux"], rows[:, 1], rtol=1e-12)

    content_type, payload = _get(record.getdataurl() + "&FORMAT="
        + urllib.parse.quote("text/csv", safe=""))
    assert content_type.startswith("text/csv")
    lines = [line for line in payload.decode("utf-8").splitlines()
        if line and not line.startswith("#")]
    assert lines[0].split(",")[:2] == ["spectral", "flux"]
    values = np.array([[float(x) for x in line.split(",")]
        for line in lines[1:]])
    np.testing.assert_allclose(values, rows, rtol=1e-12)


def test_datalink_links_and_previews(server, all_records):
    import pyvo
    for record in all_records:
        assert str(record["preview"]).endswith(
            f"/crspectra/preview/static/{record['spectrum_id']}.png")
        content_type, payload = _get(str(record["preview"]))
        assert content_type.startswith("image/png")
        assert payload[:8] == PNG_MAGIC

    record = all_records[0]
    pubdid = str(record["ssa_pubDID"])
    links = pyvo.dal.adhoc.DatalinkResults.from_result_url(
        server + "/crspectra/sdl/dlmeta?ID=" + urllib.parse.quote(pubdid,
            safe=""))
    by_semantics = {row["semantics"]: row for row in links}
    assert by_semantics["#this"]["access_url"] == record.getdataurl()
    assert by_semantics["#preview"]["access_url"] == str(record["preview"])
    assert by_semantics["#preview"]["content_type"] == "image/png"


def test_tap_points_equal_source(tap, source_files):
    result = tap.search("SELECT spectrum_id, energy, flux, stat_err_lo,"
        " stat_err_hi, sys_err_lo, sys_err_hi FROM crspectra.points"
        " ORDER BY spectrum_id, line", maxrec=100000).to_table()
    assert len(result) == sum(len(rows) for _, _, rows in
        source_files.values())
    ids = np.array([str(x) for x in result["spectrum_id"]])
    for spectrum_id, (_, _, rows) in source_files.items():
        mine = result[ids == spectrum_id]
        np.testing.assert_allclose(np.asarray(mine["energy"]), rows[:, 0],
            rtol=1e-12)
        np.testing.assert_allclose(np.asarray(mine["flux"]), rows[:, 1],
            rtol=1e-12)
        np.testing.assert_allclose(np.asarray(mine["stat_err_hi"]),
            rows[:, 3], rtol=1e-12)
        if rows.shape[1] == 6:
            np.testing.assert_allclose(np.asarray(mine["sys_err_lo"]),
                rows[:, 4], rtol=1e-12)


def test_tap_compares_experiments(tap):
    result = tap.search("SELECT experiment, COUNT(*) AS n, MIN(energy) AS"
        " e_lo, MAX(energy) AS e_hi FROM crspectra.points"
        " WHERE quantity = 'all-particle' AND energy BETWEEN 1e6 AND 1e8"
        " GROUP BY experiment ORDER BY experiment").to_table()
    experiments = [str(x) for x in result["experiment"]]
    assert {"KASCADE", "KASCADE-Grande", "ICECUBE-ICETOP",
        "TUNKA"} <= set(experiments)
    assert all(1e6 <= lo <= hi <= 1e8
        for lo, hi in zip(result["e_lo"], result["e_hi"]))
    spectra = tap.search("SELECT COUNT(*) AS n FROM crspectra.spectra")
    assert spectra["n"][0] == N_SPECTRA
