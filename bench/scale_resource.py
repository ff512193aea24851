"""A scratch copy of kascade_sim.events for the scale bench and its tests.

:func:`scratch_resource` writes ``rd/<schema>.rd`` (a table made
``original="kascade_sim#events"``, so the same columns, indexes and
partition key, and a cone search), lets DaCHS create the table, and
drops table and RD afterwards; it refuses a name another run is using.
:func:`clone_runs` makes any number of run files from the served
simulation's run files: the events of a source run with a new run
number and their times shifted (which turns the sky under the array,
so the clones do not repeat the positions).
The data are SIMULATED, like their source.
"""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import h5py

from apdc import config, resources
from converters.context import ImportContext

__all__ = ["RD_TEMPLATE", "scratch_resource", "clone_runs", "source_runs",
           "dachs"]

RD_TEMPLATE = """<resource schema="{schema}">
  <property name="simulated">True</property>
  <meta name="title">Scale bench: SIMULATED KASCADE-like events</meta>
  <meta name="description">SIMULATED DATA: a scratch copy of
    kascade_sim.events made by bench/scale.py for measurements; it is
    dropped when the bench ends.</meta>
  <meta name="creationDate">2026-12-01T00:00:00</meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="creator.name">Astroparticle VO Data Centre</meta>
  <table id="events" original="kascade_sim#events" onDisk="True"
    adql="True">{properties}</table>
  <data id="create" auto="False">
    <make table="events"/>
  </data>
  <FEED source="common#cone" table="events" title="Scale bench cone"
    shortName="scale cone" description="Cone search over the SIMULATED
      events of the scale bench." testRA="83.6" testDec="22.0"
    testSR="0.5" condDescs="log_energy obs_mjd"/>
</resource>
"""

#: Seconds between the clones of one source run: about 17 degrees of
#: sidereal rotation, so that clones land on other parts of the sky.
CLONE_SHIFT_S = 4001


def dachs(*args):
    """Run ``dachs ARGS`` (through the project's workarounds); its output."""
    proc = subprocess.run([sys.executable, "-m", "workarounds.dachs_server",
                           *args], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        raise RuntimeError(f"dachs {' '.join(args)}: {proc.stdout}")
    return proc.stdout


@contextlib.contextmanager
def scratch_resource(schema, data_dir, partition_rows=None):
    """The import context of a scratch resource ``schema`` (see module).

    Parameters
    ----------
    schema : str
        Name of the RD and schema (``zz_`` names keep clear of datasets).
    data_dir : pathlib.Path
        Where its run files are.
    partition_rows : int, optional
        Rows per partition (``apdc.partitions.ROWS_PROPERTY``); default
        that of kascade_sim.events.
    """
    rd = config.RD_DIR / f"{schema}.rd"
    properties = ("" if partition_rows is None else
                  f'<property name="partition_rows">{int(partition_rows)}'
                  "</property>")
    _create_rd(rd, RD_TEMPLATE.format(schema=schema, properties=properties))
    try:
        dachs("imp", schema, "create")
        site = config.site_settings()
        yield ImportContext(resource=schema, data_dir=Path(data_dir),
                            authority=site["authority"],
                            server_url=config.server_url(), table="events")
    finally:
        try:
            dachs("drop", "--all", schema)
        finally:
            rd.unlink()


def _create_rd(rd, text):
    """Write ``rd`` whole and only if it is not there.

    A second run with the same scratch name (two benches on one server)
    would otherwise rewrite the first one's RD and, when it ends, drop
    its table and remove its RD under it.  The RD appears at once,
    complete (a hard link of a finished file), so that no server process
    parses half of it.
    """
    partial = rd.with_name(f".{rd.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    try:
        os.link(partial, rd)
    except FileExistsError:
        raise RuntimeError(
            f"{rd} exists: another run uses the scratch resource "
            f"{rd.stem} (or one that was killed left it: 'dachs drop --all "
            f"{rd.stem}' and remove the file)") from None
    finally:
        partial.unlink()


def source_runs():
    """The served simulation's HDF5 run files."""
    sim = resources.load("kascade_sim")
    return sorted((sim.data_dir / "runs").glob("kascade_sim_run*.h5"))


def clone_runs(folder, n_files, first_run=1, sources=None):
    """Write ``n_files`` run files ``run<NNNNNN>.h5`` into ``folder``.

    Returns
    -------
    list of pathlib.Path
        In run order.
    """
    sources = sources or source_runs()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_files):
        run = first_run + i
        path = folder / f"run{run:06d}.h5"
        if not path.exists():
            _clone(sources[i % len(sources)], path, run,
                   CLONE_SHIFT_S * (i // len(sources)))
        paths.append(path)
    return paths


def _clone(source, dest, run, shift_s):
    """One run file: the events of ``source`` as run ``run``, times shifted."""
    partial = dest.with_name(f".{dest.name}.partial")
    with h5py.File(source, "r") as src, h5py.File(partial, "w") as out:
        for key, value in src.attrs.items():
            out.attrs[key] = value
        group = out.create_group("events")
        for key, value in src["events"].attrs.items():
            group.attrs[key] = value
        for name, dataset in src["events"].items():
            data = dataset[()]
            if name == "R":
                data[:] = run
            elif name == "GT":
                data = data + shift_s
            group.create_dataset(name, data=data)
    partial.rename(dest)
