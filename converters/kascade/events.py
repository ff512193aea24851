"""KCDC quantities -> the columns of a KASCADE events table (rd/kascade.rd).

The RD says which column each KCDC quantity fills (its ``kcdc``
property, :mod:`converters.kcdc_quantities`); this module copies them,
in the column's unit, with KCDC's "not measured" value as NULL.  The
derived columns are computed here: GPS seconds plus nanoseconds become a
timestamp and an MJD, the horizontal direction becomes ICRS and galactic
coordinates, and every event gets its publisher DID and DataLink URL.

The table converter :func:`events_table` (manifest:
``converters.kascade.events:events_table``) serves every KASCADE resource: it
reads the files that the table's ``kcdc_files`` property names (default:
every KCDC export directly in ``data/``).
"""

import concurrent.futures
import multiprocessing
import os
import sys

import numpy as np

from converters import kcdc, kcdc_quantities, rdschema, sky
from converters.errors import E09
from converters.kascade.runs import datalink_urls
from converters.tables import FileChunks, concatenate_columns

__all__ = ["publisher_did", "event_columns", "input_files", "read_table",
           "events_table", "file_columns", "events_partitions",
           "DERIVED"]


def publisher_did(authority, collection, run, event):
    """Stable publisher DIDs ``ivo://AUTH/~?COLLECTION/RUN/EVENT`` as bytes.

    Returns
    -------
    numpy.ndarray
        dtype ``S``.
    """
    prefix = f"ivo://{authority}/~?{collection}/"
    # one f-string per event is several times faster than np.char.add
    return np.array([f"{prefix}{r}/{e}" for r, e in
        zip(run.tolist(), event.tolist())], dtype="S")


def _times(q, _):
    gt, mt = q["GT"].astype(np.int64), q["MT"].astype(np.int64)
    return {"obs_time": sky.datetime64_from_unix(gt, mt),
            "obs_mjd": sky.mjd_from_unix(gt, mt)}


def _sky(q, _):
    gt, mt = q["GT"].astype(np.int64), q["MT"].astype(np.int64)
    ra, dec = sky.horizontal_to_icrs((gt, mt), q["ZE"], q["AZ"])
    gal_l, gal_b = sky.icrs_to_galactic(ra, dec)
    return {"ra": ra, "dec": dec, "gal_l": gal_l, "gal_b": gal_b}


def _identifiers(q, site):
    authority, collection, server_url = site
    dids = publisher_did(authority, collection, q["R"], q["EV"])
    out = {"event_did": dids}
    if server_url is not None:
        out["datalink"] = datalink_urls(dids, server_url, collection)
    return out


def _energy(q, _):
    return {"energy": 10 ** (q["E"] - 15)}


#: The derived columns and the function computing each group of them
#: from the KCDC quantities (keyed by KCDC name).
DERIVED = {"obs_time": _times, "obs_mjd": _times, "ra": _sky, "dec": _sky,
           "gal_l": _sky, "gal_b": _sky, "event_did": _identifiers,
           "datalink": _identifiers, "energy": _energy}


def _quantity_column(quantity, values):
    values = quantity.to_column(values)
    mask = np.ma.getmaskarray(values)
    if quantity.null is not None:
        mask = mask | (np.ma.getdata(values) == quantity.to_column(
            quantity.null))
    data = np.ma.getdata(values)
    return np.ma.masked_array(data, mask=mask) if mask.any() else data


def event_columns(q, spec, quantities, authority, server_url=None):
    """The columns of an events table for validated KCDC quantities.

    Parameters
    ----------
    q : dict of str to numpy.ndarray
        Validated KCDC quantities (:func:`converters.kcdc.read_events`).
    spec : converters.rdschema.TableSpec
        The table to fill; its schema is the DID collection.
    quantities : tuple of converters.kcdc_quantities.Quantity
        The table's quantity description.
    authority : str
        The IVOA authority of the data centre, for the DIDs.
    server_url : str, optional
        For the DataLink URLs; required if the table has a ``datalink``
        column.

    Returns
    -------
    dict of str to numpy.ndarray
        Exactly the table's columns in RD order; masked where NULL.

    Raises
    ------
    converters.rdschema.RDSchemaError
        A column is neither a KCDC quantity nor a derived column.
    """
    by_column = {qt.column: qt for qt in quantities if qt.table == spec.id}
    site = (authority, spec.schema, server_url)
    out, done = {}, set()
    for name in spec.names:
        if name in by_column:
            out[name] = _quantity_column(by_column[name],
                                         q[by_column[name].name])
        elif name in DERIVED:
            if DERIVED[name] not in done:
                done.add(DERIVED[name])
                out.update(DERIVED[name](q, site))
        else:
            raise rdschema.RDSchemaError(
                f"{spec.qualified_name}.{name} has no kcdc property and is "
                f"not a derived column ({', '.join(DERIVED)})")
    return {name: out[name] for name in spec.names}


def file_columns(ctx, path, table_id=None, rd_dir=rdschema.RD_DIR):
    """The columns of the events table ``ctx.table`` from one KCDC file.

    Parameters
    ----------
    ctx : converters.context.ImportContext
    path : pathlib.Path
    table_id : str, optional
        Default ``ctx.table`` or ``events``.
    rd_dir : path-like, optional

    Returns
    -------
    dict of str to numpy.ndarray
    """
    table_id = table_id or ctx.table or "events"
    spec = rdschema.table(ctx.resource, table_id, rd_dir)
    qs = kcdc_quantities.quantities(ctx.resource, table_id, rd_dir)
    return event_columns(kcdc.read_events(path, quantities=qs), spec, qs,
                         ctx.authority, ctx.server_url)


def _file_columns(job):
    """The table columns of one KCDC file (run in a worker)."""
    path, ctx, table_id, rd_dir = job
    print(f"  reading {path.name}", file=sys.stderr)
    return file_columns(ctx, path, table_id, rd_dir)


def input_files(ctx, table_id="events", rd_dir=rdschema.RD_DIR):
    """The KCDC files that fill a table: its ``kcdc_files`` glob in data/.

    Parameters
    ----------
    ctx : converters.context.ImportContext
    table_id : str
    rd_dir : path-like, optional

    Returns
    -------
    list of pathlib.Path
        Sorted by name.
    """
    spec = rdschema.table(ctx.resource, table_id, rd_dir)
    return list(kcdc.iter_event_files(
        ctx.data_dir, spec.properties.get("kcdc_files", "*")))


def read_table(ctx, table_id="events", rd_dir=rdschema.RD_DIR):
    """The columns of a KCDC events table from every file it reads.

    Parameters
    ----------
    ctx : converters.context.ImportContext
    table_id : str
        A table of ``rd/<ctx.resource>.rd`` with KCDC quantities; its
        ``kcdc_files`` property is the glob of its input files below
        ``ctx.data_dir`` (default ``*``).
    rd_dir : path-like, optional
        Where the RDs are (default: the project's ``rd/``).

    Returns
    -------
    dict of str to numpy.ndarray

    Raises
    ------
    converters.errors.E09
        No input file.
    converters.errors.InputError
        A bad file (see :func:`converters.kcdc.read_events`).
    """
    spec = rdschema.table(ctx.resource, table_id, rd_dir)
    jobs = [(path, ctx, table_id, rd_dir)
            for path in input_files(ctx, table_id, rd_dir)]
    if not jobs:
        pattern = spec.properties.get("kcdc_files", "*")
        raise E09(ctx.data_dir / pattern, "no KCDC export (ASCII, HDF5 or "
                  f"ROOT, suffixes {' '.join(kcdc.SUFFIXES)}) for "
                  f"{spec.qualified_name}; put KCDC exports there")
    if len(jobs) == 1:
        return _file_columns(jobs[0])
    # Files are converted in parallel: the sky coordinates dominate.
    with concurrent.futures.ProcessPoolExecutor(
            max_workers=min(len(jobs), os.cpu_count() or 1),
            mp_context=multiprocessing.get_context("fork")) as pool:
        return concatenate_columns(list(pool.map(_file_columns, jobs)))


def events_table(ctx):
    """Table converter of a KASCADE events table (any KASCADE resource).

    The table is ``ctx.table`` if the context names one, else ``events``.

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    dict of str to numpy.ndarray
        Exactly the RD's columns.
    """
    return read_table(ctx, ctx.table or "events")


def events_partitions(ctx):
    """Table converter of a partitioned KASCADE events table.

    Like :func:`events_table`, but file by file: each input file becomes
    one partition of the table, converted while the previous one is
    loaded (``apdc.partitions``).

    Parameters
    ----------
    ctx : converters.context.ImportContext

    Returns
    -------
    converters.tables.FileChunks

    Raises
    ------
    converters.errors.E09
        No input file.
    """
    table_id = ctx.table or "events"
    paths = tuple(input_files(ctx, table_id))
    if not paths:
        spec = rdschema.table(ctx.resource, table_id)
        raise E09(ctx.data_dir / spec.properties.get("kcdc_files", "*"),
                  f"no KCDC export for {spec.qualified_name}; put KCDC "
                  "exports there")
    return FileChunks(ctx, paths, file_columns)
