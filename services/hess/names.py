"""Names of the H.E.S.S. DL3 DR1 runs: files, accrefs, publisher DIDs.

* pubDID ``ivo://<authority>/~?hess_dr1/hess_dl3_dr1_obs_id_NNNNNN.fits``
  (DaCHS's standard form for the accref);
* the served file ``data/uncompressed/hess_dl3_dr1_obs_id_NNNNNN.fits``
  (the release's ``.fits.gz``, unpacked by the product step
  ``apdc.products.hess:unpack_runs``).
"""

import re
from pathlib import Path

from astropy import constants, units

from converters import rdschema

__all__ = ["DATA_DIR", "FITS_DIR", "ACCREF_PREFIX", "MIME", "FOV_RADIUS_DEG",
           "HC_TEV_M", "IRF_HDUS", "release_name", "file_name", "accref_for",
           "pubdid_for", "obs_id_from_pubdid", "run_path"]

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "resources" / "hess_dr1" / "data"
# the served (uncompressed) copies; a product, not an input of the import
FITS_DIR = DATA_DIR / "uncompressed"
ACCREF_PREFIX = "hess_dr1/"
MIME = "application/fits"

# Radius of the field of view published in ivoa.obscore (declared in the
# RD, property fovRadiusDeg of run_files): the runs' IRFs (AEFF THETA_HI,
# the BKG DETX/DETY grid) end at 2.5 deg from the pointing, and H.E.S.S.
# I's cameras see about 5 deg across.  (The files also hold badly
# reconstructed events far outside it; cuts select them all the same, by
# their coordinates.)
FOV_RADIUS_DEG = float(rdschema.table("hess_dr1", "run_files").properties[
    "fovRadiusDeg"])

# h c in TeV m: wavelength = HC_TEV_M / energy
HC_TEV_M = (constants.h * constants.c).to_value(units.TeV * units.m)

IRF_HDUS = {
    "AEFF": "effective area (GADF AEFF_2D)",
    "EDISP": "energy dispersion (GADF EDISP_2D)",
    "PSF": "point spread function (GADF PSF_TABLE)",
    "BKG": "background model (GADF BKG_3D)",
}


# The functions below take a run number (``obs_id``, int) and return str.

def release_name(obs_id):
    """The file name of a run in the release (gzip-compressed FITS)."""
    return file_name(obs_id) + ".gz"


def file_name(obs_id):
    """The name of a run's served (uncompressed) FITS file."""
    return f"hess_dl3_dr1_obs_id_{int(obs_id):06d}.fits"


def accref_for(obs_id):
    """The accref of a run's served file (dc.products, /getproduct)."""
    return ACCREF_PREFIX + file_name(obs_id)


def pubdid_for(obs_id, authority):
    """The publisher DID of a run's DL3 file (DataLink ID, obscore).

    Parameters
    ----------
    obs_id : int
        The run number.
    authority : str
        The IVOA authority of the data centre.

    Returns
    -------
    str
    """
    return f"ivo://{authority}/~?{accref_for(obs_id)}"


def obs_id_from_pubdid(pubdid, authority=None):
    """The run number in a run's publisher DID.

    Parameters
    ----------
    pubdid : str
        A publisher DID.
    authority : str, optional
        The data centre's IVOA authority; if given, a DID of another
        authority is not a run's (authorities compare case-insensitively).

    Returns
    -------
    int or None
        None if ``pubdid`` is not the DID of a run.
    """
    match = re.fullmatch(r"ivo://([^/?#]+)/~\?" + re.escape(ACCREF_PREFIX)
        + r"hess_dl3_dr1_obs_id_(\d{6})\.fits", pubdid or "")
    if match is None or (authority is not None
            and match.group(1).lower() != authority.lower()):
        return None
    return int(match.group(2))


def run_path(obs_id):
    """The served (uncompressed) DL3 file of a run (a pathlib.Path)."""
    return FITS_DIR / file_name(obs_id)
