"""Dates are kept as precise as the source allows, and impossible ones are refused."""

import pytest

from graph.data.dates import parse_date


@pytest.mark.parametrize(
    "value, precision", [("2014", "year"), ("2014-06", "month"), ("2023-07-03", "day"), (2014, "year")]
)
def test_point_dates_keep_their_precision(value, precision):
    assert parse_date(value).point.precision == precision


def test_bounded_and_unknown_dates_are_not_points():
    bounded = parse_date({"earliest": "2015", "latest": "2019"})
    assert bounded.point is None and bounded.earliest.text == "2015" and bounded.latest.text == "2019"
    assert parse_date("unknown").unknown and parse_date(None).unknown


@pytest.mark.parametrize(
    "value", ["2014-13", "2014-02-30", "June 2014", "14", {"earliest": "2019", "latest": "2015"}, {"from": "2014"}]
)
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize("earliest, latest",
                         [("2014-07", "2014"), ("2014-07-31", "2014-07"), ("2024-02-29", "2024-02")])
def test_latest_bound_covers_its_whole_year_or_month(earliest, latest):
    """Regression (issue 14): "after July 2014, within 2014" was refused as earliest after latest."""
    bounded = parse_date({"earliest": earliest, "latest": latest})
    assert (bounded.earliest.text, bounded.latest.text) == (earliest, latest)


def test_earliest_after_the_whole_latest_month_is_refused():
    with pytest.raises(ValueError, match="after latest"):
        parse_date({"earliest": "2014-08-01", "latest": "2014-07"})
