"""DataLink of the H.E.S.S. DL3 DR1 runs: descriptors, links, SODA keys.

``make_descriptor`` turns a run's publisher DID into a DataLink
descriptor (the run's row of hess_dr1.observations and its served file);
``iter_links`` gives the run's links document rows (the file and its
four IRFs); ``iter_soda_parameters`` the SODA input keys, whose values
are the run's coverage as ivoa.obscore publishes it: the field of view
(FOV_RADIUS_DEG around the pointing), the start and stop and the safe
energy range.
"""

import math
import urllib.parse

from .names import (FOV_RADIUS_DEG, HC_TEV_M, IRF_HDUS, MIME, accref_for,
                    obs_id_from_pubdid, run_path)
from .params import check_raw_cuts

__all__ = ["not_found_class", "make_descriptor", "missing_file_message",
           "iter_links", "iter_soda_parameters"]


def not_found_class():
    """A ValidationError that DaCHS's SODA renderer sends as a 404.

    DaCHS renders ValidationErrors of dlget as text/plain DALI error
    documents (HTTP 422 unless the exception says otherwise); other
    exceptions give an HTML page.  An unknown ID or a missing file is
    "not found", so: text/plain, HTTP 404.
    """
    from gavo import base

    class DatasetNotFound(base.ValidationError):
        responseCode = 404

        def __init__(self, message):
            super().__init__(f"NotFoundError: {message}", "ID")

    return DatasetNotFound


def _not_found_fault(pubdid, message, **kwargs):
    """A DatalinkFault: an error row in links documents, a 404 in SODA."""
    from gavo.protocols.soda import DatalinkFault
    return DatalinkFault("NotFoundFault", pubdid, message, not_found_class(),
        kwargs.pop("semantics", "#this"), **kwargs)


def _run_metadata(obs_id):
    """The run's row of hess_dr1.observations (a dict), or None."""
    from gavo import base
    with base.getTableConn() as conn:
        rows = list(conn.queryToDicts("""SELECT obs_id, object, ra, dec,
            t_start_mjd, t_stop_mjd, livetime, safe_energy_lo,
            safe_energy_hi FROM hess_dr1.observations
            WHERE obs_id=%(obs_id)s""", {"obs_id": obs_id}))
    return rows[0] if rows else None


def make_descriptor(pubdid, args=None):
    """A DataLink descriptor for a run's pubDID, or a DatalinkFault.

    The SODA cuts are checked on the raw request first
    (:func:`services.hess.params.check_raw_cuts`: a UsageError, HTTP
    422, before DaCHS's parsers see NaN or absurd values); an ID of
    another authority than this data centre's is not found.  If the
    run's file is missing, a links document gets error rows (see
    iter_links); a processing request (any parameter beyond ID and the
    DALI ones) gets the fault, which DaCHS sends as a 404.

    Parameters
    ----------
    pubdid : str
        The run's publisher DID (DataLink ID).
    args : dict, optional
        The request's parameters.

    Returns
    -------
    ProductDescriptor or DatalinkFault
        The descriptor has ``obs_id``, ``run`` (the row of
        hess_dr1.observations), ``path`` and ``available``.
    """
    from gavo.protocols.datalink import ProductDescriptor

    from gavo import base

    check_raw_cuts(args or {})
    authority = base.getConfig("ivoa", "authority")
    obs_id = obs_id_from_pubdid(pubdid, authority)
    if obs_id is None:
        return _not_found_fault(pubdid, "Not an identifier of a "
            "H.E.S.S. DL3 DR1 run of this service; they look like "
            f"ivo://{authority}/~?hess_dr1/hess_dl3_dr1_obs_id_023523.fits")
    run = _run_metadata(obs_id)
    if run is None:
        return _not_found_fault(pubdid, f"No H.E.S.S. DL3 DR1 run "
            f"{obs_id} is known here")

    class RunDescriptor(ProductDescriptor):
        suppressAutoLinks = True   # #this is made by iter_links

    path = run_path(obs_id)
    descriptor = RunDescriptor(pubdid, accref_for(obs_id), str(path), MIME,
        sourceTable="hess_dr1.observations")
    descriptor.obs_id = obs_id
    descriptor.run = run
    descriptor.path = path
    descriptor.available = path.is_file()
    processing = {str(key).upper() for key in (args or {})} - {"ID",
        "RESPONSEFORMAT", "MAXREC", "REQUEST"}
    if not descriptor.available and processing:
        return _not_found_fault(pubdid, missing_file_message(obs_id))
    return descriptor


def missing_file_message(obs_id):
    """The message of the fault for run ``obs_id`` whose file is missing."""
    return (f"The DL3 file of run {obs_id} is not available on this server "
        "at the moment; please report this to the operators.")


def iter_links(descriptor, irf_service_url):
    """The #this and IRF (#calibration) rows of a run's links document.

    A missing file gives error rows (NotFoundFault) instead of links.

    Parameters
    ----------
    descriptor : ProductDescriptor
        As :func:`make_descriptor` makes it.
    irf_service_url : str
        The dlget URL of the IRF service (rd/hess_dr1.rd, service irf).

    Yields
    ------
    LinkDef or DatalinkFault
    """
    from gavo.protocols import products

    obs_id, run = descriptor.obs_id, descriptor.run
    if not descriptor.available:
        message = missing_file_message(obs_id)
        yield _not_found_fault(descriptor.pubDID, message,
            semantics="#this", description=f"DL3 file of run {obs_id}")
        for hdu, what in IRF_HDUS.items():
            yield _not_found_fault(descriptor.pubDID, message,
                semantics="#calibration",
                description=f"Instrument response: {what} of run {obs_id}")
        return

    yield descriptor.makeLink(products.makeProductLink(descriptor.accref),
        semantics="#this", contentType=MIME,
        contentLength=descriptor.path.stat().st_size,
        description=f"H.E.S.S. DL3 file of run {obs_id} ({run['object']}) as "
            "released (GADF 0.2: EVENTS, GTI, AEFF, EDISP, PSF, BKG), "
            "uncompressed")
    quoted = urllib.parse.quote(descriptor.pubDID, safe="")
    for hdu, what in IRF_HDUS.items():
        yield descriptor.makeLink(f"{irf_service_url}?ID={quoted}&HDU={hdu}",
            semantics="#calibration", contentType=MIME,
            localSemantics=f"irf-{hdu.lower()}",
            description=f"Instrument response: {what} of run {obs_id}, as a "
                f"FITS file holding the {hdu} HDU only")


def _interval_values(low, high):
    """VALUES of an interval PARAM (arraysize 2): MIN and MAX as pairs.

    Each limit of the interval lies in [low, high], so MIN is "low low"
    and MAX "high high"; a scalar MIN/MAX in a PARAM of arraysize 2 is
    an error for VOTable parsers (astropy E02).
    """
    from gavo import base, rscdef
    low, high = float(low), float(high)
    return base.makeStruct(rscdef.Values, min=f"{low!r} {low!r}",
        max=f"{high!r} {high!r}")


def iter_soda_parameters(descriptor):
    """The SODA input keys, with the run's coverage as their values.

    Parameters
    ----------
    descriptor : ProductDescriptor
        As :func:`make_descriptor` makes it.

    Yields
    ------
    gavo.svcs.InputKey
        CIRCLE, POLYGON, TIME and BAND.
    """
    from gavo import base
    from gavo import rscdef
    from gavo import svcs
    from gavo.utils import pgsphere

    if descriptor.pubDID is None or not descriptor.available:
        return
    MS = base.makeStruct
    run = descriptor.run
    fov = pgsphere.SCircle(pgsphere.SPoint.fromDegrees(run["ra"], run["dec"]),
        math.radians(FOV_RADIUS_DEG))
    yield MS(svcs.InputKey, name="CIRCLE", type="double precision(3)",
        xtype="circle", unit="deg", ucd="phys.angArea;obs",
        multiplicity="forced-single",
        description="Select the events whose reconstructed direction is "
            "in this circle (ICRS RA, Dec of the centre, radius)",
        values=MS(rscdef.Values, max=fov.asSODA()))
    yield MS(svcs.InputKey, name="POLYGON", type="double precision(*)",
        xtype="polygon", unit="deg", ucd="phys.angArea;obs",
        multiplicity="forced-single",
        description="Select the events whose reconstructed direction is "
            "in this polygon (ICRS RA, Dec of the vertices; great-circle "
            "edges)",
        values=MS(rscdef.Values, max=fov.asPoly(16).asSODA()))
    yield MS(svcs.InputKey, name="TIME", type="double precision[2]",
        xtype="interval", unit="d", ucd="time.epoch;obs",
        multiplicity="forced-single",
        description="Select the events (and cut the good time intervals) "
            "in this interval of MJD (UTC)",
        values=_interval_values(run["t_start_mjd"], run["t_stop_mjd"]))
    yield MS(svcs.InputKey, name="BAND", type="double precision[2]",
        xtype="interval", unit="m", ucd="em.wl",
        multiplicity="forced-single",
        description="Select the events whose reconstructed energy E has "
            "a vacuum wavelength hc/E in this interval",
        values=_interval_values(HC_TEV_M / run["safe_energy_hi"],
            HC_TEV_M / run["safe_energy_lo"]))
