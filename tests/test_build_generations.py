"""A build replaces its outputs as a set, reuses what did not change, and survives being killed.

Issue 19 item 6 and issue 18 item 2: the outputs are staged and swapped in at once
(graph.rdf.generation); a rebuild after an edit gives the bytes of a clean build; a build
killed at any moment leaves the previous outputs whole; `query` reads the data when the store
will not open.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import graph
from graph.pipeline import open_graph
from graph.rdf.store import StoredGraph

LABEL = re.compile(r"(?m)^( +label: [A-Za-z].*)$")
EXPORTS = ("policing.nt", "policing.ttl", "policing.jsonld", "policing.trig")


def _exports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in EXPORTS}


def _store_quads(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store" / "oxigraph"))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def _edit(data: Path) -> Path:
    """Change one entity's label in one records file."""
    path = next(p for p in sorted((data / "records").glob("*.yaml")) if LABEL.search(p.read_text()))
    text = path.read_text(encoding="utf-8")
    path.write_text(LABEL.sub(r"\1 (revised)", text, count=1), encoding="utf-8")
    return path


def test_rebuild_after_an_edit_is_a_clean_build(data_copy, tmp_path):
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    graph.build(data_copy, incremental, pages=False)
    before = _exports(incremental)
    _edit(data_copy)
    graph.build(data_copy, incremental, pages=False)
    graph.build(data_copy, clean, pages=False)
    assert _exports(incremental) == _exports(clean)
    assert _exports(incremental) != before
    assert _store_quads(incremental) == _store_quads(clean)


def test_unchanged_rebuild_reuses_every_piece(data_copy, tmp_path):
    out = tmp_path / "out"
    graph.build(data_copy, out, pages=False)
    pieces = {p.name: p.stat().st_ino for p in (out / "cache").iterdir()}
    graph.build(data_copy, out, pages=False)
    again = {p.name: p.stat().st_ino for p in (out / "cache").iterdir()}
    assert again == pieces  # the same files, hard-linked into the new generation: nothing made anew


def test_stale_temporary_folders_are_cleaned(data_copy, tmp_path):
    out = tmp_path / "exports"
    graph.build(data_copy, out, pages=False)
    stale = [tmp_path / ".exports.build-killed", tmp_path / ".exports.old-killed", out / ".store.abc", out / ".site.x"]
    for folder in stale:
        folder.mkdir()
        (folder / "half-written").write_text("x")
    graph.build(data_copy, out, pages=False)
    assert not any(folder.exists() for folder in stale)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".exports")) == [".exports.lock"]


def test_failed_build_keeps_the_previous_generation(data_copy, tmp_path):
    out = tmp_path / "out"
    graph.build(data_copy, out, pages=False)
    before, quads = _exports(out), _store_quads(out)
    path = _edit(data_copy)
    path.write_text(LABEL.sub(r"\1\n    label: twice", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    with pytest.raises(graph.DataError):
        graph.build(data_copy, out, pages=False)
    assert _exports(out) == before and _store_quads(out) == quads
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.build-")] == []


def test_query_reads_the_data_when_the_store_will_not_open(data_copy, tmp_path):
    out = tmp_path / "out"
    graph.build(data_copy, out, pages=False)
    assert isinstance(open_graph(data_copy, directory=out / "store"), StoredGraph)
    (out / "store" / "oxigraph" / "CURRENT").unlink()  # a partly deleted store
    fallback = open_graph(data_copy, directory=out / "store")
    assert not isinstance(fallback, StoredGraph)
    assert len(fallback.dataset.triples) > 1000


def _build_process(data: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph", "build", "--no-pages", "-q", "--data", str(data),
                             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_build_killed_at_any_point_leaves_one_whole_generation(data_copy, tmp_path):
    """kill -9 at several moments of a rebuild; each time `out` holds either the old outputs or
    the new ones, all of them from the same build, and the next build completes and cleans up."""
    out = tmp_path / "out"
    graph.build(data_copy, out, pages=False)
    old = _exports(out)
    _edit(data_copy)
    new_out = tmp_path / "reference"
    graph.build(data_copy, new_out, pages=False)
    new = _exports(new_out)
    started = time.perf_counter()
    _build_process(data_copy, tmp_path / "timing").wait()
    duration = time.perf_counter() - started
    seen = set()
    for fraction in (0.15, 0.4, 0.65, 0.9):
        process = _build_process(data_copy, out)
        time.sleep(duration * fraction)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        now = _exports(out)
        assert now in (old, new), f"mixed outputs after a kill at {fraction:.0%} of the build"
        seen.add("new" if now == new else "old")
        assert _store_quads(out)  # the store in place opens
        if now == new:
            graph.build(data_copy, tmp_path / "scratch", pages=False)
            assert _store_quads(out) == _store_quads(tmp_path / "scratch")
    graph.build(data_copy, out, pages=False)
    assert _exports(out) == new
    assert [p for p in tmp_path.iterdir() if p.name.startswith((".out.build-", ".out.old-"))] == []


def _search_rows(out: Path) -> list[tuple]:
    import sqlite3

    connection = sqlite3.connect(out / "store" / "search.sqlite")
    try:
        return (connection.execute("SELECT entity, label, kind, names, joined FROM entities "
                                   "ORDER BY entity").fetchall(),
                connection.execute("SELECT entity, label, kind, text FROM texts ORDER BY entity").fetchall())
    finally:
        connection.close()


def test_search_index_after_an_edit_is_that_of_a_clean_build(data_copy, tmp_path):
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    graph.build(data_copy, incremental, pages=False)
    before = _search_rows(incremental)
    _edit(data_copy)
    graph.build(data_copy, incremental, pages=False)
    graph.build(data_copy, clean, pages=False)
    assert _search_rows(incremental) == _search_rows(clean) != before


def test_an_edit_that_breaks_a_reference_from_another_file_is_caught_by_a_rebuild(data_copy, tmp_path):
    """Renaming an id in one records file leaves the references to it in other files dangling:
    the rebuild, which reuses every other file's records, reports them as a clean check does."""
    out = tmp_path / "out"
    graph.build(data_copy, out, pages=False)
    before = _exports(out)
    forces = data_copy / "records" / "reference-forces.yaml"
    forces.write_text(forces.read_text(encoding="utf-8").replace("id: force/kent\n", "id: force/kent-renamed\n"),
                      encoding="utf-8")
    with pytest.raises(graph.DataError) as caught:
        graph.build(data_copy, out, pages=False)
    dangling = [p for p in caught.value.problems if p.value == "force/kent" and "unknown id" in p.message]
    assert dangling and all(p.file != "records/reference-forces.yaml" for p in dangling)
    assert caught.value.problems == graph.validate(data_copy)[0]  # what a check from scratch finds
    assert _exports(out) == before
