"""converters.rdschema reads the RDs as DaCHS does.

The readers use rdschema so that they need no DaCHS; this test checks,
under DaCHS, that every table's columns (names, order, types, units,
UCDs, descriptions, NULL rules) are what DaCHS itself makes of the RD.
Columns that DaCHS's system mixins add are DaCHS's alone.
"""

import pytest

from converters import rdschema

pytestmark = pytest.mark.live

RDS = sorted(p.stem for p in rdschema.RD_DIR.glob("*.rd")
             if rdschema.tables(p.stem))


# System mixins and streams that add (and may reorder) columns.
MIXINS_WITH_COLUMNS = {"//ssap#mixc", "//ssap#hcd", "//ssap#view",
                       "//products#tablecols",
                       "//products#table"}


def _dachs_tables(rd_name):
    from gavo import api
    rd = api.getRD(rd_name)
    return {td.id: td for td in rd.tables if td.onDisk}


@pytest.mark.parametrize("rd_name", RDS)
def test_columns_agree_with_dachs(rd_name):
    dachs = _dachs_tables(rd_name)
    for spec in rdschema.tables(rd_name):
        td = dachs[spec.id]
        by_name = {c.name: c for c in td}
        assert set(spec.names) <= set(by_name), spec.qualified_name
        if not any(part in MIXINS_WITH_COLUMNS for part in spec.system_parts):
            assert [c.name for c in td] == list(spec.names), \
                spec.qualified_name
        for col in spec.columns:
            theirs = by_name[col.name]
            where = f"{spec.qualified_name}.{col.name}"
            assert (theirs.unit or "") == col.unit, where
            assert (theirs.ucd or "") == col.ucd, where
            assert " ".join((theirs.description or "").split()) == \
                col.description, where
            assert theirs.type == col.type, where
            if col.required:
                assert theirs.required, where
