"""The interactive views (graph.publish.views): choosing the subgraph and writing a self-contained page.

What the page does in a browser is tested in test_views_browser.py."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.problems import QueryError
from graph.publish import views
from graph.publish.network import NameNotFound, find_node

PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def network(kg):
    return kg.networkx()


def page_data(page: str) -> tuple[list, list, dict]:
    """The nodes, edges and options pyvis embedded in the page."""
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((.*?)\);\n", page).group(1))
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((.*?)\);\n", page).group(1))
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    return nodes, edges, options


def hostile_view() -> views.View:
    """A tiny graph whose text tries to inject HTML; a tooltip contains 'href'."""
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/id/unit/evil", label=PAYLOAD, **{"class": "https://example.org/Evil"},
               class_label="<b>class</b>", aliases='<a href="javascript:window.__pwned=3">href</a>',
               sources="", evidence="“<img src=y onerror=window.__pwned=4>” — <i>source</i>, 2024")
    g.add_node("https://example.org/id/force/good", label="Good Force", **{"class": "https://example.org/Good"},
               class_label="force", aliases="", sources="", evidence="")
    g.add_edge("https://example.org/id/unit/evil", "https://example.org/id/force/good", key="p", predicate="p",
               label="</script><script>window.__pwned=5</script>", sources="", evidence="“href” — s")
    return views.View(f"Title {PAYLOAD}", g, "A test of escaping.", name="hostile")


def test_overview_page_is_self_contained(kg, network):
    page = views.render(views.overview(kg, network), kg.vocabulary)
    assert views.external_references(page) == []
    assert "jsdelivr" not in page and "cdnjs" not in page and "<link" not in page  # pyvis's Bootstrap links are gone
    assert "vis.Network" in page and ".vis-network" in page  # vis-network's JS and CSS inlined
    assert "popup.innerHTML" not in page
    nodes, edges, options = page_data(page)
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    assert f'data-nodes="{len(nodes)}" data-edges="{len(edges)}"' in page


def test_external_references_are_found():
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>'
            '<img src="local.png"><style>a { background: url("https://e/x.png") } b { background: url(data:x) }'
            '</style><a href="https://example.org/">a link is not loaded</a>')
    assert views.external_references(page) == ["https://cdn.example/x.css", "//cdn.example/x.js", "local.png",
                                                "https://e/x.png"]


def test_graph_text_is_escaped_and_tooltips_bypass_pyvis_popup():
    page = views.render(hostile_view())
    assert "popup.innerHTML" not in page  # 'href' in a tooltip did not switch pyvis to its innerHTML popup
    assert PAYLOAD not in page and "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # the title, in the panel
    nodes, edges, _ = page_data(page)
    assert nodes[0]["full"] == PAYLOAD and "title" not in nodes[0]  # data intact, shown by textContent
    assert "innerHTML" not in page[page.rindex("<script>"):]


def test_design_colour_shape_size_legend_and_edge_labels(kg, network):
    view = views.ego_view(kg, "Serious Crime Directorate", 1, network)
    page = views.render(view, kg.vocabulary)
    nodes, edges, _ = page_data(page)
    by_id = {n["id"]: n for n in nodes}
    unit, force = by_id[find_node(network, "unit/serious-crime-directorate")], by_id[find_node(network, "force/kent")]
    assert (unit["color"], unit["shape"]) == views.STYLES["Unit"]
    assert (force["color"], force["shape"]) == views.STYLES["PoliceForce"]
    assert unit["size"] > 10 and unit["size"] == max(n["size"] for n in nodes)  # the centre has the most links
    assert {e["label"] for e in edges} >= {"unit of"}
    assert '<li data-class="unit">' in page and '<li data-class="police force">' in page
    assert 'id="kg-search"' in page and f'data-focus="{unit["id"]}"' in page
    sizes = views.node_sizes(view.network, "betweenness")
    assert max(sizes.values()) == sizes[unit["id"]]


def test_layout_is_deterministic_and_fixed_above_the_threshold(kg, network):
    view = views.overview(kg, network)
    first = views.render(view, kg.vocabulary)
    assert first == views.render(views.overview(kg, kg.networkx()), kg.vocabulary)
    nodes, _, options = page_data(first)
    assert options["physics"] == {"enabled": False} and all("x" in n and "y" in n for n in nodes)
    small = views.ego_view(kg, "force/essex", 1, network)
    assert small.network.number_of_nodes() < views.LAYOUT_THRESHOLD
    _, _, options = page_data(views.render(small, kg.vocabulary))
    assert options["physics"]["enabled"] and options["layout"]["randomSeed"] == views.SEED
    assert options["edges"]["smooth"] is False and options["layout"]["improvedLayout"] is False
    nodes, _, options = page_data(views.render(small, kg.vocabulary, layout="fixed", seed=3))
    assert not options["physics"]["enabled"] and all("x" in n for n in nodes)
    assert views.spring_positions(small.network, 3) == views.spring_positions(small.network, 3)
    assert views.spring_positions(small.network, 3) != views.spring_positions(small.network, 4)


def test_large_graph_renders_fast_without_quadratic_pyvis_calls():
    big = nx.gnm_random_graph(2000, 3000, seed=1, directed=True)
    g = nx.MultiDiGraph()
    for n in big:
        g.add_node(f"https://example.org/id/thing/{n}", label=f"thing {n}", **{"class": "https://example.org/T"},
                   class_label="thing", aliases="", sources="", evidence="")
    for u, v in big.edges():
        g.add_edge(f"https://example.org/id/thing/{u}", f"https://example.org/id/thing/{v}", key="p", predicate="p",
                   label="p", sources="", evidence="")
    nodes, edges, options = page_data(views.render(views.View("big", g)))
    assert len(nodes) == 2000 and len(edges) == g.number_of_edges() and options["physics"]["enabled"] is False


def test_ego_view_depth_and_names(kg, network):
    one = views.ego_view(kg, "unit/serious-crime-directorate", 1, network)
    two = views.ego_view(kg, "Serious Crime Directorate", 2, network)
    assert set(one.network) < set(two.network)
    assert set(one.network) == {one.focus, *nx.all_neighbors(network, one.focus)}
    with pytest.raises(NameNotFound, match="Did you mean"):
        views.ego_view(kg, "Serious Crime Directorat", 1, network)


def test_filter_by_class_and_theme(kg, network):
    forces = views.filter_view(views.overview(kg, network), kg.vocabulary, classes=["police force", "Unit"])
    assert {d["class_label"] for _, d in forces.network.nodes(data=True)} == {"police force", "unit"}
    documents = views.filter_view(views.overview(kg, network), kg.vocabulary, classes=["SourceDocument"])
    assert len(documents.network) == len(kg.corpus.sources)  # subclasses included
    assert "source document" not in {d["class_label"] for _, d in documents.network.nodes(data=True)}
    asb = views.filter_view(views.overview(kg, network), kg.vocabulary, themes=["ASB"])
    theme = find_node(network, "theme/anti-social-behaviour")
    tagged = [u for u, v, k in network.in_edges(theme, keys=True) if k.endswith("#theme")]
    assert theme in asb.network and tagged and all(asb.network.has_edge(u, theme) for u in tagged)
    with pytest.raises(ValueError, match="unknown class 'spaceship'; choose from"):
        views.filter_view(views.overview(kg, network), kg.vocabulary, classes=["spaceship"])


def test_construct_query_view(kg, network, tmp_path):
    query = tmp_path / "units.rq"
    query.write_text("CONSTRUCT { ?unit org:unitOf ?force } WHERE { ?unit org:unitOf ?force }", encoding="utf-8")
    view = views.construct_view(kg, str(query), network)
    units = [(u, v) for u, v, k in network.edges(keys=True) if k == "http://www.w3.org/ns/org#unitOf"]
    assert sorted(view.network.edges()) == sorted(units)
    assert all(d["evidence"] for *_, d in view.network.edges(data=True))
    essex = views.construct_view(kg, "force-network", network, {"force": "force:essex"})  # catalogue, bound
    assert find_node(network, "force/essex") in essex.network
    with pytest.raises(ValueError, match="not a CONSTRUCT"):
        views.construct_view(kg, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", network)
    with pytest.raises(QueryError, match="no-such-query"):
        views.construct_view(kg, "no-such-query", network)


def test_a_construct_view_is_checked_like_any_query(kg, network):
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        views.construct_view(kg, "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                             network)


def test_source_view_holds_what_the_source_supports(kg, network):
    view = views.source_view(kg, "hmic-2014-kent-crime", network)
    assert all("hmic-2014-kent-crime" in d["sources"] for *_, d in view.network.edges(data=True))
    scd = find_node(network, "unit/serious-crime-directorate")
    assert scd in view.network and find_node(network, "force/btp") not in view.network


def test_view_command(cli, tmp_path):
    out = tmp_path / "scd.html"
    result = cli("view", "Serious Crime Directorate", "--depth", "2", "-o", out)
    assert result.exit_code == 0 and out.is_file() and "nodes" in result.stdout
    assert views.external_references(out.read_text(encoding="utf-8")) == []
    unknown = cli("view", "Nowhere Constabulary", "-o", tmp_path / "x.html")
    assert unknown.exit_code == 2 and "no node is called" in unknown.stderr and not (tmp_path / "x.html").exists()
