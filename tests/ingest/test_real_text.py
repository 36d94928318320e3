"""The extractor on passages of real public texts (benchmarks/corpus/, `split: dev`), one form each.

Each case is a passage copied from a corpus text (named in the case id) and what a careful reader
takes from it. The texts' own curated records are hidden from the extractor, as in the benchmark.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.ingest.extraction import extract

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


GRADES = [
    pytest.param("hmic-peel-2014-norfolk", "2014",
                 "in terms of its effectiveness, in general, the force is good at investigating offending, good at "
                 "tackling anti-social behaviour and outstanding at reducing crime and preventing offending;",
                 {("investigating offending", "four-point/good"), ("tackling anti-social behaviour", "four-point/good"),
                  ("reducing crime and preventing offending", "four-point/outstanding")}, id="good-at-list"),
    pytest.param("hmicfrs-peel-2018-19-northumbria", "2018",
                 "the extent to which the force is effective at reducing crime and keeping people safe requires "
                 "improvement.", {("effectiveness", "four-point/requires-improvement")}, id="extent-to-which"),
    pytest.param("cornish-times-devon-cornwall-peel-2023-25", "2024",
                 "‘Managing offenders’ and ‘leadership and force management’ were deemed to require improvement with "
                 "‘investigating crime’ and ‘responding to the public’ judged to be ‘inadequate’.",
                 {("managing offenders and suspects", "five-point/requires-improvement"),
                  ("leadership and force management", "five-point/requires-improvement"),
                  ("investigating crime", "five-point/inadequate"),
                  ("responding to the public", "five-point/inadequate")},
                 id="areas-before-grade"),
    pytest.param("humberside-opcc-2017-peel-effectiveness", "2017",
                 "· Serious and Organised Crime – Good",
                 {("tackling serious and organised crime", "four-point/good")}, id="area-dash-grade"),
    pytest.param("banburyfm-2022-thames-valley-peel", "2022",
                 "The report graded Thames Valley Police as ‘Adequate’ in the areas of preventing and investigating "
                 "crime, protecting vulnerable people and developing a positive workplace.",
                 {("preventing crime", "five-point/adequate"), ("investigating crime", "five-point/adequate"),
                  ("protecting vulnerable people", "five-point/adequate"),
                  ("developing a positive workplace", "five-point/adequate")}, id="in-the-areas-of-elliptical"),
    pytest.param("hmicfrs-2022-cleveland-peel-news", "2022",
                 "HMICFRS said the good area was crime data integrity. The inadequate areas included preventing crime "
                 "and use of resources.",
                 # crime data integrity is the 2021/22 graph area "Recording data about crime"
                 {("recording data about crime", "five-point/good"), ("preventing crime", "five-point/inadequate"),
                  ("use of resources", "five-point/inadequate")}, id="the-grade-areas-included"),
    pytest.param("gwent-opcc-2017-peel-legitimacy", "2017",
                 "  • · Is good at keeping people updated on the progress of their complaints;", set(),
                 id="praise-is-not-a-grade"),
]


@pytest.mark.parametrize(("source", "date", "passage", "expected"), GRADES)
def test_grades(graded_areas, draft_passage, source, date, passage, expected):
    draft = draft_passage(source, passage, date)
    assert graded_areas(draft) == expected


PEOPLE = [
    pytest.param("banburyfm-2022-thames-valley-peel", "Deputy Chief Constable Jason Hogg of Thames V",
                 ("Jason Hogg", "Deputy Chief Constable"), id="post-name"),
    pytest.param("devon-cornwall-opcc-peel-2021-22-response", "I have recruited a new Chief Constable, Will Kerr, to",
                 ("Will Kerr", "Chief Constable"), id="post-comma-name"),
    pytest.param("hmicfrs-2024-north-yorkshire-peel-press-release",
                 "His Majesty’s Inspector of Constabulary Michelle Skeer yesterday said:",
                 ("Michelle Skeer", "His Majesty’s Inspector of Constabulary"), id="long-post-name"),
    pytest.param("hmicfrs-peel-2018-19-norfolk", "Zoë Billingham, Her Majesty’s Inspector of Constabulary",
                 ("person/zoe-billingham", "post/hm-inspector-of-constabulary"), id="name-comma-post-known"),
    pytest.param("leicestershire-opcc-2017-peel-effectiveness",
                 "As required by legislation, Lord Willy Bach, Leicestershire’s Police and Crime Commissioner has",
                 ("Willy Bach", "Leicestershire’s Police and Crime Commissioner"), id="possessive-post"),
]


@pytest.mark.parametrize(("source", "passage", "expected"), PEOPLE)
def test_people_with_posts(draft_passage, known_labels, source, passage, expected):
    draft = draft_passage(source, passage)
    labels = {**known_labels, **{e["id"]: e["label"] for e in draft.entities}}

    def hm(label: str) -> str:  # a post already in the graph may be named "HM ..." for "His Majesty’s ..."
        return re.sub(r"^(?:Her|His) Majesty’s ", "HM ", label)

    holds = set()
    for r in draft.relations:
        if r["predicate"] == "holds":
            holds |= {(r["subject"], r["object"]), (labels.get(r["subject"], r["subject"]), hm(labels[r["object"]]))}
    assert (expected[0], hm(expected[1])) in holds
    for relation in draft.relations:
        assert relation["quote"] in passage


ACRONYMS = [
    pytest.param("banburyfm-2022-thames-valley-peel",
                 "a report issued today by Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services "
                 "(HMICFRS).", ("HMICFRS", "Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"),
                 id="full-inspectorate-name"),
    pytest.param("hmicfrs-peel-2018-19-norfolk",
                 "This is HMICFRS’s fifth PEEL (police effectiveness, efficiency and legitimacy) assessment",
                 ("PEEL", "police effectiveness, efficiency and legitimacy"), id="short-then-long"),
    pytest.param("hmic-peel-2015-cleveland-other-inspections", "Honour-based violence (HBV)",
                 ("HBV", "Honour-based violence"), id="hyphenated"),
]


@pytest.mark.parametrize(("source", "passage", "expected"), ACRONYMS)
def test_acronyms(draft_passage, source, passage, expected):
    text = (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    if passage not in text:  # the passage may stand at a line's start in the text
        pytest.fail(f"passage not in {source}")
    draft = draft_passage(source, passage)
    assert expected in {(a["short"], a["long"]) for a in draft.acronyms}


@pytest.mark.parametrize("source", ["banburyfm-2022-thames-valley-peel", "hmicfrs-peel-2018-19-norfolk"])
def test_nothing_is_proposed_from_web_boilerplate(data_dir, source):
    """A cookie banner and "Skip to content" / "Read more about ..." lines of real pages give no proposal."""
    text = (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    boilerplate = [line for line in text.splitlines()
                   if line.startswith(("This website uses cookies", "Skip to content", "Read more about"))]
    assert boilerplate
    draft = extract(text, source, data_dir=data_dir, exclude_sources=(source,))
    for section in draft.SECTIONS:
        for record in getattr(draft, section):
            assert not any(record["quote"] in line or line in record["quote"] for line in boilerplate), record
