"""Issue 17, item 6: bad cone-search parameters give clean SCS errors.

``SR=-1`` used to answer like ``SR=1``, ``SR=-179`` returned rows,
``DEC=95`` and ``SR=inf`` gave PostgreSQL's text, and a NaN was "not
provided".  Every cone service (all feed ``//scs#coreDescs``; the check
is workarounds/dachs_scs_params.py) must answer an SCS 1.03 error: a
VOTable with an ``INFO name="Error"`` that names the parameter, no rows
and no database text.
"""

import io

import pytest
from astropy.io import votable

from tests.hardening_support import http_get

pytestmark = pytest.mark.live

#: every public cone service (rd/*.rd: <service id="cone">)
CONE_RDS = ("kascade", "kascade_sim", "hess_dr1", "auger2015", "auger2022",
            "fermi3fgl", "fermi3fhl", "gammacat", "hgps", "icecube_alerts",
            "icecube_ps", "openngc", "swift_bat70", "ta2014", "tevcat",
            "vcv_agn")

#: (RA, DEC, SR) of the issue and the parameter the error must name
BAD = [
    (("83", "22", "-1"), "SR"),
    (("83", "22", "-179"), "SR"),
    (("83", "22", "0"), "SR"),
    (("83", "22", "200"), "SR"),
    (("83", "22", "inf"), "SR"),
    (("83", "22", "NaN"), "SR"),
    (("83", "95", "1"), "DEC"),
    (("83", "-90.5", "1"), "DEC"),
    (("NaN", "22", "1"), "RA"),
    (("83", "NaN", "1"), "DEC"),
    (("inf", "22", "1"), "RA"),
]

DATABASE_WORDS = (b"q3c", b"CONTEXT", b"SQL", b"postgres", b"Traceback",
                  b"is mandatory but was not provided")


def _cone(server, rd, ra, dec, sr):
    status, _, body = http_get(f"{server}/{rd}/cone/scs.xml", RA=ra, DEC=dec,
                               SR=sr)
    return status, body


def _check_error(body, parameter):
    table = votable.parse(io.BytesIO(body))
    errors = [i for i in table.resources[0].infos if i.name == "Error"]
    assert errors, body[:600]
    assert errors[0].value.startswith(f"Field {parameter}:"), errors[0].value
    assert not list(table.iter_tables()), "an error must carry no table"
    for word in DATABASE_WORDS:
        assert word not in body, (word, body[:600])


@pytest.mark.parametrize("pars,parameter", BAD,
                         ids=["RA=%s,DEC=%s,SR=%s" % p for p, _ in BAD])
def test_bad_cone_parameter_is_an_scs_error(server, pars, parameter):
    status, body = _cone(server, "kascade", *pars)
    assert status in (200, 400), status
    _check_error(body, parameter)


@pytest.mark.parametrize("rd", CONE_RDS)
def test_every_cone_service_refuses_a_negative_radius(server, rd):
    for pars, parameter in (BAD[0], BAD[4], BAD[6], BAD[8]):
        status, body = _cone(server, rd, *pars)
        assert status in (200, 400), (rd, pars, status)
        _check_error(body, parameter)


@pytest.mark.parametrize("sr", ["1", "180", "0.001"])
def test_good_radius_still_answers(server, sr):
    status, body = _cone(server, "hess_dr1", "83.633", "22.0145", sr)
    assert status == 200
    table = votable.parse(io.BytesIO(body))
    statuses = [i.value for i in table.resources[0].infos
                if i.name == "QUERY_STATUS"]
    assert statuses == ["OK"], body[:600]
    rows = table.get_first_table().array
    if sr == "180":
        # the whole sky: every run of the index
        assert len(rows) == 105
    if sr == "1":
        assert len(rows) >= 1 and (rows["_r"] <= 1).all()
