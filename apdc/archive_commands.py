"""``apdc archive create|verify|restore``: the operator's commands for the
archival bags (:mod:`apdc.archive`, :mod:`apdc.fixity`; docs/archive.md).

    apdc archive create [NAME ...]    bag the current release (default: all)
    apdc archive verify [NAME ...]    fixity audit of the bags, recorded
    apdc archive restore NAME [--release R] [--schema S]
"""

import sys

from . import archive, fair_commands, fixity, releases, resources

__all__ = ["add_commands", "ERRORS"]

#: The errors these commands report as one line (exit status 2).
ERRORS = (archive.ArchiveError,)


def _say(message):
    print(message, file=sys.stderr, flush=True)


def _resources(names):
    known = resources.discover()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise archive.ArchiveError(
            f"unknown resource(s) {', '.join(unknown)}; known: "
            f"{', '.join(known)}")
    return [known[n] for n in names] if names else list(known.values())


def cmd_create(args):
    failed = []
    made = []
    for resource in _resources(args.names):
        try:
            archive.create(resource)
            made.append(resource)
        except (archive.ArchiveError, releases.ReleaseError) as exc:
            if args.names:
                raise
            # all resources: one without tables does not stop the others
            _say(f"[{resource.name}] no bag: {exc}")
            failed.append(resource.name)
    # a bag may record the served tables as the RD's release
    # (archive.ensure_release): that release gets its records too
    fair_commands.refresh(made)
    if failed:
        _say(f"no bag made of {', '.join(failed)}")
        return 2


def cmd_verify(args):
    results = fixity.audit_all(archive.archive_dir(), args.names)
    if not results:
        _say(f"no bags in {archive.archive_dir()} "
             f"{'of ' + ', '.join(args.names) if args.names else ''}"
             "; 'apdc archive create' makes them")
        return 2
    bad = [f"{r.resource} {r.release}" for r in results if not r.ok]
    _say(f"{len(results)} bags audited, {len(bad)} failed"
         + (f": {', '.join(bad)}" if bad else "")
         + " (recorded in releases.fixity; the served tables are untouched)")
    return 1 if bad else 0


def cmd_restore(args):
    restored = archive.restore(args.name, args.release, args.schema)
    for table, rows in restored.items():
        _say(f"restored {table}: {rows} rows")


def add_commands(sub):
    """Add ``archive`` and its subcommands to the parsers ``sub``."""
    parser = sub.add_parser("archive", help="archival bags of releases")
    commands = parser.add_subparsers(dest="archive_command", required=True)
    create = commands.add_parser("create", help="bag the current release")
    create.add_argument("names", nargs="*", metavar="NAME")
    create.set_defaults(func=cmd_create)
    verify = commands.add_parser("verify", help="fixity audit of the bags")
    verify.add_argument("names", nargs="*", metavar="NAME")
    verify.set_defaults(func=cmd_verify)
    restore = commands.add_parser(
        "restore", help="rebuild a release's tables from its bag")
    restore.add_argument("name", metavar="NAME")
    restore.add_argument("--release", help="default: the latest bag")
    restore.add_argument("--schema", help="restore into this schema "
                         "(default: the resource's own, lost tables only)")
    restore.set_defaults(func=cmd_restore)
