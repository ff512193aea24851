"""Issue 17, item 13: DataLink errors are DALI documents everywhere.

The KASCADE event DataLink and previews and the crspectra spectra
answered an unknown ID on dlget with DaCHS's HTML 404 page (H.E.S.S.
already answered text).  DataLink 1.1 wants a ``text/plain`` document
starting with the fault's name; workarounds/dachs_datalink_errors.py
gives it to every dlget service.
"""

import urllib.parse

import pytest

from tests.hardening_support import http_get

pytestmark = pytest.mark.live

#: (dlget path, an ID that is no dataset of it)
UNKNOWN = [
    ("kascade/dl/dlget", "ivo://astroparticle.vo/~?kascade/1000/1"),
    ("kascade/dl/dlget", "nope"),
    ("kascade/preview/dlget", "ivo://astroparticle.vo/~?kascade/1000/1"),
    ("kascade/preview/dlget", "nope"),
    ("kascade_sim/dl/dlget", "ivo://astroparticle.vo/~?kascade_sim/1/0"),
    ("crspectra/sdl/dlget", "nope"),
    ("crspectra/sdl/dlget", "ivo://astroparticle.vo/~?crspectra/none"),
    ("hess_dr1/dl/dlget", "nope"),
    ("hess_dr1/irf/dlget", "nope"),
]




@pytest.mark.parametrize("path,did", UNKNOWN,
                         ids=[f"{p}:{d}" for p, d in UNKNOWN])
def test_unknown_id_is_a_dali_not_found(server, path, did):
    query = urllib.parse.urlencode({"ID": did, "HDU": "AEFF"}
                                   if "irf" in path else {"ID": did})
    status, ctype, body = http_get(f"{server}/{path}?{query}")
    assert status == 404, status
    assert ctype.startswith("text/plain"), (ctype, body[:200])
    text = body.decode("utf-8")
    assert "<html" not in text.lower()
    assert text.split(":", 1)[0] in ("NotFoundFault", "Error"), text
    assert "NotFound" in text, text


def test_a_usage_error_stays_a_usage_error(server):
    status, ctype, body = http_get(f"{server}/kascade/dl/dlget")
    assert status == 422 and ctype.startswith("text/plain")
    assert body.startswith(b"UsageError: ")
