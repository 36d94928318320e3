"""The dataset as text: terms written exactly as pyoxigraph writes them, sorted, each triple once."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.rdf.dataset import Dataset, _lit
from graph.vocabulary import XSD

AWKWARD = [
    "",
    "plain words",
    'a "quoted" word',
    "back\\slash",
    "line\nbreak and\r\ncarriage return",
    "tab\there",
    "bell\x07, backspace\b, form feed\f, vertical tab\x0b, escape\x1b, delete\x7f",
    "non-characters \ufffe\uffff",
    "line separator\u2028 and paragraph separator\u2029",
    "accents é, ligature ﬁ, emoji 🚓, no-break space\u00a0and hyphen\u2011",
]


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
@pytest.mark.parametrize(
    ("datatype", "lang"),
    [(None, None), (None, "en"), (XSD + "string", None), (XSD + "date", None), (None, "en-GB")],
)
def test_literals_are_written_as_pyoxigraph_writes_them(text, datatype, lang):
    if lang:
        expected = ox.Literal(text, language=lang)
    elif datatype:
        expected = ox.Literal(text, datatype=ox.NamedNode(datatype))
    else:
        expected = ox.Literal(text)
    assert _lit(text, datatype, lang) == str(expected)


def test_the_ntriples_text_is_canonical_ntriples(kg):
    text = kg.dataset.ntriples
    assert ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES) == text


def test_the_nquads_text_parses_strictly_to_the_same_quads(kg):
    strict = list(ox.parse(kg.dataset.nquads, format=ox.RdfFormat.N_QUADS))
    assert strict == kg.quads
    assert ox.serialize(strict, format=ox.RdfFormat.N_QUADS) == kg.dataset.nquads


def test_the_union_graph_holds_each_triple_once_sorted(kg):
    triples = kg.dataset.triples
    assert list(triples) == sorted(set(triples))
    assert set(triples) == {str(q.triple) for q in kg.quads}
    assert [str(t) for t in kg.triples()] == list(triples)


def test_quads_are_sorted_by_graph_then_triple(kg):
    keys = [(str(q.graph_name), str(q.triple)) for q in kg.quads]
    assert keys == sorted(keys) and len(keys) == kg.dataset.quad_count


def test_a_dataset_made_from_pyoxigraph_quads_equals_the_built_one(kg):
    again = Dataset.from_quads(reversed(kg.quads))
    assert again.graphs == kg.dataset.graphs
    assert again.nquads == kg.dataset.nquads
