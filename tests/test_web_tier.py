"""The web tier's settings: how many DaCHS processes, on which ports."""

import os

from apdc import config, dachs


def test_processes_default_to_the_cores(monkeypatch):
    monkeypatch.delenv("APDC_DACHS_PROCESSES", raising=False)
    monkeypatch.setenv("APDC_PORT", "9100")
    assert config.site_settings()["dachs_processes"] == "auto"
    assert config.dachs_ports() == [9101 + n for n in range(os.cpu_count())]


def test_processes_from_the_environment(monkeypatch):
    monkeypatch.setenv("APDC_PORT", "9100")
    monkeypatch.setenv("APDC_DACHS_PROCESSES", "3")
    assert config.dachs_ports() == [9101, 9102, 9103]
    monkeypatch.setenv("APDC_DACHS_PROCESSES", "0")
    assert config.dachs_ports() == [9101]


def test_pid_files_one_per_process():
    assert dachs.pid_file(1).name == "web.pid"
    assert dachs.pid_file(2).name == "web-2.pid"
