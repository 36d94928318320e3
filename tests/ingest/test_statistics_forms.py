"""Statistics by the form the number takes, on passages of real texts (benchmarks/corpus/, `split: dev`).

Each form of graph.ingest.statistics this file covers has a passage where the number is a figure and
one where a like number is not (a span of years, a time of day, a proportion's base, a scheme's
shape, a set counted before), each copied verbatim from the corpus.
"""

from __future__ import annotations

import pytest


def _figures(draft) -> list[tuple[float, str]]:
    return [(s["value"], s["unit"]) for s in draft.statistics]


FIGURES = [
    # A percentage in brackets after what it measures.
    pytest.param("hmicfrs-2022-nottinghamshire-peel-news",
                 "the highest percentage (19.5 percent) of new police officers", [(19.5, "percent")],
                 id="percent-in-brackets"),
    # "out of the N ..." with no figure before it: N counts the things, the figures after it their parts.
    pytest.param("durham-panel-hmicfrs-child-protection-minutes",
                 "He stated that out of the 20 child abuse cases that were audited, 9 were good, 16 required "
                 "improvement and 4 were inadequate.",
                 [(20, "count"), (9, "count"), (16, "count"), (4, "count")], id="out-of-the-n-first"),
    # A number after a grading verb counts the areas graded, the noun left unsaid.
    pytest.param("merseyside-pcc-2023-peel-response",
                 "The inspection looked at nine specific policing areas and graded eight to assess the force "
                 "performance.", [(9, "count"), (8, "count")], id="graded-n"),
    # "a further N": more of what was just counted.
    pytest.param("hmicfrs-2021-fraud-review-press-release",
                 "It found that ten of sixteen recommendations have been implemented, with progress made on a further "
                 "two and three still outstanding.", [(10, "count"), (2, "count")], id="a-further-n"),
    # "N in M": N is the figure, M its base.
    pytest.param("hmicfrs-2018-thames-valley-crime-data-integrity-news",
                 "we found that almost 1 in 5 crimes in Thames Valley are not being recorded properly",
                 [(1, "count")], id="n-in-m"),
    # The parts of a scheme counted where they are graded: a figure.
    pytest.param("hmicfrs-peel-2018-19-cleveland",
                 "We have graded Cleveland as inadequate in each of the three pillars.", [(3, "count")],
                 id="graded-pillars"),
    # The whole population: "all 43 police forces" is a figure.
    pytest.param("hmicfrs-peel-2021-22-suffolk",
                 "which assess the performance of all 43 police forces in England and Wales", [(43, "count")],
                 id="all-43-forces"),
]


@pytest.mark.parametrize(("source", "passage", "expected"), FIGURES)
def test_figures(draft_passage, source, passage, expected):
    assert _figures(draft_passage(source, passage)) == expected


NOT_FIGURES = [
    # The end of a span of years, after a dash or a slash.
    pytest.param("essex-pfcc-2025-peel-response",
                 "Roger Hirst, Police, Fire and Crime Commissioner for Essex, has reflected on the Police "
                 "effectiveness, efficiency and legitimacy (PEEL) report 2023–25", id="year-span"),
    # A group of forces numbered as the inspectorate published them.
    pytest.param("hmicfrs-2019-peel-2018-19-group-1-press-releases",
                 "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 – group 1 force press releases",
                 id="group-number"),
    # A time of day.
    pytest.param("thames-valley-police-2019-cdi-response", "News   •   Jul 25, 2019 00:05 BST", id="clock"),
    # A date whose month is cut short where the stored page ends.
    pytest.param("hmicfrs-2025-nottinghamshire-causes-of-concern-revisit-letter", "By 30 Septe",
                 id="date-month-cut-short"),
    # A set counted before, named again.
    pytest.param("northumbria-pcc-2015-crime-inspection-response",
                 "I will monitor progress against these two recommendations through my accountability structures.",
                 id="these-n"),
    # The shape of a scheme (GUIDE.md, round 3): pillars, strands, tiers, themes.
    pytest.param("hmic-2014-crime-recording-making-the-victim-count",
                 "We focused our examination around three broad themes", id="themes"),
    pytest.param("lincolnshire-pcc-2023-hmicfrs-reports",
                 "HMICFRS has now expanded its previous four-tier system of judgments to five tiers", id="tiers"),
    pytest.param("westyorkshire-pcc-2017-peel-2016-response",
                 "HMIC have now graded West Yorkshire Police as GOOD across all three strands of the PEEL "
                 "assessment", id="all-three-strands"),
    pytest.param("hmic-peel-2015-cleveland-other-inspections", "In addition to the three core PEEL pillars",
                 id="pillars"),
    # An entry's number in brackets.
    pytest.param("hmicfrs-register-2016-bedfordshire-problem-solving",
                 "PEEL: police effectiveness 2016 – Bedfordshire Police (8770)", id="entry-number-in-brackets"),
]


@pytest.mark.parametrize(("source", "passage"), NOT_FIGURES)
def test_numbers_that_are_not_figures(draft_passage, source, passage):
    assert _figures(draft_passage(source, passage)) == []


# ---------------------------------------------------------------------------- round 7: forms round 6's holdout showed

NOT_FIGURES_ROUND7 = [
    # The first day of a span of days.
    pytest.param("hmicfrs-2021-cleveland-cause-of-concern-revisit-engagement",
                 "During our PEEL inspection of Cleveland, between 20 and 31 May 2019,", id="first-day-of-a-span"),
    # The shape of a scheme: its stages, the ways it looks at forces (GUIDE.md, round 3).
    pytest.param("hmicfrs-crime-data-integrity-judgment-criteria",
                 "The process for determining overall graded judgments for the crime data integrity (CDI) programme "
                 "consists of three stages.", id="three-stages"),
    pytest.param("hmicfrs-2019-peel-spotlight-group-2-foreword", "We assess forces in three ways to find out:",
                 id="three-ways"),
    # A web page's counter.
    pytest.param("merseyside-police-2022-peel-statement-qlocal", "serena-kennedy.jpg\nViews: 0", id="views-counter"),
]


@pytest.mark.parametrize(("source", "passage"), NOT_FIGURES_ROUND7)
def test_numbers_that_are_not_figures_round7(draft_passage, source, passage):
    assert _figures(draft_passage(source, passage)) == []


FIGURES_ROUND7 = [
    # The negative of the span of days: a count before "and" and a count is still a figure.
    pytest.param("hmicfrs-2021-cleveland-cause-of-concern-revisit-engagement",
                 "between 20 and 31 May 2019, we identified six causes of concern", [(6, "count")],
                 id="count-after-a-span-of-days"),
]


@pytest.mark.parametrize(("source", "passage", "expected"), FIGURES_ROUND7)
def test_figures_round7(draft_passage, source, passage, expected):
    assert _figures(draft_passage(source, passage)) == expected
