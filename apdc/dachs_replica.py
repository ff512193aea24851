"""One more DaCHS server process: ``dachs serve start`` on another port.

``python -m apdc.dachs_replica NUMBER PORT`` starts DaCHS's server, with
every work-around of :mod:`workarounds.dachs_server` installed, on the
loopback port PORT and with the pid file ``web-NUMBER.pid`` beside
DaCHS's own ``web.pid``.  Everything else is the configuration of
/etc/gavo.rc, so all processes share the database (and with it the
``uws`` schema that holds the async jobs), the state folder (the UWS
job folders, ``uwsWD``), the RDs and the logs.  :mod:`apdc.dachs` starts
process 1 as plain ``dachs serve start`` and processes 2..N with this
module; nginx balances over all of them (docs/operations.md, "The web
tier").
"""

import sys
from pathlib import Path

__all__ = ["pid_file", "main"]


def pid_file(state_dir, number):
    """The pid file of DaCHS server process ``number`` (1 is DaCHS's own).

    Parameters
    ----------
    state_dir : pathlib.Path
        DaCHS's stateDir.
    number : int
        The process number, 1..N.

    Returns
    -------
    pathlib.Path
    """
    return Path(state_dir) / ("web.pid" if number == 1 else
                              f"web-{number}.pid")


def main(argv=None):
    """Start DaCHS server process NUMBER on PORT (detached, as DaCHS does).

    Parameters
    ----------
    argv : list of str, optional
        ``[NUMBER, PORT]`` (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code of ``dachs serve start``.
    """
    number, port = (int(value) for value in (argv or sys.argv[1:]))
    from workarounds import dachs_server
    dachs_server.install_all()
    from gavo import base
    from gavo.user import serve
    base.setConfig("web", "serverPort", str(port))
    # DaCHS's pid manager would make every process share web.pid
    serve.PIDManager.path = str(pid_file(base.getConfig("stateDir"), number))
    return dachs_server.main(["serve", "start"])


if __name__ == "__main__":
    sys.exit(main())
