"""Pasteable terms: whatever a result table prints is valid in a query and means the same term."""

from __future__ import annotations

import pytest

from graph.problems import QueryError
from graph.sparql.engines import Engine
from graph.sparql.results import parse_term, short_form


@pytest.mark.parametrize(("local", "shown"), [
    ("force/kent", "force:kent"),
    ("unit/serious-crime-directorate", "unit:serious-crime-directorate"),
    # Regression: printed as id:org/probation-service, a syntax error unless written id:org\/...
    ("org/probation-service", "organisation:probation-service"),
    ("evidence/hmic-2014-kent-crime/26851-26902", "<{base}evidence/hmic-2014-kent-crime/26851-26902>"),
])
def test_short_forms_need_no_escapes(kg, local, shown):
    prefixes = Engine(kg).prefixes
    assert short_form(kg.base + local, prefixes) == shown.format(base=kg.base)


def test_every_iri_the_table_prints_pastes_back_into_a_query(kg, engine):
    """Every IRI of the graph, as the table prints it, parses as a query term naming that IRI."""
    subjects = engine.run("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }").rows
    table = engine.run("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }").serialise("table", engine.prefixes)
    printed = [line.strip() for line in table.decode().splitlines()[2:-1]]
    assert len(printed) == len(subjects) > 1000
    for row, shown in zip(subjects, printed, strict=True):
        assert parse_term(shown, engine.prefixes) == ("uri", row[0][1]), shown
    sample = [p for p in printed if p.startswith("<")][:3] + [p for p in printed if not p.startswith("<")][:3]
    for shown in sample:  # and the query parser agrees
        assert engine.run(f"ASK {{ {shown} ?p ?o }}").boolean is True, shown


@pytest.mark.parametrize(("text", "term"), [
    ("force:kent", ("uri", "{base}force/kent")),
    ("id:org\\/probation-service", ("uri", "{base}org/probation-service")),
    ("<urn:x>", ("uri", "urn:x")),
    ('"Kent"@en', ("literal", "Kent", None, "en")),
    ("Kent Police", ("literal", "Kent Police", None, None)),
    ("12", ("literal", "12", None, None)),
])
def test_bound_values_parse_as_terms(engine, kg, text, term):
    expected = tuple(t.format(base=kg.base) if isinstance(t, str) else t for t in term)
    assert parse_term(text, engine.prefixes) == expected


def test_an_unknown_prefix_in_a_value_is_an_error(engine):
    with pytest.raises(QueryError, match="unknown prefix 'forcee:'.*did you mean force:"):
        parse_term("forcee:kent", engine.prefixes)
