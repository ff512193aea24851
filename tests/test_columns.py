"""The RD-driven column filling (converters/columns.py) and the shared
STREAMs of rd/common.rd as converters.rdschema reads them."""

import numpy as np
import pytest

from converters import columns, rdschema
from converters.errors import E06, E07, E08
from converters.rdschema import ColumnSpec, RDSchemaError, TableSpec


def column(name, type="double precision", unit="", required=False,
           min=None, max=None, **properties):
    return ColumnSpec(name=name, type=type, unit=unit, required=required,
                      min=min, max=max, properties=properties)


def spec(*cols):
    return TableSpec(rd="test", id="t", schema="test", columns=cols)


def test_assemble_reads_then_derives_in_rd_order():
    table = spec(column("twice", derive="double"),
                 column("x", source="X"),
                 column("note", type="text"))
    result = columns.assemble(
        table, lambda c: np.array([1.0, 2.0]),
        {"double": lambda cols, _: cols["x"] * 2},
        default=lambda cols, c: np.ma.masked_all(2, dtype="U1"))
    assert list(result) == ["twice", "x", "note"]
    assert result["twice"].tolist() == [2.0, 4.0]
    assert result["note"].mask.all()


def test_assemble_refuses_an_undeclared_column():
    with pytest.raises(RDSchemaError, match="neither a source nor"):
        columns.assemble(spec(column("y")), lambda c: None)


def test_finish_applies_the_rd_rules():
    flux = column("flux", unit="erg.cm**-2.s**-1",
                  source_unit="1e-12 erg.cm**-2.s**-1", source="FLUX")
    assert columns.finish("f", flux, np.array([2.0]))[0] == pytest.approx(
        2e-12)
    z = column("z", source="Z", null_at_most="0")
    assert np.ma.getmaskarray(columns.finish(
        "f", z, np.array([0.0, 0.1]))).tolist() == [True, False]
    lon = column("l", source="L", source_range="-180 360",
                 source_wrap="360")
    assert columns.finish("f", lon, np.array([-10.0]))[0] == 350.0
    with pytest.raises(E06) as exc:
        columns.finish("f", lon, np.array([1.0, -190.0]), rows=[4, 7])
    assert (exc.value.row, exc.value.field) == (7, "L")


def test_finish_errors_name_row_and_source_field():
    dec = column("dec", source="DEJ2000", required=True, min="-90",
                 max="90")
    with pytest.raises(E07, match="empty") as exc:
        columns.finish("f", dec, np.ma.masked_array([1.0, 2.0],
                                                    mask=[False, True]))
    assert (exc.value.row, exc.value.field) == (2, "DEJ2000")
    with pytest.raises(E06, match=r"outside \[-90, 90\]") as exc:
        columns.finish("f", dec, np.array([1.0, 95.0]), rows=[10, 12])
    assert (exc.value.row, exc.value.field) == (12, "DEJ2000")
    name = column("name", type="text", source="Name", unique="True")
    with pytest.raises(E08, match="occurs twice") as exc:
        columns.finish("f", name, np.array(["a", "b", "a"]))
    assert (exc.value.row, exc.value.field) == (3, "Name")


def test_positions_stream_as_rdschema_reads_it():
    ra = rdschema.table("openngc", "main").column("ra")
    assert (ra.type, ra.unit, ra.ucd) == ("double precision", "deg",
                                          "pos.eq.ra;meta.main")
    assert not ra.required and ra.bounds() == (0.0, 360.0)
    assert ra.properties == {"derive": "sexagesimal_ra"}
    assert ra.description.startswith("ICRS right ascension of the object")
    dec = rdschema.table("fermi3fgl", "main").column("dec")
    assert dec.required and dec.bounds() == (-90.0, 90.0)
    assert dec.properties == {"source": "DEJ2000"}
    assert dec.description == "ICRS declination of the source."


def test_common_rd_has_no_tables():
    assert rdschema.tables("common") == []
