"""graph.sparql.negotiation: the format from a parameter or an Accept header."""

from __future__ import annotations

import pytest

from graph.problems import QueryError
from graph.sparql.negotiation import negotiate


def test_negotiation():
    assert negotiate("results", "application/sparql-results+xml") == "xml"
    assert negotiate("results", "text/csv;q=0.5, text/tab-separated-values") == "tsv"
    assert negotiate("graph", "application/ld+json") == "jsonld"
    assert negotiate("graph", "*/*") == "ttl" and negotiate("results", None) == "json"
    assert negotiate("graph", "text/html", requested="nt") == "nt"
    with pytest.raises(QueryError) as error:
        negotiate("results", "text/turtle")
    assert error.value.status == 406
