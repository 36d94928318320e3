"""The network exports (graph.publish.network_formats) read back by independent readers:
networkx, python-igraph (its own C GraphML parser), the standard library's XML parser and csv
module. Every edge must survive with its attributes, under an id of its own."""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.publish import network_formats
from graph.vocabulary import ONTOLOGY_NS

GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(scope="module")
def network(kg):
    return kg.networkx()


@pytest.fixture(scope="module")
def expected(network):
    """(source, target, relation, evidence, source document, date) of every edge, as a multiset."""
    return sorted((u, v, d["predicate"], d["evidence"], d["sources"], d["date"])
                  for u, v, d in network.edges(data=True))


def test_graphml_keeps_every_edge_with_a_unique_id_in_networkx(kg, network, expected):
    data = kg.serialise("graphml")
    parsed = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    edges = list(parsed.edges(keys=True, data=True))
    assert len(edges) == network.number_of_edges()
    assert len({k for _, _, k, _ in edges}) == len(edges)  # ids unique (Gephi and yEd keep one edge per id)
    assert sorted((u, v, d["relation"], d["evidence"], d["source_document"], d["date"]) for u, v, _, d in edges) \
        == expected
    assert all(d["label"] for *_, d in edges)
    kent = parsed.nodes[f"{kg.base}force/kent"]
    assert kent["label"] == "Kent Police" and kent["class"] == ONTOLOGY_NS + "PoliceForce"


def test_graphml_is_read_by_igraph_with_typed_attributes(kg, network, expected, tmp_path):
    if os.environ.get("CI") == "true":  # installed by .[test]; a venv made before it was added skips
        import igraph
    else:
        igraph = pytest.importorskip("igraph", reason="pip install -e '.[test]' installs python-igraph")
    path = tmp_path / "policing.graphml"
    path.write_bytes(kg.serialise("graphml"))
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == network.number_of_nodes() and g.ecount() == network.number_of_edges()
    names = g.vs["id"]
    got = sorted((names[e.source], names[e.target], e["relation"], e["evidence"], e["source_document"], e["date"])
                 for e in g.es)
    assert got == expected
    years = g.es["year"]
    assert all(isinstance(y, float | int) for y in years) and max(years) >= 2014  # typed: an int, not a string
    root = ET.fromstring(kg.serialise("graphml"))  # igraph reports the vertex ids for edge ids: read them here
    ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == g.ecount() and len(set(ids)) == len(ids)
    keys = {k.get("attr.name"): k.get("attr.type") for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")
            if k.get("for") == "edge"}
    assert keys["year"] in ("int", "long") and keys["evidence"] == "string" and keys["relation"] == "string"


def test_gexf_keeps_every_edge_and_dates_facts_as_time_intervals(kg, network, expected):
    data = kg.serialise("gexf")
    root = ET.fromstring(data)
    graph_element = root.find(f"{GEXF}graph")
    assert graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"
    edges = root.findall(f".//{GEXF}edge")
    assert len(edges) == network.number_of_edges() and len({e.get("id") for e in edges}) == len(edges)
    dated = [e for e in edges if e.get("start")]
    assert dated and all(e.get("start") <= e.get("end", "9999") for e in dated)
    kent_judgements = [n for n in root.findall(f".//{GEXF}node") if "/judgement/" in n.get("id") and n.get("start")]
    assert kent_judgements and all(len(n.get("start")) == 10 for n in kent_judgements)  # YYYY-MM-DD
    assert not [n for n in root.findall(f".//{GEXF}node") if n.get("id").endswith("/force/kent") and n.get("start")]
    parsed = nx.read_gexf(io.BytesIO(data))
    got = sorted((u, v, d["relation"], d["evidence"], d["source_document"], d["date"])
                 for u, v, d in parsed.edges(data=True))
    assert got == expected


def test_csv_tables_are_in_gephis_spreadsheet_shape(kg, network, expected):
    files = kg.network_files("csv")
    assert sorted(files) == ["edges.csv", "nodes.csv"]
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8"))))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode("utf-8"))))
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:5] == ["Source", "Target", "Type", "Id", "Label"]
    assert {"evidence", "source_document"} <= set(edges[0])
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    assert len({e["Id"] for e in edges}) == len(edges) and {e["Type"] for e in edges} == {"Directed"}
    assert sorted((e["Source"], e["Target"], e["relation"], e["evidence"], e["source_document"], e["date"])
                  for e in edges) == expected
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    multiline = [e for e in edges if "\n" in e["evidence"]]
    assert multiline  # quotes with line breaks survive the quoting


@pytest.mark.parametrize(("text", "interval"), [
    ("2014", ("2014-01-01", "2014-12-31")),
    ("2016-02", ("2016-02-01", "2016-02-29")),
    ("2014-06-30", ("2014-06-30", "2014-06-30")),
    ("2015–2019", ("2015-01-01", "2019-12-31")),
    ("–2019", ("", "2019-12-31")),
    ("", None),
])
def test_dates_become_intervals(text, interval):
    assert network_formats.date_interval(text) == interval


def test_export_command_writes_the_network_formats(cli, data_dir, tmp_path):
    assert cli("export", "--data", data_dir, "--format", "gexf", "-o", tmp_path / "g.gexf").exit_code == 0
    assert ET.parse(tmp_path / "g.gexf").getroot().tag == f"{GEXF}gexf"
    result = cli("export", "--data", data_dir, "--format", "csv", "-o", tmp_path / "tables")
    assert result.exit_code == 0 and sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv",
                                                                                                 "nodes.csv"]
    missing = cli("export", "--data", data_dir, "--format", "csv")
    assert missing.exit_code == 2 and "give -o FOLDER" in missing.stderr
