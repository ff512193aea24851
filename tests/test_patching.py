"""workarounds.patching: the one way the DaCHS work-arounds patch."""

from workarounds import patching


class Upstream:
    def run(self):
        return "upstream"


def test_replace_keeps_the_original_and_is_idempotent():
    def run(self):
        return "patched over " + patching.original(Upstream, "run")(self)

    assert patching.original(Upstream, "run") is Upstream.run
    assert patching.replace(Upstream, "run", run) is True
    assert patching.replace(Upstream, "run", run) is False
    assert Upstream().run() == "patched over upstream"
    assert patching.original(Upstream, "run")(Upstream()) == "upstream"
