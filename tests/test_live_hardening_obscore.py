"""Issue 17, item 8: ObsCore DataLink content_length is the exact size.

The ObsCore DataLink (``//obscore#dl``) of a KASCADE run file declared
content_length 53248 for a 53,936-byte file (the kB estimate times
1024); the simulated runs too.  workarounds/dachs_obscore_size.py gives
the links the files' real sizes; access_estsize stays the estimate in
kB.
"""

import pytest

from tests.hardening_support import content_length, links_table

pytestmark = pytest.mark.live


def _obscore_this(server, did):
    links = links_table(f"{server}/__system__/obscore/dl/dlmeta", ID=did)
    this = [r for r in links if r["semantics"] == "#this"]
    assert len(this) == 1, did
    return this[0]


def test_obscore_links_of_run_files_have_the_exact_size(server, tap):
    rows = tap.search(
        "SELECT obs_publisher_did, access_url, access_estsize FROM "
        "ivoa.obscore WHERE obs_collection IN ('KASCADE', 'KASCADE sim')"
    ).to_table()
    assert len(rows) >= 2
    for row in rows:
        did, url = str(row["obs_publisher_did"]), str(row["access_url"])
        size = content_length(url)
        assert int(row["access_estsize"]) == size // 1024   # still kB
        this = _obscore_this(server, did)
        assert str(this["access_url"]) == url
        assert int(this["content_length"]) == size, (did, size)


def test_the_run_file_of_the_issue(server):
    this = _obscore_this(server, "ivo://astroparticle.vo/~?kascade/1000")
    size = content_length(str(this["access_url"]))
    assert size != 53248
    assert int(this["content_length"]) == size
