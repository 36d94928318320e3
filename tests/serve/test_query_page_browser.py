"""The query page at `/` in real headless Chromium, against a real endpoint on 127.0.0.1.

Each test drives the page as a researcher would (types into the editor, picks a catalogue query,
fills a parameter, switches views, follows a link) and checks what it shows against what the
engine answers for the same query, so nothing here is a hard-coded answer.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlencode, urlsplit

import pytest

import graph

UNITS_OF_KENT = "SELECT ?unit ?label WHERE { ?unit org:unitOf force:kent ; rdfs:label ?label }"
COUNTS = "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) ?class LIMIT 12"
UNITS_GRAPH = "CONSTRUCT { ?unit org:unitOf ?force } WHERE { ?unit org:unitOf ?force }"


@pytest.fixture(scope="module")
def server(page_server):
    return page_server


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes to anywhere but the server."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.outside = []
    page.errors = []
    page.on("request", lambda r: None if r.url.startswith((server.url, "data:")) else page.outside.append(r.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def open_page(page, server, fragment: str = ""):
    page.goto(server.url + "/" + (("#" + fragment) if fragment else ""))
    page.wait_for_selector("body[data-ready=true]")


def type_query(page, text: str):
    page.click(".CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def run(page, expected_status: str = "rows? in|triples? in"):
    page.click("#run")
    page.wait_for_function(f"() => /{expected_status}|error/.test(document.getElementById('status').className + ' ' + "
                           "document.getElementById('status').textContent) && !/Running/.test("
                           "document.getElementById('status').textContent)")
    return page.inner_text("#status")


def engine_rows(kg, text, bindings=None):
    return graph.query(kg, text, bindings=bindings)


def test_typed_query_shows_pasteable_linked_terms(page, server, kg):
    open_page(page, server)
    type_query(page, UNITS_OF_KENT)
    status = run(page)
    expected = engine_rows(kg, UNITS_OF_KENT)
    assert status.startswith(f"{len(expected)} rows"), status
    shown = page.eval_on_selector_all(".yasr_results a.iri", "links => links.map(a => a.textContent)")
    assert "unit:serious-crime-directorate" in shown
    assert all(not text.startswith("<") or text.endswith(">") for text in shown)
    # What the table shows pastes back into a query and finds the same thing.
    pasted = engine_rows(kg, f"ASK {{ {shown[0]} org:unitOf force:kent }}")
    assert pasted is True
    assert page.outside == [] and page.errors == []


def test_catalogue_query_with_a_parameter(page, server, kg):
    open_page(page, server)
    page.select_option("#catalogue", "force-units")
    field = page.locator("#parameters input[name=force]")
    assert field.input_value() == "force:kent"  # the catalogue's default
    field.fill("force:essex")
    status = run(page)
    expected = graph.query(kg, name="force-units", bindings={"force": "force:essex"})
    assert status.startswith(f"{len(expected)} row"), status
    assert len(expected) > 0
    # The link now holds the question and its parameter, and restores both.
    shared = page.url
    assert "name=force-units" in shared and "param.force=force%3Aessex" in shared
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_function("() => /row/.test(document.getElementById('status').textContent)")
    assert page.locator("#parameters input[name=force]").input_value() == "force:essex"
    assert page.inner_text("#status").startswith(f"{len(expected)} row")
    assert page.outside == [] and page.errors == []


def test_a_parameter_that_is_no_term_is_refused_with_a_reason(page, server):
    open_page(page, server, urlencode({"name": "force-units"}))
    page.wait_for_function("() => /row/.test(document.getElementById('status').textContent)")
    page.locator("#parameters input[name=force]").fill("kent")
    assert "invalid" in page.get_attribute("#parameters input[name=force]", "class")
    run(page)
    assert page.get_attribute("#status", "class") == "error"
    assert "not a term" in page.inner_text("#status")


def test_views_network_chart_and_timeline(page, server, kg):
    open_page(page, server)
    type_query(page, UNITS_GRAPH)
    status = run(page)
    triples = engine_rows(kg, UNITS_GRAPH)
    assert status.startswith(f"{len(triples)} triple"), status
    page.click(".yasr .select_network")
    page.wait_for_selector(".network-view[data-ready=true] canvas")
    nodes = {t["subject"] for t in triples} | {t["object"] for t in triples}
    assert page.inner_text(".view-note").startswith(f"{len(nodes)} nodes, {len(triples)} edges")

    type_query(page, COUNTS)
    run(page)
    page.click(".yasr .select_chart")
    counts = engine_rows(kg, COUNTS)
    assert page.locator(".chart-view rect").count() == len(counts)
    first_bar = page.locator(".chart-view rect title").first.text_content()
    assert first_bar.endswith(f": {counts[0]['n']}")

    page.select_option("#catalogue", "force-judgements")
    run(page)
    page.click(".yasr .select_timeline")
    judgements = graph.query(kg, name="force-judgements", bindings={"force": "force:kent"})
    assert page.locator(".timeline-view circle").count() == len(judgements) > 0
    assert page.outside == [] and page.errors == []


def test_result_link_opens_the_entity_page(page, server, kg):
    open_page(page, server)
    type_query(page, UNITS_OF_KENT)
    run(page)
    page.click(".yasr_results a.iri:text-is('unit:serious-crime-directorate')")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/id/unit/serious-crime-directorate"
    assert "Essex and Kent Serious Crime Directorate" in page.title()


def test_completion_of_classes_and_entity_names(page, server):
    open_page(page, server)
    type_query(page, "")
    page.keyboard.type("SELECT * WHERE { ?s a pol:Po")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    assert "pol:PoliceForce" in page.inner_text(".CodeMirror-hints")
    page.keyboard.press("Enter")
    page.keyboard.type(" ; org:unitOf force:ke")
    page.wait_for_selector(".CodeMirror-hints li:has-text('Kent Police')")
    hints = page.inner_text(".CodeMirror-hints")
    assert hints.splitlines()[0].startswith("force:kent")
    page.keyboard.press("Enter")
    assert "org:unitOf force:kent" in page.evaluate("queryPage.yasqe.getValue()")


def test_downloads_answer_what_the_table_shows(page, server, kg):
    open_page(page, server)
    type_query(page, UNITS_OF_KENT)
    run(page)
    links = {a["text"]: a["href"] for a in page.eval_on_selector_all(
        "#downloads a", "links => links.map(a => ({text: a.textContent, href: a.href}))")}
    assert set(links) == {"CSV", "JSON", "TSV"}
    with urllib.request.urlopen(links["JSON"]) as response:
        document = json.load(response)
    assert len(document["results"]["bindings"]) == len(engine_rows(kg, UNITS_OF_KENT))
    with urllib.request.urlopen(links["CSV"]) as response:
        assert response.headers["Content-Type"].startswith("text/csv")


def test_a_parameter_field_completes_entity_names(page, server, kg):
    open_page(page, server, urlencode({"name": "force-units"}))
    page.wait_for_function("() => /row/.test(document.getElementById('status').textContent)")
    field = page.locator("#parameters input[name=force]")
    field.fill("")
    field.type("Essex")
    page.wait_for_function("() => document.querySelectorAll('#entities-force option').length > 0")
    options = page.eval_on_selector_all("#entities-force option", "os => os.map(o => [o.value, o.label])")
    assert options[0] == ["force:essex", "Essex Police"], options[:3]
    field.fill(options[0][0])
    status = run(page)
    expected = graph.query(kg, name="force-units", bindings={"force": "force:essex"})
    assert status.startswith(f"{len(expected)} row"), status
