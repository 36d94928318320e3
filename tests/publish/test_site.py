"""The static site (graph.publish.site): complete, linked, escaped, deterministic, served with content negotiation."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from rdflib.compare import isomorphic

import graph
from graph.publish.site.build import Site, write_site
from graph.publish.site.serving import describe, respond

PAYLOAD_QUOTE = '<img src=x onerror="window.pwned=1">'
EVIL_RECORDS = """\
source: reference-inspectorates

entities:
  - id: org/evil-body
    type: Organisation
    label: "Evil <script>window.pwned=2</script> body"
    aliases: ['<img src=x onerror="window.pwned=3">', "Tom & Jerry's \\"unit\\""]
    description: '<b onmouseover="window.pwned=4">bold</b>'
    quote: '<img src=x onerror="window.pwned=1">'

relations:
  - subject: org/evil-body
    predicate: worksWith
    object: force/kent
    quote: 'Evil <script>alert("x")</script>'
"""


_BUILT: dict[str, object] = {}  # shared with test_site_browser: each site is generated once per session


def once(name: str, make):
    if name not in _BUILT:
        _BUILT[name] = make()
    return _BUILT[name]


def shared_site_dir(kg, tmp_path_factory) -> Path:
    site = once("site", lambda: Site(kg))
    return once("site_dir", lambda: write_site(site, tmp_path_factory.mktemp("built") / "site"))


def shared_evil_site_dir(data_dir, tmp_path_factory) -> Path:
    def make():
        root = tmp_path_factory.mktemp("evil")
        return write_site(graph.load(evil_data(data_dir, root / "data"), shapes=False), root / "site")

    return once("evil_site_dir", make)


@pytest.fixture(scope="module")
def site(kg) -> Site:
    return once("site", lambda: Site(kg))


@pytest.fixture(scope="module")
def site_dir(kg, tmp_path_factory) -> Path:
    return shared_site_dir(kg, tmp_path_factory)


def evil_data(data_dir: Path, target: Path) -> Path:
    """A copy of the data with HTML and script in a source text, a label, aliases, a description and quotes."""
    import shutil

    shutil.copytree(data_dir, target)
    note = target / "sources" / "reference-inspectorates.txt"
    note.chmod(0o644)
    with note.open("a", encoding="utf-8") as stream:
        stream.write(f'\nEvil <script>alert("x")</script> and {PAYLOAD_QUOTE} text.\n')
    (target / "records" / "evil.yaml").write_text(EVIL_RECORDS, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def evil_site_dir(data_dir, tmp_path_factory) -> Path:
    return shared_evil_site_dir(data_dir, tmp_path_factory)


class _Page(HTMLParser):
    """The ids, links (href, src) and text of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in ("href", "src", "action") and value is not None:
                self.links.append((tag, name, value))
            if name.startswith("on"):
                raise AssertionError(f"an event handler attribute in the page: <{tag} {name}={value!r}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


# ------------------------------------------------------------------------------ completeness


def test_a_page_for_every_entity_fact_source_inspection_and_theme(site_dir, kg):
    network = kg.networkx()
    missing = [n for n in network if not (site_dir / f"{n[len(kg.base):]}.html").is_file()]
    assert not missing, missing[:10]
    for record in kg.corpus.records.identified():
        assert (site_dir / f"{record.id}.html").is_file(), record.id
    for source in kg.corpus.sources.values():
        assert (site_dir / f"source/{source.id}.html").is_file()
    for name in ("index.html", "a-z.html", "search.html", "assets/search-index.js", "assets/vis-network.min.js",
                 "classes/PoliceForce.html", "classes/Inspection.html", "classes/Theme.html"):
        assert (site_dir / name).is_file(), name
    az = (site_dir / "a-z.html").read_text(encoding="utf-8")
    assert az.count("<li>") == len(network)


_ID = re.compile(r'\sid="([^"]*)"')
_LINK = re.compile(r'<(\w+)\b[^>]*?\s(href|src|action)="([^"]*)"')


def ids_and_links(path: Path) -> tuple[set[str], list[tuple[str, str, str]]]:
    """The ids and the links (tag, attribute, value) of a generated page (attributes are double-quoted)."""
    text = path.read_text(encoding="utf-8")
    ids = {html.unescape(v) for v in _ID.findall(text)}
    return ids, [(tag, attribute, html.unescape(value)) for tag, attribute, value in _LINK.findall(text)]


def test_every_internal_link_and_fragment_resolves(site_dir):
    pages = {path.resolve(): ids_and_links(path) for path in sorted(site_dir.rglob("*.html"))}
    assert len(pages) > 500
    root, broken, checked = site_dir.resolve(), [], 0
    for path, (_, links) in pages.items():
        for tag, attribute, value in links:
            url = urlsplit(value)
            if url.scheme in ("http", "https", "mailto") and tag == "a" or url.scheme == "data":
                continue
            assert not url.scheme and not url.netloc, f"{path}: <{tag} {attribute}={value!r}> leaves the site"
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            checked += 1
            if not target.is_file() or root not in target.parents:
                broken.append(f"{path.relative_to(root)}: {value}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in pages[target][0]:
                broken.append(f"{path.relative_to(root)}: {value} (no such id)")
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"
    assert checked > 20000


def test_pages_load_nothing_from_outside(site_dir):
    from graph.publish.view_page import external_references

    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not [r for r in external_references(text) if "://" in r or r.startswith("//")], path
    css = (site_dir / "assets/site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css
    assert b"sourceMappingURL" not in (site_dir / "assets/vis-network.min.js").read_bytes()


# ------------------------------------------------------------------------------ content


def test_entity_page_shows_labels_statements_tables_evidence_and_ego_view(site_dir, kg):
    text = (site_dir / "force/kent.html").read_text(encoding="utf-8")
    assert "<h1>Kent Police</h1>" in text
    assert 'href="../classes/PoliceForce.html"' in text
    for heading in ("Grades over time", "Findings", "Recommendations", "Statistics", "Statements", "Evidence"):
        assert f">{heading} <small>" in text or f"<h2>{heading}</h2>" in text, heading
    timeline = text[text.index('id="grades"'):text.index('id="findings"')]
    assert all(f"<th>{h}</th>" in timeline for h in ("Inspection", "Date", "Area", "Grade", "Scale"))
    assert "HMIC four-point grading scale" in timeline and "2014" in timeline
    assert 'href="../unit/serious-crime-directorate.html"' in text  # incoming: the unit is a unit of Kent
    assert 'href="../source/reference-forces.html#q-' in text
    assert 'id="ego-data"' in text and 'src="../assets/vis-network.min.js"' in text
    unit = (site_dir / "unit/serious-crime-directorate.html").read_text(encoding="utf-8")
    assert "Also known as" in unit and "Serious Crime Directorate" in unit
    assert 'href="../source/hmic-2014-kent-crime.html#q-26851-26902"' in unit
    assert html.escape("“the joint Essex and Kent Serious Crime Directorate”", quote=False) in unit.replace("\n", "")\
        or "the joint Essex and Kent Serious Crime Directorate" in " ".join(unit.split())


def test_entity_page_lists_a_cause_of_concern_by_its_kind(site_dir):
    text = (site_dir / "force/suffolk.html").read_text(encoding="utf-8")
    table = text[text.index('id="recommendations"'):]
    table = table[:table.index("</table>")]
    assert "<td>cause of concern</td>" in table
    assert "recording rate for violent crime is only 84.3 percent" in " ".join(table.split())


def _text_and_anchors(page_html: str) -> tuple[str, dict[str, int]]:
    """The source text inside the page's <pre> (reference numbers dropped) and where each q- anchor is."""
    pre = re.search(r'<pre class="source-text">(.*?)</pre>', page_html, re.S).group(1)
    pre = re.sub(r'<a class="ref"[^>]*>\d*</a>', "", pre)
    text, anchors, position = [], {}, 0
    for token in re.split(r"(<[^>]+>)", pre):
        if token.startswith("<"):
            anchor = re.match(r'<span class="q" id="(q-\d+-\d+)">', token)
            if anchor:
                anchors[anchor.group(1)] = position
            continue
        piece = html.unescape(token)
        text.append(piece)
        position += len(piece)
    return "".join(text), anchors


def test_source_pages_hold_the_text_and_highlight_every_evidenced_span(site_dir, kg, site):
    for source in kg.corpus.sources.values():
        page = (site_dir / f"source/{source.id}.html").read_text(encoding="utf-8")
        text, anchors = _text_and_anchors(page)
        assert text == source.text, source.id
        spans = {(a.start, a.end) for a in site.annotations.values() if a.source == source.id}
        assert set(anchors) == {f"q-{s}-{e}" for s, e in spans}
        for s, e in spans:
            assert anchors[f"q-{s}-{e}"] == s
            assert f'id="s-{s}-{e}"' in page  # the list of what the passage supports
        for marked in re.findall(r'<mark class="d\d" data-q="([^"]+)">', page):
            assert all(f"q-{key}" in anchors for key in marked.split())


def test_overlapping_spans_are_split_into_segments_that_name_every_span():
    from graph.publish.site.model import Annotation
    from graph.publish.site.source_pages import highlight

    text = "abcdefghij"
    spans = [Annotation("a", "s", 1, 6, text[1:6]), Annotation("b", "s", 4, 9, text[4:9]),
             Annotation("c", "s", 2, 3, text[2:3])]
    out = str(highlight(text, spans, {"1-6": 1, "4-9": 2, "2-3": 3}, {}))
    assert '<mark class="d2" data-q="1-6 4-9">ef</mark>' in out
    assert '<mark class="d2" data-q="1-6 2-3">c</mark>' in out
    assert '<mark class="d1" data-q="4-9">ghi</mark>' in out
    assert out.index('id="q-4-9"') < out.index(">ef<") < out.index('href="#s-1-6"') < out.index(">ghi<")
    assert re.sub(r"<[^>]+>\d*(?=<)|<[^>]+>", "", out.replace('">1</a>', '"></a>').replace('">2</a>', '"></a>')
                  .replace('">3</a>', '"></a>')) == text


def test_search_index_covers_labels_aliases_and_quotes(site_dir, site):
    script = (site_dir / "assets/search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.KG_SEARCH = {")
    import json

    index = json.loads(script.removeprefix("window.KG_SEARCH = ").rstrip().rstrip(";"))
    labels = {e[0] for e in index["entities"]}
    assert "Kent Police" in labels and len(index["entities"]) == len(site.pages)
    assert any("Serious Crime Directorate" in e[1] for e in index["entities"])
    assert len(index["quotes"]) == len(site.annotations)
    for _, _, path, _ in index["quotes"][:50]:
        assert (site_dir / path.split("#")[0]).is_file()
    assert "<" not in script and ">" not in script.replace("=>", "")


# ------------------------------------------------------------------------------ escaping


def test_html_in_labels_quotes_and_texts_is_escaped(evil_site_dir):
    page = (evil_site_dir / "org/evil-body.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned=2&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page and "&lt;b onmouseover=" in page
    for path in evil_site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for raw in ("<script>window.pwned", "<script>alert", "<img src=x", "<b onmouseover"):
            assert raw not in text, (path, raw)
        parse(path)  # raises on any on* attribute
    source = (evil_site_dir / "source/reference-inspectorates.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in source or "&lt;script&gt;alert(\"x\")" in source
    kent = (evil_site_dir / "force/kent.html").read_text(encoding="utf-8")
    assert "Evil &lt;script&gt;window.pwned=2&lt;/script&gt; body" in kent
    ego = re.search(r'<script id="ego-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in ego and "\\u003cscript\\u003ewindow.pwned=2" in ego
    network = (evil_site_dir / "views/network.js").read_text(encoding="utf-8")  # the gallery's data
    assert "<" not in network and "\\u003cscript\\u003ewindow.pwned=2" in network
    index = (evil_site_dir / "assets/search-index.js").read_text(encoding="utf-8")
    assert "<script" not in index and "\\u003cimg src=x" in index


# ------------------------------------------------------------------------------ writing


def test_output_is_deterministic_whatever_the_hash_seed(site_dir, data_dir, tmp_path):
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    result = subprocess.run([sys.executable, "-m", "graph", "site", "--data", str(data_dir), "-o", str(out)],
                            env=env, capture_output=True, text=True, check=True)
    assert "pages" in result.stdout
    first = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file())
    second = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert first == second
    assert all((site_dir / p).read_bytes() == (out / p).read_bytes() for p in first)


def test_site_is_replaced_atomically_and_other_folders_are_left_alone(site, tmp_path):
    out = tmp_path / "site"
    write_site(site, out)
    (out / "stale.html").write_text("old page", encoding="utf-8")
    write_site(site, out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left behind
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_site(site, precious)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "mine"


# ------------------------------------------------------------------------------ content negotiation

SAMPLE = ("force/kent", "unit/serious-crime-directorate", "source/hmic-2014-kent-crime", "theme/domestic-abuse",
          "inspection/hmic-2014-kent-crime", "judgement/hmic-2014-kent-crime-investigating-offending",
          "statistic/hmic-2014-kent-victim-satisfaction", "evidence/hmic-2014-kent-crime/26851-26902")


def expected_graph(kg, iri: str) -> rdflib.Graph:
    """The description of `iri`, computed independently of graph.publish.site from the rdflib graph: its
    triples as subject and as object, those of its #-fragments, of the claims it is part of and the
    mentions of it, and the evidence annotations of all these with their #target, #quote, #position."""
    from rdflib.namespace import DCTERMS, RDF

    full, x, pol = kg.rdflib(), rdflib.URIRef(iri), rdflib.Namespace(kg.vocabulary.prefixes["pol"])
    result = rdflib.Graph()

    def subject(node):
        for triple in full.triples((node, None, None)):
            result.add(triple)

    subject(x)
    for triple in full.triples((None, None, x)):
        result.add(triple)
    for node in {s for s in full.subjects() if str(s).startswith(iri + "#")}:
        subject(node)
    attached = {c for p in (RDF.subject, RDF.object) for c in full.subjects(p, x) if (c, RDF.type, pol.Claim) in full}
    attached |= {m for m in full.subjects(DCTERMS.subject, x) if (m, RDF.type, pol.Mention) in full}
    for node in attached:
        subject(node)
    for node in {x, *attached}:
        for annotation in full.objects(node, pol.evidence):
            for part in ("", "#target", "#quote", "#position"):
                subject(rdflib.URIRef(str(annotation) + part))
    return result


@pytest.mark.parametrize("local", SAMPLE)
def test_content_negotiation_gives_an_isomorphic_description_in_each_rdf_format(site, kg, local):
    iri = kg.base + local
    expected = expected_graph(kg, iri)
    assert len(expected) > 5
    assert len(describe(site, iri)) == len(expected)
    for accept, media, fmt in (("text/turtle", "text/turtle", "turtle"),
                               ("application/ld+json", "application/ld+json", "json-ld"),
                               ("application/n-triples;q=1, text/html;q=0.5", "application/n-triples", "nt")):
        status, content_type, body = respond(site, "/id/" + local, accept)
        assert status == 200 and content_type.split(";")[0] == media, (accept, content_type)
        got = rdflib.Graph().parse(data=body.decode("utf-8"), format=fmt)
        assert isomorphic(got, expected), (local, accept, len(got), len(expected))


def test_content_negotiation_gives_browsers_the_page(site, site_dir):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
    status, content_type, body = respond(site, "/id/force/kent", browser)
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    assert body == (site_dir / "force/kent.html").read_bytes()
    assert respond(site, "/policing-kg/id/force/kent", None)[2] == body  # the base IRI's own path
    assert respond(site, site.base + "force/kent", "*/*")[2] == body
    assert respond(site, "/id/force/kent.ttl", browser)[1].startswith("text/turtle")  # a suffix decides
    assert respond(site, "/id/assets/site.css", browser)[:2] == (200, "text/css; charset=utf-8")
    assert respond(site, "/id/", browser)[2] == (site_dir / "index.html").read_bytes()
    assert respond(site, "/id/unit/serious-crime-directorate.html", browser)[2] == \
        (site_dir / "unit/serious-crime-directorate.html").read_bytes()
    evidence = respond(site, "/id/evidence/hmic-2014-kent-crime/26851-26902", browser)
    assert evidence[0] == 200 and b"../../source/hmic-2014-kent-crime.html#q-26851-26902" in evidence[2]
    assert respond(site, "/id/force/no-such-force", browser)[0] == 404
    assert respond(site, "/id/force/kent", "image/png")[0] == 406
    assert respond(site, "/id/force/kent", "text/*")[1] == "text/html; charset=utf-8"


def test_entity_pages_rendered_by_two_processes_are_the_pages_rendered_by_one(kg, monkeypatch):
    from graph.publish.site import build

    monkeypatch.setattr(build, "PARALLEL_FROM", 10**9)
    serial = build.Site(kg)._entity_pages()
    monkeypatch.setattr(build, "PARALLEL_FROM", 1)
    parallel = build.Site(kg)._entity_pages()
    assert len(serial) > 100 and parallel == serial
