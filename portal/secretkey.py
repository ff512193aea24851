"""The portal's state directory and its secret key, made on first use.

The key signs sessions, CSRF tokens, e-mail verification and password
reset links; it lives in a file outside the checkout (never committed)
that the first start, normally ``python -m portal portal_setup`` during
``make up``, creates with mode 0600.
"""

import os
import secrets
import tempfile
from pathlib import Path

__all__ = ["state_dir", "read_or_create"]

_SYSTEM_STATE = Path("/var/lib/apdc-portal")


def state_dir():
    """The directory for the portal's own files (key, collected statics).

    Returns
    -------
    pathlib.Path
        ``$APDC_PORTAL_STATE_DIR``, else ``/var/lib/apdc-portal`` when it
        exists or can be made, else ``~/.local/state/apdc-portal`` (so that
        ``make check`` runs without root).
    """
    configured = os.environ.get("APDC_PORTAL_STATE_DIR")
    if configured:
        return Path(configured)
    try:
        _SYSTEM_STATE.mkdir(mode=0o750, parents=True, exist_ok=True)
        if os.access(_SYSTEM_STATE, os.W_OK):
            return _SYSTEM_STATE
    except OSError:
        pass
    return Path.home() / ".local" / "state" / "apdc-portal"


def read_or_create(path):
    """The secret key stored at ``path``; a new random one if absent.

    Parameters
    ----------
    path : pathlib.Path
        The key file.

    Returns
    -------
    str
        The key.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
        # Written aside, then linked: of two workers starting at once one
        # wins, and neither ever reads a half-written key.
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text(encoding="ascii").strip()
