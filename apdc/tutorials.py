"""Build the tutorials for the portal: classroom files, executed notebooks
and their rendered HTML (``apdc tutorials``; the live test runs the same).

For every tutorial in ``tutorials/`` (``converters.tutorials``):

1. the classroom file: the result of its record's ADQL query, asked of
   the running data centre through TAP, written as CSV;
2. each notebook, executed with nbclient in the tutorial's build folder
   (where the classroom file is) with the server URL injected into its
   ``parameters`` cell, under a per-notebook time limit;
3. the executed notebook and its HTML (nbconvert), and the key numbers
   the notebook displays as an ``application/json`` record.

Everything goes to the build folder (``APDC_EDUCATION_BUILD``, by
default ``RUN_DIR/tutorials``), which the portal serves; nothing is
written into the checkout.
"""

import copy
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter

from converters import tutorials as records

from . import config, dachs, web

__all__ = ["build_dir", "publish", "write_classroom", "execute", "build_all",
           "is_current", "Run", "TutorialError"]

#: Seconds one notebook may run (kernel start included).
NOTEBOOK_TIMEOUT = 300


class TutorialError(RuntimeError):
    """A notebook failed: the message names the notebook and the cell."""


@dataclass
class Run:
    """The outcome of executing one notebook."""

    slug: str
    language: str
    notebook: Path          # the executed copy in the build folder
    html: Path
    results: dict
    images: int
    seconds: float = 0.0
    errors: list = field(default_factory=list)


def build_dir():
    """The folder the portal serves the built tutorials from."""
    return Path(web.portal_environment().get(
        "APDC_EDUCATION_BUILD", config.RUN_DIR / "tutorials"))


def publish():
    """Publish the tutorials' registry records (``rd/tutorials.rd``)."""
    dachs.run("pub", "tutorials", quiet=True)


def write_classroom(tutorial, folder, server_url=None):
    """Write the tutorial's classroom CSV into ``folder``; its path.

    The rows are the answer of the data centre's TAP service to the
    record's ADQL query (``classroom.adql``).
    """
    import pyvo
    server_url = server_url or config.server_url()
    table = pyvo.dal.TAPService(server_url + "/tap").run_sync(
        tutorial.record["classroom"]["adql"]).to_table()
    for column in table.columns.values():   # plain CSV: no units row
        column.unit = None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / tutorial.classroom_file
    partial = path.with_suffix(".part")
    table.write(partial, format="ascii.csv", overwrite=True)
    os.replace(partial, path)
    return path


def _inject(notebook, server_url):
    """Set SERVER_URL in the parameters cell (as papermill would)."""
    for cell in notebook.cells:
        if "parameters" in cell.metadata.get("tags", ()):
            cell.source += f"\nSERVER_URL = {server_url!r}  # injected\n"
            return
    raise TutorialError("no cell tagged 'parameters'")


def _collect(notebook):
    """(results record, number of images, error outputs) of an executed run."""
    results, images, errors = None, 0, []
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data", {})
            images += "image/png" in data
            if "application/json" in data:
                results = dict(data["application/json"])
            if output.get("output_type") == "error":
                errors.append(f"{output['ename']}: {output['evalue']}")
    return results, images, errors


def execute(tutorial, language, folder, server_url=None,
            timeout=NOTEBOOK_TIMEOUT):
    """Run one notebook in ``folder``; write it executed and as HTML.

    Raises
    ------
    TutorialError
        If a cell fails or the time limit is exceeded (naming both), or
        the notebook displays no results record.
    """
    source = tutorial.notebook(language)
    notebook = nbformat.read(source, as_version=4)
    run_copy = copy.deepcopy(notebook)
    _inject(run_copy, server_url or config.server_url())
    started = time.monotonic()
    client = NotebookClient(run_copy, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as exc:
        raise TutorialError(f"{source.name}: {exc}") from exc
    seconds = time.monotonic() - started
    results, images, errors = _collect(run_copy)
    if results is None:
        raise TutorialError(f"{source.name}: no application/json results")
    executed = folder / source.name
    nbformat.write(run_copy, executed)
    html, _ = HTMLExporter().from_notebook_node(
        run_copy, resources={"metadata": {"name": tutorial.text(
            "title", language)}})
    html_path = executed.with_suffix(".html")
    html_path.write_text(html, encoding="utf-8")
    (folder / f"results_{language}.json").write_text(
        json.dumps(results, indent=1), encoding="utf-8")
    return Run(tutorial.slug, language, executed, html_path, results,
               images, seconds, errors)


def is_current(root=None):
    """True if every notebook's HTML and classroom file are in the build
    folder and newer than the notebook and its record (``apdc up`` then
    skips the build; ``apdc tutorials`` always builds)."""
    root = Path(root) if root else build_dir()
    for tutorial in records.catalogue():
        sources = [tutorial.folder / "education.json"] + [
            tutorial.notebook(code) for code in tutorial.languages]
        built = [root / tutorial.slug / tutorial.classroom_file] + [
            root / tutorial.slug / tutorial.notebook(code).with_suffix(
                ".html").name for code in tutorial.languages]
        if not all(path.is_file() for path in built):
            return False
        newest_source = max(path.stat().st_mtime for path in sources)
        if min(path.stat().st_mtime for path in built) < newest_source:
            return False
    return True


def build_all(server_url=None, root=None, log=sys.stderr,
              timeout=NOTEBOOK_TIMEOUT):
    """Classroom files, executed notebooks and HTML of every tutorial.

    Returns the list of :class:`Run`; a failing notebook is reported and
    the others are still built.
    """
    root = Path(root) if root else build_dir()
    runs, failures = [], []
    for tutorial in records.catalogue():
        folder = root / tutorial.slug
        classroom = write_classroom(tutorial, folder, server_url)
        print(f"[{tutorial.slug}] classroom file {classroom} "
              f"({classroom.stat().st_size} bytes)", file=log, flush=True)
        for language in tutorial.languages:
            try:
                run = execute(tutorial, language, folder, server_url,
                              timeout)
            except TutorialError as exc:
                failures.append(str(exc))
                print(f"[{tutorial.slug}] {language}: FAILED {exc}"[:2000],
                      file=log, flush=True)
                continue
            runs.append(run)
            print(f"[{tutorial.slug}] {language}: executed in "
                  f"{run.seconds:.1f} s, {run.images} images -> {run.html}",
                  file=log, flush=True)
    if failures:
        raise TutorialError("; ".join(f[:500] for f in failures))
    return runs
