"""`view` and `stats --endpoint URL`: the same pictures and figures from a real Oxigraph server after `push`."""

from __future__ import annotations

import pytest

from graph.publish.remote import fetch_dataset, sources_of

VIEWS = [
    pytest.param((), id="overview"),
    pytest.param(("Kent Police", "--depth", "2"), id="ego"),
    pytest.param(("--source", "hmic-2014-kent-crime"), id="source"),
    pytest.param(("--query", "force-network", "--bind", "force=force:kent"), id="construct"),
    pytest.param(("--theme", "anti-social-behaviour", "--size", "betweenness"), id="theme"),
]


@pytest.mark.parametrize("arguments", VIEWS)
def test_a_view_of_the_endpoint_is_the_view_of_the_data(cli, pushed_endpoint, data_dir, tmp_path, arguments):
    local = cli("view", *arguments, "--data", data_dir, "-o", tmp_path / "local.html")
    remote = cli("view", *arguments, "--endpoint", pushed_endpoint, "-o", tmp_path / "remote.html")
    assert local.exit_code == 0 and remote.exit_code == 0, remote.stderr
    assert (tmp_path / "remote.html").read_bytes() == (tmp_path / "local.html").read_bytes()
    assert remote.stdout.replace("remote.html", "local.html") == local.stdout


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_statistics_of_the_endpoint_are_those_of_the_data(cli, pushed_endpoint, data_dir, fmt):
    local = cli("stats", "--format", fmt, "--data", data_dir)
    remote = cli("stats", "--format", fmt, "--endpoint", pushed_endpoint)
    assert local.exit_code == 0 and remote.exit_code == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert "hmic-2014-kent-crime" in remote.stdout


def test_the_dataset_read_in_pages_is_the_dataset(pushed_endpoint, kg):
    """What the server holds is the dataset as an Oxigraph store holds it (Oxigraph stores a
    number by its value: "2.0"^^xsd:decimal comes back as "2"), whole or in pages."""
    import pyoxigraph as ox

    whole = fetch_dataset(pushed_endpoint)
    stored = {str(q) for q in kg.store().quads_for_pattern(None, None, None, None)
              if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert {f"{t} {g}" for g, triples in whole.graphs.items() for t in triples} == stored
    assert whole.graph_names == kg.dataset.graph_names
    assert fetch_dataset(pushed_endpoint, page=500).graphs == whole.graphs  # many graphs in several pages


def test_sources_read_back_from_the_graph(pushed_endpoint, kg):
    sources = sources_of(fetch_dataset(pushed_endpoint), kg.vocabulary, kg.base)
    assert list(sources) == sorted(kg.corpus.sources)
    for source_id, source in sources.items():
        curated = kg.corpus.sources[source_id]
        assert (source.title, source.kind, source.publisher, source.date, source.url) == (
            curated.title, curated.kind, curated.publisher, curated.date, curated.url)


@pytest.mark.parametrize("command", ["view", "stats"])
def test_an_unreachable_endpoint_is_a_clear_error(cli, free_port, command):
    result = cli(command, "--endpoint", f"http://127.0.0.1:{free_port}/query")
    assert result.exit_code == 2
    assert "could not reach the endpoint" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["view", "stats"])
def test_an_endpoint_must_be_a_web_address(cli, command):
    result = cli(command, "--endpoint", "file:///etc/passwd")
    assert result.exit_code == 2 and "http(s) URL" in result.stderr
