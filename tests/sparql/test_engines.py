"""graph.sparql: prefixes, safety checks, the forked time limit, result formats and the query command."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
import pytest

from graph.sparql import Engine, QueryError, analyse, default_prefixes, negotiate, query


@pytest.fixture(scope="module")
def engine(kg):
    return Engine(kg)


def test_query_returns_plain_rows_for_a_dataframe(kg):
    rows = query(kg, "SELECT ?unit ?label WHERE { ?unit org:unitOf force:essex ; rdfs:label ?label }")
    assert rows == [{"unit": kg.base + "unit/serious-crime-directorate",
                     "label": "Essex and Kent Serious Crime Directorate"}]
    stats = query(kg, "SELECT ?v WHERE { statistic:hmic-2014-kent-crime-rate pol:value ?v }")
    assert stats == [{"v": 63.5}]  # numbers come back as numbers
    assert query(kg, "ASK { force:kent a pol:PoliceForce }") is True


def test_prefixes_are_bound_and_own_prefixes_still_work(engine, kg):
    prefixes = default_prefixes(kg)
    assert prefixes["pol"] == "https://w3id.org/policing-kg/ontology#"
    assert prefixes["id"] == kg.base and prefixes["force"] == kg.base + "force/"
    assert prefixes["org"] == "http://www.w3.org/ns/org#"  # the W3C org ontology keeps its name
    own = engine.run("PREFIX k: <https://w3id.org/policing-kg/id/force/> PREFIX pol: <https://w3id.org/policing-kg/"
                     "ontology#> SELECT ?l WHERE { k:kent rdfs:label ?l }")
    assert own.records() == [{"l": "Kent Police"}]


def test_bindings_are_bound_variables_not_pasted_text(engine, kg):
    text = "SELECT ?name ?person WHERE { ?person a pol:Person ; rdfs:label ?l FILTER (STR(?l) = STR(?name)) }"
    found = engine.run(text, {"name": '"Tim Smith"'}).records()
    assert [r["person"] for r in found] == [kg.base + "person/tim-smith"]
    hostile = '"x" } } ; DROP ALL ; SELECT * { ?s ?p ?o'
    assert engine.run(text, {"name": hostile}).rows == []


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


def test_time_limit_kills_the_work_and_the_engine_answers_afterwards(engine):
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryError) as error:
        engine.run(cross, timeout=1.0)
    assert error.value.kind == "timeout" and time.monotonic() - started < 3
    assert engine.run("ASK { force:kent ?p ?o }", timeout=5).boolean is True


def test_result_size_limit(engine):
    with pytest.raises(QueryError) as error:
        engine.run("SELECT * WHERE { ?s ?p ?o }", max_rows=100, timeout=10)
    assert error.value.kind == "too-large" and "LIMIT" in str(error.value)


def test_forked_run_gives_the_same_answer_as_in_process(engine):
    text = "SELECT ?u WHERE { ?u org:unitOf force:kent } ORDER BY ?u"
    assert engine.run(text, timeout=10).rows == engine.run(text).rows


def test_result_formats(engine, kg):
    select = engine.run("SELECT ?u ?l WHERE { ?u org:unitOf force:essex ; rdfs:label ?l }")
    assert json.loads(select.serialise("json"))["results"]["bindings"][0]["l"] == {
        "type": "literal", "value": "Essex and Kent Serious Crime Directorate", "xml:lang": "en"}
    assert select.serialise("csv").decode().splitlines()[1].startswith(kg.base + "unit/serious-crime-directorate,")
    assert select.serialise("tsv").decode().splitlines()[0] == "?u\t?l"
    assert b'<literal xml:lang="en">Essex and Kent' in select.serialise("xml")
    table = select.serialise("table", engine.prefixes).decode()
    assert "unit:serious-crime-directorate" in table and "(1 row)" in table
    ask = engine.run("ASK { force:kent a pol:PoliceForce }")
    assert json.loads(ask.serialise("json"))["boolean"] is True and b"<boolean>true</boolean>" in ask.serialise("xml")
    graph_result = engine.run("CONSTRUCT { ?u org:unitOf force:essex } WHERE { ?u org:unitOf force:essex }")
    for fmt, rdf_format in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                            ("jsonld", ox.RdfFormat.JSON_LD), ("xml", ox.RdfFormat.RDF_XML)):
        parsed = list(ox.parse(graph_result.serialise(fmt, engine.prefixes), format=rdf_format))
        assert [str(t.subject) for t in parsed] == [f"<{kg.base}unit/serious-crime-directorate>"], fmt


def test_negotiation():
    assert negotiate("results", "application/sparql-results+xml") == "xml"
    assert negotiate("results", "text/csv;q=0.5, text/tab-separated-values") == "tsv"
    assert negotiate("graph", "application/ld+json") == "jsonld"
    assert negotiate("graph", "*/*") == "ttl" and negotiate("results", None) == "json"
    assert negotiate("graph", "text/html", requested="nt") == "nt"
    with pytest.raises(QueryError) as error:
        negotiate("results", "text/turtle")
    assert error.value.status == 406


def test_query_command(cli, tmp_path):
    result = cli("query", "SELECT ?u WHERE { ?u org:unitOf force:essex }")
    assert result.exit_code == 0 and "unit:serious-crime-directorate" in result.stdout
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?u WHERE { ?u org:unitOf force:essex }", encoding="utf-8")
    assert "serious-crime-directorate" in cli("query", "-f", rq, "--format", "csv").stdout
    piped = cli("query", "--format", "json", input="SELECT ?u WHERE { ?u org:unitOf force:essex }")
    assert json.loads(piped.stdout)["head"]["vars"] == ["u"]
    assert cli("query", "ASK { force:kent a pol:PoliceForce }").exit_code == 0
    false = cli("query", "--name", "ever-graded-inadequate")
    assert (false.exit_code, false.stdout.strip()) == (1, "false")
    turtle = cli("query", "--name", "force-network", "--bind", "force=force:essex", "--format", "ttl")
    assert turtle.exit_code == 0 and "serious-crime-directorate" in turtle.stdout
    bad = cli("query", "SELECT * WHERE { ?s ?p ?o . FILTER( }")
    assert bad.exit_code == 2 and "line 1, column" in bad.stderr and "Traceback" not in bad.stderr
    unknown = cli("query", "--name", "force-judgement")
    assert unknown.exit_code == 2 and "did you mean force-judgements" in unknown.stderr
    prefix = cli("query", "SELECT * WHERE { ?s nope:x ?o }")
    assert prefix.exit_code == 2 and "unknown prefix 'nope:'" in prefix.stderr


def test_a_bound_value_stays_a_value_whatever_it_contains(kg):
    from graph.sparql import Engine

    engine = Engine(kg)
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    result = engine.run("SELECT ?entity WHERE { ?entity rdfs:label ?name }", {"name": f'"{hostile}"'})
    assert result.plain() == []
    result = engine.run("SELECT ?entity WHERE { ?entity rdfs:label ?name }", {"name": '"Kent Police"@en'})
    assert [row["entity"] for row in result.plain()] == [kg.base + "force/kent"]


def test_a_parameter_is_joined_first_so_bound_catalogue_queries_stay_fast(kg):
    from graph.sparql import _bind_with_values

    kent = ("uri", kg.base + "force/kent")
    text, rest = _bind_with_values("SELECT ?p WHERE { ?force pol:worksWith ?p }", {"force": kent})
    assert text.index("VALUES (?force)") < text.index("pol:worksWith") and rest == {}
