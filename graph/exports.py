"""Writing the graph out: Turtle, TriG, JSON-LD, N-Triples and friends.

Outputs are deterministic (the quads are sorted before serialisation and JSON keys are
ordered), use the project's own prefixes, and are written to a temporary file that is
renamed into place, so a failed run never leaves a half-written export behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from graph.vocabulary import ontology_dir

# format name -> (file extension, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("ttl", "text/turtle"),
    "trig": ("trig", "application/trig"),
    "jsonld": ("jsonld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
    "nq": ("nq", "application/n-quads"),
    "xml": ("rdf", "application/rdf+xml"),
    "graphml": ("graphml", "application/graphml+xml"),
    "csv": ("csv", "text/csv"),
}
BUILD_FORMATS = ("ttl", "trig", "jsonld", "nt")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def project_context(base: str) -> dict:
    """The JSON-LD context of ontology/context.jsonld, with `id:` bound to the chosen base."""
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context["id"] = base
    return context


def prefixes(vocabulary, base: str) -> dict[str, str]:
    return vocabulary.prefixes_for(base)


def serialise(quads, fmt: str, vocabulary, base: str, rdflib_graph=None, triples=None) -> bytes:
    """One format of the dataset, as bytes. `quads` must come from graph.rdf.corpus_quads;
    `rdflib_graph`, the same union graph already in rdflib, saves parsing it again."""
    import pyoxigraph as ox

    from graph.rdf import quad_key, union_triples

    if triples is None and fmt in ("ttl", "nt", "xml"):
        triples = union_triples(quads)
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes(vocabulary, base))
    if fmt == "trig":
        return ox.serialize(sorted(quads, key=quad_key), format=ox.RdfFormat.TRIG, prefixes=prefixes(vocabulary, base))
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "nq":
        return ox.serialize(sorted(quads, key=quad_key), format=ox.RdfFormat.N_QUADS)
    if fmt == "xml":
        return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes(vocabulary, base))
    if fmt == "jsonld":
        return _jsonld(rdflib_graph if rdflib_graph is not None else to_rdflib(quads), base)
    if fmt == "graphml":
        return _graphml(quads, vocabulary)
    if fmt == "csv":
        return _csv(quads, vocabulary)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def to_rdflib(quads, triples=None):
    """The union graph as an rdflib Graph.

    Terms are converted one by one (with a cache for IRIs), which is about twice as fast as
    writing N-Triples and parsing them again.
    """
    import pyoxigraph as ox
    import rdflib

    from graph.rdf import union_triples

    iris: dict[str, rdflib.URIRef] = {}

    def term(node):
        if isinstance(node, ox.NamedNode):
            iri = iris.get(node.value)
            if iri is None:
                iri = iris[node.value] = rdflib.URIRef(node.value)
            return iri
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        if node.datatype.value == XSD_STRING:
            return rdflib.Literal(node.value)
        return rdflib.Literal(node.value, datatype=term(node.datatype))

    graph = rdflib.Graph(bind_namespaces="none")
    add = graph.add
    for triple in triples if triples is not None else union_triples(quads):
        add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph


def _sorted_json(value):
    """JSON-LD with every node and every multi-valued property in a stable order."""
    if isinstance(value, dict):
        return {key: _sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_sorted_json(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def _jsonld(rdflib_graph, base: str) -> bytes:
    """Compact JSON-LD with the project context embedded (rdflib never fetches it: it is a dict)."""
    context = project_context(base)
    text = rdflib_graph.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    # Arrays in the graph are unordered sets (the context declares no @list), so sorting is safe.
    document = {"@context": context, "@graph": _sorted_json(document.get("@graph", []))}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _graphml(quads, vocabulary) -> bytes:
    import networkx as nx

    from graph.network import to_networkx

    network = to_networkx(quads, vocabulary)
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, named_key_ids=True)
    return buffer.getvalue()


def _csv(quads, vocabulary) -> bytes:
    """Two tables in one file, nodes then edges, each with its own header row."""
    from graph.network import to_networkx

    network = to_networkx(quads, vocabulary)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "id", "label", "class", "source", "target", "predicate"])
    for node, data in sorted(network.nodes(data=True)):
        writer.writerow(["node", node, data.get("label", ""), data.get("class_label", ""), "", "", ""])
    for source, target, data in sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
        writer.writerow(["edge", "", data.get("label", ""), "", source, target, data["predicate"]])
    return out.getvalue().encode("utf-8")


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
