"""The data centre's resources: what each one imports, and from where.

A resource is one RD in rd/ with its inputs in resources/<name>/data.
``prepare`` puts the default data there (from the local mirror, or made
by a generator); ``load`` turns what is there into table columns.
"""

import hashlib
import importlib
import json
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
        for module_dir in ("converters", "apdc"):
            for path in sorted((config.PROJECT_DIR / module_dir).glob("*.py")):
                digest.update(path.read_bytes())
        digest.update((config.RD_DIR / f"{self.name}.rd").read_bytes())
        return digest.hexdigest()


class KcdcEvents(Resource):
    """KCDC event exports (ASCII, HDF5 or ROOT) -> ``<name>.events``."""

    def sources(self):
        from converters import kcdc
        return list(kcdc.iter_event_files(self.data_dir))

    def tables(self, authority):
        from converters import kascade_events, kcdc
        parts = []
        for path in self.sources():
            print(f"  reading {path.name}", file=sys.stderr)
            parts.append(kcdc.read_events(path))
        quantities = kascade_events.concatenate(parts)
        yield f"{self.name}.events", kascade_events.event_columns(
            quantities, authority, self.name)


class Kascade(KcdcEvents):
    name = "kascade"
    description = "KASCADE events measured, as exported by KCDC"
    sample = "kascade/kcdc_example_1998-07-02.txt"

    def prepare(self, log=sys.stderr):
        self.data_dir.mkdir(parents=True, exist_ok=True)
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

    def prepare(self, log=sys.stderr):
        from . import kascade_sim
        kascade_sim.write_runs(self.data_dir)
        return True


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
        if not self.data_dir.is_dir():
            return []
        return sorted(p for p in self.data_dir.iterdir()
            if p.is_file() and not p.name.startswith("."))

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


