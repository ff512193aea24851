"""Simulated Tunka-Rex-like events in the quantities of rd/tunka_rex.rd.

Simulated, not Tunka-Rex measurements.  :func:`generate` draws the
showers (:mod:`simulation.tunka_rex.showers`), their per-antenna signals
(:mod:`simulation.tunka_rex.signals`) and numbers them into runs.  Each
step has its own random stream spawned from the seed, so the output
depends only on the seed, the count, the period and the parameters.
"""

import numpy as np

from simulation.tunka_rex import antennas, showers, signals

__all__ = ["GENERATOR_NAME", "GENERATOR_VERSION", "DEFAULT_SEED",
           "DESCRIPTION", "BLOCK", "generate"]

GENERATOR_NAME = "simulation.tunka_rex"
#: Bump whenever the output for a given seed changes.
GENERATOR_VERSION = "1.0"
DEFAULT_SEED = 20261201
DESCRIPTION = ("SIMULATED Tunka-Rex-like radio air-shower events "
               "(simulated, not Tunka-Rex measurements) from the "
               "Astroparticle VO Data Centre's seeded generator; "
               "parameters and sources in docs/tunka_rex.md")
#: Events per block of the per-antenna simulation (bounds the memory).
BLOCK = 20_000
_STREAMS = ("energy", "direction", "core", "xmax", "time", "reco",
            "signals")


def _truth(streams, n, p, start, days):
    zenith, azimuth = showers.draw_directions(streams["direction"], n, p)
    energy = showers.draw_energies(streams["energy"], n, p)
    core_x, core_y = showers.draw_cores(streams["core"], n, p)
    gt, mt, host = showers.draw_times_and_hosts(streams["time"], n, start,
                                                days)
    return {"energy": energy, "zenith": zenith, "azimuth": azimuth,
            "core_x": core_x, "core_y": core_y,
            "xmax": showers.draw_xmax(streams["xmax"], energy, p),
            "gt": gt, "mt": mt, "host": host}


def _signals(rng, cols, truth, p):
    """Per-antenna arrays of every event (blockwise) and NANT."""
    layout = antennas.layout()
    n = len(truth["energy"])
    true_a120 = showers.amplitude_120(truth["energy"], cols["GEOMAG"], p)
    parts, nant = [], np.zeros(n, np.int16)
    for lo in range(0, n, BLOCK):
        block = {k: cols[k][lo:lo + BLOCK] for k in ("XC", "YC", "ZE", "AZ")}
        arrays, nant[lo:lo + BLOCK] = signals.simulate(
            rng, block, true_a120[lo:lo + BLOCK], layout)
        parts.append(arrays)
    stations = dict(layout)
    for key in parts[0] if parts else ():
        if key not in layout:
            stations[key] = np.concatenate([a[key] for a in parts])
    return stations, nant


def generate(n_events, seed=DEFAULT_SEED, start="2012-10-01", days=2373,
             events_per_run=10_000, params=None):
    """Simulated events, per-antenna arrays and the truth behind them.

    Parameters
    ----------
    n_events : int
    seed : int, optional
    start : str, optional
        UTC start of the period (default: Tunka-Rex's first season).
    days : float, optional
        Length of the period (default: to 2019-04-01).
    events_per_run : int, optional
        Events per run (runs are consecutive in time, numbered from 1).
    params : simulation.tunka_rex.showers.Parameters, optional

    Returns
    -------
    columns : dict
        The per-event quantities of rd/tunka_rex.rd by name (``R``,
        ``EV``, ``GT``, ``MT``, ``E`` ...), in time order.
    stations : dict
        The per-antenna arrays (``station_id`` ... ``e_vertical``).
    truth : dict
        True ``energy``, ``xmax``, ``zenith`` ... (tests only).
    """
    p = params or showers.Parameters()
    n = int(n_events)
    streams = dict(zip(_STREAMS, (np.random.default_rng(s) for s in
                       np.random.SeedSequence(seed).spawn(len(_STREAMS)))))
    truth = _truth(streams, n, p, start, days)
    index = np.arange(n)
    cols = {"R": (index // events_per_run + 1).astype(np.int32),
            "EV": (index % events_per_run + 1).astype(np.int32),
            "GT": truth["gt"], "MT": truth["mt"],
            "XC": truth["core_x"], "YC": truth["core_y"],
            "ZE": truth["zenith"], "AZ": truth["azimuth"],
            "HOST": truth["host"]}
    cols.update(showers.reconstruct(streams["reco"], truth, p))
    stations, cols["NANT"] = _signals(streams["signals"], cols, truth, p)
    cols["QUALITY"] = (cols["NANT"] < signals.MIN_ANTENNAS).astype(np.int16)
    return cols, stations, truth
