"""What a resource's import depends on, as one hash.

The fingerprint of a resource covers exactly what its import uses, so
that editing one converter re-imports only the resources that use it:

* its RD, and the project RDs it takes STREAMs or tables from
  (``FEED source="other#..."``, ``original="other#..."``);
* its manifest;
* its input files (name, size and modification time);
* the source of every project module its manifest names (converters,
  product steps, generator) and of every project module these import,
  found by reading their imports (:func:`module_files`);
* the server URL, which stored access and DataLink URLs contain.
"""

import ast
import hashlib
import re
from pathlib import Path

from . import config

__all__ = ["of", "module_files", "rd_files"]

_RD_REFERENCE = re.compile(r'(?:source|original)="([A-Za-z0-9_]+)#')


def _module_path(module):
    """The file of a project module, or None if it is not the project's."""
    base = config.PROJECT_DIR / Path(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(path, module):
    package = module if path.name == "__init__.py" else module.rpartition(
        ".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                prefix = ".".join(parts + ([node.module] if node.module
                                           else []))
            else:
                prefix = node.module
            yield prefix
            yield from (f"{prefix}.{alias.name}" for alias in node.names)


def module_files(modules):
    """The project source files of ``modules`` and all they import.

    Parameters
    ----------
    modules : iterable of str
        Dotted module names.

    Returns
    -------
    list of pathlib.Path
        Sorted; only files of the project (not of libraries).
    """
    seen, todo = {}, list(modules)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        path = _module_path(module)
        seen[module] = path
        if path is None:
            continue
        parents = module.split(".")
        for i in range(1, len(parents)):
            todo.append(".".join(parents[:i]))
        todo.extend(_imported_modules(path, module))
    return sorted({p for p in seen.values() if p is not None})


def rd_files(rd_name):
    """The RD of ``rd_name`` and the project RDs it refers to."""
    seen, todo = set(), [rd_name]
    while todo:
        name = todo.pop()
        path = config.RD_DIR / f"{name}.rd"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        todo.extend(_RD_REFERENCE.findall(path.read_text(encoding="utf-8")))
    return sorted(config.RD_DIR / f"{name}.rd" for name in seen)


def of(resource):
    """The fingerprint of ``resource`` (hex SHA-256)."""
    digest = hashlib.sha256()
    for path in rd_files(resource.name) + [resource.manifest_path]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in resource.sources():
        stat = path.stat()
        digest.update(f"{path.relative_to(resource.data_dir)}:"
                      f"{stat.st_size}:{stat.st_mtime_ns};".encode())
    modules = [target.split(":")[0] for target in resource.code_targets()]
    for path in module_files(modules):
        digest.update(str(path.relative_to(config.PROJECT_DIR)).encode()
                      + b"\0" + path.read_bytes())
    digest.update(config.server_url().encode())
    return digest.hexdigest()
