"""Every query of the /tap/examples document gives the independent answer.

The reference answers (tests/example_references.py) are computed from
the base tables read with plain SQL, with numpy and astropy doing the
geometry and the aggregates.
"""

import re
import urllib.request
from html import unescape
from html.parser import HTMLParser

import pytest

from tests import example_references, example_references_airshowers

pytestmark = pytest.mark.live

#: example id -> its independent answer (the air-shower comparisons in
#: their own module)
REFERENCES = {**example_references.REFERENCES,
              **example_references_airshowers.REFERENCES}


class _ExampleParser(HTMLParser):
    """Collects (name, query) of DALI examples (RDFa property="query")."""

    def __init__(self):
        super().__init__()
        self.examples, self._depth, self._name, self._text = [], 0, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "typeof" in attrs and attrs.get("typeof") == "example":
            self._name = attrs.get("id") or attrs.get("resource")
        if attrs.get("property") == "query":
            self._text, self._depth = [], 1
        elif self._text is not None:
            self._depth += 1

    def handle_endtag(self, tag):
        if self._text is None:
            return
        self._depth -= 1
        if self._depth == 0:
            self.examples.append((self._name, unescape("".join(self._text))))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


@pytest.fixture(scope="module")
def examples(server):
    with urllib.request.urlopen(server + "/tap/examples", timeout=60) as resp:
        parser = _ExampleParser()
        parser.feed(resp.read().decode("utf-8"))
    return parser.examples


# The table a user would upload for examples that use TAP_UPLOAD.sources.
def _user_sources():
    from astropy.table import Table
    return Table({"name": ["Crab", "TXS 0506+056", "Cen A", "M87"],
        "ra": [83.633, 77.358, 201.365, 187.706],
        "dec": [22.014, 5.693, -43.019, 12.391]})


def test_examples_document_has_enough_examples(examples):
    assert len(examples) >= 12
    assert all(query.strip().upper().startswith("SELECT")
        for _, query in examples)


def test_every_example_has_a_reference(examples):
    assert {name for name, _ in examples} == set(
        REFERENCES)


def _is_sorted(values, descending):
    values = [v for v in values if v is not None]
    pairs = list(zip(values, values[1:]))
    return all(a >= b if descending else a <= b for a, b in pairs)


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_example_equals_independent_answer(tap, db, examples, name):
    query = dict(examples)[name]
    uploads = ({"sources": _user_sources()}
        if "TAP_UPLOAD.sources" in query else None)
    served = tap.search(query, maxrec=1000000, uploads=uploads).to_table()
    reference = REFERENCES[name](db, _user_sources())
    # an example that finds nothing shows nothing to a user
    assert len(reference.rows) > 0, name
    rows = example_references.served_rows(served, reference.columns)
    example_references.assert_same_rows(rows, reference.rows, name)
    if reference.order:
        column, descending = reference.order
        assert _is_sorted([r[reference.columns.index(column)] for r in rows],
            descending), (name, column)
