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

from workarounds import dachs_server

from apdc.dachs import pid_file

__all__ = ["main"]


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
    dachs_server.install_all()
    from gavo import base
    from gavo.user import serve
    base.setConfig("web", "serverPort", str(port))
    # DaCHS's pid manager would make every process share web.pid
    serve.PIDManager.path = str(pid_file(number))
    return dachs_server.main(["serve", "start"])


if __name__ == "__main__":
    sys.exit(main())
