"""DaCHS 2.7: a NULL fixed-size float array is an empty TD in VOTables.

Upstream bug
------------
DaCHS's TABLEDATA encoder (``gavo.votable.enc_tabledata``) writes NULL
for every array column as an empty ``<TD/>``.  For a fixed-size array of
floating-point numbers, such as the SSA points ``ssa_location`` and
``ssa_targetpos`` (``datatype="double" arraysize="2"``, NULL for the
all-sky cosmic-ray spectra), an empty cell is not a valid value: votlint
reports "Bad double string ''" for every row, and strict parsers refuse
the SSA response (issue 17, item 10).  VOTable 1.4 (section 6) gives NaN
as the NULL of float and double, element by element.

Work-around
-----------
:func:`install` replaces ``enc_tabledata._getArrayEncoderLines`` so that a
NULL fixed-size float, double or complex array is written as NaN for
every element (``<TD>NaN NaN</TD>`` for a point); variable-size arrays
and the other types keep DaCHS's encoding.  It must run in the DaCHS
process (``python -m workarounds.dachs_server``).

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's own encoder for a NULL ``double[2]``;
once a DaCHS release writes something else than an empty cell,
``test_dachs_votable_null_arrays_bug_still_present`` in
tests/test_workarounds.py fails: remove this module and its entry in
``dachs_server.PATCHES``.
"""

from workarounds import patching

__all__ = ["bug_present", "null_literal", "install"]

#: VOTable datatype -> NaN tokens per element
_NAN_TOKENS = {"float": 1, "double": 1, "floatComplex": 2,
               "doubleComplex": 2}


def null_literal(datatype, arraysize):
    """The TABLEDATA text of a NULL array, or None to keep DaCHS's.

    Parameters
    ----------
    datatype : str
        The FIELD's VOTable datatype.
    arraysize : str
        Its arraysize, e.g. ``"2"``, ``"2x3"``, ``"*"``, ``"3x*"``.

    Returns
    -------
    str or None
        NaN for every element of a fixed-size float array.
    """
    if datatype not in _NAN_TOKENS or not arraysize or "*" in arraysize:
        return None
    n_values = 1
    for size in arraysize.split("x"):
        n_values *= int(size)
    return " ".join(["NaN"] * (n_values * _NAN_TOKENS[datatype]))


def _array_encoder_lines(field):
    """enc_tabledata._getArrayEncoderLines with NaN for NULL fixed arrays."""
    from gavo.votable import common, enc_tabledata
    literal = null_literal(field.datatype, field.arraysize)
    if literal is None:
        return patching.original(enc_tabledata, "_getArrayEncoderLines")(
            field)
    return ["if val is None:", f"  tokens.append({literal!r})", "else:"] + \
        common.indentList(enc_tabledata._getArrayEncoderLinesNotNULL(field),
                          " ")


def bug_present():
    """Whether DaCHS writes a NULL double[2] as an empty TABLEDATA cell.

    Returns
    -------
    bool
    """
    from gavo.votable import V, enc_tabledata
    field = V.FIELD(name="point", datatype="double", arraysize="2")
    lines = patching.original(enc_tabledata, "_getArrayEncoderLines")(field)
    return lines[:2] == ["if val is None:", "  tokens.append('')"]


def install():
    """Write NULL fixed-size float arrays as NaN (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.votable import enc_tabledata
    return patching.replace(enc_tabledata, "_getArrayEncoderLines",
                            _array_encoder_lines)
