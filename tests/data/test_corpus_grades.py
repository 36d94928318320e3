"""The grade check: a judgement's quote states its grade as a grade, not as praise."""

from __future__ import annotations

import re

import pytest

from graph.data.corpus import _GRADE_POSITION, _grade_words


@pytest.mark.parametrize(
    "grade, quote",
    [
        ("five-point/adequate", "Investigating crime: Adequate"),
        ("five-point/good", "Crime Prevention – Good"),
        ("four-point/outstanding", "Outstanding – in engaging and treating the public with fairness and respect"),
        ("five-point/requires-improvement", "were deemed to require improvement"),
        ("five-point/requires-improvement", "Requiring improvement – in responding to the public"),
        ("four-point/outstanding", "The force has an outstanding approach to preventing crime"),
        ("four-point/good", "the force is good at tackling anti-social behaviour"),
        ("five-point/good", "graded as ‘good’"),
    ],
)
def test_a_stated_grade_is_read_as_a_grade(grade, quote):
    """Regression: PCC grade lists ("Area: Adequate", "Good – in ...") were warned as praise."""
    assert re.search(_GRADE_POSITION.format(g=_grade_words(grade)), quote, re.IGNORECASE)


@pytest.mark.parametrize(
    "grade, quote",
    [
        ("four-point/good", "The force provides a consistently good service."),
        ("four-point/outstanding", "officers did outstanding work during the floods"),
    ],
)
def test_praise_is_not_read_as_a_grade(grade, quote):
    assert not re.search(_GRADE_POSITION.format(g=_grade_words(grade)), quote, re.IGNORECASE)
