"""Cosmic-ray spectra: converters/crspectra.py (and crspectra_parse.py)
and the preview product step (apdc/products/crspectra.py).

Runs on the mirrored files (shared/data/crspectra, in their quantity
folders); the bad-input cases use small files written to tmp_path.
"""

import shutil

import numpy as np
import pytest

from apdc import config
from apdc.products import crspectra as crspectra_products
from converters import crspectra, rdschema
from converters.context import ImportContext
from converters.errors import E03, E04, E05, E06, E08

N_SPECTRA = 34
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

GOOD_HEADER = """#Source: CRDB
#Ref: 10.1103/PhysRevLett.114.171103 (2015PhRvL.114q1103A)
#Experiment: TESTEXP
#Quantity: H
#Units: kinetic energy
#Url: https://lpsc.in2p3.fr/crdb
#Comments: test file
"""
GOOD_ROWS = """1.0e+01 2.0e+00 1.0e-01 2.0e-01 3.0e-02 4.0e-02
1.0e+02 3.0e-02 1.0e-03 2.0e-03 3.0e-04 4.0e-04
"""


@pytest.fixture(scope="module")
def cr_dir():
    mirror = config.mirror_dir()
    if mirror is None or not (mirror / "crspectra").is_dir():
        pytest.fail("No data mirror with crspectra/: set APDC_MIRROR")
    return mirror / "crspectra"


def _source_rows(path):
    """The numbers of a file, read independently of the converter."""
    rows = [[float(x) for x in line.split()]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")]
    return np.array(rows)


def test_all_34_spectra_read(cr_dir, capsys):
    spectra = crspectra.read_all(cr_dir)
    assert len(spectra) == N_SPECTRA
    assert "WARNING" not in capsys.readouterr().err
    assert len({s["spectrum_id"] for s in spectra}) == N_SPECTRA
    quantities = {}
    for s in spectra:
        quantities[s["quantity"]] = quantities.get(s["quantity"], 0) + 1
    assert quantities == {"all-particle": 11, "proton": 10, "lepton": 5,
        "positron": 3, "antiproton": 3, "gamma": 2}


def test_points_equal_source_files(cr_dir):
    for path in crspectra.spectrum_files(cr_dir):
        spectrum = crspectra.read_spectrum(path, cr_dir)
        expected = _source_rows(path)
        points = spectrum["points"]
        assert len(points["energy"]) == len(expected), path
        np.testing.assert_array_equal(points["energy"], expected[:, 0])
        np.testing.assert_array_equal(points["flux"], expected[:, 1])
        np.testing.assert_array_equal(points["stat_err_lo"], expected[:, 2])
        np.testing.assert_array_equal(points["stat_err_hi"], expected[:, 3])
        if expected.shape[1] == 6:
            assert spectrum["error_kind"] == "stat+sys"
            np.testing.assert_array_equal(points["sys_err_lo"], expected[:, 4])
            np.testing.assert_array_equal(points["sys_err_hi"], expected[:, 5])
        else:
            assert spectrum["error_kind"] == "total"
            assert np.ma.getmaskarray(points["sys_err_lo"]).all()


def test_metadata_from_header_and_name(cr_dir):
    kascade = crspectra.read_spectrum(
        cr_dir / "protons" / "H_KASCADE_2005_SIBYLL-2.1_Etot.txt", cr_dir)
    assert kascade["spectrum_id"] == "H_KASCADE_2005_SIBYLL-2.1_Etot"
    assert kascade["experiment"] == "KASCADE"
    assert kascade["quantity"] == "proton"
    assert kascade["energy_type"] == "total"
    assert kascade["hadronic_model"] == "SIBYLL-2.1"
    assert kascade["ref_doi"] == "10.1016/j.astropartphys.2005.04.001"
    assert kascade["ref_bibcode"] == "2005APh....24....1A"
    assert kascade["compilation"] == "KCDC"
    assert kascade["variant"] == "2005"
    assert kascade["source_file"] == "protons/H_KASCADE_2005_SIBYLL-2.1_Etot.txt"
    assert "KASCADE" in kascade["title"] and "Proton" in kascade["title"]

    tibet = crspectra.read_spectrum(
        cr_dir / "allparticle" / "allparticle_TIBET_QGSJET+HD_Etot.txt")
    assert tibet["spectrum_id"] == "allparticle_TIBET_QGSJETplusHD_Etot"
    assert tibet["hadronic_model"] == "QGSJET+HD"
    assert tibet["compilation"] is None
    assert tibet["ref_doi"] is None and tibet["ref_bibcode"] is None
    assert tibet["reference"].startswith("Amenomori et al.")

    # model from the comments ("Sibyll-2.1 only")
    icetop = crspectra.read_spectrum(
        cr_dir / "protons" / "H_ICECUBE-ICETOP_Etot.txt")
    assert icetop["hadronic_model"] == "SIBYLL-2.1"

    nucleon = crspectra.read_spectrum(
        cr_dir / "allparticle" / "allparticle_NUCLEON_Etot.txt")
    assert nucleon["ref_bibcode"] == "2019AdSpR..64.2546G"

    grande = crspectra.read_spectrum(
        cr_dir / "protons" / "H_KASCADEGrande_SIBYLL-2.3_Etot.txt")
    assert grande["ref_doi"] == "10.22323/1.301.0316"

    positron = crspectra.read_spectrum(cr_dir / "positrons" / "e+_PAMELA_Ek.txt")
    assert positron["quantity"] == "positron"
    assert positron["energy_type"] == "kinetic"
    assert positron["spectrum_id"] == "eplus_PAMELA_Ek"

    antiproton = crspectra.read_spectrum(
        cr_dir / "antiprotons" / "H-bar_BESS_Ek.txt")
    assert antiproton["quantity"] == "antiproton"
    assert antiproton["experiment"] == "BESS-PolarII"

    # the #Units line wins over the file name's _Etot
    calet = crspectra.read_spectrum(cr_dir / "leptons" / "leptons_CALET_Etot.txt")
    assert calet["quantity"] == "lepton" and calet["energy_type"] == "kinetic"


def test_local_database_layout(cr_dir):
    ams = crspectra.read_spectrum(cr_dir / "allparticle" / "allparticle_AMS02.txt")
    assert ams["layout"] == "local"
    assert ams["experiment"] == "AMS-02"
    assert ams["quantity"] == "all-particle"
    assert ams["energy_type"] == "kinetic"
    assert ams["reference"] is None and ams["compilation"] is None
    assert len(ams["points"]["energy"]) == 100

    igrb = crspectra.read_spectrum(cr_dir / "gammas" / "gamma_igrb_FERMI.txt")
    assert igrb["quantity"] == "gamma"
    assert igrb["experiment"] == "FERMI"
    assert igrb["variant"] == "igrb"
    assert igrb["energy_type"] == "total"
    assert "IGRB" in igrb["title"]


def _context(data_dir):
    return ImportContext("crspectra", data_dir, authority="example.org",
        server_url="http://vo.example.org")


def test_rows_and_columns_are_the_rd_columns(cr_dir):
    rows = crspectra.spectra_rows(_context(cr_dir))
    products = {"accref", "owner", "embargo", "mime", "accsize"}
    raw = set(rdschema.table("crspectra", "raw_spectra").names) - products
    for row in rows:
        assert set(row) == raw | {"access_url", "size"}
    points = crspectra.points_table(_context(cr_dir))
    assert list(points) == list(rdschema.table("crspectra", "points").names)


def test_tables_and_previews(cr_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(cr_dir, data)
    ctx = _context(data)
    rows = {r["spectrum_id"]: r for r in crspectra.spectra_rows(ctx)}
    points = crspectra.points_table(ctx)
    assert len(rows) == N_SPECTRA
    n_points = sum(len(_source_rows(p)) for p in data.rglob("*.txt"))
    assert len(points["energy"]) == n_points == sum(
        r["n_points"] for r in rows.values())
    # SSA spectral coverage: wavelengths in metres, lambda = h c / E
    row = rows["H_KASCADE_2005_SIBYLL-2.1_Etot"]
    assert row["e_min"] == 1.12202e6
    assert row["ssa_specend"] == pytest.approx(1.239841984e-15 / 1.12202e6)
    assert row["ssa_specstart"] == pytest.approx(
        1.239841984e-15 / row["e_max"])
    assert row["ssa_length"] == 20
    assert row["ssa_pubDID"] == (
        "ivo://example.org/~?crspectra/H_KASCADE_2005_SIBYLL-2.1_Etot")
    assert row["access_url"] == ("http://vo.example.org/crspectra/sdl/dlget"
        "?ID=ivo%3A%2F%2Fexample.org%2F~%3Fcrspectra%2F"
        "H_KASCADE_2005_SIBYLL-2.1_Etot")
    assert row["preview"] == ("http://vo.example.org/crspectra/preview/"
        "static/H_KASCADE_2005_SIBYLL-2.1_Etot.png")
    # the converter writes nothing; the product step writes the previews
    assert not (data / "previews").exists()
    (data / "previews").mkdir()
    (data / "previews" / "gone.png").write_bytes(PNG_MAGIC)
    folder = crspectra_products.write_previews(ctx)
    assert folder == data / "previews"
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(rows)
    for spectrum_id in rows:
        png = folder / f"{spectrum_id}.png"
        assert png.read_bytes()[:8] == PNG_MAGIC
    # previews are not inputs
    assert len(crspectra.spectra_rows(ctx)) == N_SPECTRA


# --- bad input -------------------------------------------------------

BAD_FILES = {
    "missing header": (GOOD_HEADER.replace("#Experiment: TESTEXP\n", "")
        + GOOD_ROWS, 7, E04, "missing header line(s) #Experiment"),
    "column count": (GOOD_HEADER + GOOD_ROWS
        + "1.0e+03 4.0e-04 1.0e-05 2.0e-05 3.0e-06\n", 10, E08,
        "expected 6 columns"),
    "non-numeric": (GOOD_HEADER + GOOD_ROWS.replace("1.0e+02 3.0e-02",
        "1.0e+02 abc"), 9, E05, "'abc' is not a number"),
    "negative energy": (GOOD_HEADER + "-1.0e+01 2.0e+00 1 1 0 0\n", 8, E06,
        "not positive"),
    "negative error": (GOOD_HEADER + "1.0e+01 2.0e+00 -1 1 0 0\n", 8, E06,
        "negative"),
    "no data": (GOOD_HEADER, None, E03, "contains no data rows"),
    "unsupported units": (GOOD_HEADER.replace("kinetic energy",
        "kinetic energy per nucleon") + GOOD_ROWS, 5, E06, "not supported"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_raises_input_error(tmp_path, case):
    text, line, code, message = BAD_FILES[case]
    path = tmp_path / "H_TESTEXP_Ek.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(code, match=f"^{code.code}: ") as info:
        crspectra.read_spectrum(path)
    assert info.value.path == str(path)
    assert message in info.value.message
    assert info.value.row == line
    assert str(path) in str(info.value)


def test_good_test_file_reads(tmp_path):
    path = tmp_path / "H_TESTEXP_Ek.txt"
    path.write_text(GOOD_HEADER + GOOD_ROWS, encoding="utf-8")
    spectrum = crspectra.read_spectrum(path)
    assert spectrum["experiment"] == "TESTEXP"
    assert list(spectrum["points"]["line"]) == [8, 9]


def test_bad_file_is_skipped_and_others_import(cr_dir, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    for path in list(cr_dir.rglob("*.txt"))[:5]:
        shutil.copy(path, data)
    bad = data / "H_BROKEN_Ek.txt"
    bad.write_text(GOOD_HEADER + "1.0e+01 oops 1 1 0 0\n", encoding="utf-8")
    # also in a quantity subfolder: new files are found at any depth
    (data / "protons").mkdir()
    (data / "protons" / "H_NEWEXP_Ek.txt").write_text(
        GOOD_HEADER.replace("TESTEXP", "NEWEXP") + GOOD_ROWS, encoding="utf-8")

    rows = crspectra.spectra_rows(_context(data))
    err = capsys.readouterr().err
    assert "WARNING: skipped spectrum file" in err
    assert ("E05: " + str(bad) + ", row 8, field flux: 'oops' is not a "
        "number") in err
    ids = {row["spectrum_id"] for row in rows}
    assert len(ids) == 6
    assert "H_BROKEN_Ek" not in ids and "H_NEWEXP_Ek" in ids
    points = crspectra.points_table(_context(data))
    assert set(points["spectrum_id"]) == ids


def test_unknown_quantity_is_kept(tmp_path):
    path = tmp_path / "He_TESTEXP_Ek.txt"
    path.write_text(GOOD_HEADER.replace("#Quantity: H", "#Quantity: He")
        + GOOD_ROWS, encoding="utf-8")
    spectrum = crspectra.read_spectrum(path)
    assert spectrum["quantity"] == "He"


def test_duplicate_identifier_is_skipped(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "H_TESTEXP_Ek.txt").write_text(
            GOOD_HEADER + GOOD_ROWS, encoding="utf-8")
    rows = crspectra.spectra_rows(_context(tmp_path))
    assert [row["source_file"] for row in rows] == ["a/H_TESTEXP_Ek.txt"]
    err = capsys.readouterr().err
    assert f"{E08.code}: {tmp_path / 'b' / 'H_TESTEXP_Ek.txt'}" in err
    assert "already used by" in err
