"""``apdc``: the operator's command line.

    apdc up                 configure, import every resource, start, show URLs
    apdc setup              configure DaCHS, the portal and the proxy
    apdc fetch NAME ...     get data sets from their origin or a mirror
    apdc import [NAME ...]  import resources (all by default)
    apdc alert add FILE     add an IceCube alert VOEvent to icecube_alerts
    apdc alert analyse NAME analyse an alert of icecube_alerts again
    apdc withdraw NAME      withdraw a resource from the registry
    apdc shop status        the data shop's queue, workers and requests
    apdc archive create|verify|restore  archival bags of releases
    apdc tutorials          build the tutorials: classroom files, run notebooks
    apdc start | stop | status | urls
"""

import argparse
import subprocess
import sys
from pathlib import Path

from converters import rdschema
from converters.errors import InputError
from exporters import shop

from . import (alert_analysis, alerts, archive_commands, config, dachs,
               fair_commands, fetch, importer, ingest,
               shard_commands,
               releases, resources, skymap, state, tutorials, web)

__all__ = ["main", "service_urls"]


def _say(message):
    print(message, file=sys.stderr, flush=True)


def cmd_setup(args):
    dachs.write_config()
    _say("DaCHS configured from ivoa_meta/ "
        f"(public {config.server_url()}, DaCHS itself at "
        f"{config.dachs_url()}, RDs in {config.RD_DIR}).")
    web.setup_portal()
    web.write_proxy_config()
    _say(f"Portal (at {config.portal_url()}) and proxy configured "
        f"(nginx configuration in {config.RUN_DIR}).")


def _selected(names):
    """The resources named on the command line (all by default)."""
    known = resources.discover()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"Unknown resource(s) {', '.join(unknown)}; known: "
            f"{', '.join(known)} (a resource is rd/NAME.rd plus "
            "resources/NAME/dataset.json)")
    return [known[n] for n in names] if names else list(known.values())


def _cmd_append(args):
    """``apdc import NAME --append [FILE ...]``: partitions only."""
    if len(args.names) != 1:
        _say("--append takes exactly one resource NAME.")
        return 2
    try:
        resource = resources.load(args.names[0])
        importer.append_files(resource, args.append or None)
    except ingest.IngestError as exc:
        _say(str(exc))
        return 1
    # the append recorded a release: its records, as after an import
    fair_commands.refresh([resource])
    return 0


def cmd_import(args):
    if getattr(args, "append", None) is not None:
        return _cmd_append(args)
    # views over other resources' tables come after them (dependsOn)
    selected = resources.import_sequence(_selected(args.names),
                                         resources.discover())
    dachs.ensure_obscore()
    skipped = [r.name for r in selected if not importer.import_resource(
        r, force=args.force, recreate=args.recreate)]
    # The registry's own records: authority, publishing registry, TAP
    # (whose record carries the tableset of everything imported).
    dachs.run("pub", "//services", "//tap", quiet=True)
    dachs.reload_rds()
    skymap.write_skymap(web.static_root() / "skymap.png")
    _preselected_packages([r.name for r in selected if r.name not in skipped])
    # DataCite, JSON-LD, PROV and the ProvTAP-like tables (docs/fair.md);
    # the info pages embed the new JSON-LD once the RDs are reloaded
    fair_commands.refresh([r for r in selected if r.name not in skipped])
    if skipped:
        _say(f"Skipped for lack of data: {', '.join(skipped)}.")


def _preselected_packages(names):
    """The shop's preselected samples of the public shoppable data sets
    just imported (built once, then found current)."""
    folder = Path(web.portal_environment().get(
        "APDC_SHOP_PRESELECTED", config.RUN_DIR / "shop-preselected"))
    conn = ingest.get_connection()
    try:
        for dataset in shop.catalogue():
            if dataset.name in names and not dataset.restricted:
                packages = shop.preselected(conn, dataset.name, folder)
                _say(f"[{dataset.name}] {len(packages)} preselected "
                     f"packages in {folder}")
    finally:
        conn.close()


def cmd_shop_status(args):
    """The data shop's queue, workers and requests (the portal's view)."""
    proc = subprocess.run([sys.executable, "-m", "portal", "shop_status"],
                          env=web.portal_environment())
    return proc.returncode


def cmd_fetch(args):
    mirror = Path(args.mirror) if args.mirror else None
    incomplete = []
    for resource in _selected(args.names):
        _say(f"[{resource.name}] {resource.description}")
        if not resource.fetch_inputs(mirror, force=args.force):
            incomplete.append(resource.name)
    if incomplete:
        _say(f"apdc: could not get all files of {', '.join(incomplete)}")
        return 2


def _report_analysis(result, row):
    _say(row["summary"])
    _say(f"Analysis of {row['alert_id']} stored in {row['duration']:.2f} s "
         "(icecube_alerts.analyses, .searches, .counterparts).")
    notified = alerts.notify_portal(row["alert_id"])
    if notified.returncode == 0:
        _say(notified.stdout.strip())
    else:   # the analysis is stored all the same; say why, briefly
        last = (notified.stderr.strip().splitlines() or ["no message"])[-1]
        _say(f"apdc: the portal could not mail the summary ({last}); "
             f"run 'python -m portal alert_notify {row['alert_id']}' again")


def cmd_alert_add(args):
    # analysed and stored first: the result is there in well under 2 s,
    # before the slower re-import of the alerts table
    _report_analysis(*alerts.analyse_voevent(args.file))
    new_file = not alerts.stored_path(args.file).exists()
    stored, _ = alerts.add_voevent(args.file)
    _say(f"Stored {args.file} as {stored}; re-importing the alerts.")
    try:
        imported = importer.import_resource(resources.load("icecube_alerts"))
    except releases.ReleaseError:
        # the table keeps its release: so does the data folder
        if new_file:
            stored.unlink()
        _say(f"apdc: the analysis is stored, but {args.file} is not in "
             "icecube_alerts.alerts: its release is published and never "
             "changes.  To add it, name a new release in "
             "rd/icecube_alerts.rd and run 'apdc alert add' again.")
        raise
    if not imported:
        return 2
    # the re-import may have recorded a release: its records too
    fair_commands.refresh([resources.load("icecube_alerts")])


def cmd_alert_analyse(args):
    try:
        _report_analysis(*alerts.analyse_stored(args.name))
    except alert_analysis.AlertNotFound as exc:
        _say(f"apdc: {exc}")
        return 2


def cmd_withdraw(args):
    resource, = _selected([args.name])
    dachs.run("pub", "-u", args.name, quiet=True)
    state.forget(resource)
    dachs.reload_rds()
    _say(f"{args.name} withdrawn: the registry now shows its records as "
        "deleted.  Its tables stay queryable until you drop them "
        f"('dachs drop {args.name}'); 'apdc import --force {args.name}' "
        "publishes it again.")


def cmd_start(args):
    web.start_all()
    _say(f"The data centre is serving at {config.server_url()}/ (nginx in "
        "front of DaCHS and the portal; the shop's workers and dispatcher "
        "run).")


def cmd_stop(args):
    web.stop_all()
    _say("Proxy, shop workers, dispatcher, portal and DaCHS stopped.")


def cmd_status(args):
    parts = web.status()
    up = all(parts.values())
    print(f"server {config.server_url()}: {'up' if up else 'down'} ("
          + ", ".join(f"{k} {'up' if v else 'down'}" for k, v in
                      parts.items()) + ")")
    for resource in resources.discover().values():
        try:
            counts = importer.row_counts(resource)
        except Exception as exc:  # database down: say so, don't trace back
            counts = f"database not reachable ({exc.__class__.__name__})"
        print(f"{resource.name}: {counts or 'not imported'}")
    return 0 if up else 3


def service_urls():
    """(label, URL) of the web root, TAP and every cone search."""
    base = config.server_url()
    urls = [("Web root", f"{base}/"), ("TAP", f"{base}/tap"),
        ("Registry (OAI-PMH)", f"{base}/oai.xml")]
    urls.append(("Portal: register, log in", f"{base}/accounts/login/"))
    for name in resources.discover():
        services = rdschema.service_ids(name)
        label = f"{name} (restricted)" if rdschema.is_restricted(name) \
            else name
        if "cone" in services:
            urls.append((f"Cone search {label}",
                         f"{base}/{name}/cone/scs.xml"))
        if "ssa" in services:
            urls.append((f"SSA {label}", f"{base}/{name}/ssa/ssap.xml"))
    return urls


def cmd_urls(args):
    for label, url in service_urls():
        print(f"{label:28s} {url}")


def cmd_tutorials(args):
    """Publish the tutorials' records, build their classroom files and
    run every notebook against the server (the portal serves the HTML)."""
    tutorials.publish()
    if getattr(args, "command", None) == "up" and tutorials.is_current():
        _say(f"Tutorials current in {tutorials.build_dir()}.")
        return 0
    try:
        runs = tutorials.build_all()
    except tutorials.TutorialError as exc:
        _say(f"apdc: a tutorial failed (the others are built): {exc}")
        return 2
    _say(f"{len(runs)} tutorial notebooks built in {tutorials.build_dir()}")
    return 0


def cmd_up(args):
    cmd_setup(args)
    was_up = dachs.server_is_up()
    cmd_import(args)
    if was_up:
        # configuration, code or RDs may have changed under the running
        # server: every DaCHS process, not only DaCHS's own
        dachs.restart_server()
        web.stop_portal()
    cmd_start(args)
    cmd_tutorials(args)
    cmd_urls(args)


def main(argv=None):  # long: the one table of every subcommand
    parser = argparse.ArgumentParser(prog="apdc",
        description="Operate the astroparticle VO data centre.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, help_ in [
            ("up", cmd_up, "configure, import everything, start, print URLs"),
            ("setup", cmd_setup, "write DaCHS's configuration"),
            ("fetch", cmd_fetch, "fetch data sets (all by default)"),
            ("import", cmd_import, "import resources"),
            ("start", cmd_start, "start DaCHS, the portal and the proxy"),
            ("stop", cmd_stop, "stop the proxy, the portal and DaCHS"),
            ("status", cmd_status, "server state and table sizes"),
            ("withdraw", cmd_withdraw, "withdraw a resource from the registry"),
            ("tutorials", cmd_tutorials, "build and run the tutorials"),
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
                help="resources (default: all; 'apdc status' lists them)")
            p.add_argument("--force", action="store_true",
                help="re-import even if the inputs did not change")
            p.add_argument("--recreate", action="store_true",
                help="drop and recreate the tables from the RD first")
        if name == "import":
            p.add_argument("--append", nargs="*", metavar="FILE",
                help="load only these input files (none given: the new "
                "ones) as partitions of the resource's partitioned tables; "
                "the other partitions stay (docs/ingest.md)")
    alert = sub.add_parser("alert", help="neutrino alerts")
    alert_sub = alert.add_subparsers(dest="alert_command", required=True)
    add = alert_sub.add_parser("add", help="add an IceCube VOEvent alert")
    add.add_argument("file", help="a VOEvent 2.0 XML file as sent by GCN")
    add.set_defaults(func=cmd_alert_add)
    again = alert_sub.add_parser("analyse", help="analyse an alert of "
                                 "icecube_alerts.alerts again")
    again.add_argument("name", help="its alert_name (IceCube-170922A), "
                       "name (IC170922A) or alert_id (run_event)")
    again.set_defaults(func=cmd_alert_analyse)
    shop_parser = sub.add_parser("shop", help="the data shop")
    shop_sub = shop_parser.add_subparsers(dest="shop_command", required=True)
    shop_sub.add_parser("status", help="queue depth, workers, running and "
                        "failed requests").set_defaults(func=cmd_shop_status)
    archive_commands.add_commands(sub)
    fair_commands.add_commands(sub)
    shard_commands.add_commands(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except (dachs.DachsError, ingest.IngestError, fetch.FetchError,
            resources.ManifestError, releases.ReleaseError,
            *archive_commands.ERRORS) as exc:
        _say(f"apdc: {exc}")
        return 2
    except InputError as exc:
        _say(f"apdc: bad input: {exc}\nFix or remove the file, then run "
            "'apdc import' again; the served tables are unchanged "
            "(docs/errors.md explains the code).")
        return 2


if __name__ == "__main__":
    sys.exit(main())
