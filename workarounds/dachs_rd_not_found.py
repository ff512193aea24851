"""DaCHS 2.7: an RD asked for before its file exists stays "not found".

Upstream bug
------------
``gavo.rscdesc`` caches a failed RD load as a ``CachedException``,
RDNotFound included (it is ``cacheable``).  Such an entry is dropped
when its ``isDirty()`` says the RD file changed; but for an RD that was
not found there is no file, ``sourcePath`` is None, and ``isDirty()``
returns False (its comment says "we'll have to re-check", the code does
not).  So one request for ``/NAME/...`` while ``rd/NAME.rd`` is absent
makes that server process answer 404 "No matching RD" for NAME until it
is restarted, even after the RD is written and imported.  The scratch
resources of the tests and benches (``bench/scale_resource.py``) are
created and removed while the server runs, and nginx balances over
several processes: one stale "not found" in one of them failed the cone
searches of ``test_live_partitions`` and ``test_live_bench_scale``.

Work-around
-----------
:func:`install` replaces ``CachedException.isDirty``: for an RD that
was not found, the entry is dirty as soon as one of the files DaCHS
looks for (``rscdesc._getFilenamesForId``) exists.  It also sets the
entry's ``loadedAt`` to 0, because DaCHS re-checks a dirty entry only
10 s after its ``loadedAt`` (a guard against re-parsing broken RDs on
every request; a file that has just appeared is not broken, and a
scratch RD is used at once).  Every other cached failure keeps
DaCHS's rule (the file's modification time).

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's RD cache, in this process, for an RD
in an empty temporary inputsDir, writes the RD and asks again with
DaCHS's original ``isDirty``; while the second answer is still
RDNotFound, the bug is there and ``test_dachs_rd_not_found_bug_still_present``
passes.  Once it fails, remove this module and its entry in
``dachs_server.PATCHES``.
"""

import os
import tempfile

from workarounds import patching

__all__ = ["bug_present", "install", "is_dirty"]


def is_dirty(self):
    """``CachedException.isDirty`` that notices a not-found RD appearing.

    Returns
    -------
    bool
    """
    from gavo import base, rscdesc
    if self.sourcePath is None and isinstance(self.exception,
                                              base.RDNotFound):
        rd_id = self.exception.args[0]
        if any(os.path.isfile(name)
               for name in rscdesc._getFilenamesForId(rd_id)):
            # skip the 10 s re-check guard of clearRDIfDirty (see module)
            self.loadedAt = 0
            return True
        return False
    return patching.original(rscdesc.CachedException, "isDirty")(self)


def _ask(rd_id):
    from gavo import base
    try:
        base.caches.getRD(rd_id)
    except base.RDNotFound:
        return False
    return True


def bug_present():
    """Whether DaCHS's RD cache keeps "not found" after the RD appears.

    Returns
    -------
    bool
    """
    from gavo import base, rscdesc
    patched = rscdesc.CachedException.isDirty
    old_inputs = base.getConfig("inputsDir")
    rd_id = "zz_apdc_rd_not_found_probe"
    with tempfile.TemporaryDirectory() as folder:
        base.setConfig("inputsDir", folder)
        rscdesc.CachedException.isDirty = patching.original(
            rscdesc.CachedException, "isDirty")
        try:
            _ask(rd_id)
            with open(os.path.join(folder, rd_id + ".rd"), "w",
                      encoding="utf-8") as handle:
                handle.write(f'<resource schema="{rd_id}"/>')
            found = _ask(rd_id)
        finally:
            rscdesc.CachedException.isDirty = patched
            base.caches.clearForName(rd_id)
            base.setConfig("inputsDir", old_inputs)
    return not found


def install():
    """Make a not-found RD loadable once its file exists (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo import rscdesc
    return patching.replace(rscdesc.CachedException, "isDirty", is_dirty)
