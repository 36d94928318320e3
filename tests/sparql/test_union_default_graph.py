"""One answer whatever the engine: the default graph is the set union of the source graphs.

A triple that two sources assert is one triple of the union. rdflib's union is a set; Oxigraph's
own union of named graphs (`use_default_graph_as_union`) gives such a triple once per graph, so
the store holds the deduplicated union as its default graph (graph.rdf.store.fill_store). Every
counting query below gives the same number on Oxigraph (in memory and from the persistent store)
and on rdflib, and the number the dataset's own triples give.
"""

from __future__ import annotations

import shutil

import pytest

import graph
from graph.rdf.store import StoredGraph
from graph.sparql.engines import Engine

COUNTS = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { force:kent pol:worksWith ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s prov:wasDerivedFrom ?source }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a pol:PoliceForce ; rdfs:label ?l }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory, data_dir, kg):
    folder = tmp_path_factory.mktemp("union")
    shutil.copytree(data_dir, folder / "data")
    graph.build(folder / "data", folder / "exports", pages=False)
    return StoredGraph(folder / "exports" / "store", kg.base)


@pytest.fixture(scope="module")
def engines(kg, stored):
    return {"oxigraph": Engine(kg), "rdflib": Engine(kg, "rdflib"), "stored": Engine(stored)}


def answer(engine, text):
    return sorted((tuple(row.values()) for row in engine.run(text).records()), key=repr)


@pytest.mark.parametrize("text", COUNTS)
def test_counts_agree_on_every_engine(engines, text):
    oxigraph, rdflib, stored = (answer(engines[name], text) for name in ("oxigraph", "rdflib", "stored"))
    assert oxigraph == rdflib == stored


def test_a_triple_in_two_sources_counts_once_on_both_engines(kg, engines):
    seen, shared = set(), None
    for triples in kg.dataset.graphs.values():
        for triple in triples:
            if triple in seen and " <" in triple and not triple.startswith("_:"):
                shared = triple
                break
            seen.add(triple)
        if shared:
            break
    assert shared, "the data has no triple asserted in two graphs: this test would prove nothing"
    subject, predicate, obj = shared.split(" ", 2)
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ {subject} {predicate} {obj} }}"
    in_graphs = sum(shared in triples for triples in kg.dataset.graphs.values())
    assert in_graphs >= 2
    assert [answer(engines[name], text) for name in engines] == [[(1,)]] * 3


def test_the_whole_graph_counts_the_distinct_triples(kg, engines):
    assert answer(engines["oxigraph"], COUNTS[0]) == [(len(kg.dataset.triples),)]
    assert len(kg.dataset.triples) < kg.dataset.quad_count  # there are triples in two graphs


def test_the_stored_graph_gives_the_named_graphs_quads_only(kg, stored):
    assert len(stored.quads) == kg.dataset.quad_count
    assert stored.graph_names() == kg.graph_names()
