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
