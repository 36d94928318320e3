"""The static website: a page per entity, fact, source document, inspection and theme.

    >>> site = Site(graph.load("data"))
    >>> write_site(site, "exports/site")          # or write_site(kg, ...)
    >>> status, media_type, body = respond(site, "/id/force/kent", "text/turtle")

The site opens from disk (file://) or any static host with no network access: CSS and JS are
local files (vis-network is copied from pyvis), links are relative, and search runs over a
prebuilt index loaded by `<script src>` (fetch fails on file://). Pages live at the id of what
they describe (`force/kent.html`, `source/<id>.html`), next to `index.html` (by class),
`a-z.html`, `search.html` and `classes/<Class>.html`.

- An entity page: labels and aliases, class, every statement about it grouped by property
  (outgoing and incoming, each with its evidence), its judgements (a force's as a timeline),
  findings, recommendations, statistics and quotations in tables, every evidence quote with its
  source, date and a link to the passage, and a small interactive ego view.
- A source page: the document's text with every evidenced span highlighted (`#q-START-END`
  anchors; overlapping spans split into segments that carry every span covering them) and a
  list of the passages with the facts each supports (`#s-START-END`).
- Every text from the graph is escaped by Jinja2's autoescape (or html.escape where the text of a
  source is marked up); the JSON given to scripts escapes `<`, `>` and `&`; scripts build DOM
  with textContent only.
- `respond(site, path, accept)` serves the site and the entity IRIs with content negotiation:
  HTML for browsers, Turtle, JSON-LD or N-Triples of `describe(site, iri)` for RDF clients.

Output is deterministic (sorted, no timestamps) and written to a temporary folder that then
replaces the target folder.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from graph.network import local_name
from graph.vocabulary import DCT, OA, POL, PROV, RDF, RDF_TYPE, RDFS_LABEL, SKOS, XSD

TEMPLATES = Path(__file__).parent / "site_templates"
MARKER = ".policing-kg-site"  # marks a folder as a generated site, which write_site may replace
_SAFE = re.compile(r"[A-Za-z0-9._/-]*")
EGO_LIMIT = 40  # most nodes in an embedded ego view
VIS_VERSION = "vis-9.1.2"


EVIDENCE = POL + "evidence"
_HIDDEN = {RDF_TYPE, RDFS_LABEL, SKOS + "prefLabel", SKOS + "altLabel", EVIDENCE}
_FACTS = ("Judgement", "Finding", "Recommendation", "AreaForImprovement", "Statistic", "Quotation")
_TABLED = {POL + n for n in _FACTS}

# media type -> format name; the first of each format is the one answered with
MEDIA = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/turtle": "ttl", "application/x-turtle": "ttl",
    "application/ld+json": "jsonld", "application/json": "jsonld",
    "application/n-triples": "nt", "text/plain": "nt",
}
ANSWER = {"html": "text/html; charset=utf-8", "ttl": "text/turtle; charset=utf-8",
          "jsonld": "application/ld+json", "nt": "application/n-triples"}
SUFFIXES = {".html": "html", ".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt"}
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class Link:
    href: str  # "" for plain text
    text: str
    title: str = ""
    cls: str = ""

    def __html__(self) -> str:
        """The link as HTML (Jinja2 calls this instead of escaping): every part is escaped."""
        e = html.escape
        title = f' title="{e(self.title)}"' if self.title else ""
        if not self.href:
            return f"<span{title}>{e(self.text)}</span>"
        cls = f' class="{e(self.cls)}"' if self.cls else ""
        rel = ' rel="noopener noreferrer"' if self.cls == "external" else ""
        return f'<a href="{e(self.href)}"{title}{cls}{rel}>{e(self.text)}</a>'


@dataclass
class Annotation:
    iri: str
    source: str  # source id
    start: int
    end: int
    exact: str
    bodies: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _json_for_html(value) -> str:
    """JSON safe inside HTML (a <script> element or a .js file): no <, > or & in the text."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Site:
    """The model of the site: indexes over the graph, page paths, and page rendering."""

    def __init__(self, kg, network=None):
        self.kg = kg
        self.base = kg.base
        self.vocabulary = kg.vocabulary
        self.network = network if network is not None else kg.networkx()
        self.out: dict[str, list[tuple[str, object]]] = defaultdict(list)
        self.inn: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.triples = kg.triples()
        for t in self.triples:
            self.out[t.subject.value].append((t.predicate.value, t.object))
            if type(t.object).__name__ == "NamedNode":
                self.inn[t.object.value].append((t.subject.value, t.predicate.value))
        self.labels: dict[str, str] = dict(self.vocabulary.labels)
        for subject, pairs in self.out.items():
            label = self._first(pairs, RDFS_LABEL) or self._first(pairs, SKOS + "prefLabel")
            if label:
                self.labels[subject] = label
        self.pages: dict[str, str] = {}  # IRI -> page path
        for node in sorted(self.network):
            if node.startswith(self.base) and re.fullmatch(r"[a-z]+/[a-z0-9-]+", node[len(self.base):]):
                self.pages[node] = node[len(self.base):] + ".html"
        self.annotations: dict[str, Annotation] = {}
        for subject, pairs in self.out.items():
            if any(p == RDF_TYPE and o.value == POL + "Evidence" for p, o in pairs):
                target = self._first(pairs, OA + "hasTarget")
                source = self._first(self.out[target], OA + "hasSource")
                position = subject + "#position"
                self.annotations[subject] = Annotation(
                    subject, local_name(source), int(self._first(self.out[position], OA + "start")),
                    int(self._first(self.out[position], OA + "end")),
                    self._first(self.out[subject + "#quote"], OA + "exact"),
                    sorted(self._all(pairs, OA + "hasBody")))
        self.claims: dict[str, tuple[str, str, str]] = {}
        self.claims_by_triple: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.claims_of: dict[str, list[str]] = defaultdict(list)
        self.mentions_of: dict[str, list[str]] = defaultdict(list)
        for subject, pairs in self.out.items():
            types = set(self._all(pairs, RDF_TYPE))
            if POL + "Claim" in types:
                spo = (self._first(pairs, RDF + "subject"), self._first(pairs, RDF + "predicate"),
                       self._first(pairs, RDF + "object"))
                self.claims[subject] = spo
                self.claims_by_triple[spo].append(subject)
                self.claims_of[spo[0]].append(subject)
                if spo[2] != spo[0]:
                    self.claims_of[spo[2]].append(subject)
            elif POL + "Mention" in types:
                self.mentions_of[self._first(pairs, DCT + "subject")].append(subject)
        self.sources = kg.corpus.sources
        self.source_order = {sid: n for n, sid in enumerate(sorted(self.sources))}
        self.by_source: dict[str, list[Annotation]] = defaultdict(list)
        for a in sorted(self.annotations.values(), key=lambda a: (a.source, a.start, a.end)):
            self.by_source[a.source].append(a)
        self._env = None
        self._files: dict[str, bytes] | None = None

    # -- small lookups ----------------------------------------------------------------------

    @staticmethod
    def _first(pairs, predicate: str) -> str:
        return next((o.value for p, o in pairs if p == predicate), "")

    @staticmethod
    def _all(pairs, predicate: str) -> list[str]:
        return [o.value for p, o in pairs if p == predicate]

    def value(self, subject: str, predicate: str) -> str:
        return self._first(self.out.get(subject, ()), predicate)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)

    def cls(self, iri: str) -> str:
        return self.network.nodes[iri]["class"] if iri in self.network else ""

    def class_label(self, class_iri: str) -> str:
        return self.vocabulary.labels.get(class_iri, local_name(class_iri))

    def is_fact(self, iri: str) -> bool:
        return self.cls(iri) in _TABLED

    def source_date(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return self.date_text(self.base + source.ref, DCT + "issued") if source else ""

    def date_text(self, iri: str, predicate: str = DCT + "date") -> str:
        point = self.value(iri, predicate)
        if point:
            return point
        earliest, latest = self.value(iri, POL + "earliestDate"), self.value(iri, POL + "latestDate")
        if earliest or latest:
            return f"{earliest or '…'}–{latest or '…'}"
        return ""

    # -- links ------------------------------------------------------------------------------

    @staticmethod
    def rel(target: str, page: str) -> str:
        """The relative href of site path `target` (with an optional #fragment) from site path `page`."""
        path, _, fragment = target.partition("#")
        href = "../" * page.count("/") + path if path else ""
        if not _SAFE.fullmatch(href):
            href = quote(href)
        if fragment:
            href += "#" + (fragment if _SAFE.fullmatch(fragment) else quote(fragment))
        return href

    def link(self, iri: str, page: str, text: str | None = None) -> Link:
        text = text if text is not None else self.label(iri)
        if iri in self.pages:
            cls = self.cls(iri)
            return Link(self.rel(self.pages[iri], page), text, f"{self.class_label(cls)} · {self.short_id(iri)}")
        if iri.startswith(("http://", "https://")) and not iri.startswith(self.base) and iri not in self.labels:
            return Link(iri, text, cls="external")
        return Link("", text, iri)

    def short_id(self, iri: str) -> str:
        return iri[len(self.base):] if iri.startswith(self.base) else iri

    def passage(self, a: Annotation, page: str, text: str | None = None) -> Link:
        source = self.sources.get(a.source)
        title = f"“{_short(a.exact, 300)}” — {source.title if source else a.source}"
        return Link(self.rel(f"source/{a.source}.html#q-{a.key}", page),
                    text if text is not None else f"“{_short(a.exact, 70)}”", title)

    def term(self, term, page: str) -> list:
        """A value of a statement as fragments: a link, an outside link or text."""
        kind = type(term).__name__
        if kind == "NamedNode":
            if term.value in self.claims:
                return self.claim_fragments(term.value, page)
            return [self.link(term.value, page)]
        datatype = term.datatype.value if term.datatype is not None else ""
        if datatype == XSD + "boolean":
            return ["yes" if term.value == "true" else "no"]
        return [term.value]

    def claim_fragments(self, claim: str, page: str) -> list:
        s, p, o = self.claims[claim]
        return [self.link(s, page), f" — {self.property_label(p)} → ", self.link(o, page)]

    def property_label(self, predicate: str) -> str:
        return self.vocabulary.labels.get(predicate) or self.labels.get(predicate) or local_name(predicate)

    def body_fragments(self, body: str, page: str) -> list:
        """What an annotation body is, as fragments: a claim, a mention or a page."""
        if body in self.claims:
            return self.claim_fragments(body, page)
        if body in self.out and POL + "Mention" in self._all(self.out[body], RDF_TYPE):
            return ["mentions ", self.link(self.value(body, DCT + "subject"), page)]
        return [self.link(body, page)]

    def evidence_of(self, iri: str) -> list[Annotation]:
        return [self.annotations[a] for a in sorted(self._all(self.out.get(iri, ()), EVIDENCE))
                if a in self.annotations]

    # -- rendering --------------------------------------------------------------------------

    @property
    def env(self):
        if self._env is None:
            import jinja2

            self._env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=jinja2.StrictUndefined,
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        return self._env

    def render(self, template: str, page: str, **context) -> bytes:
        root = self.rel("index.html", page)[: -len("index.html")]
        return self.env.get_template(template).render(root=root, page=page, **context).encode("utf-8")

    def files(self) -> dict[str, bytes]:
        """Every file of the site: path -> bytes, in path order (rendered once, then kept)."""
        if self._files is None:
            self._files = self._render_files()
        return self._files

    def _render_files(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {MARKER: b"policing-kg static site; `policing-kg site` replaces this folder.\n"}
        files.update(self.assets())
        files["index.html"] = self.index_page()
        files["a-z.html"] = self.az_page()
        files["search.html"] = self.render("search.html", "search.html", title="Search")
        for class_iri, members in self.classes().items():
            files[f"classes/{local_name(class_iri)}.html"] = self.class_page(class_iri, members)
        for iri, path in self.pages.items():
            files[path] = self.entity_page(iri)
        return dict(sorted(files.items()))

    def file(self, path: str) -> bytes | None:
        """One file of the site, rendered on demand (for a server); None if there is none."""
        if path in ("", "index.html"):
            return self.index_page()
        if path == "a-z.html":
            return self.az_page()
        if path == "search.html":
            return self.render("search.html", "search.html", title="Search")
        if path.startswith("assets/"):
            return self.assets().get(path)
        if path.startswith("classes/") and path.endswith(".html"):
            wanted = path[len("classes/"):-len(".html")]
            for class_iri, members in self.classes().items():
                if local_name(class_iri) == wanted:
                    return self.class_page(class_iri, members)
            return None
        iri = self.base + path.removesuffix(".html")
        return self.entity_page(iri) if path.endswith(".html") and iri in self.pages else None

    def assets(self) -> dict[str, bytes]:
        import pyvis

        vis = Path(pyvis.__file__).parent / "templates" / "lib" / VIS_VERSION / "vis-network.min.js"
        script = re.sub(rb"\n//# sourceMappingURL=\S*\s*$", b"\n", vis.read_bytes())
        files = {"assets/vis-network.min.js": script,
                 "assets/search-index.js": ("window.KG_SEARCH = " + _json_for_html(self.search_index())
                                            + ";\n").encode("utf-8")}
        for name in ("site.css", "site.js", "search.js", "ego.js"):
            files[f"assets/{name}"] = (TEMPLATES / name).read_bytes()
        return files

    # -- index pages ------------------------------------------------------------------------

    def classes(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for iri in self.pages:
            members[self.cls(iri)].append(iri)
        order = sorted(members, key=lambda c: self.class_label(c).casefold())
        return {c: sorted(members[c], key=self.sort_key) for c in order}

    def sort_key(self, iri: str):
        return (" ".join(self.label(iri).split()).casefold(), iri)

    def index_page(self) -> bytes:
        page = "index.html"
        classes = [(Link(f"classes/{local_name(c)}.html", self.class_label(c)), len(m))
                   for c, m in self.classes().items()]
        groups = {"Sources": [], "Inspections": [], "Themes": []}
        for iri in sorted(self.pages, key=self.sort_key):
            types = self.vocabulary.types_of(self.cls(iri))
            if POL + "SourceDocument" in types:
                groups["Sources"].append(self.link(iri, page))
            elif POL + "Inspection" in types:
                groups["Inspections"].append(self.link(iri, page))
            elif POL + "Theme" in types:
                groups["Themes"].append(self.link(iri, page))
        return self.render("index.html", page, title="Policing knowledge graph", classes=classes, groups=groups,
                           pages=len(self.pages), triples=len(self.triples), quotes=len(self.annotations))

    def class_page(self, class_iri: str, members: list[str]) -> bytes:
        page = f"classes/{local_name(class_iri)}.html"
        rows = []
        for iri in members:
            aliases = sorted(self._all(self.out[iri], SKOS + "altLabel"))
            rows.append((self.link(iri, page), self.short_id(iri), _short(", ".join(aliases), 120)))
        ancestors = [self.class_label(c) for c in self.vocabulary.types_of(class_iri)[1:]]
        return self.render("class.html", page, title=self.class_label(class_iri), rows=rows, ancestors=ancestors,
                           iri=class_iri)

    def az_page(self) -> bytes:
        page = "a-z.html"
        letters: dict[str, list] = defaultdict(list)
        for iri in sorted(self.pages, key=self.sort_key):
            label = " ".join(self.label(iri).split())
            first = label[:1].upper()
            letter = first if "A" <= first <= "Z" else "#"
            letters[letter].append((self.link(iri, page, label), self.class_label(self.cls(iri))))
        ordered = sorted(letters.items(), key=lambda item: (item[0] == "#", item[0]))
        sections = [(letter, "other" if letter == "#" else letter, entries) for letter, entries in ordered]
        return self.render("az.html", page, title="A–Z", sections=sections)

    def search_index(self) -> dict:
        """Labels, aliases and quotes, with the path (from the site's root) of where each leads."""
        entries = []
        for iri in sorted(self.pages, key=self.sort_key):
            aliases = sorted(self._all(self.out[iri], SKOS + "altLabel"))
            entries.append([" ".join(self.label(iri).split()), " | ".join(aliases),
                            self.class_label(self.cls(iri)), self.pages[iri]])
        quotes = []
        for source_id in sorted(self.by_source):
            title = self.sources[source_id].title if source_id in self.sources else source_id
            for a in self.by_source[source_id]:
                supports = "; ".join(self.body_text(b) for b in a.bodies)
                quotes.append([" ".join(a.exact.split()), title, f"source/{source_id}.html#q-{a.key}",
                               _short(supports, 160)])
        return {"entities": entries, "quotes": quotes}

    def body_text(self, body: str) -> str:
        return "".join(x if isinstance(x, str) else x.text for x in self.body_fragments(body, "index.html"))

    # -- entity pages -----------------------------------------------------------------------

    def entity_page(self, iri: str) -> bytes:
        page = self.pages[iri]
        cls = self.cls(iri)
        refs = _EvidenceList()
        for a in self.evidence_of(iri):
            refs.add(a)
        for claim in sorted(self.claims_of.get(iri, ())):
            for a in self.evidence_of(claim):
                refs.add(a)
        for mention in sorted(self.mentions_of.get(iri, ())):
            for a in self.evidence_of(mention):
                refs.add(a)
        outgoing, incoming, related_facts, mentioned_in = self.statements(iri, page, refs)
        tables = self.fact_tables(iri, related_facts, page)
        evidence = []
        for number, a in refs.numbered():
            source = self.sources.get(a.source)
            bodies = [self.body_fragments(b, page) for b in a.bodies]
            evidence.append({"id": refs.anchor(a), "number": number, "quote": " ".join(a.exact.split()),
                             "source": self.link(self.base + f"source/{a.source}", page,
                                                 source.title if source else a.source),
                             "date": self.source_date(a.source) or "date unknown",
                             "passage": self.passage(a, page, "show the passage"), "bodies": bodies})
        numbers = {f"#{refs.anchor(a)}": str(n) for n, a in refs.numbered()}

        def numbered(rows):
            return [(prop, [(value, [Link(r.href, numbers[r.href], r.title, r.cls) for r in links])
                            for value, links in values]) for prop, values in rows]

        outgoing, incoming = numbered(outgoing), numbered(incoming)
        context = {
            "title": " ".join(self.label(iri).split()),
            "iri": iri, "id": self.short_id(iri),
            "class_link": Link(self.rel(f"classes/{local_name(cls)}.html", page), self.class_label(cls)),
            "types": [self.class_label(c) for c in self.vocabulary.types_of(cls)[1:] if c.startswith(POL)],
            "aliases": sorted(self._all(self.out[iri], SKOS + "altLabel")),
            "description": self.value(iri, DCT + "description"),
            "outgoing": outgoing, "incoming": incoming, "tables": tables, "evidence": evidence,
            "mentioned_in": mentioned_in, "ego": self.ego(iri, page), "source": None,
        }
        source_id = iri[len(self.base) + len("source/"):] if self.short_id(iri).startswith("source/") else None
        if source_id in self.sources:
            context["source"] = self.source_context(source_id, page)
        return self.render("entity.html", page, **context)

    def statements(self, iri: str, page: str, refs: _EvidenceList):
        """(outgoing, incoming, related facts, sources mentioning it): statements grouped by property."""
        own = self.evidence_of(iri)
        outgoing: dict[str, list] = defaultdict(list)
        for p, o in self.out[iri]:
            if p in _HIDDEN:
                continue
            evidence = []
            if type(o).__name__ == "NamedNode":
                for claim in self.claims_by_triple.get((iri, p, o.value), ()):
                    evidence += self.evidence_of(claim)
                if not evidence and p not in (PROV + "wasDerivedFrom",) and o.value not in self.claims:
                    evidence = own
            elif p not in (PROV + "wasDerivedFrom",):
                evidence = own
            outgoing[p].append((self.term(o, page), [refs.ref(a) for a in evidence]))
        incoming: dict[str, list] = defaultdict(list)
        related: dict[str, set[str]] = defaultdict(set)
        mentioned_in = []
        for s, p in self.inn.get(iri, ()):
            if p == POL + "mentions":
                mentioned_in.append(self.link(s, page))
                continue
            if p in _HIDDEN or s in self.claims or s in self.annotations or s.startswith(iri + "#"):
                continue
            if self.is_fact(s) and s not in (iri,):
                related[s].add(p)
                continue
            if s.startswith(self.base + "mention/"):
                continue
            evidence = []
            for claim in self.claims_by_triple.get((s, p, iri), ()):
                evidence += self.evidence_of(claim)
            if not evidence:
                evidence = self.evidence_of(s)
            incoming[p].append(([self.link(s, page)], [refs.ref(a) for a in evidence]))

        def grouped(groups):
            rows = []
            for p in sorted(groups, key=lambda p: (self.property_label(p).casefold(), p)):
                values = sorted(groups[p], key=lambda v: self._fragments_key(v[0]))
                rows.append((Link("", self.property_label(p), p), values))
            return rows

        mentioned_in.sort(key=lambda link: link.text.casefold())
        return grouped(outgoing), grouped(incoming), related, mentioned_in

    @staticmethod
    def _fragments_key(fragments) -> str:
        return "".join(x if isinstance(x, str) else x.text for x in fragments).casefold()

    def fact_tables(self, iri: str, related: dict[str, set[str]], page: str) -> list[dict]:
        """The facts linked to `iri`, a table per kind (judgements of a body as a timeline)."""
        by_class: dict[str, list[str]] = defaultdict(list)
        for fact in related:
            cls = local_name(self.cls(fact))
            if cls == "AreaForImprovement":
                cls = "Recommendation"
            by_class[cls].append(fact)
        tables = []
        judgements = by_class.pop("Judgement", [])
        timeline = [j for j in judgements if self.value(j, POL + "judgementOf") == iri]
        if timeline:
            tables.append(self._judgements(timeline, page, "Grades over time", show_subject=False))
        rest = [j for j in judgements if j not in timeline]
        if rest:
            tables.append(self._judgements(rest, page, "Judgements", show_subject=True))
        builders = {"Finding": self._findings, "Recommendation": self._recommendations,
                    "Statistic": self._statistics, "Quotation": self._quotations}
        for name in ("Finding", "Recommendation", "Statistic", "Quotation"):
            if by_class.get(name):
                facts = sorted(by_class[name], key=lambda f: self._fact_order(f))
                table = builders[name](facts, page, iri)
                kinds = sorted({self.property_label(p) for f in facts for p in related[f]})
                if len(kinds) > 1:
                    table["head"].append("Linked by")
                    for row, fact in zip(table["rows"], facts, strict=True):
                        row.append([", ".join(sorted(self.property_label(p) for p in related[fact]))])
                tables.append(table)
        return tables

    def _fact_order(self, fact: str):
        evidence = self.evidence_of(fact)
        first = min(((self.source_order.get(a.source, 0), a.start) for a in evidence), default=(0, 0))
        return (*first, fact)

    def _evidence_cell(self, fact: str, page: str) -> list:
        cell = []
        for a in self.evidence_of(fact):
            source = self.sources.get(a.source)
            if cell:
                cell.append("; ")
            cell += [self.passage(a, page), f" ({source.title if source else a.source}"
                     + (f", {self.source_date(a.source)})" if self.source_date(a.source) else ")")]
        return cell

    def _links(self, fact: str, predicate: str, page: str) -> list:
        cell = []
        for value in sorted(self._all(self.out[fact], predicate), key=self.sort_key):
            if cell:
                cell.append(", ")
            cell.append(self.link(value, page))
        return cell

    def _judgements(self, facts, page, title, show_subject):
        rows = []
        for j in facts:
            inspection = self.value(j, POL + "inspection")
            grade = self.value(j, POL + "grade")
            scheme = self.value(grade, SKOS + "inScheme")
            date = self.date_text(inspection) or self._source_date_of(j)
            row = [self._links(j, POL + "inspection", page), [date], self._links(j, POL + "assessedArea", page),
                   [self.link(j, page, self.value(grade, SKOS + "prefLabel") or self.label(grade))],
                   [self.value(scheme, SKOS + "prefLabel") or local_name(scheme)]]
            if show_subject:
                row.insert(0, self._links(j, POL + "judgementOf", page))
            row.append(self._evidence_cell(j, page))
            rows.append(((date, self._fragments_key(row[1 if show_subject else 0])), row))
        rows.sort(key=lambda item: item[0])
        head = ["Inspection", "Date", "Area", "Grade", "Scale", "Evidence"]
        if show_subject:
            head.insert(0, "Body")
        return {"title": title, "id": "grades" if not show_subject else "judgements", "head": head,
                "rows": [row for _, row in rows], "cls": "timeline" if not show_subject else ""}

    def _source_date_of(self, fact: str) -> str:
        evidence = self.evidence_of(fact)
        return self.source_date(evidence[0].source) if evidence else ""

    def _findings(self, facts, page, iri):
        rows = [[[self.label(self.value(f, POL + "polarity"))], [self.link(f, page)],
                 self._links(f, POL + "findingAbout", page), self._links(f, POL + "inspection", page),
                 self._links(f, POL + "assessedArea", page), self._evidence_cell(f, page)] for f in facts]
        return {"title": "Findings", "id": "findings", "cls": "",
                "head": ["Polarity", "Finding", "About", "Inspection", "Area", "Evidence"], "rows": rows}

    def _recommendations(self, facts, page, iri):
        rows = []
        for r in facts:
            kind = "area for improvement" if self.cls(r) == POL + "AreaForImprovement" else "recommendation"
            deadline = self.value(r, POL + "deadlineText")
            rows.append([[kind], [self.link(r, page)], self._links(r, POL + "addressee", page),
                         self._links(r, POL + "inspection", page), [deadline], self._evidence_cell(r, page)])
        return {"title": "Recommendations", "id": "recommendations", "cls": "",
                "head": ["Kind", "Recommendation", "Addressee", "Inspection", "Deadline", "Evidence"], "rows": rows}

    def _statistics(self, facts, page, iri):
        rows = []
        for s in facts:
            margin = self.value(s, POL + "marginOfError")
            rows.append([[self.link(s, page)], [self.value(s, POL + "value")],
                         [self.label(self.value(s, POL + "unit"))], [f"± {margin}" if margin else ""],
                         [self.value(s, POL + "periodLabel")], self._links(s, POL + "refArea", page),
                         self._links(s, POL + "comparator", page), self._evidence_cell(s, page)])
        return {"title": "Statistics", "id": "statistics", "cls": "",
                "head": ["Statistic", "Value", "Unit", "Margin", "Period", "Area", "Compared with", "Evidence"],
                "rows": rows}

    def _quotations(self, facts, page, iri):
        rows = [[[self.link(q, page, _short(self.value(q, "https://schema.org/text") or self.label(q), 160))],
                 self._links(q, PROV + "wasAttributedTo", page), self._links(q, POL + "speakerPost", page),
                 self._evidence_cell(q, page)] for q in facts]
        return {"title": "Quotations", "id": "quotations", "cls": "",
                "head": ["Quotation", "Speaker", "Post", "Evidence"], "rows": rows}

    # -- the ego view -----------------------------------------------------------------------

    def ego(self, iri: str, page: str) -> dict | None:
        """The data of a small ego view (centre and neighbours), or None for an isolated node."""
        from graph.views import ego_view, style

        if iri not in self.network or not any(True for _ in self.network.to_undirected(as_view=True)[iri]):
            return None
        view = ego_view(self.kg, iri, depth=1, network=self.network)
        sub = view.network
        neighbours = sorted((n for n in sub if n != iri), key=lambda n: (self.is_fact(n), self.sort_key(n)))
        shown = [iri, *neighbours[: EGO_LIMIT - 1]]
        index = {n: i for i, n in enumerate(shown)}
        nodes = []
        for n in shown:
            data = sub.nodes[n]
            colour, shape = style(data.get("class", ""), self.vocabulary)
            label = " ".join(data.get("label", "").split())
            nodes.append({"id": index[n], "label": _short(label, 28), "full": label,
                          "cls": data.get("class_label", ""), "color": colour, "shape": shape,
                          "href": self.rel(self.pages[n], page) if n in self.pages else "", "centre": n == iri})
        edges, seen = [], set()
        for u, v, data in sorted(sub.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))):
            if u in index and v in index and (u, v, data.get("label")) not in seen:
                seen.add((u, v, data.get("label")))
                edges.append({"from": index[u], "to": index[v], "label": data.get("label", "")})
        return {"json": _json_for_html({"nodes": nodes, "edges": edges}), "shown": len(shown),
                "total": sub.number_of_nodes()}

    # -- source pages -----------------------------------------------------------------------

    def source_context(self, source_id: str, page: str) -> dict:
        source = self.sources[source_id]
        annotations = self.by_source.get(source_id, [])
        numbers = {a.key: n for n, a in enumerate(annotations, 1)}
        passages = []
        for a in annotations:
            passages.append({"key": a.key, "number": numbers[a.key], "quote": " ".join(a.exact.split()),
                             "bodies": [self.body_fragments(b, page) for b in a.bodies]})
        return {"text": highlight(source.text or "", annotations, numbers,
                                  {a.key: "; ".join(self.body_text(b) for b in a.bodies) for a in annotations}),
                "passages": passages, "file": source.file, "kind": self.class_label(POL + source.kind),
                "date": self.source_date(source_id) or "unknown", "basis": source.date_basis,
                "length": len(source.text or "")}


class _EvidenceList:
    """The evidence quoted on one page, numbered in source and position order."""

    def __init__(self):
        self.items: dict[str, Annotation] = {}

    def add(self, a: Annotation) -> None:
        self.items[a.iri] = a

    def ordered(self) -> list[Annotation]:
        return sorted(self.items.values(), key=lambda a: (a.source, a.start, a.end))

    def numbered(self):
        return list(enumerate(self.ordered(), 1))

    @staticmethod
    def anchor(a: Annotation) -> str:
        return f"ev-{a.source}-{a.key}"

    def ref(self, a: Annotation) -> Link:
        self.add(a)
        return Link(f"#{self.anchor(a)}", "", f"“{_short(a.exact, 200)}”", "ref")


def highlight(text: str, annotations: list[Annotation], numbers: dict[str, int], titles: dict[str, str]):
    """The text as HTML with each annotated span marked.

    The text is cut at every span boundary; each piece covered by spans is a <mark> naming them
    all (data-q) with its depth of overlap, so overlapping and nested spans all show. Each span
    starts with an empty anchor `q-START-END` and ends with a reference link to `#s-START-END`.
    """
    from markupsafe import Markup

    spans = sorted({(a.start, a.end) for a in annotations if 0 <= a.start < a.end <= len(text)})
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    ends: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s, e in spans:
        starts[s].append((s, e))
        ends[e].append((s, e))
    cuts = sorted({0, len(text), *starts, *ends})
    active: set[tuple[int, int]] = set()
    out: list[str] = []
    for i, position in enumerate(cuts):
        for s, e in sorted(ends.get(position, ()), key=lambda span: -span[0]):
            active.discard((s, e))
            key = f"{s}-{e}"
            out.append(f'<a class="ref" href="#s-{key}" title="{html.escape(titles.get(key, ""))}">'
                       f"{numbers.get(key, '')}</a>")
        for s, e in starts.get(position, ()):
            active.add((s, e))
            out.append(f'<span class="q" id="q-{s}-{e}"></span>')
        if i + 1 == len(cuts):
            break
        piece = html.escape(text[position:cuts[i + 1]], quote=False)
        if active:
            keys = " ".join(f"{s}-{e}" for s, e in sorted(active))
            out.append(f'<mark class="d{min(len(active), 3)}" data-q="{keys}">{piece}</mark>')
        else:
            out.append(piece)
    return Markup("".join(out))


# ------------------------------------------------------------------------------ RDF descriptions


def describe(site: Site, iri: str) -> list:
    """The description of `iri` as pyoxigraph triples, sorted: its triples (as subject and object),
    those of its #-fragments, of the claims it is part of and of the mentions of it, and every
    evidence annotation of these (annotation, #target, #quote and #position)."""
    wanted = {t for t in site.triples if t.subject.value == iri or t.subject.value.startswith(iri + "#")
              or (type(t.object).__name__ == "NamedNode" and t.object.value == iri)}
    attached = [iri, *site.claims_of.get(iri, ()), *site.mentions_of.get(iri, ())]
    annotations = set()
    for node in attached:
        annotations.update(site._all(site.out.get(node, ()), EVIDENCE))
    subjects = set(attached[1:])
    for a in annotations:
        subjects.update((a, a + "#target", a + "#quote", a + "#position"))
    wanted.update(t for t in site.triples if t.subject.value in subjects)
    from graph.rdf import triple_key

    return sorted(wanted, key=triple_key)


def serialise_description(site: Site, triples: list, fmt: str) -> bytes:
    import pyoxigraph as ox

    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=site.vocabulary.prefixes_for(site.base))
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        from graph.exports import project_context
        from graph.jsonld import compact_jsonld

        return compact_jsonld(triples, project_context(site.base))
    raise ValueError(f"unknown format {fmt!r}")


def _accepted(accept: str | None) -> list[str]:
    """Formats in order of preference for an Accept header; HTML when nothing is said."""
    if not accept or not accept.strip():
        return ["html"]
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        media = media.lower()
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in MEDIA:
            ranked.append((-q, 0, position, MEDIA[media]))
        elif media == "*/*":
            ranked.append((-q, 2, position, "html"))
        elif media.endswith("/*"):
            kind = media[:-1]
            for name, fmt in MEDIA.items():
                if name.startswith(kind):
                    ranked.append((-q, 1, position, fmt))
    return list(dict.fromkeys(fmt for *_, fmt in sorted(ranked)))


def _site_path(site: Site, path: str) -> str:
    """The path within the site of a request path or IRI."""
    if path.startswith(site.base):
        return path[len(site.base):]
    path = unquote(urlsplit(path).path)
    base_path = urlsplit(site.base).path
    for prefix in (base_path, "/id/"):
        if prefix and path.startswith(prefix):
            return path[len(prefix):]
    return path.lstrip("/")


def respond(site: Site, path: str, accept_header: str | None) -> tuple[int, str, bytes]:
    """Answer a GET for `path` with content negotiation: (status, content type, body).

    `path` is the request path (or the IRI itself); the base IRI's path (`/policing-kg/id/`) or
    `/id/` in front of it is dropped, so `/id/force/kent` is the entity https://w3id.org/policing-kg/id/force/kent.
    An IRI with a page answers its HTML page, or its description in Turtle, JSON-LD or N-Triples,
    as the Accept header prefers (a .html, .ttl, .jsonld or .nt suffix decides instead). A claim,
    an evidence annotation or a mention answers RDF, or a small page linking to what it is about.
    Other paths serve the site's files (index.html, assets/...). 404 for nothing, 406 for an
    Accept that none of HTML, Turtle, JSON-LD or N-Triples satisfies.
    """
    local = _site_path(site, path)
    stem, suffix = posixpath.splitext(local)
    fmt_from_suffix = SUFFIXES.get(suffix)
    key = stem if fmt_from_suffix else local
    iri = site.base + key
    described = iri in site.pages or (iri in site.out and not key.startswith("graph/"))
    if described and "/" in key:
        formats = [fmt_from_suffix] if fmt_from_suffix else _accepted(accept_header)
        if not formats:
            return 406, "text/plain; charset=utf-8", (
                "Not acceptable: this resource is available as " + ", ".join(sorted(MEDIA)) + "\n").encode()
        fmt = formats[0]
        if fmt == "html":
            page = site.file(key + ".html") if iri in site.pages else _pointer_page(site, iri, key)
            return 200, ANSWER["html"], page
        return 200, ANSWER[fmt], serialise_description(site, describe(site, iri), fmt)
    data = site.file("index.html" if local in ("", "/") else local)
    if data is None:
        return 404, "text/plain; charset=utf-8", f"Not found: {path}\n".encode()
    return 200, STATIC_TYPES.get(suffix, "application/octet-stream"), data


def _pointer_page(site: Site, iri: str, key: str) -> bytes:
    """A small HTML page for a resource without a page of its own: it links to where it is shown."""
    page = key + ".html"
    links = []
    owner = iri.split("#", 1)[0]
    annotation = site.annotations.get(owner)
    if annotation:
        links.append(site.passage(annotation, page, "the quoted passage in its source"))
        links += [x for b in annotation.bodies for x in site.body_fragments(b, page) if isinstance(x, Link)]
    elif owner in site.claims:
        links += [x for x in site.claim_fragments(owner, page) if isinstance(x, Link)]
    else:
        subject = site.value(owner, DCT + "subject")
        if subject:
            links.append(site.link(subject, page))
    return site.render("pointer.html", page, title=site.label(owner), iri=iri, links=links)


# ------------------------------------------------------------------------------ writing


@dataclass
class SiteReport:
    path: Path
    pages: int
    files: int
    bytes: int
    seconds: float


def write_site(kg_or_site, out_dir: str | Path) -> Path:
    """Generate the site and put it at `out_dir`, replacing a previous site there atomically.

    Refuses to replace a folder that is neither empty nor a site written here before.
    """
    return write_site_report(kg_or_site, out_dir).path


def write_site_report(kg_or_site, out_dir: str | Path) -> SiteReport:
    started = time.perf_counter()
    site = kg_or_site if isinstance(kg_or_site, Site) else Site(kg_or_site)
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise FileExistsError(f"{out} exists and is not a site written by policing-kg: choose another folder")
    files = site.files()
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        os.chmod(temporary, 0o755)
        for name, data in files.items():
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / "site")
            os.replace(temporary, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return SiteReport(out, sum(1 for name in files if name.endswith(".html")), len(files),
                      sum(len(data) for data in files.values()), time.perf_counter() - started)
