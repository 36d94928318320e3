"""Quotes are found in their sources despite what PDF extraction does to the text."""

import pytest

from graph.data.evidence import closest_passage, find_quote

PDF_TEXT = (
    "The force has a victim-\ncentred approach and works with ‘emerging’ and ‘hard-\nto-reach’ "
    "communities.  Investi-\ngations are co-\nordinated across the\u00a0county. "
    "Anti\u2011social behaviour fell. He said: “It is a blight.”"
)


@pytest.mark.parametrize(
    "quote, exact",
    [
        ("victim-centred approach", "victim-\ncentred approach"),
        ("with 'emerging' and 'hard-to-reach' communities", "with ‘emerging’ and ‘hard-\nto-reach’ communities"),
        ("communities. Investigations are", "communities.  Investi-\ngations are"),
        ("co-ordinated across the county", "co-\nordinated across the\u00a0county"),
        ("Anti-social behaviour fell", "Anti\u2011social behaviour fell"),
        ('He said: "It is a blight."', "He said: “It is a blight.”"),
    ],
)
def test_quote_matches_through_pdf_artefacts_and_offsets_point_at_original(quote, exact):
    match = find_quote(quote, PDF_TEXT)
    assert match is not None
    assert match.exact == exact
    assert PDF_TEXT[match.start : match.end] == exact


@pytest.mark.parametrize("quote", ["victim-centered approach", "anti-social behaviour fell", "", "   "])
def test_quote_that_differs_in_words_or_case_is_not_found(quote):
    assert find_quote(quote, PDF_TEXT) is None


def test_first_occurrence_is_cited_when_a_passage_is_printed_twice():
    text = "Summary.\nGood work here.\nMore.\nGood work\nhere."
    match = find_quote("Good work here.", text)
    assert match.start == text.index("Good work here.")


def test_match_carries_prefix_and_suffix_context():
    match = find_quote("blight", PDF_TEXT)
    assert match.prefix.endswith("It is a ")
    assert match.suffix.startswith(".”")


def test_closest_passage_points_to_the_nearly_matching_words():
    text = "In the 12 months to June 2014, Kent Police had a victim satisfaction rate of 86.7 percent."
    assert "victim satisfaction rate of 86.7" in closest_passage(
        "Kent Police had a victim satisfaction rate of 86.8", text
    )
