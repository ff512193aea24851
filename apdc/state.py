"""Import bookkeeping: a re-run with unchanged inputs does nothing.

After a successful import, the resource's fingerprint
(:mod:`apdc.fingerprint`) and the row counts of its tables are stored
below DaCHS's state folder; the next ``apdc import`` skips the resource
while both are unchanged.
"""

import json

from . import config, fingerprint

__all__ = ["is_current", "mark_current", "forget"]


def _state_file(resource):
    return config.DACHS_ROOT / "state" / "apdc" / f"{resource.name}.json"


def is_current(resource, row_counts, print_=None):
    """True if the served tables came from the current inputs and code.

    Parameters
    ----------
    resource : apdc.resources.Resource
    row_counts : dict
        Table name -> rows, as the database has them now.
    print_ : str, optional
        The resource's fingerprint, if the caller has it already.
    """
    path = _state_file(resource)
    if not path.exists():
        return False
    state = json.loads(path.read_text(encoding="utf-8"))
    return (state.get("fingerprint") == (print_ or fingerprint.of(resource))
            and state.get("rows") == row_counts)


def mark_current(resource, row_counts, print_=None):
    """Record that the served tables are those of the inputs whose
    fingerprint is ``print_`` (default: the current one)."""
    path = _state_file(resource)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"fingerprint": print_ or fingerprint.of(
                                    resource),
                                "rows": row_counts}), encoding="utf-8")


def forget(resource):
    """Make the next import run whatever the fingerprint."""
    _state_file(resource).unlink(missing_ok=True)
