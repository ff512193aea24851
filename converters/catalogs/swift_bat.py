"""Swift-BAT 70-month hard X-ray catalogue -> swift_bat70.main.

The file is pipe-separated with a header and a units line.  The header
abbreviates some names (``GAMM`` three times), so the RD declares the
file's fields in file order (table property ``source_fields``); the
header must agree with them (each header name starts its field's name).
The first, unnamed field is the catalogue's sequence number.
"""

import re

import numpy as np

from ..columns import assemble
from ..errors import E03
from ..tables import data_lines, text_columns
from .common import galactic_derivations, spec, text_reader

__all__ = ["SWIFT_BAT_FILE", "SWIFT_BAT_CLASSES", "swift_bat_class",
           "swift_bat70_table"]

SWIFT_BAT_FILE = "swift_bat_70m_catalog_20nov2012.txt"

#: The catalogue's class numbers (CL2) -> the shared vocabulary; 7
#: (blazar/BL Lac) and 8 (quasar/FSRQ) are refined from TYPE.
SWIFT_BAT_CLASSES = {0: "unk", 1: "galactic", 2: "gal", 3: "galcl",
                     4: "sy1", 5: "sy2", 6: "agn", 7: "bcu", 8: "qso",
                     9: "cv", 10: "psr", 11: "snr", 12: "star", 13: "hmb",
                     14: "lmb", 15: "bin"}

_BLL = re.compile(r"bl ?lac")
_FSRQ = re.compile(r"fsr[qs]|hpq|lpq|quasar fs")


def swift_bat_class(class_code, type_text):
    """Normalised classes from CL2 codes and the TYPE text (vectorised).

    Parameters
    ----------
    class_code : array_like of int
    type_text : array_like of str

    Returns
    -------
    numpy.ndarray of str
    """
    out = []
    for code, text in zip(np.asarray(class_code),
                          np.ma.getdata(np.ma.masked_array(type_text))):
        text = str(text).lower()
        name = SWIFT_BAT_CLASSES.get(int(code), "unk")
        if code in (7, 8):
            if _BLL.search(text):
                name = "bll"
            elif _FSRQ.search(text):
                name = "fsrq"
        out.append(name)
    return np.array(out, dtype=str)


def _check_header(path, fields):
    for number, line in data_lines(path, comment=None):
        header = [f.strip() for f in line.split("|")]
        if len(header) != len(fields) or not all(
                field.startswith(name) for name, field in zip(header,
                                                              fields)):
            raise E03(path, f"the header is not '|{'|'.join(fields[1:4])}"
                      f"|...' with {len(fields)} fields", row=number)
        return


def swift_bat70_table(ctx):
    """swift_bat70.main from the pipe-separated 70-month catalogue.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    table_spec = spec(ctx)
    path = ctx.data_dir / SWIFT_BAT_FILE
    fields = table_spec.properties["source_fields"].split()
    _check_header(path, fields)
    raw, rows = text_columns(path, "|", names=fields, skip=2, comment=None)
    read = text_reader(path, raw, rows,
                       null=table_spec.properties.get("source_null",
                                                      "").split())
    derivations = dict(galactic_derivations(), swift_class=lambda c, _:
                       swift_bat_class(c["class_code"], c["type"]))
    return assemble(table_spec, read, derivations)
