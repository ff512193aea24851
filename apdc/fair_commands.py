"""``apdc fair [NAME ...]``: write the FAIR records again without an import.

``apdc import`` writes them after every import (:mod:`apdc.fair_records`);
this command rewrites them for resources whose tables are served (after
a change of the record code or of the RD's metadata) and refills the
ProvTAP-like tables.  The running server embeds the new JSON-LD once its
RDs are reloaded, which the command asks for.
"""

import sys

from . import dachs, fair_records, provtap, resources

__all__ = ["add_commands", "cmd_fair", "refresh"]


def refresh(selected):
    """Write the FAIR records of ``selected`` (resources), refill the
    ProvTAP-like tables and have the server reload its RDs.

    Every command that publishes a release (import, append, alert add,
    archive create) calls this, so each release has its records.

    Returns
    -------
    list of str
        The resources without records (:func:`apdc.fair_records.publish`).
    """
    failed = fair_records.publish(selected)
    counts = provtap.refill()
    print(f"ProvTAP-like tables: {', '.join(f'{t} {n}' for t, n in counts.items())}"
          " rows", file=sys.stderr)
    dachs.reload_rds()
    return failed


def cmd_fair(args):
    known = resources.discover()
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print(f"apdc: no resource {', '.join(unknown)} (known: "
              f"{', '.join(known)})", file=sys.stderr)
        return 2
    selected = [known[n] for n in args.names] if args.names else [
        r for r in known.values() if r.data_dir.is_dir()]
    failed = refresh(selected)
    if failed:
        print(f"apdc: no FAIR records for {', '.join(failed)} (see above)",
              file=sys.stderr)
        return 2


def add_commands(sub):
    """Register ``apdc fair`` on the command line's sub-parsers."""
    parser = sub.add_parser("fair", help="write the DataCite, JSON-LD and "
                            "PROV records again (docs/fair.md)")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="resources (default: all with data)")
    parser.set_defaults(func=cmd_fair)
