"""Seeded generator of KASCADE-like *simulated* air-shower events.

The events follow KCDC's quantity layout (:mod:`converters.kcdc_schema`),
so that the KCDC converters, the database import and the services can be
exercised at realistic scale without redistributing real KASCADE data.
The physics is a handful of published parameterisations, not a detector
simulation; docs/simulation.md lists each relation with its source and
what is deliberately left out.

Everything is vectorised with numpy: one million events take a fraction
of a second and well under 300 MB.  The same seed gives bit-identical
output on the same numpy version.

Examples
--------
>>> from apdc import kascade_sim
>>> cols = kascade_sim.generate(1000, seed=1)
>>> sorted(cols) == sorted(kascade_sim.QUANTITIES)
True

From the shell::

    python -m apdc.kascade_sim /var/gavo/inputs/kascade/sim --n-events 1000000

Per-station arrays (energy deposits, arrival times) for chosen runs come
from :mod:`apdc.kascade_stations` (``write_runs(..., station_runs=...)``).
"""

import argparse
import json
import math
import os
import sys

import numpy as np

from converters.kcdc_schema import QUANTITIES, RANGES

from .fetch import sha256_of

GENERATOR_NAME = "apdc.kascade_sim"  # not __name__: that is __main__ under -m
GENERATOR_VERSION = "1.0.0"

DESCRIPTION = (
    "SIMULATED KASCADE-like air-shower events, produced by the "
    "apdc.kascade_sim generator of this data centre (seeded Monte Carlo "
    "with parameterised shower physics, no detector simulation). These "
    "are NOT KASCADE measurements and must not be used as such.")

DEFAULT_SEED = 20260101
MANIFEST_NAME = "manifest.json"
RUN_FILE_PATTERN = "kascade_sim_run{run:05d}{suffix}"
FORMAT_SUFFIXES = {"h5": ".h5", "root": ".root", "txt": ".txt"}

# --- all-particle energy spectrum ----------------------------------
# Knee position and indices: KASCADE, Antoni et al., Astropart. Phys. 24
# (2005) 1 (knee at ~4 PeV, gamma ~2.7 below, ~3.1 above); compare
# Hoerandel, Astropart. Phys. 19 (2003) 193.
LG_E_MIN = 14.0          # lg(E/eV); lower end of KASCADE's range
LG_E_MAX = 18.0          # lg(E/eV); upper end of KASCADE-Grande
LG_E_KNEE = math.log10(4e15)
GAMMA_BELOW_KNEE = 2.7   # dN/dE ∝ E^-gamma
GAMMA_ABOVE_KNEE = 3.1
# Total lg E resolution aimed at near 1 PeV: ~20 %, the order of
# KASCADE's shower-by-shower energy resolution (the project's target; not
# taken from a specific table).
SIGMA_LG_E_TARGET = 0.08
LG_E_REFERENCE_GEV = 6.0  # 1 PeV: where the resolution target holds

# --- primary mass mixture ---------------------------------------------
# Two-component stand-in for the measured mixed composition; the 50/50
# split is a project choice, not a fit.
MASS_NUMBERS = (1, 56)       # proton, iron
MASS_FRACTIONS = (0.5, 0.5)

# --- shower sizes ---------------------------------------------------
# Vertical proton showers at KASCADE level (110 m a.s.l.), lg N vs lg(E/GeV),
# CORSIKA/QGSJet: KASCADE parameterisations tabulated by the CHICOS project,
# http://www.chicos.caltech.edu/~elina/ldf/kascade/ldf.html (rounded).  The
# muon relation is read as the truncated muon number, KCDC's NMU; see
# docs/simulation.md for why.
LG_NE_A, LG_NE_B = -2.89, 1.2225
LG_NMU_A, LG_NMU_B = -1.883, 0.908
# Superposition: a nucleus of mass A acts like A showers of energy E/A,
# which lowers Ne and raises Nmu; the exponents are rough.
NE_MASS_EXPONENT = -0.15     # Ne ∝ A^-0.15 at fixed E
NMU_MASS_EXPONENT = 0.10     # Nmu ∝ A^0.1 at fixed E (Nmu ∝ A^(1-beta), beta~0.9)
# Shower-to-shower fluctuations plus size reconstruction, lg units.
SIGMA_LG_NE = 0.10
SIGMA_LG_NMU = 0.08
# Vertical atmospheric depth at KASCADE (KIT KASCADE pages).  KASCADE
# found electron-size attenuation lengths of 175-196 g/cm^2 depending on
# the method (Antoni et al., Astropart. Phys. 19 (2003) 703); we take the
# lower end.  The muon value is the 823 g/cm^2 of the LOPES pipeline's
# energy estimator (below), rounded.
X0_G_CM2 = 1022.0
LAMBDA_E_G_CM2 = 175.0
LAMBDA_MU_G_CM2 = 820.0
# Glasstetter's KASCADE energy estimator as used in the LOPES analysis
# pipeline (Glish function getCRen, e.g. in github.com/lbaehren/lofarsoft,
# src/CR-Tools/scripts/glish): truncated -> total muon number,
#   lg Nmu = lg Nmu_tr + c0 + c1 lg Ne + c2 lg Ne^2,
# then, on sizes corrected to vertical,
#   lg(E/GeV) = a lg Ne + b lg Nmu + c.
TRUNC_TO_TOTAL_MU = (0.6877, -0.03835, 0.001186)
ESTIMATOR_NE = 0.3015
ESTIMATOR_NMU = 0.6762
ESTIMATOR_CONST = 1.856

# --- arrival directions ---------------------------------------------
# Isotropic flux on a flat array: dN/dcos(theta) ∝ cos(theta).  KASCADE
# analyses cut at 40-42 deg zenith.
ZENITH_MAX_DEG = 42.0

# --- core positions -------------------------------------------------
# KASCADE's 200 m x 200 m array; cores accepted within 91 m of the centre.
FIDUCIAL_RADIUS_M = 91.0

# --- shower age -------------------------------------------------------
# Range as in the LOPES event selection (0.2 < age < 2.1); mean and
# slant-depth trend are rough.
AGE_MEAN = 1.0
AGE_SEC_SLOPE = 0.1
AGE_SIGMA = 0.12
AGE_MIN, AGE_MAX = 0.2, 2.1

# --- hadrons ---------------------------------------------------------
# Only the central calorimeter measured hadrons, so only cores near the
# array centre carry them; the radius gives the ~30 % measured fraction
# of the brief.  The size relations are invented placeholders.
HADRON_MEASURED_FRACTION = 0.30
HADRON_RADIUS_M = FIDUCIAL_RADIUS_M * math.sqrt(HADRON_MEASURED_FRACTION)
LG_ESUMHAD_OFFSET = -2.7     # lg(ESUMHAD/GeV) - lg(E/GeV) for protons
ESUMHAD_MASS_EXPONENT = -0.1
SIGMA_LG_ESUMHAD = 0.25
LG_NHAD_AT_PEV = 1.0         # lg NHAD at E = 1 PeV
LG_NHAD_SLOPE = 0.75
SIGMA_LG_NHAD = 0.2

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
LN10 = math.log(10.0)


def _mean_sizes(lg_e_gev, a):
    """Mean vertical lg Ne and lg Nmu_tr of primaries of mass ``a``."""
    lg_a = math.log10(a)
    return (LG_NE_A + LG_NE_B * lg_e_gev + NE_MASS_EXPONENT * lg_a,
            LG_NMU_A + LG_NMU_B * lg_e_gev + NMU_MASS_EXPONENT * lg_a)


def estimate_lg_energy(lg_ne, lg_nmu_tr, sec_m1):
    """Glasstetter-type KASCADE energy estimate, lg(E/GeV).

    Parameters
    ----------
    lg_ne, lg_nmu_tr : array_like
        lg of the electron size and of the truncated muon number at
        observation level (KCDC's NE and NMU).
    sec_m1 : array_like
        sec(zenith) - 1.

    Returns
    -------
    numpy.ndarray
        The estimate; a new array.

    Notes
    -----
    The muon conversion is applied at observation level, as in the LOPES
    pipeline.  The attenuation correction to vertical uses this module's
    attenuation lengths, so it undoes the simulated mean attenuation
    exactly; the LOPES code corrects with 158 and 823 g/cm^2 to a
    reference sec(zenith) = 1.025 instead.
    """
    lg_ne = np.asarray(lg_ne, dtype=np.float64)
    c0, c1, c2 = TRUNC_TO_TOTAL_MU
    est = c2 * lg_ne
    est += c1
    est *= lg_ne
    est += c0
    est += lg_nmu_tr
    est += X0_G_CM2 / (LAMBDA_MU_G_CM2 * LN10) * sec_m1
    est *= ESTIMATOR_NMU
    est += ESTIMATOR_NE * (lg_ne + X0_G_CM2 / (LAMBDA_E_G_CM2 * LN10)
                           * sec_m1)
    est += ESTIMATOR_CONST
    return est


def estimator_bias(lg_e_gev):
    """Estimate minus truth for the mean mixed shower at ``lg_e_gev``.

    The size relations and the estimator come from different
    simulations; this is how well they agree (about 0.01 dex at 1 PeV).
    """
    return sum(f * float(estimate_lg_energy(*_mean_sizes(lg_e_gev, a), 0.0))
               for a, f in zip(MASS_NUMBERS, MASS_FRACTIONS)) - lg_e_gev


def _extra_resolution():
    """Gaussian lg E smearing still needed to reach SIGMA_LG_E_TARGET.

    Size fluctuations and the unknown mass already spread the estimate;
    the rest stands for core, angle and attenuation-correction errors.
    Worked out at 1 PeV by finite differences, so it follows any change
    to the constants above.
    """
    h = 1e-4
    lg_ne, lg_nmu = _mean_sizes(LG_E_REFERENCE_GEV, MASS_NUMBERS[0])
    e0 = float(estimate_lg_energy(lg_ne, lg_nmu, 0.0))
    d_ne = (float(estimate_lg_energy(lg_ne + h, lg_nmu, 0.0)) - e0) / h
    d_mu = (float(estimate_lg_energy(lg_ne, lg_nmu + h, 0.0)) - e0) / h
    from_sizes = (d_ne * SIGMA_LG_NE) ** 2 + (d_mu * SIGMA_LG_NMU) ** 2
    means = [float(estimate_lg_energy(*_mean_sizes(LG_E_REFERENCE_GEV, a),
                                      0.0)) for a in MASS_NUMBERS]
    grand = sum(f * m for f, m in zip(MASS_FRACTIONS, means))
    from_mass = sum(f * (m - grand) ** 2
                    for f, m in zip(MASS_FRACTIONS, means))
    return math.sqrt(max(0.0, SIGMA_LG_E_TARGET ** 2 - from_sizes - from_mass))


SIGMA_LG_E_EXTRA = _extra_resolution()


def _sample_lg_energy(rng, n):
    """True lg(E/eV) from the broken power law, by inverse CDF.

    Working in x = E/E_knee, the density is x^-g1 below 1 and x^-g2
    above, which is continuous at the knee.
    """
    g1, g2 = GAMMA_BELOW_KNEE, GAMMA_ABOVE_KNEE
    lo = 10.0 ** (LG_E_MIN - LG_E_KNEE)
    hi = 10.0 ** (LG_E_MAX - LG_E_KNEE)
    below = (1.0 - lo ** (1 - g1)) / (1 - g1)
    above = (hi ** (1 - g2) - 1.0) / (1 - g2)
    q = rng.random(n)
    q *= below + above
    low = q < below
    lg = np.empty(n)
    # Boolean indexing rather than np.where: the branch that does not
    # apply can have a negative base and would warn about NaNs.
    ql = q[low]
    lg[low] = np.log10(lo ** (1 - g1) + ql * (1 - g1)) / (1 - g1)
    qh = q[~low]
    lg[~low] = np.log10(1.0 + (qh - below) * (1 - g2)) / (1 - g2)
    lg += LG_E_KNEE
    return lg


def _weather(rng, t_rel, period_s, sigma, corr_hours):
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


def _utc_fields(gt):
    """YYYYMMDD and HHMMSS (int32) for unix seconds ``gt``."""
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


def _unix_seconds(start):
    """Unix seconds of ``start`` (ISO string or datetime64), UTC."""
    return int(np.datetime64(start, "s").astype(np.int64))


def generate(n_events, seed=DEFAULT_SEED, start="1998-01-01", days=365 * 5,
             events_per_run=100_000, return_truth=False):
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

    Returns
    -------
    columns : dict of str to numpy.ndarray
        One array per quantity of :data:`converters.kcdc_schema.QUANTITIES`,
        in its order and with its dtype.
    truth : dict of str to numpy.ndarray
        Only if ``return_truth``: ``"lgE"``, true lg(E/eV), and ``"A"``,
        the primary mass number (int16).

    Raises
    ------
    ValueError
        On a negative event count, a non-positive period or run size.
    """
    n = int(n_events)
    if n < 0:
        raise ValueError(f"n_events must be >= 0, not {n_events}")
    if events_per_run < 1:
        raise ValueError(f"events_per_run must be >= 1, not {events_per_run}")
    period_s = int(round(days * SECONDS_PER_DAY))
    if period_s <= 0:
        raise ValueError(f"days must be positive, not {days}")
    t0 = _unix_seconds(start)

    # One independent stream per aspect, so that changing one part of
    # the model leaves the others' numbers untouched.
    (r_energy, r_mass, r_dir, r_core, r_size, r_reco, r_age, r_time,
     r_weather, r_had) = [np.random.default_rng(s) for s in
                          np.random.SeedSequence(seed).spawn(10)]
    cols = {}

    lg_e_true = _sample_lg_energy(r_energy, n)

    mass = np.asarray(MASS_NUMBERS, dtype=np.int16)[
        r_mass.choice(len(MASS_NUMBERS), size=n, p=MASS_FRACTIONS)]
    lg_a = np.log10(mass, dtype=np.float64)

    # cos^2(theta) is uniform for dN/dcos(theta) ∝ cos(theta).
    c2min = math.cos(math.radians(ZENITH_MAX_DEG)) ** 2
    cos_t = r_dir.random(n)
    cos_t *= 1.0 - c2min
    cos_t += c2min
    np.sqrt(cos_t, out=cos_t)
    cols["ZE"] = np.degrees(np.arccos(cos_t))
    cols["AZ"] = r_dir.uniform(0.0, 360.0, n)
    sec_m1 = np.reciprocal(cos_t, out=cos_t)
    sec_m1 -= 1.0
    del cos_t

    r = r_core.random(n)
    np.sqrt(r, out=r)
    r *= FIDUCIAL_RADIUS_M
    phi = r_core.uniform(0.0, 2 * math.pi, n)
    cols["XC"] = r * np.cos(phi)
    cols["YC"] = r * np.sin(phi)
    hadrons_seen = r < HADRON_RADIUS_M
    del r, phi

    lg_e_gev = lg_e_true - 9.0
    # Sizes at observation level: vertical relation, mass shift,
    # fluctuation, then attenuation along the slant depth.
    att_e = X0_G_CM2 / (LAMBDA_E_G_CM2 * LN10) * sec_m1
    att_mu = X0_G_CM2 / (LAMBDA_MU_G_CM2 * LN10) * sec_m1
    ne = LG_NE_A + LG_NE_B * lg_e_gev + NE_MASS_EXPONENT * lg_a
    ne += r_size.normal(0.0, SIGMA_LG_NE, n)
    ne -= att_e
    cols["NE"] = ne
    nmu = LG_NMU_A + LG_NMU_B * lg_e_gev + NMU_MASS_EXPONENT * lg_a
    nmu += r_size.normal(0.0, SIGMA_LG_NMU, n)
    nmu -= att_mu
    cols["NMU"] = nmu
    del att_e, att_mu, ne, nmu

    # The E column is what an analysis would reconstruct from the
    # simulated sizes, so that E, NE and NMU hang together as in KCDC.
    e = estimate_lg_energy(cols["NE"], cols["NMU"], sec_m1)
    e += 9.0
    if SIGMA_LG_E_EXTRA > 0:
        e += r_reco.normal(0.0, SIGMA_LG_E_EXTRA, n)
    cols["E"] = e

    age = r_age.normal(0.0, AGE_SIGMA, n)
    age += AGE_MEAN
    age += AGE_SEC_SLOPE * sec_m1
    np.clip(age, AGE_MIN, AGE_MAX, out=age)
    cols["AGE"] = age
    del sec_m1

    # Arrival times of a Poisson process with n events in the period are
    # the sorted uniforms; normalised exponential gaps give them already
    # sorted, in O(n).
    t = r_time.standard_exponential(n + 1)
    np.cumsum(t, out=t)
    t *= period_s / t[-1]
    t = t[:n]
    sec = np.floor(t)
    ns = t - sec
    ns *= 1e9
    cols["GT"] = sec.astype(np.int64) + t0
    # A fraction just below 1 can round up to 1e9 ns.
    cols["MT"] = np.minimum(ns.astype(np.int64), RANGES["MT"][1])
    del sec, ns
    cols["YMD"], cols["HMS"] = _utc_fields(cols["GT"])

    # Seasonal minimum in mid-January; the phase is taken from unix time
    # so that it does not depend on the chosen start.
    t_coldest = (T_COLDEST_DAY - 1) * SECONDS_PER_DAY
    season = cols["GT"] - t_coldest
    season = season.astype(np.float64)
    season *= 2 * math.pi / TROPICAL_YEAR_S
    temp = np.cos(season)
    del season
    temp *= -T_SEASONAL_AMPLITUDE_C
    temp += T_MEAN_C
    temp += _weather(r_weather, t, period_s, T_WEATHER_SIGMA_C,
                     T_WEATHER_HOURS)
    cols["T"] = temp
    pres = _weather(r_weather, t, period_s, P_WEATHER_SIGMA_HPA,
                    P_WEATHER_HOURS)
    pres += P_MEAN_HPA
    cols["P"] = pres
    del t

    esum = np.full(n, -1.0)
    nhad = np.full(n, -1, dtype=np.int32)
    m = int(np.count_nonzero(hadrons_seen))
    lg_e_seen = lg_e_gev[hadrons_seen]
    esum[hadrons_seen] = 10.0 ** (
        lg_e_seen + LG_ESUMHAD_OFFSET
        + ESUMHAD_MASS_EXPONENT * lg_a[hadrons_seen]
        + r_had.normal(0.0, SIGMA_LG_ESUMHAD, m))
    counts = np.rint(10.0 ** (
        LG_NHAD_AT_PEV + LG_NHAD_SLOPE * (lg_e_seen - 6.0)
        + r_had.normal(0.0, SIGMA_LG_NHAD, m)))
    nhad[hadrons_seen] = np.maximum(counts, 1).astype(np.int32)
    cols["ESUMHAD"], cols["NHAD"] = esum, nhad
    del lg_e_gev, lg_a, hadrons_seen, lg_e_seen, counts

    idx = np.arange(n, dtype=np.int32)
    cols["R"] = idx // np.int32(events_per_run) + np.int32(1)
    idx %= np.int32(events_per_run)
    idx += np.int32(1)
    cols["EV"] = idx

    columns = {name: np.asarray(cols.pop(name), dtype=dtype)
               for name, (dtype, _unit, _doc) in QUANTITIES.items()}
    if return_truth:
        return columns, {"lgE": lg_e_true, "A": mass}
    return columns


def _manifest_params(seed, n_events, events_per_run, start, days, fmt,
                     station_runs=(), twins=()):
    """What must match for existing files to be reused."""
    extra = {}
    if station_runs:
        from . import kascade_stations
        extra["station_runs"] = sorted(int(r) for r in station_runs)
        extra["stations_model"] = kascade_stations.MODEL_VERSION
    if twins:
        extra["twins"] = sorted(twins)
    return {**extra,
        "generator": GENERATOR_NAME,
        "generator_version": GENERATOR_VERSION,
        "seed": int(seed),
        "n_events": int(n_events),
        "events_per_run": int(events_per_run),
        "start": str(np.datetime64(start, "s")),
        "days": float(days),
        "format": fmt,
    }


def _read_manifest(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _up_to_date(folder, manifest, params, names):
    """True if ``manifest`` describes exactly these parameters and files."""
    if not manifest or any(manifest.get(k) != v for k, v in params.items()):
        return False
    if any(k not in params for k in ("station_runs", "twins")
           if k in manifest):
        return False
    files = manifest.get("files", [])
    if [f.get("name") for f in files] != names:
        return False
    for f in [*files, *(t for f in files for t in f.get("twins", []))]:
        # Size only: hashing every file on every call would defeat the
        # purpose of skipping; the hash is kept for provenance.
        p = os.path.join(folder, f["name"])
        if not os.path.isfile(p) or os.path.getsize(p) != f.get("size"):
            return False
    return True


def write_runs(folder, n_events=1_000_000, events_per_run=100_000,
               seed=DEFAULT_SEED, fmt="h5", start="1998-01-01",
               days=365 * 5, station_runs=(), twins=()):
    """Write simulated events as one KCDC file per run, idempotently.

    The files hold exactly ``generate(n_events, seed, start, days,
    events_per_run)`` split by run.  A ``manifest.json`` records the
    parameters, the generator version and each file's size and SHA-256;
    if it matches the request and the files are there with the recorded
    sizes, nothing is regenerated.  Files are written under a temporary
    name and renamed, and the manifest is written last, so an
    interrupted call is redone in full by the next one.

    Parameters
    ----------
    folder : str or os.PathLike
        Output directory, created if missing.
    n_events : int, optional
        Total number of events.
    events_per_run : int, optional
        Events per file; the last file may hold fewer.
    seed : int, optional
        Generator seed.
    fmt : {"h5", "root", "txt"}, optional
        Output format, chosen through the file suffix by
        ``converters.kcdc.write_events``.
    start : str, optional
        UTC start of the observation period.
    days : float, optional
        Length of the observation period in days.
    station_runs : iterable of int, optional
        Runs whose files also get per-station arrays (energy deposits and
        arrival times from :func:`apdc.kascade_stations.simulate`; HDF5
        and ROOT only).  The arrays take ~35 MB per 100,000 events, so
        by default no run has them.
    twins : iterable of str, optional
        Further formats (keys of ``FORMAT_SUFFIXES``) in which every run
        is also written, beside the main file and with the same content;
        recorded under ``twins`` in the manifest entry of the run.

    Returns
    -------
    list of str
        Paths of the run files (main format) in run order.

    Raises
    ------
    ValueError
        On an unknown format or invalid counts.
    """
    if fmt not in FORMAT_SUFFIXES:
        raise ValueError(f"unknown format {fmt!r}; "
                         f"use one of {', '.join(FORMAT_SUFFIXES)}")
    if events_per_run < 1 or n_events < 0:
        raise ValueError("need n_events >= 0 and events_per_run >= 1")
    from converters.kcdc import write_events

    folder = os.fspath(folder)
    os.makedirs(folder, exist_ok=True)
    # Leftovers of an interrupted call carry a KCDC suffix, so the
    # importer's folder scan would pick them up.
    for name in os.listdir(folder):
        if name.startswith(".kascade_sim_run") and ".partial" in name:
            os.remove(os.path.join(folder, name))
    suffix = FORMAT_SUFFIXES[fmt]
    station_runs = {int(r) for r in station_runs}
    twins = [t for t in twins if t != fmt]
    if station_runs and "txt" in [fmt, *twins]:
        raise ValueError("per-station arrays need the h5 or root format")
    n_runs = -(-int(n_events) // int(events_per_run))
    names = [RUN_FILE_PATTERN.format(run=r, suffix=suffix)
             for r in range(1, n_runs + 1)]
    paths = [os.path.join(folder, name) for name in names]
    params = _manifest_params(seed, n_events, events_per_run, start, days,
                              fmt, station_runs, twins)
    manifest_path = os.path.join(folder, MANIFEST_NAME)
    old = _read_manifest(manifest_path)

    if _up_to_date(folder, old, params, names):
        for p in paths:
            print(f"kascade_sim: up to date {p}", file=sys.stderr)
        return paths

    # The old manifest is void from here on, so that a crash half-way
    # cannot leave a manifest that vouches for mixed files.
    if old is not None:
        os.remove(manifest_path)
    cols = generate(n_events, seed=seed, start=start, days=days,
                    events_per_run=events_per_run)
    files = []
    for i, (name, path) in enumerate(zip(names, paths)):
        lo = i * events_per_run
        part = {k: v[lo:lo + events_per_run] for k, v in cols.items()}
        kw = {}
        if i + 1 in station_runs:
            from . import kascade_stations
            kw["stations"] = kascade_stations.simulate(part, seed, i + 1)
        entry = {"name": name, "run": i + 1,
                 "n_events": int(len(part["R"]))}
        if kw:
            entry["stations"] = True
        for j, (out_name, out_suffix) in enumerate(
                [(name, suffix)] + [(RUN_FILE_PATTERN.format(
                    run=i + 1, suffix=FORMAT_SUFFIXES[t]),
                    FORMAT_SUFFIXES[t]) for t in twins]):
            out = os.path.join(folder, out_name)
            tmp = os.path.join(folder, f".{out_name}.partial{out_suffix}")
            write_events(tmp, part, **kw)
            os.replace(tmp, out)
            done = {"name": out_name, "size": os.path.getsize(out),
                    "sha256": sha256_of(out)}
            if j == 0:
                entry.update(done)
            else:
                entry.setdefault("twins", []).append(done)
        del kw
        files.append(entry)
        print(f"kascade_sim: wrote {path} ({len(part['R'])} events, "
              f"run {i + 1}/{n_runs})", file=sys.stderr)

    # Runs of an earlier, larger request would otherwise linger and be
    # picked up by the importer.
    if old is not None:
        keep = {f["name"] for f in files} | {
            t["name"] for f in files for t in f.get("twins", [])}
        for f in [*old.get("files", []), *(
                t for f in old.get("files", []) for t in f.get("twins", []))]:
            name = f.get("name", "")
            if name not in keep and name.startswith("kascade_sim_run") \
                    and os.path.basename(name) == name:
                try:
                    os.remove(os.path.join(folder, name))
                except FileNotFoundError:
                    pass

    manifest = dict(params, description=DESCRIPTION,
                    numpy_version=np.__version__, files=files)
    tmp = manifest_path + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(tmp, manifest_path)
    return paths


def main(argv=None):
    """Command line: write simulated runs into a folder."""
    ap = argparse.ArgumentParser(
        prog="python -m apdc.kascade_sim",
        description="Write SIMULATED KASCADE-like events (not KASCADE "
                    "data) as KCDC files, one per run.")
    ap.add_argument("folder")
    ap.add_argument("--n-events", type=int, default=1_000_000)
    ap.add_argument("--events-per-run", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--format", dest="fmt", choices=sorted(FORMAT_SUFFIXES),
                    default="h5")
    ap.add_argument("--start", default="1998-01-01")
    ap.add_argument("--days", type=float, default=365 * 5)
    ap.add_argument("--station-runs", type=int, nargs="*", default=[],
                    metavar="RUN", help="runs that get per-station arrays")
    ap.add_argument("--twin", dest="twins", action="append", default=[],
                    choices=sorted(FORMAT_SUFFIXES),
                    help="also write every run in this format")
    a = ap.parse_args(argv)
    write_runs(a.folder, n_events=a.n_events, events_per_run=a.events_per_run,
               seed=a.seed, fmt=a.fmt, start=a.start, days=a.days,
               station_runs=a.station_runs, twins=a.twins)
    return 0


if __name__ == "__main__":
    sys.exit(main())
