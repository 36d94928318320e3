"""graph.rdf.jsonld: compact JSON-LD that two independent processors, rdflib and pyld, read back
to exactly the triples it was written from, laid out one node per line."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic

from graph.rdf.exports import project_context
from graph.rdf.jsonld import compact_jsonld

BASE = "https://w3id.org/policing-kg/id/"
POL = "https://w3id.org/policing-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"

THING = ox.NamedNode(BASE + "thing/1")
BLANK = ox.BlankNode("b1")


def iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text)


def typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=iri(datatype))


# (subject, predicate, object, the key it is written under, the value written there)
AWKWARD = {
    "quotes, backslashes, newlines, tabs": (
        THING, RDFS + "label", ox.Literal('say "hi"\\ there\nnext\tcol\r'), "label", 'say "hi"\\ there\nnext\tcol\r'),
    "control characters": (THING, RDFS + "label", ox.Literal("\x00\x01\x08\x1f\x7f"), "label", "\x00\x01\x08\x1f\x7f"),
    "non-ASCII and line separators": (
        THING, RDFS + "label", ox.Literal("Ŵales — café ✓ 𝄞 \u2028\u2029\x85"), "label",
        "Ŵales — café ✓ 𝄞 \u2028\u2029\x85"),
    "empty string": (THING, RDFS + "label", ox.Literal(""), "label", ""),
    "language string": (
        THING, RDFS + "label", ox.Literal("colour", language="en-gb"), "label",
        {"@language": "en-gb", "@value": "colour"}),
    "datatype matching a coercing term": (THING, POL + "value", typed("1.50", XSD + "decimal"), "value", "1.50"),
    "non-canonical lexical form kept": (THING, POL + "rank", typed("007", XSD + "integer"), "rank", "007"),
    "boolean kept as a string": (THING, POL + "higherIsBetter", typed("1", XSD + "boolean"), "higherIsBetter", "1"),
    "datatype not matching the coercing term": (
        THING, POL + "value", typed("3", XSD + "integer"), "pol:value", {"@type": "xsd:integer", "@value": "3"}),
    "xsd:integer under a plain term": (
        THING, RDFS + "label", typed("42", XSD + "integer"), "label", {"@type": "xsd:integer", "@value": "42"}),
    "datatype with no prefix": (
        THING, RDFS + "label", typed("x", "http://example.org/dt"), "label",
        {"@type": "http://example.org/dt", "@value": "x"}),
    "IRI under an @id term": (THING, PROV_DERIVED, iri(BASE + "source/a"), "derivedFrom", "id:source/a"),
    "IRI with no matching prefix": (THING, PROV_DERIVED, iri("http://example.org/doc"), "derivedFrom",
                                    "http://example.org/doc"),
    "IRI equal to a namespace": (THING, PROV_DERIVED, iri(BASE), "derivedFrom", BASE),
    "IRI whose local part starts with //": (THING, PROV_DERIVED, iri(BASE + "//x"), "derivedFrom", BASE + "//x"),
    "IRI with query, fragment and non-ASCII": (
        THING, PROV_DERIVED, iri(BASE + "café?a=1#b"), "derivedFrom", "id:café?a=1#b"),
    "IRI whose local part looks like a term": (THING, PROV_DERIVED, iri(BASE + "label"), "derivedFrom", "id:label"),
    "IRI under a plain term": (THING, RDFS + "label", iri(BASE + "x"), "label", {"@id": "id:x"}),
    "IRI on a predicate with only a literal-typed term": (
        THING, POL + "rank", iri(BASE + "x"), "pol:rank", {"@id": "id:x"}),
    "string on a predicate with only an @id term": (
        THING, PROV_DERIVED, ox.Literal("a document"), "prov:wasDerivedFrom", "a document"),
    "several terms for one predicate (the shortest wins)": (
        THING, DCTERMS + "publisher", iri(BASE + "org/hmicfrs"), "publisher", "id:org/hmicfrs"),
    "predicate with no prefix and no term": (
        THING, "http://example.org/p", ox.Literal("v"), "http://example.org/p", "v"),
    "rdf:type IRI": (THING, RDF + "type", iri(POL + "PoliceForce"), "type", "pol:PoliceForce"),
    "rdf:type IRI that looks like a term": (THING, RDF + "type", iri(BASE + "label"), "type", "id:label"),
    "rdf:type literal": (THING, RDF + "type", ox.Literal("a force"), "rdf:type", "a force"),
    "rdf:type blank node": (THING, RDF + "type", BLANK, "type", "_:b1"),
    "blank node under an @id term": (THING, PROV_DERIVED, BLANK, "derivedFrom", "_:b1"),
    "blank node under a plain term": (THING, RDFS + "seeAlso", BLANK, "rdfs:seeAlso", {"@id": "_:b1"}),
    "blank node subject": (BLANK, RDFS + "label", ox.Literal("anonymous"), "label", "anonymous"),
}


def triples_of(*cases) -> list[ox.Triple]:
    """The triples, sorted as the pipeline sorts them: by their N-Triples text."""
    return sorted((ox.Triple(s, iri(p), o) for s, p, o, _key, _value in cases), key=str)


def exact_graph(triples) -> rdflib.Graph:
    """The triples in rdflib via N-Triples, lexical forms kept as written."""
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


def refuse(url, options=None):
    raise AssertionError(f"tried to fetch {url}")


def read_back(document: bytes, processor: str) -> rdflib.Graph:
    """The document as RDF, read by rdflib's JSON-LD parser or by pyld (which is never let
    fetch anything: the context is embedded)."""
    if processor == "rdflib":
        return rdflib.Graph().parse(data=document, format="json-ld")
    nquads = jsonld.to_rdf(json.loads(document), {"format": "application/n-quads", "documentLoader": refuse})
    return rdflib.Graph().parse(data=nquads, format="nt")


def nodes(document: bytes) -> list[dict]:
    return json.loads(document)["@graph"]


@pytest.fixture
def exact_literals(monkeypatch):
    """rdflib normally rewrites lexical forms ("007" -> "7"), which would hide a lossy writer."""
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


@pytest.fixture(scope="module")
def seed_jsonld(kg) -> bytes:
    return compact_jsonld(kg.triples(), project_context(kg.base))


def test_seed_graph_read_back_by_rdflib_is_isomorphic(kg, seed_jsonld):
    assert isomorphic(read_back(seed_jsonld, "rdflib"), kg.rdflib())


def test_seed_graph_read_back_by_pyld_without_fetching_is_the_same(kg, seed_jsonld):
    assert isinstance(json.loads(seed_jsonld)["@context"], dict), "the context is embedded, never a URL"
    assert isomorphic(read_back(seed_jsonld, "pyld"), kg.rdflib())


@pytest.mark.parametrize("processor", ["rdflib", "pyld"])
@pytest.mark.parametrize("case", AWKWARD.values(), ids=AWKWARD.keys())
def test_awkward_triple_round_trips_exactly(case, processor, exact_literals):
    triples = triples_of(case)
    document = compact_jsonld(triples, project_context(BASE))
    assert isomorphic(read_back(document, processor), exact_graph(triples))


@pytest.mark.parametrize("processor", ["rdflib", "pyld"])
def test_awkward_triples_together_round_trip_exactly(processor, exact_literals):
    triples = triples_of(*AWKWARD.values())
    document = compact_jsonld(triples, project_context(BASE))
    assert len(nodes(document)) == 2, "one node for THING, one for the blank node"
    assert isomorphic(read_back(document, processor), exact_graph(triples))


@pytest.mark.parametrize("case", AWKWARD.values(), ids=AWKWARD.keys())
def test_value_is_written_under_the_expected_key_in_the_expected_shape(case):
    subject, _predicate, _object, key, value = case
    [node] = nodes(compact_jsonld(triples_of(case), project_context(BASE)))
    assert node == {"@id": "_:b1" if subject == BLANK else "id:thing/1", key: value}


def test_several_values_of_a_key_form_a_list_in_input_order():
    labels = [(THING, RDFS + "label", ox.Literal(text), "label", text) for text in ("b", "a", "c")]
    [node] = nodes(compact_jsonld([ox.Triple(s, iri(p), o) for s, p, o, _k, _v in labels], project_context(BASE)))
    assert node["label"] == ["b", "a", "c"]


def test_one_predicate_splits_over_two_keys_by_kind_of_value():
    cases = (AWKWARD["IRI under an @id term"], AWKWARD["string on a predicate with only an @id term"])
    [node] = nodes(compact_jsonld(triples_of(*cases), project_context(BASE)))
    assert node["derivedFrom"] == "id:source/a"
    assert node["prov:wasDerivedFrom"] == "a document"


def test_quads_in_the_default_graph_give_the_same_document_as_triples():
    triples = triples_of(*AWKWARD.values())
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    assert compact_jsonld(quads, project_context(BASE)) == compact_jsonld(triples, project_context(BASE))


def test_output_is_byte_identical_on_a_second_run(kg, seed_jsonld):
    assert compact_jsonld(kg.triples(), project_context(kg.base)) == seed_jsonld


def node_lines(document: bytes, context: dict) -> list[str]:
    """The node lines of a document, after checking what surrounds them and that each is
    exactly what json.dumps(node, ensure_ascii=False, sort_keys=True) writes."""
    text = document.decode("utf-8")
    head = '{"@context": ' + json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True) + ', "@graph": [\n'
    assert text.startswith(head)
    assert text.endswith("\n]}\n")
    # Split on "\n" only, as git does: U+2028 and friends are legal unescaped in JSON strings.
    lines = text[len(head):-len("\n]}\n")].split(",\n")
    for line in lines:
        assert "\n" not in line
        assert json.dumps(json.loads(line), ensure_ascii=False, sort_keys=True) == line
    return lines


def test_seed_layout_is_the_context_then_one_node_per_line(kg, seed_jsonld):
    lines = node_lines(seed_jsonld, project_context(kg.base))
    assert len(lines) == len({str(t.subject) for t in kg.triples()})


def test_awkward_values_keep_one_node_per_line():
    document = compact_jsonld(triples_of(*AWKWARD.values()), project_context(BASE))
    assert len(node_lines(document, project_context(BASE))) == 2


def test_empty_graph_is_valid_json():
    document = compact_jsonld([], project_context(BASE))
    assert json.loads(document) == {"@context": project_context(BASE), "@graph": []}
    assert len(read_back(document, "rdflib")) == 0


def test_seed_nodes_use_the_context_terms(seed_jsonld):
    kent = next(node for node in nodes(seed_jsonld) if node["@id"] == "id:force/kent")
    assert kent["label"] == {"@language": "en", "@value": "Kent Police"}
    assert kent["derivedFrom"] == "id:source/reference-forces"
    assert "pol:PoliceForce" in kent["type"]


def test_iri_that_would_read_as_a_compact_iri_is_refused():
    """`pol:x` is a legal absolute IRI (scheme "pol"), but any JSON-LD reader expands it with
    the `pol` prefix: no spelling of it survives, so the writer must not guess."""
    with pytest.raises(ValueError, match="'pol'"):
        compact_jsonld([ox.Triple(THING, iri(PROV_DERIVED), iri("pol:x"))], project_context(BASE))


@pytest.mark.parametrize(
    ("term", "definition"),
    [
        ("@vocab", POL),
        ("@base", BASE),
        ("@language", "en"),
        ("@direction", "ltr"),
        ("@protected", True),
        ("@version", 1.0),
        ("members", {"@id": "pol:members", "@container": "@set"}),
        ("names", {"@id": "pol:names", "@language": "en"}),
        ("memberOfInverse", {"@reverse": "org:memberOf"}),
        ("scoped", {"@id": "pol:scoped", "@context": {"x": "pol:x"}}),
        ("nested", {"@id": "pol:nested", "@nest": "@nest"}),
        ("polPrefix", {"@id": "https://w3id.org/policing-kg/ontology#", "@prefix": True}),
        ("vocabTyped", {"@id": "pol:vocabTyped", "@type": "@vocab"}),
        ("json", {"@id": "pol:json", "@type": "@json"}),
        ("identifier", "@id"),
        ("dropped", None),
        ("pol:alias", "pol:other"),
        ("not-a-prefix", "label:x"),
        ("relative", "x"),
    ],
)
def test_unsupported_context_feature_raises_naming_the_term(term, definition):
    context = {**project_context(BASE), term: definition}
    with pytest.raises(ValueError, match=re.escape(repr(term))):
        compact_jsonld([ox.Triple(THING, iri(RDFS + "label"), ox.Literal("x"))], context)
