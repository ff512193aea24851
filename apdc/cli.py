"""``apdc``: the operator's command line.

    apdc up                 configure, import every resource, start, show URLs
    apdc setup              write DaCHS's configuration from ivoa_meta/
    apdc fetch NAME ...     get data sets from their origin or a mirror
    apdc import [NAME ...]  import resources (all by default)
    apdc alert add FILE     add an IceCube alert VOEvent to icecube_alerts
    apdc withdraw NAME      withdraw a resource from the registry
    apdc start | stop | status | urls
"""

import argparse
import sys
import time
from pathlib import Path

from . import config, dachs, fetch, ingest, resources


def _say(message):
    print(message, file=sys.stderr, flush=True)


def cmd_setup(args):
    dachs.write_config()
    _say("DaCHS configured from ivoa_meta/ "
        f"(server {config.server_url()}, RDs in {config.RD_DIR}).")


def _row_counts(resource):
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("""SELECT table_name FROM information_schema.tables
                WHERE table_schema = %s ORDER BY table_name""",
                (resource.name,))
            names = [row[0] for row in cursor.fetchall()]
            counts = {}
            for name in names:
                cursor.execute(f"SELECT COUNT(*) FROM {resource.name}.{name}")
                counts[name] = cursor.fetchone()[0]
        return counts
    finally:
        conn.close()


def _layout_changed(resource):
    """Tables whose columns in the database differ from the RD's."""
    from gavo import api
    rd = api.getRD(resource.name)
    conn = ingest.get_connection()
    changed = []
    try:
        with conn.cursor() as cursor:
            for td in rd.tables:
                if not td.onDisk:
                    continue
                cursor.execute("""SELECT column_name FROM
                    information_schema.columns WHERE table_schema = %s
                    AND table_name = %s""", (resource.name, td.id))
                in_db = {row[0] for row in cursor.fetchall()}
                if in_db and in_db != {c.name.lower() for c in td}:
                    changed.append(f"{resource.name}.{td.id}")
    finally:
        conn.close()
    return changed


def import_resource(resource, force=False, recreate=False):
    """Import one resource; returns False if its data is not available."""
    _say(f"[{resource.name}] {resource.description}")
    if not resource.prepare():
        _say(f"[{resource.name}] skipped: no input data.")
        return False
    counts = _row_counts(resource)
    changed = _layout_changed(resource)
    if changed:
        _say(f"[{resource.name}] the RD changed the columns of {changed}; "
            "recreating the tables (they are empty until the import ends).")
    if recreate or not counts or changed:
        dachs.run("imp", resource.name, "create", quiet=True)
        resources.forget(resource)
        counts = _row_counts(resource)
    if not force and resources.is_current(resource, counts):
        _say(f"[{resource.name}] up to date "
            f"({', '.join(f'{k}: {v} rows' for k, v in counts.items())}).")
        return True

    # Keep the table, refresh its metadata (descriptions, TAP_SCHEMA).
    dachs.run("imp", "-m", resource.name, "create", quiet=True)
    started = time.monotonic()
    authority = config.site_settings()["authority"]
    n_rows = 0
    for table, data in resource.tables(authority):
        n_rows += ingest.replace_rows(table, data)
    elapsed = time.monotonic() - started
    dachs.run("pub", resource.name, quiet=True)
    # Table-level limits only (row counts, coverage): the column statistics
    # of a full run add g-colstat attributes to /tap/tables, which the
    # VODataService 1.1 schema (and so taplint) rejects.
    dachs.run("limits", "-t", resource.name, quiet=True, check=False)
    resources.mark_current(resource, _row_counts(resource))
    _say(f"[{resource.name}] imported {n_rows} rows in {elapsed:.1f} s "
        f"({n_rows / max(elapsed, 1e-9):,.0f} rows/s).")
    return True


def cmd_import(args):
    names = args.names or list(resources.ALL)
    dachs.ensure_obscore()
    unknown = [n for n in names if n not in resources.ALL]
    if unknown:
        raise SystemExit(f"Unknown resource(s) {unknown}; known: "
            f"{', '.join(resources.ALL)}")
    skipped = [name for name in names if not import_resource(
        resources.ALL[name], force=args.force, recreate=args.recreate)]
    # The registry's own records: authority, publishing registry, TAP
    # (whose record carries the tableset of everything imported).
    dachs.run("pub", "//services", "//tap", quiet=True)
    dachs.reload_rds()
    if skipped:
        _say(f"Skipped for lack of data: {', '.join(skipped)}.")


def cmd_fetch(args):
    datasets = {n: r for n, r in resources.ALL.items()
        if isinstance(r, resources.Dataset)}
    names = args.names or list(datasets)
    unknown = [n for n in names if n not in datasets]
    if unknown:
        raise SystemExit(f"{', '.join(unknown)}: not a data set with a "
            f"manifest; known: {', '.join(datasets)}")
    mirror = Path(args.mirror) if args.mirror else None
    incomplete = []
    for name in names:
        _say(f"[{name}] {datasets[name].description}")
        if not fetch.ensure(datasets[name], mirror, force=args.force):
            incomplete.append(name)
    if incomplete:
        _say(f"apdc: could not get all files of {', '.join(incomplete)}")
        return 2


def cmd_alert_add(args):
    from converters import voevent
    stored, _ = voevent.add_voevent(args.file)
    _say(f"Stored {args.file} as {stored}; re-importing the alerts.")
    if not import_resource(resources.ALL["icecube_alerts"]):
        return 2
    dachs.reload_rds()


def cmd_withdraw(args):
    resource = resources.ALL.get(args.name)
    if resource is None:
        raise SystemExit(f"Unknown resource {args.name}")
    dachs.run("pub", "-u", args.name, quiet=True)
    resources.forget(resource)
    dachs.reload_rds()
    _say(f"{args.name} withdrawn: the registry now shows its records as "
        "deleted.  Its tables stay queryable until you drop them "
        f"('dachs drop {args.name}'); 'apdc import --force {args.name}' "
        "publishes it again.")


def cmd_start(args):
    dachs.start_server()
    _say(f"DaCHS is serving at {config.server_url()}/")


def cmd_stop(args):
    dachs.stop_server()
    _say("DaCHS stopped.")


def cmd_status(args):
    up = dachs.server_is_up()
    print(f"server {config.server_url()}: {'up' if up else 'down'}")
    for resource in resources.ALL.values():
        try:
            counts = _row_counts(resource)
        except Exception as exc:  # database down: say so, don't trace back
            counts = f"database not reachable ({exc.__class__.__name__})"
        print(f"{resource.name}: {counts or 'not imported'}")
    return 0 if up else 3


def service_urls():
    """(label, URL) of the web root, TAP and every cone search."""
    base = config.server_url()
    urls = [("Web root", f"{base}/"), ("TAP", f"{base}/tap"),
        ("Registry (OAI-PMH)", f"{base}/oai.xml")]
    for name in resources.ALL:
        rd_text = (config.RD_DIR / f"{name}.rd").read_text(encoding="utf-8")
        if '<service id="cone"' in rd_text:
            urls.append((f"Cone search {name}", f"{base}/{name}/cone/scs.xml"))
        if '<service id="ssa"' in rd_text:
            urls.append((f"SSA {name}", f"{base}/{name}/ssa/ssap.xml"))
    return urls


def cmd_urls(args):
    for label, url in service_urls():
        print(f"{label:28s} {url}")


def cmd_up(args):
    cmd_setup(args)
    was_up = dachs.server_is_up()
    cmd_import(args)
    if was_up:
        # configuration or RDs may have changed under the running server
        dachs.run("serve", "restart", check=False, quiet=True)
    cmd_start(args)
    cmd_urls(args)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="apdc",
        description="Operate the astroparticle VO data centre.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, help_ in [
            ("up", cmd_up, "configure, import everything, start, print URLs"),
            ("setup", cmd_setup, "write DaCHS's configuration"),
            ("fetch", cmd_fetch, "fetch data sets (all by default)"),
            ("import", cmd_import, "import resources"),
            ("start", cmd_start, "start the DaCHS server"),
            ("stop", cmd_stop, "stop the DaCHS server"),
            ("status", cmd_status, "server state and table sizes"),
            ("withdraw", cmd_withdraw, "withdraw a resource from the registry"),
            ("urls", cmd_urls, "print the service URLs")]:
        p = sub.add_parser(name, help=help_)
        p.set_defaults(func=func)
        if name == "withdraw":
            p.add_argument("name", metavar="NAME")
        if name == "fetch":
            p.add_argument("names", nargs="*", metavar="NAME")
            p.add_argument("--mirror", metavar="DIR",
                help="copy from this local mirror (default: $APDC_MIRROR)")
            p.add_argument("--force", action="store_true",
                help="fetch again even if the file is there")
        if name in ("up", "import"):
            p.add_argument("names", nargs="*", metavar="NAME",
                help=f"resources ({', '.join(resources.ALL)}; default all)")
            p.add_argument("--force", action="store_true",
                help="re-import even if the inputs did not change")
            p.add_argument("--recreate", action="store_true",
                help="drop and recreate the tables from the RD first")
    alert = sub.add_parser("alert", help="neutrino alerts")
    alert_sub = alert.add_subparsers(dest="alert_command", required=True)
    add = alert_sub.add_parser("add", help="add an IceCube VOEvent alert")
    add.add_argument("file", help="a VOEvent 2.0 XML file as sent by GCN")
    add.set_defaults(func=cmd_alert_add)
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except (dachs.DachsError, ingest.IngestError, fetch.FetchError) as exc:
        _say(f"apdc: {exc}")
        return 2
    except Exception as exc:
        from converters.errors import InputError
        if isinstance(exc, InputError):
            _say(f"apdc: bad input: {exc}\nFix or remove the file, then run "
                "'apdc import' again; the served tables are unchanged.")
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
