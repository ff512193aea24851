"""Restricted data through the one public origin, for every role and path.

The restricted resource is ``kascade_embargo`` (release 2 of the
simulated showers, granted to ``kascade-grande`` until its embargo
date; docs/access.md).  The people are real accounts in the live
portal's database, made and removed by the fixture; every request goes
through nginx, as a client's would:

* a member of the deepest group (kascade-grande-analysis) gets 200 on
  every path;
* a member of an unrelated group gets 403;
* an anonymous caller gets 401 with a Basic challenge;
* after the member is removed from the group, 403 on the next request.
"""

import io
import secrets
import subprocess
import sys

import pytest
import requests

from apdc import ingest, web

pytestmark = pytest.mark.live

RESOURCE = "kascade_embargo"
DEEP, OTHER = "apdc_test_deep", "apdc_test_other"
PASSWORD = secrets.token_urlsafe(16)


def portal_shell(code):
    """Run Python in the live portal's Django (its database)."""
    proc = subprocess.run([sys.executable, "-m", "portal", "shell", "-c",
                           code], env=web.portal_environment(), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout


_MAKE_PEOPLE = f"""
from django.contrib.auth import get_user_model
from portal.groups.models import Group, Membership
User = get_user_model()
other_group, _ = Group.objects.get_or_create(name="apdc-test-icecube",
    defaults={{"description": "an unrelated group (tests)"}})
for name, group in [("{DEEP}", "kascade-grande-analysis"),
                    ("{OTHER}", "apdc-test-icecube")]:
    User.objects.filter(username=name).delete()
    user = User.objects.create_user(name, name + "@example.org", "{PASSWORD}")
    Membership.objects.create(user=user, group=Group.objects.get(name=group))
"""

_REMOVE_PEOPLE = f"""
from django.contrib.auth import get_user_model
from portal.groups.models import Group
get_user_model().objects.filter(username__in=["{DEEP}", "{OTHER}"]).delete()
Group.objects.filter(name="apdc-test-icecube").delete()
"""


@pytest.fixture(scope="module")
def people(server):
    portal_shell(_MAKE_PEOPLE)
    yield {"deep": (DEEP, PASSWORD), "other": (OTHER, PASSWORD)}
    portal_shell(_REMOVE_PEOPLE)


@pytest.fixture(scope="module")
def event_did():
    conn = ingest.get_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT event_did FROM {RESOURCE}.events "
                           "WHERE run = 1 ORDER BY event LIMIT 1")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def restricted_paths(did):
    """Every kind of access path of the restricted resource."""
    return {
        "cone search": f"/{RESOURCE}/cone/scs.xml?RA=83.6&DEC=22&SR=3",
        "cone form": f"/{RESOURCE}/cone/form",
        "service info": f"/{RESOURCE}/cone/info",
        "DataLink document": f"/{RESOURCE}/dl/dlmeta?ID={did}",
        "DataLink extract": f"/{RESOURCE}/dl/dlget?ID={did}",
        "preview": f"/{RESOURCE}/preview/dlget?ID={did}",
        "run file": f"/{RESOURCE}/files/static/{RESOURCE}_run00001.h5",
    }


# Spellings that must not get around the decision (DaCHS itself may not
# serve them to a member: its paths are case-sensitive).
REFUSED_ONLY = {
    "run file, other spelling": f"/KASCADE_EMBARGO/files/static/"
                                f"{RESOURCE}_run00001.h5",
    "run file, escaped": f"/kascade%5Fembargo/files/static/"
                         f"{RESOURCE}_run00001.h5",
    "product": f"/getproduct/{RESOURCE}/data/runs/x.h5",
    "product by key": f"/getproduct?key={RESOURCE}/data/runs/x.h5",
    "dot segments": f"/tap/../{RESOURCE}/cone/form",
}


def get(server, path, auth=None):
    return requests.get(server + path, auth=auth, timeout=60,
                        allow_redirects=False)


def test_member_of_the_deepest_group_gets_every_path(server, people,
                                                     event_did):
    for label, path in restricted_paths(event_did).items():
        response = get(server, path, people["deep"])
        assert response.status_code == 200, (label, response.status_code,
                                              response.text[:300])
    extract = get(server, restricted_paths(event_did)["DataLink extract"],
                  people["deep"])
    assert extract.content[1:4] == b"HDF"


@pytest.mark.parametrize("role,status", [("other", 403), (None, 401)])
def test_others_are_refused_on_every_path(server, people, event_did, role,
                                          status):
    auth = people[role] if role else None
    paths = {**restricted_paths(event_did), **REFUSED_ONLY}
    for label, path in paths.items():
        response = get(server, path, auth)
        assert response.status_code == status, (label, response.status_code)
        assert b"event_did" not in response.content and b"HDF" not in \
            response.content[:8]
        if status == 401:
            assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_removal_from_the_group_counts_on_the_next_request(server, people,
                                                           event_did):
    path = restricted_paths(event_did)["cone search"]
    assert get(server, path, people["deep"]).status_code == 200
    portal_shell(f"""
from portal.groups.models import Membership
Membership.objects.filter(user__username="{DEEP}").delete()
""")
    try:
        assert get(server, path, people["deep"]).status_code == 403
    finally:
        portal_shell(f"""
from django.contrib.auth import get_user_model
from portal.groups.models import Group, Membership
Membership.objects.create(user=get_user_model().objects.get(username="{DEEP}"),
    group=Group.objects.get(name="kascade-grande-analysis"))
""")
    assert get(server, path, people["deep"]).status_code == 200


def test_pyvo_auth_session_gets_in_with_the_declared_security_method(
        server, people):
    import pyvo
    from pyvo.auth import authsession, securitymethods
    from pyvo.io import vosi
    url = f"{server}/{RESOURCE}/cone/scs.xml"
    with pytest.raises(pyvo.dal.DALServiceError, match="401"):
        pyvo.dal.SCSService(url).search(pos=(83.6, 22.0), radius=3)
    # the capabilities are public and say which credentials to send
    response = requests.get(f"{server}/{RESOURCE}/cone/capabilities",
                            timeout=60)
    assert response.status_code == 200
    capabilities = vosi.parse_capabilities(io.BytesIO(response.content))
    methods = {sm.standardid for cap in capabilities
               for iface in cap.interfaces for sm in iface.securitymethods}
    assert securitymethods.BASIC in methods
    session = authsession.AuthSession()
    session.credentials.set_password(*people["deep"])
    session.update_from_capabilities(capabilities)
    # as a client that found the service in its capabilities (or the
    # registry) would, it calls the access URL given there
    access_url, = {iface.accessurls[0].content for cap in capabilities
                   if cap.standardid == "ivo://ivoa.net/std/ConeSearch"
                   for iface in cap.interfaces}
    assert access_url.startswith(url)
    # pyvo 1.9 drops the "?" that an SCS access URL ends with before it
    # looks the URL up, so its capability match misses; a client adds
    # the declared method for the URL without it (docs/access.md)
    session.add_security_method_for_url(access_url.rstrip("?"),
                                        securitymethods.BASIC)
    rows = pyvo.dal.SCSService(access_url, session=session).search(
        pos=(83.6, 22.0), radius=3)
    assert len(rows) > 0
    assert all(abs(dec - 22.0) <= 3 for dec in rows["dec"])


def test_not_in_the_public_tap_nor_in_the_registry(server, tap):
    import pyvo
    schemas = {str(s) for s in tap.search(
        "SELECT schema_name FROM TAP_SCHEMA.schemas")["schema_name"]}
    assert RESOURCE not in schemas and "kascade_sim" in schemas
    with pytest.raises(pyvo.dal.DALQueryError):
        tap.search(f"SELECT TOP 1 event_did FROM {RESOURCE}.events")
    harvest = requests.get(f"{server}/oai.xml", timeout=60, params={
        "verb": "ListIdentifiers", "metadataPrefix": "ivo_vor"}).text
    assert "identifier>ivo://" in harvest and RESOURCE not in harvest
    obscore = tap.search("SELECT COUNT(*) AS n FROM ivoa.obscore WHERE "
                         f"obs_publisher_did LIKE '%{RESOURCE}%'")
    assert obscore["n"][0] == 0


def test_restricted_record_says_it_is_restricted(server):
    record = requests.get(f"{server}/oai.xml", timeout=60, params={
        "verb": "ListRecords", "metadataPrefix": "ivo_vor",
        "set": "restricted"}).text
    assert f"{RESOURCE}/cone" in record
    assert "ivo://ivoa.net/sso#BasicAA" in record
    assert "Restricted to the members" in record


def test_group_membership_service(server, people):
    response = get(server, "/gms/search", people["deep"])
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert set(response.text.split()) >= {"kascade-grande-analysis"}
    assert get(server, "/gms/search").status_code == 401


def test_anonymous_uws_job_list_shows_no_jobs(server, tap):
    job = tap.submit_job("SELECT TOP 1 * FROM kascade.events")
    try:
        listing = requests.get(f"{server}/tap/async", timeout=30)
        assert listing.status_code == 200
        assert "uws:jobs" in listing.text and job.job_id not in listing.text
        assert requests.get(job.url, timeout=30).status_code == 200
    finally:
        job.delete()


def test_dachs_itself_listens_on_loopback_only():
    from apdc import config
    assert config.dachs_url().startswith("http://127.0.0.1:")
    assert config.dachs_url() != config.server_url()


TRAVERSALS = [
    "/portal-static/../nginx.conf",
    "/portal-static/..%2fnginx.conf",
    "/portal-static/%2e%2e/nginx.conf",
    "/portal-static/../../../etc/passwd",
    "/kascade/files/static/../../../../../etc/passwd",
    "/kascade/files/static/%2e%2e/%2e%2e/dataset.json",
    "/getproduct/../../../etc/passwd",
    "/getproduct/hess_dr1/..%2f..%2f..%2fetc%2fpasswd",
    "/kascade_embargo/files/static/../../kascade_sim/dataset.json",
    "/accounts/..%2f..%2fetc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_file_outside_the_served_folders(server, path):
    """Path traversal on every file-serving URL gives nothing."""
    response = requests.get(server + path, timeout=30,
                            allow_redirects=True)
    assert response.status_code in (400, 401, 403, 404), response.status_code
    body = response.content
    assert b"root:x:0:0" not in body and b"worker_processes" not in body
    assert b'"generator"' not in body and b"SECRET" not in body
