"""TeV catalogues: gamma-cat (FITS), TeVCat (ECSV), HGPS (FITS).

Columns and their source fields are declared in ``rd/gammacat.rd``,
``rd/tevcat.rd`` and ``rd/hgps.rd``.  Computed here: the normalised
``class`` of each, TeVCat's galactic coordinates and its gamma-cat
cross-identification (``gammacat_id``, ``gammacat_classes``), and the
HGPS associations aggregated from the HDU HGPS_ASSOCIATIONS.
"""

import numpy as np

from .. import rdschema
from ..tables import float_column, require_columns, string_column
from .common import (astropy_columns, class_from, first_class,
                     galactic_derivations, read_table, spec)

__all__ = ["GAMMACAT_FILE", "TEVCAT_FILE", "HGPS_FILE", "GAMMACAT_CLASSES",
           "HGPS_CLASSES", "gammacat_class", "gammacat_table",
           "tevcat_table", "hgps_table"]

GAMMACAT_FILE = "gammacat.fits.gz"
TEVCAT_FILE = "tevcat.ecsv"
HGPS_FILE = "hgps_catalog_v1.fits.gz"

#: gamma-cat's class codes -> the shared vocabulary (others: lower case).
GAMMACAT_CLASSES = {"hbl": "bll", "ibl": "bll", "lbl": "bll",
                    "blazar": "bcu", "fri": "rdg", "galaxy": "gal"}
#: HGPS classes -> the shared vocabulary (others: lower case).
HGPS_CLASSES = {"binary": "bin"}


def gammacat_class(classes):
    """The normalised class of gamma-cat ``classes`` (its first entry).

    Parameters
    ----------
    classes : array_like of str (masked)

    Returns
    -------
    numpy.ma.MaskedArray
    """
    return first_class(classes, GAMMACAT_CLASSES)


def _gammacat_class(given):
    return lambda columns, _: gammacat_class(columns[given])


def _gammacat(data_dir):
    path = data_dir / GAMMACAT_FILE
    return astropy_columns(path, read_table(path, hdu=1),
                           rdschema.table("gammacat", "main"),
                           {"gammacat_class": _gammacat_class("classes")})


def gammacat_table(ctx):
    """gammacat.main from gamma-cat's FITS output (one row per source).

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    return _gammacat(ctx.data_dir)


def _cross_identification(source_id, gcat):
    """(gammacat_id, gammacat_classes): first gamma-cat source per ID."""
    g_tevcat = gcat["tevcat_id"]
    g_classes = gcat["classes"]
    usable = ~np.ma.getmaskarray(g_tevcat)
    order = np.flatnonzero(usable)
    keys, first = np.unique(np.ma.getdata(g_tevcat)[order],
                            return_index=True)
    pick = order[first]
    where = np.clip(np.searchsorted(keys, source_id), 0,
                    max(len(keys) - 1, 0))
    found = (len(keys) > 0) & (keys[where] == source_id)
    index = pick[where]
    classes = np.ma.masked_array(
        np.where(found, np.ma.getdata(g_classes)[index], ""),
        mask=~found | np.ma.getmaskarray(g_classes)[index])
    ids = np.ma.masked_array(
        np.where(found, np.ma.getdata(gcat["source_id"])[index], 0),
        mask=~found)
    return ids, classes


def tevcat_table(ctx):
    """tevcat.main from TeVCat's ECSV export, with gamma-cat's classes.

    TeVCat's export has names and positions only; the source class is
    taken from gamma-cat (same data folder) by TeVCat ID, NULL where
    gamma-cat has no source with that ID.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    path = ctx.data_dir / TEVCAT_FILE
    table = read_table(path, format="ascii.ecsv")
    cross = {}

    def cross_identification(columns, index):
        if not cross:
            cross["ids"] = _cross_identification(
                columns["source_id"], _gammacat(ctx.data_dir))
        return cross["ids"][index]
    derivations = dict(
        galactic_derivations(),
        gammacat_id=lambda columns, _: cross_identification(columns, 0),
        gammacat_classes=lambda columns, _: cross_identification(columns, 1),
        gammacat_class=_gammacat_class("gammacat_classes"))
    return astropy_columns(path, table, spec(ctx), derivations)


def _associations(path, names):
    """'name (catalogue), ...' per source, nearest first."""
    assoc = read_table(path, hdu="HGPS_ASSOCIATIONS")
    require_columns(path, assoc, ["Source_Name", "Association_Catalog",
                                  "Association_Name", "Separation"])
    a_source = np.ma.getdata(string_column(assoc, "Source_Name"))
    a_name = np.ma.getdata(string_column(assoc, "Association_Name"))
    a_cat = np.ma.getdata(string_column(assoc, "Association_Catalog"))
    a_sep = np.ma.getdata(float_column(assoc, "Separation"))
    joined = {}
    for i in np.lexsort((a_sep, a_source)):
        if a_name[i]:
            joined.setdefault(a_source[i], []).append(
                f"{a_name[i]} ({a_cat[i]})" if a_cat[i] else a_name[i])
    associations = np.array([", ".join(joined.get(n, [])) for n in names],
                            dtype=str)
    return np.ma.masked_array(associations, mask=associations == "")


def hgps_table(ctx):
    """hgps.main from HGPS_SOURCES, with HGPS_ASSOCIATIONS aggregated.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    path = ctx.data_dir / HGPS_FILE
    derivations = {
        "hgps_class": class_from("source_class", HGPS_CLASSES),
        "associations": lambda columns, _: _associations(
            path, columns["source_name"])}
    return astropy_columns(path, read_table(path, hdu="HGPS_SOURCES"),
                           spec(ctx), derivations)
