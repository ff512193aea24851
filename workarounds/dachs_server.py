"""``dachs`` with every DaCHS-side work-around installed.

``python -m workarounds.dachs_server ARGS`` is ``dachs ARGS``, but with
the patches of :mod:`workarounds.dachs_colstat` and
:mod:`workarounds.dachs_security_method` applied in the process first,
so that the server (``serve start``) and every command that writes
table or registry metadata (``imp``, ``pub``, ``limits``) use them.
``apdc`` runs DaCHS only this way (``apdc/dachs.py``).
"""

import sys

from workarounds import dachs_colstat, dachs_security_method

__all__ = ["PATCHES", "install_all", "main"]

#: The work-around modules applied, each with install() and bug_present().
PATCHES = (dachs_colstat, dachs_security_method)


def install_all():
    """Apply every DaCHS-side work-around in this process."""
    for patch in PATCHES:
        patch.install()


def main(argv=None):
    """Run the dachs command line with the work-arounds installed.

    Parameters
    ----------
    argv : list of str, optional
        The dachs arguments (default: ``sys.argv[1:]``).
    """
    install_all()
    from gavo.user import cli
    sys.argv = ["dachs", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
