"""Server-side code of the crspectra resource (rd/crspectra.rd).

* ``iter_spectrum_rows``: the rows of crspectra.raw_spectra for DaCHS's
  grammar (data ``import``), from the pure converter, with the site's
  authority and server URL from the DaCHS configuration.
* ``iter_points``: the points of one spectrum from crspectra.points, for
  the SDM instance table that the datalink service builds
  (``//soda#sdm_genData``; the descriptor is DaCHS's
  ``//soda#sdm_genDesc``).
"""

from pathlib import Path

from converters import crspectra
from converters.context import ImportContext

__all__ = ["import_context", "iter_spectrum_rows", "iter_points"]


def import_context(data_dir):
    """The import context of crspectra as DaCHS is configured.

    Parameters
    ----------
    data_dir : path-like
        The resource's data folder.

    Returns
    -------
    converters.context.ImportContext
    """
    from gavo import base
    return ImportContext("crspectra", Path(data_dir),
        authority=base.getConfig("ivoa", "authority"),
        server_url=base.getConfig("web", "serverURL").rstrip("/"))


def iter_spectrum_rows(data_dir):
    """Rowdicts of crspectra.raw_spectra, one per readable spectrum.

    Parameters
    ----------
    data_dir : path-like
        The resource's data folder.

    Yields
    ------
    dict
        As :func:`converters.crspectra.spectra_rows` gives them.
    """
    yield from crspectra.spectra_rows(import_context(data_dir))


def iter_points(spectrum_id):
    """Rowdicts (spectral, flux, errors) of a spectrum, in file order.

    Parameters
    ----------
    spectrum_id : str
        The spectrum's identifier (column spectrum_id).

    Yields
    ------
    dict
    """
    from gavo import base
    with base.getTableConn() as conn:
        yield from conn.queryToDicts(
            "SELECT energy AS spectral, flux, stat_err_lo, stat_err_hi,"
            " sys_err_lo, sys_err_hi FROM crspectra.points"
            " WHERE spectrum_id=%(id)s ORDER BY line",
            {"id": spectrum_id})
