"""Size limits of modules and functions (docs/architecture.md).

A module has at most about 400 lines and a function at most about 60;
a longer function needs its reason in a comment starting with
``# long:`` on the line of its ``def`` or the line after.
"""

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
PACKAGES = ("converters", "exporters", "simulation", "services", "apdc",
            "workarounds", "portal")
MAX_MODULE_LINES = 420
MAX_FUNCTION_LINES = 60


def _sources():
    return [p for package in PACKAGES
            for p in sorted((PROJECT_DIR / package).rglob("*.py"))]


@pytest.mark.parametrize("path", _sources(),
                         ids=lambda p: str(p.relative_to(PROJECT_DIR)))
def test_module_size(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} lines"


@pytest.mark.parametrize("path", _sources(),
                         ids=lambda p: str(p.relative_to(PROJECT_DIR)))
def test_function_size(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    long = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            reason = " ".join(lines[node.lineno - 1:node.lineno + 1])
            if length > MAX_FUNCTION_LINES and "# long:" not in reason:
                long.append(f"{node.name} ({length} lines)")
    assert not long, f"{path.name}: " + ", ".join(long)
