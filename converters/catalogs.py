"""Astronomical source catalogues for cross-matching arrival directions.

One converter function per catalogue (``<catalogue>_table(data_dir)``),
each returning the columns of ``<schema>.main`` as declared in
``rd/<schema>.rd``.  The choices made here (which columns, the
normalised ``class`` vocabulary, what becomes NULL) are documented in
docs/catalogs.md.

Common conventions:

* FITS and ECSV files are read with astropy; string columns are
  stripped, and empty strings, NaN and infinities become NULL (masked);
* ``class`` is a lower-case class code from one vocabulary shared by
  all catalogues (Fermi-LAT's where it has a term, e.g. ``bll``,
  ``fsrq``, ``bcu``, ``psr``, ``snr``, ``pwn``, ``glc``; ``sy1``,
  ``sy2`` ... for Seyferts), while the catalogue's own classification
  is kept unchanged in another column;
* positions are ICRS degrees; where a catalogue gives only galactic
  coordinates (VCV), ICRS is computed, and the other way round.
"""

import re
import warnings

import numpy as np

from .errors import InputError
from .sky import galactic_to_icrs, icrs_to_galactic
from .tables import (check_range, data_lines, float_column, parse_floats,
                     read_astropy_table, require_columns, sexagesimal_to_deg,
                     string_column, text_columns)

FERMI_3FHL_FILE = "fermi_3fhl_gll_psch_v13.fit.gz"
FERMI_3FGL_FILE = "fermi_3fgl_gll_psc_v16.fit.gz"
GAMMACAT_FILE = "gammacat.fits.gz"
TEVCAT_FILE = "tevcat.ecsv"
HGPS_FILE = "hgps_catalog_v1.fits.gz"
SWIFT_BAT_FILE = "swift_bat_70m_catalog_20nov2012.txt"
VCV_FILE = "vcv_agn_z0.03.dat"
OPENNGC_FILES = ("openngc_NGC.csv", "openngc_addendum.csv")


# --- shared pieces ------------------------------------------------------

def _read_table(path, **kwargs):
    """An astropy table; FITS unit warnings (e.g. 'ph') are not errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_astropy_table(path, **kwargs)


def _check_sky(path, ra, dec, rows=None, names=("ra", "dec")):
    """InputError for the first position outside the sky (NULLs pass).

    ``rows`` are the 1-based rows (file lines) of the values; default
    1, 2, ...
    """
    if rows is None:
        rows = np.arange(1, len(ra) + 1)
    for values, name, low, high in ((ra, names[0], 0, 360),
            (dec, names[1], -90, 90)):
        values = np.ma.masked_array(values)
        keep = ~np.ma.getmaskarray(values)
        check_range(path, np.ma.getdata(values)[keep], name, low, high,
            rows=np.asarray(rows)[keep])


def _check_unique(path, values, field, rows=None):
    """InputError naming the first row whose identifier repeats one before."""
    values = np.asarray(values)
    _, first = np.unique(values, return_index=True)
    if len(first) != len(values):
        seen = np.zeros(len(values), dtype=bool)
        seen[first] = True
        index = int(np.flatnonzero(~seen)[0])
        row = int(rows[index]) if rows is not None else index + 1
        raise InputError(path, f"identifier '{values[index]}' occurs "
            "twice", row=row, field=field)


def _required(path, values, field, rows=None):
    """The unmasked data of ``values``; InputError at the first NULL."""
    mask = np.ma.getmaskarray(values)
    if mask.any():
        index = int(np.argmax(mask))
        row = int(rows[index]) if rows is not None else index + 1
        raise InputError(path, "value missing", row=row, field=field)
    return np.ma.getdata(values)


def _lower(values):
    """Lower-case masked text (keeps the mask)."""
    values = np.ma.masked_array(values)
    return np.ma.masked_array(np.char.lower(np.ma.getdata(values).astype(str)),
        mask=np.ma.getmaskarray(values))


def _mapped(values, mapping):
    """Lower-case text with some values replaced (masked stays masked)."""
    lower = _lower(values)
    data = np.ma.getdata(lower).copy()
    for old, new in mapping.items():
        data[data == old] = new
    return np.ma.masked_array(data, mask=np.ma.getmaskarray(lower))


def _int_column(table, name, null_at_most=None):
    """An integer column as masked int64 (optionally NULL for <= value)."""
    column = table[name]
    mask = np.ma.getmaskarray(column)
    data = np.ma.getdata(column)
    if data.dtype.kind in "SU":
        text = np.char.strip(data.astype(str))
        mask = mask | (text == "")
        data = np.where(mask, "0", text)
    data = data.astype(np.int64)
    if null_at_most is not None:
        mask = mask | (data <= null_at_most)
    return np.ma.masked_array(data, mask=mask)


def _fits_table(data_dir, file_name, hdu, required):
    path = data_dir / file_name
    table = _read_table(path, hdu=hdu)
    require_columns(path, table, required)
    return path, table


# --- Fermi-LAT ----------------------------------------------------------

def _fermi_classes(path, table, name):
    """(as given, normalised lower case, identified?) from a CLASS column."""
    given = string_column(table, name)
    text = np.ma.getdata(given)
    identified = np.ma.masked_array(
        (text != "") & (np.char.upper(text) == text), mask=False)
    return given, _lower(given), identified


def _fermi_common(path, table, class_column):
    ra = _required(path, float_column(table, "RAJ2000"), "RAJ2000")
    dec = _required(path, float_column(table, "DEJ2000"), "DEJ2000")
    _check_sky(path, ra, dec, names=("RAJ2000", "DEJ2000"))
    names = _required(path, string_column(table, "Source_Name"),
        "Source_Name")
    _check_unique(path, names, "Source_Name")
    given, normalised, identified = _fermi_classes(path, table, class_column)
    return {
        "source_name": names,
        "ra": ra,
        "dec": dec,
        "gal_l": float_column(table, "GLON"),
        "gal_b": float_column(table, "GLAT"),
        "conf95_semimajor": float_column(table, "Conf_95_SemiMajor"),
        "conf95_semiminor": float_column(table, "Conf_95_SemiMinor"),
        "signif_avg": float_column(table, "Signif_Avg"),
        "pivot_energy": float_column(table, "Pivot_Energy"),
        "flux_density": float_column(table, "Flux_Density"),
        "unc_flux_density": float_column(table, "Unc_Flux_Density"),
        "spectrum_type": string_column(table, "SpectrumType"),
        "spectral_index": float_column(table, "Spectral_Index"),
        "unc_spectral_index": float_column(table, "Unc_Spectral_Index"),
        "powerlaw_index": float_column(table, "PowerLaw_Index"),
        "extended_source_name": string_column(table, "Extended_Source_Name"),
        "tevcat_flag": string_column(table, "TEVCAT_FLAG"),
        "assoc_tev": string_column(table, "ASSOC_TEV"),
        "class_given": given,
        "class": normalised,
        "identified": identified,
        "assoc1": string_column(table, "ASSOC1"),
        "assoc2": string_column(table, "ASSOC2"),
    }


_FERMI_COMMON = ["Source_Name", "RAJ2000", "DEJ2000", "GLON", "GLAT",
    "Conf_95_SemiMajor", "Conf_95_SemiMinor", "Conf_95_PosAng",
    "Signif_Avg", "Pivot_Energy", "Flux_Density", "Unc_Flux_Density",
    "SpectrumType", "Spectral_Index", "Unc_Spectral_Index",
    "PowerLaw_Index", "Extended_Source_Name", "TEVCAT_FLAG", "ASSOC_TEV",
    "ASSOC1", "ASSOC2"]


def fermi3fhl_table(data_dir):
    """fermi3fhl.main from the 3FHL FITS file (LAT_Point_Source_Catalog)."""
    required = _FERMI_COMMON + ["CLASS", "Flux", "Unc_Flux", "Energy_Flux",
        "Unc_Energy_Flux", "Variability_BayesBlocks", "ASSOC_GAM",
        "ASSOC_PROB_BAY", "Redshift", "NuPeak_obs", "HEP_Energy"]
    path, table = _fits_table(data_dir, FERMI_3FHL_FILE,
        "LAT_Point_Source_Catalog", required)
    columns = _fermi_common(path, table, "CLASS")
    columns.update({
        "flux": float_column(table, "Flux"),
        "unc_flux": float_column(table, "Unc_Flux"),
        "energy_flux": float_column(table, "Energy_Flux"),
        "unc_energy_flux": float_column(table, "Unc_Energy_Flux"),
        "variability_bayes_blocks": _int_column(table,
            "Variability_BayesBlocks"),
        "hep_energy": float_column(table, "HEP_Energy"),
        "assoc_gam": string_column(table, "ASSOC_GAM"),
        "assoc_prob_bay": float_column(table, "ASSOC_PROB_BAY"),
        "redshift": float_column(table, "Redshift"),
        "nupeak_obs": float_column(table, "NuPeak_obs"),
    })
    return columns


def fermi3fgl_table(data_dir):
    """fermi3fgl.main from the 3FGL FITS file (LAT_Point_Source_Catalog)."""
    required = _FERMI_COMMON + ["CLASS1", "Flux1000", "Unc_Flux1000",
        "Energy_Flux100", "Unc_Energy_Flux100", "Variability_Index",
        "2FGL_Name", "1FHL_Name", "ASSOC_GAM1", "Flags"]
    path, table = _fits_table(data_dir, FERMI_3FGL_FILE,
        "LAT_Point_Source_Catalog", required)
    columns = _fermi_common(path, table, "CLASS1")
    columns.update({
        "flux1000": float_column(table, "Flux1000"),
        "unc_flux1000": float_column(table, "Unc_Flux1000"),
        "energy_flux100": float_column(table, "Energy_Flux100"),
        "unc_energy_flux100": float_column(table, "Unc_Energy_Flux100"),
        "variability_index": float_column(table, "Variability_Index"),
        "fgl2_name": string_column(table, "2FGL_Name"),
        "fhl1_name": string_column(table, "1FHL_Name"),
        "assoc_gam1": string_column(table, "ASSOC_GAM1"),
        "conf95_posang": float_column(table, "Conf_95_PosAng"),
        "flags": _int_column(table, "Flags"),
    })
    return columns


# --- gamma-cat and TeVCat ----------------------------------------------

# gamma-cat's class codes -> the shared vocabulary (others: lower case).
GAMMACAT_CLASSES = {"hbl": "bll", "ibl": "bll", "lbl": "bll",
    "blazar": "bcu", "fri": "rdg", "galaxy": "gal"}


def gammacat_class(classes):
    """The normalised class of gamma-cat ``classes`` (its first entry)."""
    classes = np.ma.masked_array(classes)
    first = np.array([c.split(",")[0].strip()
        for c in np.ma.getdata(classes).astype(str)], dtype=str)
    return _mapped(np.ma.masked_array(first,
        mask=np.ma.getmaskarray(classes) | (first == "")), GAMMACAT_CLASSES)


def _read_gammacat(data_dir):
    required = ["source_id", "common_name", "gamma_names", "fermi_names",
        "other_names", "where", "classes", "discoverer", "seen_by",
        "discovery_date", "tevcat_id", "tevcat_name", "reference_id",
        "significance", "livetime", "ra", "dec", "glon", "glat", "pos_err",
        "morph_type", "morph_sigma", "spec_type", "spec_pl_index",
        "spec_pl_index_err", "spec_flux_1TeV", "spec_flux_1TeV_err",
        "spec_flux_1TeV_crab", "spec_eflux_1TeV_10TeV", "spec_erange_min",
        "spec_erange_max"]
    return _fits_table(data_dir, GAMMACAT_FILE, 1, required)


def gammacat_table(data_dir):
    """gammacat.main from gamma-cat's FITS output (one row per source)."""
    path, table = _read_gammacat(data_dir)
    source_id = _required(path, _int_column(table, "source_id"), "source_id")
    _check_unique(path, source_id, "source_id")
    ra = _required(path, float_column(table, "ra"), "ra")
    dec = _required(path, float_column(table, "dec"), "dec")
    _check_sky(path, ra, dec)
    classes = string_column(table, "classes")
    return {
        "source_id": source_id,
        "common_name": _required(path, string_column(table, "common_name"),
            "common_name"),
        "gamma_names": string_column(table, "gamma_names"),
        "fermi_names": string_column(table, "fermi_names"),
        "other_names": string_column(table, "other_names"),
        "location": string_column(table, "where"),
        "classes": classes,
        "class": gammacat_class(classes),
        "discoverer": string_column(table, "discoverer"),
        "seen_by": string_column(table, "seen_by"),
        "discovery_date": string_column(table, "discovery_date"),
        "tevcat_id": _int_column(table, "tevcat_id", null_at_most=0),
        "tevcat_name": string_column(table, "tevcat_name"),
        "reference_id": string_column(table, "reference_id"),
        "significance": float_column(table, "significance"),
        "livetime": float_column(table, "livetime"),
        "ra": ra,
        "dec": dec,
        "gal_l": float_column(table, "glon"),
        "gal_b": float_column(table, "glat"),
        "pos_err": float_column(table, "pos_err"),
        "morph_type": string_column(table, "morph_type"),
        "morph_sigma": float_column(table, "morph_sigma"),
        "spec_type": string_column(table, "spec_type"),
        "spec_index": float_column(table, "spec_pl_index"),
        "spec_index_err": float_column(table, "spec_pl_index_err"),
        "flux_1tev": float_column(table, "spec_flux_1TeV"),
        "flux_1tev_err": float_column(table, "spec_flux_1TeV_err"),
        "flux_1tev_crab": float_column(table, "spec_flux_1TeV_crab"),
        "eflux_1_10tev": float_column(table, "spec_eflux_1TeV_10TeV"),
        "erange_min": float_column(table, "spec_erange_min"),
        "erange_max": float_column(table, "spec_erange_max"),
    }


def tevcat_table(data_dir):
    """tevcat.main from TeVCat's ECSV export, with gamma-cat's classes.

    TeVCat's export has names and positions only; the source class is
    taken from gamma-cat (same data folder) by TeVCat ID, NULL where
    gamma-cat has no source with that ID.
    """
    path = data_dir / TEVCAT_FILE
    table = _read_table(path, format="ascii.ecsv")
    require_columns(path, table, ["source_name", "source_id", "ra", "dec"])
    source_id = _required(path, _int_column(table, "source_id"), "source_id")
    _check_unique(path, source_id, "source_id")
    names = _required(path, string_column(table, "source_name"),
        "source_name")
    ra = _required(path, float_column(table, "ra"), "ra")
    dec = _required(path, float_column(table, "dec"), "dec")
    _check_sky(path, ra, dec)
    gal_l, gal_b = icrs_to_galactic(ra, dec)

    _, gcat = _read_gammacat(data_dir)
    g_tevcat = _int_column(gcat, "tevcat_id", null_at_most=0)
    g_classes = string_column(gcat, "classes")
    g_ids = _int_column(gcat, "source_id")
    # first gamma-cat source of each TeVCat ID
    usable = ~np.ma.getmaskarray(g_tevcat)
    order = np.flatnonzero(usable)
    keys, first = np.unique(np.ma.getdata(g_tevcat)[order], return_index=True)
    pick = order[first]
    where = np.searchsorted(keys, source_id)
    where = np.clip(where, 0, max(len(keys) - 1, 0))
    found = (len(keys) > 0) & (keys[where] == source_id)
    index = pick[where]
    classes = np.ma.masked_array(
        np.where(found, np.ma.getdata(g_classes)[index], ""),
        mask=~found | np.ma.getmaskarray(g_classes)[index])
    return {
        "source_id": source_id,
        "source_name": names,
        "ra": ra,
        "dec": dec,
        "gal_l": gal_l,
        "gal_b": gal_b,
        "gammacat_id": np.ma.masked_array(
            np.where(found, np.ma.getdata(g_ids)[index], 0), mask=~found),
        "gammacat_classes": classes,
        "class": gammacat_class(classes),
    }


# --- HGPS ---------------------------------------------------------------

HGPS_CLASSES = {"binary": "bin"}


def hgps_table(data_dir):
    """hgps.main from HGPS_SOURCES, with HGPS_ASSOCIATIONS aggregated."""
    required = ["Source_Name", "Analysis_Reference", "Source_Class",
        "Identified_Object", "Gamma_Cat_Source_ID", "RAJ2000", "DEJ2000",
        "GLON", "GLON_Err", "GLAT", "GLAT_Err", "Pos_Err_68", "Pos_Err_95",
        "Spatial_Model", "Sqrt_TS", "Size", "Size_Err", "Size_UL", "R70",
        "Livetime", "Energy_Threshold", "Spectral_Model",
        "Flux_Spec_Int_1TeV", "Flux_Spec_Int_1TeV_Err",
        "Flux_Spec_Energy_1_10_TeV", "Flux_Spec_Energy_1_10_TeV_Err",
        "Index_Spec_PL", "Index_Spec_PL_Err"]
    path, table = _fits_table(data_dir, HGPS_FILE, "HGPS_SOURCES", required)
    _, assoc = _fits_table(data_dir, HGPS_FILE, "HGPS_ASSOCIATIONS",
        ["Source_Name", "Association_Catalog", "Association_Name",
         "Separation"])
    names = _required(path, string_column(table, "Source_Name"),
        "Source_Name")
    _check_unique(path, names, "Source_Name")
    ra = _required(path, float_column(table, "RAJ2000"), "RAJ2000")
    dec = _required(path, float_column(table, "DEJ2000"), "DEJ2000")
    _check_sky(path, ra, dec, names=("RAJ2000", "DEJ2000"))

    # associations: "name (catalogue)", nearest first, per source
    a_source = np.ma.getdata(string_column(assoc, "Source_Name"))
    a_name = np.ma.getdata(string_column(assoc, "Association_Name"))
    a_cat = np.ma.getdata(string_column(assoc, "Association_Catalog"))
    a_sep = np.ma.getdata(float_column(assoc, "Separation"))
    order = np.lexsort((a_sep, a_source))
    joined = {}
    for i in order:
        if a_name[i]:
            joined.setdefault(a_source[i], []).append(
                f"{a_name[i]} ({a_cat[i]})" if a_cat[i] else a_name[i])
    associations = np.array([", ".join(joined.get(n, [])) for n in names],
        dtype=str)

    given = string_column(table, "Source_Class")
    return {
        "source_name": names,
        "analysis_reference": string_column(table, "Analysis_Reference"),
        "source_class": given,
        "class": _mapped(given, HGPS_CLASSES),
        "identified_object": string_column(table, "Identified_Object"),
        "associations": np.ma.masked_array(associations,
            mask=associations == ""),
        "gammacat_ids": string_column(table, "Gamma_Cat_Source_ID"),
        "ra": ra,
        "dec": dec,
        "gal_l": float_column(table, "GLON"),
        "gal_l_err": float_column(table, "GLON_Err"),
        "gal_b": float_column(table, "GLAT"),
        "gal_b_err": float_column(table, "GLAT_Err"),
        "pos_err_68": float_column(table, "Pos_Err_68"),
        "pos_err_95": float_column(table, "Pos_Err_95"),
        "spatial_model": string_column(table, "Spatial_Model"),
        "size_sigma": float_column(table, "Size"),
        "size_err": float_column(table, "Size_Err"),
        "size_ul": float_column(table, "Size_UL"),
        "r70": float_column(table, "R70"),
        "sqrt_ts": float_column(table, "Sqrt_TS"),
        "livetime": float_column(table, "Livetime"),
        "energy_threshold": float_column(table, "Energy_Threshold"),
        "spectral_model": string_column(table, "Spectral_Model"),
        "flux_1tev": float_column(table, "Flux_Spec_Int_1TeV"),
        "flux_1tev_err": float_column(table, "Flux_Spec_Int_1TeV_Err"),
        "eflux_1_10tev": float_column(table, "Flux_Spec_Energy_1_10_TeV"),
        "eflux_1_10tev_err": float_column(table,
            "Flux_Spec_Energy_1_10_TeV_Err"),
        "index_pl": float_column(table, "Index_Spec_PL"),
        "index_pl_err": float_column(table, "Index_Spec_PL_Err"),
    }


# --- Swift-BAT 70 month -------------------------------------------------

SWIFT_BAT_NAMES = ["seq", "BAT_NAME", "RA", "DEC", "SNR",
    "COUNTERPART_NAME", "OTHER_NAME", "CTPT_RA", "CTPT_DEC", "FLUX",
    "FLUX_LO", "FLUX_HI", "CONTA", "GAMMA", "GAMMA_LO", "GAMMA_HI",
    "CHI_SQ_R", "REDSHIFT", "LUM", "ASSOC_STREN", "CL2", "TYPE"]

# The 70-month catalogue's class numbers (CL2) -> the shared vocabulary;
# 7 (blazar/BL Lac) and 8 (quasar/FSRQ) are refined from TYPE.
SWIFT_BAT_CLASSES = {0: "unk", 1: "galactic", 2: "gal", 3: "galcl",
    4: "sy1", 5: "sy2", 6: "agn", 7: "bcu", 8: "qso", 9: "cv", 10: "psr",
    11: "snr", 12: "star", 13: "hmb", 14: "lmb", 15: "bin"}

_BLL = re.compile(r"bl ?lac")
_FSRQ = re.compile(r"fsr[qs]|hpq|lpq|quasar fs")


def swift_bat_class(class_code, type_text):
    """Normalised classes from CL2 codes and the TYPE text (vectorised)."""
    out = []
    for code, text in zip(np.asarray(class_code), np.asarray(type_text)):
        text = str(text).lower()
        name = SWIFT_BAT_CLASSES.get(int(code), "unk")
        if code in (7, 8):
            if _BLL.search(text):
                name = "bll"
            elif _FSRQ.search(text):
                name = "fsrq"
        out.append(name)
    return np.array(out, dtype=str)


def swift_bat70_table(data_dir):
    """swift_bat70.main from the pipe-separated 70-month catalogue.

    The file has a header and a units line; the row number of the first
    (unnamed) column is the catalogue's sequence number.
    """
    path = data_dir / SWIFT_BAT_FILE
    for number, line in data_lines(path, comment=None):
        header = [f.strip() for f in line.split("|")]
        if header[1:3] != ["BAT_NAME", "RA"] or len(header) != len(
                SWIFT_BAT_NAMES):
            raise InputError(path, "the header is not '|BAT_NAME|RA|DEC|"
                f"...' with {len(SWIFT_BAT_NAMES)} fields", row=number)
        break
    raw, rows = text_columns(path, "|", names=SWIFT_BAT_NAMES, skip=2,
        comment=None)

    def number(name, null=("", "NULL")):
        return parse_floats(path, raw[name], rows, name, null=null)

    seq = _required(path, number("seq"), "seq", rows).astype(np.int32)
    names = np.char.strip(raw["BAT_NAME"])
    _check_unique(path, names, "BAT_NAME", rows)
    ra = _required(path, number("RA"), "RA", rows)
    dec = _required(path, number("DEC"), "DEC", rows)
    _check_sky(path, ra, dec, rows, names=("RA", "DEC"))
    gal_l, gal_b = icrs_to_galactic(ra, dec)
    class_code = _required(path, number("CL2"), "CL2", rows)
    if (class_code != np.round(class_code)).any() or (
            (class_code < 0) | (class_code > 15)).any():
        bad = int(np.argmax((class_code != np.round(class_code))
            | (class_code < 0) | (class_code > 15)))
        raise InputError(path, f"class '{raw['CL2'][bad]}' is not one of "
            "0 ... 15", row=int(rows[bad]), field="CL2")
    class_code = class_code.astype(np.int16)
    redshift = number("REDSHIFT")
    redshift.mask = np.ma.getmaskarray(redshift) | (redshift.filled(0) <= 0)
    type_text = np.char.strip(raw["TYPE"])

    def text(name):
        values = np.char.strip(raw[name])
        return np.ma.masked_array(values, mask=values == "")

    return {
        "bat_index": seq,
        "swift_name": names,
        "ra": ra,
        "dec": dec,
        "gal_l": gal_l,
        "gal_b": gal_b,
        "snr": number("SNR"),
        "counterpart_name": text("COUNTERPART_NAME"),
        "other_name": text("OTHER_NAME"),
        "ctpt_ra": number("CTPT_RA"),
        "ctpt_dec": number("CTPT_DEC"),
        "flux": number("FLUX") * 1e-12,
        "flux_lo": number("FLUX_LO") * 1e-12,
        "flux_hi": number("FLUX_HI") * 1e-12,
        "contamination": number("CONTA"),
        "gamma": number("GAMMA"),
        "gamma_lo": number("GAMMA_LO"),
        "gamma_hi": number("GAMMA_HI"),
        "chi2_red": number("CHI_SQ_R"),
        "redshift": redshift,
        "log_lum": number("LUM"),
        "assoc_strength": number("ASSOC_STREN").astype(np.int16),
        "class_code": class_code,
        "type": text("TYPE"),
        "class": swift_bat_class(class_code, type_text),
    }


# --- Veron-Cetty & Veron AGN (z <= 0.03) --------------------------------

VCV_NAMES = ["name", "redshift", "object_type", "lii", "bii", "broad_type",
    "class"]

# Veron-Cetty & Veron's spectral classes -> the shared vocabulary; a
# trailing '?' (uncertain) is dropped first.
VCV_CLASSES = {"S1": "sy1", "S1.0": "sy1", "S1.2": "sy1", "S1h": "sy1",
    "S1i": "sy1", "S1n": "nlsy1", "S1.5": "sy1.5", "S1.8": "sy1.8",
    "S1.9": "sy1.9", "S2": "sy2", "S": "sy", "S3": "liner", "S3b": "liner",
    "S3h": "liner", "H2": "hii", "AG": "agn", "BL": "bll", "B": "bll",
    "Q": "qso"}


def vcv_class(object_type):
    """Normalised classes from VCV spectral classes (e.g. 'S1.5', 'S2')."""
    out = []
    for text in np.asarray(object_type, dtype=str):
        key = text.strip().rstrip("?")
        out.append(VCV_CLASSES.get(key, key.lower() or "agn"))
    return np.array(out, dtype=str)


def vcv_agn_table(data_dir):
    """vcv_agn.main from HEASARC's pipe-separated VCV (13th ed.) extract."""
    path = data_dir / VCV_FILE
    # two title lines, then the header "|name |redshift|..."
    raw, rows = text_columns(path, "|", skip=2, comment=None, edges=True)
    missing = [n for n in VCV_NAMES if n not in raw]
    if missing:
        raise InputError(path, "the header (third line) lacks column(s) "
            f"{', '.join(missing)}", field=missing[0])
    names = np.char.strip(raw["name"])
    lii = _required(path, parse_floats(path, raw["lii"], rows, "lii"),
        "lii", rows)
    bii = _required(path, parse_floats(path, raw["bii"], rows, "bii"),
        "bii", rows)
    check_range(path, lii, "lii", 0, 360, rows=rows)
    check_range(path, bii, "bii", -90, 90, rows=rows)
    ra, dec = galactic_to_icrs(lii, bii)
    ids = np.char.add("VCV ", np.char.add(np.char.add("G",
        np.char.mod("%08.4f", lii)), np.char.mod("%+08.4f", bii)))
    _check_unique(path, ids, "lii, bii", rows)
    object_type = np.char.strip(raw["object_type"])
    return {
        "vcv_id": ids,
        "name": names,
        "redshift": parse_floats(path, raw["redshift"], rows, "redshift"),
        "spectral_class": np.ma.masked_array(object_type,
            mask=object_type == ""),
        "table_type": np.char.strip(raw["broad_type"]),
        "vcv_class": np.char.strip(raw["class"]),
        "class": vcv_class(object_type),
        "ra": ra,
        "dec": dec,
        "gal_l": lii,
        "gal_b": bii,
    }


# --- OpenNGC ------------------------------------------------------------

OPENNGC_COLUMNS = ["Name", "Type", "RA", "Dec", "Const", "MajAx", "MinAx",
    "PosAng", "B-Mag", "V-Mag", "J-Mag", "H-Mag", "K-Mag", "SurfBr",
    "Hubble", "RadVel", "Redshift", "M", "NGC", "IC", "Identifiers",
    "Common names", "NED notes", "OpenNGC notes"]

# OpenNGC object types -> the shared vocabulary (others: lower case).
OPENNGC_CLASSES = {"g": "gal", "gcl": "glc"}


def _openngc_file(path):
    raw, rows = text_columns(path, ";", comment=None)
    missing = [c for c in OPENNGC_COLUMNS if c not in raw]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}",
            row=1, field=missing[0])
    return raw, rows


def openngc_table(data_dir):
    """openngc.main from OpenNGC's NGC.csv and addendum.csv.

    Objects without a position (NonEx entries) are kept with NULL
    positions.  A name already read from an earlier file is skipped.
    """
    parts = []
    for file_name in OPENNGC_FILES:
        path = data_dir / file_name
        raw, rows = _openngc_file(path)
        names = np.char.strip(raw["Name"])
        _check_unique(path, names, "Name", rows)
        parts.append((path, file_name, raw, rows, names))

    seen = set()
    columns = {}
    for path, file_name, raw, rows, names in parts:
        keep = ~np.isin(names, list(seen))
        seen.update(names.tolist())
        raw = {k: v[keep] for k, v in raw.items()}
        rows, names = rows[keep], names[keep]

        def number(name):
            return parse_floats(path, raw[name], rows, name)

        def text(name):
            values = np.char.strip(raw[name])
            return np.ma.masked_array(values, mask=values == "")

        try:
            ra, dec = sexagesimal_to_deg(path, raw["RA"], raw["Dec"])
        except InputError as exc:
            # sexagesimal_to_deg counts data rows from 1: name the line
            row = int(rows[exc.row - 1]) if exc.row else None
            raise InputError(path, exc.message, row=row,
                field="RA, Dec") from None
        _check_sky(path, ra, dec, rows, names=("RA", "Dec"))
        filled_ra, filled_dec = ra.filled(np.nan), dec.filled(np.nan)
        gal_l, gal_b = icrs_to_galactic(filled_ra, filled_dec)
        no_position = np.ma.getmaskarray(ra)
        messier = number("M")
        type_given = text("Type")
        part = {
            "name": names,
            "type": type_given,
            "class": _mapped(type_given, OPENNGC_CLASSES),
            "ra": ra,
            "dec": dec,
            "gal_l": np.ma.masked_array(gal_l, mask=no_position),
            "gal_b": np.ma.masked_array(gal_b, mask=no_position),
            "const": text("Const"),
            "maj_ax": number("MajAx"),
            "min_ax": number("MinAx"),
            "pos_ang": number("PosAng"),
            "b_mag": number("B-Mag"),
            "v_mag": number("V-Mag"),
            "j_mag": number("J-Mag"),
            "h_mag": number("H-Mag"),
            "k_mag": number("K-Mag"),
            "surf_br": number("SurfBr"),
            "hubble": text("Hubble"),
            "radvel": number("RadVel"),
            "redshift": number("Redshift"),
            "messier": np.ma.masked_array(
                messier.filled(0).astype(np.int16),
                mask=np.ma.getmaskarray(messier)),
            "ngc": text("NGC"),
            "ic": text("IC"),
            "identifiers": text("Identifiers"),
            "common_names": text("Common names"),
            "ned_notes": text("NED notes"),
            "openngc_notes": text("OpenNGC notes"),
            "source_file": np.full(len(names), file_name),
        }
        for key, values in part.items():
            columns.setdefault(key, []).append(values)
    return {key: (np.ma.concatenate(values)
        if any(isinstance(v, np.ma.MaskedArray) for v in values)
        else np.concatenate(values)) for key, values in columns.items()}
