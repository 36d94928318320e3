"""A view (graph.publish.views) as a page drawn with vis-network: its data, its HTML, one file.

    >>> view = views.ego_view(kg, "Kent Police")
    >>> write_view(view, "kent.html", kg.vocabulary)   # one file, opens from disk, no network access

The page (assets/view.js) draws labels itself, the most important first and never two
overlapping, so the default zoom is legible at any size and more labels appear as one zooms in;
a click on a legend entry hides or shows a class; a click on a node opens the side panel (its
evidence, relations and facts, a link to its entity page; a double click opens the page);
search finds labels, aliases, ids and words of the folded facts, ignoring case, spaces and
punctuation ("predpol" finds 'pred pol').

Two ways to write a page:

- `write_view`: one self-contained file (vis-network, the script and the data inlined) for
  `policing-kg view`;
- graph.publish.gallery: the gallery `build` puts in the site (`site/views/`), every page a few
  KB over one shared `network.js` (`network_data`) and the site's own `assets/` (one copy of
  vis-network).

Nodes, edges and JSON keys are sorted: the same data gives byte-identical pages.

pyvis supplies vis-network (its packaged copy, so nothing is fetched); its page generator is not
used: it inlines the library into every page (700 KB a page, 347 MB for the 488 views at 118k
triples), cannot share one data file between pages, and has no hook for drawing the labels
ourselves, which is what keeps them from overlapping. Text from the graph reaches the page as JSON
with `<`, `>` and `&` escaped and is shown with textContent only.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from graph.publish.folding import Folded
from graph.publish.network import local_name, short_id
from graph.publish.views import View, _label, _short

ASSETS = Path(__file__).parent / "assets"  # view.js and view.css
VIS_NETWORK = Path("templates") / "lib" / "vis-9.1.2" / "vis-network.min.js"  # inside pyvis's package
UNFOLD_LIMIT = 2000  # facts drawn as nodes at most when unfolded
QUOTE = 260  # characters of an evidence quote kept in a page (the entity page has it whole)


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
    "CauseOfConcern": ("#a63603", "square"),
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



# ------------------------------------------------------------------------------ the page's data


def _json(value) -> str:
    """JSON safe inside HTML (a <script> element or a .js file): no <, > or & in the text."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")



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


