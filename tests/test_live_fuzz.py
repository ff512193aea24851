"""Generated bad values for every parameter of every service.

Services are found in the RDs (cone searches, SSA, DataLink, SODA as
the links documents describe them, static folders, api renderers) and
beside them TAP (sync, async, uploads), OAI-PMH, /getproduct and the
shop's API.  Every answer must be a VO error document (DALI VOTable
with QUERY_STATUS ERROR, a DataLink error row, an OAI-PMH error) or a
4xx with a message: never a 5xx, never a Python or SQL message, never a
hang (TIMEOUT per request); a value the standard rules out must not be
accepted.  Afterwards /tap/availability still answers.  The counts per
service are printed and written to test-artifacts/fuzz.json.

Seeded (FUZZ_SEED, default below): the same requests on every run.
"""

import json
import os
import random
import re
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from apdc import config
from converters import rdschema
from tests import fuzz_support as fz
from tests.test_live_access import portal_shell

pytestmark = pytest.mark.live

SEED = int(os.environ.get("FUZZ_SEED", "20261201"))
ARTIFACT = config.PROJECT_DIR / "test-artifacts" / "fuzz.json"
SHOP_USER = "apdc_test_fuzz"
VALID_TAP = {"REQUEST": "doQuery", "LANG": "ADQL",
    "QUERY": "SELECT TOP 1 table_name FROM tap_schema.tables"}


def _base(rd_name):
    # restricted resources refuse anonymous callers at the proxy
    # (tests/test_live_access.py); their services are DaCHS's all the same
    return config.dachs_url() if rdschema.is_restricted(rd_name) \
        else config.server_url()


def _probes_for(service, url, valid, params, rng, n_generic=1,
        n_specific=None, keys=None, **extra):
    """One probe per bad value of each of ``params``."""
    for param in params:
        values = fz.bad_values(param, rng, n_generic, (keys or {}).get(param))
        specific = [v for v in values if v[1]]
        if n_specific is not None:
            specific = rng.sample(specific, min(n_specific, len(specific)))
        for value, must in specific + [v for v in values if not v[1]]:
            yield fz.Probe(service, param, value, url, {**valid,
                param: value}, must, **extra)


def _tap_probes(server, rng):
    yield from _probes_for("tap-sync", server + "/tap/sync", VALID_TAP,
        ("QUERY", "LANG", "FORMAT", "MAXREC", "UPLOAD"), rng, n_generic=3,
        keys={"FORMAT": "TAP_FORMAT"})
    # TAP 1.1 lets a service ignore REQUEST
    for value, _ in fz.bad_values("REQUEST", rng, 2):
        yield fz.Probe("tap-sync", "REQUEST", value, server + "/tap/sync",
            {**VALID_TAP, "REQUEST": value}, False)
    bad_tables = [b"not xml", b"", b"\x00\xff" * 64,
        b'<VOTABLE version="1.3"><RESOURCE><TABLE><FIELD name="a" '
        b'datatype="nonsense"/><DATA><TABLEDATA><TR><TD>1</TD></TR>'
        b'</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
        b'<VOTABLE version="1.3"><RESOURCE><TABLE><FIELD name="a" '
        b'datatype="int"/><DATA><TABLEDATA><TR><TD>x</TD>']
    for content in bad_tables:
        body, ctype = fz.multipart({**VALID_TAP, "UPLOAD": "t,param:t",
            "QUERY": "SELECT * FROM TAP_UPLOAD.t"}, {"t": content})
        yield fz.Probe("tap-upload", "UPLOAD", content[:40],
            server + "/tap/sync", {}, True, method="POST", body=body,
            headers={"Content-Type": ctype})


def _cone_probes(rng):
    cones = [(rd, sid) for rd, sid, renderers, _ in fz.rd_services()
        if "scs.xml" in renderers]
    for index, (rd_name, service_id) in enumerate(cones):
        url = f"{_base(rd_name)}/{rd_name}/{service_id}/scs.xml"
        # the SCS code is DaCHS's for all: every value on the first,
        # a sample on the others
        yield from _probes_for(f"scs:{rd_name}", url, {"RA": "83.6",
            "DEC": "22.0", "SR": "1"}, ("RA", "DEC", "SR", "VERB", "MAXREC"),
            rng, n_generic=1 if index else 2, n_specific=None if index == 0
            else 1)


def _ssa_probes(rng):
    for rd_name, service_id, renderers, _ in fz.rd_services():
        if "ssap.xml" in renderers:
            yield from _probes_for(f"ssa:{rd_name}", f"{_base(rd_name)}/"
                f"{rd_name}/{service_id}/ssap.xml", {"REQUEST": "queryData"},
                ("POS", "SIZE", "BAND", "TIME", "FORMAT", "MAXREC"), rng,
                n_generic=2)


def _valid_ids(db, rd_name):
    """Identifiers of the resource's data sets, from plain SQL."""
    cursor = db.cursor()
    queries = [("SELECT obs_publisher_did FROM ivoa.obscore "
        "WHERE obs_publisher_did LIKE %s LIMIT 1", (f"%~?{rd_name}/%",))]
    for table, column in (("spectra", "ssa_pubdid"), ("events", "event_id"),
            ("events", "event_did")):
        queries.append((f"SELECT {column} FROM {rd_name}.{table} LIMIT 1",
            None))
    ids = []
    for sql, args in queries:
        cursor.execute("SAVEPOINT probe")
        try:
            cursor.execute(sql, args)
            ids += [str(r[0]) for r in cursor.fetchall()]
        except Exception:  # no such table or column in this resource
            cursor.execute("ROLLBACK TO SAVEPOINT probe")
    return ids


def _descriptors(links_xml):
    """(accessURL, {input param: value}) of a links document's services."""
    root = ET.fromstring(links_xml)
    for resource in root.iter():
        if fz.local_name(resource.tag) != "RESOURCE" or resource.get(
                "utype") != "adhoc:service":
            continue
        url, inputs = None, {}
        for element in resource.iter():
            if fz.local_name(element.tag) != "PARAM":
                continue
            if element.get("name") == "accessURL":
                url = element.get("value")
        for group in resource.iter():
            if fz.local_name(group.tag) == "GROUP" and group.get(
                    "name") == "inputParams":
                inputs = {p.get("name"): p.get("value") for p in group
                    if fz.local_name(p.tag) == "PARAM"}
        if url:
            yield url, inputs


_SODA_KEYS = {"CIRCLE": "CIRCLE", "POLYGON": "POLYGON", "POS": "SODA_POS",
    "TIME": "SODA_TIME", "BAND": "SODA_BAND"}


def _datalink_probes(db, rng):
    for rd_name, service_id, renderers, _ in fz.rd_services():
        base = f"{_base(rd_name)}/{rd_name}/{service_id}"
        if "dlget" in renderers:
            yield from _probes_for(f"dlget:{rd_name}/{service_id}",
                base + "/dlget", {}, ("ID",), rng)
        if "dlmeta" not in renderers:
            continue
        service = f"datalink:{rd_name}/{service_id}"
        valid = None
        for did in _valid_ids(db, rd_name):
            status, _, body = fz.send(fz.Probe(service, "ID", did,
                base + "/dlmeta", {"ID": did}))
            if status == 200 and not re.search(rb"<TD>\w*Fault", body):
                valid = did, body
                break
        assert valid, f"{rd_name}/{service_id}: no identifier answers"
        did, links = valid
        yield from _probes_for(service, base + "/dlmeta", {"ID": did},
            ("ID", "RESPONSEFORMAT"), rng, n_generic=2)
        for url, inputs in _descriptors(links):
            inputs = {k: v for k, v in inputs.items() if v or k == "ID"}
            soda = {"ID": inputs.get("ID") or did}
            declared = [p for p in _SODA_KEYS if p in inputs]
            # the links name the public URL; a restricted one is asked
            # of DaCHS itself
            url = url.replace(config.server_url(), _base(rd_name), 1)
            yield from _probes_for(f"soda:{url.split('/', 3)[-1]}", url,
                soda, declared, rng, n_generic=1, n_specific=2,
                keys=_SODA_KEYS)


def _static_and_product_probes(server):
    paths = ["no_such_file", "../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%00", "A" * 300]
    for rd_name, service_id, renderers, _ in fz.rd_services():
        if "static" in renderers:
            for path in paths:
                yield fz.Probe(f"static:{rd_name}/{service_id}", "path",
                    path, f"{_base(rd_name)}/{rd_name}/{service_id}/static/"
                    f"{path}", {})
    for key in paths + ["", "hess_dr1/no_such.fits",
            "kascade/%2e%2e/%2e%2e/etc/passwd"]:
        yield fz.Probe("getproduct", "key", key, f"{server}/getproduct/{key}",
            {})
    for key in ("no_such", "\x00", "../../etc/passwd"):
        yield fz.Probe("getproduct", "key", key, f"{server}/getproduct",
            {"key": key})


def _api_probes(rng):
    for rd_name, service_id, renderers, conds in fz.rd_services():
        if "api" in renderers and conds:
            # conditions of a DaCHS api service are optional filters: a
            # generic value may legitimately match nothing
            for param in conds:
                for value, _ in fz.bad_values(param, rng, 2):
                    yield fz.Probe(f"api:{rd_name}/{service_id}", param,
                        value, f"{_base(rd_name)}/{rd_name}/{service_id}/api",
                        {param: value}, False)


def _oai_probes(server):
    url = server + "/oai.xml"
    list_records = {"verb": "ListRecords", "metadataPrefix": "ivo_vor"}
    cases = [("verb", {"verb": "Nonsense"}), ("verb", {"verb": ""}),
        ("metadataPrefix", {**list_records, "metadataPrefix": "nonsense"}),
        ("identifier", {"verb": "GetRecord", "metadataPrefix": "ivo_vor",
            "identifier": "ivo://nonsense/x"}),
        ("identifier", {"verb": "GetRecord", "metadataPrefix": "ivo_vor",
            "identifier": "\x00"}),
        ("resumptionToken", {"verb": "ListRecords",
            "resumptionToken": "garbage"}),
        ("resumptionToken", {"verb": "ListRecords",
            "resumptionToken": b"\xff\xfe"}),
        ("from", {**list_records, "from": "2020-99-99"}),
        ("until", {**list_records, "until": "notadate"}),
        ("from", {**list_records, "from": "2020-01-01T00:00:00",
            "until": "2019-01-01"}),
        ("set", {**list_records, "set": "no_such_set"})]
    for param, params in cases:
        yield fz.Probe("oai-pmh", param, params.get(param), url, params)


def _shop_probes(server, token):
    auth = {"Authorization": f"Bearer {token}"}
    url = server + "/shop/api/estimate"
    valid = {"dataset": "kascade_sim", "component": "events", "fmt": "hdf5",
        "quantity": "E"}
    cases = [("dataset", "no_such"), ("component", "no_such"),
        ("fmt", "no_such"), ("quantity", "NOPE"), ("min_E", "abc"),
        ("min_E", "NaN"), ("max_E", "1e999")]
    for param, value in cases:
        yield fz.Probe("shop-api", param, value, url, {**valid, param: value},
            headers=auth)
    for param, value in (("ra", "400"), ("radius", "-1")):
        yield fz.Probe("shop-api", param, value, url, {**valid, "ra": "83",
            "dec": "22", "radius": "1", param: value}, headers=auth)
    yield fz.Probe("shop-api", "start", "notadate", url, {**valid,
        "start": "notadate", "end": "2020-01-01"}, headers=auth)
    for body in (b"not json", b"[]", b'{"dataset": 5}', b'{"dataset": '
            b'"kascade_sim", "component": "events", "quantities": ["E"], '
            b'"fmt": "nonsense"}'):
        yield fz.Probe("shop-api", "body", body, server + "/shop/api/requests",
            {}, method="POST", body=body,
            headers={**auth, "Content-Type": "application/json"})


@pytest.fixture(scope="module")
def shop_token(server):
    out = portal_shell(f"""
from django.contrib.auth import get_user_model
from portal.accounts.models import ApiToken
User = get_user_model()
User.objects.filter(username="{SHOP_USER}").delete()
user = User.objects.create_user("{SHOP_USER}", "{SHOP_USER}@example.org",
                                "Fuzz-test 2026!")
print("TOKEN", ApiToken.issue(user, "fuzz test")[1])
""")
    yield out.split("TOKEN", 1)[1].split()[0]
    portal_shell(f"""
from django.contrib.auth import get_user_model
from portal.shop import services
for old in get_user_model().objects.filter(username="{SHOP_USER}"):
    for request in old.shop_requests.all():
        services.delete(request)
    old.delete()
""")


def _run(probe):
    try:
        return probe, fz.judge(*fz.send(probe))
    except TimeoutError as exc:
        return probe, fz.Answer("hang", 0, str(exc))


def _async_run(server, params):
    """The verdict on an async job created with ``params`` and PHASE=RUN."""
    data = fz.encode({**params, "PHASE": "RUN"}).encode("ascii")
    try:
        with urllib.request.urlopen(urllib.request.Request(
                server + "/tap/async", data=data), timeout=fz.TIMEOUT) as resp:
            job_url = resp.geturl()
    except urllib.error.HTTPError as err:  # refused at creation
        return fz.judge(err.code, err.headers.get("content-type", ""),
            err.read())
    deadline = time.monotonic() + fz.TIMEOUT
    phase = "QUEUED"
    while phase in ("PENDING", "QUEUED", "EXECUTING"):
        if time.monotonic() > deadline:
            return fz.Answer("hang", 0, job_url)
        time.sleep(0.5)
        phase = fz.send(fz.Probe("", "", "", job_url + "/phase", {}))[2] \
            .decode("utf-8").strip()
    answer = fz.judge(*fz.send(fz.Probe("", "", "", job_url + "/error", {}))) \
        if phase == "ERROR" else fz.Answer("accepted", 200, phase)
    fz.send(fz.Probe("", "", "", job_url, {}, method="POST",
        body=b"ACTION=DELETE"))
    return answer


def test_fuzz_every_parameter_of_every_service(server, db, shop_token):
    rng = random.Random(SEED)
    probes = [*_tap_probes(server, rng), *_cone_probes(rng),
        *_ssa_probes(rng), *_datalink_probes(db, rng),
        *_static_and_product_probes(server), *_api_probes(rng),
        *_oai_probes(server), *_shop_probes(server, shop_token)]
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(_run, probes))
    async_cases = [{**VALID_TAP, "QUERY": q} for q in (
        "SELECT", "SELECT * FROM no_such.table", "((((")] + [
        {**VALID_TAP, "LANG": "nonsense"}, {**VALID_TAP, "MAXREC": "x"},
        {**VALID_TAP, "FORMAT": "application/x-no-such-format"}]
    for params in async_cases:
        results.append((fz.Probe("tap-async", "", str(params), "", params),
            _async_run(server, params)))
    elapsed = time.monotonic() - started

    counts = defaultdict(Counter)
    for probe, answer in results:
        counts[probe.service.split(":")[0]][answer.verdict] += 1
    summary = {"seed": SEED, "requests": len(results),
        "seconds": round(elapsed, 1),
        "per_service": {k: dict(v) for k, v in sorted(counts.items())}}
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps(summary, indent=1))

    bad = [f"{p.service} {p.param}={p.value!r:.60}: {a.verdict} {a.status} "
        f"{a.detail[:160]!r}" for p, a in results
        if a.verdict in ("crash", "leak", "hang")
        or (a.verdict == "accepted" and p.must_reject)]
    assert not bad, f"{len(bad)} bad answers:\n" + "\n".join(bad)
    assert 200 <= len(results) <= 1000
    status, _, body = fz.send(fz.Probe("", "", "", server +
        "/tap/availability", {}))
    assert status == 200 and b"<avl:available>true" in body
