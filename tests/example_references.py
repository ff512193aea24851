"""Independent answers to the queries of /tap/examples (ivoa_meta/userconfig.rd).

Each TAP example is answered a second time without ADQL: the base
tables are read with plain SQL (psycopg2, no geometry functions, no
q3c, no pgSphere operators), and positions, distances, polygons and
aggregates are computed here with numpy and astropy.  The test
(tests/test_live_examples.py) compares the TAP answer with the answer
here, row for row.

Every function of :data:`REFERENCES` is keyed by the example's id in
the examples document (its title without blanks and punctuation) and
returns a :class:`Reference`.
"""

from collections import Counter, namedtuple

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord, angular_separation

__all__ = ["Reference", "REFERENCES", "fetch", "separation",
           "assert_same_rows", "served_rows"]

#: columns: the result columns compared; rows: the expected rows (tuples
#: in the order of columns); order: (column, descending) the served rows
#: must be sorted by, or None.
Reference = namedtuple("Reference", "columns rows order")

# psycopg2 type codes of float4 and float8: float4 values are kept as
# float32, so that arithmetic on them is the database's.
_FLOAT4, _FLOAT8 = 700, 701


def fetch(db, sql):
    """The columns of a plain SQL query as numpy arrays.

    Parameters
    ----------
    db : psycopg2 connection
    sql : str

    Returns
    -------
    dict
        Column name -> numpy array (float32 for real, float64 for double
        precision, object otherwise).
    """
    cursor = db.cursor()
    cursor.execute(sql)
    rows = cursor.fetchall()
    result = {}
    for index, desc in enumerate(cursor.description):
        values = [r[index] for r in rows]
        dtype = {_FLOAT4: np.float32, _FLOAT8: np.float64}.get(
            desc.type_code, object)
        result[desc.name] = np.array(
            [np.nan if v is None and dtype is not object else v
             for v in values], dtype=dtype)
    return result


def separation(ra1, dec1, ra2, dec2):
    """Angular distance (deg) of positions given in degrees (broadcasting)."""
    return np.degrees(angular_separation(*(np.radians(np.asarray(a,
        dtype=np.float64)) for a in (ra1, dec1, ra2, dec2))))


def _in_cone(table, ra, dec, radius, columns):
    """Rows (columns..., distance) of a fetched table closer than radius."""
    dist = separation(table["ra"], table["dec"], ra, dec)
    inside = dist < radius
    return list(zip(*(table[c][inside] for c in columns), dist[inside]))


def _pairs_within(ra1, dec1, ra2, dec2, radius):
    """(index1, index2, distance) of all pairs closer than ``radius`` (deg).

    ``radius`` is a number or one radius per position of the first set.
    """
    radius = np.broadcast_to(np.asarray(radius, dtype=np.float64), ra1.shape)
    first = SkyCoord(ra1 * u.deg, dec1 * u.deg)
    second = SkyCoord(ra2 * u.deg, dec2 * u.deg)
    # generous candidates from the largest radius, then the exact cut
    i1, i2, _, _ = second.search_around_sky(first,
        (radius.max() + 1e-6) * u.deg) if len(ra1) and len(ra2) else (
        np.array([], int), np.array([], int), None, None)
    dist = separation(ra1[i1], dec1[i1], ra2[i2], dec2[i2])
    keep = dist < radius[i1]
    return i1[keep], i2[keep], dist[keep]


def _spoly_vertices(text):
    """Unit vectors of a pgSphere polygon in its text form (radians)."""
    numbers = [float(x) for x in text.replace("{", "").replace("}", "")
        .replace("(", "").replace(")", "").split(",")]
    lon, lat = np.array(numbers[0::2]), np.array(numbers[1::2])
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon),
        np.sin(lat)], axis=1)


def _inside_polygon(vertices, ra, dec):
    """Whether positions (deg) lie inside a convex spherical polygon."""
    following = np.roll(vertices, -1, axis=0)
    normals = np.cross(vertices, following)
    turns = np.einsum("ij,ij->i", normals, np.roll(vertices, -2, axis=0))
    assert (turns > 0).all() or (turns < 0).all(), "polygon not convex"
    ra, dec = np.radians(ra), np.radians(dec)
    points = np.stack([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra),
        np.sin(dec)], axis=1)
    sides = points @ normals.T
    return (sides > 0).all(axis=1) if turns[0] > 0 else (sides < 0).all(
        axis=1)


def _grouped(keys, **aggregates):
    """Rows (key, aggregate...) per distinct key, sorted by key.

    Each aggregate is ("count", None) or ("mean", values).
    """
    distinct, inverse = np.unique(keys, return_inverse=True)
    rows = []
    for index, key in enumerate(distinct):
        members = inverse == index
        row = [key]
        for kind, values in aggregates.values():
            row.append(int(members.sum()) if kind == "count"
                else float(np.mean(values[members], dtype=np.float64)))
        rows.append(tuple(row))
    return rows


def _highest_kascade(db, sources):
    t = fetch(db, "SELECT event_did, energy FROM kascade.events")
    order = np.argsort(-t["energy"], kind="stable")[:20]
    return Reference(("event_did", "energy"),
        [(t["event_did"][i], t["energy"][i]) for i in order],
        ("energy", True))


def _sim_crab(db, sources):
    t = fetch(db, "SELECT event_did, energy, ra, dec FROM kascade_sim.events"
        " WHERE energy > 1")
    return Reference(("event_did", "energy", "dist"), _in_cone(t, 83.633,
        22.0145, 2, ("event_did", "energy")), ("dist", False))


def _knee(db, sources):
    t = fetch(db, "SELECT log_energy FROM kascade_sim.events")
    bins = np.floor(t["log_energy"] * 10) / 10
    return Reference(("lg_e_bin", "n_events"),
        _grouped(bins, n=("count", None)), ("lg_e_bin", False))


def _sim_dec_bands(db, sources):
    t = fetch(db, "SELECT dec, zenith FROM kascade_sim.events")
    return Reference(("dec_band", "n_events", "mean_zenith"),
        _grouped(np.floor(t["dec"] / 5) * 5, n=("count", None),
            z=("mean", t["zenith"])), ("dec_band", False))


def _e_mu_ratio(db, sources):
    t = fetch(db, "SELECT zenith, log_ne, log_nmu FROM kascade_sim.events "
        "WHERE log_energy BETWEEN 15 AND 16")
    ratio = (t["log_ne"] - t["log_nmu"]).astype(np.float32)
    return Reference(("zenith_bin", "mean_lg_ne_over_nmu", "n"),
        _grouped(np.floor(t["zenith"] / 6) * 6, r=("mean", ratio),
            n=("count", None)), ("zenith_bin", False))


def _in_alert_regions(db, other_sql):
    """(alert row index, other row index) of positions inside alert regions."""
    alerts = fetch(db, "SELECT alert_name, obs_time, signalness, "
        "error_region::text AS region FROM icecube_alerts.alerts "
        "WHERE error_region IS NOT NULL")
    other = fetch(db, other_sql)
    pairs = []
    for index, region in enumerate(alerts["region"]):
        inside = _inside_polygon(_spoly_vertices(region), other["ra"],
            other["dec"])
        pairs.extend((index, j) for j in np.flatnonzero(inside))
    return alerts, other, pairs


def _fermi_in_alerts(db, sources):
    alerts, fermi, pairs = _in_alert_regions(db, "SELECT source_name, "
        "class, ra, dec FROM fermi3fhl.main")
    return Reference(("alert_name", "signalness", "source_name", "class"),
        [(alerts["alert_name"][a], alerts["signalness"][a],
          fermi["source_name"][s], fermi["class"][s]) for a, s in pairs],
        None)


def _cen_a(db, sources):
    cen = fetch(db, "SELECT ra, dec FROM gammacat.main "
        "WHERE common_name = 'Centaurus A'")
    assert len(cen["ra"]) == 1
    e = fetch(db, "SELECT event_id, energy, ra, dec FROM auger2022.events "
        "WHERE energy > 41")
    return Reference(("event_id", "energy", "dist"), _in_cone(e,
        cen["ra"][0], cen["dec"][0], 27, ("event_id", "energy")),
        ("energy", True))


def _neutrinos_on_blazars(db, sources):
    e = fetch(db, "SELECT event_id, ra, dec, ang_err FROM icecube_ps.events")
    s = fetch(db, "SELECT source_name, ra, dec FROM fermi3fhl.main "
        "WHERE class IN ('bll', 'fsrq', 'bcu')")
    i, j, dist = _pairs_within(e["ra"], e["dec"], s["ra"], s["dec"],
        e["ang_err"].astype(np.float64))
    return Reference(("event_id", "source_name", "dist"), list(zip(
        e["event_id"][i], s["source_name"][j], dist)), None)


def _alerts_and_uhecrs(db, sources):
    a = fetch(db, "SELECT alert_name, obs_mjd, ra, dec "
        "FROM icecube_alerts.alerts")
    e = fetch(db, "SELECT event_id, obs_mjd, ra, dec FROM auger2022.events")
    dist = separation(a["ra"][:, None], a["dec"][:, None], e["ra"][None],
        e["dec"][None])
    near_in_time = np.abs(e["obs_mjd"][None] - a["obs_mjd"][:, None]) <= 30
    i, j = np.nonzero(near_in_time & (dist < 15))
    return Reference(("alert_name", "event_id", "dist"), list(zip(
        a["alert_name"][i], e["event_id"][j], dist[i, j])), None)


def _upload(db, sources):
    e = fetch(db, "SELECT event_id, energy, ra, dec FROM auger2022.events")
    i, j, dist = _pairs_within(np.asarray(sources["ra"], float),
        np.asarray(sources["dec"], float), e["ra"], e["dec"], 20)
    return Reference(("name", "event_id", "dist"), list(zip(
        np.asarray(sources["name"])[i], e["event_id"][j], dist)),
        ("name", False))


def _uhecr_dec_bands(db, sources):
    counts = []
    for table in ("auger2022.events", "ta2014.events"):
        bands = np.floor(fetch(db, f"SELECT dec FROM {table}")["dec"] / 15) * 15
        counts.append(Counter(bands.tolist()))
    auger, ta = counts
    return Reference(("dec_band", "n_auger", "n_ta"),
        [(band, auger[band], ta[band]) for band in sorted(set(auger) & set(ta))],
        ("dec_band", False))


def _neutrino_energy_decades(db, sources):
    t = fetch(db, "SELECT log_energy, ang_err FROM icecube_ps.events")
    return Reference(("lg_e_gev", "n_events", "mean_ang_err"),
        _grouped(np.floor(t["log_energy"]).astype(np.float64),
            n=("count", None), a=("mean", t["ang_err"])), ("lg_e_gev", False))


def _auger_agn(db, sources):
    e = fetch(db, "SELECT event_id, ra, dec FROM auger2022.events "
        "WHERE energy > 55")
    g = fetch(db, "SELECT name, redshift, ra, dec FROM vcv_agn.main "
        "WHERE redshift IS NOT NULL")
    near = g["redshift"].astype(np.float64) < 0.018
    i, j, dist = _pairs_within(e["ra"], e["dec"], g["ra"][near],
        g["dec"][near], 3.1)
    return Reference(("event_id", "name", "dist"), list(zip(
        e["event_id"][i], g["name"][near][j], dist)), None)


def _ta_hotspot(db, sources):
    t = fetch(db, "SELECT event_id, ra, dec FROM ta2014.events")
    return Reference(("event_id", "dist"), _in_cone(t, 146.7, 43.2, 20,
        ("event_id",)), ("dist", False))


def _hess_fields(db, sources):
    o = fetch(db, "SELECT obs_id, ra, dec FROM hess_dr1.observations")
    g = fetch(db, "SELECT common_name, ra, dec FROM gammacat.main")
    i, j, dist = _pairs_within(o["ra"], o["dec"], g["ra"], g["dec"], 2.5)
    return Reference(("obs_id", "common_name", "offset_deg"), list(zip(
        o["obs_id"][i], g["common_name"][j], dist)), ("obs_id", False))


def _seyferts(db, sources):
    s = fetch(db, "SELECT counterpart_name, redshift, ra, dec "
        "FROM swift_bat70.main WHERE class IN ('sy1', 'sy2') "
        "AND redshift IS NOT NULL")
    near = s["redshift"].astype(np.float64) < 0.01
    e = fetch(db, "SELECT ra, dec FROM auger2022.events WHERE energy > 40")
    i, _, _ = _pairs_within(s["ra"][near], s["dec"][near], e["ra"], e["dec"],
        10)
    per_source = Counter(s["counterpart_name"][near][i].tolist())
    return Reference(("counterpart_name", "n_uhecr"),
        sorted(per_source.items()), ("n_uhecr", True))


def _tev_blazars(db, sources):
    f = fetch(db, "SELECT source_name, ra, dec FROM fermi3fhl.main "
        "WHERE class IN ('bll', 'fsrq')")
    t = fetch(db, "SELECT source_name, ra, dec FROM tevcat.main")
    i, j, dist = _pairs_within(f["ra"], f["dec"], t["ra"], t["dec"], 0.2)
    return Reference(("source_name", "tevcat_name", "sep"), list(zip(
        f["source_name"][i], t["source_name"][j], dist)), None)


def _messier_in_alerts(db, sources):
    alerts, ngc, pairs = _in_alert_regions(db, "SELECT name, messier, ra, "
        "dec FROM openngc.main WHERE class = 'gal' AND messier IS NOT NULL")
    return Reference(("alert_name", "name", "messier"),
        [(alerts["alert_name"][a], ngc["name"][n], int(ngc["messier"][n]))
         for a, n in pairs], None)


def _hgps_pwn(db, sources):
    h = fetch(db, "SELECT source_name, flux_1tev, ra, dec FROM hgps.main "
        "WHERE class = 'pwn'")
    g = fetch(db, "SELECT common_name, ra, dec FROM gammacat.main")
    i, j, _ = _pairs_within(h["ra"], h["dec"], g["ra"], g["dec"], 0.2)
    rows = [(h["source_name"][a], h["flux_1tev"][a], g["common_name"][b])
        for a, b in zip(i, j)]
    rows += [(h["source_name"][a], h["flux_1tev"][a], None)
        for a in sorted(set(range(len(h["ra"]))) - set(i.tolist()))]
    return Reference(("source_name", "flux_1tev", "common_name"), rows,
        ("flux_1tev", True))


#: example id in /tap/examples -> its independent answer
REFERENCES = {
    "HighestenergyKASCADEairshowers": _highest_kascade,
    "SimulatedairshowersinaconearoundtheCrab": _sim_crab,
    "Thekneesimulatedshowersperenergydecade": _knee,
    "Airshowersperdeclinationband": _sim_dec_bands,
    "Electronmuonratioofshowersagainstzenithangle": _e_mu_ratio,
    "Gammaraysourcesinsideeachneutrinoalertserrorregion": _fermi_in_alerts,
    "UltrahighenergycosmicraysaroundCentaurusA": _cen_a,
    "IceCubeneutrinoswithintheirownangularerrorof3FHLblazars":
        _neutrinos_on_blazars,
    "Neutrinoalertsandcosmicrayscoincidingintimeanddirection":
        _alerts_and_uhecrs,
    "YourownsourcelistagainstcosmicraysTAPupload": _upload,
    "CosmicraysperdeclinationbandAugerandTelescopeArray": _uhecr_dec_bands,
    "Neutrinoeventsperenergydecade": _neutrino_energy_decades,
    "TheclassicAugerAGNcorrelationeventsabove55EeVnearnearbyAGN": _auger_agn,
    "TheTelescopeArrayhotspot": _ta_hotspot,
    "KnownTeVsourcesinthefieldofviewofHESSruns": _hess_fields,
    "CosmicraysaroundnearbySeyfertgalaxiesseeninhardXrays": _seyferts,
    "FermiblazarsthatarealsoTeVsources": _tev_blazars,
    "Messiergalaxiesinsideneutrinoalerterrorregions": _messier_in_alerts,
    "PulsarwindnebulaeoftheHESSGalacticPlaneSurvey": _hgps_pwn,
}


def _plain(value):
    """A cell as a comparable Python value (None for masked/NULL)."""
    if value is None or value is np.ma.masked:
        return None
    if isinstance(value, (bytes, np.bytes_)):
        value = value.decode("utf-8")
    if isinstance(value, (str, np.str_)):
        # VOTable has no NULL string: an empty one stands for it
        return str(value).strip() or None
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    return value


def _sort_key(row):
    return tuple((1, "") if v is None else (0, round(v, 4))
        if isinstance(v, float) else (0, str(v)) for v in row)


def served_rows(table, columns):
    """The rows of an astropy table as tuples of plain values."""
    return [tuple(_plain(table[c][i]) for c in columns)
        for i in range(len(table))]


def assert_same_rows(served, expected, name):
    """Both row lists hold the same rows (floats to 1e-6 relative).

    Parameters
    ----------
    served, expected : list of tuple
    name : str
        The example, for the messages.
    """
    assert len(served) == len(expected), (name, len(served), len(expected))
    expected = [tuple(_plain(v) for v in row) for row in expected]
    for got, want in zip(sorted(served, key=_sort_key),
            sorted(expected, key=_sort_key)):
        for g, w in zip(got, want):
            if isinstance(w, float) and g is not None:
                assert np.isclose(g, w, rtol=1e-6, atol=1e-7), (name, got,
                    want)
            else:
                assert g == w, (name, got, want)
