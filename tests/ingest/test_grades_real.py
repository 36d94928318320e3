"""Graded judgements on real text: one case per rule of graph.ingest.grades, each a verbatim passage of a
`split: dev` corpus text (benchmarks/corpus/) and what a careful reader takes from it.

The texts' own curated records are hidden from the extractor, as in the benchmark; areas are compared by
their label without the round ("Legitimacy" for "Legitimacy (PEEL 2015)").
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.data.records import load_records
from graph.ingest.extraction import extract, fold

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


def _draft(data_dir, source: str, passage: str, date: str, title: str = ""):
    text = (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    assert passage in text, "the passage must be copied verbatim from the corpus text"
    gold = yaml.safe_load((CORPUS / f"{source}.gold.yaml").read_text(encoding="utf-8"))
    assert gold["source"]["split"] == "dev", "rules are developed on dev texts only"
    return extract(passage, source, data_dir=data_dir, date=date, title=title, exclude_sources=(source,))


@pytest.fixture(scope="module")
def known_labels(data_dir) -> dict[str, str]:
    records, _ = load_records(data_dir)
    return {e.id: e.label for e in records.entities}


def _judgements(draft, known_labels) -> set[tuple[str, str]]:
    labels = {**known_labels, **{e["id"]: e["label"] for e in draft.entities}}
    return {(fold(labels.get(j["area"], j["area"])).split(" (peel")[0], j["grade"]) for j in draft.judgements}


GRADES = [
    pytest.param("hmic-peel-2015-durham-legitimacy", "2016", "",
                 "How legitimate is the force at keeping people safe and reducing crime?\n\n"
                 "Last updated 11/02/2016\nGood",
                 {("legitimacy", "four-point/good")}, id="pillar-question-by-its-adjective"),
    pytest.param("hmicfrs-peel-2017-north-yorkshire-effectiveness", "2018-03-22", "",
                 "North Yorkshire PEEL 2017\n\nEffectiveness\n\n"
                 "How effective is the force at keeping people safe and reducing crime?\n\n"
                 "Last updated 22/03/2018\nGood",
                 {("effectiveness", "four-point/good")}, id="round-named-in-text-not-by-date"),
    pytest.param("norfolk-pcc-2022-peel-response", "2021", "",
                 "Looking for Norfolk Police?\n\nDo you need the Police? Visit the Norfolk Police website\n\n"
                 "Document library", set(), id="page-question-is-no-area"),
    pytest.param("norfolk-pcc-2022-peel-response", "2021", "",
                 "Norfolk received the following gradings:\n\nOutstanding\n\nGood use of resources\n\nGood\n\n"
                 "Preventing crime and anti-social behaviour\n\nManaging offenders and suspects\n\n"
                 "Developing a positive workplace (supporting and protecting the workforce) \n\nAdequate\n\n"
                 "Investigating crime\n\nResponding to the public\n\nProtecting vulnerable people\n\n"
                 "Requires improvement\n\nTreating people fairly and with respect",
                 {("use of resources", "five-point/outstanding"),
                  ("preventing crime and tackling anti-social behaviour", "five-point/good"),
                  ("managing offenders and suspects", "five-point/good"),
                  ("developing a positive workplace", "five-point/good"),
                  ("investigating crime", "five-point/adequate"), ("responding to the public", "five-point/adequate"),
                  ("protecting vulnerable people", "five-point/adequate"),
                  ("treating people fairly and with respect", "five-point/requires-improvement")},
                 id="table-grade-then-areas"),
    pytest.param("hampshire-opcc-2016-peel-efficiency-response", "2016",
                 "Response by the Police and Crime Commissioner to HMIC Inspections of Hampshire Constabulary: PEEL "
                 "Efficiency Report 2016",
                 "Two forces were graded as “Outstanding”, eight were graded “Requires Improvement” and 33 were "
                 "“Good”. Hampshire Constabulary were graded as ‘good’.",
                 {("efficiency", "four-point/good")}, id="force-graded-takes-the-titles-pillar-not-other-forces"),
    pytest.param("humberside-opcc-2017-peel-effectiveness", "2017", "",
                 "Her Majesty’s Inspectorate of Constabulary (HMIC) have today published their report into the "
                 "Effectiveness of Humberside Police. This is one of three main reports annually which make up HMIC’s "
                 "‘PEEL’ assessment into all police forces in England and Wales.\n\nHumberside Police received an "
                 "overall grading of ‘Requires Improvement’ which was unchanged from last year.",
                 {("effectiveness", "four-point/requires-improvement")}, id="overall-grading-takes-the-texts-pillar"),
    pytest.param("hmicfrs-2018-durham-crime-data-integrity", "2018",
                 "Durham Constabulary: Crime Data Integrity inspection 2017", "Overall judgment\n\ngraded good",
                 {("crime data integrity", "four-point/good")}, id="grade-alone-takes-the-titles-area"),
    pytest.param("gainsborough-standard-nottinghamshire-peel-2018-19", "2017",
                 "[Gainsborough Standard article: Nottinghamshire Police has made improvements in reducing crime and "
                 "keeping people safe]",
                 "Previously graded as requiring improvement, the Inspectorate has now deemed the force to be ‘Good’.",
                 {("effectiveness", "four-point/good")}, id="earlier-grade-is-not-this-reports"),
    pytest.param("cornish-times-devon-cornwall-peel-2023-25", "2024", "",
                 "Inspectors rated the force good at preventing crime, and adequate at ‘protecting vulnerable people’",
                 {("preventing crime", "five-point/good"), ("protecting vulnerable people", "five-point/adequate")},
                 id="rated-the-force-good-at"),
    pytest.param("staffordshire-pfcc-peel-2021-22-response", "2022", "",
                 "while rating it as adequate in its ability to prevent crime and anti-social behaviour.",
                 {("preventing crime and tackling anti-social behaviour", "five-point/adequate")},
                 id="adequate-in-its-ability-to"),
    pytest.param("hmicfrs-peel-2018-19-durham", "2019", "",
                 "The constabulary is outstanding at preventing crime and anti-social behaviour and at tackling "
                 "serious and organised crime.",
                 # the graph's 2018/19 area, labelled by its question
                 {("how effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
                   "safe?", "four-point/outstanding"),
                  ("tackling serious and organised crime", "four-point/outstanding")}, id="and-at-starts-an-area"),
    pytest.param("gainsborough-standard-nottinghamshire-peel-2018-19", "2019", "",
                 "Investigating crime, protecting vulnerable people, tackling serious and organised crime, ethical and "
                 "lawful workforce behaviour and fair treatment of the public have all been graded as good.",
                 {("investigating crime", "four-point/good"), ("protecting vulnerable people", "four-point/good"),
                  ("tackling serious and organised crime", "four-point/good"),
                  ("ethical and lawful workforce behaviour", "four-point/good"),
                  ("fair treatment of the public", "four-point/good")}, id="list-part-lends-no-word"),
    pytest.param("gainsborough-standard-nottinghamshire-peel-2018-19", "2019", "",
                 "“However, this ‘Good’ grade is reassuring news for our residents, businesses and visitors.",
                 set(), id="this-holds-no-verb-is"),
    pytest.param("hmic-peel-2016-durham", "2017", "",
                 "Durham Constabulary has an outstanding approach to preventing crime and tackling serious and "
                 "organised crime.",
                 # "preventing crime" is the round's question on preventing crime and anti-social behaviour
                 {("preventing crime and tackling anti-social behaviour", "four-point/outstanding"),
                  ("tackling serious and organised crime", "four-point/outstanding")}, id="an-outstanding-approach-to"),
    pytest.param("humberside-opcc-2017-peel-effectiveness", "2017", "",
                 "· Crime Prevention – Good\n· Investigation – Requires Improvement\n· Vulnerability – Inadequate\n"
                 "· Serious and Organised Crime – Good",
                 {("preventing crime and tackling anti-social behaviour", "four-point/good"),
                  ("investigating crime", "four-point/requires-improvement"),
                  ("protecting vulnerable people", "four-point/inadequate"),
                  ("tackling serious and organised crime", "four-point/good")}, id="area-dash-grade-lines"),
    pytest.param("hmicfrs-peel-2018-19-dorset-legitimacy", "2019-09-09", "Dorset PEEL 2018: Legitimacy",
                 "The force is good at treating the public fairly. Officers and staff make fair and ethical decisions",
                 {("fair treatment of the public", "four-point/good")}, id="the-rounds-area-by-its-other-name"),
    pytest.param("hmicfrs-peel-2017-bedfordshire-legitimacy", "2017-12-12", "Bedfordshire PEEL 2017: Legitimacy",
                 "Bedfordshire Police is judged to be good at how legitimately it keeps people safe and reduces crime.",
                 {("legitimacy", "four-point/good")}, id="how-legitimately-it-keeps-people-safe"),
    pytest.param("leicestershire-opcc-2017-peel-effectiveness", "2017", "PEEL: Police Effectiveness 2016",
                 "“The force was graded ‘good’ across a number of critical areas including dealing with serious and "
                 "organised crime, working well with partner organisations, pursuing suspects who present a high risk "
                 "to others and managing the risk posed by dangerous and sexual offenders.",
                 {("tackling serious and organised crime", "four-point/good")},
                 id="areas-including-are-examples-unless-the-inspectorates"),
]


@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), GRADES)
def test_grades(data_dir, known_labels, source, date, title, passage, expected):
    draft = _draft(data_dir, source, passage, date, title)
    assert _judgements(draft, known_labels) == expected


@pytest.mark.parametrize(("source", "date", "passage", "scale"), [
    pytest.param("hmicfrs-peel-2018-19-durham", "2019",
                 "the extent to which the force operates efficiently and sustainably is outstanding.", "four-point",
                 id="2018-19-four-point"),
    pytest.param("staffordshire-pfcc-peel-2021-22-response", "2022",
                 "while rating it as adequate in its ability to prevent crime and anti-social behaviour.", "five-point",
                 id="2021-22-five-point"),
])
def test_scale_by_date_or_wording(data_dir, source, date, passage, scale):
    draft = _draft(data_dir, source, passage, date)
    assert draft.judgements
    assert {j["grade"].split("/")[0] for j in draft.judgements} == {scale}


def test_table_judgement_quotes_its_grade_and_area(data_dir):
    passage = "Good\n\nPreventing crime and anti-social behaviour\n\nManaging offenders and suspects"
    draft = _draft(data_dir, "norfolk-pcc-2022-peel-response", passage, "2021")
    assert len(draft.judgements) == 2
    for judgement in draft.judgements:
        assert judgement["quote"].startswith("Good")


@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), [
    pytest.param("humberside-opcc-2016-peel-legitimacy", "2016", "",
                 "“It is pleasing to note that Humberside Police were graded as ‘Good’ in terms of ‘Legitimacy’, the "
                 "same grading as they received last year.",
                 {("legitimacy", "four-point/good", "2016"), ("legitimacy", "four-point/good", "2015")},
                 id="same-grading-as-last-year"),
    pytest.param("hmicfrs-peel-2017-bedfordshire-legitimacy", "2017-12-12", "Bedfordshire PEEL 2017: Legitimacy",
                 "Bedfordshire Police is judged to be good at how legitimately it keeps people safe and reduces crime. "
                 "For the areas of legitimacy we looked at this year, our overall judgment is the same as last year.",
                 {("legitimacy", "four-point/good", "2017"), ("legitimacy", "four-point/good", "2016")},
                 id="overall-judgment-the-same-as-last-year-in-the-next-sentence"),
])
def test_the_same_grade_last_year_is_the_rounds_before(data_dir, known_labels, source, date, title, passage,
                                                       expected):
    draft = _draft(data_dir, source, passage, date, title)
    got = set()
    for j in draft.judgements:
        label = {**known_labels, **{e["id"]: e["label"] for e in draft.entities}}.get(j["area"], j["area"])
        round_ = j["area"].removeprefix("area/peel-").split("-")[0]
        got.add((fold(label).split(" (peel")[0], j["grade"], round_))
    assert got == expected


def test_keeping_people_safe_without_its_pillar_is_the_pillar_the_text_grades(data_dir, known_labels):
    """Every 2014-2017 pillar was asked "at keeping people safe and reducing crime": a news item that leaves
    the pillar out, then grades legitimacy's questions, reports the legitimacy grade."""
    source = "nottstv-nottinghamshire-peel-2017-legitimacy"
    passage = "\n".join((CORPUS / f"{source}.txt").read_text(encoding="utf-8").splitlines()[:5])
    got = _judgements(_draft(data_dir, source, passage, "2017-12-12"), known_labels)
    assert got == {("legitimacy", "four-point/good"), ("fair treatment of the public", "four-point/good"),
                   ("ethical and lawful workforce behaviour", "four-point/good"),
                   ("fair treatment of the workforce", "four-point/requires-improvement")}
