"""A new observable and a new detector component are declarations only.

With no Python edit, the test copies rd/kascade.rd to a scratch RD,
declares there

* one new observable: a column ``edep_grande`` filled by the KCDC-style
  quantity EDG, the summed energy deposit in the KASCADE-Grande
  stations (optional, with unit, UCD and description), and
* one new detector component: a table ``grande_events`` of the same kind
  (``original="events"``) that reads its own exports (``grande/``),

writes exports holding EDG in each of the three layouts (ASCII, HDF5,
ROOT) with the project's exporters, writes a manifest naming the
existing converter, imports it the operator's way (``apdc import``) and
finds the column with its unit, UCD and description in TAP_SCHEMA and
its values in a TAP query, for both tables.  The scratch schema, RD and
resource folder are removed afterwards.
"""

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from apdc import config
from converters import kcdc, kcdc_quantities, rdschema
from exporters.kcdc import write_events
from tests import scratch_support

pytestmark = pytest.mark.live

NAME = "zz_kascade_scratch"
RD_PATH = config.RD_DIR / f"{NAME}.rd"
RESOURCE_DIR = config.RESOURCES_DIR / NAME
SAMPLE = "kascade/kcdc_example_1998-07-02.txt"
NEW_COLUMN = '''    <column name="edep_grande" type="real" unit="MeV"
      ucd="phys.energy;instr.det" tablehead="E dep Grande"
      verbLevel="10"
      description="Summed energy deposit of the shower in the
        KASCADE-Grande stations (KCDC EDG); NULL where not measured.">
      <property name="kcdc">EDG</property>
      <property name="kcdc_dtype">float64</property>
    </column>
'''
NEW_TABLE = '''  <table id="grande_events" original="events" onDisk="True" adql="True">
    <FEED source="{stream}" name="{release}"/>
    <meta name="description">
      One row per air shower reconstructed by the KASCADE-Grande array
      (scratch component of the declaration test).
    </meta>
    <property name="kcdc_files">grande/*</property>
  </table>

'''
# file name -> (run, layout), for the main and the new component
EXPORTS = {"events": {"export.txt": 1, "export.h5": 2, "export.root": 3},
           "grande_events": {"grande/g.txt": 11, "grande/g.h5": 12,
                             "grande/g.root": 13}}


def _scratch_rd():
    """The text of rd/kascade.rd with the new declarations."""
    text = (config.RD_DIR / "kascade.rd").read_text(encoding="utf-8")
    text = text.replace('schema="kascade" resdir="../resources/kascade"',
                        f'schema="{NAME}" resdir="../resources/{NAME}"', 1)
    text = text.replace("<title>KASCADE Air-Shower Events (KCDC)",
                        "<title>SCRATCH copy of KASCADE events", 1)
    text = text.replace('    <column name="datalink"',
                        NEW_COLUMN + '    <column name="datalink"', 1)
    # every on-disk table names the release the others serve
    # (docs/releases.md); the copied ones already do
    new_table = NEW_TABLE.format(stream=rdschema.RELEASE_STREAM,
                                 release=rdschema.release_name("kascade"))
    text = text.replace('  <table id="kcdc_inputs">',
                        new_table + '  <table id="kcdc_inputs">', 1)
    text = text.replace('    <make table="runs"/>',
                        '    <make table="runs"/>\n'
                        '    <make table="grande_events"/>', 1)
    # a scratch resource is neither registered nor regression-tested
    text = re.sub(r"\s*<publish [^>]*/>", "", text)
    return re.sub(r"\s*<regSuite.*?</regSuite>", "", text, flags=re.S)


def _cleanup():
    scratch_support.remove_resource(NAME)


@pytest.fixture(scope="module")
def scratch(mirror, server):
    """The scratch resource, imported; {table: {run: EDG values}}."""
    _cleanup()
    try:
        RD_PATH.write_text(_scratch_rd(), encoding="utf-8")
        data = RESOURCE_DIR / "data"
        (data / "grande").mkdir(parents=True)
        sample = kcdc.read_events(mirror / SAMPLE)
        qs = kcdc_quantities.quantities(NAME, "events")
        written = {}
        for table, files in EXPORTS.items():
            for name, run in files.items():
                edg = np.round(np.linspace(1e3, 2e3, 9) + run, 3)
                cols = dict(sample, R=np.full(9, run, dtype=np.int32),
                            EDG=edg)
                write_events(data / name, cols, quantities=qs)
                written.setdefault(table, {})[run] = edg
        manifest = {
            "title": "SCRATCH copy of KASCADE (declaration test)",
            "tables": {f"{NAME}.{t}": "converters.kascade.events:events_table"
                       for t in EXPORTS}}
        (RESOURCE_DIR / "dataset.json").write_text(json.dumps(manifest),
                                                   encoding="utf-8")
        proc = subprocess.run(
            [str(config.PROJECT_DIR / ".venv" / "bin" / "apdc"), "import",
             NAME], capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        yield written
    finally:
        _cleanup()


@pytest.mark.parametrize("table", sorted(EXPORTS))
def test_new_column_is_in_tap_schema(tap, scratch, table):
    rows = tap.search(
        "SELECT unit, ucd, description FROM TAP_SCHEMA.columns WHERE "
        f"table_name = '{NAME}.{table}' AND column_name = 'edep_grande'"
    ).to_table()
    assert len(rows) == 1
    assert rows["unit"][0] == "MeV"
    assert rows["ucd"][0] == "phys.energy;instr.det"
    assert rows["description"][0].startswith(
        "Summed energy deposit of the shower in the KASCADE-Grande")


def test_new_component_is_a_tap_table(tap, scratch):
    rows = tap.search("SELECT table_name, description FROM TAP_SCHEMA.tables "
                      f"WHERE schema_name = '{NAME}'").to_table()
    tables = dict(zip(rows["table_name"], rows["description"]))
    assert f"{NAME}.grande_events" in tables
    assert "KASCADE-Grande" in tables[f"{NAME}.grande_events"]


@pytest.mark.parametrize("table", sorted(EXPORTS))
def test_new_values_come_back_through_tap(tap, scratch, table):
    rows = tap.search(f"SELECT run, event, edep_grande, zenith FROM "
                      f"{NAME}.{table} ORDER BY run, event").to_table()
    assert sorted(set(rows["run"])) == sorted(scratch[table])
    for run, edg in scratch[table].items():
        got = rows[rows["run"] == run]
        assert len(got) == 9
        # float32 in the database (type real)
        assert sorted(np.float32(got["edep_grande"])) == sorted(
            np.float32(edg))


def test_new_quantity_is_offered_and_exported_by_the_shop(scratch, mirror):
    """The data shop takes the new quantity from the RD as well: it is in
    the catalogue (which the form and the API show), in the package's
    data file and in its Info.txt."""
    import tempfile
    import zipfile

    import h5py

    from apdc import ingest
    from exporters import shop
    dataset, = [d for d in shop.catalogue() if d.name == NAME]
    info, = [q for c in dataset.components if c.id == "events"
             for q in c.quantities if q.name == "EDG"]
    assert info.unit == "MeV" and "KASCADE-Grande" in info.description
    selection = shop.Selection(dataset=NAME, component="events",
                               quantities=("R", "EV", "E", "EDG"),
                               cuts={"EDG": (None, 1500.0)}, fmt="hdf5")
    shop.validate(selection)
    conn = ingest.get_connection()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            package = shop.export(conn, selection, tmp, request_id="t1",
                                  user="test", host="test")
            archive = zipfile.ZipFile(package.path)
            text = archive.read("Info.txt").decode("utf-8")
            data_name, = [n for n in archive.namelist()
                          if n.endswith((".h5", ".hdf5"))]
            (Path(tmp) / data_name).write_bytes(archive.read(data_name))
            # the package holds the chosen quantities only
            with h5py.File(Path(tmp) / data_name, "r") as f:
                edg = f["events/EDG"][()]
    finally:
        conn.close()
    assert "EDG" in text and "1500" in text
    expected = np.sort(np.concatenate([v[v <= 1500.0] for v in
                                       scratch["events"].values()]))
    assert np.allclose(np.sort(edg), expected)
    assert package.n_events == len(expected) > 0
