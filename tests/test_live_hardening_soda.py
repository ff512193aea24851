"""Issue 17, items 5, 11 and 12: the H.E.S.S. DataLink and SODA service.

* 5: ``CIRCLE=83 22 NaN`` (or a NaN centre) returned the whole run with
  "no cut: the full run"; it must be a UsageError (HTTP 422).
* 12: ``POLYGON`` with a NaN and ``TIME=-1e308 1e308`` gave HTML 500
  pages with Python messages; they must be DALI errors too.
* 11: an ID of a foreign authority (``ivo://evil/~?hess_dr1/...``)
  returned the links and the file; it must be not found.

The checks are in services/hess/params.py (check_raw_cuts, parse_time)
and services/hess/names.py (obs_id_from_pubdid with the authority).
"""

import pytest

from tests.hardening_support import http_get, links_table

pytestmark = pytest.mark.live

RUN = "hess_dr1/hess_dl3_dr1_obs_id_023523.fits"
DID = f"ivo://astroparticle.vo/~?{RUN}"
EVIL = f"ivo://evil/~?{RUN}"




def _assert_usage_error(status, ctype, body, parameter):
    assert status == 422, (status, body[:400])
    assert ctype.startswith("text/plain"), ctype
    text = body.decode("utf-8")
    assert text.startswith("UsageError: "), text
    assert parameter in text, text
    for word in ("Traceback", "NoneType", "Erfa", "attribute", "<html"):
        assert word not in text, text


@pytest.mark.parametrize("value", ["83 22 NaN", "NaN 22 0.5", "83 NaN 0.5",
                                   "83 22 inf", "83 22 -1", "83 95 1",
                                   "83 22", "83 22 x"])
def test_bad_circle_is_a_usage_error(server, value):
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=DID,
                               CIRCLE=value)
    _assert_usage_error(status, ctype, body, "CIRCLE")


@pytest.mark.parametrize("value", ["83 21 NaN 21 84 22", "NaN 21 84 21 84 22",
                                   "83 21 84 21 inf 22", "83 21 84 21"])
def test_bad_polygon_is_a_usage_error(server, value):
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=DID,
                               POLYGON=value)
    _assert_usage_error(status, ctype, body, "POLYGON")


@pytest.mark.parametrize("value", ["-1e308 1e308", "0 1e300", "NaN 53000",
                                   "53001 53000", "1e7 2e7"])
def test_bad_time_is_a_usage_error(server, value):
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=DID,
                               TIME=value)
    _assert_usage_error(status, ctype, body, "TIME")


@pytest.mark.parametrize("value", ["NaN 1e-18", "-1 -0.5"])
def test_bad_band_is_a_usage_error(server, value):
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=DID,
                               BAND=value)
    _assert_usage_error(status, ctype, body, "BAND")


def test_open_time_interval_still_cuts_nothing(server):
    """-Inf and +Inf remain the open ends of an interval."""
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=DID,
                               TIME="-Inf +Inf")
    assert status == 200 and ctype.startswith("application/fits")
    assert body.startswith(b"SIMPLE  =")


def test_good_circle_still_cuts(server):
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=DID,
                               CIRCLE="83.633 22.0145 0.2")
    assert status == 200 and ctype.startswith("application/fits")
    assert b"no cut: the full run" not in body
    assert b"CIRCLE=83.633000 22.014500 0.200000" in body


@pytest.mark.parametrize("did", [EVIL, f"ivo://Evil.example/~?{RUN}",
                                 f"ivo://astroparticle.vo.evil/~?{RUN}"])
def test_foreign_authority_is_not_found(server, did):
    status, ctype, body = http_get(f"{server}/hess_dr1/dl/dlget", ID=did)
    assert status == 404 and ctype.startswith("text/plain"), status
    assert b"NotFoundError" in body and b"SIMPLE" not in body
    rows = links_table(f"{server}/hess_dr1/dl/dlmeta", ID=did)
    assert len(rows) == 1
    assert str(rows[0]["error_message"]).startswith("NotFoundFault")
    assert not str(rows[0]["access_url"]).strip()


def test_own_authority_in_other_letter_case_is_found(server):
    did = f"ivo://AstroParticle.VO/~?{RUN}"
    rows = links_table(f"{server}/hess_dr1/dl/dlmeta", ID=did)
    assert not any(str(m).strip() for m in rows["error_message"])
