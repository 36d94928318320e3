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


@pytest.mark.parametrize(("text", "lean"), [
    # a stack of declarations, two used: the others are left out, the body is untouched
    ("PREFIX a: <urn:a#> PREFIX force: <https://w3id.org/policing-kg/id/force/>\nPREFIX b: <urn:b#>\n"
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?l WHERE { force:kent rdfs:label ?l }",
     " PREFIX force: <https://w3id.org/policing-kg/id/force/>\n"
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?l WHERE { force:kent rdfs:label ?l }"),
    # BASE stays, in its place; comments between the tokens are read as white space
    ("BASE <https://w3id.org/policing-kg/id/> prefix # a comment\n f: <force/> PREFIX u: <unit/>\n"
     "SELECT ?l WHERE { f:kent rdfs:label ?l }",
     "BASE <https://w3id.org/policing-kg/id/> prefix # a comment\n f: <force/>\n"
     "SELECT ?l WHERE { f:kent rdfs:label ?l }"),
    # a name declared twice and used: both declarations stay (the last one counts)
    ("PREFIX f: <urn:x#> PREFIX f: <https://w3id.org/policing-kg/id/force/> PREFIX g: <urn:g#>"
     "SELECT ?l WHERE { f:kent rdfs:label ?l }",
     "PREFIX f: <urn:x#> PREFIX f: <https://w3id.org/policing-kg/id/force/>SELECT ?l WHERE { f:kent rdfs:label ?l }"),
    # the empty prefix, used
    ("PREFIX : <https://w3id.org/policing-kg/id/force/> PREFIX z: <urn:z#> SELECT ?l WHERE { :kent rdfs:label ?l }",
     "PREFIX : <https://w3id.org/policing-kg/id/force/> SELECT ?l WHERE { :kent rdfs:label ?l }"),
])
def test_declarations_the_body_never_uses_are_left_out_for_the_engine(engine, text, lean):
    """Oxigraph reads every PREFIX on every query (44 of them took as long as the query): the engine
    gets the text without the unused ones, and the answer is the same."""
    analysis = analyse(text, engine.prefixes, engine.graphs)
    assert analysis.lean(None) == (lean, None)
    assert engine.run(text).records() == [{"l": "Kent Police"}]
    assert engine.serialised(text, "csv") == b"l\r\nKent Police\r\n"


@pytest.mark.parametrize("text", [
    "SELECT ?l WHERE { force:kent rdfs:label ?l }",  # nothing declared
    "PREFIX f: <https://w3id.org/policing-kg/id/force/> SELECT ?l WHERE { f:kent rdfs:label ?l }",  # all used
    # a name used only inside a string still counts as used (a superset is safe)
    "PREFIX z: <urn:z#> SELECT ?l WHERE { force:kent rdfs:label ?l FILTER(?l != 'z:') }",
])
def test_a_text_with_nothing_to_leave_out_is_given_as_it_is(engine, text):
    analysis = analyse(text, engine.prefixes, engine.graphs)
    assert analysis.lean(None) == (analysis.text, None)
    assert engine.run(text).records() == [{"l": "Kent Police"}]


def test_lean_prologue_gives_up_when_its_reading_differs_from_the_parser():
    from graph.sparql.safety import lean_prologue

    text = "PREFIX a: <urn:a#> PREFIX b: <urn:b#> SELECT * WHERE { ?s a:p ?o }"
    assert lean_prologue(text, [("PrefixDecl", "a", "urn:a#"), ("PrefixDecl", "b", "urn:b#")]) is not None
    assert lean_prologue(text, [("PrefixDecl", "a", "urn:a#")]) is None
    assert lean_prologue(text, [("PrefixDecl", "a", "urn:a#"), ("PrefixDecl", "b", "urn:other#")]) is None


def test_a_bound_catalogue_query_keeps_its_values_in_place_in_the_lean_text(engine):
    """values_at is a position in the checked text; it moves with the body into the lean text."""
    text = ("PREFIX z: <urn:z#> PREFIX f: <https://w3id.org/policing-kg/id/force/>\n"
            "SELECT ?l WHERE { ?force rdfs:label ?l }")
    at = text.index("{") + 1
    analysis = analyse(text, engine.prefixes, engine.graphs)
    lean, moved = analysis.lean(at)
    assert lean[moved - 1] == "{" and lean[moved:] == text[at:]
    rows = engine.run(text, {"force": "force:kent"}, values_at=at).records()
    assert rows == [{"l": "Kent Police"}]
