"""Interactive views of the graph: self-contained HTML pages drawn with pyvis over vis-network.

    >>> kg = graph.load("data")
    >>> view = ego_view(kg, "Serious Crime Directorate", depth=2)
    >>> write_view(view, "scd.html")         # one file, opens from disk with no network access

A view is a subgraph of `kg.networkx()` (the one conversion of the RDF to networkx) with a
title: the whole graph, an ego network, the result of a CONSTRUCT query, what one source
document supports, optionally filtered by classes and themes. `render` turns it into HTML:

- vis-network's JavaScript and CSS are inlined; the Bootstrap links pyvis 0.3.2 adds even with
  cdn_resources="in_line" are removed, and the page is checked for any remaining reference to
  load from outside (`external_references`).
- Text from the graph is never HTML: labels are drawn on the canvas, tooltips are built with
  `textContent`, the JSON is embedded with `<`, `>` and `&` escaped, and tooltips are not passed
  in pyvis's `title` (a title containing "href" switches pyvis to a popup that sets innerHTML).
- Node colour and shape by class (legend on the page), size by degree or betweenness, edge
  labels from the properties' labels, a search box that finds and focuses a node.
- Deterministic: nodes and edges are sorted, vis-network's random seed is fixed, and above
  `LAYOUT_THRESHOLD` nodes (or with layout="fixed") positions are computed once in Python
  (seeded Fruchterman-Reingold) and physics is switched off, so large views open at once.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.publish.network import SEPARATOR, find_node, local_name, network_of_triples, short_id
from graph.vocabulary import ONTOLOGY_NS

LAYOUT_THRESHOLD = 150  # above this many nodes, positions are precomputed and physics is off
SIZES = ("degree", "betweenness")
LAYOUTS = ("auto", "physics", "fixed")
SEED = 7
THEME = ONTOLOGY_NS + "Theme"
SOURCE_DOCUMENT = ONTOLOGY_NS + "SourceDocument"
_LABEL_LENGTH = 40

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


@dataclass
class View:
    """A subgraph to draw, with a title. `focus` is a node to select when the page opens."""

    title: str
    network: object  # networkx MultiDiGraph with the attributes of graph.publish.network.to_networkx
    description: str = ""
    focus: str | None = None
    name: str = "view"  # a file-name stem
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ choosing a view


def _network(kg, network):
    return network if network is not None else kg.networkx()


def overview(kg, network=None) -> View:
    network = _network(kg, network)
    return View("Policing knowledge graph", network, "The whole graph.", name="overview")


def ego_view(kg, name: str, depth: int = 1, network=None, through_themes: bool = False) -> View:
    """`name` (id, label or alias) and everything within `depth` relations of it.

    Themes are included but not expanded (a theme links every finding tagged with it), unless
    `through_themes` or the centre is itself a theme. Raises NameNotFound for an unknown or
    ambiguous name.
    """
    network = _network(kg, network)
    centre = find_node(network, name)
    undirected = network.to_undirected(as_view=True)
    seen, frontier = {centre}, [centre]
    for _ in range(depth):
        following = []
        for node in frontier:
            if node != centre and not through_themes and network.nodes[node].get("class") == THEME:
                continue
            for neighbour in sorted(undirected[node]):
                if neighbour not in seen:
                    seen.add(neighbour)
                    following.append(neighbour)
        frontier = following
    label = network.nodes[centre]["label"]
    return View(label, network.subgraph(seen).copy(),
                f"Everything within {depth} relation{'s' if depth != 1 else ''} of {label} "
                f"({network.nodes[centre]['class_label']}, {short_id(centre)}).",
                focus=centre, name="ego-" + _slug(short_id(centre)))


def source_view(kg, source: str, network=None) -> View:
    """Everything one source document supports: the nodes and edges drawn from or mentioned in it."""
    network = _network(kg, network)
    documents = {local_name(n): n for n, c in network.nodes(data="class")
                 if SOURCE_DOCUMENT in kg.vocabulary.types_of(c)}
    key = source.removeprefix("source/")
    if key not in documents:
        key = local_name(find_node(network.subgraph(documents.values()), source))
    edges = [(u, v, k) for u, v, k, s in network.edges(keys=True, data="sources")
             if key in (s or "").split(SEPARATOR)]
    nodes = {n for n, s in network.nodes(data="sources") if key in (s or "").split(SEPARATOR)}
    nodes |= {n for u, v, _ in edges for n in (u, v)}
    view = network.edge_subgraph(edges).copy()
    view.add_nodes_from((n, network.nodes[n]) for n in sorted(nodes - set(view)))
    document = documents[key]
    return View(network.nodes[document]["label"], view, f"Everything the source document {key} supports.",
                focus=document if document in view else None, name="source-" + _slug(key))


def construct_view(kg, query: str, network=None, bindings: dict[str, str] | None = None) -> View:
    """The graph a SPARQL CONSTRUCT query builds: `query` is a file, a catalogue name or the query text.

    The query goes through graph.sparql like any other (the same checks: no SERVICE, LOAD or
    outside FROM), with the project's prefixes and the union of the named graphs as its default
    graph. A catalogue query's parameters take their defaults unless `bindings` sets them (values
    are IRIs, CURIEs or quoted literals). Nodes and edges take their labels, classes and evidence
    from the full network.
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
    network = network_of_triples(result.rdf_triples(), _network(kg, network), kg.vocabulary)
    shown = ", ".join(f"{var}={value}" for var, value in sorted(values.items()))
    return View(f"Query: {name}" + (f" ({shown})" if shown else ""), network,
                f"The graph built by the query {name}.", name="query-" + _slug(name))


def filter_view(view: View, vocabulary, classes=(), themes=()) -> View:
    """Keep the nodes of the given classes (by label or name, subclasses included) and/or those
    tagged with the given themes (with the themes and the entities those facts are about)."""
    network = view.network
    keep = set(network)
    notes = []
    if themes:
        theme_nodes = network.subgraph([n for n, c in network.nodes(data="class") if c == THEME])
        chosen = {find_node(theme_nodes, name) for name in themes}
        tagged = {u for u, v, p in network.edges(data="predicate") if v in chosen and p == ONTOLOGY_NS + "theme"}
        context = {v for u in tagged for v in network.successors(u) if network.nodes[v].get("class") != THEME}
        keep &= chosen | tagged | context
        notes.append("themes: " + ", ".join(sorted(network.nodes[t]["label"] for t in chosen)))
    if classes:
        wanted = {_class_iri(name, vocabulary, network) for name in classes}
        keep = {n for n in keep if wanted & set(vocabulary.types_of(network.nodes[n].get("class", "")))}
        notes.append("classes: " + ", ".join(sorted(vocabulary.labels.get(c, local_name(c)) for c in wanted)))
    focus = view.focus if view.focus in keep else None
    return View(view.title, network.subgraph(keep).copy(), view.description + " Filtered by " + "; ".join(notes) + ".",
                focus=focus, name=view.name + "-filtered", notes=[*view.notes, *notes])


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "view"


# ------------------------------------------------------------------------------ layout


def spring_positions(network, seed: int = SEED, iterations: int = 50, block: int = 1024,
                     sample: int = 400, exact_up_to: int = 1000, gravity: float = 2.0) -> dict:
    """Fruchterman-Reingold positions, deterministic for a seed, ignoring edge direction.

    networkx's spring_layout needs scipy above 500 nodes and holds n×n×2 arrays; this is the same
    algorithm in blocks of matrix products. Above `exact_up_to` nodes each step repels every node
    from `sample` seeded random pivots (scaled), so 5,000 nodes take seconds, not minutes.
    Returns node -> (x, y) in pixels, centred on 0.
    """
    import numpy as np

    nodes = list(network)
    n = len(nodes)
    if n < 2:
        return {node: (0.0, 0.0) for node in nodes}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in network.edges() if u != v})
    ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k2 = 1.0 / n  # k = sqrt(area / n), area 1
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n > exact_up_to:
            pivots, scale = pos[rng.choice(n, sample, replace=False)], n / sample
        else:
            pivots, scale = pos, 1.0
        squares, pivot_squares = (pos * pos).sum(axis=1), (pivots * pivots).sum(axis=1)
        displacement = np.empty((n, 2))
        for start in range(0, n, block):
            p = pos[start:start + block]
            distance2 = squares[start:start + block, None] + pivot_squares[None, :] - 2 * (p @ pivots.T)
            weight = (k2 * scale) / np.maximum(distance2, 1e-6)  # repulsion k²/d along the unit vector
            displacement[start:start + block] = p * weight.sum(axis=1)[:, None] - weight @ pivots
        if len(ends):
            delta = pos[ends[:, 0]] - pos[ends[:, 1]]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) * math.sqrt(n))[:, None]  # attraction d²/k
            for axis in (0, 1):
                displacement[:, axis] += np.bincount(ends[:, 1], pull[:, axis], minlength=n)
                displacement[:, axis] -= np.bincount(ends[:, 0], pull[:, axis], minlength=n)
        displacement -= gravity * (pos - pos.mean(axis=0))  # keeps small components and loners near
        length = np.maximum(np.sqrt((displacement * displacement).sum(axis=1)), 0.01)
        pos += displacement * (temperature / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max() or 1.0
    pos *= 45.0 * math.sqrt(n) / extent
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos, strict=True)}


def node_sizes(network, size_by: str = "degree", seed: int = SEED) -> dict:
    """node -> size in pixels (10 to 40), by degree or betweenness of the view."""
    import networkx as nx

    if size_by not in SIZES:
        raise ValueError(f"size_by must be one of {', '.join(SIZES)}")
    if size_by == "degree":
        scores = dict(network.degree())
    else:
        simple = nx.Graph(network.to_undirected(as_view=True))
        k = 500 if simple.number_of_nodes() > 1000 else None
        scores = nx.betweenness_centrality(simple, k=k, seed=seed)
    top = max(scores.values(), default=0) or 1
    return {node: round(10 + 30 * math.sqrt(score / top), 1) for node, score in scores.items()}


def style(class_iri: str, vocabulary=None) -> tuple[str, str]:
    """(colour, shape) of a class: its own, else its nearest styled ancestor's, else a stable pick."""
    for iri in (vocabulary.types_of(class_iri) if vocabulary else (class_iri,)):
        if local_name(iri) in STYLES:
            return STYLES[local_name(iri)]
    digest = sum(map(ord, class_iri))
    return _PALETTE[digest % len(_PALETTE)], "dot"


# ------------------------------------------------------------------------------ rendering


def render(view: View, vocabulary=None, size_by: str = "degree", layout: str = "auto", seed: int = SEED,
           threshold: int = LAYOUT_THRESHOLD) -> str:
    """The view as one self-contained HTML page (a string)."""
    from pyvis.network import Network

    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    network = view.network
    n = network.number_of_nodes()
    fixed = layout == "fixed" or (layout == "auto" and n > threshold)
    positions = spring_positions(network, seed) if fixed else {}
    sizes = node_sizes(network, size_by, seed)

    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    legend: dict[str, tuple[str, str, int]] = {}
    for node, data in network.nodes(data=True):  # filled directly: pyvis's from_nx is quadratic
        colour, shape = style(data.get("class", ""), vocabulary)
        cls = data.get("class_label", "")
        legend[cls] = (colour, shape, legend.get(cls, ("", "", 0))[2] + 1)
        label = data.get("label", "")
        item = {"id": node, "label": _shorten(label), "shape": shape, "color": colour,
                "size": sizes.get(node, 10), "full": label, "cls": cls, "sid": short_id(node),
                "aliases": data.get("aliases", ""), "evidence": data.get("evidence", "")}
        if node in positions:
            item["x"], item["y"] = positions[node]
        net.nodes.append(item)
        net.node_ids.append(node)
        net.node_map[node] = item
    pairs: dict[frozenset, int] = {}
    for number, (u, v, data) in enumerate(network.edges(data=True)):
        edge = {"id": f"e{number}", "from": u, "to": v, "label": data.get("label", ""),
                "evidence": data.get("evidence", "")}
        pair = frozenset((u, v))
        pairs[pair] = pairs.get(pair, 0) + 1
        if pairs[pair] > 1:  # parallel edges curve apart instead of hiding each other
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * (pairs[pair] - 1)}
        net.edges.append(edge)
    net.options = _options(fixed, n, seed)
    page = net.generate_html("view.html")
    focus = view.focus if view.focus in network else None
    return _finish(page, view, legend, fixed, focus)


def _shorten(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= _LABEL_LENGTH else label[:_LABEL_LENGTH - 1].rstrip() + "…"


def _options(fixed: bool, n: int, seed: int) -> dict:
    options = {
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "nodes": {"font": {"size": 12, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9aa4ad", "highlight": "#333333", "inherit": False},
                  "font": {"size": 9, "align": "middle", "color": "#555555", "strokeWidth": 2}, "width": 1},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > 1000,
                        "hideEdgesOnZoom": n > 1000},
    }
    if fixed:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.3, "springLength": 110,
                          "springConstant": 0.04, "damping": 0.35, "avoidOverlap": 0.1},
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 25, "fit": True},
            "minVelocity": 1.0,
        }
    return options


_CSS = """
body { margin: 0; font-family: sans-serif; display: flex; height: 100vh; overflow: hidden; }
#kg-panel { width: 290px; flex: none; overflow-y: auto; padding: 10px 12px; box-sizing: border-box;
  border-right: 1px solid #ddd; background: #fafafa; font-size: 13px; }
#kg-panel h1 { font-size: 16px; margin: 0 0 4px; }
#kg-panel p { margin: 4px 0 10px; color: #444; }
#kg-search { width: 100%; box-sizing: border-box; padding: 4px; font-size: 13px; }
#kg-status { display: block; min-height: 1.2em; margin: 4px 0 8px; color: #555; }
#kg-legend { list-style: none; padding: 0; margin: 0; }
#kg-legend li { margin: 2px 0; }
.kg-glyph { display: inline-block; width: 1.3em; text-align: center; }
.card { flex: 1; min-width: 0; position: relative; }
#mynetwork { width: 100% !important; height: 100vh !important; float: none !important; border: 0 !important; }
#kg-tooltip { display: none; position: absolute; z-index: 10; max-width: 460px; font-size: 12px;
  background: #fffff4; border: 1px solid #999; border-radius: 3px; padding: 6px 8px;
  box-shadow: 2px 2px 8px rgba(0, 0, 0, 0.2); pointer-events: none; }
.kg-tip b { display: block; margin-bottom: 2px; }
.kg-tip .kg-meta { color: #555; }
.kg-tip ol { margin: 4px 0 0 18px; padding: 0; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var early = network.physics.stabilized;  // a small graph can settle within the first batch
  var view = window.kgView = {network: network, nodes: nodes, edges: edges, ready: false, focused: null};
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function quotes(box, evidence) {
    if (!evidence) return;
    var list = el("ol");
    evidence.split("\n").forEach(function (line) { list.appendChild(el("li", null, line)); });
    box.appendChild(list);
  }
  function nodeTip(n) {
    var box = el("div", "kg-tip");
    box.appendChild(el("b", null, n.full));
    box.appendChild(el("div", "kg-meta", n.cls + " · " + n.sid));
    if (n.aliases) box.appendChild(el("div", "kg-meta", "Also: " + n.aliases));
    quotes(box, n.evidence);
    return box;
  }
  function edgeTip(e) {
    var box = el("div", "kg-tip"), a = nodes.get(e.from), b = nodes.get(e.to);
    box.appendChild(el("b", null, (a ? a.full : e.from) + " — " + e.label + " → " + (b ? b.full : e.to)));
    quotes(box, e.evidence);
    return box;
  }
  // Our own tooltip, filled with textContent when the pointer rests on a node or an edge: graph
  // text is never parsed as HTML, and nothing has to be built before the first drawing.
  var tip = el("div", "kg-tip");
  tip.id = "kg-tooltip";
  document.getElementById("mynetwork").appendChild(tip);
  function show(content, params) {
    tip.textContent = "";
    tip.appendChild(content);
    tip.style.left = (params.pointer.DOM.x + 14) + "px";
    tip.style.top = (params.pointer.DOM.y + 14) + "px";
    tip.style.display = "block";
  }
  function hide() { tip.style.display = "none"; }
  network.on("hoverNode", function (params) { show(nodeTip(nodes.get(params.node)), params); });
  network.on("hoverEdge", function (params) { show(edgeTip(edges.get(params.edge)), params); });
  network.on("blurNode", hide);
  network.on("blurEdge", hide);
  network.on("dragStart", hide);
  network.on("zoom", hide);

  function norm(s) { return String(s || "").replace(/\s+/g, " ").trim().toLowerCase(); }
  var input = document.getElementById("kg-search"), list = document.getElementById("kg-names"),
      status = document.getElementById("kg-status"), all = nodes.get();
  all.sort(function (a, b) { return a.full < b.full ? -1 : a.full > b.full ? 1 : 0; });
  all.forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.full;
    option.label = n.cls + " · " + n.sid;
    list.appendChild(option);
  });
  function find(query) {
    var q = norm(query), i;
    if (!q) return null;
    var tests = [
      function (n) { return norm(n.full) === q || norm(n.sid) === q || norm(n.id) === q; },
      function (n) { return n.aliases && n.aliases.split(" | ").some(function (a) { return norm(a) === q; }); },
      function (n) { return norm(n.full).indexOf(q) >= 0 || norm(n.sid).indexOf(q) >= 0; }
    ];
    for (i = 0; i < tests.length; i++) {
      var hit = all.filter(tests[i]);
      if (hit.length) return hit[0];
    }
    return null;
  }
  view.focus = function (query) {
    var n = find(query);
    if (!n) { status.textContent = "No node matches \u201c" + query + "\u201d."; view.focused = null; return null; }
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: Math.max(network.getScale(), 1.2), animation: false});
    status.textContent = n.full + " (" + n.cls + ")";
    view.focused = n.id;
    return n.id;
  };
  input.addEventListener("change", function () { view.focus(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); view.focus(input.value); }
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    network.unselectAll(); network.fit({animation: false}); status.textContent = ""; view.focused = null;
  });
  function ready() {
    if (view.ready) return;
    view.ready = true;
    view.readyAt = performance.now();
    view.drawnNodes = network.body.nodeIndices.length;
    view.drawnEdges = network.body.edgeIndices.length;
    document.body.setAttribute("data-ready", "true");
    var start = document.body.getAttribute("data-focus");
    if (start) { var n = nodes.get(start); if (n) { network.selectNodes([start]); status.textContent = n.full; } }
  }
  var done = false;
  function settled() {  // the layout is final: stop the simulation, so the view stays as it is
    if (done) return;
    done = true;
    network.setOptions({physics: {enabled: false}});
    network.once("afterDrawing", ready);
    network.redraw();
  }
  if (document.body.getAttribute("data-physics") === "true") {
    if (early) settled();
    else { network.once("stabilizationIterationsDone", settled); network.once("stabilized", settled); }
  } else {
    network.once("afterDrawing", ready);
    network.redraw();
  }
})();
"""

_BOOTSTRAP = re.compile(r"<link\b[^>]*bootstrap[^>]*>|<script\b[^>]*bootstrap[^>]*>\s*</script>", re.I)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
_DEAD_LINKS = re.compile(r"<!--\s*<link\b.*?-->", re.S)  # pyvis's commented-out node_modules links


def _finish(page: str, view: View, legend: dict, fixed: bool, focus: str | None) -> str:
    """Turn pyvis's page into ours: no outside links, our panel, tooltips, search and ready signal."""
    e = html.escape
    page = _BOOTSTRAP.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _DEAD_LINKS.sub("", page, count=1)
    head, _, body = page.partition("</head>")
    head += f"<title>{e(view.title)}</title>\n<style>{_CSS}</style>\n"
    n, m = view.network.number_of_nodes(), view.network.number_of_edges()
    items = "\n".join(
        f'<li data-class="{e(cls)}"><span class="kg-glyph" style="color:{colour}">{_GLYPHS.get(shape, "●")}</span>'
        f"{e(cls)} ({count})</li>"
        for cls, (colour, shape, count) in sorted(legend.items(), key=lambda item: (-item[1][2], item[0])))
    panel = f"""
<div id="kg-panel">
  <h1 id="kg-title">{e(view.title)}</h1>
  <p>{e(view.description)}<br>{n} nodes, {m} edges{"; positions precomputed" if fixed else ""}.</p>
  <label for="kg-search">Find a node</label>
  <input id="kg-search" list="kg-names" placeholder="name, alias or id" autocomplete="off">
  <datalist id="kg-names"></datalist>
  <button id="kg-reset" type="button">Show all</button>
  <span id="kg-status" role="status"></span>
  <strong>Classes</strong>
  <ul id="kg-legend">
{items}
  </ul>
</div>"""
    attributes = (f' data-nodes="{n}" data-edges="{m}" data-physics="{"false" if fixed else "true"}"'
                  + (f' data-focus="{e(focus)}"' if focus else ""))
    body, matched = re.subn(r"<body>", f"<body{attributes}>{panel}", body, count=1)
    if not matched:
        raise RuntimeError("unexpected pyvis template: no <body>")
    before, _, after = body.rpartition("</body>")
    page = f"{head}</head>{before}<script>{_SCRIPT}</script>\n</body>{after}"
    problems = external_references(page)
    if problems or "popup.innerHTML" in page:
        raise RuntimeError(f"the generated page would load from outside or set innerHTML: {problems}")
    return page


_TAG_REFERENCE = re.compile(r"<(?:script|link|img|iframe|frame|embed|object|source|audio|video|track|image|use)\b"
                            r"[^>]*?\s(?:src|href|data|srcset|poster|xlink:href)\s*=\s*[\"']?\s*(?!data:|#)([^\"'\s>]+)",
                            re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.I | re.S)
_CSS_REFERENCE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)\s*(?!data:|#)([^\"')\s]+)", re.I)


def external_references(page: str) -> list[str]:
    """Every address (other than data:) the page's tags or styles would load: it must be none."""
    found = [m.group(1) for m in _TAG_REFERENCE.finditer(page)]
    for block in _STYLE_BLOCK.findall(page):
        found += [m.group(1) for m in _CSS_REFERENCE.finditer(block)]
    return found


def write_view(view: View, path: str | Path, vocabulary=None, **options) -> Path:
    """Render `view` and write it to `path` atomically; returns the path."""
    from graph.rdf.exports import write_atomic

    path = Path(path)
    page = render(view, vocabulary, **options).encode("utf-8")
    write_atomic(path, lambda: page)
    return path


# ------------------------------------------------------------------------------ the gallery


def discussed_forces(kg, network) -> list[str]:
    """The police forces that the source documents (not the reference lists) draw on or mention."""
    reference = {s.id for s in kg.corpus.sources.values() if s.kind in ("Dataset", "ReferenceNote")}
    return [node for node, data in network.nodes(data=True)
            if data.get("class") == ONTOLOGY_NS + "PoliceForce"
            and set(filter(None, data.get("sources", "").split(SEPARATOR))) - reference]


def gallery_views(kg, network=None) -> list[View]:
    network = _network(kg, network)
    views = [overview(kg, network)]
    views += [ego_view(kg, node, 1, network) for node in discussed_forces(kg, network)]
    views += [source_view(kg, source_id, network) for source_id in kg.corpus.sources]
    return views


def write_gallery(kg, out_dir: str | Path, network=None, chosen: list[View] | None = None) -> list[Path]:
    """Write the overview, an ego view of each force discussed, one view per source, and index.html
    (or the `chosen` views); returns the paths written, index.html last."""
    from graph.rdf.exports import write_atomic

    out = Path(out_dir)
    written, rows = [], []
    for view in chosen if chosen is not None else gallery_views(kg, network):
        path = write_view(view, out / f"{view.name}.html", kg.vocabulary)
        written.append(path)
        rows.append(f'<li><a href="{html.escape(path.name)}">{html.escape(view.title)}</a> '
                    f"— {html.escape(view.description)} ({view.network.number_of_nodes()} nodes, "
                    f"{view.network.number_of_edges()} edges)</li>")
    index = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Policing knowledge graph: views"
             "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}</style>"
             "</head>\n<body><h1>Policing knowledge graph: views</h1>\n<p>Interactive views generated by "
             "<code>policing-kg build</code>; each page is self-contained and works offline.</p>\n<ul>\n"
             + "\n".join(rows) + "\n</ul>\n</body></html>\n").encode("utf-8")
    write_atomic(out / "index.html", lambda: index)
    return [*written, out / "index.html"]


def choose_view(kg, name: str | None = None, depth: int = 1, classes=(), themes=(), query: str | None = None,
                bindings: dict[str, str] | None = None, source: str | None = None, network=None) -> View:
    """The view `policing-kg view` draws: one of query, source, NAME's ego network or the overview,
    then filtered by classes and themes. Raises NameNotFound or ValueError with a helpful message."""
    network = _network(kg, network)
    if sum(bool(x) for x in (name, query, source)) > 1:
        raise ValueError("choose one of NAME, --query and --source")
    if query:
        chosen = construct_view(kg, query, network, bindings)
    elif source:
        chosen = source_view(kg, source, network)
    elif name:
        chosen = ego_view(kg, name, depth, network)
    else:
        chosen = overview(kg, network)
    if classes or themes:
        chosen = filter_view(chosen, kg.vocabulary, classes, themes)
    return chosen
