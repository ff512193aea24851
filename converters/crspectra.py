"""Cosmic-ray energy spectra (The_CR_Spectrum compilation) -> crspectra.*

Each input file is one published spectrum: ``#`` header lines, then one
row per energy bin.  Two layouts occur in the compilation:

* the usual one (files taken from KCDC, CRDB, SSDC or the literature)::

    #Source: CRDB
    #Ref: 10.1103/PhysRevLett.114.171103 (2015PhRvL.114q1103A)
    #Experiment: AMS-02
    #Quantity: H
    #Units: kinetic energy
    #Url: https://lpsc.in2p3.fr/crdb
    #Comments: converted from original table
    E  flux  stat_lo  stat_hi  sys_lo  sys_hi

* the compiler's own "local database" (4 files): a column line
  ``# T [GeV] flux [m-2 s-1 sr-1 GeV-1] total_error_low total_error_high``
  and rows of E, flux and the *total* uncertainty (low, high).  These
  files have no #Experiment/#Quantity lines; experiment and quantity
  come from the file name (``allparticle_AMS02.txt``,
  ``gamma_igrb_FERMI.txt``).

Energies are in GeV, fluxes in m^-2 s^-1 sr^-1 GeV^-1.

Unlike the other tables of the data centre, a bad file does not stop
the import: each file is one independent spectrum, so a malformed file
is reported on stderr (as an InputError naming file and line) and
skipped, and the other spectra are imported.  ``read_spectrum`` itself
raises the InputError (the unit tests use it directly).
"""

import functools
import math
import re
import sys
from datetime import date
from pathlib import Path

import astropy.units as u
import numpy as np
from astropy import constants

from .errors import InputError
from .tables import data_lines

HEADER_KEYS = ("Source", "Ref", "Experiment", "Quantity", "Units", "Url",
    "Comments")

# h c in GeV m: lambda = HC_GEV_M / E
HC_GEV_M = (constants.h * constants.c).to_value(u.GeV * u.m)

# #Quantity header values (and file name prefixes) -> the quantity code
# used in the tables and the SSA QUANTITY parameter.
QUANTITIES = {
    "all particle": "all-particle",
    "all-particle": "all-particle",
    "allparticle": "all-particle",
    "h": "proton",
    "proton": "proton",
    "protons": "proton",
    "h-bar": "antiproton",
    "antiproton": "antiproton",
    "antiprotons": "antiproton",
    "leptons": "lepton",
    "lepton": "lepton",
    "e-+e+": "lepton",
    "e+": "positron",
    "positron": "positron",
    "positrons": "positron",
    "gamma": "gamma",
    "gammas": "gamma",
}

# quantity code -> (words for titles, target name for SSA)
QUANTITY_LABELS = {
    "all-particle": ("All-particle cosmic-ray", "cosmic rays (all particles)"),
    "proton": ("Proton", "cosmic-ray protons"),
    "antiproton": ("Antiproton", "cosmic-ray antiprotons"),
    "lepton": ("Electron plus positron", "cosmic-ray electrons and positrons"),
    "positron": ("Positron", "cosmic-ray positrons"),
    "gamma": ("Gamma-ray", "diffuse gamma rays"),
}

# messenger (http://www.ivoa.net/rdf/messenger) for ssa_bandpass;
# Particle for everything else
MESSENGERS = {"gamma": "Gamma-ray"}

# experiment names as the compiler's file names spell them -> as the
# headers of the other files spell them
EXPERIMENT_ALIASES = {"AMS02": "AMS-02"}

# words in file names of the local-database layout
VARIANT_LABELS = {
    "igrb": "isotropic diffuse background, IGRB",
    "diffuse": "diffuse emission",
}

_MODEL_RE = re.compile(r"^(SIBYLL|QGSJET|EPOS|DPMJET)", re.I)
_MODEL_IN_TEXT_RE = re.compile(
    r"\b(sibyll|qgsjet|epos|dpmjet)(?:[- ]?((?:ii-?)?\d+(?:\.\d+)*(?:c|lhc)?)"
    r"|(\+hd))?", re.I)
_DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s()]+)")
_BIBCODE_RE = re.compile(r"(?<![\w.])(\d{4}[A-Za-z&][\w&.]{13}[A-Za-z.])"
    r"(?![\w.])")
_LOCAL_COLUMNS_RE = re.compile(
    r"^#\s*(T|E)\s*\[GeV\]\s+flux\b.*total_error_low\s+total_error_high",
    re.I)
_HEADER_RE = re.compile(r"^#\s*([A-Za-z]+)\s*:(.*)$")

FULL_FIELDS = ("energy", "flux", "stat_err_lo", "stat_err_hi", "sys_err_lo",
    "sys_err_hi")
LOCAL_FIELDS = ("energy", "flux", "stat_err_lo", "stat_err_hi")


def spectrum_files(data_dir):
    """The spectrum files below ``data_dir`` (any depth), stable order.

    Everything ending in .txt counts, except in folders starting with a
    dot and the previews folder.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    found = []
    for path in data_dir.rglob("*.txt"):
        parts = path.relative_to(data_dir).parts
        if any(p.startswith(".") for p in parts) or parts[0] == "previews":
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(data_dir).as_posix())


def spectrum_id(path):
    """The identifier of a spectrum: its file stem, URL-safe.

    ``+`` (as in e+ and QGSJET+HD) becomes ``plus``; other characters
    outside [A-Za-z0-9._-] become ``_``.
    """
    stem = Path(path).stem.replace("+", "plus")
    return re.sub(r"[^A-Za-z0-9._-]", "_", stem)


def _header(path):
    """(header dict, list of comment lines, first data line number)."""
    header, comments = {}, []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not utf-8 text ({exc.reason} at byte "
            f"{exc.start})") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    first_data = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            first_data = first_data or number
            continue
        comments.append((number, stripped))
        mat = _HEADER_RE.match(stripped)
        if mat and mat.group(1).capitalize() in HEADER_KEYS:
            header[mat.group(1).capitalize()] = mat.group(2).strip()
    return header, comments, first_data


def _layout(path, header, comments, first_data):
    """'full' or 'local'; InputError if the header is incomplete."""
    if any(_LOCAL_COLUMNS_RE.match(text) for _, text in comments) \
            and not header:
        return "local"
    missing = [f"#{key}" for key in HEADER_KEYS if key not in header]
    if missing:
        raise InputError(path, "missing header line(s) "
            f"{', '.join(missing)}; a spectrum file starts with the lines "
            f"{', '.join('#' + k + ':' for k in HEADER_KEYS)} (or, in the "
            "compiler's local layout, with the column line '# T [GeV] flux "
            "[m-2 s-1 sr-1 GeV-1] total_error_low total_error_high')",
            row=first_data or 1)
    return "full"


def _energy_type(path, units, row):
    text = units.lower()
    if "nucleon" in text or "rigidity" in text or "gv" in text.split():
        raise InputError(path, f"#Units '{units}' is not supported: only "
            "total or kinetic energy per particle in GeV", row=row,
            field="Units")
    if "total" in text:
        return "total"
    if "kinetic" in text:
        return "kinetic"
    raise InputError(path, f"#Units '{units}' says neither total nor "
        "kinetic energy", row=row, field="Units")


def _model(tokens, comments):
    for token in tokens:
        if _MODEL_RE.match(token):
            return token.upper()
    mat = _MODEL_IN_TEXT_RE.search(comments or "")
    if mat:
        name = mat.group(1).upper()
        if mat.group(2):
            return f"{name}-{mat.group(2).upper()}"
        if mat.group(3):
            return f"{name}+HD"
        return name
    return None


def _reference(ref):
    """(reference text, DOI, bibcode) from a #Ref value."""
    text = re.sub(r"\(\s*\)", "", ref or "").strip()
    doi = _DOI_RE.search(text)
    bibcode = _BIBCODE_RE.search(text)
    return (text or None, doi.group(1).rstrip(".,;") if doi else None,
        bibcode.group(1) if bibcode else None)


def _numbers(path, layout):
    names = FULL_FIELDS if layout == "full" else LOCAL_FIELDS
    rows, lines = [], []
    for number, line in data_lines(path):
        fields = line.split()
        if len(fields) != len(names):
            raise InputError(path, f"expected {len(names)} columns "
                f"({' '.join(names)}), found {len(fields)}", row=number)
        values = []
        for name, field in zip(names, fields):
            try:
                value = float(field)
            except ValueError:
                raise InputError(path, f"'{field}' is not a number",
                    row=number, field=name) from None
            if not math.isfinite(value):
                raise InputError(path, f"'{field}' is not a finite number",
                    row=number, field=name)
            values.append(value)
        if values[0] <= 0:
            raise InputError(path, f"energy {fields[0]} is not positive",
                row=number, field="energy")
        if values[1] < 0:
            raise InputError(path, f"flux {fields[1]} is negative",
                row=number, field="flux")
        for name, value, field in zip(names[2:], values[2:], fields[2:]):
            if value < 0:
                raise InputError(path, f"uncertainty {field} is negative "
                    "(give uncertainties as positive deviations)",
                    row=number, field=name)
        rows.append(values)
        lines.append(number)
    if not rows:
        raise InputError(path, "contains no data rows")
    raw = np.array(rows, dtype=np.float64)
    columns = {name: raw[:, j] for j, name in enumerate(names)}
    if layout == "local":
        for name in ("sys_err_lo", "sys_err_hi"):
            columns[name] = np.ma.masked_all(len(raw), dtype=np.float64)
    columns["line"] = np.array(lines, dtype=np.int32)
    return columns


def read_spectrum(path, data_dir=None):
    """One spectrum file -> dict of metadata and point columns.

    Raises InputError (naming the file and line) on a malformed file.
    """
    path = Path(path)
    header, comments, first_data = _header(path)
    layout = _layout(path, header, comments, first_data)
    tokens = path.stem.split("_")
    header_rows = {mat.group(1).capitalize(): number
        for number, text in comments
        for mat in [_HEADER_RE.match(text)] if mat}

    energy_suffix = None
    if tokens[-1] in ("Ek", "Etot"):
        energy_suffix = tokens.pop()
    prefix, rest = tokens[0], tokens[1:]
    model = _model(rest, header.get("Comments"))
    rest = [t for t in rest if not _MODEL_RE.match(t)]

    if layout == "full":
        raw_quantity = header["Quantity"]
        if not raw_quantity:
            raise InputError(path, "#Quantity is empty",
                row=header_rows.get("Quantity"), field="Quantity")
        experiment = header["Experiment"]
        if not experiment:
            raise InputError(path, "#Experiment is empty",
                row=header_rows.get("Experiment"), field="Experiment")
        energy_type = _energy_type(path, header["Units"],
            header_rows.get("Units"))
        variant = rest[1:]
        compilation = header["Source"] or None
        reference, doi, bibcode = _reference(header["Ref"])
        url = header["Url"] or None
        note = header["Comments"] or None
        error_kind = "stat+sys"
    else:
        raw_quantity = prefix
        if not rest:
            raise InputError(path, "file name gives no experiment (expected "
                "<quantity>_[<variant>_]<experiment>.txt for a file without "
                "#Experiment line)", row=1)
        experiment = rest[-1]
        variant = rest[:-1]
        column_line = next(text for _, text in comments
            if _LOCAL_COLUMNS_RE.match(text))
        energy_type = ("kinetic" if _LOCAL_COLUMNS_RE.match(
            column_line).group(1).upper() == "T" else "total")
        compilation = None
        reference = doi = bibcode = url = None
        note = " ".join(text.lstrip("#").strip() for _, text in comments
            if not _LOCAL_COLUMNS_RE.match(text)).strip() or None
        error_kind = "total"

    experiment = EXPERIMENT_ALIASES.get(experiment, experiment)
    quantity = QUANTITIES.get(raw_quantity.strip().lower(),
        raw_quantity.strip())
    if quantity == "gamma":
        energy_type = "total"    # photons: kinetic and total energy agree
    columns = _numbers(path, layout)

    if data_dir is not None:
        source_file = path.relative_to(data_dir).as_posix()
    else:
        source_file = path.name
    return {
        "spectrum_id": spectrum_id(path),
        "source_file": source_file,
        "layout": layout,
        "experiment": experiment,
        "quantity": quantity,
        "quantity_raw": raw_quantity,
        "energy_type": energy_type,
        "energy_suffix": energy_suffix,
        "hadronic_model": model,
        "variant": " ".join(variant) or None,
        "reference": reference,
        "ref_doi": doi,
        "ref_bibcode": bibcode,
        "compilation": compilation,
        "origin_url": url,
        "note": note,
        "error_kind": error_kind,
        "title": make_title(quantity, experiment, model, variant,
            energy_type),
        "points": columns,
    }


def make_title(quantity, experiment, model, variant, energy_type):
    label = QUANTITY_LABELS.get(quantity, (f"{quantity} cosmic-ray", None))[0]
    extras = [VARIANT_LABELS.get(v.lower(), v) for v in variant]
    if model:
        extras.append(f"{model} interactions")
    extras.append(f"{energy_type} energy")
    return f"{label} flux, {experiment} ({'; '.join(extras)})"


def _cache_key(data_dir):
    files = spectrum_files(data_dir)
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in files)


@functools.lru_cache(maxsize=4)
def _read_all_cached(data_dir, key):
    spectra, ids = [], {}
    for path in spectrum_files(data_dir):
        try:
            spectrum = read_spectrum(path, data_dir)
        except InputError as exc:
            print(f"  WARNING: skipped spectrum file (not imported): {exc}",
                file=sys.stderr)
            continue
        if spectrum["spectrum_id"] in ids:
            print(f"  WARNING: skipped spectrum file (not imported): {path}: "
                f"its identifier {spectrum['spectrum_id']} is already used by "
                f"{ids[spectrum['spectrum_id']]}; rename one of them",
                file=sys.stderr)
            continue
        ids[spectrum["spectrum_id"]] = path
        spectra.append(spectrum)
    return spectra


def read_all(data_dir):
    """Every readable spectrum below ``data_dir``; bad files are skipped
    with a warning on stderr (see the module docstring)."""
    data_dir = Path(data_dir)
    return _read_all_cached(data_dir, _cache_key(data_dir))


# --- tables ----------------------------------------------------------

def _site():
    """(server URL, IVOA authority) as DaCHS has them configured."""
    try:
        from gavo import base
        return (base.getConfig("web", "serverURL").rstrip("/"),
            base.getConfig("ivoa", "authority"))
    except Exception:        # no DaCHS configuration (unit tests elsewhere)
        from apdc import config
        site = config.site_settings()
        return site["server_url"].rstrip("/"), site["authority"]


def _text(values):
    values = np.array([v if v is not None else "" for v in values],
        dtype=object).astype(str)
    return np.ma.masked_array(values, mask=values == "")


def _nulls(n, dtype=np.float64):
    return np.ma.masked_all(n, dtype=dtype)


def pub_did(authority, spec_id):
    return f"ivo://{authority}/~?crspectra/{spec_id}"


def access_url(server, authority, spec_id):
    """The SDM VOTable of a spectrum (the datalink service's dlget)."""
    from urllib.parse import quote
    return (f"{server}/crspectra/sdl/dlget?ID="
        f"{quote(pub_did(authority, spec_id), safe='')}")


def preview_url(server, spec_id):
    return f"{server}/crspectra/preview/static/{spec_id}.png"


def spectra_table(data_dir):
    """crspectra.spectra: one row per spectrum (the SSA table).

    Also (re)writes the PNG previews into ``data_dir/previews``.
    """
    spectra = read_all(data_dir)
    server, authority = _site()
    n = len(spectra)
    e_min = np.array([s["points"]["energy"].min() for s in spectra])
    e_max = np.array([s["points"]["energy"].max() for s in spectra])
    n_points = np.array([len(s["points"]["energy"]) for s in spectra],
        dtype=np.int32)
    ids = [s["spectrum_id"] for s in spectra]
    spec_start = HC_GEV_M / e_max
    spec_end = HC_GEV_M / e_min
    today = np.datetime64(date.today().isoformat(), "us")

    from services import crspectra as service_code
    service_code.write_previews(spectra, Path(data_dir) / "previews")

    def col(key):
        return _text([s[key] for s in spectra])

    references = [s["ref_bibcode"] or (f"doi:{s['ref_doi']}" if s["ref_doi"]
        else s["reference"]) for s in spectra]
    columns = {
        # products columns
        "accref": np.array([access_url(server, authority, i) for i in ids],
            dtype=str),
        "owner": _text([None] * n),
        "embargo": np.ma.masked_all(n, dtype="datetime64[us]"),
        "mime": np.array(["application/x-votable+xml"] * n, dtype=str),
        "accsize": (6000 + 200 * n_points).astype(np.int64),
        # SSA
        "ssa_dstitle": col("title"),
        "ssa_creatorDID": _text([None] * n),
        "ssa_pubDID": np.array([pub_did(authority, i) for i in ids],
            dtype=str),
        "ssa_cdate": np.ma.masked_all(n, dtype="datetime64[us]"),
        "ssa_pdate": np.array([today] * n, dtype="datetime64[us]"),
        "ssa_bandpass": _text([MESSENGERS.get(s["quantity"], "Particle")
            for s in spectra]),
        "ssa_cversion": _text([None] * n),
        "ssa_targname": np.array([QUANTITY_LABELS.get(s["quantity"],
            (None, f"cosmic rays ({s['quantity']})"))[1] for s in spectra],
            dtype=str),
        "ssa_targclass": _text([None] * n),
        "ssa_redshift": _nulls(n),
        "ssa_targetpos": _text([None] * n),
        "ssa_snr": _nulls(n),
        "ssa_location": _text([None] * n),
        "ssa_aperture": np.full(n, 360.0),
        "ssa_dateObs": _nulls(n),
        "ssa_timeExt": _nulls(n),
        "ssa_specmid": (spec_start + spec_end) / 2,
        "ssa_specext": spec_end - spec_start,
        "ssa_specstart": spec_start,
        "ssa_specend": spec_end,
        "ssa_length": n_points,
        "ssa_dstype": np.array(["spectrum"] * n, dtype=str),
        "ssa_publisher": np.array([f"ivo://{authority}"] * n, dtype=str),
        "ssa_creator": _text([f"{s['experiment']} Collaboration"
            for s in spectra]),
        "ssa_collection": np.array(["The_CR_Spectrum"] * n, dtype=str),
        "ssa_instrument": col("experiment"),
        "ssa_datasource": np.array(["survey"] * n, dtype=str),
        "ssa_creationtype": np.array(["archival"] * n, dtype=str),
        "ssa_reference": _text(references),
        "ssa_fluxStatError": _nulls(n),
        "ssa_fluxSysError": _nulls(n),
        "ssa_fluxcalib": np.array(["ABSOLUTE"] * n, dtype=str),
        "ssa_binSize": _nulls(n),
        "ssa_spectStatError": _nulls(n),
        "ssa_spectSysError": _nulls(n),
        "ssa_speccalib": np.array(["ABSOLUTE"] * n, dtype=str),
        "ssa_specres": _nulls(n),
        # data centre columns
        "spectrum_id": np.array(ids, dtype=str),
        "experiment": np.array([s["experiment"] for s in spectra], dtype=str),
        "quantity": np.array([s["quantity"] for s in spectra], dtype=str),
        "energy_type": np.array([s["energy_type"] for s in spectra],
            dtype=str),
        "hadronic_model": col("hadronic_model"),
        "variant": col("variant"),
        "e_min": e_min,
        "e_max": e_max,
        "n_points": n_points,
        "error_kind": np.array([s["error_kind"] for s in spectra], dtype=str),
        "reference": col("reference"),
        "ref_doi": col("ref_doi"),
        "ref_bibcode": col("ref_bibcode"),
        "compilation": col("compilation"),
        "origin_url": col("origin_url"),
        "note": col("note"),
        "source_file": col("source_file"),
        "preview": np.array([preview_url(server, i) for i in ids], dtype=str),
    }
    # PostgreSQL folds the SSA mixin's column names (ssa_pubDID) to lower case
    return {name.lower(): values for name, values in columns.items()}


def points_table(data_dir):
    """crspectra.points: one row per point of every spectrum."""
    spectra = read_all(data_dir)
    if not spectra:
        return {name: np.array([], dtype=dtype) for name, dtype in (
            ("spectrum_id", str), ("experiment", str), ("quantity", str),
            ("energy_type", str), ("hadronic_model", str), ("line", np.int32),
            ("energy", float), ("flux", float), ("stat_err_lo", float),
            ("stat_err_hi", float), ("sys_err_lo", float),
            ("sys_err_hi", float))}
    sizes = [len(s["points"]["energy"]) for s in spectra]

    def repeat(key):
        return np.repeat(np.array([s[key] or "" for s in spectra],
            dtype=str), sizes)

    def stack(name):
        return np.ma.concatenate([np.ma.asarray(s["points"][name])
            for s in spectra])

    model = repeat("hadronic_model")
    return {
        "spectrum_id": repeat("spectrum_id"),
        "experiment": repeat("experiment"),
        "quantity": repeat("quantity"),
        "energy_type": repeat("energy_type"),
        "hadronic_model": np.ma.masked_array(model, mask=model == ""),
        "line": np.concatenate([s["points"]["line"] for s in spectra]),
        "energy": stack("energy").filled(np.nan),
        "flux": stack("flux").filled(np.nan),
        "stat_err_lo": stack("stat_err_lo"),
        "stat_err_hi": stack("stat_err_hi"),
        "sys_err_lo": stack("sys_err_lo"),
        "sys_err_hi": stack("sys_err_hi"),
    }
