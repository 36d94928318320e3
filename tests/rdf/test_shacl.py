"""SHACL: both validators agree, and a graph missing what the shapes require is caught."""

from __future__ import annotations

import pytest

import graph
from graph.rdf.dataset import Dataset
from graph.rdf.shacl import VALIDATORS, shacl_results
from graph.vocabulary import ORG, POL


@pytest.fixture(scope="module")
def damaged(kg):
    """The seed graph without any grade of a judgement and without any unit's parent."""
    dropped = {POL + "grade", ORG + "unitOf"}
    kept = [q for q in kg.quads if q.predicate.value not in dropped]
    return graph.KnowledgeGraph(kg.corpus, kg.base, Dataset.from_quads(kept))


@pytest.mark.parametrize("validator", VALIDATORS)
def test_the_seed_graph_conforms(kg, validator):
    assert shacl_results(kg, validator) == []


@pytest.mark.parametrize("validator", VALIDATORS)
def test_missing_grades_are_violations_and_unparented_units_warnings(damaged, kg, validator):
    results = shacl_results(damaged, validator)
    violations = {r.focus for r in results if r.severity == "Violation"}
    warnings = {r.focus for r in results if r.severity == "Warning"}
    assert violations == {kg.base + j.id for j in kg.corpus.records.judgements}
    units = {kg.base + e.id for e in kg.corpus.records.entities if e.type == "Unit" and not e.parent_unstated}
    assert warnings == units
    assert all(r.message for r in results)


def test_both_validators_give_the_same_results(damaged):
    rust, python = (shacl_results(damaged, v) for v in VALIDATORS)
    assert [(r.focus, r.path, r.severity, r.message) for r in rust] == [
        (r.focus, r.path, r.severity, r.message) for r in python
    ]


@pytest.mark.parametrize("validator", VALIDATORS)
def test_unit_whose_text_names_no_parent_is_not_warned_about(kg, validator):
    """Regression (issue 14): a board the text names only by its chair gets no invented parent."""
    unstated = {kg.base + e.id for e in kg.corpus.records.entities if e.parent_unstated}
    assert kg.base + "unit/kent-reducing-reoffending-board" in unstated
    assert not [r for r in shacl_results(kg, validator) if r.focus in unstated]
