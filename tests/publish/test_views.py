"""The network views (graph.publish.views over graph.publish.folding and graph.publish.layout):
what is folded, what a view chooses, and the page written.

What the page does in a browser is tested in test_views_browser.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.problems import QueryError
from graph.publish import folding, gallery, layout, view_page, views
from graph.publish.network import NameNotFound, find_node, resolve_node
from graph.vocabulary import ONTOLOGY_NS

PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
FACT_CLASSES = {"Judgement", "Finding", "Recommendation", "AreaForImprovement", "CauseOfConcern", "Statistic",
                "Quotation"}


@pytest.fixture(scope="module")
def network(kg):
    return kg.networkx()


@pytest.fixture(scope="module")
def folded(kg, network):
    return folding.fold(network, kg.vocabulary)


def page_data(page: str) -> tuple[dict, dict]:
    """The network data and the view data a self-contained page embeds."""
    data = json.loads(re.search(r"<script>window\.KG = (\{.*?\});</script>", page, re.S).group(1))
    spec = json.loads(re.search(r"<script>window\.KG_VIEW = (\{.*?\});</script>", page, re.S).group(1))
    return data, spec


def hostile_view() -> views.View:
    """A tiny graph whose text tries to inject HTML; a tooltip contains 'href'."""
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/id/unit/evil", label=PAYLOAD, **{"class": "https://example.org/Evil"},
               class_label="<b>class</b>", aliases='<a href="javascript:window.__pwned=3">href</a>',
               sources="", evidence="“<img src=y onerror=window.__pwned=4>” — <i>source</i>, 2024", date="")
    g.add_node("https://example.org/id/force/good", label="Good Force", **{"class": "https://example.org/Good"},
               class_label="force", aliases="", sources="", evidence="", date="")
    g.add_edge("https://example.org/id/unit/evil", "https://example.org/id/force/good", key="p", predicate="p",
               label="</script><script>window.__pwned=5</script>", sources="", evidence="“href” — s", date="")
    folded = folding.fold(g, None)
    view = views.overview(None, folded=folded, title=f"Title {PAYLOAD}")
    view.name = "hostile"
    return view


# ------------------------------------------------------------------------------ folding


def test_facts_are_folded_into_the_actors_they_concern(kg, network, folded):
    classes = {n: network.nodes[n]["class"] for n in network}
    assert not any(classes[a].removeprefix(ONTOLOGY_NS) in FACT_CLASSES for a in folded.actors)
    facts = [n for n in network if classes[n].removeprefix(ONTOLOGY_NS) in FACT_CLASSES]
    assert facts and all(folded.folded_into[f] for f in facts)  # nothing curated dropped from the picture
    kent = find_node(network, "force/kent")
    judgements = {u for u, v, p in network.in_edges(kent, data="predicate") if p == ONTOLOGY_NS + "judgementOf"}
    assert judgements and judgements <= set(folded.facts_of[kent])
    assert sorted(folded.actors) == folded.actors and sorted(folded.facts) == folded.facts


def test_actors_that_share_a_fact_are_joined(network, folded):
    shared = [r for r in folded.relations if r.shared]
    assert shared
    for r in shared[:20]:
        for fact in r.shared:
            assert {r.source, r.target} <= set(folded.folded_into[fact])
    stated = {(r.source, r.target) for r in folded.relations if r.predicates}
    scd, kent = find_node(network, "unit/serious-crime-directorate"), find_node(network, "force/kent")
    assert (scd, kent) in stated


def test_communities_are_seeded_and_numbered_largest_first(folded):
    again = folding.communities(folded.graph())
    assert again == folded.community
    sizes = [list(folded.community.values()).count(c) for c in range(max(folded.community.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1


# ------------------------------------------------------------------------------ choosing


def test_overview_draws_every_actor_once_with_positions(kg, folded):
    view = views.overview(kg, folded=folded)
    assert view.actors == folded.actors and all(b == 0 for *_, b in view.nodes)
    positions = {(x, y) for _, x, y, _ in view.nodes}
    assert len(positions) == len(view.nodes)  # no two actors on one spot


def test_clustered_layout_keeps_communities_apart(folded):
    positions = layout.clustered(folded.graph(), folded.community)
    biggest = [a for a in folded.actors if folded.community[a] == 0]
    second = [a for a in folded.actors if folded.community[a] == 1]

    def centre(nodes):
        return (sum(positions[n][0] for n in nodes) / len(nodes), sum(positions[n][1] for n in nodes) / len(nodes))

    def spread(nodes):
        cx, cy = centre(nodes)
        return max(((positions[n][0] - cx) ** 2 + (positions[n][1] - cy) ** 2) ** 0.5 for n in nodes)

    (ax, ay), (bx, by) = centre(biggest), centre(second)
    assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 > 0.5 * max(spread(second), 1)


def test_ego_view_is_ranked_by_relevance_in_batches(kg, network, folded):
    view = views.ego_view(kg, "force/kent", folded=folded)
    kent = find_node(network, "force/kent")
    assert view.centre == kent and view.nodes[0][0] == kent
    weights = folded.neighbours()[kent]
    ranked = [a for a, *_ in view.nodes[1:]]
    assert set(ranked) == set(weights)
    assert [weights[a] for a in ranked] == sorted((weights[a] for a in ranked), reverse=True)
    batches = [b for *_, b in view.nodes[1:]]
    assert batches.count(0) == views.TIER and max(batches) == (len(ranked) - 1) // views.TIER
    two = views.ego_view(kg, "Serious Crime Directorate", 2, folded=folded)
    one = views.ego_view(kg, "Serious Crime Directorate", 1, folded=folded)
    assert set(one.actors) < set(two.actors)
    with pytest.raises(NameNotFound, match="Did you mean"):
        views.ego_view(kg, "Serious Crime Directorat", folded=folded)


def test_a_fact_is_drawn_in_the_ego_view_of_its_actor(kg, network, folded):
    finding = next(f for f in folded.facts if "/finding/" in f and folded.folded_into[f])
    view = views.ego_view(kg, finding, folded=folded)
    assert view.centre in folded.folded_into[finding] and "folded into" in view.notes[-1]


def test_view_kent_says_which_it_picked_and_offers_kent_police(kg, network, folded):
    node, others = resolve_node(network, "Kent")
    assert node.endswith("/place/kent") and find_node(network, "force/kent") in others
    view = views.ego_view(kg, "Kent", folded=folded)
    assert "place/kent" in view.notes[0] and "force/kent (Kent Police" in view.notes[0]


@pytest.mark.parametrize("name", ["anti-social-behaviour", "theme/anti-social-behaviour", "Anti-social behaviour",
                                  "anti social behaviour"])
def test_theme_filter_takes_the_id_without_prefix_a_label_or_an_alias(kg, network, folded, name):
    view = views.filter_view(views.overview(kg, folded=folded), kg.vocabulary, themes=[name])
    theme = find_node(network, "theme/anti-social-behaviour")
    tagged = {u for u, _ in network.in_edges(theme) if u in folded.folded_into}
    assert view.facts and set(view.facts) <= tagged
    assert {a for f in view.facts for a in folded.folded_into[f]} == set(view.actors)


def test_filter_by_class_keeps_actors_of_the_class_or_with_facts_of_it(kg, network, folded):
    forces = views.filter_view(views.overview(kg, folded=folded), kg.vocabulary, classes=["police force", "Unit"])
    assert {network.nodes[a]["class_label"] for a in forces.actors} == {"police force", "unit"}
    judged = views.filter_view(views.overview(kg, folded=folded), kg.vocabulary, classes=["judgement"])
    assert find_node(network, "force/kent") in judged.actors
    assert all(network.nodes[f]["class_label"] == "judgement" for f in judged.facts)
    with pytest.raises(ValueError, match="unknown class 'spaceship'; choose from"):
        views.filter_view(views.overview(kg, folded=folded), kg.vocabulary, classes=["spaceship"])


def test_source_view_holds_what_the_source_supports(kg, network, folded):
    view = views.source_view(kg, "hmic-2014-kent-crime", folded=folded)
    assert view.facts and all("hmic-2014-kent-crime" in network.nodes[f]["sources"] for f in view.facts)
    scd = find_node(network, "unit/serious-crime-directorate")
    assert scd in view.actors and find_node(network, "force/btp") not in view.actors


def test_construct_query_view(kg, network, tmp_path):
    query = tmp_path / "units.rq"
    query.write_text("CONSTRUCT { ?unit org:unitOf ?force } WHERE { ?unit org:unitOf ?force }", encoding="utf-8")
    view = views.construct_view(kg, str(query), network)
    units = {(u, v) for u, v, k in network.edges(keys=True) if k == "http://www.w3.org/ns/org#unitOf"}
    assert {(r.source, r.target) for r in view.folded.relations} == units
    assert all(r.evidence for r in view.folded.relations)
    essex = views.construct_view(kg, "force-network", network, {"force": "force:essex"})  # catalogue, bound
    assert find_node(network, "force/essex") in essex.actors
    with pytest.raises(ValueError, match="not a CONSTRUCT"):
        views.construct_view(kg, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", network)
    with pytest.raises(QueryError, match="no-such-query"):
        views.construct_view(kg, "no-such-query", network)


def test_a_construct_view_is_checked_like_any_query(kg, network):
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        views.construct_view(kg, "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                             network)


# ------------------------------------------------------------------------------ the page


def test_a_single_page_is_self_contained_and_carries_only_its_actors(kg, folded):
    view = views.ego_view(kg, "force/kent", folded=folded)
    page = view_page.render(view, kg.vocabulary, kg.base)
    assert view_page.external_references(page) == [] and "vis.Network" in page and 'rel="stylesheet"' not in page
    data, spec = page_data(page)
    assert {n["iri"] for n in data["nodes"]} == set(view.actors)
    assert [data["nodes"][i]["iri"] for i, *_ in spec["nodes"]] == view.actors
    assert data["nodes"][spec["centre"]]["iri"] == view.centre
    assert data["pageBase"] == kg.base  # nodes link to the entity IRIs
    kent = data["nodes"][spec["centre"]]
    assert len(kent["f"]) == len(folded.facts_of[view.centre]) and data["facts"][kent["f"][0]]["e"].startswith("“")
    assert '<li data-class="' in page and 'id="kg-more"' in page and 'id="kg-unfold"' in page


def test_graph_text_is_escaped():
    page = view_page.render(hostile_view())
    assert PAYLOAD not in page and "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # the title, in the panel
    data, _ = page_data(page)
    assert PAYLOAD in {n["l"] for n in data["nodes"]}  # data intact, shown by textContent
    script = page[page.rindex("<script>"):]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_gallery_files_share_one_network_and_the_site_assets(kg, folded):
    files = gallery.gallery_files(kg, folded=folded)
    assert "network.js" in files and "index.html" in files
    assert not any("vis-network" in name for name in files)  # the site's assets folder has the one copy
    kent = files["ego-force-kent.html"].decode("utf-8")
    assert '<script src="../assets/vis-network.min.js"></script>' in kent and '<script src="network.js">' in kent
    assert 'href="../force/kent.html"' in kent  # back to the entity page
    assert len(kent) < 8_000  # a page is its view: the data is shared
    index = files["index.html"].decode("utf-8")
    assert index.count('<li class="card">') == len([n for n in files if n.endswith(".html")]) - 1
    assert index.count("<svg") == index.count('<li class="card">')


def test_views_are_byte_identical_across_hash_seeds(tmp_path, data_dir):
    """Regression (issue 19): views differed between identical builds (node order in 9 files)."""
    script = ("import sys, graph; from graph.publish import gallery, view_page, views\n"
              "kg = graph.load(sys.argv[1], shapes=False)\n"
              "gallery.write_gallery(kg, sys.argv[2])\n"
              "view_page.write_view(views.ego_view(kg, 'Serious Crime Directorate', 2), sys.argv[2] + '/scd.html')\n")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(data_dir), str(out)], check=True, env=env)
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) > 50
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []


# ------------------------------------------------------------------------------ the command


def test_view_command_writes_what_the_help_says(cli, tmp_path, monkeypatch, data_dir):
    monkeypatch.chdir(tmp_path)
    result = cli("view", "Serious Crime Directorate", "--data", data_dir)
    assert result.exit_code == 0, result.output
    written = tmp_path / "serious-crime-directorate.html"
    assert written.is_file() and f"wrote {written.name} (" in result.stdout and "actors" in result.stdout
    assert view_page.external_references(written.read_text(encoding="utf-8")) == []
    assert "NAME.html in the current folder" in " ".join(cli("view", "--help").stdout.split())
    overview = cli("view", "--data", data_dir)
    assert overview.exit_code == 0 and (tmp_path / "overview.html").is_file()


def test_view_command_names_its_pick_and_takes_a_theme_without_prefix(cli, tmp_path, data_dir):
    kent = cli("view", "Kent", "--data", data_dir, "-o", tmp_path / "kent.html")
    assert kent.exit_code == 0 and "drawing place/kent" in kent.stderr and "force/kent (Kent Police" in kent.stderr
    asb = cli("view", "--theme", "anti-social-behaviour", "--data", data_dir, "-o", tmp_path / "asb.html")
    assert asb.exit_code == 0, asb.output
    unknown = cli("view", "Nowhere Constabulary", "--data", data_dir, "-o", tmp_path / "x.html")
    assert unknown.exit_code == 2 and "no node is called" in unknown.stderr and not (tmp_path / "x.html").exists()


def test_assets_are_packaged():
    assert (Path(views.__file__).parent / "assets" / "view.js").is_file()
    assert view_page.vis_network_script().startswith(b"/**") or b"vis" in view_page.vis_network_script()[:2000]
