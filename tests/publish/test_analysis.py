"""The RDF-to-networkx conversion, `policing-kg stats` and `policing-kg path`."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from graph.publish.analysis import NoPath, evidence_coverage, shortest_path, statistics
from graph.publish.network import SEPARATOR, NameNotFound, find_node, short_id, to_networkx


@pytest.fixture(scope="module")
def network(kg):
    return kg.networkx()


@pytest.fixture(scope="module")
def report(kg, network):
    return statistics(kg, network)


def test_nodes_and_edges_keep_class_label_predicate_and_evidence(network):
    assert network.number_of_nodes() > 100
    for _, data in network.nodes(data=True):
        assert data["label"] and data["class"].startswith("http") and data["class_label"]
    for _, _, key, data in network.edges(keys=True, data=True):
        assert key == data["predicate"] and data["label"]
    unit = network.nodes[find_node(network, "unit/serious-crime-directorate")]
    assert "Serious Crime Directorate" in unit["aliases"].split(SEPARATOR)
    assert "hmic-2014-kent-crime" in unit["sources"].split(SEPARATOR)
    assert "— hmic-2014-kent-crime, 2014" in unit["evidence"]  # the quote, its source and its date
    # edges between records carry the evidence of the claim that asserts them
    with_evidence = [d for u, v, d in network.edges(data=True)
                     if not network.nodes[u]["class"].endswith(("Report", "Release", "Article", "Transcript", "Page",
                                                                "Dataset", "Note"))]
    assert all(d["evidence"].startswith("“") and d["sources"] for d in with_evidence)


def test_conversion_is_deterministic_and_graphml_ready(kg, network):
    again = to_networkx(list(reversed(kg.quads)), kg.vocabulary)
    assert list(again.nodes(data=True)) == list(network.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(network.edges(keys=True, data=True))
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer)  # every attribute is a string
    parsed = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert parsed.number_of_edges() == network.number_of_edges()


def test_every_record_carries_evidence(kg, report):
    coverage = evidence_coverage(kg)
    assert coverage["records"] > 100
    assert coverage["share"] == 1.0 and coverage["missing"] == []
    assert report["evidence"] == coverage


def test_counts_per_class_and_per_source(kg, network, report):
    assert sum(row["nodes"] for row in report["classes"]) == network.number_of_nodes()
    assert {row["source"] for row in report["sources"]} == set(kg.corpus.sources)
    for row in report["sources"]:
        assert row["records"] == row["with_evidence"] > 0
    forces = next(row for row in report["classes"] if row["class"] == "police force")
    assert forces["nodes"] == sum(1 for _, c in network.nodes(data="class") if c.endswith("#PoliceForce"))


def test_centrality_and_components(network, report):
    degree = report["centrality"]["degree"]
    assert degree[0]["id"] == "force/kent" and degree[0]["label"] == "Kent Police"
    assert degree[0]["score"] == max(dict(nx.Graph(network.to_undirected()).degree()).values())
    assert [c["score"] for c in degree] == sorted((c["score"] for c in degree), reverse=True)
    assert report["centrality"]["betweenness"][0]["label"]
    parts = report["components"]
    assert parts["count"] == nx.number_weakly_connected_components(network)
    assert sum(parts["sizes"]) == network.number_of_nodes()


def test_path_gives_evidence_for_each_step(network):
    steps = shortest_path(network, "Serious Crime Directorate", "Her Majesty's Inspectorate of Constabulary")
    assert steps[0]["from"] == "unit/serious-crime-directorate" and steps[-1]["to"] == "org/hmic"
    for step in steps:
        assert step["relations"]
        for relation in step["relations"]:
            assert relation["evidence"] and relation["sources"]
            assert {relation["subject"], relation["object"]} == {step["from"], step["to"]}
    assert len(steps) <= 3


def test_path_does_not_pass_through_themes_unless_asked(network):
    themes = {short_id(n) for n, c in network.nodes(data="class") if c.endswith("#Theme")}
    steps = shortest_path(network, "force/kent", "force/essex")
    assert not themes & {s["to"] for s in steps[:-1]}
    isolated = next(n for n in network if network.degree(n) == 0 and network.nodes[n]["class"].endswith("Force"))
    with pytest.raises(NoPath, match="no chain of relations"):
        shortest_path(network, "force/kent", short_id(isolated))


def test_names_are_found_by_id_label_or_alias_with_helpful_errors(network):
    scd = find_node(network, "unit/serious-crime-directorate")
    assert find_node(network, "essex and kent  serious crime directorate") == scd
    assert find_node(network, "Serious Crime Directorate") == scd
    with pytest.raises(NameNotFound, match="Did you mean:(.|\n)*unit/serious-crime-directorate"):
        find_node(network, "Serious Crime Directorat")
    network = network.copy()
    network.add_node("https://example.org/id/unit/twin", label="Kent Police", class_label="unit", aliases="")
    with pytest.raises(NameNotFound, match="ambiguous(.|\n)*force/kent(.|\n)*unit/twin"):
        find_node(network, "Kent Police")


def test_stats_command_table_and_json(cli, network):
    table = cli("stats")
    assert table.exit_code == 0, table.output
    assert "Records carrying evidence" in table.stdout and "(100.0%)" in table.stdout
    assert "Nodes per class" in table.stdout and "Kent Police" in table.stdout
    result = cli("stats", "--format", "json", "--top", "3")
    report = json.loads(result.stdout)
    assert report["evidence"]["share"] == 1.0 and len(report["centrality"]["degree"]) == 3
    assert report["nodes"] == network.number_of_nodes()


def test_path_command(cli):
    result = cli("path", "Serious Crime Directorate", "org/hmic")
    assert result.exit_code == 0
    assert "Essex and Kent Serious Crime Directorate" in result.stdout and "“" in result.stdout
    unknown = cli("path", "Nowhere Constabulary", "force/kent")
    assert unknown.exit_code == 2 and "no node is called 'Nowhere Constabulary'" in unknown.stderr
