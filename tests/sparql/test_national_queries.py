"""The national catalogue queries: forces by grade, grade changes between rounds, forces needing
improvement. Each answers for at least ten forces on the curated data, gives rows that the curated
records state (checked against the record and its quote), and the same answers on both stores."""

from __future__ import annotations

import re

import pytest

from graph.sparql.catalogue import load_catalogue
from graph.sparql.engines import Engine

CATALOGUE = load_catalogue()
NATIONAL = ("forces-by-grade", "force-grade-changes", "forces-needing-improvement")
FORCE_COLUMN = {"forces-by-grade": "force", "force-grade-changes": "force",
                "forces-needing-improvement": "force"}
# Bindings besides the defaults, each answered on both stores.
BOUND = [
    ("forces-by-grade", {"area": "area:peel-investigating-crime", "round": "inspection:peel-2021-22"}),
    ("forces-by-grade", {"area": "area:peel-2016-effectiveness", "round": "initiative:peel"}),
    ("force-grade-changes", {"force": "force:norfolk"}),
    ("force-grade-changes", {"force": "force:humberside"}),
    ("forces-needing-improvement", {"area": "area:peel-investigating-crime"}),
    ("forces-needing-improvement", {"round": "inspection:peel-2023-25"}),
]


@pytest.fixture(scope="module")
def engines(kg):
    return {"oxigraph": Engine(kg), "rdflib": Engine(kg, "rdflib")}


@pytest.fixture(scope="module")
def run(engines, kg):
    """Rows of a national query on Oxigraph, ids shortened to `force/norfolk`."""

    def answer(name: str, bindings: dict | None = None) -> list[dict]:
        entry = CATALOGUE[name]
        result = engines["oxigraph"].run(entry.text, entry.bindings(bindings), values_at=entry.values_at)
        return [{k: v.removeprefix(kg.base) if isinstance(v, str) else v for k, v in row.items()}
                for row in result.records()]

    return answer


@pytest.fixture(scope="module")
def judgements(kg):
    return {j.id: j for j in kg.corpus.records.judgements}


def same_text(a: str, b: str) -> bool:
    """A quote as curated and as the source holds it (oa:exact): the same words."""
    return " ".join(re.findall(r"\w+", a)) == " ".join(re.findall(r"\w+", b))


@pytest.mark.parametrize("name", NATIONAL)
def test_answers_for_at_least_ten_forces_with_its_defaults(run, name):
    forces = {row[FORCE_COLUMN[name]] for row in run(name)}
    assert len(forces) >= 10, sorted(forces)
    assert all(force.startswith("force/") for force in forces)


@pytest.mark.parametrize("name", NATIONAL)
def test_documented_with_parameters_and_defaults(name):
    entry = CATALOGUE[name]
    assert entry.parameters and all(p.description for p in entry.parameters)
    assert len(entry.description) > 200  # what is compared and what a row means


@pytest.mark.parametrize(("name", "bindings"), BOUND, ids=[f"{n}-{'-'.join(b.values())}" for n, b in BOUND])
def test_both_stores_give_the_same_answers_when_bound(engines, name, bindings):
    from tests.sparql.test_catalogue import canonical

    entry = CATALOGUE[name]
    a, b = (engines[s].run(entry.text, entry.bindings(bindings), values_at=entry.values_at)
            for s in ("oxigraph", "rdflib"))
    assert a.variables == b.variables and a.rows
    assert sorted(([canonical(t) for t in row] for row in a.rows), key=repr) == \
        sorted(([canonical(t) for t in row] for row in b.rows), key=repr)


# (force, grade) rows forces-by-grade gives for PEEL 2021/22 investigating crime, each the record's.
INVESTIGATING_2021_22 = {
    "judgement/hmicfrs-peel-2021-22-norfolk-investigating-crime": ("force/norfolk", "adequate"),
    "judgement/hmicfrs-peel-2021-22-lancashire-investigating-crime": ("force/lancashire", "requires improvement"),
    "judgement/hmicfrs-peel-2021-22-staffordshire-investigating-crime": ("force/staffordshire", "inadequate"),
}


def test_forces_by_grade_in_a_round_and_a_question_asked_across_rounds(run, judgements):
    found = run("forces-by-grade", {"area": "area:peel-investigating-crime", "round": "inspection:peel-2021-22"})
    by_judgement = {row["judgement"]: row for row in found}
    for judgement_id, (force, grade) in INVESTIGATING_2021_22.items():
        row = by_judgement[judgement_id]
        record = judgements[judgement_id]
        assert (row["force"], row["gradeLabel"]) == (force, grade) == (record.subject, record.grade.split("/")[1]
                                                                       .replace("-", " "))
        assert row["gradedArea"] == record.area == "area/peel-2021-22-investigating-crime"
        assert same_text(row["quote"], record.evidence.quote), (row["quote"], record.evidence.quote)
        assert row["scale"].endswith("#FivePointScale") and row["peelRound"] == "inspection/peel-2021-22"
    # a round's own area gives the same rows as the question it is a form of
    own = run("forces-by-grade", {"area": "area:peel-2021-22-investigating-crime", "round": "inspection:peel-2021-22"})
    assert {r["judgement"] for r in own} == set(by_judgement)
    # best first
    assert [r["rank"] for r in found] == sorted(r["rank"] for r in found)


def test_forces_by_grade_defaults_the_2018_19_effectiveness_pillar(run):
    found = run("forces-by-grade")
    assert {r["peelRound"] for r in found} == {"inspection/peel-2018-19"}
    grades = {r["force"]: r["gradeLabel"] for r in found}
    assert grades["force/cleveland"] == "inadequate" and grades["force/durham"] == "outstanding"
    assert grades["force/northumbria"] == "requires improvement"


def test_forces_needing_improvement(run, judgements):
    found = run("forces-needing-improvement")
    assert {r["gradeLabel"] for r in found} == {"requires improvement", "inadequate"}
    for row in found:
        record = judgements[row["judgement"]]
        assert record.subject == row["force"] and record.grade.endswith(("requires-improvement", "inadequate"))
        assert same_text(row["quote"], record.evidence.quote)
    rows = {(r["force"], r["peelRound"], r["gradedArea"]): r["gradeLabel"] for r in found}
    assert rows[("force/humberside", "inspection/peel-2016", "area/peel-2016-protecting-vulnerable-people")] == \
        "inadequate"
    assert rows[("force/cleveland", "inspection/peel-2018-19", "area/peel-2018-19-legitimacy")] == "inadequate"
    assert ("force/norfolk", "inspection/peel-2021-22", "area/peel-2021-22-investigating-crime") not in rows  # adequate

    crime = run("forces-needing-improvement", {"area": "area:peel-investigating-crime"})
    assert {(r["force"], r["peelRound"]) for r in crime} == {
        ("force/north-yorkshire", "inspection/peel-2014"), ("force/humberside", "inspection/peel-2016"),
        ("force/leicestershire", "inspection/peel-2016"), ("force/staffordshire", "inspection/peel-2021-22"),
        ("force/lancashire", "inspection/peel-2021-22"), ("force/devon-and-cornwall", "inspection/peel-2023-25")}
    lancashire = next(r for r in crime if r["force"] == "force/lancashire")
    assert "one area – investigating crime" in lancashire["quote"]

    one_round = run("forces-needing-improvement", {"round": "inspection:peel-2021-22"})
    assert one_round and {r["peelRound"] for r in one_round} == {"inspection/peel-2021-22"}
    assert {r["judgement"] for r in one_round} < {r["judgement"] for r in found}


FOUR, FIVE = "four-point", "five-point"
# (force, question, from round, to round) -> (from grade, to grade, change), as the curated records
# give them (tests/test_knowledge.py reads the same grades round by round).
CHANGES = {
    ("norfolk", "efficiency", "2014", "2015"): ("outstanding", "outstanding", "unchanged"),
    ("norfolk", "efficiency", "2015", "2016"): ("outstanding", "good", "declined"),
    ("norfolk", "efficiency", "2016", "2017"): ("good", "good", "unchanged"),
    ("norfolk", "efficiency", "2017", "2018-19"): ("good", "outstanding", "improved"),
    ("durham", "effectiveness", "2016", "2017"): ("outstanding", "outstanding", "unchanged"),
    ("durham", "effectiveness", "2017", "2018-19"): ("outstanding", "outstanding", "unchanged"),
    # no 2017 grade for Hampshire: the next round that graded it is 2018/19
    ("hampshire", "effectiveness", "2016", "2018-19"): ("requires improvement", "good", "improved"),
    ("humberside", "efficiency", "2015", "2016"): ("inadequate", "requires improvement", "improved"),
    ("humberside", "effectiveness", "2015", "2016"): ("requires improvement", "requires improvement", "unchanged"),
    ("humberside", "legitimacy", "2015", "2016"): ("good", "good", "unchanged"),
    ("nottinghamshire", "fair-treatment-of-the-workforce", "2017", "2018-19"):
        ("requires improvement", "requires improvement", "unchanged"),
    ("nottinghamshire", "treatment-of-the-public", "2017", "2018-19"): ("good", "good", "unchanged"),
}


def _key(row):
    return (row["force"].removeprefix("force/"), row["question"].removeprefix("area/peel-"),
            row["fromRound"].removeprefix("inspection/peel-"), row["toRound"].removeprefix("inspection/peel-"))


def test_grade_changes_between_rounds_are_the_curated_grades(run, judgements):
    found = run("force-grade-changes")
    by_key = {}
    for row in found:
        by_key.setdefault(_key(row), []).append(row)
    for key, (before, after, change) in CHANGES.items():
        (row,) = by_key[key]
        assert (row["fromGrade"], row["toGrade"], row["change"]) == (before, after, change), key
        assert row["sameScale"] is True
        for side, grade in (("from", before), ("to", after)):
            record = judgements[row[f"{side}Judgement"]]
            assert record.grade == f"{FOUR}/{grade.replace(' ', '-')}"
            assert record.subject == row["force"]
    # the rounds compared are consecutive among those that graded the force on the question
    assert ("norfolk", "efficiency", "2014", "2016") not in by_key
    assert ("durham", "effectiveness", "2016", "2018-19") not in by_key
    # a question asked in one round only is never compared (Northumbria 2021/22 responding to the public)
    assert not [k for k in by_key if k[1] == "responding-to-the-public" and k[0] == "northumbria"]


def test_a_change_across_the_two_scales_is_marked(run):
    (row,) = [r for r in run("force-grade-changes", {"force": "force:merseyside"})
              if _key(r) == ("merseyside", "protecting-vulnerable-people", "2018-19", "2023-25")]
    assert (row["fromGrade"], row["toGrade"]) == ("good", "requires improvement")
    assert row["sameScale"] is False and row["rankChange"] == 2 - 4 and row["change"] == "declined"


def test_grade_changes_for_one_force(run):
    norfolk = run("force-grade-changes", {"force": "force:norfolk"})
    assert norfolk and {r["force"] for r in norfolk} == {"force/norfolk"}
    everyone = [r for r in run("force-grade-changes") if r["force"] == "force/norfolk"]
    assert sorted(map(_key, norfolk)) == sorted(map(_key, everyone))
