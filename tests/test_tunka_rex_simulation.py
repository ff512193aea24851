"""The Tunka-Rex-like generator: seeded, and its distributions are the
parameters it was given (docs/tunka_rex.md), within stated statistical
tolerances (about 4 standard errors for 10^5 events)."""

import numpy as np
import pytest
from astropy import units as u
from astropy.coordinates import ICRS, TETE
from astropy.time import Time

from converters import sky
from converters.tunka_rex.site import TUNKA_SITE
from simulation.tunka_rex import antennas, events, geomagnetic, showers

N = 100_000
P = showers.Parameters()


@pytest.fixture(scope="module")
def sample():
    return events.generate(N, seed=4242)


def test_same_seed_same_events_other_seed_others():
    a, sa, _ = events.generate(3000, seed=7)
    b, sb, _ = events.generate(3000, seed=7)
    c, _, _ = events.generate(3000, seed=8)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    for key in sa:
        np.testing.assert_array_equal(sa[key], sb[key])
    assert not np.array_equal(a["E"], c["E"])


def test_spectral_slope_is_tunka_133s(sample):
    # maximum likelihood for a power law above e_min (the truncation at
    # 10^18.5 eV holds 5e-4 of the events: its bias is < 0.002)
    energy = sample[2]["energy"]
    index = 1 + len(energy) / np.log(energy / P.e_min_ev).sum()
    sigma = (index - 1) / np.sqrt(len(energy))
    assert abs(index - P.spectral_index) < 4 * sigma + 0.002
    assert energy.min() >= P.e_min_ev and energy.max() <= P.e_max_ev


def test_tunka_133_file_slope_is_the_parameter(mirror):
    spectrum = np.loadtxt(
        mirror / "crspectra/allparticle/allparticle_TUNKA-133_Etot.txt")
    above = spectrum[:, 0] * 1e9 >= 0.99 * P.e_min_ev  # GeV -> eV
    lg_e, lg_f = np.log10(spectrum[above, 0]), np.log10(spectrum[above, 1])
    weights = spectrum[above, 1] / spectrum[above, 2]
    slope = np.polyfit(lg_e, lg_f, 1, w=weights)[0]
    assert abs(-slope - P.spectral_index) < 0.01


def test_energy_and_xmax_resolutions(sample):
    cols, _, truth = sample
    rel = cols["E"] / truth["energy"] - 1
    assert abs(rel.std() - P.energy_resolution) < 4 * P.energy_resolution \
        / np.sqrt(2 * N)
    np.testing.assert_allclose(cols["E_ERR"], P.energy_resolution * cols["E"])
    dx = cols["XMAX"] - truth["xmax"]
    assert abs(dx.std() - P.xmax_resolution) < 4 * P.xmax_resolution \
        / np.sqrt(2 * N)
    assert abs(dx.mean()) < 4 * P.xmax_resolution / np.sqrt(N)


def test_zenith_acceptance_and_isotropy(sample):
    cols = sample[0]
    assert cols["ZE"].max() <= P.zenith_max_deg
    # flat array: sin^2(zenith) uniform up to the cut
    expected = np.sin(np.radians(30)) ** 2 / np.sin(np.radians(50)) ** 2
    below = (cols["ZE"] < 30).mean()
    assert abs(below - expected) < 4 * np.sqrt(expected * (1 - expected) / N)
    az = np.radians(cols["AZ"])
    assert abs(np.cos(az).mean()) < 4 / np.sqrt(2 * N)
    assert abs(np.sin(az).mean()) < 4 / np.sqrt(2 * N)


def test_amplitude_is_energy_times_sine_of_geomagnetic_angle(sample):
    cols = sample[0]
    sin_alpha = np.sin(np.radians(cols["GEOMAG"]))
    ok = sin_alpha > 1e-3
    np.testing.assert_allclose(
        cols["A120"][ok] * P.ev_per_uv_m / sin_alpha[ok], cols["E"][ok],
        rtol=1e-9)
    np.testing.assert_allclose(
        cols["GEOMAG"], geomagnetic.geomagnetic_angle(cols["ZE"], cols["AZ"]))


def test_field_is_igrf_13_at_tunka_and_defines_the_angle():
    b = geomagnetic.FIELD_ENU_NT
    inclination = np.degrees(np.arctan2(-b[2], np.hypot(b[0], b[1])))
    declination = np.degrees(np.arctan2(b[0], b[1]))
    assert abs(np.linalg.norm(b) - 60365) < 5
    assert abs(inclination - 71.89) < 0.01
    assert abs(declination + 2.82) < 0.01
    # a shower moving along the field: from the south, 90 - I from zenith;
    # a vertical one is 90 - I away from the field
    along = geomagnetic.geomagnetic_angle([90 - inclination],
                                          [180 + declination])
    assert along[0] < 1e-6
    assert abs(geomagnetic.geomagnetic_angle([0], [0])[0]
               - (90 - inclination)) < 1e-9


def test_antenna_layout_63_with_57_in_the_dense_core():
    lay = antennas.layout()
    r = np.hypot(lay["antenna_x"], lay["antenna_y"])
    assert len(r) == antennas.N_ANTENNAS == 63
    assert (r < 600).sum() == antennas.N_CORE_ANTENNAS == 57
    assert np.pi * r[:57].max() ** 2 / 1e6 < 1.0  # within about 1 km^2
    assert list(lay["station_id"]) == list(range(1, 64))


def test_antennas_with_signal_and_quality(sample):
    cols, stations, _ = sample
    hit = np.isfinite(stations["peak_amplitude"])
    np.testing.assert_array_equal(hit.sum(axis=1), cols["NANT"])
    assert (stations["snr"][hit] >= 10).all()
    np.testing.assert_array_equal(cols["QUALITY"], cols["NANT"] < 3)
    # polarisation: the field vector has the peak amplitude
    e = np.stack([stations[k][hit] for k in ("e_east", "e_north",
                                             "e_vertical")])
    np.testing.assert_allclose(np.linalg.norm(e, axis=0),
                               stations["peak_amplitude"][hit], rtol=1e-4)


def test_hosts_and_their_xmax(sample):
    cols = sample[0]
    assert set(np.unique(cols["HOST"])) == {1, 2}
    assert 0.05 < (cols["HOST"] == 1).mean() < 0.4  # nights of the season
    assert ((cols["XMAX_HOST"] == -1) == (cols["HOST"] == 2)).all()


def test_vertical_event_ra_is_local_sidereal_time():
    t = Time(["2014-01-15T03:00:00", "2016-07-01T18:30:00"], scale="utc")
    gt = np.round(t.unix).astype(np.int64)
    ra, dec = sky.horizontal_to_icrs((gt, np.zeros(2, np.int64)),
                                     np.zeros(2), np.zeros(2),
                                     location=TUNKA_SITE)
    last = t.sidereal_time("apparent", longitude=TUNKA_SITE.lon).deg
    # of date: RA on the true equator and equinox equals LAST
    of_date = ICRS(ra=ra * u.deg, dec=dec * u.deg).transform_to(
        TETE(obstime=t, location=TUNKA_SITE))
    diff = (of_date.ra.deg - last + 180) % 360 - 180
    assert np.abs(diff).max() < 0.005
    assert np.abs(of_date.dec.deg - TUNKA_SITE.lat.deg).max() < 0.005
    # in ICRS they differ by the precession since J2000 only (< 0.3 deg)
    assert np.abs((ra - last + 180) % 360 - 180).max() < 0.3
