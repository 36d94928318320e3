"""The query page's server side: the page, its files, entity-name completion, `$name` bindings.

(tests/serve/test_query_page_browser.py drives the page itself in Chromium.)
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest

import graph
from graph.serve.query_page import STATIC_DIR, render_page


@pytest.fixture(scope="module")
def server(page_server):
    return page_server


def fetch(server, path, data=None, headers=None):
    request = urllib.request.Request(server.url + path, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.found.append(attrs["href"])


def page_config(body: bytes) -> dict:
    found = re.search(rb'<script id="query-config" type="application/json">(.*?)</script>', body, re.S)
    return json.loads(found[1])


def test_the_page_and_every_file_it_loads_come_from_this_server(server):
    status, headers, body = fetch(server, "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    parser = _Assets()
    parser.feed(body.decode())
    assert {"static/yasgui/yasgui.min.js", "static/yasgui/yasgui.min.css", "static/query.js",
            "static/query.css"} <= set(parser.found)
    config = page_config(body)
    for asset in [*parser.found, config["assets"]["visNetwork"]]:
        assert not asset.startswith(("http:", "https:", "//")), asset
        status, headers, data = fetch(server, "/" + asset)
        assert status == 200 and len(data) > 1000, asset
        kind = "javascript" if asset.endswith(".js") else "css"
        assert headers["Content-Type"].startswith(f"text/{kind}"), asset


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/%2e%2e/endpoint.py", "/static/nothing.js",
                                  "/static/yasgui/../../endpoint.py"])
def test_static_files_are_the_packages_only(server, path):
    assert fetch(server, path)[0] == 404


def test_our_script_asks_no_other_host():
    """Our own script and styles name no other host (the bundle's built-in lists of prefixes name
    namespaces, and are not fetched: the browser test records every request)."""
    for name in ("query.js", "query.css"):
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        hosts = set(re.findall(r"https?://([\w.-]+)", text)) - {"www.w3.org"}
        assert hosts == set(), (name, hosts)


def test_the_page_knows_the_prefixes_catalogue_classes_and_properties(server, kg):
    config = page_config(fetch(server, "/")[2])
    assert config["prefixes"]["force"] == kg.base + "force/"
    assert "force" in config["entityPrefixes"] and "pol" not in config["entityPrefixes"]
    assert kg.vocabulary.iri("pol:PoliceForce") in config["classes"]
    assert kg.vocabulary.iri("org:unitOf") in config["properties"]
    entry = next(e for e in config["catalogue"] if e["name"] == "force-judgements")
    assert entry["parameters"] == [{"name": "force", "default": "force:kent", "optional": False,
                                    "description": "The force, as an IRI or a CURIE such as force:essex."}]
    changes = next(e for e in config["catalogue"] if e["name"] == "force-grade-changes")
    assert [(p["name"], p["optional"]) for p in changes["parameters"]] == [("force", True)]


def test_text_from_the_graph_cannot_close_the_config_script():
    body = render_page({"catalogue": [{"title": "</script><script>alert(1)</script>"}]})
    assert b"</script><script>alert" not in body
    assert page_config(body)["catalogue"][0]["title"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(("typed", "first"), [
    ("kent", "force/kent"),  # a name: the force first, as an exact name of it
    ("Kent Police", "force/kent"),
    ("force:ke", "force/kent"),  # a prefixed id: that namespace only
    ("unit:serious", "unit/serious-crime-directorate"),
    ("Serious Crime Directorate", "unit/serious-crime-directorate"),  # an alias
])
def test_entity_names_complete(server, kg, typed, first):
    status, headers, body = fetch(server, "/query/entities?" + urlencode({"q": typed}))
    found = json.loads(body)
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert found[0]["iri"] == kg.base + first, found[:3]
    if typed.startswith("force:"):
        assert all(e["iri"].startswith(kg.base + "force/") for e in found)


def test_dollar_parameters_bind_variables(server, kg):
    text = "SELECT ?unit WHERE { ?unit org:unitOf ?force }"
    query = "/sparql?" + urlencode({"query": text, "$force": "force:essex", "format": "json"})
    status, _, body = fetch(server, query)
    units = {b["unit"]["value"] for b in json.loads(body)["results"]["bindings"]}
    expected = {row["unit"] for row in graph.query(kg, text, {"force": "force:essex"})}
    everyone = {row["unit"] for row in graph.query(kg, text)}
    assert status == 200 and units == expected and kg.base + "unit/serious-crime-directorate" in units
    assert everyone > units
    form = urlencode({"query": text, "$force": "force:essex"}).encode()
    status, _, body = fetch(server, "/sparql", data=form, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and {b["unit"]["value"] for b in json.loads(body)["results"]["bindings"]} == units


def test_the_entity_index_is_served_as_html(server):
    """Regression: /id/ answered the site's index as application/octet-stream (a download)."""
    for path in ("/id/", "/id/index.html"):
        status, headers, body = fetch(server, path)
        assert status == 200 and headers["Content-Type"].startswith("text/html"), path
        assert body.lstrip().lower().startswith(b"<!doctype html")


def test_the_vendored_bundle_is_the_registrys_file_with_its_licence():
    notes = (STATIC_DIR / "yasgui" / "README.md").read_text(encoding="utf-8")
    assert "@zazuko/yasgui` **4.6.2**" in notes
    for name in ("yasgui.min.js", "yasgui.min.css"):
        digest = hashlib.sha256((STATIC_DIR / "yasgui" / name).read_bytes()).hexdigest()
        assert f"| {name} | {digest} |" in notes
    assert "MIT License" in (STATIC_DIR / "yasgui" / "LICENSE").read_text(encoding="utf-8")


def test_the_old_textarea_page_is_gone(server):
    assert b"<textarea" not in fetch(server, "/")[2]
    assert fetch(server, "/sparql?query=" + quote("ASK { force:kent ?p ?o }"))[0] == 200


def test_names_plain_matching_misses_come_from_the_full_text_index(server, kg):
    """"Zoe Billingham" is spelt "Zoë" in the graph: the store's FTS5 index folds the accent."""
    found = json.loads(fetch(server, "/query/entities?" + urlencode({"q": "Zoe Billingham"}))[2])
    assert found and found[0]["label"] == "Zoë Billingham"
