"""Network views a researcher can read: which actors a view draws, where, and in what batches.

    >>> kg = graph.load("data")
    >>> view = ego_view(kg, "Kent Police")
    >>> write_view(view, "kent.html", kg.vocabulary)   # graph.publish.view_page: one file, opens from disk

A view draws the folded network (graph.publish.folding): the actors (forces, units, bodies,
agencies, initiatives, people, posts, places) and the relations between them, with findings,
judgements, recommendations, statistics, quotations, inspections and documents folded into the
actors they concern: counted in the tooltip, listed with their evidence in the side panel, and
unfolded as nodes by a toggle. Views: the overview (every actor, laid out by community), an ego
view (`NAME`: the actors around one, ranked by how strongly they are tied to it, in batches of
`TIER` with "show more"), what one source document supports, what one theme tags, a CONSTRUCT
query's graph, each optionally filtered by classes and themes.

This module chooses; graph.publish.view_page turns a view into a page (the data the page reads,
the HTML, one self-contained file) and graph.publish.gallery writes the gallery of every view
that `build` puts in the site. Positions are computed in Python (graph.publish.layout), seeded;
the same data gives the same views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.publish import layout
from graph.publish.folding import Folded, fold, is_folded
from graph.publish.network import SEPARATOR, local_name, network_of_triples, resolve_node, short_id
from graph.vocabulary import ONTOLOGY_NS

SEED = 7
TIER = 24  # actors per batch of an ego view: the first batch is drawn, "show more" adds the next
THEME = ONTOLOGY_NS + "Theme"
SOURCE_DOCUMENT = ONTOLOGY_NS + "SourceDocument"


@dataclass
class View:
    """What a page draws: actors of a folded network with their positions and batches.

    `nodes` are (actor, x, y, batch); batch 0 is drawn when the page opens, the others one by
    one with "show more". `facts` limits the facts shown (those of one source or theme);
    None shows every fact of the actors drawn. `centre` is the actor an ego view is about.
    """

    name: str  # a file-name stem
    title: str
    description: str
    folded: Folded
    nodes: list[tuple[str, float, float, int]]
    centre: str | None = None
    facts: list[str] | None = None
    kind: str = "overview"  # overview, ego, source, theme, query
    notes: list[str] = field(default_factory=list)  # what the choice of the view said (picked, filtered)

    @property
    def actors(self) -> list[str]:
        return [node for node, *_ in self.nodes]

    @property
    def network(self):
        """The drawn actors and their relations as a networkx Graph (for counting and tests)."""
        return self.folded.graph().subgraph(self.actors)

    def fact_count(self) -> int:
        if self.facts is not None:
            return len(self.facts)
        return len({f for a in self.actors for f in self.folded.facts_of[a]})

    def summary(self) -> str:
        return (f"{len(self.nodes)} actors, {self.network.number_of_edges()} relations, "
                f"{self.fact_count()} facts folded in")


def default_file_name(name: str | None, view: View) -> str:
    """What `policing-kg view` writes without -o: NAME in lower case with hyphens, .html."""
    return f"{_slug(name)}.html" if name else f"{view.name}.html"


SIZES = ("degree", "betweenness")


def rank_by(folded: Folded, size_by: str, seed: int = SEED) -> None:
    """Make betweenness (on the folded graph; sampled above 1,000 actors, seeded) what sizes the
    nodes, orders the labels and breaks ties in an ego view, instead of the weighted degree."""
    import networkx as nx

    if size_by not in SIZES:
        raise ValueError(f"size_by must be one of {', '.join(SIZES)}")
    if size_by == "betweenness":
        g = folded.graph()
        k = 500 if g.number_of_nodes() > 1000 else None
        scores = nx.betweenness_centrality(g, k=k, seed=seed)
        folded.importance = {a: round(1000 * scores.get(a, 0.0), 3) for a in folded.actors}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "view"


def _label(network, node: str) -> str:
    return " ".join(network.nodes[node].get("label", "").split())


# ------------------------------------------------------------------------------ choosing a view


def folded_network(kg, network=None, folded: Folded | None = None) -> Folded:
    if folded is not None:
        return folded
    return fold(network if network is not None else kg.networkx(), kg.vocabulary)


def overview(kg, network=None, folded: Folded | None = None, title: str = "Policing knowledge graph",
             seed: int = SEED) -> View:
    """Every actor, laid out by community; facts folded in."""
    folded = folded_network(kg, network, folded)
    positions = layout.clustered(folded.graph(), folded.community, seed)
    nodes = [(a, *positions[a], 0) for a in folded.actors]
    view = View("overview", title, "", folded, nodes)
    view.description = (f"Every actor and the relations between them, laid out by community; {view.fact_count()} "
                        "findings, judgements, recommendations, quotations, statistics, inspections and "
                        "documents are folded into the actors they concern.")
    return view


def ranked_neighbours(folded: Folded, centre: str, depth: int) -> list[list[tuple[str, str]]]:
    """The actors within `depth` relations of `centre`, a list per distance of (actor, the actor
    it hangs from), each ranked by the weight of that tie (stated relations and shared facts),
    then by the actor's importance, then by id."""
    neighbours = folded.neighbours()
    seen, frontier, layers = {centre}, [centre], []
    for _ in range(depth):
        best: dict[str, tuple[tuple, str]] = {}
        for parent in frontier:
            for other, weight in neighbours[parent].items():
                if other in seen:
                    continue
                key = (-weight, -folded.importance[other], other)
                if other not in best or key < best[other][0]:
                    best[other] = (key, parent)
        layer = [(other, parent) for other, (key, parent) in sorted(best.items(), key=lambda item: item[1][0])]
        if not layer:
            break
        layers.append(layer)
        seen |= set(best)
        frontier = [other for other, _ in layer]
    return layers


def ego_view(kg, name: str, depth: int = 1, network=None, folded: Folded | None = None, tier: int = TIER) -> View:
    """`name` (id, label or alias) and the actors within `depth` relations of it, most related first.

    A fact (a finding, a judgement, ...) is drawn in the ego view of the actor it is folded into;
    a theme or a source document gets its own view. Raises NameNotFound for an unknown name.
    """
    folded = folded_network(kg, network, folded)
    network = folded.network
    node, others = resolve_node(network, name)
    notes = _picked(network, name, node, [n for n in others if n not in folded.folded_into])
    cls = network.nodes[node].get("class", "")
    if SOURCE_DOCUMENT in kg.vocabulary.types_of(cls):
        view = source_view(kg, local_name(node), folded=folded)
        view.notes[:0] = notes
        return view
    if cls == THEME:
        view = theme_view(kg, node, folded=folded)
        view.notes[:0] = notes
        return view
    centre = node
    if node in folded.folded_into:
        owners = folded.folded_into[node]
        if not owners:
            raise ValueError(f"{short_id(node)} ({_label(network, node)}) is linked to no actor: nothing to draw")
        centre = max(owners, key=lambda a: (folded.importance[a], a))
        notes.append(f"{short_id(node)} is a {network.nodes[node].get('class_label', 'fact')} folded into "
                     f"{short_id(centre)}; drawing {_label(network, centre)}")
    layers = ranked_neighbours(folded, centre, depth)
    rings = [layer[start:start + tier] for layer in layers for start in range(0, len(layer), tier)]
    groups = {a: network.nodes[a].get("class_label", "") for layer in layers for a, _ in layer}
    positions = layout.radial(centre, rings, groups)
    nodes = [(centre, *positions[centre], 0)]
    batch = 0
    for ring in rings:
        nodes += [(a, *positions[a], batch) for a, _ in ring]
        batch += 1
    label = _label(network, centre)
    total = len(nodes) - 1
    shown = sum(1 for *_, b in nodes[1:] if b == 0)
    more = f"; {shown} most related drawn, 'Show more' adds {tier} at a time" if total > shown else ""
    return View("ego-" + _slug(short_id(centre)), label,
                f"{label} ({network.nodes[centre].get('class_label', '')}) and the {total} actors within {depth} "
                f"relation{'s' if depth != 1 else ''} of it{more}.", folded, nodes, centre=centre, kind="ego",
                notes=notes)


def _picked(network, name: str, node: str, others: list[str]) -> list[str]:
    if not others:
        return []
    also = "; ".join(f"{short_id(n)} ({_short(_label(network, n), 60)}, {network.nodes[n].get('class_label', '')})"
                     for n in others[:4])
    return [f"{name!r}: drawing {short_id(node)} ({_label(network, node)}, "
            f"{network.nodes[node].get('class_label', '')}). Did you mean another? {also}. "
            "Give its id to draw it."]


def _subset_view(folded: Folded, name: str, title: str, description: str, facts: list[str], actors: set[str],
                 kind: str) -> View:
    g = folded.graph().subgraph(sorted(actors))
    positions = layout.clustered(g, folded.community)
    return View(name, title, description, folded, [(a, *positions[a], 0) for a in sorted(actors)],
                facts=sorted(facts), kind=kind)


class _SourceIndex:
    """Which facts, actors and relations each source document supports (one pass over the network)."""

    def __init__(self, folded: Folded, vocabulary):
        network = folded.network
        self.documents = {local_name(n): n for n, c in network.nodes(data="class")
                          if SOURCE_DOCUMENT in vocabulary.types_of(c)}
        self.facts: dict[str, list[str]] = {}
        self.actors: dict[str, set[str]] = {}
        for f in folded.facts:
            for sid in filter(None, network.nodes[f].get("sources", "").split(SEPARATOR)):
                self.facts.setdefault(sid, []).append(f)
                self.actors.setdefault(sid, set()).update(folded.folded_into[f])
        for a in folded.actors:
            for sid in filter(None, network.nodes[a].get("sources", "").split(SEPARATOR)):
                self.actors.setdefault(sid, set()).add(a)
        for r in folded.relations:
            for sid in r.sources:
                self.actors.setdefault(sid, set()).update((r.source, r.target))


def source_view(kg, source: str, network=None, folded: Folded | None = None, index: _SourceIndex | None = None
                ) -> View:
    """The actors a source document draws on or mentions, and the facts it supports."""
    folded = folded_network(kg, network, folded)
    network = folded.network
    key = source.removeprefix("source/")
    index = index or _SourceIndex(folded, kg.vocabulary)
    documents = index.documents
    if key not in documents:
        node, _ = resolve_node(network.subgraph(documents.values()), source)
        key = local_name(node)
    facts = [f for f in index.facts.get(key, []) if f != documents[key]]
    return _subset_view(folded, "source-" + _slug(key), _label(network, documents[key]),
                        f"The actors the source document {key} draws on or mentions, and the {len(facts)} facts "
                        "it supports.", facts, index.actors.get(key, set()), "source")


def theme_view(kg, theme: str, network=None, folded: Folded | None = None) -> View:
    """The facts tagged with a theme, folded into the actors they concern."""
    folded = folded_network(kg, network, folded)
    network = folded.network
    node = _theme(network, theme)
    facts = sorted({u for u, _, p in network.in_edges(node, data="predicate") if p == ONTOLOGY_NS + "theme"}
                   | {u for u, _ in network.in_edges(node) if u in folded.folded_into})
    actors = {a for f in facts for a in folded.folded_into.get(f, ())}
    actors |= {u for u, _ in network.in_edges(node) if u not in folded.folded_into}
    label = _label(network, node)
    return _subset_view(folded, "theme-" + _slug(local_name(node)), f"Theme: {label}",
                        f"The {len(facts)} facts tagged '{label}', folded into the actors they concern.",
                        [f for f in facts if f in folded.folded_into], actors, "theme")


def _theme(network, name: str) -> str:
    themes = network.subgraph([n for n, c in network.nodes(data="class") if c == THEME])
    node, _ = resolve_node(themes, name.removeprefix("theme/"))
    return node


def construct_view(kg, query: str, network=None, bindings: dict[str, str] | None = None) -> View:
    """The graph a SPARQL CONSTRUCT query builds: `query` is a file, a catalogue name or the query text.

    The query goes through graph.sparql like any other (the same checks: no SERVICE, LOAD or
    outside FROM), with the project's prefixes and the union of the named graphs as its default
    graph. A catalogue query's parameters take their defaults unless `bindings` sets them. Nodes
    take their labels, classes and evidence from the full network; the result is folded like
    the whole graph.
    """
    from graph.sparql.catalogue import get, load_catalogue
    from graph.sparql.engines import Engine

    path = Path(query)
    if len(query) < 1000 and "\n" not in query and path.suffix == ".rq" and path.is_file():
        text, name, values = path.read_text(encoding="utf-8"), path.stem, dict(bindings or {})
    elif re.fullmatch(r"[\w.-]+", query):
        entry = get(query.removesuffix(".rq"), load_catalogue())
        text, name, values = entry.text, entry.name, entry.bindings(bindings)
    else:
        text, name, values = query, "query", dict(bindings or {})
    result = Engine(kg).run(text, values)
    if result.kind != "graph":
        raise ValueError(f"{name} is not a CONSTRUCT (or DESCRIBE) query: only a graph can be drawn")
    full = network if network is not None else kg.networkx()
    drawn = network_of_triples(result.rdf_triples(), full, kg.vocabulary)
    folded = fold(drawn, kg.vocabulary)
    shown = ", ".join(f"{var}={value}" for var, value in sorted(values.items()))
    view = overview(kg, folded=folded, title=f"Query: {name}" + (f" ({shown})" if shown else ""))
    view.name, view.kind = "query-" + _slug(name), "query"
    view.description = f"The graph built by the query {name}, facts folded into the actors they concern."
    return view


def filter_view(view: View, vocabulary, classes=(), themes=()) -> View:
    """Keep the actors of the given classes (by label or name, subclasses included), or those with
    facts of a given fact class, and/or those with facts tagged with the given themes."""
    folded, network = view.folded, view.folded.network
    keep = set(view.actors)
    facts = set(view.facts) if view.facts is not None else {f for a in keep for f in folded.facts_of[a]}
    notes = []
    if themes:
        chosen = {_theme(network, name) for name in themes}
        tagged = {u for t in chosen for u, _ in network.in_edges(t) if u in folded.folded_into}
        facts &= tagged
        keep &= {a for f in facts for a in folded.folded_into[f]}
        notes.append("themes: " + ", ".join(sorted(_label(network, t) for t in chosen)))
    if classes:
        wanted = {_class_iri(name, vocabulary, network) for name in classes}
        fact_classes = {c for c in wanted if is_folded(c, vocabulary)}

        def of(node: str) -> bool:
            return bool(wanted & set(vocabulary.types_of(network.nodes[node].get("class", ""))))

        if fact_classes:
            facts = {f for f in facts if of(f)}
        keep = {a for a in keep if of(a) or (fact_classes and any(f in facts for f in folded.facts_of[a]))}
        notes.append("classes: " + ", ".join(sorted(vocabulary.labels.get(c, local_name(c)) for c in wanted)))
    nodes = [item for item in view.nodes if item[0] in keep]
    if view.kind != "ego":  # lay the remaining actors out again, tighter
        positions = layout.clustered(folded.graph().subgraph(sorted(keep)), folded.community)
        nodes = [(a, *positions[a], 0) for a in sorted(keep)]
    return View(view.name + "-filtered", view.title, view.description + " Filtered by " + "; ".join(notes) + ".",
                folded, nodes, centre=view.centre if view.centre in keep else None, facts=sorted(facts),
                kind=view.kind, notes=[*view.notes, *notes])


def _class_iri(name: str, vocabulary, network) -> str:
    def norm(value: str) -> str:
        return re.sub(r"[\s_-]+", "", value).casefold()

    known = {c for _, c in network.nodes(data="class")} | {t.iri for t in vocabulary.record_types.values()}
    known |= {a for c in list(known) for a in vocabulary.types_of(c) if a.startswith(ONTOLOGY_NS)}
    for iri in sorted(known):
        if norm(name) in {norm(local_name(iri)), norm(vocabulary.labels.get(iri, ""))}:
            return iri
    choices = sorted({vocabulary.labels.get(c, local_name(c)) for c in known})
    raise ValueError(f"unknown class {name!r}; choose from: {', '.join(choices)}")


def choose_view(kg, name: str | None = None, depth: int = 1, classes=(), themes=(), query: str | None = None,
                bindings: dict[str, str] | None = None, source: str | None = None, network=None,
                size_by: str = "degree", seed: int = SEED) -> View:
    """The view `policing-kg view` draws: one of query, source, NAME's ego network or the overview,
    then filtered by classes and themes. Raises NameNotFound or ValueError with a helpful message."""
    if sum(bool(x) for x in (name, query, source)) > 1:
        raise ValueError("choose one of NAME, --query and --source")
    if query:
        chosen = construct_view(kg, query, network, bindings)
    else:
        folded = folded_network(kg, network)
        if size_by != "degree":
            rank_by(folded, size_by, seed)
        if source:
            chosen = source_view(kg, source, folded=folded)
        elif name:
            chosen = ego_view(kg, name, depth, folded=folded)
        else:
            chosen = overview(kg, folded=folded, seed=seed)
    if classes or themes:
        chosen = filter_view(chosen, kg.vocabulary, classes, themes)
    return chosen


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

