"""Cosmic-ray energy spectra (The_CR_Spectrum compilation) -> crspectra.*

The files are read by :mod:`converters.crspectra_parse`; this module
turns the spectra into what the tables need:

* :func:`spectra_rows`: one row dict per spectrum for
  ``crspectra.raw_spectra``, the metadata table that DaCHS's own grammar
  fills (data ``import`` of rd/crspectra.rd, with ``//products#define``)
  and that the SSA view ``crspectra.spectra`` is built on;
* :func:`points_table`: the columns of ``crspectra.points`` (binary
  COPY path of ``apdc import``).

Unlike the other tables of the data centre, a bad file does not stop
the import: each file is one independent spectrum, so a malformed file
is reported on stderr (as a numbered InputError naming file and line)
and skipped, and the other spectra are imported.  ``read_spectrum``
itself raises the error (the unit tests use it directly).
"""

import functools
import sys
import urllib.parse
from pathlib import Path

import astropy.units as u
import numpy as np
from astropy import constants

from . import rdschema
from .crspectra_parse import (FULL_FIELDS, QUANTITY_LABELS, make_title,
                              read_spectrum, spectrum_files, spectrum_id)
from .errors import E08, InputError

__all__ = ["HC_GEV_M", "MESSENGERS", "read_all", "read_spectrum",
           "spectrum_files", "spectrum_id", "make_title", "pub_did",
           "access_url", "preview_url", "spectra_rows", "points_table"]

# h c in GeV m: lambda = HC_GEV_M / E
HC_GEV_M = (constants.h * constants.c).to_value(u.GeV * u.m)

# messenger (http://www.ivoa.net/rdf/messenger) for ssa_bandpass;
# Particle for everything else
MESSENGERS = {"gamma": "Gamma-ray"}


def _cache_key(data_dir):
    files = spectrum_files(data_dir)
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in files)


def _warn(message):
    print(f"  WARNING: skipped spectrum file (not imported): {message}",
        file=sys.stderr)


@functools.lru_cache(maxsize=4)
def _read_all_cached(data_dir, key):
    spectra, ids = [], {}
    for path in spectrum_files(data_dir):
        try:
            spectrum = read_spectrum(path, data_dir)
        except InputError as exc:
            _warn(exc)
            continue
        if spectrum["spectrum_id"] in ids:
            _warn(E08(path, f"its identifier {spectrum['spectrum_id']} is "
                f"already used by {ids[spectrum['spectrum_id']]}; rename one "
                "of them", field="spectrum_id"))
            continue
        ids[spectrum["spectrum_id"]] = path
        spectra.append(spectrum)
    return spectra


def read_all(data_dir):
    """Every readable spectrum below ``data_dir``.

    Bad files are skipped with a warning on stderr (see the module
    docstring); the result is cached while the files are unchanged.

    Parameters
    ----------
    data_dir : path-like
        The resource's data folder.

    Returns
    -------
    list of dict
        As :func:`converters.crspectra_parse.read_spectrum` gives them.
    """
    data_dir = Path(data_dir)
    return _read_all_cached(data_dir, _cache_key(data_dir))


def pub_did(authority, spec_id):
    """The publisher DID of a spectrum.

    Parameters
    ----------
    authority : str
        The IVOA authority of the data centre.
    spec_id : str
        The spectrum's identifier.

    Returns
    -------
    str
    """
    return f"ivo://{authority}/~?crspectra/{spec_id}"


def access_url(server, authority, spec_id):
    """The SDM VOTable of a spectrum (the datalink service's dlget).

    Parameters
    ----------
    server : str
        The server URL without a trailing slash.
    authority, spec_id : str
        As for :func:`pub_did`.

    Returns
    -------
    str
    """
    return (f"{server}/crspectra/sdl/dlget?ID="
        f"{urllib.parse.quote(pub_did(authority, spec_id), safe='')}")


def preview_url(server, spec_id):
    """The URL of a spectrum's PNG preview (written by a product step).

    Parameters
    ----------
    server, spec_id : str
        As for :func:`access_url`.

    Returns
    -------
    str
    """
    return f"{server}/crspectra/preview/static/{spec_id}.png"


def _spectrum_row(ctx, spectrum):
    """The raw_spectra row of one spectrum (and its products values)."""
    energy = spectrum["points"]["energy"]
    n_points = len(energy)
    ident = spectrum["spectrum_id"]
    ref = spectrum["ref_bibcode"] or (f"doi:{spectrum['ref_doi']}"
        if spectrum["ref_doi"] else spectrum["reference"])
    row = {key: spectrum[key] for key in ("spectrum_id", "experiment",
        "quantity", "energy_type", "hadronic_model", "variant", "error_kind",
        "reference", "ref_doi", "ref_bibcode", "compilation", "origin_url",
        "note", "source_file")}
    row.update({
        "ssa_pubDID": pub_did(ctx.authority, ident),
        "ssa_dstitle": spectrum["title"],
        "ssa_targname": QUANTITY_LABELS.get(spectrum["quantity"],
            (None, f"cosmic rays ({spectrum['quantity']})"))[1],
        "ssa_bandpass": MESSENGERS.get(spectrum["quantity"], "Particle"),
        "ssa_specstart": HC_GEV_M / float(energy.max()),
        "ssa_specend": HC_GEV_M / float(energy.min()),
        "ssa_length": n_points,
        "ssa_creator": f"{spectrum['experiment']} Collaboration",
        "ssa_instrument": spectrum["experiment"],
        "ssa_reference": ref,
        "e_min": float(energy.min()), "e_max": float(energy.max()),
        "n_points": n_points,
        "preview": preview_url(ctx.server_url, ident),
        # for //products#define: the SDM VOTable is made on request
        "access_url": access_url(ctx.server_url, ctx.authority, ident),
        "size": 6000 + 200 * n_points,
    })
    return row


def spectra_rows(ctx):
    """crspectra.raw_spectra: one row dict per spectrum.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The import context (data folder, authority, server URL).

    Returns
    -------
    list of dict
        The RD's columns of raw_spectra except the products columns
        (accref, owner, embargo, mime, accsize), plus ``access_url`` and
        ``size`` for ``//products#define``.
    """
    return [_spectrum_row(ctx, s) for s in read_all(ctx.data_dir)]


def _point_column(column, spectra, sizes):
    """One column of crspectra.points from the spectra."""
    name = column.name
    if name == "line" or name in FULL_FIELDS:
        dtype = np.int32 if name == "line" else np.float64
        if not spectra:
            return np.array([], dtype=dtype)
        values = np.ma.concatenate([np.ma.asarray(s["points"][name])
            for s in spectra]).astype(dtype)
        if name == "line":
            return np.asarray(values)
        return values.filled(np.nan) if column.required else values
    text = np.repeat(np.array([s[name] or "" for s in spectra], dtype=str),
        sizes)
    return text if column.required else np.ma.masked_array(text,
        mask=text == "")


def points_table(ctx):
    """crspectra.points: one row per point of every spectrum.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The import context.

    Returns
    -------
    dict of str to numpy.ndarray
        The RD's columns: the point columns of the spectra, and the
        spectrum's value repeated for the others.
    """
    spectra = read_all(ctx.data_dir)
    sizes = [len(s["points"]["energy"]) for s in spectra]
    return {column.name: _point_column(column, spectra, sizes)
        for column in rdschema.table("crspectra", "points").columns}
