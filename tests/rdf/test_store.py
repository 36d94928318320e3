"""Queries answer from the store `build` wrote while it is up to date, and never from a stale one."""

from __future__ import annotations

import os
import shutil

import pytest

import graph
from graph.pipeline import open_graph
from graph.rdf.store import StoredGraph

LABEL_OF_KENT = "SELECT ?label WHERE { force:kent rdfs:label ?label }"


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory, data_dir):
    """A private copy of data/ and a build of it (a test may change the data, then puts it back)."""
    folder = tmp_path_factory.mktemp("store")
    data = folder / "data"
    shutil.copytree(data_dir, data)
    graph.build(data, folder / "exports")
    return data, folder / "exports" / "store"


def test_query_uses_the_persistent_store_while_it_is_fresh(built_copy, kg):
    data, store_dir = built_copy
    stored = open_graph(data, directory=store_dir)
    assert isinstance(stored, StoredGraph)
    assert graph.query(stored, LABEL_OF_KENT) == [{"label": "Kent Police"}]
    assert stored.graph_names() == kg.graph_names()
    assert len(stored.quads) == len(kg.quads)


def test_a_changed_data_folder_makes_the_store_stale(built_copy):
    data, store_dir = built_copy
    records = data / "records" / "themes.yaml"
    stat = records.stat()
    os.utime(records, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        assert not isinstance(open_graph(data, directory=store_dir), StoredGraph)
    finally:
        os.utime(records, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert isinstance(open_graph(data, directory=store_dir), StoredGraph)


def test_another_base_does_not_use_the_store(built_copy):
    data, store_dir = built_copy
    assert not isinstance(open_graph(data, "http://example.org/kg/", store_dir), StoredGraph)


def test_query_command_answers_from_the_store(built_copy, cli):
    data, store_dir = built_copy
    result = cli("query", LABEL_OF_KENT, "--data", data, "--store-dir", store_dir, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.output.splitlines() == ["label", "Kent Police"]


def test_one_load_and_loads_in_batches_fill_the_same_store(tmp_path, kg, monkeypatch):
    """A big dataset is filled by one bulk load of a file of its text, a small one in batches
    (graph.rdf.store.ONE_LOAD_FROM): both give the same quads and graph digests as fill_store,
    and the file is gone afterwards."""
    import pyoxigraph as ox

    from graph.rdf import store as store_module

    expected = ox.Store()
    store_module.fill_store(expected, kg.dataset)
    in_batches = store_module.load_store(kg.dataset, kg.base, tmp_path / "batches")
    monkeypatch.setattr(store_module, "ONE_LOAD_FROM", 0)
    in_one_load = store_module.load_store(kg.dataset, kg.base, tmp_path / "one")
    assert in_one_load == in_batches
    for folder in ("batches", "one"):
        stored = ox.Store.read_only(str(tmp_path / folder / "oxigraph"))
        assert set(stored) == set(expected)
    assert sorted(path.name for path in (tmp_path / "one").iterdir()) == ["oxigraph"]
