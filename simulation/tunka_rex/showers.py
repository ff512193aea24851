"""Simulated Tunka-Rex showers: the truth and the radio reconstruction.

Every parameter is an attribute of :class:`Parameters`; docs/tunka_rex.md
gives the source of each.  Simulated, not Tunka-Rex measurements.
"""

from dataclasses import asdict, dataclass

import numpy as np

from converters.tunka_rex.site import TUNKA_LONGITUDE_DEG
from simulation.kascade.times import draw_times, unix_seconds
from simulation.tunka_rex import geomagnetic

__all__ = ["Parameters", "HOST_TUNKA_133", "HOST_TUNKA_GRANDE",
           "draw_energies", "draw_directions", "draw_cores", "draw_xmax",
           "draw_times_and_hosts", "amplitude_120", "reconstruct"]

HOST_TUNKA_133 = 1
HOST_TUNKA_GRANDE = 2


@dataclass(frozen=True)
class Parameters:
    """The published parameters the generator draws from.

    Attributes
    ----------
    spectral_index : float
        dN/dE ~ E**-index above ``e_min_ev``: 3.18, the slope of the
        Tunka-133 all-particle spectrum above 10^17 eV (N.M. Budnev et
        al., Astropart. Phys. 117 (2020) 102406; fitted to the points of
        the mirrored file, see tests/test_tunka_rex_showers.py).
    e_min_ev, e_max_ev : float
        Energy range: threshold about 10^17 eV (arXiv:1812.03347) up to
        10^18.5 eV, where Tunka-133's spectrum ends.
    zenith_max_deg : float
        50 deg, the zenith cut of the Tunka-Rex analyses.
    core_radius_m : float
        Cores uniform within this radius of the array centre (the dense
        ~1 km^2 part).
    energy_resolution : float
        0.15: Tunka-Rex energy resolution (P.A. Bezyazeekov et al., JCAP
        01 (2016) 052).
    xmax_resolution : float
        40 g/cm^2 (same paper; later 25-35 g/cm^2 with template fitting,
        arXiv:1803.06862).
    xmax_at_1e17, elongation_rate, xmax_spread : float
        Mean Xmax at 10^17 eV, its change per decade of energy and the
        shower-to-shower spread, g/cm^2 (approximated, docs/tunka_rex.md).
    ev_per_uv_m : float
        kappa in E = kappa * A120 / sin(alpha), eV per uV/m (approximated:
        10^17 eV at sin(alpha) = 1 gives about 113 uV/m).
    host_energy_resolution : dict
        Host detector -> relative energy resolution (assumed).
    host_xmax_resolution : float
        Tunka-133 Xmax resolution, g/cm^2 (assumed).
    """

    spectral_index: float = 3.18
    e_min_ev: float = 1e17
    e_max_ev: float = 10 ** 18.5
    zenith_max_deg: float = 50.0
    core_radius_m: float = 500.0
    energy_resolution: float = 0.15
    xmax_resolution: float = 40.0
    xmax_at_1e17: float = 650.0
    elongation_rate: float = 50.0
    xmax_spread: float = 60.0
    ev_per_uv_m: float = 8.83e14
    host_energy_resolution: tuple = ((HOST_TUNKA_133, 0.15),
                                     (HOST_TUNKA_GRANDE, 0.25))
    host_xmax_resolution: float = 25.0

    def as_dict(self):
        """JSON-ready parameters (for the provenance)."""
        return asdict(self)


def draw_energies(rng, n, p):
    """True energies in eV from the power law (inverse transform)."""
    g = 1.0 - p.spectral_index
    lo, hi = p.e_min_ev ** g, p.e_max_ev ** g
    return (lo + rng.random(n) * (hi - lo)) ** (1.0 / g)


def draw_directions(rng, n, p):
    """Isotropic arrival on a flat array: sin^2(zenith) uniform up to the
    cut (dN/dcos ~ cos), azimuth uniform; degrees."""
    s2 = rng.random(n) * np.sin(np.radians(p.zenith_max_deg)) ** 2
    zenith = np.degrees(np.arcsin(np.sqrt(s2)))
    return zenith, rng.random(n) * 360.0


def draw_cores(rng, n, p):
    """Cores uniform in the disc of ``core_radius_m``; x east, y north."""
    r = p.core_radius_m * np.sqrt(rng.random(n))
    phi = rng.random(n) * 2 * np.pi
    return r * np.sin(phi), r * np.cos(phi)


def draw_xmax(rng, energy, p):
    """True Xmax, g/cm^2."""
    mean = p.xmax_at_1e17 + p.elongation_rate * np.log10(energy / 1e17)
    return mean + rng.normal(0.0, p.xmax_spread, len(energy))


def draw_times_and_hosts(rng, n, start, days):
    """Event times and the host detector of each event.

    Tunka-133 sees air-Cherenkov light only in clear moonless nights of
    the season (approximated: October to March, 21 to 5 h local solar
    time); other events are triggered by Tunka-Grande.

    Returns
    -------
    gt, mt : numpy.ndarray of int64
        Unix seconds and nanoseconds, sorted.
    host : numpy.ndarray of int16
    """
    gt, mt, _ = draw_times(rng, n, int(days * 86400), unix_seconds(start))
    solar_hour = ((gt % 86400) / 3600.0 + TUNKA_LONGITUDE_DEG / 15.0) % 24
    month = (gt.astype("datetime64[s]").astype("datetime64[M]").astype(int)
             % 12) + 1
    night = (solar_hour >= 21) | (solar_hour < 5)
    season = (month >= 10) | (month <= 3)
    host = np.where(night & season, HOST_TUNKA_133,
                    HOST_TUNKA_GRANDE).astype(np.int16)
    return gt, mt, host


def amplitude_120(energy, alpha_deg, p):
    """True radio amplitude at 120 m, uV/m: E * sin(alpha) / kappa."""
    return energy * np.sin(np.radians(alpha_deg)) / p.ev_per_uv_m


def reconstruct(rng, truth, p):
    """The radio and host reconstruction of true showers.

    Parameters
    ----------
    rng : numpy.random.Generator
    truth : dict
        ``energy``, ``xmax``, ``zenith``, ``azimuth``, ``host``.
    p : Parameters

    Returns
    -------
    dict
        ``A120``, ``E``, ``E_ERR``, ``XMAX``, ``XMAX_ERR``, ``GEOMAG``,
        ``E_HOST``, ``XMAX_HOST`` (-1 for Tunka-Grande).
    """
    n = len(truth["energy"])
    alpha = geomagnetic.geomagnetic_angle(truth["zenith"], truth["azimuth"])
    # the LDF fit's amplitude carries the energy resolution
    smear = np.maximum(1.0 + rng.normal(0.0, p.energy_resolution, n), 0.05)
    a120 = amplitude_120(truth["energy"], alpha, p) * smear
    sin_alpha = np.maximum(np.sin(np.radians(alpha)), 1e-3)
    energy = p.ev_per_uv_m * a120 / sin_alpha
    host_res = np.select(
        [truth["host"] == h for h, _ in p.host_energy_resolution],
        [r for _, r in p.host_energy_resolution])
    e_host = truth["energy"] * np.maximum(
        1.0 + rng.normal(0.0, 1.0, n) * host_res, 0.05)
    x_host = truth["xmax"] + rng.normal(0.0, p.host_xmax_resolution, n)
    return {"A120": a120, "E": energy,
            "E_ERR": p.energy_resolution * energy,
            "XMAX": truth["xmax"] + rng.normal(0.0, p.xmax_resolution, n),
            "XMAX_ERR": np.full(n, p.xmax_resolution), "GEOMAG": alpha,
            "E_HOST": e_host,
            "XMAX_HOST": np.where(truth["host"] == HOST_TUNKA_133, x_host,
                                  -1.0)}
