"""The project's packages import each other in one direction only.

The allowed directions are in ``docs/architecture.md``; this test reads
the imports of every module (module level and inside functions) from
its syntax tree and fails on an import against the direction, on a
circle between modules, and on a function-level import of anything but
a heavy optional library.
"""

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]

#: package -> the project packages it may import (besides itself).
ALLOWED = {
    "workarounds": set(),
    "converters": set(),
    "exporters": {"converters"},
    "simulation": {"converters", "exporters"},
    "services": {"converters", "exporters", "simulation", "workarounds",
                 "fair"},
    # FAIR records (DataCite, JSON-LD, PROV), built from the RDs
    "fair": {"converters"},
    "apdc": {"converters", "exporters", "simulation", "services",
             "workarounds", "fair"},
    # the Django portal reads table descriptions and writes exports
    "portal": {"converters", "exporters"},
}

#: Libraries that may be imported inside functions: DaCHS (present only
#: under the server), plotting and web stacks, and heavy readers that
#: most code paths never need.
LAZY_OK = {"gavo", "twisted", "matplotlib", "pyvo", "scipy", "uproot",
           "awkward", "psycopg2", "healpy", "pyarrow", "django"}


def _modules():
    for package in ALLOWED:
        for path in sorted((PROJECT_DIR / package).rglob("*.py")):
            parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def _resolve(module, node):
    """The absolute module names an import node refers to."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".")
        is_package = False  # modules here are never __init__ importers
        base = base[:len(base) - node.level + is_package]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    # "from pkg import mod" imports pkg.mod when mod is a module
    names = []
    for alias in node.names:
        candidate = f"{prefix}.{alias.name}"
        if (PROJECT_DIR / Path(*candidate.split("."))).with_suffix(
                ".py").exists():
            names.append(candidate)
        else:
            names.append(prefix)
    return names


def _imports():
    """(module, imported module, is function-level, line) for all."""
    for module, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _resolve(module, node):
                    yield (module, target, id(node) not in top_level,
                           node.lineno)


IMPORTS = list(_imports())


def test_packages_import_only_downwards():
    wrong = []
    for module, target, _, line in IMPORTS:
        source_pkg, target_pkg = module.split(".")[0], target.split(".")[0]
        if target_pkg in ALLOWED and target_pkg != source_pkg \
                and target_pkg not in ALLOWED[source_pkg]:
            wrong.append(f"{module}:{line} imports {target}")
    assert not wrong, "imports against the direction:\n" + "\n".join(wrong)


def test_no_import_circles():
    graph = {}
    for module, target, _, _ in IMPORTS:
        if target.split(".")[0] in ALLOWED and target != module:
            graph.setdefault(module, set()).add(target)
    circles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                circles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_function_level_imports_only_for_heavy_libraries():
    lazy = [f"{module}:{line} imports {target} inside a function"
            for module, target, nested, line in IMPORTS
            if nested and target.split(".")[0] not in LAZY_OK]
    assert not lazy, "\n".join(lazy)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_every_module_declares_all(package):
    missing = [str(path.relative_to(PROJECT_DIR))
               for module, path in _modules()
               if module.split(".")[0] == package
               and path.name not in ("__init__.py", "__main__.py")
               # Django's generated migrations are not modules to import
               and "migrations" not in path.parts
               and "__all__" not in path.read_text(encoding="utf-8")]
    assert not missing, "modules without __all__: " + ", ".join(missing)
