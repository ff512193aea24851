"""Per-antenna radio signals of simulated Tunka-Rex showers.

Simulated, not Tunka-Rex measurements; a parameterisation, not a
radio-emission simulation (docs/tunka_rex.md):

* amplitude at axis distance r: ``A120 * exp(-LDF_SLOPE * (r - 120 m))``
  (an exponential lateral distribution, as Tunka-Rex fits; the slope is
  approximated), plus Gaussian noise of ``NOISE_UV_M``;
* SNR: (peak / noise)^2; an antenna has a signal when SNR >=
  ``SNR_THRESHOLD`` (no signal: NaN in every array);
* peak time: a plane front along the arrival direction, relative to the
  core, plus ``TIME_JITTER_NS`` of jitter;
* polarisation: the geomagnetic emission's direction (motion x field).
"""

import numpy as np

from simulation.tunka_rex import geomagnetic

__all__ = ["LDF_SLOPE_PER_M", "NOISE_UV_M", "SNR_THRESHOLD",
           "TIME_JITTER_NS", "MIN_ANTENNAS", "simulate"]

LDF_SLOPE_PER_M = 0.005
NOISE_UV_M = 10.0
SNR_THRESHOLD = 10.0
TIME_JITTER_NS = 5.0
#: Fewer antennas with signal than this make the quality flag 1.
MIN_ANTENNAS = 3
_C_M_PER_NS = 0.299792458


def _axis_distances(events, layout):
    """(n_events, n_antennas) distances to the axis and plane-front delays."""
    v = geomagnetic.arrival_vectors(events["ZE"], events["AZ"])
    dx = layout["antenna_x"][None, :] - events["XC"][:, None]
    dy = layout["antenna_y"][None, :] - events["YC"][:, None]
    along = dx * v[:, 0:1] + dy * v[:, 1:2]
    r = np.sqrt(np.maximum(dx ** 2 + dy ** 2 - along ** 2, 0.0))
    # upstream antennas (along > 0) see the front before the core
    return r, -along / _C_M_PER_NS


def simulate(rng, events, true_a120, layout):
    """The per-antenna arrays of a block of events.

    Parameters
    ----------
    rng : numpy.random.Generator
    events : dict
        ``XC``, ``YC``, ``ZE``, ``AZ`` (the RD's quantity names).
    true_a120 : numpy.ndarray
        True amplitude at 120 m, uV/m.
    layout : dict
        :func:`simulation.tunka_rex.antennas.layout`.

    Returns
    -------
    stations : dict
        ``station_id``, ``antenna_x``, ``antenna_y`` and the (n_events,
        n_antennas) float32 arrays ``peak_amplitude``, ``peak_time``,
        ``snr``, ``e_east``, ``e_north``, ``e_vertical``.
    n_antennas : numpy.ndarray of int16
        Antennas with signal per event.
    """
    r, delay = _axis_distances(events, layout)
    amp = true_a120[:, None] * np.exp(-LDF_SLOPE_PER_M * (r - 120.0))
    peak = np.abs(amp + rng.normal(0.0, NOISE_UV_M, amp.shape))
    snr = (peak / NOISE_UV_M) ** 2
    hit = snr >= SNR_THRESHOLD
    nan = np.float32(np.nan)
    times = delay + rng.normal(0.0, TIME_JITTER_NS, amp.shape)
    pol = geomagnetic.emission_direction(events["ZE"], events["AZ"])
    out = dict(layout)
    out["peak_amplitude"] = np.where(hit, peak, nan).astype(np.float32)
    out["peak_time"] = np.where(hit, times, nan).astype(np.float32)
    out["snr"] = np.where(hit, snr, nan).astype(np.float32)
    for i, name in enumerate(("e_east", "e_north", "e_vertical")):
        out[name] = np.where(hit, peak * pol[:, i:i + 1], nan).astype(
            np.float32)
    return out, hit.sum(axis=1).astype(np.int16)
