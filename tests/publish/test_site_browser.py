"""The static site in a real browser (Debian's chromium, headless): pages open from file:// with no
console errors and no network requests, the ego view draws, source passages highlight, search works,
and injected HTML stays inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.test_site import shared_evil_site_dir, shared_site_dir

SAMPLE = ("index.html", "a-z.html", "classes/PoliceForce.html", "force/kent.html",
          "unit/serious-crime-directorate.html", "inspection/hmic-2014-kent-crime.html", "theme/domestic-abuse.html",
          "finding/hmic-2014-kent-crime-iom-not-co-located.html", "source/hmic-2014-kent-crime.html#q-26851-26902")


@pytest.fixture(scope="module")
def site_dir(kg, tmp_path_factory) -> Path:
    return shared_site_dir(kg, tmp_path_factory)  # the same folder test_site checks, generated once


@pytest.fixture(scope="module")
def evil_site_dir(data_dir, tmp_path_factory) -> Path:
    return shared_evil_site_dir(data_dir, tmp_path_factory)



class Watched:
    """A page with its console errors, page errors, dialogs and requests recorded."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def check(self):
        outside = [u for u in self.requests if not u.startswith(("file:", "data:"))]
        assert not outside, f"network requests: {outside}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"dialogs: {self.dialogs}"


@pytest.fixture
def watched(browser):
    page = Watched(browser)
    yield page
    page.page.close()


def test_sample_pages_open_offline_without_errors(watched, site_dir):
    page = watched.page
    for name in SAMPLE:
        page.goto((site_dir / name.split("#")[0]).as_uri() + ("#" + name.split("#")[1] if "#" in name else ""))
        if page.locator("#ego").count():
            page.wait_for_selector('#ego[data-ready="true"]', timeout=15000)
            assert page.locator("#ego canvas").count() == 1
    watched.check()
    assert {u.split("/site/")[-1] for u in watched.requests if u.endswith(".js")} >= {
        "assets/site.js", "assets/vis-network.min.js", "assets/ego.js"}


def test_source_page_highlights_the_quoted_span_of_its_anchor(watched, site_dir, kg):
    page = watched.page
    page.goto((site_dir / "source/hmic-2014-kent-crime.html").as_uri() + "#q-26851-26902")
    current = page.eval_on_selector_all("mark.current", "marks => marks.map(m => m.textContent).join('')")
    assert current == kg.corpus.sources["hmic-2014-kent-crime"].text[26851:26902]
    page.click("mark.current")  # a click on a highlight goes to what the passage supports
    assert page.evaluate("location.hash").startswith("#s-")
    assert "Serious Crime Directorate" in page.inner_text(page.evaluate("location.hash"))
    watched.check()


def test_search_finds_labels_aliases_and_quotes(watched, site_dir):
    page = watched.page
    page.goto((site_dir / "force/kent.html").as_uri())
    page.fill("header form.quick input[name=q]", "serious crime directorate")
    page.press("header form.quick input[name=q]", "Enter")
    page.wait_for_selector('body[data-search-ready="true"]')
    assert page.url.split("/")[-1].startswith("search.html?q=serious")
    first = page.locator("#search-entities li a").first
    assert first.inner_text() == "Essex and Kent Serious Crime Directorate"
    page.fill("#search-input", "predictive crime analysis tool")  # an alias of 'pred pol'
    assert "pred pol" in page.inner_text("#search-entities").casefold()
    page.fill("#search-input", "rigorous approach to identifying")  # words of a quote
    quote = page.locator("#search-quotes li a").first
    assert "rigorous approach to identifying" in quote.inner_text()
    quote.click()
    page.wait_for_load_state()
    assert "/source/hmic-2014-kent-crime.html#q-" in page.url
    assert page.locator("mark.current").count() >= 1
    page.goto((site_dir / "search.html").as_uri() + "?q=nothing-matches-this")
    assert "0 pages and 0 quotes" in page.inner_text("#search-status")
    watched.check()


def test_injected_html_is_inert_in_the_browser(watched, evil_site_dir):
    kg_site = evil_site_dir
    page = watched.page
    for name in ("org/evil-body.html", "force/kent.html", "source/reference-inspectorates.html"):
        page.goto((kg_site / name).as_uri())
        if page.locator("#ego").count():
            page.wait_for_selector('#ego[data-ready="true"]', timeout=15000)
        page.mouse.move(300, 300)
        assert page.evaluate("typeof window.pwned") == "undefined"
    page.goto((kg_site / "org/evil-body.html").as_uri())
    assert page.inner_text("h1") == "Evil <script>window.pwned=2</script> body"
    page.goto((kg_site / "search.html").as_uri() + "?q=onerror")
    assert page.locator("#search-entities li").count() >= 1
    assert page.locator("#search-quotes li").count() >= 1
    assert page.locator("#search-entities img, #search-quotes img, main script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    watched.check()
