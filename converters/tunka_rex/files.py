"""The run files of a Tunka-Rex resource: which, what they declare, and
their contents.

The Tunka-Rex event-summary format (docs/tunka_rex.md) is the KCDC-HDF5
/ KCDC-ROOT layout (:mod:`converters.kcdc_hdf5`,
:mod:`converters.kcdc_root`) with the quantities of rd/tunka_rex.rd:
per-event datasets in ``/events``, the per-antenna arrays ("event
station") beside them and the antenna table in ``/stations``.  An HDF5
file may declare its provenance in root attributes; ``simulated`` must
agree with the RD's ``simulated`` property (E10), so simulated and real
Tunka-Rex events never mix.
"""

import h5py

from converters import kcdc, kcdc_quantities, rdschema
from converters.errors import E09, E10

__all__ = ["input_files", "declares_simulated", "check_provenance",
           "read_run_file"]


def input_files(ctx, table_id="events", rd_dir=rdschema.RD_DIR):
    """The run files of a resource: the ``kcdc_files`` glob of its events
    table below ``ctx.data_dir`` (the RD in ``rd_dir``).

    Raises
    ------
    converters.errors.E09
        If there is none.
    """
    spec = rdschema.table(ctx.resource, table_id, rd_dir)
    pattern = spec.properties.get("kcdc_files", "runs/*.h5")
    paths = list(kcdc.iter_event_files(ctx.data_dir, pattern))
    if not paths:
        raise E09(ctx.data_dir / pattern, "no Tunka-Rex event-summary file "
                  f"(HDF5 or ROOT) for {spec.qualified_name}; run the "
                  "generator (apdc import NAME) or put files there")
    return paths


def declares_simulated(path):
    """True if an HDF5 file's ``simulated`` attribute says so (ROOT files
    and files without the attribute: False; unreadable files: None)."""
    if kcdc.format_of(path) != "hdf5":
        return False
    try:
        with h5py.File(path, "r") as f:
            value = f.attrs.get("simulated", False)
    except OSError:
        return None  # the reader reports the unreadable file (E01, E02)
    if isinstance(value, bytes):
        value = value.decode()
    return str(value).strip().lower() in ("true", "1")


def check_provenance(path, resource, rd_dir=rdschema.RD_DIR):
    """E10 unless the file's provenance matches the resource's RD.

    Parameters
    ----------
    path : path-like
    resource : str
        The RD (its ``simulated`` property).
    rd_dir : path-like, optional
    """
    simulated = rdschema.is_simulated(resource, rd_dir)
    declared = declares_simulated(path)
    if declared is not None and declared != simulated:
        raise E10(path, ("declares no simulated data (measured events)"
                         if simulated else "declares simulated data")
                  + f" but the resource {resource} is "
                  + ("simulated" if simulated else "measured"),
                  field="simulated")


def read_run_file(path, resource, stations=False, rd_dir=rdschema.RD_DIR):
    """The validated quantities of one run file (after E10).

    Parameters
    ----------
    path : path-like
    resource : str
    stations : bool
        Also return the per-antenna arrays.
    rd_dir : path-like, optional

    Returns
    -------
    dict or tuple
        As :func:`converters.kcdc.read_events`.
    """
    check_provenance(path, resource, rd_dir)
    return kcdc.read_events(path, stations=stations,
                            quantities=kcdc_quantities.quantities(
                                resource, "events", rd_dir))
