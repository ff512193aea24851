"""Issue 17, items 15 and 19: static files.

* 15: every HTML page loads ``/static/js/jquery-gavo.js``, which
  answered 500 (Debian 12's jquery-ui lacks a file DaCHS assembles it
  from; workarounds/dachs_jquery.py);
* 19: the static services listed their directories
  (``/kascade/files/static/`` showed manifest.json,
  ``/kascade/docs/static/`` served all of docs/); now no listings, and
  only the files named by the service's ``staticFiles`` property
  (workarounds/dachs_static.py).
"""

import shutil
import subprocess

import pytest

from tests.hardening_support import http_get

pytestmark = pytest.mark.live




def test_jquery_gavo_is_javascript(server, tmp_path):
    status, ctype, body = http_get(f"{server}/static/js/jquery-gavo.js")
    assert status == 200, body[:300]
    assert "javascript" in ctype
    text = body.decode("utf-8")
    assert "jQuery" in text and "$.widget" in text and "draggable" in text
    node = shutil.which("node") or shutil.which("nodejs")
    if node:
        script = tmp_path / "jquery-gavo.js"
        script.write_bytes(body)
        proc = subprocess.run([node, "--check", str(script)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr[-2000:]


def test_html_pages_load_jquery_gavo(server):
    status, _, body = http_get(f"{server}/kascade/cone/form")
    assert status == 200
    assert b"/static/js/jquery-gavo.js" in body


@pytest.mark.parametrize("path", [
    "kascade/files/static/", "kascade_sim/files/static/",
    "kascade/docs/static/", "crspectra/preview/static/"])
def test_no_directory_listing(server, path):
    status, _, body = http_get(f"{server}/{path}")
    assert status in (403, 404), status
    assert b"manifest.json" not in body and b".md" not in body
    assert b"Directory listing" not in body


@pytest.mark.parametrize("path", [
    "kascade/files/static/manifest.json",
    "kascade/docs/static/access.md", "kascade/docs/static/architecture.md",
    "crspectra/preview/static/../dataset.json"])
def test_files_not_meant_to_be_served_are_not(server, path):
    status, _, body = http_get(f"{server}/{path}")
    assert status in (403, 404), (path, status)
    assert b'"schema"' not in body and b"# " not in body[:2]


@pytest.mark.parametrize("path,start", [
    ("kascade/files/static/kascade_run01000.h5", b"\x89HDF"),
    ("kascade/docs/static/kcdc_formats.md", b"# KCDC"),
    ("crspectra/preview/static/H_AMS-02_Ek.png", b"\x89PNG")])
def test_meant_files_are_served(server, path, start):
    status, _, body = http_get(f"{server}/{path}")
    assert status == 200 and body.startswith(start), (path, status)
