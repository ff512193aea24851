"""Fermi-LAT catalogues 3FGL and 3FHL: FITS files -> ``<schema>.main``.

The columns and the FITS field each comes from are declared in
``rd/fermi3fgl.rd`` and ``rd/fermi3fhl.rd``; ``class`` (the lower-case
``class_given``) and ``identified`` (class in capitals) are computed.
"""

from .common import (astropy_columns, fermi_class_derivations, read_table,
                     spec)

__all__ = ["FERMI_3FHL_FILE", "FERMI_3FGL_FILE", "HDU", "fermi3fhl_table",
           "fermi3fgl_table"]

FERMI_3FHL_FILE = "fermi_3fhl_gll_psch_v13.fit.gz"
FERMI_3FGL_FILE = "fermi_3fgl_gll_psc_v16.fit.gz"
#: The HDU of the sources in both files.
HDU = "LAT_Point_Source_Catalog"


def _fermi(ctx, file_name):
    path = ctx.data_dir / file_name
    return astropy_columns(path, read_table(path, hdu=HDU), spec(ctx),
                           fermi_class_derivations())


def fermi3fhl_table(ctx):
    """fermi3fhl.main from the 3FHL FITS file (LAT_Point_Source_Catalog).

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    return _fermi(ctx, FERMI_3FHL_FILE)


def fermi3fgl_table(ctx):
    """fermi3fgl.main from the 3FGL FITS file (LAT_Point_Source_Catalog).

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict
        The RD's columns.
    """
    return _fermi(ctx, FERMI_3FGL_FILE)
