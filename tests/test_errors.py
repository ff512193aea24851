"""The numbered input errors: documented, current, and the only ones raised."""

import ast
from pathlib import Path

from converters import errors

PROJECT_DIR = Path(__file__).resolve().parents[1]


def test_docs_errors_md_is_current():
    text = (PROJECT_DIR / "docs" / "errors.md").read_text(encoding="utf-8")
    assert text == errors.markdown(), (
        "docs/errors.md is out of date: python -m converters.errors "
        "> docs/errors.md")


def test_codes_are_unique_and_documented():
    codes = [cls.code for cls in errors.ALL]
    assert codes == sorted(set(codes))
    for cls in errors.ALL:
        assert cls.__name__ == cls.code and cls.title and cls.__doc__


def test_message_names_code_file_row_and_field():
    exc = errors.E06("export.txt", "value 95 outside [0, 90]", row=12,
                     field="ZE")
    assert str(exc) == "E06: export.txt, row 12, field ZE: value 95 outside " \
        "[0, 90]"
    assert isinstance(exc, errors.InputError) and isinstance(exc, ValueError)
    assert (exc.path, exc.row, exc.field) == ("export.txt", 12, "ZE")


def _raised_names():
    for package in ("converters", "exporters", "simulation", "services",
                    "apdc"):
        for path in sorted((PROJECT_DIR / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Raise) and isinstance(
                        node.exc, ast.Call):
                    func = node.exc.func
                    name = getattr(func, "id", getattr(func, "attr", None))
                    yield path.relative_to(PROJECT_DIR), node.lineno, name


def test_no_unnumbered_input_error_is_raised():
    bare = [f"{path}:{line}" for path, line, name in _raised_names()
            if name == "InputError"]
    assert not bare, ("raise one of converters.errors.E01..E09 instead of "
                      "a bare InputError at " + ", ".join(bare))
