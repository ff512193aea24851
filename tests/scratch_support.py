"""Scratch resources that live tests create and remove again.

A test that writes ``rd/NAME.rd`` and ``resources/NAME/`` and imports
it removes everything the import made with :func:`remove_resource`: the
tables (``dachs drop --all``: the create data elements are not auto,
and a partitioned table's partitions go with it), the RD, the resource
folder, apdc's import state and the FAIR records.
"""

import shutil
import subprocess
import sys

from apdc import config, fair_records

__all__ = ["dachs", "remove_resource"]


def dachs(*args):
    """Run the dachs command line; the CompletedProcess."""
    return subprocess.run([sys.executable, "/usr/bin/dachs", *args],
                          capture_output=True, text=True, timeout=600)


def remove_resource(name):
    """Remove the scratch resource ``name`` and all that its import made."""
    rd_path = config.RD_DIR / f"{name}.rd"
    if rd_path.exists():
        proc = dachs("drop", "--all", name)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    rd_path.unlink(missing_ok=True)
    shutil.rmtree(config.RESOURCES_DIR / name, ignore_errors=True)
    (config.DACHS_ROOT / "state" / "apdc" / f"{name}.json").unlink(
        missing_ok=True)
    shutil.rmtree(fair_records.RECORDS_DIR / name, ignore_errors=True)
