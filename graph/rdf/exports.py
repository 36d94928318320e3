"""Writing the graph out: Turtle, TriG, JSON-LD, N-Triples and friends.

Outputs are deterministic (the quads are sorted before serialisation and JSON keys are
ordered), use the project's own prefixes, and are written to a temporary file that is
renamed into place, so a failed run never leaves a half-written export behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from graph.vocabulary import XSD_STRING, ontology_dir

# format name -> (file extension, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("ttl", "text/turtle"),
    "trig": ("trig", "application/trig"),
    "jsonld": ("jsonld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
    "nq": ("nq", "application/n-quads"),
    "xml": ("rdf", "application/rdf+xml"),
}  # the network formats (GraphML, GEXF, CSV tables) are graph.publish.network_formats
BUILD_FORMATS = ("ttl", "trig", "jsonld", "nt")


def project_context(base: str) -> dict:
    """The JSON-LD context of ontology/context.jsonld, with `id:` bound to the chosen base."""
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context["id"] = base
    return context


def prefixes(vocabulary, base: str) -> dict[str, str]:
    return vocabulary.prefixes_for(base)


def serialise(kg, fmt: str) -> bytes:
    """One format of a KnowledgeGraph's dataset, as bytes."""
    import pyoxigraph as ox

    names = prefixes(kg.vocabulary, kg.base)
    if fmt == "ttl":
        return ox.serialize(kg.triples(), format=ox.RdfFormat.TURTLE, prefixes=names)
    if fmt == "trig":  # parsed as it is written: the quads are never all held as objects
        return ox.serialize(kg.dataset.parse_quads(), format=ox.RdfFormat.TRIG, prefixes=names)
    if fmt == "nt":  # the dataset's own text is canonical N-Triples (a test pins it)
        return kg.dataset.ntriples
    if fmt == "nq":
        return ox.serialize(kg.dataset.parse_quads(), format=ox.RdfFormat.N_QUADS)
    if fmt == "xml":
        return ox.serialize(kg.triples(), format=ox.RdfFormat.RDF_XML, prefixes=names)
    if fmt == "jsonld":
        from graph.rdf.jsonld import compact_jsonld

        return compact_jsonld(kg.triples(), project_context(kg.base))
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def to_rdflib(triples):
    """pyoxigraph triples as an rdflib Graph (for pyshacl and rdflib's SPARQL engine).

    Terms are converted one by one (with a cache for IRIs), which is about twice as fast as
    writing N-Triples and parsing them again.
    """
    import pyoxigraph as ox
    import rdflib

    iris: dict[str, rdflib.URIRef] = {}

    def term(node):
        if isinstance(node, ox.NamedNode):
            iri = iris.get(node.value)
            if iri is None:
                iri = iris[node.value] = rdflib.URIRef(node.value)
            return iri
        if isinstance(node, ox.BlankNode):
            return rdflib.BNode(node.value)
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        if node.datatype.value == XSD_STRING:
            return rdflib.Literal(node.value)
        return rdflib.Literal(node.value, datatype=term(node.datatype))

    graph = rdflib.Graph(bind_namespaces="none")
    add = graph.add
    for triple in triples:
        add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph


def write_atomic(path: Path, produce: Callable[[], bytes]) -> None:
    """Write the bytes `produce` returns to `path` via a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = produce()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
