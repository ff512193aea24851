"""Product step of hess_dr1: the served, uncompressed run files.

The release's DL3 files are gzip-compressed
(``data/hess_dl3_dr1_obs_id_NNNNNN.fits.gz``); what the data centre
serves (/getproduct, DataLink, SODA) is their content, uncompressed, in
``data/uncompressed/hess_dl3_dr1_obs_id_NNNNNN.fits``, so that the bytes
are what application/fits says (astropy, for one, does not open gzip
data from a stream).  ``unpack_runs`` (manifest ``products``) makes
those copies; DaCHS's grammar of data ``runs`` (rd/hess_dr1.rd)
registers them in ``hess_dr1.run_files`` and ``dc.products``.
"""

import gzip
import os
import re
import shutil

__all__ = ["SERVED_FOLDER", "unpack_runs"]

SERVED_FOLDER = "uncompressed"
_RELEASE_RE = re.compile(r"^(hess_dl3_dr1_obs_id_\d{6}\.fits)\.gz$")


def _unpack(source, target):
    """Write the content of ``source`` to ``target`` unless it is current."""
    if (target.is_file()
            and target.stat().st_mtime_ns >= source.stat().st_mtime_ns):
        return False
    partial = target.with_name("." + target.name + ".partial")
    with gzip.open(source, "rb") as src, open(partial, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    os.replace(partial, target)
    return True


def unpack_runs(ctx):
    """Make (or refresh) data/uncompressed/<run>.fits for every run file.

    Copies whose release file is gone are removed; a copy newer than its
    release file is kept, so a second call does nothing.

    Parameters
    ----------
    ctx : converters.context.ImportContext
        The import context of hess_dr1.

    Returns
    -------
    int
        The number of files (re)written.
    """
    folder = ctx.data_dir / SERVED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    wanted, written = set(), 0
    for source in sorted(ctx.data_dir.glob("hess_dl3_dr1_obs_id_*.fits.gz")):
        match = _RELEASE_RE.match(source.name)
        if not match:
            continue
        wanted.add(match.group(1))
        written += _unpack(source, folder / match.group(1))
    for stale in folder.glob("hess_dl3_dr1_obs_id_*.fits"):
        if stale.name not in wanted:
            stale.unlink()
    return written
