"""graph.sparql.engines: answers, bindings, the forked time limit and the result-size limit."""

from __future__ import annotations

import time

import pytest

from graph.problems import QueryError
from graph.sparql.engines import Engine, query


def test_query_returns_plain_rows_for_a_dataframe(kg):
    rows = query(kg, "SELECT ?unit ?label WHERE { ?unit org:unitOf force:essex, force:kent ; rdfs:label ?label }")
    assert rows == [{"unit": kg.base + "unit/serious-crime-directorate",
                     "label": "Essex and Kent Serious Crime Directorate"}]
    stats = query(kg, "SELECT ?v WHERE { statistic:hmic-2014-kent-crime-rate pol:value ?v }")
    assert stats == [{"v": 63.5}]  # numbers come back as numbers
    assert query(kg, "ASK { force:kent a pol:PoliceForce }") is True


def test_bindings_are_bound_variables_not_pasted_text(engine, kg):
    text = "SELECT ?name ?person WHERE { ?person a pol:Person ; rdfs:label ?l FILTER (STR(?l) = STR(?name)) }"
    found = engine.run(text, {"name": '"Tim Smith"'}).records()
    assert [r["person"] for r in found] == [kg.base + "person/tim-smith"]
    hostile = '"x" } } ; DROP ALL ; SELECT * { ?s ?p ?o'
    assert engine.run(text, {"name": hostile}).rows == []


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


def test_a_bound_value_stays_a_value_whatever_it_contains(kg):

    engine = Engine(kg)
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    result = engine.run("SELECT ?entity WHERE { ?entity rdfs:label ?name }", {"name": f'"{hostile}"'})
    assert result.plain() == []
    result = engine.run("SELECT ?entity WHERE { ?entity rdfs:label ?name }", {"name": '"Kent Police"@en'})
    assert [row["entity"] for row in result.plain()] == [kg.base + "force/kent"]


def test_a_parameter_is_joined_first_so_bound_catalogue_queries_stay_fast(kg):
    from graph.sparql.engines import _bind_with_values

    kent = ("uri", kg.base + "force/kent")
    query = "SELECT ?p WHERE { ?force pol:worksWith ?p }"
    text, rest = _bind_with_values(query, {"force": kent}, query.index("{") + 1)
    assert text.index("VALUES (?force)") < text.index("pol:worksWith") and rest == {}
