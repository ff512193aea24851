"""The ``events`` table of a Tunka-Rex resource from its run files.

The columns with a ``kcdc`` property are copied from the file's
quantity of that name (the format's "not measured" value, e.g. -1 for
the host Xmax of Tunka-Grande events, is NULL); the others are derived
here: the time (GT, MT), the sky coordinates (as for KASCADE, with
:func:`converters.sky.horizontal_to_icrs`, at the Tunka site), the DID
and DataLink URL, lg E and the ``simulated`` flag (the RD's property).
"""

import numpy as np

from converters import kcdc_quantities, rdschema, sky
from converters.kascade.events import publisher_did
from converters.kascade.runs import datalink_urls
from converters.tables import concatenate_columns
from converters.tunka_rex.files import input_files, read_run_file
from converters.tunka_rex.site import TUNKA_SITE

__all__ = ["DERIVED", "event_columns", "read_table", "events_table"]


def _times(q, _):
    return {"obs_time": sky.datetime64_from_unix(q["GT"], q["MT"]),
            "obs_mjd": sky.mjd_from_unix(q["GT"], q["MT"])}


def _sky(q, _):
    ra, dec = sky.horizontal_to_icrs((q["GT"], q["MT"]), q["ZE"], q["AZ"],
                                     location=TUNKA_SITE)
    gal_l, gal_b = sky.icrs_to_galactic(ra, dec)
    return {"ra": ra, "dec": dec, "gal_l": gal_l, "gal_b": gal_b}


def _identifiers(q, site):
    authority, collection, server_url, _ = site
    dids = publisher_did(authority, collection, q["R"], q["EV"])
    return {"event_did": dids,
            "datalink": datalink_urls(dids, server_url, collection)}


def _log_energy(q, _):
    return {"log_energy": np.log10(q["E"])}


def _simulated(q, site):
    return {"simulated": np.full(len(q["R"]), site[3], dtype=bool)}


#: Derived column -> the function computing its group.
DERIVED = {"obs_time": _times, "obs_mjd": _times, "ra": _sky, "dec": _sky,
           "gal_l": _sky, "gal_b": _sky, "event_did": _identifiers,
           "datalink": _identifiers, "log_energy": _log_energy,
           "simulated": _simulated}


def _copied(quantity, values):
    data = np.ma.getdata(quantity.to_column(values))
    mask = np.ma.getmaskarray(values)
    if quantity.null is not None:
        mask = mask | (data == quantity.null)
    return np.ma.masked_array(data, mask=mask) if mask.any() else data


def event_columns(q, spec, authority, server_url, rd_dir=rdschema.RD_DIR):
    """The table's columns for the validated quantities of one file.

    Parameters
    ----------
    q : dict
        Quantities by name (:func:`converters.tunka_rex.files.
        read_run_file`).
    spec : converters.rdschema.TableSpec
        The events table (its schema is the DID collection).
    authority, server_url : str
    rd_dir : path-like, optional
        Where the RD is (its ``simulated`` property).

    Returns
    -------
    dict
        Exactly the RD's columns, in RD order.
    """
    by_column = {qt.column: qt for qt in
                 kcdc_quantities.quantities(spec.rd, spec.id, rd_dir)
                 if qt.table == spec.id}
    site = (authority, spec.schema, server_url,
            rdschema.is_simulated(spec.rd, rd_dir))
    out = {}
    for name in spec.names:
        if name in by_column:
            out[name] = _copied(by_column[name], q[by_column[name].name])
        elif name in DERIVED:
            if name not in out:
                out.update(DERIVED[name](q, site))
        else:
            raise rdschema.RDSchemaError(
                f"{spec.qualified_name}.{name} has no kcdc property and is "
                f"not a derived column ({', '.join(DERIVED)})")
    return {name: out[name] for name in spec.names}


def read_table(ctx, table_id="events", rd_dir=rdschema.RD_DIR):
    """The events table of every run file of a resource.

    Parameters
    ----------
    ctx : converters.context.ImportContext
    table_id : str, optional
    rd_dir : path-like, optional
        Where the RDs are (default: the project's ``rd/``).

    Returns
    -------
    dict of str to numpy.ndarray

    Raises
    ------
    converters.errors.InputError
        E09 without files; E01 .. E08 and E10 for a bad one.
    """
    spec = rdschema.table(ctx.resource, table_id, rd_dir)
    return concatenate_columns([
        event_columns(read_run_file(path, ctx.resource, rd_dir=rd_dir),
                      spec, ctx.authority, ctx.server_url, rd_dir)
        for path in input_files(ctx, spec.id, rd_dir)])


def events_table(ctx):
    """Table converter of ``<resource>.events``.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict of str to numpy.ndarray
    """
    return read_table(ctx, ctx.table or "events")
