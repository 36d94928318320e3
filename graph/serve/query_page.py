"""The query page at `/` of `policing-kg serve`: YASGUI over this endpoint, working offline.

The page is YASGUI's editor (Yasqe) and results viewer (Yasr) from the npm package
`@zazuko/yasgui` (its built bundle is vendored in static/yasgui/, see the README there), and
static/query.js, which configures them: the project's prefixes, completion of the classes and
properties the graph uses and of entity names (looked up at /query/entities), the catalogue as a
menu with a field per parameter, shareable links, downloads, and network, chart and timeline views
of the results (the network drawn with vis-network, as the views are, from pyvis's copy).

Everything the page needs is served from here: it makes no request to another host. Yasqe's
default completers (which ask prefix.cc and LOV) and YASGUI's endpoint catalogue and CORS proxy are
not used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".txt": "text/plain; charset=utf-8", "": "text/plain; charset=utf-8",
                ".md": "text/plain; charset=utf-8"}
VIS_NETWORK = "vis-network/vis-network.min.js"
SUGGESTIONS = 20


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    names: tuple[str, ...]  # the label and aliases, lower case, for matching
    statements: int  # how many triples it is the subject of: the better known first


class QueryPage:
    """The page and what it asks the server for, built once per server from its engine."""

    def __init__(self, engine, catalogue, base: str, entity_path: str = "/id/", search=None):
        """`search(text, limit)`, if given, finds entities by name (the endpoint passes the store's
        full-text index, graph.rdf.search); without it names are matched here."""
        self.engine = engine
        self.search = search
        self.catalogue = catalogue
        self.base = base
        self.entity_path = entity_path
        self._html: bytes | None = None
        self._entities: list[Entity] | None = None

    # -- the page ---------------------------------------------------------------------------

    def html(self) -> bytes:
        if self._html is None:
            self._html = render_page(self.config())
        return self._html

    def config(self) -> dict:
        prefixes = self.engine.prefixes
        first = next(iter(self.catalogue.values()), None)
        return {
            "endpoint": "sparql",
            "entitySearch": "query/entities",
            "base": self.base,
            "entityPath": self.entity_path,
            "prefixes": dict(sorted(prefixes.items())),
            "entityPrefixes": sorted(p for p, ns in prefixes.items() if ns.startswith(self.base)),
            "classes": self._distinct("SELECT DISTINCT ?term WHERE { ?s a ?term FILTER isIRI(?term) }"),
            "properties": self._distinct("SELECT DISTINCT ?term WHERE { ?s ?term ?o }"),
            "catalogue": [{"name": e.name, "title": e.title, "description": e.description, "text": e.text,
                           "parameters": [{"name": p.name, "default": p.default, "description": p.description,
                                           "optional": p.optional}
                                          for p in e.parameters]}
                          for e in self.catalogue.values()],
            "initialQuery": "SELECT ?unit ?label WHERE {\n  ?unit org:unitOf force:kent ; rdfs:label ?label .\n}\n"
                            if first else "",
            "assets": {"visNetwork": "static/" + VIS_NETWORK},
        }

    def _distinct(self, text: str) -> list[str]:
        result = self.engine.run(text, timeout=None, max_rows=None)
        return sorted(row[0][1] for row in result.rows if row[0] and row[0][0] == "uri")

    # -- entity names -----------------------------------------------------------------------

    def entities(self) -> list[Entity]:
        if self._entities is None:
            named = self.engine.run(
                "SELECT ?s ?label ?alias WHERE { ?s rdfs:label ?label "
                "OPTIONAL { ?s skos:altLabel ?alias } FILTER STRSTARTS(STR(?s), STR(id:)) }",
                timeout=None, max_rows=None)
            sizes = self.engine.run("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?s), STR(id:)) } "
                                    "GROUP BY ?s", timeout=None, max_rows=None)
            statements = {s[1]: int(n[1]) for s, n in sizes.rows}
            found: dict[str, tuple[str, set[str]]] = {}
            for s, label, alias in named.rows:
                label_text, names = found.setdefault(s[1], (label[1], set()))
                names.add(label[1].lower())
                if alias:
                    names.add(alias[1].lower())
            self._entities = [Entity(iri, label, tuple(sorted(names)), statements.get(iri, 0))
                              for iri, (label, names) in sorted(found.items())]
        return self._entities

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[dict]:
        """Entities matching `text`: a name (`kent`) matches labels and aliases; a prefixed name
        (`force:ke`) matches the ids in that namespace, and their names. Exact matches first,
        then names or ids that start with it, then those containing it; within each, the entity
        with most statements first; then, for a name, what the full-text index finds besides."""
        text = text.strip()
        prefix, colon, local = text.partition(":")
        namespace = self.engine.prefixes.get(prefix) if colon else None
        needle = (local if namespace else text).lower()
        if not needle and namespace is None:
            return []
        ranked = []
        for entity in self.entities():
            if namespace is not None and not entity.iri.startswith(namespace):
                continue
            # The id's local part: `kent` of force:kent (or of id:force/kent, for a name).
            key = entity.iri[len(namespace):].lower() if namespace else entity.iri.rsplit("/", 1)[-1].lower()
            keys = (key, *entity.names)
            if needle in keys:
                quality = 0
            elif any(k.startswith(needle) for k in keys):
                quality = 1
            elif (namespace is not None or len(needle) >= 3) and any(needle in k for k in keys):
                quality = 2
            else:
                continue
            ranked.append((quality, -entity.statements, entity.label.lower(), entity.iri, entity))
        ranked.sort(key=lambda item: item[:4])
        found = [{"iri": e.iri, "label": e.label} for *_, e in ranked[:limit]]
        if namespace is None and self.search is not None and len(found) < limit:
            # The full-text index adds what plain matching misses: accents ("Zoe" for "Zoë"),
            # names run together ("predpol" for "Pred Pol"), words in any order.
            seen = {f["iri"] for f in found}
            found += [{"iri": m.entity, "label": m.label} for m in self.search(text, limit) if m.entity not in seen]
        return found[:limit]

    # -- static assets ----------------------------------------------------------------------

    def asset(self, path: str) -> tuple[str, bytes] | None:
        """A file the page loads, by its path under /static/; None if there is none."""
        if path == VIS_NETWORK:
            import pyvis

            file = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
        else:
            if not re.fullmatch(r"[\w.-]+(/[\w.-]+)*", path) or ".." in path:
                return None
            file = STATIC_DIR / path
        if not file.is_file():
            return None
        return STATIC_TYPES.get(file.suffix, "application/octet-stream"), file.read_bytes()


def render_page(config: dict) -> bytes:
    # JSON inside <script>: escape '<' so that no text from the graph can close the element.
    data = json.dumps(config, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")
    prefixes = ", ".join(f"<code>{escape(p)}:</code>" for p in ("pol", "org", "prov", "skos", "force", "unit"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>policing-kg · SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/yasgui/yasgui.min.css">
<link rel="stylesheet" href="static/query.css">
</head>
<body>
<header><h1>policing-kg <span>SPARQL</span></h1>
<nav><a href="id/">Entity pages</a> <a href="catalogue">Catalogue (JSON)</a></nav></header>
<main>
<section id="question">
<label class="menu">Research question <select id="catalogue"><option value="">Your own query</option></select></label>
<p id="question-description"></p>
<div id="parameters"></div>
</section>
<p class="hint">The project's prefixes ({prefixes}, …) are bound already. Ctrl-Space completes classes,
properties and entity names; Ctrl-Enter runs the query.</p>
<div id="editor"></div>
<div id="run-bar"><button id="run" type="button">Run query</button>
<span id="status" class="ok" role="status"></span>
<span id="downloads" hidden></span>
<a id="share" href="#">Copy link</a></div>
<div id="results"></div>
</main>
<script id="query-config" type="application/json">{data}</script>
<script src="static/yasgui/yasgui.min.js"></script>
<script src="static/query.js"></script>
</body></html>
""".encode()
