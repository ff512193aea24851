"""The data centre's resources: what each one imports, and from where.

A resource is one RD in rd/ with its inputs in resources/<name>/data.
``prepare`` puts the default data there (from the local mirror, or made
by a generator); ``load`` turns what is there into table columns.
"""

import concurrent.futures
import hashlib
import importlib
import json
import multiprocessing
import os
import shutil
import sys
from pathlib import Path

from . import config


class Resource:
    """Base class; subclasses fill in ``prepare`` and ``tables``."""

    name = None          # RD id, schema name and resources/ folder name
    description = None   # one line, for the operator

    @property
    def data_dir(self):
        return config.RESOURCES_DIR / self.name / "data"

    def prepare(self, log=sys.stderr):
        """Make sure default data is in ``data_dir``; False if unavailable."""
        raise NotImplementedError

    def sources(self):
        """The input files, in a stable order."""
        raise NotImplementedError

    def tables(self, authority):
        """Yield (qualified table name, column dict) to load."""
        raise NotImplementedError

    def fingerprint(self):
        """Changes whenever the inputs or the code that reads them change."""
        digest = hashlib.sha256()
        for path in self.sources():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        for module_dir in ("converters", "apdc", "services"):
            for path in sorted((config.PROJECT_DIR / module_dir).glob("*.py")):
                digest.update(path.read_bytes())
        digest.update((config.RD_DIR / f"{self.name}.rd").read_bytes())
        # stored access and DataLink URLs contain the server's address
        digest.update(config.server_url().encode())
        return digest.hexdigest()


class KcdcEvents(Resource):
    """KCDC event exports (ASCII, HDF5 or ROOT) -> ``<name>.events``,
    and their run files (data/runs, apdc/kascade_runs.py) -> ``<name>.runs``.
    """

    obscore_title = None

    @property
    def runs_dir(self):
        from . import kascade_runs
        return self.data_dir / kascade_runs.RUNS_SUBDIR

    def sources(self):
        from converters import kcdc
        return list(kcdc.iter_event_files(self.data_dir))

    def tables(self, authority):
        from converters.tables import concatenate_columns
        from . import kascade_runs
        jobs = [(path, authority, self.name, config.server_url())
            for path in self.sources()]
        # Files are converted in parallel: the sky coordinates dominate.
        if len(jobs) > 1:
            context = multiprocessing.get_context("fork")
            with concurrent.futures.ProcessPoolExecutor(
                    max_workers=min(len(jobs), os.cpu_count() or 1),
                    mp_context=context) as pool:
                parts = list(pool.map(_event_columns_of_file, jobs))
        else:
            parts = [_event_columns_of_file(job) for job in jobs]
        columns = concatenate_columns(parts)
        yield f"{self.name}.events", columns
        del columns, parts
        yield f"{self.name}.runs", kascade_runs.runs_table(
            self.runs_dir, self.name, authority, config.server_url(),
            self.name, self.obscore_title)


def _event_columns_of_file(job):
    """The events-table columns of one KCDC file (run in a worker)."""
    from converters import kascade_events, kcdc
    from . import kascade_runs
    path, authority, name, server_url = job
    print(f"  reading {path.name}", file=sys.stderr)
    columns = kascade_events.event_columns(kcdc.read_events(path),
        authority, name)
    columns["datalink"] = kascade_runs.datalink_urls(
        columns["event_did"], server_url, name)
    return columns


class Kascade(KcdcEvents):
    name = "kascade"
    description = "KASCADE events measured, as exported by KCDC"
    sample = "kascade/kcdc_example_1998-07-02.txt"
    obscore_title = "KASCADE"

    def prepare(self, log=sys.stderr):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self._ensure_sources(log):
            return False
        from . import kascade_runs
        # The export(s) in data/ stay the import input; the run files in
        # data/runs/ are products derived from them (not scanned).
        kascade_runs.write_measured_runs(self.sources(), self.runs_dir,
                                         self.name, log=log)
        return True

    def _ensure_sources(self, log):
        if self.sources():
            return True
        mirror = config.mirror_dir()
        if mirror is None or not (mirror / self.sample).exists():
            print(f"  {self.name}: no KCDC export in {self.data_dir} and no "
                "local mirror; put KCDC exports (ASCII, HDF5 or ROOT) there, "
                "or set APDC_MIRROR to a folder holding "
                f"{self.sample}", file=log)
            return False
        shutil.copy(mirror / self.sample, self.data_dir)
        print(f"  {self.name}: copied the KCDC sample from {mirror}", file=log)
        return True


class KascadeSim(KcdcEvents):
    name = "kascade_sim"
    description = "KASCADE-like simulated events from the project's generator"
    obscore_title = "KASCADE-like simulation"

    def sources(self):
        # The HDF5 run files in data/runs are the import input; their ROOT
        # twins beside them are products only.
        from converters import kcdc
        if not self.runs_dir.is_dir():
            return []
        return [p for p in kcdc.iter_event_files(self.runs_dir)
                if p.suffix in kcdc.HDF5_SUFFIXES]

    def prepare(self, log=sys.stderr):
        from . import kascade_runs, kascade_sim
        kascade_sim.write_runs(self.runs_dir,
                               station_runs=kascade_runs.SIM_STATION_RUNS,
                               twins=("root",))
        # Files of the layout before data/runs (generator output directly
        # in data/) would only take space.
        for old in [*self.data_dir.glob("kascade_sim_run*.h5"),
                    self.data_dir / kascade_sim.MANIFEST_NAME]:
            if old.is_file():
                old.unlink()
                print(f"  {self.name}: removed old-layout {old.name}",
                      file=log)
        return True


# Folders below a data folder that the import writes (not inputs).
DERIVED_FOLDERS = {"previews", "runs"}


class Dataset(Resource):
    """A published data set, described by ``resources/<name>/dataset.json``.

    The manifest lists the files (with their official origin, their path
    in the local mirror and their SHA-256) and, for each table, the
    converter function ``module:function`` that turns the data folder
    into the table's columns.  Adding a data set needs an RD, a converter
    and a manifest, and no change here.
    """

    def __init__(self, manifest_path):
        self.manifest_path = manifest_path
        self.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        self.name = manifest_path.parent.name
        self.description = self.manifest["title"]

    @property
    def files(self):
        return self.manifest["files"]

    def prepare(self, log=sys.stderr):
        from . import fetch
        return fetch.ensure(self, log=log)

    def sources(self):
        # every file, not only the manifest's: converters also take files
        # dropped in by the operator (further seasons, alert VOEvents)
        # (in subfolders too), but not what the import itself derives
        if not self.data_dir.is_dir():
            return []
        return sorted(p for p in self.data_dir.rglob("*") if p.is_file()
            and not any(part.startswith(".") or part in DERIVED_FOLDERS
                for part in p.relative_to(self.data_dir).parts))

    def tables(self, authority):
        for table, target in self.manifest["tables"].items():
            module_name, func_name = target.split(":")
            module = importlib.import_module(module_name)
            print(f"  converting {table} ({target})", file=sys.stderr)
            yield table, getattr(module, func_name)(self.data_dir)


def _discover():
    found = [Kascade(), KascadeSim()]
    for manifest in sorted(config.RESOURCES_DIR.glob("*/dataset.json")):
        found.append(Dataset(manifest))
    return {r.name: r for r in found}


ALL = _discover()


# --- import bookkeeping: a re-run with unchanged inputs does nothing -----

def _state_file(resource):
    return config.DACHS_ROOT / "state" / "apdc" / f"{resource.name}.json"


def is_current(resource, row_counts):
    """True if the served tables came from the current inputs and code."""
    path = _state_file(resource)
    if not path.exists():
        return False
    state = json.loads(path.read_text(encoding="utf-8"))
    return (state.get("fingerprint") == resource.fingerprint()
        and state.get("rows") == row_counts)


def mark_current(resource, row_counts):
    path = _state_file(resource)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(
        {"fingerprint": resource.fingerprint(), "rows": row_counts}))


def forget(resource):
    _state_file(resource).unlink(missing_ok=True)


