"""Recommendations, areas for improvement and causes of concern on real text: one case per rule of
graph.ingest.recommendations, each a verbatim passage of a `split: dev` corpus text (benchmarks/corpus/)
or a seed text (data/sources/), with the kind and deadline a careful reader takes from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.ingest.extraction import extract

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "benchmarks" / "corpus"


def _text(source: str) -> str:
    corpus = CORPUS / f"{source}.txt"
    if corpus.exists():
        gold = yaml.safe_load((CORPUS / f"{source}.gold.yaml").read_text(encoding="utf-8"))
        assert gold["source"]["split"] == "dev", "rules are developed on dev texts only"
        return corpus.read_text(encoding="utf-8")
    return (REPO / "data" / "sources" / f"{source}.txt").read_text(encoding="utf-8")


def _recommendations(data_dir, source: str, passage: str) -> list[tuple[str, str, str]]:
    """(kind, deadline's ISO form or text, quote) of each proposal for `passage`."""
    assert passage in _text(source), "the passage must be copied verbatim from the text"
    draft = extract(passage, source, data_dir=data_dir, exclude_sources=(source,))
    out = []
    for r in draft.recommendations:
        deadline = r.get("deadline") or {}
        when = deadline.get("relative") or deadline.get("absolute") or deadline.get("text", "")
        assert r["quote"] in " ".join(passage.split()) or r["quote"] in passage
        out.append((r["kind"], when, r["quote"]))
    return out


CASES = [
    pytest.param(
        "hmicfrs-peel-2018-19-cleveland-effectiveness-findings",
        "Cause of concern\nThe force doesn’t appropriately prioritise crime prevention. There is a lack of strategic "
        "direction, and the force doesn’t allocate enough resources to prevention work. Staff who carry out "
        "prevention work lack an understanding of the priorities they should be tackling.\nRecommendations\n"
        "The force should take immediate steps to:\n- provide strategic direction and co-ordination of all "
        "prevention activity;\n- ensure there are the right resources, in the right place, to carry out structured "
        "problem-solving and prevention activity aligned to its priorities;",
        [("cause-of-concern", "", "The force doesn’t appropriately prioritise crime prevention"),
         ("recommendation", "P0D", "provide strategic direction and co-ordination of all prevention activity"),
         ("recommendation", "P0D", "ensure there are the right resources, in the right place, to carry out "
                                   "structured problem-solving and prevention activity aligned to its priorities")],
        id="cause-of-concern-then-its-recommendations"),
    pytest.param(
        "hmic-register-2014-core-business-call-handling",
        "Not later than 31 March 2015 those forces using a threat, harm and risk policy, that have not yet done so, "
        "should provide call-handlers with specific, sound and comprehensible criteria against which they can "
        "assess threat, harm and risk.\n\n[on]4th September 2014",
        [("recommendation", "2015-03", "Not later than 31 March 2015 those forces using a threat, harm and risk "
                                       "policy, that have not yet done so, should provide call-handlers with "
                                       "specific, sound and comprehensible criteria against which they can assess "
                                       "threat, harm and risk")],
        id="not-later-than-a-day-without-heading"),
    pytest.param(
        "hmic-register-2014-core-business-crime-prevention",
        "By 31 March 2015 all forces should ensure that crime prevention or disruption activity carried out is "
        "systematically recorded and subsequently evaluated to determine the effectiveness of tactics being "
        "employed.",
        [("recommendation", "2015-03", "By 31 March 2015 all forces should ensure that crime prevention or "
                                       "disruption activity carried out is systematically recorded and subsequently "
                                       "evaluated to determine the effectiveness of tactics being employed")],
        id="by-a-day-all-forces-should"),
    pytest.param(
        "hmic-register-2014-core-business-call-handling",
        "This area of activity has subsequently been inspected in HMIC's PEEL Effectiveness inspections. Where a "
        "cause of concern still exists this will appear in the register against these subsequent inspections.",
        [], id="a-cause-of-concern-named-in-passing-is-none"),
    pytest.param(
        "hmicfrs-register-2017-north-wales-crime-recording",
        "The force should take steps to identify and address gaps in its systems and processes within its "
        "communications centre for identifying and recording all reports of crime. This work should include:",
        [("recommendation", "", "The force should take steps to identify and address gaps in its systems and "
                                "processes within its communications centre for identifying and recording all "
                                "reports of crime")],
        id="paragraph-opening-with-the-force-should"),
    pytest.param(
        "hmicfrs-peel-2018-19-lincolnshire-effectiveness",
        "The force needs to understand local communities better. It also needs to improve how it assesses and "
        "shares good ways of working. It should talk to the public more when setting priorities.",
        [], id="needs-to-is-a-finding-not-advice"),
    pytest.param(
        "001_38808edbea0ea68b",
        "Recommendations\n\n• Within three months Kent Police should ensure that there is clarity of roles and ",
        [("recommendation", "P3M", "Within three months Kent Police should ensure that there is clarity of roles "
                                   "and")],
        id="within-three-months-under-heading"),
]

# Round 2: an area for improvement or cause of concern named in a sentence that says what it is, and a line
# led by its kind; the comment names the texts that show the form.
CASES += [
    # "It is a cause of concern that ..." (hmicfrs-2020-suffolk-crime-data-integrity)
    pytest.param(
        "hmicfrs-2020-suffolk-crime-data-integrity",
        "It is a cause of concern that the recording rate for violent crime is only 84.3 percent (with a confidence "
        "interval of +/- 2.84 percent).",
        [("cause-of-concern", "", "It is a cause of concern that the recording rate for violent crime is only 84.3 "
                                  "percent (with a confidence interval of +/- 2.84 percent)")],
        id="it-is-a-cause-of-concern-that"),
    # the kind, then what it is about: "in relation to", "regarding" (hmic-peel-2014-north-yorkshire-legitimacy,
    # leicestershire-panel-2017-peel-effectiveness)
    pytest.param(
        "hmic-peel-2014-north-yorkshire-legitimacy",
        "There are areas for improvement in relation to transparency and publication, as well as audit of various "
        "registers, which are either out of date or unclear.",
        [("area-for-improvement", "", "There are areas for improvement in relation to transparency and "
                                      "publication, as well as audit of various registers, which are either out of "
                                      "date or unclear")],
        id="areas-for-improvement-in-relation-to"),
    pytest.param(
        "leicestershire-panel-2017-peel-effectiveness",
        "Leicestershire Police were in discussions with HMIC to gain further understanding of some of the areas for "
        "improvement identified in their report and in particular regarding the service to victims.",
        [("area-for-improvement", "", "Leicestershire Police were in discussions with HMIC to gain further "
                                      "understanding of some of the areas for improvement identified in their report "
                                      "and in particular regarding the service to victims")],
        id="areas-for-improvement-regarding"),
    # the kind named, then "This was that the force should ..." (hmicfrs-peel-2018-19-essex-effectiveness)
    pytest.param(
        "hmicfrs-peel-2018-19-essex-effectiveness",
        "However, Essex Police had an area for improvement in our 2017 effectiveness inspection. This was that the "
        "force should evaluate and share effective practice routinely, both internally and with partner "
        "organisations, to continually improve its approach to preventing crime and anti-social behaviour.",
        [("area-for-improvement", "", "This was that the force should evaluate and share effective practice "
                                      "routinely, both internally and with partner organisations, to continually "
                                      "improve its approach to preventing crime and anti-social behaviour")],
        id="this-was-that-the-force-should"),
    # named in passing, without what it is: none (hmicfrs-2022-lancashire-peel-press-release,
    # hmicfrs-2020-suffolk-crime-data-integrity, staffordshire-panel-peel-governance, hmic-register-2014-core-
    # business-call-handling)
    pytest.param("hmicfrs-2022-lancashire-peel-press-release",
                 "I will monitor the constabulary’s progress towards addressing these areas for improvement.”", [],
                 id="addressing-these-areas-for-improvement"),
    pytest.param("hmicfrs-2020-suffolk-crime-data-integrity",
                 "  • created and implemented a crime data integrity (CDI) action plan to address our 2014 "
                 "recommendations and areas for improvement;", [], id="our-recommendations-and-areas-for-improvement"),
    pytest.param("staffordshire-panel-peel-governance",
                 "which had focused on the progress against the causes of concern.", [],
                 id="progress-against-the-causes-of-concern"),
    pytest.param("hmic-register-2014-core-business-call-handling",
                 "Where a cause of concern still exists this will appear in the register against these subsequent "
                 "inspections.", [], id="where-a-cause-of-concern-still-exists"),
    # a line led by its kind and a dash (cityoflondon-2019-peel-legitimacy-afis-minutes, twice: the text's own
    # expansion of AFI, and AFI alone)
    pytest.param(
        "cityoflondon-2019-peel-legitimacy-afis-minutes",
        "Action for Further Improvement (AFI) 7 – the Force should ensure that effective external scrutiny takes "
        "place in relation to its use of force.\n· In response to a question regarding AFI 7, the Assistant "
        "Commissioner confirmed that the terms of reference of the newly constituted Community Scrutiny Group had "
        "been approved at its meeting on 4 September 2019.\nAFI 11 – the Force should ensure its counter-corruption "
        "unit has enough capability and capacity to counter corruption effectively and proactively.",
        [("area-for-improvement", "", "the Force should ensure that effective external scrutiny takes place in "
                                      "relation to its use of force"),
         ("area-for-improvement", "", "the Force should ensure its counter-corruption unit has enough capability and "
                                      "capacity to counter corruption effectively and proactively")],
        id="afi-number-dash"),
]


@pytest.mark.parametrize(("source", "passage", "expected"), CASES)
def test_recommendations(data_dir, source, passage, expected):
    assert _recommendations(data_dir, source, passage) == expected


@pytest.mark.parametrize(("heading", "kind"), [
    ("Recommendations", "recommendation"), ("Recommendation 5", "recommendation"),
    ("Areas for improvement", "area-for-improvement"), ("Area for improvement 2:", "area-for-improvement"),
    ("Cause of concern", "cause-of-concern"), ("Causes of concern", "cause-of-concern"),
    ("Recommendations for the force to consider", ""), ("Summary", ""),
])
def test_heading_kind(heading, kind):
    from graph.ingest.recommendations import heading_kind

    assert heading_kind(heading) == kind


# Words of the dev corpus's and the seed texts' recommendations (Core Business register, Kent 2014).
@pytest.mark.parametrize(("words", "deadline"), [
    ("Within six months Kent Police should ensure", {"text": "Within six months", "relative": "P6M"}),
    ("Kent Police should take immediate steps to", {"text": "immediate", "relative": "P0D"}),
    ("Not later than 31 March 2015 those forces", {"text": "Not later than 31 March 2015", "absolute": "2015-03"}),
    ("By 31 March 2015 all forces", {"text": "By 31 March 2015", "absolute": "2015-03"}),
])
def test_deadline_forms(words, deadline):
    from graph.ingest import extraction_patterns as P
    from graph.ingest.recommendations import deadline_of

    assert deadline_of(P.DEADLINE.search(words)) == deadline
