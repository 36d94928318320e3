"""Network analysis of the graph: counts, evidence coverage, centrality, components and paths.

Everything works on the network of `graph.publish.network.to_networkx`, so the figures agree with
the views and the GraphML export. Results are plain dicts and lists (ready for JSON);
`format_statistics` and `format_path` turn them into text tables.

    >>> kg = graph.load("data")
    >>> report = statistics(kg)                  # counts, evidence share, centrality, components
    >>> steps = shortest_path(kg.networkx(), "Serious Crime Directorate", "Essex Police")
"""

from __future__ import annotations

from graph.publish.network import SEPARATOR, find_node, local_name, node_classes, short_id
from graph.vocabulary import ONTOLOGY_NS, RDF_TYPE

EVIDENCE = ONTOLOGY_NS + "evidence"
CLAIM = ONTOLOGY_NS + "Claim"
THEME = ONTOLOGY_NS + "Theme"
SOURCE_DOCUMENT = ONTOLOGY_NS + "SourceDocument"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
OA_EXACT = "http://www.w3.org/ns/oa#exact"
BETWEENNESS_SAMPLE = 1000  # above this many nodes, betweenness is estimated from this many pivots


class NoPath(LookupError):
    """No chain of relations links the two nodes."""


def class_counts(network) -> list[dict]:
    """Nodes per class, most numerous first."""
    counts: dict[tuple[str, str], int] = {}
    for _, data in network.nodes(data=True):
        key = (data.get("class_label", ""), data.get("class", ""))
        counts[key] = counts.get(key, 0) + 1
    return [{"class": label, "iri": iri, "nodes": n}
            for (label, iri), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _records(kg) -> dict[str, dict]:
    """Every record resource (entity, fact, claim, mention) -> its classes, sources and quotes."""
    vocabulary = kg.vocabulary
    excluded = {THEME, SOURCE_DOCUMENT} | {iri for iri, ancestors in vocabulary.class_ancestors.items()
                                           if SOURCE_DOCUMENT in ancestors}
    record_classes = (node_classes(vocabulary) - excluded) | {CLAIM}
    exact: dict[str, str] = {}
    records: dict[str, dict] = {}
    evidence: dict[str, set[str]] = {}
    documents: set[str] = set()  # the sources themselves: they are cited, they cite nothing
    for t in kg.triples():
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p == RDF_TYPE and o == SOURCE_DOCUMENT:
            documents.add(s)
        elif p == RDF_TYPE and o in record_classes:
            records.setdefault(s, {"classes": set(), "sources": set()})["classes"].add(o)
        elif p == PROV_DERIVED:
            records.setdefault(s, {"classes": set(), "sources": set()})["sources"].add(local_name(o))
        elif p == EVIDENCE:
            evidence.setdefault(s, set()).add(o)
        elif p == OA_EXACT:
            exact[s.removesuffix("#quote")] = o
    for iri in documents:
        records.pop(iri, None)
    for iri, record in records.items():
        record["quotes"] = sorted(exact[a] for a in evidence.get(iri, ()) if exact.get(a, "").strip())
    return records


def evidence_coverage(kg, records: dict | None = None) -> dict:
    """How many records carry evidence (a non-empty quote from a source): the share must be 100 %."""
    records = records if records is not None else _records(kg)
    missing = sorted(short_id(iri) for iri, r in records.items() if not r["quotes"])
    total = len(records)
    return {"records": total, "with_evidence": total - len(missing),
            "share": round((total - len(missing)) / total, 4) if total else 1.0, "missing": missing}


def source_counts(kg, network, records: dict | None = None) -> list[dict]:
    """Per source document: the records drawn from it, and the nodes and edges it supports."""
    records = records if records is not None else _records(kg)
    rows = []
    # In order of id: a graph fetched from an endpoint (graph.publish.remote) gives the same rows.
    for source in sorted(kg.corpus.sources.values(), key=lambda source: source.id):
        derived = [r for r in records.values() if source.id in r["sources"]]
        rows.append({
            "source": source.id,
            "title": source.title,
            "kind": source.kind,
            "date": _date_text(source.date),
            "records": len(derived),
            "with_evidence": sum(1 for r in derived if r["quotes"]),
            "nodes": sum(1 for _, s in network.nodes(data="sources") if source.id in (s or "").split(SEPARATOR)),
            "edges": sum(1 for *_, s in network.edges(data="sources") if source.id in (s or "").split(SEPARATOR)),
        })
    return rows


def _date_text(date) -> str:
    if getattr(date, "point", None):
        return date.point.text
    earliest, latest = getattr(date, "earliest", None), getattr(date, "latest", None)
    if earliest or latest:
        return f"{earliest.text if earliest else ''}–{latest.text if latest else ''}"
    return ""


def centrality(network, top: int = 10, seed: int = 7) -> dict:
    """The `top` nodes by degree and by betweenness (of the undirected simple graph), with labels."""
    import networkx as nx

    simple = nx.Graph(network.to_undirected(as_view=True))
    degree = dict(simple.degree())
    n = simple.number_of_nodes()
    sample = BETWEENNESS_SAMPLE if n > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=seed) if n else {}

    def ranked(scores: dict, digits: int | None) -> list[dict]:
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
        return [{"id": short_id(node), "label": network.nodes[node].get("label", ""),
                 "class": network.nodes[node].get("class_label", ""),
                 "score": round(score, digits) if digits is not None else score} for node, score in best]

    return {"degree": ranked(degree, None), "betweenness": ranked(betweenness, 4),
            "betweenness_estimated": sample is not None}


def components(network, listed: int = 10) -> dict:
    """Connected components (ignoring edge direction): how many, their sizes, the small ones named."""
    import networkx as nx

    parts = sorted(nx.weakly_connected_components(network), key=lambda c: (-len(c), min(c)))
    n = network.number_of_nodes()
    return {
        "count": len(parts),
        "largest": len(parts[0]) if parts else 0,
        "largest_share": round(len(parts[0]) / n, 4) if parts else 0.0,
        "sizes": [len(c) for c in parts],
        "isolated": sum(1 for c in parts if len(c) == 1),
        "small": [[{"id": short_id(node), "label": network.nodes[node].get("label", "")} for node in sorted(c)]
                  for c in parts[1:listed + 1]],
    }


def statistics(kg, network=None, top: int = 10) -> dict:
    """Everything `policing-kg stats` reports, as a JSON-ready dict."""
    network = network if network is not None else kg.networkx()
    records = _records(kg)
    return {
        "nodes": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "triples": len(kg.triples()),
        "classes": class_counts(network),
        "sources": source_counts(kg, network, records),
        "evidence": evidence_coverage(kg, records),
        "centrality": centrality(network, top),
        "components": components(network),
    }


def shortest_path(network, start: str, end: str, through_themes: bool = False) -> list[dict]:
    """The shortest chain of relations from `start` to `end` (ids, labels or aliases), edge direction ignored.

    Each step lists the relations between two consecutive nodes, as stated (subject, property,
    object), each with its evidence. Themes are not passed through unless `through_themes`:
    sharing a theme is not a relation between two bodies.
    """
    import networkx as nx

    a, b = find_node(network, start), find_node(network, end)
    allowed = {n for n, c in network.nodes(data="class") if through_themes or c != THEME} | {a, b}
    undirected = network.subgraph(allowed).to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(undirected, a, b)
    except nx.NetworkXNoPath:
        hint = "" if through_themes else " (try passing through themes)"
        raise NoPath(f"no chain of relations links {_name(network, a)} and {_name(network, b)}{hint}") from None
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        relations = []
        for s, o in ((u, v), (v, u)):
            for data in (network.get_edge_data(s, o) or {}).values():
                relations.append({
                    "subject": short_id(s), "subject_label": network.nodes[s]["label"],
                    "property": data["label"], "predicate": data["predicate"],
                    "object": short_id(o), "object_label": network.nodes[o]["label"],
                    "sources": [x for x in data.get("sources", "").split(SEPARATOR) if x],
                    "evidence": [line for line in data.get("evidence", "").split("\n") if line],
                })
        steps.append({"from": short_id(u), "from_label": network.nodes[u]["label"],
                      "to": short_id(v), "to_label": network.nodes[v]["label"], "relations": relations})
    return steps


def _name(network, node: str) -> str:
    data = network.nodes[node]
    return f"{data.get('label', node)} ({data.get('class_label', '')})"


def format_path(steps: list[dict]) -> str:
    if not steps:
        return "The two names are the same node."
    lines = [f"{steps[0]['from_label']} → {steps[-1]['to_label']}: {len(steps)} step{'s' if len(steps) != 1 else ''}"]
    for number, step in enumerate(steps, 1):
        for i, relation in enumerate(step["relations"]):
            prefix = f"{number}." if i == 0 else " " * len(f"{number}.")
            lines.append(f"{prefix} {relation['subject_label']} —{relation['property']}→ {relation['object_label']}")
            lines.extend(f"{' ' * (len(prefix) + 3)}{quote}" for quote in relation["evidence"] or ["(no evidence)"])
    return "\n".join(lines)


def _table(headers: list[str], rows: list[list], right: set[int] = frozenset()) -> list[str]:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values):
        return "  ".join(v.rjust(w) if i in right else v.ljust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]


def format_statistics(report: dict) -> str:
    """The statistics as text tables."""
    out = [f"{report['nodes']} nodes, {report['edges']} edges ({report['triples']} triples)", ""]
    evidence = report["evidence"]
    out.append(f"Records carrying evidence: {evidence['with_evidence']} of {evidence['records']} "
               f"({evidence['share']:.1%})")
    out.extend(f"  without evidence: {record}" for record in evidence["missing"])
    out += ["", "Nodes per class"]
    out += _table(["class", "nodes"], [[c["class"], c["nodes"]] for c in report["classes"]], {1})
    out += ["", "Per source document"]
    out += _table(["source", "kind", "date", "records", "evidenced", "nodes", "edges"],
                  [[s["source"], s["kind"], s["date"], s["records"], s["with_evidence"], s["nodes"], s["edges"]]
                   for s in report["sources"]], {3, 4, 5, 6})
    central = report["centrality"]
    for measure in ("degree", "betweenness"):
        estimated = " (estimated)" if measure == "betweenness" and central["betweenness_estimated"] else ""
        out += ["", f"Most central by {measure}{estimated}"]
        out += _table([measure, "label", "class", "id"],
                      [[c["score"], c["label"], c["class"], c["id"]] for c in central[measure]], {0})
    parts = report["components"]
    out += ["", f"Connected components: {parts['count']} (largest {parts['largest']} nodes, "
                f"{parts['largest_share']:.1%}; {parts['isolated']} isolated nodes)"]
    for part in parts["small"]:
        names = ", ".join(node["label"] for node in part[:5]) + (" …" if len(part) > 5 else "")
        out.append(f"  {len(part)}: {names}")
    return "\n".join(out)
