"""Each work-around of workarounds/ has a test that fails once upstream is fixed.

When one of these tests fails, the upstream bug it names is gone: remove
the work-around (its module and its call) and the test.  They read the
installed Debian packages, so they are live tests (not in "make check").
"""

import glob
import re

import pytest

from workarounds import dachs_colstat, dachs_time_limits, pgsphere

pytestmark = pytest.mark.live


def _shipped_scripts():
    """pgSphere's extension scripts as Debian ships them (before patching)."""
    scripts = {path: path for path in glob.glob(pgsphere.EXTENSION_SCRIPTS)}
    for backup in glob.glob(pgsphere.EXTENSION_SCRIPTS + ".orig"):
        scripts[backup[:-len(".orig")]] = backup
    return sorted(scripts.values())


def test_pgsphere_still_ships_the_compat_operators():
    scripts = _shipped_scripts()
    assert scripts, "pgSphere is not installed ('make up' installs it)"
    assert any(pgsphere.COMPAT_OPERATOR.search(open(p, encoding="utf-8").read())
               for p in scripts), (
        "Debian's pgSphere no longer has the smoc compatibility operators: "
        "remove workarounds/pgsphere.py and its call in "
        "deploy/system_install.sh")


def test_pgsphere_patch_removes_exactly_the_compat_operators(tmp_path):
    script = tmp_path / "pg_sphere--1.2.0.sql"
    keep = "CREATE OPERATOR <@ (\n  LEFTARG = spoint,\n  RIGHTARG = scircle\n);\n"
    drop = ("CREATE OPERATOR @ (\n  LEFTARG = spoint,\n  RIGHTARG = smoc,\n"
            "  PROCEDURE = x\n);\n")
    script.write_text(keep + drop + keep)
    assert pgsphere.patch(str(script)) == 1
    assert script.read_text(encoding="utf-8") == keep + keep
    assert re.search("RIGHTARG = smoc", (tmp_path / (script.name + ".orig")
                                         ).read_text(encoding="utf-8"))
    assert pgsphere.patch(str(script)) == 0


# --- workarounds/dachs_time_limits.py ------------------------------------

def test_dachs_time_limits_bug_still_present():
    assert dachs_time_limits.bug_present(), (
        "DaCHS's getTimeLimitsExprs now returns (min, max, transformer) for "
        "time.start/time.end columns: remove workarounds/dachs_time_limits.py "
        "and its tests (hess_dr1 may then get a temporal coverage)")


def test_no_coverage_source_table_has_a_bare_time_start_ucd():
    import xml.etree.ElementTree as ET
    from converters import rdschema
    for rd_path in sorted(rdschema.RD_DIR.glob("*.rd")):
        root = ET.parse(rd_path).getroot()
        for updater in root.iter("updater"):
            for key in ("sourceTable", "timeTable"):
                if not updater.get(key):
                    continue
                spec = rdschema.table(rd_path.stem, updater.get(key))
                assert dachs_time_limits.offending_columns(
                    (c.name, c.ucd) for c in spec.columns) == [], (
                    f"{rd_path.name}#{spec.id}: a time.start/time.end UCD "
                    "breaks 'dachs limits' (workarounds/dachs_time_limits.py)")


def test_offending_columns():
    assert dachs_time_limits.offending_columns([("a", "time.start"),
        ("b", "time.start;obs"), ("c", "TIME.END"), ("d", None)]) == ["a", "c"]


# --- workarounds/dachs_colstat.py ----------------------------------------

def test_dachs_colstat_bug_still_present():
    assert dachs_colstat.bug_present(), (
        "DaCHS no longer writes column ranges as g-colstat attributes: "
        "remove workarounds/dachs_colstat.py and its use in apdc")


def test_dachs_colstat_install_removes_the_attributes():
    from gavo import api
    from gavo.registry import tableset
    td = api.getRD("hess_dr1").getById("observations")
    dachs_colstat.install()
    assert dachs_colstat.install() is False      # idempotent
    xml = tableset.getTableForTableDef(td, []).render().decode("utf-8")
    assert "g-colstat:min-value" not in xml and "<name>ra</name>" in xml
    # the ranges stay in the RD
    assert float(td.getColumnByName("dec").values.min) == -90


def test_dachs_security_method_bug_still_present():
    from workarounds import dachs_security_method
    assert dachs_security_method.bug_present(), (
        "DaCHS now writes securityMethod/@standardID: remove "
        "workarounds/dachs_security_method.py and its use in "
        "workarounds/dachs_server.py")


def test_capabilities_name_the_security_standard_as_the_schema_does(server):
    """Through the running server (started with the work-around)."""
    import urllib.request
    with urllib.request.urlopen(
            f"{server}/kascade_embargo/cone/capabilities", timeout=60) as r:
        text = r.read().decode("utf-8")
    assert 'standardID="ivo://ivoa.net/sso#BasicAA"' in text
    assert 'standardId=' not in text


def test_every_dachs_patch_is_applied_by_the_server_runner():
    from workarounds import dachs_server
    names = {m.__name__.rsplit(".", 1)[-1] for m in dachs_server.PATCHES}
    assert names == {"dachs_colstat", "dachs_security_method",
                     "dachs_scs_params", "dachs_maxrec",
                     "dachs_datalink_errors", "dachs_jquery", "dachs_static",
                     "dachs_oai_resumption", "dachs_obscore_size"} | {
        # issue 17: availability, clean errors, uploads
        "dachs_adql_limits", "dachs_binary_query", "dachs_negative_maxrec",
        "dachs_product_head", "dachs_product_keys", "dachs_upload_fetch",
        "dachs_uws_controls", "dachs_async_spare"} | {
        # issue 17, items 9 and 10
        "dachs_fits_comments", "dachs_votable_null_arrays"} | {
        # issue 17, found by the fuzz test
        "dachs_request_text", "dachs_inline_upload"} | {
        # DataLink's UCD of service_def (datalinklint)
        "dachs_datalink_ucd"} | {
        # issue 15: the release INFO of each table of a join
        "dachs_join_infos"} | {
        # an RD asked for before its file existed
        "dachs_rd_not_found"} | {
        # the jobs-table timeout of a loaded server
        "dachs_uws_lock_timeout"}


# --- issue 17: workarounds/dachs_scs_params.py, dachs_maxrec.py, ---------
# --- dachs_datalink_errors.py, dachs_jquery.py, dachs_static.py ----------

def test_dachs_scs_params_bug_still_present():
    from workarounds import dachs_scs_params
    assert dachs_scs_params.bug_present(), (
        "DaCHS now refuses SR=-1 in cone searches: remove "
        "workarounds/dachs_scs_params.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_scs_params_checks():
    from workarounds.dachs_scs_params import check_cone_parameters as check
    assert check({"RA": "83", "DEC": "22", "SR": "1"}) is None
    assert check({"RA": "83", "DEC": "22", "SR": "180"}) is None
    assert check({"hscs_pos": "M1"}) is None
    assert check({"RA": "83", "DEC": "22", "SR": "-1"})[0] == "SR"
    assert check({"RA": "83", "DEC": "22", "SR": "0"})[0] == "SR"
    assert check({"RA": "83", "DEC": "22", "SR": "180.1"})[0] == "SR"
    assert check({"RA": "83", "DEC": "95", "SR": "1"})[0] == "DEC"
    assert check({"RA": "nan", "DEC": "22", "SR": "1"})[0] == "RA"
    assert check({"RA": ["83"], "DEC": ["22"], "SR": ["inf"]})[0] == "SR"


def test_dachs_maxrec_bug_still_present():
    from workarounds import dachs_maxrec
    assert dachs_maxrec.bug_present(), (
        "DaCHS no longer returns MAXREC+1 rows for MAXREC < TOP: remove "
        "workarounds/dachs_maxrec.py and its use in workarounds/dachs_server.py")


def test_dachs_maxrec_limits():
    from workarounds.dachs_maxrec import match_limits
    limit, overflow = match_limits(100, 10, 1000, 2000)
    assert (limit, int(overflow), overflow.maxrec) == (11, 11, 10)
    assert match_limits(None, 9, 1000, 2000)[0] == 10
    assert match_limits(5, 9, 1000, 2000)[0] == 5
    assert match_limits(100, 0, 1000, 2000)[0] == 1
    assert match_limits(None, None, 1000, 2000)[0] == 1001
    assert overflow.__le__(10) is False
    overflow.overflowed = True
    assert overflow <= 10


def test_dachs_datalink_errors_bug_still_present():
    from workarounds import dachs_datalink_errors
    assert dachs_datalink_errors.bug_present(), (
        "DaCHS now writes DALI documents for 'not found' in dlget: remove "
        "workarounds/dachs_datalink_errors.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_datalink_ucd_bug_still_present():
    from workarounds import dachs_datalink_ucd
    assert dachs_datalink_ucd.bug_present(), (
        "DaCHS's //datalink gives service_def the UCD meta.ref now: remove "
        "workarounds/dachs_datalink_ucd.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_datalink_ucd_install_is_idempotent():
    from workarounds import dachs_datalink_ucd
    dachs_datalink_ucd.install()
    assert dachs_datalink_ucd.install() is False


@pytest.mark.live
def test_dachs_datalink_ucd_in_links_documents_of_every_service(server):
    """Not only KASCADE's: H.E.S.S. and IceCube links documents, too."""
    import io
    import urllib.request
    from astropy.io import votable
    for path in ("hess_dr1/dl/dlmeta?ID=ivo%3A%2F%2Fastroparticle.vo%2F~%3F"
                 "hess_dr1%2Fhess_dl3_dr1_obs_id_023523.fits",
                 "icecube_ps/dl/dlmeta?ID=IC40-000001"):
        with urllib.request.urlopen(f"{server}/{path}", timeout=120) as resp:
            table = votable.parse(io.BytesIO(resp.read())).get_first_table()
        assert table.get_field_by_id_or_name("service_def").ucd == \
            "meta.ref", path


def test_dachs_jquery_bug_still_present():
    from workarounds import dachs_jquery
    assert dachs_jquery.bug_present(), (
        "DaCHS's jquery-gavo.js parts are all in Debian now: remove "
        "workarounds/dachs_jquery.py and its use in workarounds/dachs_server.py")


def test_dachs_static_bug_still_present():
    from workarounds import dachs_static
    assert dachs_static.bug_present(), (
        "DaCHS's static renderer no longer lists directories: remove "
        "workarounds/dachs_static.py, its use in workarounds/dachs_server.py "
        "and the staticFiles properties of the RDs")


def test_dachs_static_patterns():
    from workarounds.dachs_static import is_served
    assert is_served("x/manifest.json", None)
    assert is_served("kascade_run01000.h5", "*.h5 *.root")
    assert is_served("sub/kascade_run01000.root", "*.h5 *.root")
    assert not is_served("manifest.json", "*.h5 *.root")
    assert not is_served(".hidden.h5", "*.h5")
    assert not is_served("access.md", "kcdc_formats.md")


def test_dachs_oai_resumption_bug_still_present():
    from workarounds import dachs_oai_resumption
    assert dachs_oai_resumption.bug_present(), (
        "DaCHS no longer gives a full last OAI-PMH page a resumption token: "
        "remove workarounds/dachs_oai_resumption.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_oai_paginate():
    from workarounds.dachs_oai_resumption import paginate
    token, final = (lambda n: ("token", n)), (lambda: "final")
    assert paginate(list(range(11)), 10, False, token, final) == [
        *range(10), ("token", 10)]
    assert paginate(list(range(10)), 10, False, token, final) == [*range(10)]
    assert paginate(list(range(10)), 10, True, token, final) == [
        *range(10), "final"]
    assert paginate([], 10, True, token, final) == ["final"]


def test_dachs_obscore_size_bug_still_present():
    from workarounds import dachs_obscore_size
    assert dachs_obscore_size.bug_present(), (
        "DaCHS's ObsCore DataLink no longer multiplies access_estsize by "
        "1024: remove workarounds/dachs_obscore_size.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_obscore_static_file(tmp_path):
    from workarounds.dachs_obscore_size import static_file
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "a.h5").write_bytes(b"x" * 5)
    (tmp_path / "secret").write_text("no")
    lookup = {("kascade", "files"): str(tmp_path / "runs")}.get
    find = (lambda url: static_file(url, "http://h:1", lambda r, s:
                                    lookup((r, s))))
    assert find("http://h:1/kascade/files/static/a.h5") == str(
        tmp_path / "runs" / "a.h5")
    assert find("http://h:1/kascade/files/static/../secret") is None
    assert find("http://h:1/kascade/files/static/b.h5") is None
    assert find("http://other/kascade/files/static/a.h5") is None
    assert find("http://h:1/kascade/dl/dlget?ID=x") is None


# --- issue 17: dachs_adql_limits.py, dachs_binary_query.py, -------------
# --- dachs_negative_maxrec.py, dachs_product_head.py, -------------------
# --- dachs_product_keys.py, dachs_upload_fetch.py -----------------------

def test_dachs_adql_limits_bug_still_present():
    from workarounds import dachs_adql_limits
    assert dachs_adql_limits.bug_present(), (
        "DaCHS now limits ADQL queries or parses them without the global "
        "lock: remove workarounds/dachs_adql_limits.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_adql_limits_checks():
    from workarounds.dachs_adql_limits import (MAX_NESTING, MAX_QUERY_CHARS,
                                               check_query_text, nesting_depth)
    assert nesting_depth("SELECT ((a)) FROM t WHERE b = '((((' ") == 2
    assert nesting_depth('SELECT "a(((" FROM t') == 0
    assert check_query_text("SELECT TOP 1 * FROM t") is None
    assert "too long" in check_query_text("x" * (MAX_QUERY_CHARS + 1))
    deep = "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1)
    assert "nested too deeply" in check_query_text(f"SELECT {deep} FROM t")


def test_dachs_adql_limits_bound_the_parse():
    """A query of OR terms under the size limit stops at the parse limit."""
    import time
    from gavo import adql
    from workarounds import dachs_adql_limits
    dachs_adql_limits.install()
    assert dachs_adql_limits.install() is False           # idempotent
    assert adql.parseToTree("SELECT TOP 1 run FROM kascade.events")
    query = "SELECT run FROM kascade.events WHERE " + " OR ".join(
        f"run = {i}" for i in range(1400))
    assert len(query) < dachs_adql_limits.MAX_QUERY_CHARS
    # The limit counts the parsing thread's CPU time (the machine may be
    # loaded), so that is what the bound is checked in.
    started = time.thread_time()
    with pytest.raises(adql.Error, match="too complex"):
        adql.parseToTree(query)
    assert time.thread_time() - started < dachs_adql_limits.MAX_PARSE_SECONDS + 1
    with pytest.raises(adql.Error, match="nested too deeply"):
        adql.parseToTree("SELECT run FROM kascade.events WHERE "
                         + "(" * 500 + "run = 1" + ")" * 500)
    # the parser works on (and its lock is free) after a refused query
    assert adql.parseToTree("SELECT TOP 2 run FROM kascade.events")


def test_dachs_binary_query_bug_still_present():
    from workarounds import dachs_binary_query
    assert dachs_binary_query.bug_present(), (
        "DaCHS now handles non-UTF-8 QUERY values itself: remove "
        "workarounds/dachs_binary_query.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_binary_query_check():
    from gavo.web import common
    from workarounds.dachs_binary_query import check_query
    assert check_query("SELECT 1") is None and check_query(None) is None
    assert "UTF-8" in check_query(common.BinaryItem(b"\xff"))


def test_dachs_negative_maxrec_bug_still_present():
    from workarounds import dachs_negative_maxrec
    assert dachs_negative_maxrec.bug_present(), (
        "DaCHS now refuses a negative MAXREC: remove "
        "workarounds/dachs_negative_maxrec.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_negative_maxrec_check():
    from workarounds.dachs_negative_maxrec import check_maxrec
    assert check_maxrec(None) is None and check_maxrec(0) is None
    assert check_maxrec(-1) == "MAXREC must be a non-negative integer, not -1."


def test_dachs_product_head_bug_still_present():
    from workarounds import dachs_product_head
    assert dachs_product_head.bug_present(), (
        "DaCHS now finishes HEAD requests for file products: remove "
        "workarounds/dachs_product_head.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_product_keys_bug_still_present():
    from workarounds import dachs_product_keys
    assert dachs_product_keys.bug_present(), (
        "DaCHS now answers /getproduct without a key or with a NUL byte "
        "itself: remove workarounds/dachs_product_keys.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_product_keys_problems():
    from workarounds.dachs_product_keys import key_problem
    assert key_problem("hess_dr1/x.fits", []) is None
    assert key_problem("", ["hess_dr1/x.fits"]) is None
    assert key_problem("", [])[0] == 400
    assert key_problem("/", [" "])[0] == 400
    assert key_problem("hess_dr1/x\x00y", [])[0] == 404
    assert key_problem("", ["a\x00"])[0] == 404


def test_dachs_upload_fetch_bug_still_present():
    from workarounds import dachs_upload_fetch
    assert dachs_upload_fetch.bug_present(), (
        "DaCHS now refuses upload URLs of loopback hosts: remove "
        "workarounds/dachs_upload_fetch.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_upload_fetch_refuses_non_public_hosts():
    from workarounds.dachs_upload_fetch import url_problem
    for url in ("http://127.0.0.1:8080/tap", "http://127.0.0.1:9/",
                "https://localhost/", "http://[::1]/", "http://10.0.0.1/",
                "http://192.168.1.1/", "http://169.254.169.254/latest",
                "http://0x7f000001/", "http://2130706433/", "file:///etc/x",
                "ftp://ftp.example.org/", "http:///nohost",
                "http://host.invalid/"):
        assert url_problem(url) == (
            f"Upload '{url}' refused: this service fetches uploads only "
            "from http or https URLs of public hosts."), url
    public = (lambda host, port, proto: [(2, 1, 6, "", ("93.184.216.34", port))])
    assert url_problem("https://example.org/t.xml", resolve=public) is None


def test_dachs_upload_fetch_bounds_a_silent_server():
    """https to a port that never answers TLS: an error within the timeout."""
    import io
    import socket
    import threading
    import time
    from workarounds.dachs_upload_fetch import UploadRefused, fetch
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()),
                     daemon=True).start()
    url = f"https://127.0.0.1:{listener.getsockname()[1]}/t.xml"
    started = time.monotonic()
    with pytest.raises(UploadRefused, match="cannot be retrieved"):
        # loopback allowed here only: the silent server is on this host
        fetch(url, io.BytesIO(), 1000, timeout=1, total_seconds=2,
              allowed=lambda address: True)
    assert time.monotonic() - started < 5
    listener.close()


# --- issue 17, items 9 and 10: workarounds/dachs_fits_comments.py, -------
# --- dachs_votable_null_arrays.py -----------------------------------------

def test_dachs_fits_comments_bug_still_present():
    from workarounds import dachs_fits_comments
    assert dachs_fits_comments.bug_present(), (
        "DaCHS's defuseFileName no longer breaks long texts: remove "
        "workarounds/dachs_fits_comments.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_fits_comments_defuse_keeps_texts_whole():
    from gavo.utils import texttricks
    from workarounds import patching
    from workarounds.dachs_fits_comments import defuse
    upstream = patching.original(texttricks, "defuseFileName")
    text = "A description " * 12 + "with 10 deg and a/b."
    assert defuse(text, False) == text
    assert defuse(text) == text.replace("/", "=2F")
    # non-ASCII and '=' encoded as DaCHS does; short texts unchanged
    for short in ("x", "a/b", "50 \u00b0C", "E = m c**2", "tab\there"):
        assert defuse(short) == upstream(short), short
    assert defuse("\u00b0" * 60, False) == "=C2=B0" * 60


def test_dachs_votable_null_arrays_bug_still_present():
    from workarounds import dachs_votable_null_arrays
    assert dachs_votable_null_arrays.bug_present(), (
        "DaCHS no longer writes NULL fixed-size arrays as empty TDs: remove "
        "workarounds/dachs_votable_null_arrays.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_votable_null_arrays_literals():
    from workarounds.dachs_votable_null_arrays import null_literal
    assert null_literal("double", "2") == "NaN NaN"
    assert null_literal("float", "2x3") == " ".join(["NaN"] * 6)
    assert null_literal("doubleComplex", "2") == "NaN NaN NaN NaN"
    for datatype, arraysize in (("double", "*"), ("double", "2x*"),
                                ("int", "2"), ("char", "8"), ("double", "")):
        assert null_literal(datatype, arraysize) is None


def test_dachs_votable_null_arrays_tabledata():
    """A VOTable written by DaCHS's writer with the patch: NaN NaN for a
    NULL point, astropy reads it as masked, votlint-clean values."""
    import io
    from astropy.io import votable as apy_votable
    from gavo import votable
    from gavo.votable import V
    from workarounds import dachs_votable_null_arrays
    dachs_votable_null_arrays.install()
    table = V.VOTABLE[V.RESOURCE[votable.DelayedTable(V.TABLE[
        V.FIELD(name="point", datatype="double", arraysize="2"),
        V.FIELD(name="ranges", datatype="double", arraysize="*")],
        [(None, None), ((1.5, 2.5), (1.0,))], V.TABLEDATA)]]
    out = io.BytesIO()
    votable.write(table, out)
    text = out.getvalue().decode("utf-8")
    assert "<TR><TD>NaN NaN</TD><TD></TD></TR>" in text
    parsed = apy_votable.parse_single_table(io.BytesIO(out.getvalue()),
                                            verify="exception").to_table()
    assert parsed["point"].mask[0].all()
    assert list(parsed["point"][1]) == [1.5, 2.5]


def test_dachs_request_text_bug_still_present():
    from workarounds import dachs_request_text
    assert dachs_request_text.bug_present(), (
        "DaCHS now decodes non-UTF-8 GET parameters itself: remove "
        "workarounds/dachs_request_text.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_request_text_makes_get_values_text():
    from gavo.web import common
    from workarounds import dachs_request_text
    dachs_request_text.install()
    request = dachs_request_text._GetRequest({b"VERB": [b"\xff"],
        b"ID": [b"a\x00b"], b"QUERY": [b"SELECT \xff"]})
    args = common.Request._makeStrargs(request)
    assert args["VERB"] == ["\ufffd"] and args["ID"] == ["a\ufffdb"]
    # QUERY stays for workarounds/dachs_binary_query.py
    assert isinstance(args["QUERY"][0], common.BinaryItem)
    request.path = b"/getproduct"
    assert args is not common.Request._makeStrargs(request)
    assert common.Request._makeStrargs(request)["ID"] == ["a\x00b"]
    assert dachs_request_text.as_text("x") == "x"


def test_dachs_uws_controls_bug_still_present():
    from workarounds import dachs_uws_controls
    assert dachs_uws_controls.bug_present(), (
        "DaCHS now refuses a negative EXECUTIONDURATION: check the other "
        "UWS items (tests/test_live_hardening_uws.py), then remove "
        "workarounds/dachs_uws_controls.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_uws_controls_clamps():
    import datetime
    import os
    from workarounds.dachs_uws_controls import (
        MAX_EXECUTION_SECONDS, destruction_time, execution_duration,
        runner_alive)
    assert execution_duration("60") == 60
    assert execution_duration(999999) == MAX_EXECUTION_SECONDS
    for bad in ("-5", "0", "nan", "inf-ish", None):
        with pytest.raises(ValueError, match="EXECUTIONDURATION"):
            execution_duration(bad)
    now = datetime.datetime(2026, 1, 1)
    assert destruction_time("2026-01-02T00:00:00Z", now) == \
        datetime.datetime(2026, 1, 2)
    assert destruction_time("2099-01-01T00:00:00Z", now) == \
        datetime.datetime(2026, 1, 8)
    assert destruction_time("2000-01-01T00:00:00Z", now) == now
    with pytest.raises(ValueError, match="DESTRUCTION"):
        destruction_time("tomorrow", now)
    assert not runner_alive(os.getpid(), "nojob42")
    assert not runner_alive(None, "x") and not runner_alive(2 ** 30, "x")


def test_dachs_inline_upload_bug_still_present():
    from workarounds import dachs_inline_upload
    assert dachs_inline_upload.bug_present(), (
        "DaCHS now refuses inline uploads of bodiless requests itself: "
        "remove workarounds/dachs_inline_upload.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_inline_upload_refuses_param_without_body():
    from gavo import base
    from gavo.protocols import tap
    from workarounds import dachs_inline_upload
    dachs_inline_upload.install()
    with pytest.raises(base.ValidationError, match="No inline upload 'x'"):
        tap.mangleUploads(dachs_inline_upload._GetRequest())
    problem = dachs_inline_upload.inline_upload_problem
    assert problem(["t,param:x"], has_fields=True) is None
    assert problem(["t,http://example.org/t.xml"], has_fields=False) is None


def test_dachs_async_spare_bug_still_present():
    from workarounds import dachs_async_spare
    assert dachs_async_spare.bug_present(), (
        "DaCHS now starts async jobs in a prepared runner: remove "
        "workarounds/dachs_async_spare.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_async_spare_command_line_is_a_runner():
    from workarounds.dachs_async_spare import SPARE_MARKER, spare_command_line
    executable, argv = spare_command_line()
    assert argv[0] == executable and argv[-1] == SPARE_MARKER
    assert "run_spare(dachs_server.main)" in argv[2]


# --- issue 15: workarounds/dachs_join_infos.py ---------------------------

def test_dachs_join_infos_bug_still_present():
    from workarounds import dachs_join_infos
    assert dachs_join_infos.bug_present(), (
        "DaCHS now copies the INFOs of the tables of a join into TAP "
        "results: remove workarounds/dachs_join_infos.py and its entry in "
        "dachs_server.PATCHES")


# --- workarounds/dachs_rd_not_found.py -----------------------------------

def test_dachs_rd_not_found_bug_still_present():
    from workarounds import dachs_rd_not_found
    assert dachs_rd_not_found.bug_present(), (
        "DaCHS now loads an RD whose file appeared after it was not found: "
        "remove workarounds/dachs_rd_not_found.py and its entry in "
        "dachs_server.PATCHES")


def test_dachs_rd_not_found_an_rd_written_after_a_miss_is_served(tmp_path):
    from gavo import base
    from workarounds import dachs_rd_not_found
    dachs_rd_not_found.install()
    rd_id, old_inputs = "zz_apdc_rd_not_found_test", base.getConfig(
        "inputsDir")
    base.setConfig("inputsDir", str(tmp_path))
    try:
        with pytest.raises(base.RDNotFound):
            base.caches.getRD(rd_id)
        with pytest.raises(base.RDNotFound):  # still absent: still cached
            base.caches.getRD(rd_id)
        (tmp_path / f"{rd_id}.rd").write_text(
            f'<resource schema="{rd_id}"/>', encoding="utf-8")
        # at once, not after DaCHS's 10 s re-check guard
        assert base.caches.getRD(rd_id).schema == rd_id
    finally:
        base.caches.clearForName(rd_id)
        base.setConfig("inputsDir", old_inputs)


# --- dachs_uws_lock_timeout.py -------------------------------------------

def test_dachs_uws_lock_timeout_bug_still_present():
    from workarounds import dachs_uws_lock_timeout
    assert dachs_uws_lock_timeout.bug_present(), (
        "DaCHS's jobs-table timeout is a second or more now: remove "
        "workarounds/dachs_uws_lock_timeout.py and its use in "
        "workarounds/dachs_server.py")


def test_dachs_uws_lock_timeout_applies_to_every_jobs_statement():
    """The job-creation default and the defaults of changeableJob and
    changeToPhase are LOCK_TIMEOUT; an explicit timeout is passed on."""
    import inspect
    from gavo.protocols import uws
    from workarounds import dachs_uws_lock_timeout as patch
    patch.install()
    assert uws._DEFAULT_LOCK_TIMEOUT == patch.LOCK_TIMEOUT
    for name in ("changeableJob", "changeToPhase"):
        default = inspect.signature(getattr(uws.UWS, name)).parameters[
            "timeout"].default
        assert default == patch.LOCK_TIMEOUT, name
    seen = []

    class Recorder:
        def changeableJob(self, jobId, timeout):
            seen.append(timeout)
            raise LookupError(jobId)

    # the upstream changeToPhase asks changeableJob with the timeout given
    for timeout, expected in ((None, patch.LOCK_TIMEOUT), (10, 10)):
        args = () if timeout is None else (None, timeout)
        try:
            patch._change_to_phase(Recorder(), "job", "RUN", *args)
        except LookupError:
            pass
    assert seen == [patch.LOCK_TIMEOUT, 10]
