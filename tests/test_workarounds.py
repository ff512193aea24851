"""Each work-around of workarounds/ has a test that fails once upstream is fixed.

When one of these tests fails, the upstream bug it names is gone: remove
the work-around (its module and its call) and the test.  They read the
installed Debian packages, so they are live tests (not in "make check").
"""

import glob
import re

import pytest

from workarounds import pgsphere

pytestmark = pytest.mark.live


def _shipped_scripts():
    """pgSphere's extension scripts as Debian ships them (before patching)."""
    scripts = {path: path for path in glob.glob(pgsphere.EXTENSION_SCRIPTS)}
    for backup in glob.glob(pgsphere.EXTENSION_SCRIPTS + ".orig"):
        scripts[backup[:-len(".orig")]] = backup
    return sorted(scripts.values())


def test_pgsphere_still_ships_the_compat_operators():
    scripts = _shipped_scripts()
    assert scripts, "pgSphere is not installed ('make up' installs it)"
    assert any(pgsphere.COMPAT_OPERATOR.search(open(p, encoding="utf-8").read())
               for p in scripts), (
        "Debian's pgSphere no longer has the smoc compatibility operators: "
        "remove workarounds/pgsphere.py and its call in "
        "deploy/system_install.sh")


def test_pgsphere_patch_removes_exactly_the_compat_operators(tmp_path):
    script = tmp_path / "pg_sphere--1.2.0.sql"
    keep = "CREATE OPERATOR <@ (\n  LEFTARG = spoint,\n  RIGHTARG = scircle\n);\n"
    drop = ("CREATE OPERATOR @ (\n  LEFTARG = spoint,\n  RIGHTARG = smoc,\n"
            "  PROCEDURE = x\n);\n")
    script.write_text(keep + drop + keep)
    assert pgsphere.patch(str(script)) == 1
    assert script.read_text() == keep + keep
    assert re.search("RIGHTARG = smoc", (tmp_path / (script.name + ".orig")
                                         ).read_text())
    assert pgsphere.patch(str(script)) == 0
