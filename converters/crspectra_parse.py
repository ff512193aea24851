"""Reading one file of The_CR_Spectrum compilation (converters.crspectra).

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
:func:`read_spectrum` raises a numbered InputError naming file, line
and field for a malformed file.
"""

import math
import re
from pathlib import Path

import numpy as np

from .errors import E01, E02, E03, E04, E05, E06, E07, E08
from .tables import data_lines

__all__ = ["HEADER_KEYS", "QUANTITIES", "QUANTITY_LABELS",
           "spectrum_files", "spectrum_id", "read_spectrum", "make_title"]

HEADER_KEYS = ("Source", "Ref", "Experiment", "Quantity", "Units", "Url",
    "Comments")

# #Quantity header values (and file name prefixes) -> the quantity code
# used in the tables and the SSA QUANTITY parameter.
QUANTITIES = {
    "all particle": "all-particle", "all-particle": "all-particle",
    "allparticle": "all-particle",
    "h": "proton", "proton": "proton", "protons": "proton",
    "h-bar": "antiproton", "antiproton": "antiproton",
    "antiprotons": "antiproton",
    "leptons": "lepton", "lepton": "lepton", "e-+e+": "lepton",
    "e+": "positron", "positron": "positron", "positrons": "positron",
    "gamma": "gamma", "gammas": "gamma",
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


def spectrum_files(data_dir, derived=("previews",)):
    """The spectrum files below ``data_dir`` (any depth), stable order.

    Parameters
    ----------
    data_dir : path-like
        The resource's data folder.
    derived : sequence of str
        Top-level folders holding products, not inputs.

    Returns
    -------
    list of pathlib.Path
        Every ``*.txt`` file, except in folders starting with a dot and
        in the derived folders.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    found = []
    for path in data_dir.rglob("*.txt"):
        parts = path.relative_to(data_dir).parts
        if any(p.startswith(".") for p in parts) or parts[0] in derived:
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(data_dir).as_posix())


def spectrum_id(path):
    """The identifier of a spectrum: its file stem, URL-safe.

    ``+`` (as in e+ and QGSJET+HD) becomes ``plus``; other characters
    outside [A-Za-z0-9._-] become ``_``.

    Parameters
    ----------
    path : path-like
        The spectrum file.

    Returns
    -------
    str
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
        raise E02(path, f"not utf-8 text ({exc.reason} at byte "
            f"{exc.start})") from None
    except OSError as exc:
        raise E01(path, f"cannot be read: {exc.strerror}") from None
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
    """'full' or 'local'; E04 if the header is incomplete."""
    if any(_LOCAL_COLUMNS_RE.match(text) for _, text in comments) \
            and not header:
        return "local"
    missing = [f"#{key}" for key in HEADER_KEYS if key not in header]
    if missing:
        raise E04(path, "missing header line(s) "
            f"{', '.join(missing)}; a spectrum file starts with the lines "
            f"{', '.join('#' + k + ':' for k in HEADER_KEYS)} (or, in the "
            "compiler's local layout, with the column line '# T [GeV] flux "
            "[m-2 s-1 sr-1 GeV-1] total_error_low total_error_high')",
            row=first_data or 1)
    return "full"


def _energy_type(path, units, row):
    text = units.lower()
    if "nucleon" in text or "rigidity" in text or "gv" in text.split():
        raise E06(path, f"#Units '{units}' is not supported: only "
            "total or kinetic energy per particle in GeV", row=row,
            field="Units")
    if "total" in text:
        return "total"
    if "kinetic" in text:
        return "kinetic"
    raise E05(path, f"#Units '{units}' says neither total nor "
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


def _row_values(path, number, names, fields):
    """The numbers of one data line, checked."""
    if len(fields) != len(names):
        raise E08(path, f"expected {len(names)} columns "
            f"({' '.join(names)}), found {len(fields)}", row=number)
    values = []
    for name, field in zip(names, fields):
        try:
            value = float(field)
        except ValueError:
            raise E05(path, f"'{field}' is not a number", row=number,
                field=name) from None
        if not math.isfinite(value):
            raise E05(path, f"'{field}' is not a finite number",
                row=number, field=name)
        values.append(value)
    if values[0] <= 0:
        raise E06(path, f"energy {fields[0]} is not positive", row=number,
            field="energy")
    if values[1] < 0:
        raise E06(path, f"flux {fields[1]} is negative", row=number,
            field="flux")
    for name, value, field in zip(names[2:], values[2:], fields[2:]):
        if value < 0:
            raise E06(path, f"uncertainty {field} is negative (give "
                "uncertainties as positive deviations)", row=number,
                field=name)
    return values


def _numbers(path, layout):
    names = FULL_FIELDS if layout == "full" else LOCAL_FIELDS
    rows, lines = [], []
    for number, line in data_lines(path):
        rows.append(_row_values(path, number, names, line.split()))
        lines.append(number)
    if not rows:
        raise E03(path, "contains no data rows")
    raw = np.array(rows, dtype=np.float64)
    columns = {name: raw[:, j] for j, name in enumerate(names)}
    if layout == "local":
        for name in ("sys_err_lo", "sys_err_hi"):
            columns[name] = np.ma.masked_all(len(raw), dtype=np.float64)
    columns["line"] = np.array(lines, dtype=np.int32)
    return columns


def _full_meta(path, header, header_rows, rest):
    """Metadata of a file in the usual layout (from its header)."""
    for key in ("Quantity", "Experiment"):
        if not header[key]:
            raise E07(path, f"#{key} is empty", row=header_rows.get(key),
                field=key)
    reference, doi, bibcode = _reference(header["Ref"])
    return {"quantity_raw": header["Quantity"],
        "experiment": header["Experiment"],
        "energy_type": _energy_type(path, header["Units"],
            header_rows.get("Units")),
        "variant": rest[1:], "compilation": header["Source"] or None,
        "reference": reference, "ref_doi": doi, "ref_bibcode": bibcode,
        "origin_url": header["Url"] or None,
        "note": header["Comments"] or None, "error_kind": "stat+sys"}


def _local_meta(path, comments, prefix, rest):
    """Metadata of a file of the compiler's local layout (file name)."""
    if not rest:
        raise E04(path, "file name gives no experiment (expected "
            "<quantity>_[<variant>_]<experiment>.txt for a file without "
            "#Experiment line)", row=1)
    column_line = next(text for _, text in comments
        if _LOCAL_COLUMNS_RE.match(text))
    kinetic = _LOCAL_COLUMNS_RE.match(column_line).group(1).upper() == "T"
    note = " ".join(text.lstrip("#").strip() for _, text in comments
        if not _LOCAL_COLUMNS_RE.match(text)).strip() or None
    return {"quantity_raw": prefix, "experiment": rest[-1],
        "energy_type": "kinetic" if kinetic else "total",
        "variant": rest[:-1], "compilation": None, "reference": None,
        "ref_doi": None, "ref_bibcode": None, "origin_url": None,
        "note": note, "error_kind": "total"}


def read_spectrum(path, data_dir=None):
    """One spectrum file -> dict of metadata and point columns.

    Parameters
    ----------
    path : path-like
        The spectrum file.
    data_dir : path-like, optional
        The data folder; ``source_file`` is relative to it (else the
        file name).

    Returns
    -------
    dict
        The spectrum's metadata (spectrum_id, experiment, quantity, ...)
        and ``points``, a dict of point columns.

    Raises
    ------
    converters.errors.InputError
        A numbered error naming the file, line and field.
    """
    path = Path(path)
    header, comments, first_data = _header(path)
    layout = _layout(path, header, comments, first_data)
    tokens = path.stem.split("_")
    header_rows = {mat.group(1).capitalize(): number
        for number, text in comments
        for mat in [_HEADER_RE.match(text)] if mat}
    energy_suffix = tokens.pop() if tokens[-1] in ("Ek", "Etot") else None
    prefix, rest = tokens[0], tokens[1:]
    model = _model(rest, header.get("Comments"))
    rest = [t for t in rest if not _MODEL_RE.match(t)]
    if layout == "full":
        meta = _full_meta(path, header, header_rows, rest)
    else:
        meta = _local_meta(path, comments, prefix, rest)
    raw_quantity = meta["quantity_raw"].strip()
    meta["experiment"] = EXPERIMENT_ALIASES.get(meta["experiment"],
        meta["experiment"])
    meta["quantity"] = QUANTITIES.get(raw_quantity.lower(), raw_quantity)
    if meta["quantity"] == "gamma":
        meta["energy_type"] = "total"  # photons: kinetic and total agree
    variant = meta.pop("variant")
    meta.update({"spectrum_id": spectrum_id(path), "layout": layout,
        "source_file": (path.relative_to(data_dir).as_posix()
            if data_dir is not None else path.name),
        "energy_suffix": energy_suffix, "hadronic_model": model,
        "variant": " ".join(variant) or None,
        "title": make_title(meta["quantity"], meta["experiment"], model,
            variant, meta["energy_type"]),
        "points": _numbers(path, layout)})
    return meta


def make_title(quantity, experiment, model, variant, energy_type):
    """A one-line title of a spectrum (SSA ssa_dstitle).

    Parameters
    ----------
    quantity, experiment : str
        The quantity code and the experiment.
    model : str or None
        The hadronic interaction model.
    variant : sequence of str
        Further words of the file name.
    energy_type : str
        total or kinetic.

    Returns
    -------
    str
    """
    label = QUANTITY_LABELS.get(quantity, (f"{quantity} cosmic-ray", None))[0]
    extras = [VARIANT_LABELS.get(v.lower(), v) for v in variant]
    if model:
        extras.append(f"{model} interactions")
    extras.append(f"{energy_type} energy")
    return f"{label} flux, {experiment} ({'; '.join(extras)})"
