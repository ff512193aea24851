"""apdc fetch: downloads and mirror copies are verified before use.

The "official origin" here is a real HTTP server on loopback, serving
good, truncated and wrong files; nothing is mocked.
"""

import hashlib
import http.server
import io
import subprocess
import sys
import tarfile
import tempfile
import threading
import zipfile

import pytest

from apdc import config, fetch


@pytest.fixture
def origin(tmp_path):
    """An HTTP server on 127.0.0.1 serving tmp_path/www; yields its URL."""
    root = tmp_path / "www"
    root.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            REQUESTS.append(self.path)
            super().do_GET()

    REQUESTS.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# the paths the loopback origin was asked for, in order
REQUESTS = []


PAYLOAD = b"# Yr JD UTC\n2004 19 1074514681\n" * 50


def entry(url, payload=PAYLOAD, **extra):
    return {"name": "events.dat", "url": url,
        "sha256": hashlib.sha256(payload).hexdigest(), **extra}


def test_download_verified_and_placed(origin, tmp_path):
    root, base = origin
    (root / "events.dat").write_bytes(PAYLOAD)
    data_dir = tmp_path / "data"
    path = fetch.fetch_file(entry(base + "/events.dat"), data_dir)
    assert path.read_bytes() == PAYLOAD


def test_member_of_zip_archive(origin, tmp_path):
    root, base = origin
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("release/events/events.dat", PAYLOAD)
    (root / "release.zip").write_bytes(buffer.getvalue())
    path = fetch.fetch_file(entry(base + "/release.zip",
        member="release/events/events.dat"), tmp_path / "data")
    assert path.read_bytes() == PAYLOAD


def test_checksum_mismatch_keeps_existing_file(origin, tmp_path):
    root, base = origin
    (root / "events.dat").write_bytes(PAYLOAD.replace(b"2004", b"2005"))
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "events.dat").write_bytes(PAYLOAD)
    with pytest.raises(fetch.FetchError, match="checksum mismatch"):
        fetch.fetch_file(entry(base + "/events.dat"), data_dir, force=True)
    assert (data_dir / "events.dat").read_bytes() == PAYLOAD
    assert [p.name for p in data_dir.iterdir()] == ["events.dat"]


def test_truncated_download_is_rejected(origin, tmp_path):
    root, base = origin
    (root / "events.dat").write_bytes(PAYLOAD[:100])
    with pytest.raises(fetch.FetchError, match="events.dat: checksum"):
        fetch.fetch_file(entry(base + "/events.dat"), tmp_path / "data")
    assert not (tmp_path / "data" / "events.dat").exists()


def test_missing_download_says_what_to_do(origin, tmp_path):
    _, base = origin
    with pytest.raises(fetch.FetchError) as err:
        fetch.fetch_file(entry(base + "/nothing-here.dat"), tmp_path / "data")
    assert "404" in str(err.value) and "mirror" in str(err.value)


def test_corrupt_archive(origin, tmp_path):
    root, base = origin
    (root / "release.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(fetch.FetchError, match="cannot extract"):
        fetch.fetch_file(entry(base + "/release.zip", member="a/events.dat"),
            tmp_path / "data")


def test_gzipped_store_of_plain_download(origin, tmp_path):
    root, base = origin
    (root / "cat.fits").write_bytes(PAYLOAD)
    e = {"name": "cat.fits.gz", "url": base + "/cat.fits",
        "sha256": "0" * 64,
        "content_sha256": hashlib.sha256(PAYLOAD).hexdigest()}
    path = fetch.fetch_file(e, tmp_path / "data")
    import gzip
    assert gzip.decompress(path.read_bytes()) == PAYLOAD


def _tar_release(root, members):
    """A tar.gz at root/release.tar.gz with ``members`` (name -> bytes)."""
    with tarfile.open(root / "release.tar.gz", "w:gz") as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))


def _archive_resource(tmp_path, url, sums):
    resource_dir = tmp_path / "res"
    resource_dir.mkdir()
    (resource_dir / "SHA256SUMS").write_text("".join(
        f"{hashlib.sha256(p).hexdigest()}  {n}\n" for n, p in sums.items()))
    spec = {"url": url, "mirror": "rel/", "strip": "rel/",
            "members": ["rel/index.fits", "rel/data/run_*.fits"]}
    return spec, resource_dir


def test_archive_is_downloaded_once_for_all_members(origin, tmp_path):
    root, base = origin
    runs = {f"run_{i}.fits": PAYLOAD + bytes([i]) for i in range(5)}
    _tar_release(root, {"rel/index.fits": PAYLOAD, "rel/other.txt": b"x",
                        **{f"rel/data/{n}": p for n, p in runs.items()}})
    spec, resource_dir = _archive_resource(
        tmp_path, base + "/release.tar.gz", {"index.fits": PAYLOAD, **runs})
    data_dir = tmp_path / "data"
    with tempfile.TemporaryDirectory() as tmp:
        fetch.fetch_archive(spec, resource_dir, data_dir, None, False,
                            fetch.Downloads(tmp))
    assert REQUESTS == ["/release.tar.gz"]
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(
        ["index.fits", *runs])
    assert (data_dir / "run_3.fits").read_bytes() == runs["run_3.fits"]


def test_archive_members_from_mirror_need_no_download(origin, tmp_path):
    _, base = origin
    mirror = tmp_path / "mirror"
    (mirror / "rel" / "data").mkdir(parents=True)
    (mirror / "rel" / "index.fits").write_bytes(PAYLOAD)
    (mirror / "rel" / "data" / "run_1.fits").write_bytes(b"one")
    spec, resource_dir = _archive_resource(
        tmp_path, base + "/release.tar.gz",
        {"index.fits": PAYLOAD, "run_1.fits": b"one"})
    with tempfile.TemporaryDirectory() as tmp:
        fetch.fetch_archive(spec, resource_dir, tmp_path / "data", mirror,
                            False, fetch.Downloads(tmp))
    assert REQUESTS == []
    assert (tmp_path / "data" / "run_1.fits").read_bytes() == b"one"


def test_archive_member_with_wrong_checksum_is_not_placed(origin, tmp_path):
    root, base = origin
    _tar_release(root, {"rel/index.fits": PAYLOAD[:-1]})
    spec, resource_dir = _archive_resource(
        tmp_path, base + "/release.tar.gz", {"index.fits": PAYLOAD})
    with pytest.raises(fetch.FetchError, match="index.fits: checksum"):
        with tempfile.TemporaryDirectory() as tmp:
            fetch.fetch_archive(spec, resource_dir, tmp_path / "data", None,
                                False, fetch.Downloads(tmp))
    assert not (tmp_path / "data" / "index.fits").exists()


@pytest.mark.live
def test_bad_mirror_copy_leaves_table_untouched(tmp_path, tap, mirror):
    """apdc fetch from a mirror with a damaged file: error, data kept."""
    before = tap.search("SELECT COUNT(*) AS n FROM ta2014.events")["n"][0]
    bad_mirror = tmp_path / "mirror"
    (bad_mirror / "telescope_array").mkdir(parents=True)
    good = mirror / "telescope_array" / "TA2014_ApJL790_L21_above57EeV.csv"
    (bad_mirror / "telescope_array" / good.name).write_bytes(
        good.read_bytes()[:-200])
    target = config.RESOURCES_DIR / "ta2014" / "data" / good.name
    kept = target.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "apdc.cli", "fetch",
        "ta2014", "--force", "--mirror", str(bad_mirror)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        cwd=config.PROJECT_DIR)
    assert proc.returncode == 2, proc.stdout
    assert "checksum mismatch" in proc.stdout and good.name in proc.stdout
    assert "Traceback" not in proc.stdout
    assert target.read_bytes() == kept
    assert tap.search("SELECT COUNT(*) AS n FROM ta2014.events")["n"][0] == before
