"""graph.sparql.negotiation: the format from a parameter or an Accept header."""

from __future__ import annotations

import pytest

from graph.problems import QueryError
from graph.sparql.negotiation import negotiate, preferred


def test_negotiation():
    assert negotiate("results", "application/sparql-results+xml") == "xml"
    assert negotiate("results", "text/csv;q=0.5, text/tab-separated-values") == "tsv"
    assert negotiate("graph", "application/ld+json") == "jsonld"
    assert negotiate("graph", "*/*") == "ttl" and negotiate("results", None) == "json"
    assert negotiate("graph", "text/html", requested="nt") == "nt"
    with pytest.raises(QueryError) as error:
        negotiate("results", "text/turtle")
    assert error.value.status == 406


@pytest.mark.parametrize("accept, expected", [
    (None, ["json"]),
    ("text/csv;q=0.5, text/tab-separated-values", ["tsv", "csv"]),
    ("*/*, text/csv", ["csv", "json"]),  # a media type before a wildcard of the same weight
    ("text/*", ["csv", "tsv"]),  # a type's wildcard: the offered formats of that type
    ("text/csv;q=abc", ["csv"]),  # a malformed weight is ignored, not read as 0
    ("text/csv;q=0, */*;q=0.1", ["json"]),  # q=0 refuses a type
    ("image/png", []),
])
def test_one_reading_of_the_accept_header(accept, expected):
    """Issue 12: SPARQL answers and entity pages read Accept with one function."""
    offered = {"application/sparql-results+json": "json", "text/csv": "csv", "text/tab-separated-values": "tsv"}
    assert preferred(accept, offered, "json") == expected

