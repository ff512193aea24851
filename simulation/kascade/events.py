"""Simulated KASCADE-like events in the KCDC quantities the RD declares.

:func:`generate` draws every modelled quantity (energy, direction, core,
sizes, age, hadrons, times, weather, run bookkeeping) and returns those
that the KASCADE RD declares as KCDC quantities, in the RD's order and
with its dtypes.  A quantity the RD declares but the model does not
simulate is an error if it is required; an optional one is simply absent
from the output (and therefore from the simulated files, which the KCDC
readers accept as NULL).

Examples
--------
>>> from converters import kcdc_quantities
>>> from simulation.kascade import events
>>> cols = events.generate(1000, seed=1)
>>> list(cols) == [q.name for q in kcdc_quantities.scalar_quantities()]
True
"""

import numpy as np

from converters import kcdc_quantities
from simulation.kascade import energy, showers, times

__all__ = ["GENERATOR_NAME", "GENERATOR_VERSION", "DESCRIPTION",
           "DEFAULT_SEED", "STREAMS", "simulate_all", "generate"]

GENERATOR_NAME = "simulation.kascade"
GENERATOR_VERSION = "2.0.0"
DEFAULT_SEED = 20260101

DESCRIPTION = (
    "SIMULATED KASCADE-like air-shower events, produced by the "
    "simulation.kascade generator of this data centre (seeded Monte Carlo "
    "with parameterised shower physics, no detector simulation). These "
    "are NOT KASCADE measurements and must not be used as such.")

#: One independent random stream per aspect, spawned in this order from
#: ``SeedSequence(seed)``, so that changing one part of the model leaves
#: the others' numbers untouched.
STREAMS = ("energy", "mass", "direction", "core", "size", "reco", "age",
           "time", "weather", "hadrons")


def _streams(seed):
    seeds = np.random.SeedSequence(seed).spawn(len(STREAMS))
    return {name: np.random.default_rng(s) for name, s in zip(STREAMS, seeds)}


def _period_seconds(n_events, events_per_run, days):
    """Check the arguments of :func:`generate`; the period in seconds."""
    if int(n_events) < 0:
        raise ValueError(f"n_events must be >= 0, not {n_events}")
    if events_per_run < 1:
        raise ValueError(f"events_per_run must be >= 1, not {events_per_run}")
    period_s = int(round(days * times.SECONDS_PER_DAY))
    if period_s <= 0:
        raise ValueError(f"days must be positive, not {days}")
    return period_s


def _number_runs(n, events_per_run):
    """Run numbers from 1 and event numbers from 1 within each run."""
    idx = np.arange(n, dtype=np.int32)
    run = idx // np.int32(events_per_run) + np.int32(1)
    idx %= np.int32(events_per_run)
    idx += np.int32(1)
    return run, idx


def simulate_all(n, seed, period_s, t0, events_per_run,
                 max_ns=times.MAX_NANOSECONDS):
    """Every quantity the model simulates, and the Monte Carlo truth.

    Parameters
    ----------
    n : int
        Number of events.
    seed : int
        Seed of the random streams (:data:`STREAMS`).
    period_s : int
        Observation period in seconds.
    t0 : int
        Unix seconds of its start.
    events_per_run : int
        Events per run.
    max_ns : int, optional
        Largest sub-second nanoseconds (KCDC's MT).

    Returns
    -------
    cols : dict of str to numpy.ndarray
        KCDC quantity name to values, in the model's dtypes.
    truth : dict of str to numpy.ndarray
        ``"lgE"``, the true lg(E/eV), and ``"A"``, the mass number.
    """
    rs = _streams(seed)
    cols = {}
    lg_e_true = energy.sample_lg_energy(rs["energy"], n)
    mass = energy.sample_mass(rs["mass"], n)
    lg_a = np.log10(mass, dtype=np.float64)
    cols["ZE"], cols["AZ"], sec_m1 = showers.draw_direction(rs["direction"], n)
    cols["XC"], cols["YC"], seen = showers.draw_core(rs["core"], n)
    lg_e_gev = lg_e_true - 9.0
    cols["NE"], cols["NMU"] = showers.draw_sizes(rs["size"], lg_e_gev, lg_a,
                                                 sec_m1)
    cols["E"] = energy.reconstruct_energy(rs["reco"], cols["NE"],
                                          cols["NMU"], sec_m1)
    cols["AGE"] = showers.draw_age(rs["age"], sec_m1)
    del sec_m1
    cols["GT"], cols["MT"], t_rel = times.draw_times(rs["time"], n, period_s,
                                                     t0, max_ns)
    cols["YMD"], cols["HMS"] = times.utc_fields(cols["GT"])
    cols["T"], cols["P"] = times.draw_weather(rs["weather"], cols["GT"],
                                              t_rel, period_s)
    del t_rel
    cols["ESUMHAD"], cols["NHAD"] = showers.draw_hadrons(
        rs["hadrons"], lg_e_gev, lg_a, seen)
    cols["R"], cols["EV"] = _number_runs(n, events_per_run)
    return cols, {"lgE": lg_e_true, "A": mass}


def _in_rd_layout(cols, quantities):
    """The simulated columns the RD declares, in its order and dtypes."""
    missing = [q.name for q in quantities if q.required and q.name not in cols]
    if missing:
        raise ValueError("the KASCADE simulation has no model for the "
                         f"required quantities {', '.join(missing)}")
    return {q.name: np.asarray(cols.pop(q.name), dtype=q.dtype)
            for q in quantities if q.name in cols}


def _max_nanoseconds(quantities):
    for q in quantities:
        if q.name == "MT" and q.bounds and q.bounds[1] is not None:
            return int(q.bounds[1])
    return times.MAX_NANOSECONDS


def generate(n_events, seed=DEFAULT_SEED, start="1998-01-01", days=365 * 5,
             events_per_run=100_000, return_truth=False, quantities=None):
    """Simulate KASCADE-like air-shower events in KCDC's quantity layout.

    Parameters
    ----------
    n_events : int
        Number of events (>= 0).
    seed : int, optional
        Seed of numpy's PCG64 generator; the same seed gives identical
        output on the same numpy version.
    start : str or numpy.datetime64, optional
        UTC start of the observation period (ISO 8601).
    days : float, optional
        Length of the observation period in days.
    events_per_run : int, optional
        Events per run; runs are numbered from 1 in time order.
    return_truth : bool, optional
        Also return the Monte Carlo truth.
    quantities : sequence of converters.kcdc_quantities.Quantity, optional
        The quantities to produce; default: those of the KASCADE RD's
        events table (``kcdc_quantities.scalar_quantities()``).  Per-station
        arrays among them are left out (see
        :func:`simulation.kascade.stations.simulate`).

    Returns
    -------
    columns : dict of str to numpy.ndarray
        One array per quantity, in their order and with their dtypes.  An
        optional quantity without a simulation model is absent.
    truth : dict of str to numpy.ndarray
        Only if ``return_truth``: ``"lgE"``, true lg(E/eV), and ``"A"``,
        the primary mass number (int16).

    Raises
    ------
    ValueError
        On a negative event count, a non-positive period or run size, or
        a required quantity that the model does not simulate.
    """
    if quantities is None:
        quantities = kcdc_quantities.scalar_quantities()
    quantities = [q for q in quantities if not q.is_array]
    period_s = _period_seconds(n_events, events_per_run, days)
    cols, truth = simulate_all(int(n_events), seed, period_s,
                               times.unix_seconds(start), events_per_run,
                               _max_nanoseconds(quantities))
    columns = _in_rd_layout(cols, quantities)
    return (columns, truth) if return_truth else columns
