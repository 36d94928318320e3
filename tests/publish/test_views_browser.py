"""The views in a real headless Chromium (Debian's chromium driven by Playwright).

The gallery is the one `build` puts in the site (site/views/, over the site's assets). Every
page loads from file://, logs no console error and requests nothing but file: URLs; a legend
click hides and shows a class; a node click opens the side panel with its evidence and a link
to its page, which opens; search finds labels, aliases and substrings ("predpol" finds 'pred
pol'); labels never overlap; "show more" and "unfold" add nodes. Graph text never executes.
Under CI (`CI=true`) the `chromium` fixture fails rather than skips when there is no browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.publish import gallery, view_page
from graph.publish.site.build import Site, write_site
from tests.publish.test_views import hostile_view  # tests/ and its folders are packages (__init__.py)

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def site_views(kg, tmp_path_factory) -> tuple[Path, dict]:
    """The site `build` writes, and the view behind each gallery page."""
    out = tmp_path_factory.mktemp("site") / "site"
    site = Site(kg)
    write_site(site, out)
    chosen = gallery.gallery_views(kg, folded=site.folded)
    return out / "views", {view.name: view for view in chosen}


class Page:
    """A browser tab that records every request and every console error."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: Path) -> None:
        self.requests.clear()
        self.errors.clear()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file:")]

    def evaluate(self, script: str):
        return self.page.evaluate(script)

    def shown(self) -> int:
        return self.evaluate("kgView.nodes.get({filter: function (n) { return !n.hidden; }}).length")

    def click_node(self, node_id: str) -> None:
        point = self.evaluate(f"kgView.network.canvasToDOM(kgView.network.getPositions(['{node_id}'])['{node_id}'])")
        box = self.page.locator("#kg-network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


@pytest.fixture(scope="module")
def tab(browser):
    page = Page(browser)
    yield page
    page.page.close()


def test_every_gallery_page_loads_offline_and_draws_its_first_batch(site_views, tab):
    out, by_name = site_views
    index = (out / "index.html").read_text(encoding="utf-8")
    for name, view in by_name.items():
        assert f'href="{name}.html"' in index
        tab.open(out / f"{name}.html")
        assert tab.errors == [], name
        assert tab.outside_requests() == [], name
        first = sum(1 for *_, batch in view.nodes if batch == 0)
        assert tab.shown() == first, name
        assert tab.evaluate("kgView.labelled.length") > 0, name


def test_labels_never_overlap_and_the_most_important_are_labelled(site_views, tab):
    out, by_name = site_views
    for name in ("overview", "ego-force-kent"):
        tab.open(out / f"{name}.html")
        rects = tab.evaluate("kgView.labelRects")
        assert len(rects) >= 15, name
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]), (name, a, b)
        view = by_name[name]
        top = max(view.actors, key=lambda a: (view.folded.importance[a], a))
        labelled = tab.evaluate("kgView.labelled.map(function (a) { return window.KG.nodes[a].iri; })")
        assert top in labelled, name
    ARTEFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTEFACTS / "ego-force-kent.png"))


def test_legend_click_hides_and_shows_a_class(site_views, tab):
    out, _ = site_views
    tab.open(out / "overview.html")
    before = tab.shown()
    entry = tab.page.locator("#kg-legend li", has_text="police force (")
    count = int(entry.inner_text().rsplit("(", 1)[1].rstrip(")"))
    entry.click()
    assert tab.shown() == before - count and "off" in entry.get_attribute("class")
    hidden_forces = tab.evaluate("kgView.nodes.get({filter: function (n) { return n.hidden; }})"
                                 ".map(function (n) { return window.KG.classes[window.KG.nodes[n.kgActor].c][0]; })")
    assert set(hidden_forces) == {"police force"}
    entry.click()
    assert tab.shown() == before


def test_node_click_opens_the_side_panel_with_evidence_and_the_entity_page(site_views, tab):
    out, _ = site_views
    tab.open(out / "ego-force-kent.html")
    kent = tab.evaluate("'a' + KG_VIEW.centre")
    tab.page.locator("#kg-detail").evaluate("e => { e.hidden = true; }")
    tab.click_node(kent)
    detail = tab.page.locator("#kg-detail")
    assert detail.is_visible() and "Kent Police" in detail.locator("h2").inner_text()
    assert "Judgement" in detail.inner_text() or "judgement" in detail.inner_text()
    assert detail.locator(".kg-quote").count() > 0  # evidence quotes
    link = detail.locator("#kg-detail-page")
    assert link.get_attribute("href") == "../force/kent.html"
    link.click()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith("/force/kent.html") and "Kent Police" in tab.page.title()
    back = tab.page.locator("#network-view")  # the entity page links back to its network view
    assert back.get_attribute("href") == "../views/ego-force-kent.html"
    back.click()
    tab.page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)
    assert tab.page.url.endswith("/views/ego-force-kent.html")


@pytest.mark.parametrize(("query", "expected"), [
    ("predpol", "pred pol"),  # spaces and punctuation ignored
    ("Pred-Pol", "pred pol"),
    ("serious crime directorate", "Essex and Kent Serious Crime Directorate"),  # an alias
    ("unit/serious-crime-directorate", "Essex and Kent Serious Crime Directorate"),  # an id
    ("crime directorate", "Essex and Kent Serious Crime Directorate"),  # a substring
])
def test_search_by_label_alias_id_and_substring(site_views, tab, query, expected):
    out, _ = site_views
    tab.open(out / "overview.html")
    search = tab.page.locator("#kg-search")
    search.fill(query)
    assert tab.page.locator("#kg-matches li").count() > 0
    search.press("Enter")
    focused = tab.evaluate("kgView.focused")
    assert focused and tab.evaluate(f"KG.nodes.filter(function (n) {{ return n.iri === '{focused}'; }})[0].l") \
        == expected
    assert expected in tab.page.locator("#kg-detail h2").inner_text()


def test_search_finds_nothing_politely(site_views, tab):
    out, _ = site_views
    tab.open(out / "overview.html")
    assert tab.evaluate("kgView.focus('no such thing at all')") is None
    assert "Nothing here matches" in tab.page.locator("#kg-status").inner_text()


def test_show_more_and_unfold_add_nodes(site_views, tab):
    out, by_name = site_views
    tab.open(out / "ego-force-kent.html")
    first = tab.shown()
    tab.page.locator("#kg-more").click()
    assert tab.shown() == first + sum(1 for *_, b in by_name["ego-force-kent"].nodes if b == 1)
    tab.page.locator("#kg-unfold").check()
    assert tab.evaluate("kgView.unfoldedFacts") > 0
    tab.page.locator("#kg-unfold").uncheck()
    assert tab.evaluate("kgView.unfoldedFacts") == 0


def test_gallery_is_a_page_of_cards_with_previews(site_views, tab):
    out, by_name = site_views
    tab.page.goto((out / "index.html").as_uri())
    cards = tab.page.locator("li.card")
    assert cards.count() >= len(by_name) and tab.page.locator("li.card svg").count() == cards.count()
    assert tab.page.locator("h2", has_text="Grades over time").count() == 1
    tab.page.locator("li.card a", has_text="Kent Police").first.click()
    tab.page.wait_for_load_state()
    assert "/views/" in tab.page.url


def test_text_from_the_graph_never_executes(tab, tmp_path):
    page = tmp_path / "hostile.html"
    view_page.write_view(hostile_view(), page)
    tab.open(page)
    assert tab.errors == [] and tab.outside_requests() == []
    assert [url for url in tab.requests if url != page.as_uri()] == []  # <img src=x> was never created
    assert tab.page.title().startswith("Title <script>")
    evil = tab.evaluate("'a' + KG.nodes.findIndex(function (n) { return n.iri.indexOf('evil') > 0; })")
    point = tab.evaluate(f"kgView.network.canvasToDOM(kgView.network.getPositions(['{evil}'])['{evil}'])")
    box = tab.page.locator("#kg-network").bounding_box()
    tab.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = tab.page.locator("#kg-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "<script>window.__pwned = 1</script>" in text and 'href="javascript:' in text
    assert tooltip.locator("script, img, a").count() == 0
    tab.click_node(evil)
    assert tab.page.locator("#kg-detail script, #kg-detail img").count() == 0
    assert tab.evaluate("typeof window.__pwned") == "undefined"
