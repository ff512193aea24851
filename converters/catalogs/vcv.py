"""Veron-Cetty & Veron AGN (13th ed., z <= 0.03) -> vcv_agn.main.

HEASARC's pipe-separated extract gives galactic coordinates only; the
RD declares ``ra``/``dec`` as computed from them (``icrs_ra``,
``icrs_dec``) and ``vcv_id`` as made from them (``G<l><b>``).
"""

import numpy as np

from ..columns import assemble, check_unique, source_fields
from ..errors import E04
from ..tables import text_columns
from .common import icrs_derivations, spec, text_reader

__all__ = ["VCV_FILE", "VCV_CLASSES", "vcv_class", "vcv_agn_table"]

VCV_FILE = "vcv_agn_z0.03.dat"

#: Veron-Cetty & Veron's spectral classes -> the shared vocabulary; a
#: trailing '?' (uncertain) is dropped first.
VCV_CLASSES = {"S1": "sy1", "S1.0": "sy1", "S1.2": "sy1", "S1h": "sy1",
               "S1i": "sy1", "S1n": "nlsy1", "S1.5": "sy1.5",
               "S1.8": "sy1.8", "S1.9": "sy1.9", "S2": "sy2", "S": "sy",
               "S3": "liner", "S3b": "liner", "S3h": "liner", "H2": "hii",
               "AG": "agn", "BL": "bll", "B": "bll", "Q": "qso"}


def vcv_class(object_type):
    """Normalised classes from VCV spectral classes (e.g. 'S1.5', 'S2').

    Parameters
    ----------
    object_type : array_like of str

    Returns
    -------
    numpy.ndarray of str
    """
    out = []
    for text in np.ma.getdata(np.ma.masked_array(object_type)).astype(str):
        key = text.strip().rstrip("?")
        out.append(VCV_CLASSES.get(key, key.lower() or "agn"))
    return np.array(out, dtype=str)


def _identifiers(path, rows, fields):
    def make(columns, _):
        lii, bii = columns["gal_l"], columns["gal_b"]
        ids = np.char.add("VCV ", np.char.add(np.char.add(
            "G", np.char.mod("%08.4f", lii)), np.char.mod("%+08.4f", bii)))
        check_unique(path, ids, fields, rows)
        return ids
    return make


def vcv_agn_table(ctx):
    """vcv_agn.main from HEASARC's pipe-separated VCV (13th ed.) extract.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    table_spec = spec(ctx)
    path = ctx.data_dir / VCV_FILE
    # two title lines, then the header "|name |redshift|..."
    raw, rows = text_columns(path, "|", skip=2, comment=None, edges=True)
    missing = [n for n in source_fields(table_spec) if n not in raw]
    if missing:
        raise E04(path, "the header (third line) lacks column(s) "
                  f"{', '.join(missing)}", field=missing[0])
    position = ", ".join(table_spec.column(name).property("source")
                         for name in ("gal_l", "gal_b"))
    derivations = dict(icrs_derivations(),
                       vcv_id=_identifiers(path, rows, position),
                       vcv_class=lambda c, _: vcv_class(c["spectral_class"]))
    return assemble(table_spec, text_reader(path, raw, rows), derivations)
