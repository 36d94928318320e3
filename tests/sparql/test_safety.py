"""graph.sparql.safety: prefixes bound, refusals before evaluation, errors that say where."""

from __future__ import annotations

import pytest

from graph.problems import QueryError
from graph.sparql.engines import Engine
from graph.sparql.safety import analyse, default_prefixes


def test_prefixes_are_bound_and_own_prefixes_still_work(engine, kg):
    prefixes = default_prefixes(kg)
    assert prefixes["pol"] == "https://w3id.org/policing-kg/ontology#"
    assert prefixes["id"] == kg.base and prefixes["force"] == kg.base + "force/"
    assert prefixes["org"] == "http://www.w3.org/ns/org#"  # the W3C org ontology keeps its name
    own = engine.run("PREFIX k: <https://w3id.org/policing-kg/id/force/> PREFIX pol: <https://w3id.org/policing-kg/"
                     "ontology#> SELECT ?l WHERE { k:kent rdfs:label ?l }")
    assert own.records() == [{"l": "Kent Police"}]


def test_unknown_prefix_and_syntax_errors_say_where(engine):
    with pytest.raises(QueryError) as error:
        engine.run("SELECT * WHERE {\n  ?s nope:thing ?o }")
    assert error.value.kind == "unknown-prefix" and "'nope:'" in str(error.value)
    assert "line 2, column 6" in str(error.value)
    with pytest.raises(QueryError) as error:
        engine.run("SELECT * WHERE {\n ?s ?p ?o . FILTER( }")
    assert error.value.kind == "syntax" and "line 2, column" in str(error.value)
    assert "FILTER( }" in str(error.value)  # the text around the error


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://example.org/> { ?s ?p ?o } }",
    "LOAD <http://example.org/data.ttl>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/x.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_outside_access_and_updates_are_refused_before_evaluation(engine, text):
    with pytest.raises(QueryError) as error:
        engine.analyse(text)
    assert error.value.kind == "refused"


def test_keywords_inside_strings_iris_and_names_are_not_refused(engine):
    analyse('SELECT ?service WHERE { ?service rdfs:label "SERVICE LOAD INSERT" . # DELETE\n'
            ' FILTER (?service != <urn:LOAD>) FILTER(LANG("x"@en-add) = "x") }', engine.prefixes, engine.graphs)


def test_from_a_graph_of_the_dataset_restricts_the_query(engine, kg):
    both = []
    for store in ("oxigraph", "rdflib"):
        e = engine if store == "oxigraph" else Engine(kg, store)
        n = e.run(f"SELECT (COUNT(*) AS ?n) FROM <{kg.base}graph/themes> WHERE {{ ?s ?p ?o }}").records()[0]["n"]
        named = e.run("SELECT DISTINCT ?g FROM NAMED graph:themes WHERE { GRAPH ?g { ?s ?p ?o } }").records()
        both.append((n, named))
    assert both[0] == both[1]
    assert 0 < both[0][0] < len(kg.quads) and both[0][1] == [{"g": kg.base + "graph/themes"}]
