"""The model of the static site: indexes over the graph, page paths, links and rendering.

The page kinds build on it: graph.publish.site.index_pages (index by class, A–Z, search
index), entity_pages (an entity's statements, facts and evidence, its ego view), source_pages
(a document's text with its evidenced spans highlighted); graph.publish.site.build puts them
together as the whole site and writes it, and graph.publish.site.serving answers requests for
its pages and IRIs.

Every text from the graph is escaped by Jinja2's autoescape (or html.escape where the text of a
source is marked up); the JSON given to scripts escapes `<`, `>` and `&`; scripts build DOM
with textContent only.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from graph.publish.network import local_name
from graph.vocabulary import DCT, OA, POL, RDF, RDF_TYPE, RDFS_LABEL, SKOS, XSD

TEMPLATES = Path(__file__).parent / "templates"
MARKER = ".policing-kg-site"  # marks a folder as a generated site, which write_site may replace
_SAFE = re.compile(r"[A-Za-z0-9._/-]*")
EGO_LIMIT = 16  # most nodes in the small ego view of an entity page (the network view has them all)
VIS_VERSION = "vis-9.1.2"


EVIDENCE = POL + "evidence"
_HIDDEN = {RDF_TYPE, RDFS_LABEL, SKOS + "prefLabel", SKOS + "altLabel", EVIDENCE}
_FACTS = ("Judgement", "Finding", "Recommendation", "AreaForImprovement", "CauseOfConcern", "Statistic", "Quotation")
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

class SiteModel:
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
        self._folded = None
        self._gallery: dict[str, bytes] | None = None

    @property
    def folded(self):
        """The network with its facts folded into the actors (graph.publish.folding), made once."""
        if self._folded is None:
            from graph.publish.folding import fold

            self._folded = fold(self.network, self.vocabulary)
        return self._folded

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

    def body_text(self, body: str) -> str:
        return "".join(x if isinstance(x, str) else x.text for x in self.body_fragments(body, "index.html"))
