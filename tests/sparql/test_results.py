"""graph.sparql.results: every result format."""

from __future__ import annotations

import json

import pyoxigraph as ox


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
