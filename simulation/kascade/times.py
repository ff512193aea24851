"""Event times, UTC calendar fields and the weather of simulated events.

Times are a Poisson process over the observation period; temperature
and pressure are a rough climatology of the Karlsruhe region plus
smoothed weather anomalies (docs/simulation.md, "Times and weather").
"""

import math

import numpy as np

__all__ = [
    "T_MEAN_C", "T_SEASONAL_AMPLITUDE_C", "T_COLDEST_DAY",
    "T_WEATHER_SIGMA_C", "T_WEATHER_HOURS", "P_MEAN_HPA",
    "P_WEATHER_SIGMA_HPA", "P_WEATHER_HOURS", "WEATHER_NODE_S",
    "SECONDS_PER_DAY", "TROPICAL_YEAR_S", "MAX_NANOSECONDS",
    "unix_seconds", "draw_times", "utc_fields", "draw_weather",
]

# --- weather -------------------------------------------------------
# Rough climatology of the Karlsruhe region, chosen by hand (not fitted).
T_MEAN_C = 10.0
T_SEASONAL_AMPLITUDE_C = 8.0
T_COLDEST_DAY = 15           # day of year of the seasonal minimum
T_WEATHER_SIGMA_C = 3.0
T_WEATHER_HOURS = 24.0       # correlation time of temperature anomalies
P_MEAN_HPA = 1005.0
P_WEATHER_SIGMA_HPA = 8.0
P_WEATHER_HOURS = 48.0
WEATHER_NODE_S = 3600        # weather is sampled hourly, then interpolated

SECONDS_PER_DAY = 86400
TROPICAL_YEAR_S = 365.2422 * SECONDS_PER_DAY
#: Largest sub-second part (KCDC's MT) in ns.
MAX_NANOSECONDS = 999_999_999


def unix_seconds(start):
    """Unix seconds of ``start``, UTC.

    Parameters
    ----------
    start : str or numpy.datetime64
        ISO 8601 time.

    Returns
    -------
    int
    """
    return int(np.datetime64(start, "s").astype(np.int64))


def draw_times(rng, n, period_s, t0, max_ns=MAX_NANOSECONDS):
    """Arrival times of a Poisson process with ``n`` events in the period.

    The times are the sorted uniforms; normalised exponential gaps give
    them already sorted, in O(n).

    Parameters
    ----------
    rng : numpy.random.Generator
        The time stream.
    n : int
        Number of events.
    period_s : int
        Length of the period in seconds.
    t0 : int
        Unix seconds of its start.
    max_ns : int, optional
        Upper bound of the nanoseconds (a fraction just below 1 can
        round up to 1e9 ns).

    Returns
    -------
    gt : numpy.ndarray of int64
        Unix seconds (KCDC's GT).
    mt : numpy.ndarray of int64
        Nanoseconds (KCDC's MT).
    t_rel : numpy.ndarray
        Seconds since the start (float), for the weather.
    """
    t = rng.standard_exponential(n + 1)
    np.cumsum(t, out=t)
    t *= period_s / t[-1]
    t = t[:n]
    sec = np.floor(t)
    ns = t - sec
    ns *= 1e9
    gt = sec.astype(np.int64) + t0
    return gt, np.minimum(ns.astype(np.int64), max_ns), t


def utc_fields(gt):
    """YYYYMMDD and HHMMSS (int32) of unix seconds.

    Parameters
    ----------
    gt : numpy.ndarray of int64
        Unix seconds; before 1970 too.

    Returns
    -------
    ymd, hms : numpy.ndarray of int32
        KCDC's YMD and HMS.
    """
    days = gt // SECONDS_PER_DAY      # floor division is right before 1970 too
    d = days.astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = m.astype(np.int64) % 12 + 1
    day = (d - m.astype("datetime64[D]")).astype(np.int64) + 1
    ymd = (year * 10000 + month * 100 + day).astype(np.int32)
    sod = gt - days * SECONDS_PER_DAY
    hms = (sod // 3600 * 10000 + sod % 3600 // 60 * 100
           + sod % 60).astype(np.int32)
    return ymd, hms


def _anomalies(rng, t_rel, period_s, sigma, corr_hours):
    """Smooth Gaussian noise in time, evaluated at ``t_rel`` seconds.

    Independent values per event would make the pressure jump by 8 hPa
    between events seconds apart; smoothed hourly nodes give weather
    that drifts over days, as in real run logs.
    """
    n_nodes = int(period_s // WEATHER_NODE_S) + 2
    width = corr_hours * 3600.0 / WEATHER_NODE_S
    half = int(math.ceil(4 * width))
    k = np.exp(-0.5 * (np.arange(-half, half + 1) / width) ** 2)
    k /= np.sqrt(np.sum(k * k))   # keeps the output variance at 1
    white = rng.standard_normal(n_nodes + 2 * half)
    series = np.convolve(white, k, mode="valid")
    series *= sigma
    nodes = np.arange(n_nodes, dtype=np.float64) * WEATHER_NODE_S
    return np.interp(t_rel, nodes, series)


def draw_weather(rng, gt, t_rel, period_s):
    """Air temperature and pressure at the event times.

    Parameters
    ----------
    rng : numpy.random.Generator
        The weather stream.
    gt : numpy.ndarray of int64
        Unix seconds of the events (for the season).
    t_rel : numpy.ndarray
        Seconds since the start of the period (for the anomalies).
    period_s : int
        Length of the period in seconds.

    Returns
    -------
    temperature, pressure : numpy.ndarray
        degC and hPa (KCDC's T and P).
    """
    # Seasonal minimum in mid-January; the phase is taken from unix time
    # so that it does not depend on the chosen start.
    t_coldest = (T_COLDEST_DAY - 1) * SECONDS_PER_DAY
    season = gt - t_coldest
    season = season.astype(np.float64)
    season *= 2 * math.pi / TROPICAL_YEAR_S
    temp = np.cos(season)
    del season
    temp *= -T_SEASONAL_AMPLITUDE_C
    temp += T_MEAN_C
    temp += _anomalies(rng, t_rel, period_s, T_WEATHER_SIGMA_C,
                       T_WEATHER_HOURS)
    pres = _anomalies(rng, t_rel, period_s, P_WEATHER_SIGMA_HPA,
                      P_WEATHER_HOURS)
    pres += P_MEAN_HPA
    return temp, pres
