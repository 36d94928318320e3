"""The gallery of views that `build` puts in the site (`site/views/`): a page of cards, each with a
small preview, over every view: the overview, every actor's ego view, every source document and theme.

    >>> files = gallery_files(kg)          # path inside the gallery -> bytes
    >>> write_gallery(kg, "views/")        # or a folder of its own, with its assets inside

Every page is a few KB over one shared `network.js` (graph.publish.view_page.network_data) and the
site's `assets/` (one copy of vis-network): 3.8 MB for 698 pages at 118k triples, where pyvis's
self-contained pages took 347 MB for 488.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path

from graph.publish.folding import Folded
from graph.publish.network import SEPARATOR, local_name, short_id
from graph.publish.view_page import _json, network_data, page, view_assets
from graph.publish.views import (
    SOURCE_DOCUMENT,
    THEME,
    View,
    _label,
    _slug,
    _SourceIndex,
    ego_view,
    folded_network,
    overview,
    source_view,
    theme_view,
)
from graph.vocabulary import ONTOLOGY_NS


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
