"""A build reads, checks and converts new records files on every core (graph.cache.map_in_processes):
the same problems, the same outputs, as one process does."""

from __future__ import annotations

import pytest

import graph
import graph.cache
from graph.data.corpus import read_and_check
from graph.scale.synth import synthesise

EXPORTS = ("policing.nt", "policing.ttl", "policing.jsonld", "policing.trig")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, data_dir):
    """A synthetic corpus of some 30 sources and records files."""
    out = tmp_path_factory.mktemp("synth")
    synthesise(out, forces=5, rounds=6, seed=3, facts_per_report=2, reference_dir=data_dir)
    return out


@pytest.fixture(params=["parallel", "serial"])
def processes(request, monkeypatch):
    """In parallel from two items on, or never."""
    monkeypatch.setattr(graph.cache, "PARALLEL_FROM", 1 if request.param == "parallel" else 10**9)
    monkeypatch.setattr("graph.data.corpus.PARALLEL_FROM", 1 if request.param == "parallel" else 10**9)
    monkeypatch.setattr(graph.cache.os, "cpu_count", lambda: 2)
    return request.param


@pytest.fixture(scope="module")
def broken(corpus, tmp_path_factory):
    """The corpus with a quote that is in no source, and a reference to an unknown id."""
    import shutil

    target = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(corpus, target)
    path = sorted((target / "records").glob("synth-*.yaml"))[3]
    text = path.read_text(encoding="utf-8")
    quote = next(line for line in text.splitlines() if line.strip().startswith("quote:"))
    text = text.replace(quote, quote.split("quote:")[0] + "quote: words that no report ever printed", 1)
    path.write_text(text.replace("subject: force/", "subject: force/nowhere-", 1), encoding="utf-8")
    return target


def test_problems_are_those_of_one_process(broken, processes, monkeypatch):
    _corpus, found = read_and_check(broken)
    monkeypatch.setattr(graph.cache, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr("graph.data.corpus.PARALLEL_FROM", 10**9)
    _corpus, alone = read_and_check(broken)
    assert found == alone
    assert any("quote not found" in p.message for p in found) and any("unknown id" in p.message for p in found)


def test_parallel_and_serial_builds_write_the_same_bytes(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(graph.cache.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(graph.cache, "PARALLEL_FROM", 1)
    monkeypatch.setattr("graph.data.corpus.PARALLEL_FROM", 1)
    graph.build(corpus, tmp_path / "parallel", pages=False)
    monkeypatch.setattr(graph.cache, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr("graph.data.corpus.PARALLEL_FROM", 10**9)
    graph.build(corpus, tmp_path / "serial", pages=False)
    for name in EXPORTS:
        assert (tmp_path / "parallel" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes(), name
