"""The web tier: several DaCHS processes behind nginx share the UWS jobs.

Each process is addressed directly on its loopback port: an async TAP
job made through one is polled, fetched and deleted through the others.
Through nginx, requests reach every process over kept-alive connections.
"""

import io
import os
import time
from pathlib import Path

import pytest
import requests
from astropy.io import votable

from apdc import config, dachs, web

pytestmark = pytest.mark.live

QUERY = "SELECT TOP 3 source_name, ra, dec FROM fermi3fhl.main ORDER BY ra"


def _ports():
    ports = config.dachs_ports()
    assert len(ports) >= 2, "site.ini dachs_processes asks for one process"
    return ports


def _job_url(port, job_id):
    return f"http://127.0.0.1:{port}/tap/async/{job_id}"


def _submit(port, phase_run=True):
    data = {"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": QUERY}
    if phase_run:
        data["PHASE"] = "RUN"
    response = requests.post(f"http://127.0.0.1:{port}/tap/async", data=data,
                             allow_redirects=False, timeout=60)
    assert response.status_code == 303, response.text[:300]
    return response.headers["location"].rstrip("/").rsplit("/", 1)[1]


def test_every_process_answers_and_status_lists_it(server):
    listed = dachs.processes()
    assert [p["port"] for p in listed] == _ports()
    assert all(p["up"] and p["pid"] for p in listed), listed
    assert len({p["pid"] for p in listed}) == len(listed)
    status = web.status()
    for process in listed:
        assert status[f"dachs process {process['number']} "
                      f"(:{process['port']}, pid {process['pid']})"]


def test_async_job_polled_fetched_deleted_through_another_process(server):
    first, second = _ports()[:2]
    job_id = _submit(first)
    deadline = time.monotonic() + 120
    while True:
        phase = requests.get(_job_url(second, job_id) + "/phase",
                             timeout=30).text.strip()
        if phase not in ("PENDING", "QUEUED", "EXECUTING"):
            break
        assert time.monotonic() < deadline, phase
        time.sleep(0.2)
    assert phase == "COMPLETED"
    result = requests.get(_job_url(second, job_id) + "/results/result",
                          timeout=30)
    assert result.status_code == 200
    assert len(votable.parse_single_table(io.BytesIO(result.content))
               .to_table()) == 3
    # the same job document through both processes
    assert requests.get(_job_url(first, job_id) + "/phase",
                        timeout=30).text.strip() == "COMPLETED"
    deleted = requests.post(_job_url(second, job_id), data={"ACTION": "DELETE"},
                            allow_redirects=False, timeout=30)
    assert deleted.status_code == 303
    for port in (first, second):
        assert requests.get(_job_url(port, job_id) + "/phase",
                            timeout=30).status_code == 404


def test_pending_job_run_through_another_process(server):
    first, second = _ports()[:2]
    job_id = _submit(second, phase_run=False)
    assert requests.get(_job_url(first, job_id) + "/phase",
                        timeout=30).text.strip() == "PENDING"
    started = requests.post(_job_url(first, job_id) + "/phase",
                            data={"PHASE": "RUN"}, allow_redirects=False,
                            timeout=30)
    assert started.status_code == 303
    deadline = time.monotonic() + 120
    while (phase := requests.get(_job_url(second, job_id) + "/phase",
                                 timeout=30).text.strip()) != "COMPLETED":
        assert phase in ("QUEUED", "EXECUTING"), phase
        assert time.monotonic() < deadline, phase
        time.sleep(0.2)
    assert requests.post(_job_url(first, job_id), data={"ACTION": "DELETE"},
                         allow_redirects=False, timeout=30).status_code == 303
    assert requests.get(_job_url(second, job_id) + "/phase",
                        timeout=30).status_code == 404


def _nginx_pids():
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes(
                    ).startswith(b"nginx"):
                pids.append(entry)
        except OSError:
            continue
    return pids


def _nginx_connections_to(ports):
    """The open (ESTABLISHED) TCP connections of nginx's processes to
    each of the ports given: port -> set of socket inodes."""
    inodes = set()
    for process in _nginx_pids():
        try:
            for fd in (process / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    sockets = {port: set() for port in ports}
    for line in Path("/proc/net/tcp").read_text(
            encoding="utf-8").splitlines()[1:]:
        fields = line.split()
        remote_port = int(fields[2].split(":")[1], 16)
        if fields[3] == "01" and fields[9] in inodes and remote_port in sockets:
            sockets[remote_port].add(fields[9])
    return sockets


def test_nginx_balances_and_keeps_connections_to_every_process(server):
    """Requests through nginx reach every DaCHS process over connections
    that nginx keeps open and uses again (upstream keepalive), so a
    request does not pay for a new connection to DaCHS."""
    ports = _ports()
    session = requests.Session()

    def cones(count):
        for n in range(count):
            response = session.get(server + "/kascade_sim/cone/scs.xml",
                                   params={"RA": 10 + n, "DEC": 20,
                                           "SR": 0.5}, timeout=60)
            assert response.status_code == 200, response.text[:300]
            assert b"<TABLE" in response.content
    cones(4 * len(ports))
    # the requests are over: what is open now is nginx's idle pool ...
    first = _nginx_connections_to(ports)
    time.sleep(1)
    cones(4 * len(ports))
    time.sleep(0.5)
    # ... and the same connections served the next requests
    last = _nginx_connections_to(ports)
    kept = {port: len(first[port] & last[port]) for port in ports}
    assert all(kept.values()), (kept, first, last)
