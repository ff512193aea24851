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


class Twice:
    def one(self):
        return 1

    def two(self):
        return 2


def test_replace_all_replaces_each_and_says_whether_any_was_new():
    def one(self):
        return -1

    def two(self):
        return -2

    assert patching.replace_all((Twice, "one", one)) is True
    assert patching.replace_all((Twice, "one", one), (Twice, "two", two))
    assert not patching.replace_all((Twice, "one", one), (Twice, "two", two))
    assert (Twice().one(), Twice().two()) == (-1, -2)
    assert patching.original(Twice, "two")(Twice()) == 2
