"""The network as a researcher reads it: actors and their relations, with the facts folded in.

`to_networkx` gives one node per entity *and* per fact (finding, judgement, quotation, ...), so
a drawing of it is dominated by facts: 151 findings around a handful of bodies in the seed data,
1,548 judgements at national scale. `fold` keeps as nodes the actors (forces, units, bodies,
agencies, initiatives, people, posts, places, events) and folds every fact, inspection,
assessed area, theme and source document into the actors it links to:

- each actor carries the list of its folded facts (shown as counts and lists in the views);
- two actors that share a fact (a finding about Kent Police that concerns the probation service,
  a statistic comparing two forces, an inspection of a force by the inspectorate) are joined by
  one "shared facts" edge, weighted by how many they share, so nothing is left unconnected only
  because what links it was folded;
- communities are found on the folded graph with networkx's Louvain method, seeded, on nodes and
  edges added in sorted order, so the same graph gives the same communities.

Everything is ordered (sorted ids, sorted edges), so what is drawn from it is deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from graph.publish.network import SEPARATOR
from graph.vocabulary import ONTOLOGY_NS

# Classes (and their subclasses) folded into the actors they link to.
FOLDED_CLASSES = ("Judgement", "Finding", "Recommendation", "AreaForImprovement", "CauseOfConcern", "Statistic",
                  "Quotation", "Inspection", "AssessedArea", "Theme", "SourceDocument")
# A fact linking more actors than this is folded into each but draws no shared-facts edges (a
# press release naming 43 forces would otherwise join them all pairwise).
MAX_SHARED = 6
CONCEPTS = ("#Theme", "#AssessedArea")  # shared by many facts: tags, not facts
SEED = 7


@dataclass
class Relation:
    """An edge between two actors: the relations stated between them, or the facts they share."""

    source: str
    target: str
    labels: list[str]  # the properties' labels, one per stated relation ("unit of", ...)
    predicates: list[str]
    evidence: list[str]  # evidence lines
    sources: list[str]  # source document ids
    shared: list[str] = field(default_factory=list)  # facts both ends share (a shared-facts edge)

    @property
    def weight(self) -> int:
        return len(self.predicates) + len(self.shared)


@dataclass
class Folded:
    """Actors, the facts folded into each, the relations between actors, and communities."""

    network: object  # the full MultiDiGraph (graph.network.to_networkx)
    actors: list[str]  # sorted
    facts: list[str]  # sorted: every folded node
    folded_into: dict[str, list[str]]  # fact -> actors it is folded into (sorted)
    facts_of: dict[str, list[str]]  # actor -> its facts (sorted)
    relations: list[Relation]  # sorted by (source, target)
    community: dict[str, int]  # actor -> community number (0 = largest)
    importance: dict[str, float]  # actor -> weighted degree + log of its facts

    _graph: object = None
    _neighbours: dict | None = None

    def graph(self):
        """The folded graph as an undirected weighted networkx Graph (sorted insertion; kept)."""
        import networkx as nx

        if self._graph is not None:
            return self._graph
        g = self._graph = nx.Graph()
        g.add_nodes_from(self.actors)
        for r in self.relations:
            if g.has_edge(r.source, r.target):
                g[r.source][r.target]["weight"] += r.weight
            else:
                g.add_edge(r.source, r.target, weight=r.weight)
        return g

    def neighbours(self) -> dict[str, dict[str, float]]:
        """actor -> {neighbour: weight of the ties between them} (kept; do not change it)."""
        if self._neighbours is not None:
            return self._neighbours
        found: dict[str, dict[str, float]] = {a: {} for a in self.actors}
        self._neighbours = found
        for r in self.relations:
            found[r.source][r.target] = found[r.source].get(r.target, 0) + r.weight
            found[r.target][r.source] = found[r.target].get(r.source, 0) + r.weight
        return found


def is_folded(class_iri: str, vocabulary) -> bool:
    wanted = {ONTOLOGY_NS + name for name in FOLDED_CLASSES}
    return bool(wanted & set(vocabulary.types_of(class_iri) if vocabulary else (class_iri,)))


def fold(network, vocabulary) -> Folded:
    """Fold the facts of `network` into its actors (see the module's docstring)."""
    classes = dict(network.nodes(data="class"))
    folded = {n for n in sorted(network) if is_folded(classes.get(n, ""), vocabulary)}
    actors = sorted(set(network) - folded)
    # A fact is folded into the actors one or two steps from it through other folded nodes
    # (a judgement reaches its force directly, a finding through its inspection's force only
    # when it names no actor itself). Themes and assessed areas are concepts that many facts
    # share ("How good is the force at investigating crime?" for every force): never a route,
    # and not folded into anyone, so that two forces graded on one question are not "related".
    undirected = network.to_undirected(as_view=True)
    concepts = {n for n in folded if classes.get(n, "").endswith(CONCEPTS)}

    def actor_neighbours(node: str) -> set[str]:
        return {m for m in undirected[node] if m not in folded}

    folded_into: dict[str, list[str]] = {}
    for fact in sorted(folded):
        if fact in concepts:
            folded_into[fact] = []
            continue
        near = actor_neighbours(fact)
        if not near:
            for via in sorted(undirected[fact]):
                if via in folded and via not in concepts:
                    near |= actor_neighbours(via)
        folded_into[fact] = sorted(near)
    facts_of: dict[str, list[str]] = {a: [] for a in actors}
    for fact, owners in folded_into.items():
        for owner in owners:
            facts_of[owner].append(fact)

    stated: dict[tuple[str, str], Relation] = {}
    for u, v, data in sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))):
        if u in folded or v in folded or u == v:
            continue
        relation = stated.setdefault((u, v), Relation(u, v, [], [], [], []))
        relation.labels.append(data.get("label", ""))
        relation.predicates.append(data.get("predicate", ""))
        relation.evidence += [line for line in data.get("evidence", "").split("\n") if line]
        relation.sources += [s for s in data.get("sources", "").split(SEPARATOR) if s]
    shared: dict[tuple[str, str], list[str]] = {}
    for fact, owners in folded_into.items():
        if 2 <= len(owners) <= MAX_SHARED:
            for i, a in enumerate(owners):
                for b in owners[i + 1:]:
                    if (a, b) not in stated and (b, a) not in stated:
                        shared.setdefault((a, b), []).append(fact)
    relations = list(stated.values())
    relations += [Relation(a, b, [], [], [], [], facts) for (a, b), facts in shared.items()]
    relations.sort(key=lambda r: (r.source, r.target, not r.predicates))
    for r in relations:
        r.sources = sorted(set(r.sources))
        r.evidence = list(dict.fromkeys(r.evidence))
    result = Folded(network, actors, sorted(folded), folded_into, facts_of, relations, {}, {})
    weights = result.neighbours()
    result.importance = {a: round(sum(weights[a].values()) + math.log1p(len(facts_of[a])), 3) for a in actors}
    result.community = communities(result.graph())
    return result


def communities(g, seed: int = SEED) -> dict[str, int]:
    """node -> community number, by Louvain modularity (seeded); numbered largest first, ties by
    their first node; a node without edges is its own community."""
    import networkx as nx

    found = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else []
    groups = [sorted(c) for c in found]
    covered = {n for c in groups for n in c}
    groups += [[n] for n in sorted(g) if n not in covered]
    groups.sort(key=lambda c: (-len(c), c[0]))
    return {n: number for number, c in enumerate(groups) for n in c}
