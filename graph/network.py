"""The graph as a network: one node per entity or fact, one edge per relation between them.

Views, network statistics and the GraphML export all draw on `to_networkx`, so they agree
on what a node and an edge are. Bookkeeping resources (evidence annotations, claims,
selectors, ontology terms) are left out; their content rides along as node attributes.
"""

from __future__ import annotations

from graph.vocabulary import ONTOLOGY_NS, RDF_TYPE, RDFS_LABEL, Vocabulary

SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
OA = "http://www.w3.org/ns/oa#"
_NOT_EDGES = {
    RDF_TYPE,
    ONTOLOGY_NS + "evidence",
    ONTOLOGY_NS + "mentions",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/2004/02/skos/core#inScheme",
    "http://www.w3.org/2004/02/skos/core#hasTopConcept",
}
# Classes whose instances are nodes: the record types plus the facts and documents.
_FACT_CLASSES = ("Judgement", "Finding", "Recommendation", "AreaForImprovement", "Statistic", "Quotation",
                 "Theme", "SourceDocument")


def node_classes(vocabulary: Vocabulary) -> set[str]:
    classes = {t.iri for t in vocabulary.record_types.values()}
    classes |= {ONTOLOGY_NS + name for name in _FACT_CLASSES}
    classes |= {iri for iri, ancestors in vocabulary.class_ancestors.items()
                if ONTOLOGY_NS + "SourceDocument" in ancestors}
    return classes


def to_networkx(statements, vocabulary: Vocabulary):
    """A networkx MultiDiGraph of `statements` (pyoxigraph quads or triples).

    Node attributes: label, class (IRI of the most specific class), class_label, aliases,
    sources (ids of the documents the node is derived from), evidence (quotes with source).
    Edge attributes: predicate (IRI), label (the property's label), key = predicate.
    """
    import networkx as nx

    wanted = node_classes(vocabulary)
    triples = sorted({getattr(s, "triple", s) for s in statements},
                     key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))
    classes: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    by_subject: dict[str, list] = {}
    for t in triples:
        s, p = t.subject.value, t.predicate.value
        by_subject.setdefault(s, []).append(t)
        if p == RDF_TYPE and t.object.value in wanted:
            classes.setdefault(s, []).append(t.object.value)
        elif p == RDFS_LABEL:
            labels[s] = t.object.value
        elif p == SKOS_ALT:
            aliases.setdefault(s, []).append(t.object.value)

    def most_specific(candidates: list[str]) -> str:
        return max(candidates, key=lambda c: (len(vocabulary.class_ancestors.get(c, ())), c))

    network = nx.MultiDiGraph()
    for node in sorted(classes):
        cls = most_specific(classes[node])
        network.add_node(
            node,
            label=labels.get(node, node.rsplit("/", 1)[-1]),
            **{"class": cls},
            class_label=vocabulary.labels.get(cls, cls.rsplit("#", 1)[-1]),
            aliases=" | ".join(sorted(aliases.get(node, []))),
            evidence=_evidence_text(node, by_subject),
        )
    for t in triples:
        s, p = t.subject.value, t.predicate.value
        if p in _NOT_EDGES or s not in network or t.object.value not in network:
            continue
        label = vocabulary.labels.get(p) or p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        network.add_edge(s, t.object.value, key=p, predicate=p, label=label)
    return network


def _evidence_text(node: str, by_subject: dict[str, list]) -> str:
    """The node's evidence quotes, 'quote — source' joined by newlines."""
    quotes = []
    for t in by_subject.get(node, []):
        if t.predicate.value != ONTOLOGY_NS + "evidence":
            continue
        annotation = t.object.value
        exact = next((x.object.value for x in by_subject.get(annotation + "#quote", [])
                      if x.predicate.value == OA + "exact"), "")
        source = next((x.object.value for x in by_subject.get(annotation + "#target", [])
                       if x.predicate.value == OA + "hasSource"), "")
        quotes.append(f"“{' '.join(exact.split())}” — {source.rsplit('/', 1)[-1]}")
    return "\n".join(quotes)
