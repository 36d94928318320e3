"""The views in a real headless Chromium (Debian's chromium driven by Playwright).

Each gallery page loads from file://, logs no console error, requests nothing but file: and
data: URLs, draws as many nodes and edges as the graph says, and finds a node from the search
box. Graph text containing HTML never executes. One browser serves the whole module; under CI
(`CI=true`) the `chromium` fixture fails rather than skips when there is no browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.publish import views
from graph.publish.network import short_id
from tests.publish.test_views import hostile_view  # tests/ and its folders are packages (__init__.py)

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"



@pytest.fixture(scope="module")
def gallery(kg, tmp_path_factory) -> tuple[Path, dict]:
    """The gallery `build` writes, and the view behind each page."""
    out = tmp_path_factory.mktemp("views")
    chosen = views.gallery_views(kg)
    views.write_gallery(kg, out, chosen=chosen)
    return out, {view.name: view for view in chosen}


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
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]

    def evaluate(self, script: str):
        return self.page.evaluate(script)


@pytest.fixture(scope="module")
def tab(browser):
    page = Page(browser)
    yield page
    page.page.close()


def test_every_gallery_page_loads_offline_draws_everything_and_searches(gallery, tab):
    out, by_name = gallery
    index = (out / "index.html").read_text(encoding="utf-8")
    assert set(by_name) == {path.stem for path in out.glob("*.html")} - {"index"}
    for name, view in by_name.items():
        assert f'href="{name}.html"' in index
        tab.open(out / f"{name}.html")
        assert tab.errors == [], name
        assert tab.outside_requests() == [], name
        assert all(url.startswith("file:") for url in tab.requests), name  # no data: image either
        drawn = tab.evaluate("[kgView.drawnNodes, kgView.drawnEdges, kgView.nodes.length, kgView.edges.length]")
        n, m = view.network.number_of_nodes(), view.network.number_of_edges()
        assert drawn == [n, m, n, m], name
        target = max(view.network, key=view.network.degree)  # search by label, as a user types it
        search = tab.page.locator("#kg-search")
        search.fill(view.network.nodes[target]["label"])
        search.press("Enter")
        assert tab.evaluate("[kgView.focused, network.getSelectedNodes()]") == [target, [target]], name
        assert view.network.nodes[target]["label"] in tab.page.locator("#kg-status").inner_text()
        if name == "overview":
            ARTEFACTS.mkdir(exist_ok=True)
            tab.page.locator("#kg-reset").click()
            tab.page.screenshot(path=str(ARTEFACTS / "overview.png"))


def test_search_by_alias_and_id_and_legend(gallery, tab):
    out, by_name = gallery
    tab.open(out / "overview.html")
    scd = next(n for n in by_name["overview"].network if short_id(n) == "unit/serious-crime-directorate")
    assert tab.evaluate("kgView.focus('serious crime directorate')") == scd  # an alias, any case
    assert tab.evaluate("kgView.focus('force/kent')").endswith("/force/kent")
    assert tab.evaluate("kgView.focus('no such thing at all')") is None
    assert "No node matches" in tab.page.locator("#kg-status").inner_text()
    legend = tab.page.locator("#kg-legend li").all_inner_texts()
    assert any("●" in text and "police force (" in text for text in legend)


def test_text_from_the_graph_never_executes(tab, tmp_path):
    page = tmp_path / "hostile.html"
    views.write_view(hostile_view(), page)
    tab.open(page)
    assert tab.errors == [] and tab.outside_requests() == []
    assert [url for url in tab.requests if url != page.as_uri()] == []  # <img src=x> was never created
    assert tab.page.title().startswith("Title <script>")
    evil = "https://example.org/id/unit/evil"
    point = tab.evaluate(f"network.canvasToDOM(network.getPositions(['{evil}'])['{evil}'])")
    box = tab.page.locator("#mynetwork").bounding_box()
    tab.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = tab.page.locator("#kg-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "<script>window.__pwned = 1</script>" in text and 'href="javascript:' in text and "onerror=" in text
    assert tooltip.locator("script, img, a").count() == 0
    assert tab.evaluate("typeof window.__pwned") == "undefined"


def test_physics_layout_is_the_same_twice(gallery, tab):
    out, by_name = gallery
    small = next(name for name, view in by_name.items()
                 if 20 < view.network.number_of_nodes() <= views.LAYOUT_THRESHOLD)
    positions = []
    for _ in range(2):
        tab.open(out / f"{small}.html")
        assert tab.evaluate("document.body.dataset.physics") == "true"
        positions.append(tab.evaluate("network.getPositions()"))
    assert positions[0] == positions[1]
