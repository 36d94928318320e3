"""The build: deterministic, fresh, faithful to its formats, and every fact evidenced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

import graph

RDF_EXPORTS = ("policing.ttl", "policing.trig", "policing.jsonld", "policing.nt")


@pytest.fixture(scope="session")
def built(tmp_path_factory, data_dir) -> Path:
    """A fresh build of the repository's data into a temporary folder."""
    out = tmp_path_factory.mktemp("exports")
    graph.build(data_dir, out)
    return out


def test_committed_exports_are_up_to_date_with_data(built, repo):
    stale = [
        name
        for name in (*RDF_EXPORTS, "ontology.html")
        if (built / name).read_bytes() != (repo / "exports" / name).read_bytes()
    ]
    assert not stale, f"exports/ is stale: run `policing-kg build` and commit ({', '.join(stale)})"


def test_build_is_byte_identical_whatever_the_hash_seed(built, data_dir, tmp_path):
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "graph", "build", "--data", str(data_dir), "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    for name in RDF_EXPORTS:
        assert (out / name).read_bytes() == (built / name).read_bytes(), name


def test_turtle_uses_project_prefixes_and_no_generated_ones(built):
    text = (built / "policing.ttl").read_text(encoding="utf-8")
    assert "@prefix pol: <https://w3id.org/policing-kg/ontology#>" in text
    assert "@prefix ns1:" not in text and "ns1:" not in text


def test_output_has_no_blank_nodes(kg):
    assert not [
        q for q in kg.quads if q.subject.__class__.__name__ == "BlankNode" or q.object.__class__.__name__ == "BlankNode"
    ]


def test_trig_has_one_named_graph_per_source_plus_ontology_and_themes(built, kg):
    dataset = rdflib.Dataset()
    dataset.parse(built / "policing.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    expected = {f"{kg.base}graph/{s}" for s in kg.corpus.sources} | {
        f"{kg.base}graph/ontology",
        f"{kg.base}graph/themes",
    }
    assert expected <= names


def test_turtle_to_jsonld_and_back_is_isomorphic(built):
    turtle = rdflib.Graph().parse(built / "policing.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(built / "policing.jsonld", format="json-ld")
    assert isomorphic(turtle, jsonld)


def test_jsonld_expanded_by_pyld_gives_the_same_graph_without_fetching(built):
    from pyld import jsonld

    def refuse(url, options=None):
        raise AssertionError(f"tried to fetch {url}")

    document = json.loads((built / "policing.jsonld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict), "the context is embedded, never a URL"
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": refuse})
    from_pyld = rdflib.Graph().parse(data=nquads, format="nt")
    turtle = rdflib.Graph().parse(built / "policing.ttl", format="turtle")
    assert isomorphic(from_pyld, turtle)


def test_turtle_parses_in_oxigraph_to_the_same_graph(built):
    import pyoxigraph as ox

    from_oxigraph = ox.serialize(
        ox.parse(path=str(built / "policing.ttl"), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES
    ).decode("utf-8")
    turtle = rdflib.Graph().parse(built / "policing.ttl", format="turtle")
    assert isomorphic(rdflib.Graph().parse(data=from_oxigraph, format="nt"), turtle)


def test_every_fact_and_entity_cites_a_source_and_an_evidence_quote(kg):
    missing = kg.store().query(
        """
        PREFIX pol: <https://w3id.org/policing-kg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?fact WHERE {
          VALUES ?class { pol:Judgement pol:Finding pol:Recommendation pol:Statistic pol:Quotation pol:Claim
                          pol:Unit pol:PoliceForce pol:Person pol:Initiative }
          ?fact a ?class .
          FILTER NOT EXISTS {
            ?fact prov:wasDerivedFrom ?source ; pol:evidence ?e .
            ?e oa:hasTarget/oa:hasSelector/oa:exact ?quote .
          }
        }""",
        use_default_graph_as_union=True,
    )
    assert [str(row["fact"]) for row in missing] == []


def test_evidence_offsets_select_the_quoted_text_of_the_source(kg):
    rows = kg.store().query(
        """
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?source ?exact ?start ?end WHERE {
          ?t oa:hasSource ?source ; oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        }""",
        use_default_graph_as_union=True,
    )
    texts = {f"{kg.base}source/{s.id}": s.text for s in kg.corpus.sources.values()}
    checked = 0
    for row in rows:
        text = texts[row["source"].value]
        assert text[int(row["start"].value) : int(row["end"].value)] == row["exact"].value
        checked += 1
    assert checked > 500


def test_base_iri_is_configurable(data_dir, cli):
    result = cli("export", "--data", data_dir, "--base", "http://example.org/kg/", "--format", "nt")
    assert result.exit_code == 0, result.stderr
    assert "<http://example.org/kg/force/kent>" in result.output
    assert "w3id.org/policing-kg/id/" not in result.output
    assert result.output.startswith("<")


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld", "nt", "nq", "xml", "graphml", "gexf"])
def test_each_export_format_is_accepted_by_its_readers(fmt, tmp_path, kg):
    out = tmp_path / f"graph.{fmt}"
    out.write_bytes(kg.serialise(fmt))
    if fmt in ("ttl", "nt", "xml", "jsonld"):
        parsed = rdflib.Graph().parse(out, format={"ttl": "turtle", "xml": "xml", "jsonld": "json-ld"}.get(fmt, fmt))
        assert len(parsed) == len(kg.triples())
    elif fmt in ("trig", "nq"):
        import pyoxigraph as ox

        parsed = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS))
        assert len(parsed) == len(kg.quads)
    elif fmt == "graphml":
        import networkx as nx

        network = nx.read_graphml(out)
        assert network.nodes[f"{kg.base}force/kent"]["label"] == "Kent Police"
    else:  # the round trips of the network formats are tests/publish/test_network_formats.py
        import networkx as nx

        network = nx.read_gexf(out)
        assert network.nodes[f"{kg.base}force/kent"]["label"] == "Kent Police"


def test_export_command_writes_a_file_atomically(data_dir, tmp_path, cli):
    out = tmp_path / "graph.trig"
    result = cli("export", "--data", data_dir, "--format", "trig", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_cli_start_up_imports_no_heavy_library():
    code = (
        "import sys, graph.cli; heavy = [m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'networkx', 'pyvis',"
        " 'pyld', 'pylode') if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


PUBLIC = {"BuildReport", "KnowledgeGraph", "build", "export", "export_files", "load", "validate", "DataError",
          "Problem",
          "open_graph", "Engine", "QueryError", "query", "dataframe", "make_server", "to_networkx", "find_node",
          "NameNotFound",
          "View", "overview", "ego_view", "filter_view", "construct_view", "source_view", "theme_view", "write_view",
          "write_gallery", "statistics", "shortest_path", "NoPath", "write_site", "extract", "synthesise", "push",
          "check_drafts", "DraftCheck"}


def test_public_api_is_pinned():
    assert set(graph.__all__) == PUBLIC


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_names_resolve_even_after_every_submodule_is_imported(name):
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(graph.__path__):
        if module.name != "__main__":
            importlib.import_module(f"graph.{module.name}")
    value = getattr(graph, name)
    assert not isinstance(value, type(graph)), f"graph.{name} is a module, not the public {name}"
