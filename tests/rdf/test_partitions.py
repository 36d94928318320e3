"""The outputs written piece by piece (graph.rdf.partitions) are the outputs written whole."""

from __future__ import annotations

import pytest

import graph.rdf.partitions as partitions
from graph.cache import PieceCache
from graph.pipeline import KnowledgeGraph
from graph.rdf.dataset import Dataset
from graph.rdf.exports import serialise
from graph.rdf.shacl import shacl_results


@pytest.fixture(params=[32, 512], ids=["small-chunks", "default"])
def chunk_subjects(request, monkeypatch):
    monkeypatch.setattr(partitions, "CHUNK_SUBJECTS", request.param)
    monkeypatch.setattr(partitions, "SHAPE_GROUP", 4)
    return request.param


def test_pieces_concatenated_are_the_whole_files(kg, tmp_path, chunk_subjects):
    written = partitions.write_rdf(kg.dataset, kg.vocabulary, kg.base, tmp_path, PieceCache(tmp_path / "cache"))
    if chunk_subjects < 512:
        assert len(written.chunks) > 10
    for fmt in ("nt", "ttl", "jsonld", "trig"):
        assert (tmp_path / f"policing.{fmt}").read_bytes() == serialise(kg, fmt), fmt


def test_pieces_from_the_cache_give_the_same_files(kg, tmp_path, chunk_subjects):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    made = partitions.write_rdf(kg.dataset, kg.vocabulary, kg.base, first, PieceCache(first / "cache"))
    again = partitions.write_rdf(kg.dataset, kg.vocabulary, kg.base, second,
                                 PieceCache(second / "cache", first / "cache"), previous=first, layout=made.layout)
    assert again.made == 0 and again.reused > 0 and made.made > 0
    for fmt in ("nt", "ttl", "jsonld", "trig"):
        assert (first / f"policing.{fmt}").read_bytes() == (second / f"policing.{fmt}").read_bytes()


def test_no_chunk_separates_an_evidence_node_from_its_target_and_selectors(kg, monkeypatch):
    monkeypatch.setattr(partitions, "CHUNK_SUBJECTS", 1)  # every subject a candidate start
    chunk_of = {}
    for number, (piece, _group) in enumerate(partitions.chunks(kg.dataset.triples, kg.base)):
        for line in piece:
            chunk_of[line[: line.index(" ")]] = number
    evidence = [s for s in chunk_of if s.startswith(f"<{kg.base}evidence/") and "#" not in s]
    assert evidence
    for node in evidence:
        for part in ("target", "quote", "position"):
            assert chunk_of[f"{node[:-1]}#{part}>"] == chunk_of[node], node


def _damaged(kg) -> KnowledgeGraph:
    """The seed graph with facts removed that only the shapes catch: a judgement's grade,
    an evidence target's quote selector, a source's publisher type, a recommendation's summary."""
    dropped = ("<http://www.w3.org/ns/oa#hasSelector>", "<https://w3id.org/policing-kg/ontology#grade>",
               "<http://purl.org/dc/terms/description>")
    graphs, count = {}, 0
    for name, triples in kg.dataset.graphs.items():
        kept = []
        for line in triples:
            if any(p in line for p in dropped) and count % 3 == 0:
                count += 1
                continue
            count += any(p in line for p in dropped)
            kept.append(line)
        graphs[name] = tuple(kept)
    return KnowledgeGraph(kg.corpus, kg.base, Dataset(graphs))


def test_shapes_checked_by_chunk_give_the_results_of_the_whole_graph(kg, tmp_path, chunk_subjects):
    damaged = _damaged(kg)
    whole = shacl_results(damaged)
    assert len(whole) > 20  # the damage is seen
    written = partitions.write_rdf(damaged.dataset, kg.vocabulary, kg.base, tmp_path, PieceCache(tmp_path / "cache"))
    assert written.results == whole
