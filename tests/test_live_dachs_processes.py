"""Every DaCHS server process serves what the checkout has now.

* An RD asked for before its file exists is served by every process
  once it is written (workarounds/dachs_rd_not_found.py: DaCHS 2.7 kept
  "not found" until a restart; the scratch resources of the partition
  test and the scale bench got 404 from one of the processes).
* ``apdc.dachs.restart_server`` (``make up`` on a running server)
  restarts every process, not only DaCHS's own: process 2 kept the old
  configuration, so after ``make up`` from another checkout it looked
  for RDs and products in the old one.

Each process is asked on its own loopback port, not through nginx,
which would pick one of them.
"""

import os
import urllib.error
import urllib.request

import pytest

from apdc import config, dachs
from bench import scale_resource

pytestmark = pytest.mark.live


def _status(port, path):
    """(HTTP status, body) of ``path`` asked of one DaCHS process."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}",
                                    timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_an_rd_asked_for_before_it_exists_is_served_once_written(
        server, tmp_path):
    name = f"zz_rd_appears_{os.getpid()}"
    path = f"/{name}/cone/scs.xml?RA=83.6&DEC=22.0&SR=0.1"
    ports = config.dachs_ports()
    assert len(ports) >= 1
    for port in ports:
        status, body = _status(port, path)
        assert status == 404 and b"No matching RD" in body, (port, status)
    with scale_resource.scratch_resource(name, tmp_path):
        for port in ports:
            status, body = _status(port, path)
            assert status == 200, (port, status, body[:500])
            assert b"<VOTABLE" in body, (port, body[:500])


def test_restart_server_restarts_every_process(server):
    before = dachs.processes()
    assert all(p["up"] and p["pid"] for p in before), before
    dachs.restart_server()
    after = dachs.processes()
    assert [p["number"] for p in after] == [p["number"] for p in before]
    assert all(p["up"] for p in after), after
    # every process is a new one (process 2 kept running before the fix)
    assert all(a["pid"] and a["pid"] != b["pid"]
               for a, b in zip(after, before)), (before, after)
