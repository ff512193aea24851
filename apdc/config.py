"""Where things are, and the site settings from ivoa_meta/site.ini."""

import configparser
import os
from pathlib import Path

from converters.rdschema import RD_DIR

__all__ = ["PROJECT_DIR", "RD_DIR", "RESOURCES_DIR", "IVOA_META_DIR",
           "DACHS_CONFIG", "DACHS_ROOT", "mirror_dir", "site_settings",
           "server_url", "dachs_url", "portal_url", "RUN_DIR",
           "dachs_processes", "dachs_ports", "with_project_path"]

PROJECT_DIR = Path(__file__).resolve().parents[1]
RESOURCES_DIR = PROJECT_DIR / "resources"
IVOA_META_DIR = PROJECT_DIR / "ivoa_meta"

DACHS_CONFIG = Path(os.environ.get("GAVOSETTINGS", "/etc/gavo.rc"))
DACHS_ROOT = Path("/var/gavo")
#: The web tier's run-time files: rendered nginx configuration, pid
#: files and logs of nginx and the portal's gunicorn.
RUN_DIR = Path(os.environ.get("APDC_RUN_DIR", "/var/lib/apdc"))


def mirror_dir():
    """The local mirror of public data sets, or None.

    ``APDC_MIRROR`` names it; otherwise ``shared/data`` beside the
    checkout is used when it exists (as in CI).
    """
    if os.environ.get("APDC_MIRROR"):
        return Path(os.environ["APDC_MIRROR"])
    candidate = PROJECT_DIR.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


def site_settings():
    """The [site] section of ivoa_meta/site.ini, with environment overrides."""
    parser = configparser.ConfigParser()
    parser.read(IVOA_META_DIR / "site.ini")
    site = dict(parser["site"])
    if os.environ.get("APDC_PORT"):
        site["port"] = os.environ["APDC_PORT"]
        site["server_url"] = f"http://127.0.0.1:{site['port']}"
        # DaCHS and the portal sit on the next ports, on loopback
        site["dachs_port"] = str(int(site["port"]) + 1)
        site["portal_port"] = str(int(site["port"]) + 10)
    if os.environ.get("APDC_SERVER_URL"):
        site["server_url"] = os.environ["APDC_SERVER_URL"].rstrip("/")
    for key in ("dachs_port", "portal_port"):
        if os.environ.get(f"APDC_{key.upper()}"):
            site[key] = os.environ[f"APDC_{key.upper()}"]
    return site


def server_url():
    """The public URL (the proxy's), without a trailing slash."""
    return site_settings()["server_url"]


def dachs_url():
    """DaCHS's own address on loopback, behind the proxy."""
    return f"http://127.0.0.1:{site_settings()['dachs_port']}"


def portal_url():
    """The portal's (gunicorn's) address on loopback, behind the proxy."""
    return f"http://127.0.0.1:{site_settings()['portal_port']}"


def dachs_processes():
    """How many DaCHS server processes nginx balances over.

    site.ini ``dachs_processes`` (or ``APDC_DACHS_PROCESSES``); ``auto``
    (the default) is the number of cores.
    """
    value = os.environ.get("APDC_DACHS_PROCESSES") or site_settings().get(
        "dachs_processes", "auto")
    if value.strip() == "auto":
        return os.cpu_count() or 1
    return max(1, int(value))


def dachs_ports():
    """The loopback ports of the DaCHS processes: dachs_port, +1, ..."""
    first = int(site_settings()["dachs_port"])
    return [first + offset for offset in range(dachs_processes())]


def with_project_path(env):
    """``env`` (a dict of environment variables, changed in place and
    returned) with the project first on PYTHONPATH, so that a child
    process -- and the processes it starts, such as DaCHS's TAP
    runners -- imports the project's packages."""
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_DIR), env.get("PYTHONPATH")) if p)
    return env
