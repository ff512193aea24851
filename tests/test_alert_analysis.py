"""The alert analysis without a server: parameters, alerts from VOEvents,
the stored rows and the summary (apdc/alert_analysis.py,
apdc/alert_store.py)."""

import dataclasses
import datetime as dt

import numpy as np
import pytest

from apdc import alert_analysis, alert_sky, alert_store
from converters import icecube_alerts, rdschema

SAMPLES = {"sample_astrotrack_alert.voevent.xml": ("135363_69917294",
                                                   242.8166, 11.9, 1.1102),
           "sample_cascade_alert.voevent.xml": ("134244_34406854",
                                                None, None, None)}


def test_parameters_come_from_the_rd():
    params = alert_analysis.parameters()
    props = rdschema.table("icecube_alerts", "analyses").properties
    assert params.n_scrambles == int(props["n_scrambles"]) >= 100
    assert params.seed == int(props["seed"])
    tables = {s.table: s for s in params.searches}
    assert {"fermi3fhl.main", "fermi3fgl.main", "gammacat.main",
            "tevcat.main", "hgps.main", "swift_bat70.main",
            "vcv_agn.main"} == {t for t, s in tables.items()
                                if s.kind == "sources"}
    assert tables["fermi3fhl.main"].region == "error_region"
    assert tables["fermi3fhl.main"].name_column == "source_name"
    assert tables["auger2022.events"].radius == params.uhecr_radius
    assert tables["ta2014.events"].window is None
    assert tables["kascade.events"].window == params.time_window
    assert tables["tunka_rex.events"].kind == "air_showers"
    assert tables["icecube_ps.events"].kind == "neutrinos"


def test_every_searched_table_is_a_project_table():
    """The searched tables and columns exist in their RDs."""
    for search in alert_analysis.parameters().searches:
        rd, table = search.table.split(".")
        spec = rdschema.table(rd, table)
        for name in ("ra", "dec", search.id_column, search.name_column or
                     "ra") + (("obs_time",) if search.window else ()):
            spec.column(name)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_alert_from_a_voevent(mirror, name):
    path = mirror / "icecube" / name
    alert = alert_analysis.alert_from_row(icecube_alerts.alert_row(path),
                                          path.name)
    alert_id, ra, dec, radius = SAMPLES[name]
    assert alert.alert_id == alert_id and alert.origin == name
    assert isinstance(alert.obs_time, dt.datetime)
    if ra is not None:
        assert (alert.ra, alert.dec, alert.err_radius) == (ra, dec, radius)
    poly = alert.polygon()
    assert poly.contains(alert.ra, alert.dec)
    assert poly.bounding_radius() == pytest.approx(alert.err_radius
                                                   / np.cos(np.pi / 16),
                                                   rel=1e-3)


def _result(mirror):
    path = mirror / "icecube" / "sample_astrotrack_alert.voevent.xml"
    alert = alert_analysis.alert_from_row(icecube_alerts.alert_row(path),
                                          path.name)
    params = dataclasses.replace(alert_analysis.parameters(), n_scrambles=4)
    fermi, auger = (s for s in params.searches
                    if s.table in ("fermi3fhl.main", "auger2022.events"))
    source = {"alert_id": alert.alert_id, "searched_table": fermi.table,
              "kind": "sources", "object_id": "3FHL J1611.9+1404",
              "object_name": "3FHL J1611.9+1404", "ra": 242.98,
              "dec": 14.07, "ang_distance": 0.2, "obs_time": None,
              "time_offset": None}
    found = [alert_analysis.Found(fermi, 12, [source], np.array([0, 1, 0, 2])),
             alert_analysis.Found(auger, 40, [], np.array([1, 0, 0, 0]))]
    return alert_analysis.Result(alert, params, found,
                                 {"tunka_rex.events": "no such table"},
                                 dt.datetime(2026, 12, 1, 21, 0), 0.0)


def test_rows_and_summary(mirror):
    result = _result(mirror)
    row = alert_store.analysis_row(result, 0.25)
    assert set(row) == set(rdschema.table("icecube_alerts",
                                          "analyses").names)
    assert (row["n_sources"], row["p_sources"]) == (1, 3 / 5)
    assert (row["n_uhecr"], row["p_uhecr"]) == (0, 1.0)
    assert row["n_counterparts"] == 1 and row["duration"] == 0.25
    searches = alert_store.search_rows(result)
    assert [s["searched_table"] for s in searches] == ["fermi3fhl.main",
                                                        "auger2022.events"]
    assert set(searches[0]) == set(rdschema.table("icecube_alerts",
                                                  "searches").names)
    text = row["summary"]
    assert "135363_69917294" in text and "4 scrambled skies" in text
    assert "3FHL J1611.9+1404 (fermi3fhl.main)" in text
    assert "Not searched: tunka_rex.events (no such table)." in text
    assert "Simulated" not in text


def test_summary_says_which_tables_are_simulated(mirror):
    result = _result(mirror)
    tunka = next(s for s in result.params.searches
                 if s.table == "tunka_rex.events")
    result.found.append(alert_analysis.Found(tunka, 0, [],
                                             np.zeros(4, dtype=int)))
    assert "Simulated data searched: tunka_rex.events." in \
        alert_store.summary(result)


def test_counts_add_up_per_scramble(mirror):
    """The probability of a kind comes from the sum of its tables'
    counts in the same scrambled sky."""
    result = _result(mirror)
    extra = alert_analysis.Found(result.found[0].search, 5, [{}],
                                 np.array([1, 0, 0, 0]))
    result.found.append(extra)
    assert result.of_kind("sources") == (2, alert_sky.chance_probability(
        2, [1, 1, 0, 2]))
