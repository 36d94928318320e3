"""The graph as a network: one node per entity or fact, one edge per relation between them.

Views, network statistics and the GraphML export all draw on `to_networkx`, so they agree
on what a node and an edge are. Bookkeeping resources (evidence annotations, claims,
selectors, ontology terms) are left out; their content rides along as node and edge
attributes, so every node and every edge still carries the quotes that support it.

Every attribute is a string, so the network can be written to GraphML as it is.
"""

from __future__ import annotations

from graph.vocabulary import DCT, OA, ONTOLOGY_NS, RDF, RDF_TYPE, RDFS_LABEL, Vocabulary

SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
EVIDENCE = ONTOLOGY_NS + "evidence"
CURATOR_ASSERTION = ONTOLOGY_NS + "CuratorAssertion"
MENTIONS = ONTOLOGY_NS + "mentions"
_NOT_EDGES = {
    RDF_TYPE,
    EVIDENCE,
    MENTIONS,
    PROV_DERIVED,
    "http://www.w3.org/2004/02/skos/core#inScheme",
    "http://www.w3.org/2004/02/skos/core#hasTopConcept",
}
# Classes whose instances are nodes: the record types plus the facts and documents.
_FACT_CLASSES = ("Judgement", "Finding", "Recommendation", "AreaForImprovement", "CauseOfConcern", "Statistic",
                 "Quotation", "Theme", "SourceDocument")
SEPARATOR = " | "  # joins several values in one string attribute (aliases, sources)


def node_classes(vocabulary: Vocabulary) -> set[str]:
    classes = {t.iri for t in vocabulary.record_types.values()}
    classes |= {ONTOLOGY_NS + name for name in _FACT_CLASSES}
    classes |= {iri for iri, ancestors in vocabulary.class_ancestors.items()
                if ONTOLOGY_NS + "SourceDocument" in ancestors}
    return classes


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(statements, vocabulary: Vocabulary):
    """A networkx MultiDiGraph of `statements` (pyoxigraph quads or triples).

    Node attributes: label, class (IRI of the most specific class), class_label, aliases
    (joined by " | "), sources (ids of the documents the node is drawn from or mentioned in,
    joined by " | "), evidence (one line per quote: “quote” — source id, date), date (the
    earliest date of the documents quoted, as the source states it: 2014, 2014-06, 2014-06-30
    or a range 2015–2019; "" when unknown).
    Edge attributes: predicate (IRI), label (the property's label), sources, evidence (the
    quotes of the claims asserting the edge, else those of the fact that states it), date;
    key = predicate. Nodes and edges are added in a stable (sorted) order.
    """
    import networkx as nx

    wanted = node_classes(vocabulary)
    graphs: dict[tuple, set[str]] = {}  # triple key -> names of the graphs holding it
    unique = {}
    for s in statements:
        t = getattr(s, "triple", s)
        key = (t.subject.value, t.predicate.value, str(t.object))
        unique[key] = t
        graph_name = getattr(s, "graph_name", None)
        if graph_name is not None and hasattr(graph_name, "value"):
            graphs.setdefault(key, set()).add(graph_name.value)
    triples = [unique[key] for key in sorted(unique)]
    classes: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    by_subject: dict[str, list] = {}
    node_sources: dict[str, set[str]] = {}
    for t in triples:
        s, p = t.subject.value, t.predicate.value
        by_subject.setdefault(s, []).append(t)
        if p == RDF_TYPE and t.object.value in wanted:
            classes.setdefault(s, []).append(t.object.value)
        elif p == RDFS_LABEL:
            labels[s] = t.object.value
        elif p == SKOS_ALT:
            aliases.setdefault(s, []).append(t.object.value)
        elif p == PROV_DERIVED:
            node_sources.setdefault(s, set()).add(t.object.value)
        elif p == MENTIONS:
            node_sources.setdefault(t.object.value, set()).add(s)

    def most_specific(candidates: list[str]) -> str:
        return max(candidates, key=lambda c: (len(vocabulary.class_ancestors.get(c, ())), c))

    evidence = _Evidence(by_subject)
    network = nx.MultiDiGraph()
    for node in sorted(classes):
        cls = most_specific(classes[node])
        network.add_node(
            node,
            label=labels.get(node, local_name(node)),
            **{"class": cls},
            class_label=vocabulary.labels.get(cls, local_name(cls)),
            aliases=SEPARATOR.join(sorted(aliases.get(node, []))),
            sources=SEPARATOR.join(sorted(local_name(x) for x in node_sources.get(node, ()))),
            evidence="\n".join(evidence.lines(evidence.annotations(node))),
            date=evidence.earliest(evidence.annotations(node)),
        )
    source_iris = {local_name(n): n for n, c in network.nodes(data="class")
                   if ONTOLOGY_NS + "SourceDocument" in vocabulary.types_of(c)}
    claims = _claims(by_subject)
    for t in triples:
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p in _NOT_EDGES or s not in network or o not in network:
            continue
        key = (s, p, str(t.object))
        sources = sorted(sid for sid in map(local_name, graphs.get(key, ())) if sid in source_iris)
        annotations = claims.get((s, p, o))
        if not annotations:  # stated by the subject itself: its own evidence, from the same document
            annotations = [a for a in evidence.annotations(s)
                           if not sources or local_name(evidence.source_of(a)) in sources]
        if not sources:
            sources = sorted({local_name(evidence.source_of(a)) for a in annotations} - {""})
        network.add_edge(s, o, key=p, predicate=p, label=property_label(p, vocabulary),
                         sources=SEPARATOR.join(sources), evidence="\n".join(evidence.lines(annotations)),
                         date=evidence.earliest(annotations))
    return network


def property_label(predicate: str, vocabulary: Vocabulary) -> str:
    return vocabulary.labels.get(predicate) or local_name(predicate)


def network_of_triples(triples, full, vocabulary: Vocabulary):
    """The network drawn by arbitrary triples (e.g. a CONSTRUCT result) over the `full` network.

    Every IRI the triples link becomes a node, with its attributes from `full` when it is a node
    there (otherwise its label from the ontology or its local name, and class 'resource'); every
    triple between two IRIs becomes an edge, carrying the evidence `full` has for it.
    """
    import networkx as nx

    network = nx.MultiDiGraph()

    def add(iri: str) -> None:
        if iri in network:
            return
        if iri in full:
            network.add_node(iri, **full.nodes[iri])
        else:
            network.add_node(iri, label=vocabulary.labels.get(iri, local_name(iri)), **{"class": "resource"},
                             class_label="resource", aliases="", sources="", evidence="", date="")

    for t in sorted({getattr(s, "triple", s) for s in triples},
                    key=lambda t: (t.subject.value, t.predicate.value, str(t.object))):
        s, p, o = t.subject, t.predicate.value, t.object
        if not _is_iri(s):
            continue
        add(s.value)
        if not _is_iri(o):
            continue
        add(o.value)
        known = full.get_edge_data(s.value, o.value, key=p) if full.has_node(s.value) else None
        attributes = dict(known) if known else {"predicate": p, "label": property_label(p, vocabulary),
                                                "sources": "", "evidence": "", "date": ""}
        network.add_edge(s.value, o.value, key=p, **attributes)
    return network


def _is_iri(term) -> bool:
    return type(term).__name__ == "NamedNode"


def _claims(by_subject: dict[str, list]) -> dict[tuple[str, str, str], list[str]]:
    """(subject, predicate, object) of each reified claim -> its evidence annotations."""
    claims: dict[tuple[str, str, str], list[str]] = {}
    for triples in by_subject.values():
        parts = {t.predicate.value: t.object.value for t in triples
                 if t.predicate.value in (RDF + "subject", RDF + "predicate", RDF + "object")}
        if len(parts) == 3:
            key = (parts[RDF + "subject"], parts[RDF + "predicate"], parts[RDF + "object"])
            claims.setdefault(key, []).extend(t.object.value for t in triples if t.predicate.value == EVIDENCE)
    return claims


class _Evidence:
    """Reads evidence annotations (quote, source, source date) out of the statements."""

    def __init__(self, by_subject: dict[str, list]):
        self.by_subject = by_subject
        self.dates: dict[str, str] = {}

    def value(self, subject: str, predicate: str) -> str:
        return next((t.object.value for t in self.by_subject.get(subject, []) if t.predicate.value == predicate), "")

    def annotations(self, node: str) -> list[str]:
        return [t.object.value for t in self.by_subject.get(node, []) if t.predicate.value == EVIDENCE]

    def source_of(self, annotation: str) -> str:
        return self.value(annotation + "#target", OA + "hasSource")

    def date_of(self, source: str) -> str:
        if source not in self.dates:
            self.dates[source] = self._date_of(source)
        return self.dates[source]

    def _date_of(self, source: str) -> str:
        issued = self.value(source, DCT + "issued")
        if issued:
            return issued
        earliest = self.value(source, ONTOLOGY_NS + "earliestDate")
        latest = self.value(source, ONTOLOGY_NS + "latestDate")
        return f"{earliest}–{latest}" if earliest or latest else ""

    def earliest(self, annotations) -> str:
        """The earliest date of the documents the annotations quote ("" when none is known)."""
        dates = sorted(d for d in (self.date_of(self.source_of(a)) for a in set(annotations)) if d)
        return dates[0] if dates else ""

    def lines(self, annotations) -> list[str]:
        """“quote” — source id, date; one per annotation, in a stable order, without repeats."""
        lines = []
        for annotation in sorted(set(annotations)):
            exact = self.value(annotation + "#quote", OA + "exact")
            source = self.source_of(annotation)
            date = self.date_of(source)
            # a curators' assertion is said to be one, apart from what documents say
            kind = "curators' assertion: " if self.is_curators_assertion(annotation) else ""
            lines.append(f"{kind}“{' '.join(exact.split())}” — {local_name(source)}" + (f", {date}" if date else ""))
        return lines

    def is_curators_assertion(self, annotation: str) -> bool:
        return any(t.predicate.value == RDF_TYPE and t.object.value == CURATOR_ASSERTION
                   for t in self.by_subject.get(annotation, []))


def short_id(iri: str) -> str:
    """The record id of a node IRI (`force/kent`): its last two path segments."""
    return "/".join(iri.rsplit("/", 2)[-2:])


class NameNotFound(LookupError):
    """A name that matches no node, or more than one; the message says which and suggests."""


def find_node(network, name: str) -> str:
    """The node called `name`: its IRI, its id (`unit/serious-crime-directorate`), its label or an alias.

    Case and spacing are ignored. Raises NameNotFound, with candidates, when the name matches
    no node or several.
    """
    wanted = " ".join(name.split()).casefold()
    if name in network:
        return name
    by_id = [n for n in network if short_id(n).casefold() == wanted]
    if len(by_id) == 1:
        return by_id[0]
    for field in ("label", "aliases"):
        matches = [n for n, data in network.nodes(data=True)
                   if wanted in {" ".join(v.split()).casefold() for v in data.get(field, "").split(SEPARATOR)}]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NameNotFound(f"{name!r} is ambiguous: it names {len(matches)} nodes. Use an id:\n"
                               + "\n".join(describe(network, n) for n in matches))
    import difflib

    names: dict[str, str] = {}
    for n, data in network.nodes(data=True):
        names.setdefault(short_id(n).casefold(), n)
        for value in [data.get("label", ""), *data.get("aliases", "").split(SEPARATOR)]:
            if value:
                names.setdefault(" ".join(value.split()).casefold(), n)
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    containing = [key for key in sorted(names, key=len) if wanted and wanted in key][:5]
    candidates = list(dict.fromkeys(names[key] for key in [*close, *containing]))[:8]
    hint = ("Did you mean:\n" + "\n".join(describe(network, n) for n in candidates)) if candidates \
        else "Give an id (e.g. force/kent), a label or an alias."
    raise NameNotFound(f"no node is called {name!r}. {hint}")


def _normal(text: str) -> str:
    """A name as compared: case, spacing, hyphens and underscores ignored ('Anti-social behaviour'
    and 'anti social  behaviour' are one name)."""
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def resolve_node(network, name: str) -> tuple[str, list[str]]:
    """The node `name` most likely means, and the other nodes it also names.

    `name` is an IRI, an id (`force/kent`), the last part of an id (`anti-social-behaviour` for
    `theme/anti-social-behaviour`), a label or an alias; case, spacing and hyphens are ignored.
    When it names several nodes, an exact id wins, then the best-connected node; the rest, and
    the best-connected nodes whose names begin with it ("Kent Police" for "Kent", which is
    the label of a place), are returned so that the caller can say which it picked and offer
    the others. Raises NameNotFound with suggestions when it names none.
    """
    if name in network:
        return name, []
    wanted = _normal(name)
    by_id = [n for n in network if _normal(short_id(n)) == wanted]
    if len(by_id) == 1:
        return by_id[0], []
    def names(data) -> set[str]:
        return {_normal(v) for v in [data.get("label", ""), *data.get("aliases", "").split(SEPARATOR)] if v}

    named = by_id or [n for n, data in network.nodes(data=True) if wanted in names(data)]
    if not named:
        named = [n for n in network if _normal(local_name(n)) == wanted]
    if not named:
        find_node(network, name)  # raises NameNotFound with the closest names
    ranked = sorted(named, key=lambda n: (-network.degree(n), n))
    # names that begin with it ("Kent Police" for "Kent") are offered too, best connected first
    longer = sorted((n for n, data in network.nodes(data=True) if n not in named
                     and any(v.startswith(wanted + " ") for v in names(data))),
                    key=lambda n: (-network.degree(n), n))
    return ranked[0], ranked[1:] + longer[:6]


def describe(network, node: str) -> str:
    data = network.nodes[node]
    return f"  {short_id(node)}  {data.get('label', '')} ({data.get('class_label', '')})"
