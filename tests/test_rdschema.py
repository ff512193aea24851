"""converters.rdschema reads table descriptions from the RDs."""

import pytest

from converters import rdschema

RD = """<resource schema="demo">
  <STREAM id="pos">
    <DEFAULTS what="the source" kind="source" field="RAJ2000"/>
    <column name="ra" type="double precision" unit="deg"
      ucd="pos.eq.ra;meta.main" required="True"
      description="ICRS right ascension of \\what.">
      <property name="\\kind">\\field</property>
    </column>
  </STREAM>
  <table id="main" onDisk="True" mixin="//scs#q3cindex">
    <column name="id" type="text" ucd="meta.id;meta.main"
      description="Identifier."/>
    <FEED source="pos" what="the   event"/>
    <column name="ne" type="real" unit="" ucd="phys.size"
        description="Shower size.">
      <property name="kcdc">NE</property>
      <values min="0" max="10" nullLiteral="-1"/>
    </column>
  </table>
  <table id="copy" original="main" onDisk="True">
    <column name="extra" type="integer" required="True" description="x"/>
  </table>
  <table id="inmemory"/>
</resource>
"""


@pytest.fixture
def rd_dir(tmp_path):
    (tmp_path / "demo.rd").write_text(RD, encoding="utf-8")
    return tmp_path


def test_columns_in_declaration_order_with_streams_expanded(rd_dir):
    spec = rdschema.table("demo", "main", rd_dir)
    assert spec.qualified_name == "demo.main"
    assert spec.names == ("id", "ra", "ne")
    ra = spec.column("ra")
    assert (ra.unit, ra.ucd, ra.required) == ("deg", "pos.eq.ra;meta.main",
                                               True)
    assert ra.description == "ICRS right ascension of the event."
    assert ra.properties == {"source": "RAJ2000"}
    assert spec.system_parts == ("//scs#q3cindex",)


def test_properties_and_values(rd_dir):
    ne = rdschema.table("demo", "main", rd_dir).column("ne")
    assert ne.property("kcdc") == "NE"
    assert ne.bounds() == (0.0, 10.0)
    assert ne.null_literal == "-1"
    assert not ne.required


def test_copies_and_on_disk_tables(rd_dir):
    assert [t.id for t in rdschema.tables("demo", rd_dir)] == ["main", "copy"]
    assert rdschema.table("demo", "copy", rd_dir).names == (
        "id", "ra", "ne", "extra")


def test_unknown_names_are_errors(rd_dir):
    with pytest.raises(rdschema.RDSchemaError, match="no RD"):
        rdschema.table("nosuch", "main", rd_dir)
    with pytest.raises(rdschema.RDSchemaError, match="'absent'"):
        rdschema.table("demo", "absent", rd_dir)
    with pytest.raises(rdschema.RDSchemaError, match="no column"):
        rdschema.table("demo", "main", rd_dir).column("dec")


@pytest.mark.parametrize("rd", sorted(p.stem for p in rdschema.RD_DIR.glob(
    "*.rd")))
def test_every_project_column_has_unit_ucd_and_description(rd):
    for spec in rdschema.tables(rd):
        for col in spec.columns:
            assert col.ucd and col.description, \
                f"{spec.qualified_name}.{col.name}"


RESOURCE_RDS = sorted(p.parent.name for p in (
    rdschema.RD_DIR.parent / "resources").glob("*/dataset.json"))


@pytest.mark.parametrize("rd", RESOURCE_RDS)
def test_every_resource_says_whether_it_is_simulated(rd):
    """Declared once (the RD property); the metadata users read says it."""
    simulated = rdschema.is_simulated(rd)
    said = " ".join(rdschema.resource_meta(rd, "title")
                    + rdschema.resource_meta(rd, "description")).lower()
    assert ("simulated" in said) == simulated
    assert ("Simulation" in rdschema.resource_meta(rd, "type")) == simulated


@pytest.mark.parametrize("rd", RESOURCE_RDS)
def test_every_table_says_which_path_fills_it(rd):
    """The RD says how every table is filled (docs/adding_a_dataset.md);
    the COPY-path tables are exactly those of the manifest."""
    import json
    manifest = json.loads((rdschema.RD_DIR.parent / "resources" / rd /
                           "dataset.json").read_text(encoding="utf-8"))
    for spec in rdschema.tables(rd):
        filled_by = spec.properties.get("filledBy", "")
        assert filled_by, spec.qualified_name
        by_copy = spec.qualified_name in manifest.get("tables", {})
        assert ("binary COPY" in filled_by) == by_copy, spec.qualified_name
