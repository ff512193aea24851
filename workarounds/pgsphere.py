"""Make Debian 12's pgSphere 1.2.0 installable on current PostgreSQL 15.

PostgreSQL point releases since November 2024 reject an operator whose
commutator is already the commutator of another operator.  pgSphere's
extension script still carries two compatibility ``@`` operators on
``smoc`` that do exactly that, so ``CREATE EXTENSION pg_sphere`` (and
with it the gavodachs2-server post-install script) fails with
"commutator operator @> is already the commutator of operator <@".

Upstream pgSphere removed these operators (pgsphere pull request 92);
DaCHS no longer uses them.  This script drops them from the installed
extension script.  It is idempotent and keeps a backup of the original.
Run by ``deploy/system_install.sh`` as ``python3 -m workarounds.pgsphere``.

Fixed upstream when: Debian's ``postgresql-15-pgsphere`` ships an
extension script without these operators;
``tests/test_workarounds.py::test_pgsphere_still_ships_the_compat_operators``
then fails, and this module and its call can be removed.
"""

import glob
import re
import shutil
import sys

__all__ = ["COMPAT_OPERATOR", "EXTENSION_SCRIPTS", "patch", "main"]

#: Where Debian installs pgSphere's extension scripts.
EXTENSION_SCRIPTS = "/usr/share/postgresql/*/extension/pg_sphere--*.sql"

COMPAT_OPERATOR = re.compile(
    r"CREATE OPERATOR @ \(\s*LEFTARG\s*=\s*\w+,\s*RIGHTARG\s*=\s*smoc,.*?\);\n",
    re.S)


def patch(path):
    """Drop the compatibility operators from one script; how many."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    fixed, count = COMPAT_OPERATOR.subn("", text)
    if count:
        shutil.copy2(path, path + ".orig")
        with open(path, "w", encoding="utf-8") as f:
            f.write(fixed)
    return count


def main():
    """Patch every installed pgSphere extension script."""
    paths = glob.glob(EXTENSION_SCRIPTS)
    for path in paths:
        count = patch(path)
        if count:
            print(f"pgSphere: removed {count} obsolete smoc operators from {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
