"""Network views a researcher can read: actors and their relations, drawn with vis-network.

    >>> kg = graph.load("data")
    >>> view = ego_view(kg, "Kent Police")
    >>> write_view(view, "kent.html", kg.vocabulary)   # one file, opens from disk, no network access

A view draws the folded network (graph.publish.folding): the actors (forces, units, bodies,
agencies, initiatives, people, posts, places) and the relations between them, with findings,
judgements, recommendations, statistics, quotations, inspections and documents folded into the
actors they concern: counted in the tooltip, listed with their evidence in the side panel, and
unfolded as nodes by a toggle. Views: the overview (every actor, laid out by community), an ego
view (`NAME`: the actors around one, ranked by how strongly they are tied to it, in batches of
`TIER` with "show more"), what one source document supports, what one theme tags, a CONSTRUCT
query's graph, each optionally filtered by classes and themes.

The page (assets/view.js) draws labels itself, the most important first and never two
overlapping, so the default zoom is legible at any size and more labels appear as one zooms in;
a click on a legend entry hides or shows a class; a click on a node opens the side panel (its
evidence, relations and facts, a link to its entity page; a double click opens the page);
search finds labels, aliases, ids and words of the folded facts, ignoring case, spaces and
punctuation ("predpol" finds 'pred pol').

Two ways to write a page:

- `write_view`: one self-contained file (vis-network, the script and the data inlined) for
  `policing-kg view`;
- `gallery_files`: the gallery `build` puts in the site (`site/views/`), every page a few KB
  over one shared `network.js` and the site's own `assets/` (one copy of vis-network).

Positions are computed in Python (graph.publish.layout), seeded; nodes, edges and JSON keys are
sorted: the same data gives byte-identical pages.

pyvis supplies vis-network (its packaged copy, so nothing is fetched); its page generator is not
used: it inlines the library into every page (700 KB a page, 347 MB for the 488 views at 118k
triples), cannot share one data file between pages, and has no hook for drawing the labels
ourselves, which is what keeps them from overlapping. Text from the graph reaches the page as JSON
with `<`, `>` and `&` escaped and is shown with textContent only.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.publish import layout
from graph.publish.folding import Folded, fold, is_folded
from graph.publish.network import SEPARATOR, local_name, network_of_triples, resolve_node, short_id
from graph.vocabulary import ONTOLOGY_NS

ASSETS = Path(__file__).parent / "assets"  # view.js and view.css
VIS_NETWORK = Path("templates") / "lib" / "vis-9.1.2" / "vis-network.min.js"  # inside pyvis's package
SEED = 7
TIER = 24  # actors per batch of an ego view: the first batch is drawn, "show more" adds the next
UNFOLD_LIMIT = 2000  # facts drawn as nodes at most when unfolded
QUOTE = 260  # characters of an evidence quote kept in a page (the entity page has it whole)
THEME = ONTOLOGY_NS + "Theme"
SOURCE_DOCUMENT = ONTOLOGY_NS + "SourceDocument"

# class (local name) -> (colour, vis-network shape); families share a shape.
STYLES: dict[str, tuple[str, str]] = {
    "PoliceForce": ("#1f77b4", "dot"),
    "PolicingBody": ("#17becf", "dot"),
    "Inspectorate": ("#9467bd", "dot"),
    "GovernmentBody": ("#8c564b", "dot"),
    "Organisation": ("#7f7f7f", "dot"),
    "Unit": ("#6baed6", "dot"),
    "Partnership": ("#c5b0d5", "dot"),
    "Person": ("#e377c2", "triangle"),
    "Post": ("#f7b6d2", "triangle"),
    "Initiative": ("#2ca02c", "diamond"),
    "Programme": ("#98df8a", "diamond"),
    "System": ("#bcbd22", "diamond"),
    "Tactic": ("#cedb9c", "diamond"),
    "LegalPower": ("#8c6d31", "diamond"),
    "Campaign": ("#e7ba52", "diamond"),
    "Policy": ("#ad494a", "diamond"),
    "Event": ("#ff9896", "triangleDown"),
    "Place": ("#637939", "triangleDown"),
    "Document": ("#843c39", "triangleDown"),
    "Inspection": ("#6b6ecf", "triangleDown"),
    "AssessedArea": ("#9c9ede", "triangleDown"),
    "Judgement": ("#d62728", "square"),
    "Finding": ("#ff7f0e", "square"),
    "Recommendation": ("#fdae6b", "square"),
    "AreaForImprovement": ("#e6550d", "square"),
    "Statistic": ("#31a354", "square"),
    "Quotation": ("#de9ed6", "square"),
    "Theme": ("#393b79", "star"),
    "SourceDocument": ("#525252", "hexagon"),
}
_PALETTE = ("#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#fd8d3c", "#74c476", "#9e9ac8", "#969696")
_GLYPHS = {"dot": "●", "square": "■", "diamond": "◆", "triangle": "▲", "triangleDown": "▼", "star": "★",
           "hexagon": "⬢"}
# Colours of communities (the page's "colour by community"); community 12 and beyond are grey.
COMMUNITY_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
                     "#bcbd22", "#393b79", "#637939", "#843c39")


def style(class_iri: str, vocabulary=None) -> tuple[str, str]:
    """(colour, shape) of a class: its own, else its nearest styled ancestor's, else a stable pick."""
    for iri in (vocabulary.types_of(class_iri) if vocabulary else (class_iri,)):
        if local_name(iri) in STYLES:
            return STYLES[local_name(iri)]
    digest = sum(map(ord, class_iri))
    return _PALETTE[digest % len(_PALETTE)], "dot"


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


# ------------------------------------------------------------------------------ the page's data


def _json(value) -> str:
    """JSON safe inside HTML (a <script> element or a .js file): no <, > or & in the text."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def network_data(folded: Folded, vocabulary, page_base: str, page_suffix: str, actors=None,
                 ego_pages: dict[str, str] | None = None) -> dict:
    """The folded network as the page's data (window.KG): classes, actors, facts and relations.

    `actors` limits it to some actors (a single page); `ego_pages` maps actors to the file of
    their ego view (the gallery), which the side panel links to. An entity's page is at
    page_base + its id + page_suffix.
    """
    network = folded.network
    chosen = folded.actors if actors is None else sorted(set(actors))
    index = {a: i for i, a in enumerate(chosen)}
    fact_list = sorted({f for a in chosen for f in folded.facts_of[a]})
    fact_index = {f: i for i, f in enumerate(fact_list)}
    class_index: dict[str, int] = {}
    classes: list[list[str]] = []

    def class_of(iri: str) -> int:
        if iri not in class_index:
            class_index[iri] = len(classes)
            classes.append([vocabulary.labels.get(iri, local_name(iri)) if vocabulary else local_name(iri),
                            *style(iri, vocabulary)])
        return class_index[iri]

    nodes = []
    for a in chosen:
        data = network.nodes[a]
        item = {"iri": a, "id": short_id(a), "l": _label(network, a), "c": class_of(data.get("class", "")),
                "k": folded.community.get(a, 0), "m": folded.importance.get(a, 0),
                "f": [fact_index[f] for f in folded.facts_of[a]]}
        if data.get("aliases"):
            item["a"] = data["aliases"]
        evidence = [_short(line, QUOTE) for line in data.get("evidence", "").split("\n") if line]
        if evidence:
            item["e"] = evidence[:6]
        if ego_pages and a in ego_pages:
            item["v"] = ego_pages[a]
        nodes.append(item)
    facts = []
    for f in fact_list:
        data = network.nodes[f]
        first = next((line for line in data.get("evidence", "").split("\n") if line), "")
        facts.append({"id": short_id(f), "l": _short(data.get("label", ""), 160), "c": class_of(data.get("class", "")),
                      "e": _short(first, QUOTE), "o": [index[o] for o in folded.folded_into[f] if o in index]})
    edges = []
    for r in folded.relations:
        if r.source in index and r.target in index:
            edges.append([index[r.source], index[r.target], ", ".join(dict.fromkeys(r.labels)), r.weight,
                          [fact_index[f] for f in r.shared if f in fact_index],
                          [_short(line, QUOTE) for line in r.evidence[:3]]])
    return {"classes": classes, "nodes": nodes, "facts": facts, "edges": edges, "pageBase": page_base,
            "pageSuffix": page_suffix, "egoViews": bool(ego_pages), "unfoldLimit": UNFOLD_LIMIT,
            "communityColours": list(COMMUNITY_PALETTE)}


def _view_data(view: View, data: dict) -> dict:
    index = {n["iri"]: i for i, n in enumerate(data["nodes"])}
    spec = {"nodes": [[index[a], x, y, b] for a, x, y, b in view.nodes],
            "centre": index[view.centre] if view.centre else None, "kind": view.kind}
    if view.facts is not None:
        fact_index = {f["id"]: i for i, f in enumerate(data["facts"])}
        spec["facts"] = sorted(fact_index[short_id(f)] for f in view.facts if short_id(f) in fact_index)
    return spec


# ------------------------------------------------------------------------------ the page


def vis_network_script() -> bytes:
    """pyvis's copy of vis-network, without its source-map comment (nothing to fetch)."""
    import pyvis

    script = (Path(pyvis.__file__).parent / VIS_NETWORK).read_bytes()
    return re.sub(rb"\n//# sourceMappingURL=\S*\s*$", b"\n", script)


def view_assets() -> dict[str, bytes]:
    """The files a gallery's pages load from its assets folder."""
    return {"vis-network.min.js": vis_network_script(), "view.js": (ASSETS / "view.js").read_bytes(),
            "view.css": (ASSETS / "view.css").read_bytes()}


def _legend(view: View, data: dict) -> list[tuple[int, str, str, str, int]]:
    index = {n["iri"]: n for n in data["nodes"]}
    counts: dict[int, int] = {}
    for a in view.actors:
        counts[index[a]["c"]] = counts.get(index[a]["c"], 0) + 1
    rows = []
    for c, count in sorted(counts.items(), key=lambda item: (-item[1], data["classes"][item[0]][0])):
        label, colour, shape = data["classes"][c]
        rows.append((c, label, colour, _GLYPHS.get(shape, "●"), count))
    return rows


def page(view: View, data: dict, assets: str | None = None, links: list[tuple[str, str]] = ()) -> str:
    """The HTML of a view over `data` (network_data). With `assets` (a relative folder holding
    vis-network.min.js, view.js and view.css), the page loads those and a shared network.js
    beside it; with None it is one self-contained file."""
    e = html.escape
    spec = _view_data(view, data)
    legend = "\n".join(
        f'<li data-class="{c}" role="button" aria-pressed="true" title="Click to hide or show">'
        f'<span class="kg-glyph" style="color:{colour}">{glyph}</span>{e(label)} ({count})</li>'
        for c, label, colour, glyph, count in _legend(view, data))
    batches = max((b for *_, b in view.nodes), default=0)
    nav = " · ".join(f'<a href="{e(href)}">{e(text)}</a>' for href, text in links)
    notes = "".join(f'<p class="kg-note">{e(note)}</p>' for note in view.notes)
    if assets is None:
        files = view_assets()
        head = f"<style>{files['view.css'].decode('utf-8')}</style>"
        scripts = (f"<script>{files['vis-network.min.js'].decode('utf-8')}</script>\n"
                   f"<script>window.KG = {_json(data)};</script>\n<script>window.KG_VIEW = {_json(spec)};</script>\n"
                   f"<script>{files['view.js'].decode('utf-8')}</script>")
    else:
        head = f'<link rel="stylesheet" href="{e(assets)}view.css">'
        scripts = (f'<script src="{e(assets)}vis-network.min.js"></script>\n<script src="network.js"></script>\n'
                   f'<script>window.KG_VIEW = {_json(spec)};</script>\n<script src="{e(assets)}view.js"></script>')
    more = '<button id="kg-more" type="button"></button>\n' if batches else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(view.title)} · policing-kg</title>
<link rel="icon" href="data:,">
{head}
</head>
<body class="kg-view" data-view="{e(view.kind)}" data-ready="false">
<div id="kg-panel">
{f'<nav>{nav}</nav>' if nav else ''}
<h1 id="kg-title">{e(view.title)}</h1>
<p>{e(view.description)}</p>
{notes}<p><span id="kg-count"></span> · {view.fact_count()} facts folded in.</p>
<label for="kg-search">Find</label>
<input id="kg-search" type="search" placeholder="name, alias, id or words of a fact" autocomplete="off">
<ul id="kg-matches"></ul>
<span id="kg-status" role="status"></span>
<div class="kg-controls">
{more}<button id="kg-fit" type="button">Fit to window</button>
<label><input id="kg-unfold" type="checkbox"> Unfold the facts as nodes</label>
<label><input id="kg-colour" type="checkbox"> Colour by community</label>
</div>
<strong>Classes</strong> <span class="kg-meta">(click to hide or show)</span>
<ul id="kg-legend">
{legend}
</ul>
<div id="kg-detail" hidden></div>
</div>
<div id="kg-main"><div id="kg-network"></div></div>
{scripts}
</body>
</html>
"""


def render(view: View, vocabulary=None, base: str = "") -> str:
    """The view as one self-contained HTML page; node links go to the entity IRIs (base + id)."""
    data = network_data(view.folded, vocabulary, base, "", actors=view.actors)
    text = page(view, data)
    problems = external_references(text)
    if problems:
        raise RuntimeError(f"the generated page would load from outside: {problems}")
    return text


_TAG_REFERENCE = re.compile(r"<(?:script|link|img|iframe|frame|embed|object|source|audio|video|track|image|use)\b"
                            r"[^>]*?\s(?:src|href|data|srcset|poster|xlink:href)\s*=\s*[\"']?\s*(?!data:|#)([^\"'\s>]+)",
                            re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.I | re.S)
_CSS_REFERENCE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)\s*(?!data:|#)([^\"')\s]+)", re.I)


def external_references(page: str) -> list[str]:
    """Every address (other than data:) the page's tags or styles would load."""
    found = [m.group(1) for m in _TAG_REFERENCE.finditer(page)]
    for block in _STYLE_BLOCK.findall(page):
        found += [m.group(1) for m in _CSS_REFERENCE.finditer(block)]
    return found


def write_view(view: View, path: str | Path, vocabulary=None, base: str = "") -> Path:
    """Render `view` as one self-contained file and write it to `path` atomically; returns the path."""
    from graph.rdf.exports import write_atomic

    path = Path(path)
    data = render(view, vocabulary, base).encode("utf-8")
    write_atomic(path, lambda: data)
    return path


# ------------------------------------------------------------------------------ the gallery


def discussed_forces(kg, network) -> list[str]:
    """The police forces that the source documents (not the reference lists) draw on or mention."""
    reference = {s.id for s in kg.corpus.sources.values() if s.kind in ("Dataset", "ReferenceNote")}
    return [node for node, data in sorted(network.nodes(data=True))
            if data.get("class") == ONTOLOGY_NS + "PoliceForce"
            and set(filter(None, data.get("sources", "").split(SEPARATOR))) - reference]


def has_ego_view(folded: Folded, actor: str) -> bool:
    """Whether the gallery draws an ego view of `actor` (it has a relation or a fact)."""
    return bool(folded.neighbours()[actor] or folded.facts_of[actor])


def gallery_page(folded: Folded, node: str, vocabulary) -> tuple[str, str] | None:
    """(file name in the gallery, title) of the view that draws `node`: an actor's ego view, the
    ego view of the actor a fact is folded into, a source's or a theme's view; None if none."""
    network = folded.network
    cls = network.nodes[node].get("class", "") if node in network else ""
    if SOURCE_DOCUMENT in vocabulary.types_of(cls):
        return f"source-{_slug(local_name(node))}.html", _label(network, node)
    if cls == THEME:
        return f"theme-{_slug(local_name(node))}.html", "Theme: " + _label(network, node)
    if node in folded.folded_into:
        owners = folded.folded_into[node]
        if not owners:
            return None
        node = max(owners, key=lambda a: (folded.importance[a], a))
    if node in folded.neighbours() and has_ego_view(folded, node):
        return f"ego-{_slug(short_id(node))}.html", _label(network, node)
    return None


def gallery_views(kg, network=None, folded: Folded | None = None) -> list[View]:
    """The overview; an ego view of every actor with a relation or a fact; a view per source
    document and per theme."""
    folded = folded_network(kg, network, folded)
    network = folded.network
    views = [overview(kg, folded=folded)]
    views += [ego_view(kg, a, 1, folded=folded) for a in folded.actors if has_ego_view(folded, a)]
    index = _SourceIndex(folded, kg.vocabulary)
    views += [source_view(kg, sid, folded=folded, index=index) for sid in sorted(kg.corpus.sources)]
    views += [theme_view(kg, t, folded=folded) for t, c in sorted(network.nodes(data="class")) if c == THEME]
    return views


@dataclass
class Card:
    """One entry of the gallery: a page, its title, what it shows, and a small preview (SVG)."""

    href: str
    title: str
    description: str
    preview: str  # SVG markup, made here from numbers and colours only
    section: str


def preview_svg(view: View, data: dict, width: int = 220, height: int = 140) -> str:
    """A small drawing of the view's first batch: dots and lines only (no text from the graph)."""
    index = {n["iri"]: n for n in data["nodes"]}
    shown = [(a, x, y) for a, x, y, b in view.nodes if b == 0]
    if not shown:
        return f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}"></svg>'
    xs, ys = [x for _, x, _ in shown], [y for _, _, y in shown]
    span = max(max(xs) - min(xs), max(ys) - min(ys) * 1.0, 1.0)
    scale = min((width - 16) / max(max(xs) - min(xs), 1.0), (height - 16) / max(max(ys) - min(ys), 1.0))
    scale = min(scale, 0.5 if len(shown) > 1 else 1.0) if span else 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    where = {a: (round(width / 2 + (x - cx) * scale, 1), round(height / 2 + (y - cy) * scale, 1)) for a, x, y in shown}
    lines = []
    for r in view.folded.relations:
        if r.source in where and r.target in where:
            (x1, y1), (x2, y2) = where[r.source], where[r.target]
            lines.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    top = max((view.folded.importance.get(a, 0) for a, *_ in shown), default=1) or 1
    dots = []
    for a, *_ in shown:
        x, y = where[a]
        colour = data["classes"][index[a]["c"]][1]
        radius = round(1.5 + 4 * math.sqrt(view.folded.importance.get(a, 0) / top), 1)
        dots.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}"/>')
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-hidden="true">'
            f'<g stroke="#c3cad1" stroke-width="0.6">{"".join(lines)}</g><g>{"".join(dots)}</g></svg>')


def gallery_files(kg, network=None, folded: Folded | None = None, assets: str = "../assets/",
                  page_base: str = "../", page_suffix: str = ".html", extra_cards: list[Card] = (),
                  site_links: bool = True) -> dict[str, bytes]:
    """The gallery's files, by path inside its folder: every view, network.js and index.html.

    Pages load vis-network, view.js and view.css from `assets` (the site's assets folder) and
    link nodes to entity pages at `page_base` + id + ".html" (the site's pages).
    """
    folded = folded_network(kg, network, folded)
    views = gallery_views(kg, folded=folded)
    ego_pages = {v.centre: f"{v.name}.html" for v in views if v.kind == "ego"}
    data = network_data(folded, kg.vocabulary, page_base, page_suffix, ego_pages=ego_pages)
    files: dict[str, bytes] = {"network.js": f"window.KG = {_json(data)};\n".encode()}
    links = [("index.html", "All views"), ("overview.html", "Overview")]
    if site_links:
        links.append((page_base + "index.html", "Entity pages"))
    cards = []
    forces = {ONTOLOGY_NS + "PoliceForce"}
    for view in views:
        page_links = list(links)
        if view.centre and site_links:
            page_links.append((page_base + short_id(view.centre) + ".html", "Its page"))
        files[f"{view.name}.html"] = page(view, data, assets, page_links).encode("utf-8")
        if view.kind == "overview":
            section = "Overview"
        elif view.kind == "ego":
            section = "Police forces" if folded.network.nodes[view.centre].get("class") in forces else "Other actors"
        else:
            section = {"source": "Source documents", "theme": "Themes"}.get(view.kind, "Views")
        cards.append(Card(f"{view.name}.html", view.title, view.summary(), preview_svg(view, data), section))
    files["index.html"] = gallery_index([*cards, *extra_cards], assets).encode("utf-8")
    return dict(sorted(files.items()))


SECTIONS = ("Overview", "Police forces", "Grades over time", "Other actors", "Themes", "Source documents")


def gallery_index(cards: list[Card], assets: str) -> str:
    """The gallery: a page of cards, each with a small preview, grouped in sections."""
    e = html.escape
    by_section: dict[str, list[Card]] = {}
    for card in cards:
        by_section.setdefault(card.section, []).append(card)
    order = [s for s in SECTIONS if s in by_section] + sorted(set(by_section) - set(SECTIONS))
    parts = []
    for section in order:
        chosen = sorted(by_section[section], key=lambda c: (c.title.casefold(), c.href))
        items = "\n".join(
            f'<li class="card"><a href="{e(c.href)}">{c.preview}<span class="card-title">{e(c.title)}</span></a>'
            f'<span class="card-note">{e(c.description)}</span></li>' for c in chosen)
        parts.append(f'<section><h2 id="{_slug(section)}">{e(section)} <small>({len(chosen)})</small></h2>\n'
                     f'<ul class="cards">\n{items}\n</ul></section>')
    toc = " · ".join(f'<a href="#{_slug(s)}">{e(s)}</a>' for s in order)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Views · policing-kg</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{e(assets)}view.css">
</head>
<body class="kg-gallery">
<header><h1>Policing knowledge graph: views</h1>
<p>Interactive network pictures of the graph, generated by <code>policing-kg build</code>; they work offline.
Actors are nodes; findings, judgements, recommendations, quotations and statistics are folded into them.
<a href="../index.html">Entity pages</a></p>
<nav>{toc}</nav></header>
{"".join(parts)}
</body>
</html>
"""


def write_gallery(kg, out_dir: str | Path, network=None, folded: Folded | None = None) -> list[Path]:
    """Write the gallery to a folder of its own (with an assets/ folder inside); returns the
    paths written, index.html last. `build` puts the gallery inside the site instead."""
    from graph.rdf.exports import write_atomic

    out = Path(out_dir)
    files = {f"assets/{name}": data for name, data in view_assets().items()}
    files.update(gallery_files(kg, network, folded, assets="assets/", page_base=kg.base, page_suffix="",
                               site_links=False))
    written = []
    for name, data in files.items():
        write_atomic(out / name, lambda data=data: data)
        written.append(out / name)
    written.sort(key=lambda p: p.name == "index.html")
    return written
