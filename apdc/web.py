"""The web tier: nginx as the one public origin, the portal behind it.

DaCHS (:mod:`apdc.dachs`) listens on a loopback port of its own; the
portal (Django, ``portal/``) runs under gunicorn on another; nginx,
configured from ``deploy/nginx.conf.in``, is the only public listener
and asks the portal's ``/auth/check`` before it passes a request to
DaCHS.  Everything runs in the background with its pid and log files in
:data:`apdc.config.RUN_DIR`.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from . import config, dachs

__all__ = ["WebError", "start_all", "stop_all", "status", "static_root",
           "start_workers", "stop_workers", "workers_up",
           "start_dispatcher", "stop_dispatcher", "dispatcher_up",
           "portal_environment", "write_proxy_config",
           "setup_portal", "start_portal", "stop_portal", "portal_is_up",
           "start_proxy", "stop_proxy", "proxy_is_up"]

DEPLOY_DIR = config.PROJECT_DIR / "deploy"
PORTAL_WORKERS = 3


class WebError(RuntimeError):
    """The proxy or the portal could not be configured or started."""


def _nginx_conf():
    return config.RUN_DIR / "nginx.conf"


def portal_environment():
    """The environment the portal runs with (settings come from it)."""
    env = dict(os.environ)
    env.setdefault("APDC_SERVER_URL", config.server_url())
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    env.setdefault("APDC_PORTAL_STATE_DIR", "/var/lib/apdc-portal")
    # nginx's workers (not root) read the static files; the state folder
    # (secret key) stays private
    env.setdefault("APDC_PORTAL_STATIC_ROOT",
                   str(config.RUN_DIR / "portal-static"))
    return config.with_project_path(env)


def static_root():
    """The folder nginx serves as /portal-static/ (the sky map is there)."""
    return Path(portal_environment()["APDC_PORTAL_STATIC_ROOT"])


def write_proxy_config():
    """Render nginx's configuration into RUN_DIR; True if it changed."""
    site = config.site_settings()
    url = urllib.parse.urlsplit(site["server_url"])
    config.RUN_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DEPLOY_DIR / "proxy_headers.conf",
                    config.RUN_DIR / "proxy_headers.conf")
    text = (DEPLOY_DIR / "nginx.conf.in").read_text(encoding="utf-8").format(
        run_dir=config.RUN_DIR, listen=f"{url.hostname}:{site['port']}",
        server_name=url.hostname, dachs_port=site["dachs_port"],
        dachs_servers="\n".join(
            f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;"
            for port in config.dachs_ports()),
        portal_port=site["portal_port"], portal_static=static_root())
    path = _nginx_conf()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def _run(cmd, what, env=None):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, env=env)
    if proc.returncode:
        raise WebError(f"{what} failed (exit {proc.returncode}): "
                       f"{' '.join(map(str, cmd))}\n{proc.stdout}")
    return proc.stdout


def setup_portal():
    """Create the portal's database if needed, migrate, collect static."""
    _run([sys.executable, "-m", "portal", "portal_setup"], "portal setup",
         env=portal_environment())


def _answers(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True   # it answered, if only with an error status
    except OSError:
        return False


def _wait_for(url, what, log_file, wait=30):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if _answers(url):
            return
        time.sleep(0.3)
    raise WebError(f"{what} did not answer at {url} within {wait} s; see "
                   f"{log_file}")


def portal_is_up():
    """True if gunicorn answers on the portal's loopback port."""
    return _answers(config.portal_url() + "/api/whoami")


def start_portal():
    """Start the portal under gunicorn in the background (if not up)."""
    if portal_is_up():
        return
    log = config.RUN_DIR / "portal.log"
    config.RUN_DIR.mkdir(parents=True, exist_ok=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    _run([str(gunicorn), "--daemon", "--pid",
          str(config.RUN_DIR / "portal.pid"), "--workers",
          str(PORTAL_WORKERS), "--bind",
          f"127.0.0.1:{config.site_settings()['portal_port']}",
          "--chdir", str(config.PROJECT_DIR), "--error-logfile", str(log),
          "--access-logfile", str(config.RUN_DIR / "portal-access.log"),
          "portal.wsgi:application"], "starting the portal",
         env=portal_environment())
    _wait_for(config.portal_url() + "/api/whoami", "The portal", log)


def _signal_pidfile(path, sig):
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, sig)
        return pid
    except (OSError, ValueError):
        return None


def _wait_gone(pid, wait):
    """Wait until process ``pid`` has exited (it holds its port until then)."""
    deadline = time.monotonic() + wait
    while pid and time.monotonic() < deadline:
        try:
            # reap it if this process started it (else it stays a zombie)
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            pass
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.1)


def stop_portal(wait=30):
    """Stop gunicorn (graceful: running requests finish)."""
    _wait_gone(_signal_pidfile(config.RUN_DIR / "portal.pid",
                               signal.SIGTERM), wait)


def _running(pidfile):
    try:
        os.kill(int(pidfile.read_text().strip()), 0)
        return True
    except (OSError, ValueError):
        return False


def proxy_is_up():
    """True if our nginx runs and answers at the public server URL."""
    return _running(config.RUN_DIR / "nginx.pid") and _answers(
        config.server_url() + "/proxy-health")


def start_proxy():
    """Start nginx with the rendered configuration, or reload it."""
    conf = _nginx_conf()
    if not conf.exists():
        write_proxy_config()
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (config.RUN_DIR / folder).mkdir(parents=True, exist_ok=True)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    _run([nginx, "-t", "-q", "-c", str(conf)], "checking nginx.conf")
    if proxy_is_up():
        _run([nginx, "-c", str(conf), "-s", "reload"], "reloading nginx")
        return
    _run([nginx, "-c", str(conf)], "starting nginx")
    _wait_for(config.server_url() + "/proxy-health", "nginx",
              config.RUN_DIR / "nginx-error.log", wait=10)


def stop_proxy(wait=30):
    """Stop nginx (graceful)."""
    _wait_gone(_signal_pidfile(config.RUN_DIR / "nginx.pid",
                               signal.SIGQUIT), wait)


def _shop_workers():
    return int(config.site_settings().get("shop_workers", "1"))


def _worker_pidfile(number):
    return config.RUN_DIR / f"shop-worker-{number}.pid"


def workers_up():
    """How many of the shop's Celery workers run."""
    return sum(_running(_worker_pidfile(n))
               for n in range(1, _shop_workers() + 1))


def start_workers():
    """The data shop's Celery workers (site.ini ``shop_workers``), detached.

    Each has its own node name and scratch folder, as a worker on
    another machine would; the queue and its settings are the portal's
    (``portal/celery.py``, ``portal/README.md``).
    """
    celery = Path(sys.executable).with_name("celery")
    for number in range(1, _shop_workers() + 1):
        if _running(_worker_pidfile(number)):
            continue
        # (each worker scratches in APDC_SHOP_SCRATCH/<its node name>/)
        env = portal_environment()
        _run([str(celery), "-A", "portal.celery", "worker", "--detach",
              "-Q", env.get("APDC_SHOP_QUEUE", "apdc-shop"), "-c", "2",
              "-n", f"w{number}@%h", "--pidfile",
              str(_worker_pidfile(number)), "--logfile",
              str(config.RUN_DIR / f"shop-worker-{number}.log")],
             f"starting shop worker {number}", env=env)


def stop_workers(wait=60):
    """Stop the workers (warm shutdown: a running export finishes or is
    redelivered to another worker, as its message is acknowledged late)."""
    for number in range(1, _shop_workers() + 1):
        _wait_gone(_signal_pidfile(_worker_pidfile(number), signal.SIGTERM),
                   wait)


def dispatcher_up():
    """True if the shop's dispatcher runs."""
    return _running(config.RUN_DIR / "shop-dispatcher.pid")


def start_dispatcher():
    """The one dispatcher: sends requests the broker has not yet taken
    (e.g. while it was down) and purges expired packages."""
    if dispatcher_up():
        return
    config.RUN_DIR.mkdir(parents=True, exist_ok=True)
    with open(config.RUN_DIR / "shop-dispatcher.log", "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "portal", "shop_dispatcher", "--interval",
             "5", "--purge-every", "3600"], stdout=log,
            stderr=subprocess.STDOUT, env=portal_environment(),
            cwd=config.PROJECT_DIR, start_new_session=True)
    (config.RUN_DIR / "shop-dispatcher.pid").write_text(str(proc.pid))


def stop_dispatcher(wait=30):
    """Stop the dispatcher."""
    _wait_gone(_signal_pidfile(config.RUN_DIR / "shop-dispatcher.pid",
                               signal.SIGTERM), wait)


def start_all():
    """DaCHS, the portal, the proxy and the shop, each if not up."""
    dachs.start_server()
    start_portal()
    start_proxy()
    start_workers()
    start_dispatcher()


def stop_all():
    """The proxy first (no new requests), then the shop, portal, DaCHS."""
    stop_proxy()
    stop_dispatcher()
    stop_workers()
    stop_portal()
    dachs.stop_server()


def status():
    """Which parts answer: proxy, portal, DaCHS, shop workers, dispatcher."""
    return {"proxy": proxy_is_up(), "portal": portal_is_up(),
            "dachs": dachs.server_is_up(),
            **{f"dachs process {p['number']} (:{p['port']}, pid {p['pid']})":
               p["up"] for p in dachs.processes()},
            "shop workers": workers_up() == _shop_workers(),
            "dispatcher": dispatcher_up()}
