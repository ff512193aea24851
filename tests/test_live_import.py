"""The operator's import command: idempotent, all-or-nothing, clear errors."""

import shutil
import subprocess
import sys

import pytest

from apdc import config

pytestmark = pytest.mark.live

APDC = [sys.executable, "-m", "apdc.cli"]
KASCADE_DATA = config.RESOURCES_DIR / "kascade" / "data"


def apdc(*args):
    return subprocess.run([*APDC, *args], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, timeout=900,
        cwd=config.PROJECT_DIR)


def count(tap, table):
    return tap.search(f"SELECT COUNT(*) AS n FROM {table}")["n"][0]


def test_second_import_is_a_no_op(tap):
    before = {t: count(tap, t) for t in ("kascade.events", "kascade_sim.events")}
    proc = apdc("import", "kascade", "kascade_sim")
    assert proc.returncode == 0, proc.stdout
    # the airshowers view depends on both, so the import checks it too
    # (apdc.resources.import_sequence); each is found current
    for name in ("kascade", "kascade_sim", "airshowers"):
        assert f"[{name}] up to date" in proc.stdout, proc.stdout
    assert proc.stdout.count("] up to date") == 3, proc.stdout
    after = {t: count(tap, t) for t in before}
    assert after == before


@pytest.fixture
def bad_export(request):
    """Puts a damaged KCDC export beside the good one; removes it after."""
    created = []

    def make(name, text=None, data=None):
        path = KASCADE_DATA / name
        if text is not None:
            path.write_text(text)
        else:
            path.write_bytes(data)
        created.append(path)
        return path

    yield make
    for path in created:
        path.unlink(missing_ok=True)


def _sample_lines():
    return next(KASCADE_DATA.glob("kcdc_example*.txt")).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", ["field_count", "nan", "zenith", "hdf5", "root"])
def test_bad_input_is_rejected_and_table_kept(tap, bad_export, case):
    before = tap.search("SELECT event_did, ra FROM kascade.events").to_table()
    lines = _sample_lines()
    if case == "field_count":
        lines[4] = " ".join(lines[4].split()[:-1])
        path, expect = bad_export("bad_fields.txt", "\n".join(lines)), "row 5"
    elif case == "nan":
        fields = lines[3].split()
        fields[3] = "nan"
        lines[3] = " ".join(fields)
        path, expect = bad_export("bad_nan.txt", "\n".join(lines)), "ZE"
    elif case == "zenith":
        fields = lines[2].split()
        fields[3] = "97.5"
        lines[2] = " ".join(fields)
        path, expect = bad_export("bad_zenith.txt", "\n".join(lines)), "ZE"
    elif case == "hdf5":
        path, expect = bad_export("truncated.h5", data=b"\x89HDF\r\n\x1a\n" + b"\0" * 40), "HDF5"
    else:
        path, expect = bad_export("garbage.root", data=b"root" + b"\x07" * 100), "ROOT"

    proc = apdc("import", "kascade")
    assert proc.returncode == 2, proc.stdout
    assert path.name in proc.stdout and expect in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stdout
    after = tap.search("SELECT event_did, ra FROM kascade.events").to_table()
    assert sorted(after["event_did"]) == sorted(before["event_did"])


def test_new_export_in_data_folder_is_imported(tap, bad_export):
    """A KCDC export dropped into the folder is picked up by the next import."""
    from converters import kcdc
    from exporters.kcdc import write_events
    sample = kcdc.read_events(next(KASCADE_DATA.glob("kcdc_example*.txt")))
    extra = {k: v.copy() for k, v in sample.items()}
    extra["R"][:] = 4242
    path = KASCADE_DATA / "kcdc_extra_run4242.h5"
    write_events(path, extra)
    bad_export(path.name, data=path.read_bytes())  # removed after the test
    try:
        proc = apdc("import", "kascade")
        assert proc.returncode == 0, proc.stdout
        assert count(tap, "kascade.events") == 2 * len(sample["E"])
        rows = tap.search("SELECT COUNT(*) AS n FROM kascade.events "
            "WHERE run = 4242")
        assert rows["n"][0] == len(sample["E"])
    finally:
        path.unlink(missing_ok=True)
        proc = apdc("import", "kascade")
        assert proc.returncode == 0, proc.stdout
    assert count(tap, "kascade.events") == len(sample["E"])


def test_printed_urls_answer():
    """Every URL that 'apdc up' prints to the operator answers."""
    import urllib.error
    import urllib.request
    proc = apdc("urls")
    assert proc.returncode == 0, proc.stdout
    urls = [line.split()[-1] for line in proc.stdout.splitlines()]
    assert any(u.endswith("/tap") for u in urls)
    assert sum("/cone/scs.xml" in u for u in urls) >= 16
    restricted = [line.split()[-1] for line in proc.stdout.splitlines()
                  if "(restricted)" in line]
    assert restricted
    for url in urls:
        probe = url + ("?RA=0&DEC=0&SR=0.1" if url.endswith("scs.xml")
            else "?verb=Identify" if url.endswith("oai.xml") else "")
        if url in restricted:
            # answers, with a challenge for credentials (docs/access.md)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(probe, timeout=60)
            assert refused.value.code == 401, url
            continue
        with urllib.request.urlopen(probe, timeout=60) as resp:
            assert resp.status == 200, url


ICECUBE_DATA = config.RESOURCES_DIR / "icecube_ps" / "data"
ICECUBE_TABLES = ("icecube_ps.events", "icecube_ps.uptime",
                  "icecube_ps.effective_area")


def _snapshot(tap):
    return {t: count(tap, t) for t in ICECUBE_TABLES}


def test_bad_file_for_the_last_table_leaves_every_table_unchanged(tap):
    """A resource's tables are replaced together or not at all: new good
    files for the first two tables and a bad one for the last give an
    error and leave all three as served before."""
    before = _snapshot(tap)
    added = []
    try:
        for kind in ("exp", "uptime"):
            target = ICECUBE_DATA / f"IC59_{kind}.csv"
            target.write_bytes((ICECUBE_DATA / f"IC40_{kind}.csv").read_bytes())
            added.append(target)
        lines = (ICECUBE_DATA / "IC40_effectiveArea.csv").read_text(
            encoding="utf-8").splitlines()
        lines[5] = lines[5].replace("0.00", "n/a", 1)
        bad = ICECUBE_DATA / "IC59_effectiveArea.csv"
        bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
        added.append(bad)
        proc = apdc("import", "icecube_ps")
        assert proc.returncode == 2, proc.stdout
        assert bad.name in proc.stdout and "row 6" in proc.stdout, proc.stdout
        assert "Traceback" not in proc.stdout
        assert _snapshot(tap) == before
    finally:
        for path in added:
            path.unlink(missing_ok=True)
    proc = apdc("import", "icecube_ps")
    assert proc.returncode == 0, proc.stdout
    assert _snapshot(tap) == before
