"""The data centre's resources, each described by its manifest.

A resource is ``rd/<name>.rd`` (what is published: tables, columns,
services) plus ``resources/<name>/dataset.json`` (where the inputs come
from and which code turns them into the tables).  There is one kind of
resource; measured, simulated and catalogue data differ only in their
manifests.  The keys of a manifest are documented in
``docs/adding_a_dataset.md``:

``title``
    one line for the operator.
``files``, ``archives``
    inputs fetched from their official origin or a local mirror
    (:mod:`apdc.fetch`).
``origin``
    where a person gets the inputs when no URL can be given.
``generator``
    ``{"function": "module:function", "seed": ..., "options": {...}}``:
    a simulator that writes the inputs (called ``function(ctx, seed=...,
    **options)``).
``products``
    ``["module:function", ...]``: product steps that write derived files
    below the folders listed in ``derived`` (called ``function(ctx)``).
``tables``
    ``{"schema.table": "module:function"}``: converters filling the
    tables through the binary COPY path (called ``function(ctx)``).
``dachs_data``
    ids of RD data elements that DaCHS itself imports (``dachs imp``),
    after the COPY-path tables.
"""

import dataclasses
import importlib
import json
import sys

from converters import rdschema
from converters.context import ImportContext

from . import config, fetch

__all__ = ["Resource", "load", "discover", "import_sequence",
           "ManifestError"]

MANIFEST_NAME = "dataset.json"
_KNOWN_KEYS = {"title", "files", "archives", "origin", "generator",
               "products", "derived", "tables", "dachs_data"}


class ManifestError(ValueError):
    """A manifest is malformed; the message names the file and the key."""


def _resolve(target, manifest_path, key):
    """The function named ``module:function`` in a manifest."""
    try:
        module_name, func_name = target.split(":")
        return getattr(importlib.import_module(module_name), func_name)
    except (ValueError, ImportError, AttributeError) as exc:
        raise ManifestError(f"{manifest_path}: {key}: cannot use {target!r} "
                            f"({exc}); expected 'module:function'") from None


class Resource:
    """One published resource, as its manifest describes it.

    Parameters
    ----------
    manifest_path : pathlib.Path
        ``resources/<name>/dataset.json``; ``<name>`` is also the RD's
        file name and the schema.
    """

    def __init__(self, manifest_path):
        self.manifest_path = manifest_path
        try:
            self.manifest = json.loads(manifest_path.read_text(
                encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{manifest_path}: not JSON ({exc})") from None
        unknown = set(self.manifest) - _KNOWN_KEYS
        if unknown:
            raise ManifestError(f"{manifest_path}: unknown keys "
                                f"{sorted(unknown)}; known: "
                                f"{sorted(_KNOWN_KEYS)}")
        self.name = manifest_path.parent.name
        self.description = self.manifest.get("title", self.name)
        self.files = self.manifest.get("files", [])
        self.archives = self.manifest.get("archives", [])
        self.derived = set(self.manifest.get("derived", []))
        self.dachs_data = list(self.manifest.get("dachs_data", []))

    @property
    def data_dir(self):
        """``resources/<name>/data``: inputs and derived products."""
        return self.manifest_path.parent / "data"

    @property
    def rd_path(self):
        return config.RD_DIR / f"{self.name}.rd"

    def context(self):
        """The :class:`~converters.context.ImportContext` of this site."""
        site = config.site_settings()
        return ImportContext(resource=self.name, data_dir=self.data_dir,
                             authority=site["authority"],
                             server_url=config.server_url())

    def code_targets(self):
        """Every ``module:function`` the manifest names."""
        targets = list(self.manifest.get("tables", {}).values())
        targets += self.manifest.get("products", [])
        if "generator" in self.manifest:
            targets.append(self.manifest["generator"]["function"])
        return targets

    def fetch_inputs(self, mirror=None, force=False, log=sys.stderr):
        """Fetch or generate the inputs; False if a required one is missing."""
        if not fetch.ensure(self, mirror=mirror, force=force, log=log):
            return False
        generator = self.manifest.get("generator")
        if generator:
            function = _resolve(generator["function"], self.manifest_path,
                                "generator")
            self.data_dir.mkdir(parents=True, exist_ok=True)
            function(self.context(), seed=generator["seed"],
                     **generator.get("options", {}))
        return True

    def prepare(self, log=sys.stderr):
        """Inputs in place, then every product step; False if no input."""
        if not self.fetch_inputs(log=log):
            return False
        for target in self.manifest.get("products", []):
            print(f"  product {target}", file=log)
            _resolve(target, self.manifest_path, "products")(self.context())
        return True

    def sources(self):
        """The input files, in a stable order (not the derived folders)."""
        if not self.data_dir.is_dir():
            return []
        return sorted(p for p in self.data_dir.rglob("*") if p.is_file()
                      and not any(part.startswith(".") or part in self.derived
                                  for part in p.relative_to(
                                      self.data_dir).parts))

    def tables(self, log=sys.stderr):
        """Yield ``(qualified table name, columns)`` for the COPY path."""
        context = self.context()
        for table, target in self.manifest.get("tables", {}).items():
            function = _resolve(target, self.manifest_path, "tables")
            print(f"  converting {table} ({target})", file=log)
            yield table, function(dataclasses.replace(
                context, table=table.split(".", 1)[-1]))


def load(name):
    """The resource ``name``; ManifestError if it has no manifest.

    Parameters
    ----------
    name : str

    Returns
    -------
    Resource
    """
    path = config.RESOURCES_DIR / name / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(f"{name}: no manifest {path}; a resource needs "
                            f"rd/{name}.rd and resources/{name}/"
                            f"{MANIFEST_NAME} (docs/adding_a_dataset.md)")
    return Resource(path)


def discover():
    """Every resource with a manifest, by name, in name order.

    Returns
    -------
    dict of str to Resource
    """
    return {path.parent.name: Resource(path) for path in sorted(
        config.RESOURCES_DIR.glob(f"*/{MANIFEST_NAME}"))}


def _dependencies(resource, known):
    """The known resources ``resource`` reads tables of (RD property
    ``dependsOn``, e.g. a view over other resources' tables)."""
    names = rdschema.resource_properties(resource.name, config.RD_DIR).get(
        "dependsOn", "").split()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ManifestError(f"rd/{resource.name}.rd: dependsOn names "
                            f"unknown resources {unknown}")
    return set(names)


def import_sequence(selected, known):
    """The resources an import of ``selected`` takes, in a working order.

    A resource that depends on others (``dependsOn``) is imported after
    them, and whenever one of them is imported it is imported too: DaCHS
    drops the views on a table it re-creates, and its import makes them
    again (an unchanged one is found current in a moment).

    Parameters
    ----------
    selected : list of Resource
    known : dict of str to Resource
        Every resource (:func:`discover`).

    Returns
    -------
    list of Resource
    """
    needs = {name: _dependencies(res, known) for name, res in known.items()}
    wanted = {res.name for res in selected}
    grown = True
    while grown:
        dependents = {name for name, deps in needs.items() if deps & wanted}
        grown = not dependents <= wanted
        wanted |= dependents
    order, placed = [], set()
    while len(order) < len(wanted):
        ready = [name for name in known if name in wanted
                 and name not in placed and needs[name] & wanted <= placed]
        if not ready:
            raise ManifestError("dependsOn forms a cycle among "
                                f"{sorted(wanted - placed)}")
        order += ready
        placed |= set(ready)
    return [known[name] for name in order]
