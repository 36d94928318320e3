"""graph.sparql.results: every result format."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.problems import QueryError


def test_result_formats(engine, kg):
    select = engine.run("SELECT ?u ?l WHERE { ?u org:unitOf force:essex, force:kent ; rdfs:label ?l }")
    assert json.loads(select.serialise("json"))["results"]["bindings"][0]["l"] == {
        "type": "literal", "value": "Essex and Kent Serious Crime Directorate", "xml:lang": "en"}
    assert select.serialise("csv").decode().splitlines()[1].startswith(kg.base + "unit/serious-crime-directorate,")
    assert select.serialise("tsv").decode().splitlines()[0] == "?u\t?l"
    assert b'<literal xml:lang="en">Essex and Kent' in select.serialise("xml")
    table = select.serialise("table", engine.prefixes).decode()
    assert "unit:serious-crime-directorate" in table and "(1 row)" in table
    ask = engine.run("ASK { force:kent a pol:PoliceForce }")
    assert json.loads(ask.serialise("json"))["boolean"] is True and b"<boolean>true</boolean>" in ask.serialise("xml")
    graph_result = engine.run("CONSTRUCT { ?u org:unitOf force:essex } WHERE { ?u org:unitOf force:essex, force:kent }")
    for fmt, rdf_format in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                            ("jsonld", ox.RdfFormat.JSON_LD), ("xml", ox.RdfFormat.RDF_XML)):
        parsed = list(ox.parse(graph_result.serialise(fmt, engine.prefixes), format=rdf_format))
        assert [str(t.subject) for t in parsed] == [f"<{kg.base}unit/serious-crime-directorate>"], fmt


QUERIES = ["SELECT ?u ?l WHERE { ?u org:unitOf force:essex, force:kent ; rdfs:label ?l }",
           "SELECT ?j ?g ?d WHERE { ?j pol:judgementOf force:kent ; pol:grade ?g OPTIONAL { ?j dcterms:date ?d } }",
           "SELECT ?n WHERE { BIND('a \"quoted\"\\ttab,comma\\nline <result>' AS ?n) }",
           "ASK { force:kent a pol:PoliceForce }"]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("text", QUERIES, ids=["units", "judgements", "odd-text", "ask"])
def test_oxigraphs_own_serialisers_give_the_same_answer(engine, text, fmt):
    """Issue 12: the endpoint's answers are written by pyoxigraph (Engine.serialised); they hold the
    same answer as the hand-written writers (JSON and XML read back, CSV byte for byte, TSV up to
    pyoxigraph's short forms of numbers)."""
    native = engine.serialised(text, fmt, max_rows=1000, max_bytes=1 << 20)
    written = engine.run(text).serialise(fmt)
    if fmt == "json":
        assert json.loads(native) == json.loads(written)
    elif fmt == "xml":
        import xml.etree.ElementTree as ElementTree

        def rows(data):
            root = ElementTree.fromstring(data)
            return [[(b.get("name"), [(c.tag, c.text, sorted(c.attrib.items())) for c in b]) for b in r]
                    for r in root.iter("{http://www.w3.org/2005/sparql-results#}result")], \
                [b.text for b in root.iter("{http://www.w3.org/2005/sparql-results#}boolean")]
        assert rows(native) == rows(written)
    elif fmt == "csv":
        assert native == written
    else:
        assert native.count(b"\n") == written.count(b"\n") and native.split(b"\n")[0] == written.split(b"\n")[0]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_row_cap_holds_in_every_format(engine, fmt):
    """The row cap is counted while Oxigraph writes: more rows are refused, as many are answered."""
    with pytest.raises(QueryError, match="more than 100 rows"):
        engine.serialised("SELECT * WHERE { ?s ?p ?o }", fmt, max_rows=100, max_bytes=1 << 25)
    with pytest.raises(QueryError, match="more than 100 rows"):
        engine.serialised("SELECT ?s WHERE { ?s ?p ?o } LIMIT 101", fmt, max_rows=100, max_bytes=1 << 25)
    assert engine.serialised("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100", fmt, max_rows=100, max_bytes=1 << 25)
    with pytest.raises(QueryError, match="larger than 1000 bytes"):
        engine.serialised("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100", fmt, max_rows=100, max_bytes=1000)
