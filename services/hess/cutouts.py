"""SODA cutouts of the H.E.S.S. DL3 DR1 runs, and single IRF HDUs.

``cutout`` is the SODA (sync) service: the run's DL3 file with the
EVENTS selected by CIRCLE/POLYGON, TIME and BAND, the GTI cut to TIME,
and the IRF HDUs copied; ``extract_hdu`` gives one IRF HDU as a FITS
file of its own.  The coverage checked for "no overlap" is what
ivoa.obscore publishes: the field of view, the GTIs and the safe energy
range of the run.  A cut that overlaps the coverage but selects no event
gives a valid file with an empty EVENTS table (still useful, e.g. for
upper limits).
"""

import gzip
import io
from pathlib import Path

import numpy as np
from astropy.io import fits

from .geometry import in_circle, in_polygon, polygon_overlaps_circle, \
    separation_deg
from .links import missing_file_message, not_found_class
from .names import FOV_RADIUS_DEG, IRF_HDUS, MIME, release_name
from .params import (band_to_energy, mjd_to_met, no_overlap, parse_circle,
                     parse_interval, parse_polygon, parse_time, tt_strings,
                     usage_error)

__all__ = ["select_events", "cutout", "extract_hdu"]


def select_events(events, circle=None, polygon=None, met=None,
        energy=None):
    """The boolean mask of the events passing all cuts.

    Parameters
    ----------
    events : numpy record array
        The EVENTS table (RA, DEC, TIME, ENERGY).
    circle : tuple, optional
        (RA, Dec, radius) in degrees.
    polygon : numpy.ndarray, optional
        n x 2 vertices (RA, Dec) in degrees.
    met : tuple, optional
        (start, stop) in the file's mission time (s).
    energy : tuple, optional
        (E_min, E_max) in TeV.

    Returns
    -------
    numpy.ndarray of bool
    """
    mask = np.ones(len(events), dtype=bool)
    ra = np.asarray(events["RA"], dtype=np.float64)
    dec = np.asarray(events["DEC"], dtype=np.float64)
    if circle is not None:
        mask &= in_circle(ra, dec, circle)
    if polygon is not None:
        mask &= in_polygon(ra, dec, polygon)
    if met is not None:
        time = np.asarray(events["TIME"], dtype=np.float64)
        mask &= (time >= met[0]) & (time <= met[1])
    if energy is not None:
        e = np.asarray(events["ENERGY"], dtype=np.float64)
        mask &= (e >= energy[0]) & (e <= energy[1])
    return mask


def _format_history(circle, polygon, time, band):
    parts = []
    if circle is not None:
        parts.append("CIRCLE=%.6f %.6f %.6f" % circle)
    if polygon is not None:
        parts.append("POLYGON=" + " ".join("%.6f" % v for v in polygon.ravel()))
    if time is not None:
        parts.append("TIME=%r %r (MJD UTC)" % time)
    if band is not None:
        parts.append("BAND=%r %r (m)" % band)
    return parts


def _open_in_memory(path):
    """The whole (small) DL3 file, decompressed, as an HDUList in memory."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return fits.open(io.BytesIO(raw))


def _parse_cuts(descriptor, args):
    """(circle, polygon, time, band, energy), checked against the coverage."""
    circle = parse_circle(args.get("CIRCLE"))
    polygon = parse_polygon(args.get("POLYGON"))
    time = parse_time(args.get("TIME"))
    band = parse_interval(args.get("BAND"), "BAND", allow_negative=False)
    run, obs_id = descriptor.run, descriptor.obs_id
    fov = (run["ra"], run["dec"], FOV_RADIUS_DEG)
    if circle is not None and separation_deg(circle[0], circle[1], fov[0],
            fov[1]) > circle[2] + FOV_RADIUS_DEG:
        raise no_overlap(f"the circle does not overlap the field of view of "
            f"run {obs_id}", "CIRCLE")
    if polygon is not None and not polygon_overlaps_circle(polygon, fov):
        raise no_overlap(f"the polygon does not overlap the field of view "
            f"of run {obs_id}", "POLYGON")
    energy = None
    if band is not None:
        energy = band_to_energy(band)
        if (energy[1] < run["safe_energy_lo"]
                or energy[0] > run["safe_energy_hi"]):
            raise no_overlap(f"BAND corresponds to {energy[0]:.4g} to "
                f"{energy[1]:.4g} TeV, outside the safe energy range "
                f"{run['safe_energy_lo']:.4g} to {run['safe_energy_hi']:.4g} "
                f"TeV of run {obs_id}", "BAND")
    return circle, polygon, time, band, energy


def _cut_gti(hdul, time, obs_id):
    """Cut the GTI HDU of ``hdul`` to TIME; the interval in mission time."""
    gti_hdu, header = hdul["GTI"], hdul["EVENTS"].header
    met = (mjd_to_met(time[0], header), mjd_to_met(time[1], header))
    starts = np.maximum(gti_hdu.data["START"], met[0])
    stops = np.minimum(gti_hdu.data["STOP"], met[1])
    keep = stops > starts
    if not keep.any():
        raise no_overlap(f"TIME does not overlap the good time intervals "
            f"of run {obs_id}", "TIME")
    gti = fits.BinTableHDU.from_columns(gti_hdu.columns,
        header=gti_hdu.header, nrows=int(keep.sum()))
    gti.data["START"], gti.data["STOP"] = starts[keep], stops[keep]
    hdul[hdul.index_of("GTI")] = gti
    return met


def _update_times(selected, gti_hdu, header):
    """Times of the cut-out EVENTS and GTI headers from the cut GTIs."""
    tstart = float(gti_hdu.data["START"].min())
    tstop = float(gti_hdu.data["STOP"].max())
    ontime = float((gti_hdu.data["STOP"] - gti_hdu.data["START"]).sum())
    for hdu in (selected, gti_hdu):
        hdu.header["TSTART"] = tstart
        hdu.header["TSTOP"] = tstop
    selected.header["ONTIME"] = ontime
    selected.header["LIVETIME"] = ontime * float(header["DEADC"])
    selected.header["TELAPSE"] = tstop - tstart
    selected.header["DATE-OBS"], selected.header["TIME-OBS"] = \
        tt_strings(tstart, header)
    selected.header["DATE-END"], selected.header["TIME-END"] = \
        tt_strings(tstop, header)


def cutout(descriptor, args):
    """The SODA response for a run.

    Parameters
    ----------
    descriptor : DataLink descriptor
        As :func:`services.hess.links.make_descriptor` makes it.
    args : dict
        The parsed SODA parameters (CIRCLE, POLYGON, TIME, BAND).

    Returns
    -------
    tuple
        (media type, FITS bytes).
    """
    if not descriptor.available:
        raise not_found_class()(missing_file_message(descriptor.obs_id))
    circle, polygon, time, band, energy = _parse_cuts(descriptor, args)
    hdul = _open_in_memory(descriptor.path)
    header = hdul["EVENTS"].header
    met = None if time is None else _cut_gti(hdul, time, descriptor.obs_id)
    events = hdul["EVENTS"].data
    mask = select_events(events, circle, polygon, met, energy)
    selected = fits.BinTableHDU(data=events[mask], header=header)
    gti_hdu = hdul["GTI"]
    history = _format_history(circle, polygon, time, band)
    stamp = "Cutout by the Astroparticle VO Data Centre SODA service"
    for hdu in (selected, gti_hdu):
        hdu.header.add_history(stamp + (": " if history else
            " (no cut: the full run)."))
        for item in history:
            hdu.header.add_history("  " + item)
    if met is not None:
        _update_times(selected, gti_hdu, header)
    hdul[hdul.index_of("EVENTS")] = selected
    hdul[0].header.add_history(f"{stamp}; EVENTS selected: {int(mask.sum())}"
        f" of {len(mask)}")
    out = io.BytesIO()
    hdul.writeto(out, output_verify="exception", checksum=True)
    return MIME, out.getvalue()


def extract_hdu(descriptor, hdu_name):
    """One IRF HDU of a run as a FITS file of its own.

    Parameters
    ----------
    descriptor : DataLink descriptor
        As :func:`services.hess.links.make_descriptor` makes it.
    hdu_name : str
        AEFF, EDISP, PSF or BKG.

    Returns
    -------
    tuple
        (media type, FITS bytes).
    """
    hdu_name = (hdu_name or "").upper()
    if hdu_name not in IRF_HDUS:
        raise usage_error(f"HDU must be one of {', '.join(IRF_HDUS)}", "HDU")
    if not descriptor.available:
        raise not_found_class()(missing_file_message(descriptor.obs_id))
    hdul = _open_in_memory(descriptor.path)
    primary = fits.PrimaryHDU(header=hdul[0].header.copy())
    irf, events = hdul[hdu_name], hdul["EVENTS"].header
    for key in ("OBS_ID", "TELESCOP", "INSTRUME", "ORIGIN"):
        if key in events:
            primary.header[key] = events[key]
    primary.header.add_history(f"{hdu_name} HDU of "
        f"{release_name(descriptor.obs_id)}, extracted by the Astroparticle VO "
        "Data Centre")
    out = io.BytesIO()
    fits.HDUList([primary, irf]).writeto(out, output_verify="exception",
        checksum=True)
    return MIME, out.getvalue()
