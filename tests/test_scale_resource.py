"""bench.scale_resource: a scratch RD is written whole, and only once."""

import pytest

from bench import scale_resource


def test_a_scratch_rd_in_use_is_refused_and_left_alone(tmp_path):
    rd = tmp_path / "zz_x.rd"
    scale_resource._create_rd(rd, "<resource schema='zz_x'/>")
    assert rd.read_text(encoding="utf-8") == "<resource schema='zz_x'/>"
    with pytest.raises(RuntimeError, match="zz_x.rd exists: another run"):
        scale_resource._create_rd(rd, "<resource schema='other'/>")
    assert rd.read_text(encoding="utf-8") == "<resource schema='zz_x'/>"
    # no partial file left beside it
    assert [p.name for p in tmp_path.iterdir()] == ["zz_x.rd"]


def test_the_scratch_rd_declares_its_data_simulated(tmp_path):
    # every reader of rd/*.rd (sky map, FAIR records) asks; an import
    # beside a running bench failed on the scratch RD without it
    from converters import rdschema
    (tmp_path / "zz_x.rd").write_text(scale_resource.RD_TEMPLATE.format(
        schema="zz_x", properties=""), encoding="utf-8")
    assert rdschema.is_simulated("zz_x", rd_dir=tmp_path) is True
