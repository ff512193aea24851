"""Configuring and driving DaCHS: the one place that runs ``dachs``."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

from . import config, info_page, ingest

__all__ = ["DachsError", "run", "write_config", "ensure_created",
           "ensure_obscore", "server_is_up", "start_server", "stop_server",
           "restart_server", "reload_rds", "processes", "pid_file"]


class DachsError(RuntimeError):
    """A dachs command failed; the message carries its output."""


def run(*args, check=True, quiet=False):
    """Run ``dachs ARGS`` and return its combined output.

    DaCHS is run by this process's Python, so that the venv's packages
    (uproot, ...) are importable by the RDs' code as well, from the
    project folder, so that the RDs' code finds the project's packages.
    """
    # through workarounds.dachs_server: the DaCHS command line with the
    # DaCHS-side work-arounds installed (workarounds/)
    cmd = [sys.executable, "-m", "workarounds.dachs_server", *args]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    if not quiet and proc.stdout.strip():
        print(proc.stdout.rstrip(), file=sys.stderr)
    if check and proc.returncode:
        raise DachsError(f"'dachs {' '.join(args)}' failed "
            f"(exit {proc.returncode}):\n{proc.stdout}")
    return proc.stdout


def write_config():
    """Render /etc/gavo.rc and DaCHS's defaultmeta from ivoa_meta/."""
    site = config.site_settings()
    template = (config.IVOA_META_DIR / "gavo.rc.in").read_text(encoding="utf-8")
    rendered = template.format(
        rd_dir=config.RD_DIR, **site)
    _write_if_changed(config.DACHS_CONFIG, rendered)
    _write_if_changed(config.DACHS_ROOT / "etc" / "defaultmeta.txt",
        (config.IVOA_META_DIR / "defaultmeta.txt").read_text(encoding="utf-8"))
    _write_if_changed(config.DACHS_ROOT / "etc" / "userconfig.rd",
        (config.IVOA_META_DIR / "userconfig.rd").read_text(encoding="utf-8"))
    # DaCHS fetches IVOA vocabularies from the network into its cache; the
    # project ships the terms it uses so that validation works offline.
    for vocabulary in (config.IVOA_META_DIR / "vocabularies").glob("*.json"):
        cached = config.DACHS_ROOT / "cache" / (
            "http:=2F=2Fwww.ivoa.net=2Frdf=2F" + vocabulary.stem)
        _write_if_changed(cached, vocabulary.read_text(encoding="utf-8"))
        cached.touch()  # DaCHS re-fetches cache entries older than 150 days
    # DaCHS takes page templates only from <rootDir>/web/templates.
    for template in (config.IVOA_META_DIR / "templates").glob("*.html"):
        _write_if_changed(config.DACHS_ROOT / "web" / "templates"
            / template.name, template.read_text(encoding="utf-8"))
    # the info pages embed the resources' JSON-LD (docs/fair.md)
    for name in info_page.TEMPLATES:
        _write_if_changed(config.DACHS_ROOT / "web" / "templates" / name,
            info_page.with_jsonld(info_page.dachs_template(name)))


def _write_if_changed(path, text):
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return True


def ensure_created(table, *imp_args):
    """Run ``dachs imp *imp_args`` unless the table ``schema.table``
    exists already."""
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", (table,))
            exists = cursor.fetchone()[0] is not None
    finally:
        conn.close()
    if not exists:
        run("imp", *imp_args, quiet=True)


def ensure_obscore():
    """Create DaCHS's ivoa.obscore once; tables with ObsCore clauses
    (H.E.S.S. runs, KASCADE run files) join it when they are imported."""
    ensure_created("ivoa.obscore", "//obscore")


def _answers(port, timeout=2):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/",
                                    timeout=timeout):
            return True
    except OSError:
        return False


def server_is_up(timeout=2):
    """True if every DaCHS process answers on its (loopback) port."""
    return all(_answers(port, timeout) for port in config.dachs_ports())


def pid_file(number):
    """The pid file of DaCHS server process ``number`` (1: DaCHS's own).

    Parameters
    ----------
    number : int
        The process number, 1..N.

    Returns
    -------
    pathlib.Path
    """
    return config.DACHS_ROOT / "state" / (
        "web.pid" if number == 1 else f"web-{number}.pid")


def _pid(number):
    try:
        return int(pid_file(number).read_text().strip())
    except (OSError, ValueError):
        return None


def _running(number):
    pid = _pid(number)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def processes():
    """Each DaCHS server process: number, port, pid, whether it answers.

    Returns
    -------
    list of dict
    """
    return [{"number": number, "port": port, "pid": _pid(number),
             "up": _answers(port)}
            for number, port in enumerate(config.dachs_ports(), 1)]


def _start_process(number, port):
    if number == 1:
        run("serve", "start")
    else:
        # the same server on the next port (apdc/dachs_replica.py)
        proc = subprocess.run([sys.executable, "-m", "apdc.dachs_replica",
                               str(number), str(port)], cwd=config.PROJECT_DIR,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode:
            raise DachsError(f"DaCHS process {number} (port {port}) did not "
                             f"start (exit {proc.returncode}):\n{proc.stdout}")


def start_server(wait=60):
    """Start every DaCHS server process that does not answer, and wait
    until all do (site.ini ``dachs_processes``, one port each)."""
    for number, port in enumerate(config.dachs_ports(), 1):
        # a running process that is slow to answer (a loaded machine) is
        # waited for: a second start would fail on its pid file
        if not _answers(port) and not _running(number):
            _start_process(number, port)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if server_is_up():
            return
        time.sleep(0.5)
    raise DachsError(f"DaCHS did not answer at {config.dachs_ports()} within "
        f"{wait} s; see /var/gavo/logs/dcErrors and /var/gavo/logs/server.stderr")


def stop_server(wait=30):
    """Stop DaCHS (by its pid files, also if it answers on an old port)."""
    run("serve", "stop", check=False, quiet=True)
    # processes 2.. (also those of a larger dachs_processes of before)
    for path in (config.DACHS_ROOT / "state").glob("web-*.pid"):
        number = int(path.stem.split("-")[1])
        pid = _pid(number)
        try:
            os.kill(pid, signal.SIGTERM)
        except (OSError, TypeError):
            path.unlink(missing_ok=True)
            continue
        deadline = time.monotonic() + wait
        while path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)


def restart_server(wait=60):
    """Stop every DaCHS server process and start them all again.

    ``dachs serve restart`` restarts only DaCHS's own process (its
    ``web.pid``); processes 2..N (:mod:`apdc.dachs_replica`) would keep
    the configuration, the code and the ``inputsDir`` they started with
    (after ``make up`` from another checkout they looked for RDs and
    products in the old one: 404 for a new RD, other files).
    """
    stop_server()
    start_server(wait)


def reload_rds():
    """Make every running server process drop its cached RDs (after
    re-publishing or rewriting what an RD reads when it loads, such as
    the JSON-LD of rd/common.rd).

    DaCHS reloads a cached RD whose file is newer than its loading
    (``rscdesc.RD.isDirty``), in each process; ``dachs serve expireRDs``
    reaches only the one process behind the server URL and needs RD ids
    and an admin password.  The fingerprints hash RD contents, not
    times (:mod:`apdc.fingerprint`), so imports stay current.
    """
    for path in config.RD_DIR.glob("*.rd"):
        path.touch()
