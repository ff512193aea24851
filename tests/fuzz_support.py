"""The fuzz test's pieces (tests/test_live_fuzz.py): services, bad values,
requests and the judgement of an answer.

The services are found in the RDs (every ``<service>`` of an RD and of
the STREAMs it FEEDs, with its renderers); TAP, OAI-PMH, /getproduct and
the shop API are the server's own.  Each probe sends one bad value for
one parameter, the other parameters valid, so that the bad value is
what the service has to judge.
"""

import dataclasses
import random
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from apdc import config

__all__ = ["Probe", "Answer", "rd_services", "bad_values", "send", "judge",
           "multipart", "local_name", "encode", "LEAKS", "TIMEOUT"]

#: text that shows a Python or SQL internal in an answer
LEAKS = ("Traceback", "psycopg2", "CONTEXT:", "NoneType", 'File "/')
#: seconds an answer may take (a hang otherwise)
TIMEOUT = 60


@dataclasses.dataclass
class Probe:
    """One request: ``value`` sent as ``param`` of ``service``.

    ``must_reject``: the standard leaves no room to accept the value (a
    generic odd value, e.g. an empty optional parameter, may be ignored).
    """
    service: str
    param: str
    value: object
    url: str
    params: dict
    must_reject: bool = True
    method: str = "GET"
    body: bytes = None
    headers: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Answer:
    """What came back: verdict is error, accepted, crash, leak or hang."""
    verdict: str
    status: int
    detail: str


def local_name(tag):
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _find_stream(rd_name, ref):
    """The element a FEED source names ("id" or "rd#id")."""
    other, _, element_id = ref.rpartition("#")
    other = other or rd_name
    root = ET.parse(config.RD_DIR / f"{other}.rd").getroot()
    for element in root.iter():
        if element.get("id") == element_id:
            return other, element
    raise LookupError(f"{rd_name}: FEED {ref} not found")


def _walk_services(rd_name, element):
    for child in element:
        if child.tag == "service" and child.get("id"):
            yield child.get("id"), child
        elif child.tag == "FEED" and not child.get("source", "").startswith(
                "//"):
            other, stream = _find_stream(rd_name, child.get("source"))
            yield from _walk_services(other, stream)
        elif child.tag in ("LOOP", "events", "NXSTREAM", "STREAM"):
            yield from _walk_services(rd_name, child)


def rd_services():
    """(rd, service id, renderers, condDesc names) of every RD's services.

    Returns
    -------
    list of tuple
    """
    found = []
    for path in sorted(config.RD_DIR.glob("*.rd")):
        if path.stem == "common":  # holds streams only
            continue
        root = ET.parse(path).getroot()
        for service_id, element in _walk_services(path.stem, root):
            renderers = [r.strip() for r in element.get("allowed", "").split(
                ",") if r.strip()]
            conds = [c.get("buildFrom") for c in element.iter("condDesc")
                if c.get("buildFrom") and "\\" not in c.get("buildFrom")]
            found.append((path.stem, service_id, renderers, conds))
    return found


# Values that are odd for any parameter; a service may ignore some of
# them for an optional parameter, so they need not be rejected.
_GENERIC = ["", " ", "NaN", "-inf", "1e999", "\x00", b"\xff\xfe\xfa",
    "A" * 4000, "' OR 1=1 --", "1); DROP TABLE dc.products; --",
    "<script>alert(1)</script>", "../../../../etc/passwd", "%s%n%x",
    "\u2135\u221e", "(" * 200, "0x1p3", "1,2,3,4,5,6,7,8,9"]

# Values the standard of each parameter rules out.
_SPECIFIC = {
    "RA": ["abc", "NaN", "inf"],
    "DEC": ["95", "-91", "abc", "NaN", "inf"],
    "SR": ["-1", "-179", "abc", "NaN", "inf"],
    "VERB": ["x", "2.5"],
    "MAXREC": ["-5", "x", "2.5", "1e400"],
    "POS": ["abc", "400,100", "1,2,3"],
    "SIZE": ["-1", "abc", "0"],
    "TIME": ["abc", "2020-13-45", "NaN/NaN"],
    "ID": ["no-such-id", "ivo://evil/~?hess_dr1/x.fits", "\x00"],
    "RESPONSEFORMAT": ["text/x-no-such-format"],
    "CIRCLE": ["1 2", "83 22 NaN", "a b c", "83 22 -1", "400 100 1"],
    "POLYGON": ["1 2 3 4", "83 21 NaN 21 84 22", "a b c d e f"],
    "SODA_POS": ["CIRCLE 1 2", "RANGE a b c d", "NONSENSE 1 2 3"],
    "SODA_TIME": ["abc", "NaN NaN", "5", "-1e308 1e308"],
    "SODA_BAND": ["abc", "NaN 1", "1"],
    "QUERY": ["SELECT", "SELEC * FROM tap_schema.tables",
              "SELECT * FROM no_such.table", "((((", "' OR 1=1 --",
              b"SELECT \xff\xfe FROM tap_schema.tables"],
    "LANG": ["SQL", "ADQL-9.9", "nonsense"],
    "TAP_FORMAT": ["application/x-no-such-format"],
    "UPLOAD": ["bad", "t,param:missing", "t,ftp://127.0.0.1/x"],
    "REQUEST": ["nonsense"],
}


# Odd values a standard lets a service interpret: RA wraps around
# (workarounds/dachs_scs_params.py checks only that it is finite); an
# SSA BAND that is no number range is a band name (SSA 1.1), which no
# spectrum here has, and NaN bounds match nothing; DaCHS reads an SSA
# SIZE=NaN as no SIZE; an SSA FORMAT the service does not have may give
# an empty answer.
_TOLERATED = {"RA": ["400", "-1"], "BAND": ["abc", "1/x", "NaN/NaN", "a/b"],
    "SIZE": ["NaN"],
    "FORMAT": ["application/x-no-such-format"]}


def bad_values(param, rng, n_generic, specific_key=None):
    """(value, must_reject) for a parameter: its own bad values, the odd
    ones it may tolerate, then ``n_generic`` generic ones drawn with
    ``rng`` (a random.Random)."""
    key = specific_key or param
    specific = _SPECIFIC.get(key, [])
    tolerated = _TOLERATED.get(key, [])
    generic = rng.sample(_GENERIC, min(n_generic, len(_GENERIC)))
    return [(v, True) for v in specific] + [(v, False)
        for v in tolerated + generic]


def encode(params):
    """A query string of str or bytes values (bytes sent as they are)."""
    pairs = []
    for key, value in params.items():
        if isinstance(value, str):
            value = value.encode("utf-8")
        pairs.append((key.encode("utf-8"), value))
    return urllib.parse.urlencode(pairs)


def send(probe):
    """(status, content type, body) of a probe; a hang raises TimeoutError.

    Returns
    -------
    tuple
    """
    url = probe.url
    if probe.params:
        url = f"{url}?{encode(probe.params)}"
    request = urllib.request.Request(url, data=probe.body,
        method=probe.method, headers=probe.headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as resp:
            return resp.status, resp.headers.get("content-type", ""), \
                resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type", ""), err.read()
    except (socket.timeout, TimeoutError) as exc:
        raise TimeoutError(url[:200]) from exc


def _error_document(body):
    """True for a VO error document: a DALI VOTable with QUERY_STATUS
    ERROR, an SCS 1.03 error INFO, a DataLink table with an
    error_message, or an OAI-PMH error."""
    text = body.decode("utf-8", "replace")
    if re.search(r'<INFO[^>]*name="QUERY_STATUS"[^>]*value="ERROR"', text) \
            or re.search(r'<INFO[^>]*value="ERROR"[^>]*name="QUERY_STATUS"',
                         text):
        return True
    # SCS 1.03's own form: <INFO name="Error" value="...">
    if re.search(r'<INFO[^>]*name="Error"[^>]*value="[^"]+"', text):
        return True
    if "OAI-PMH" in text and re.search(r"<(\w+:)?error\s+code=", text):
        return True
    return bool(re.search(r'name="error_message"', text) and re.search(
        r"<TD>(NotFoundFault|UsageFault|Fault|DefaultFault)[^<]*</TD>",
        text)) or bool(re.search(r'"error"\s*:', text))


def judge(status, content_type, body):
    """The verdict on an answer.

    Returns
    -------
    Answer
    """
    text = body.decode("utf-8", "replace")
    for leak in LEAKS:
        if leak in text:
            return Answer("leak", status, f"{leak!r} in {text[:300]!r}")
    if status >= 500:
        return Answer("crash", status, text[:300])
    if 400 <= status < 500:
        if not text.strip():
            return Answer("crash", status, "4xx without a message")
        return Answer("error", status, text[:120])
    if _error_document(body):
        return Answer("error", status, text[:120])
    return Answer("accepted", status, text[:120])


def multipart(fields, files):
    """(body, content type) of a multipart/form-data POST."""
    boundary = f"fuzz{random.Random(len(files)).getrandbits(64):x}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; '
            f'name="{name}"\r\n\r\n{value}\r\n'.encode("utf-8"))
    for name, content in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; '
            f'name="{name}"; filename="{name}.xml"\r\nContent-Type: '
            'application/x-votable+xml\r\n\r\n'.encode("utf-8") + content
            + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode("utf-8"))
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
