"""The built graph kept on disk, so that a query does not re-read the data every time.

`policing-kg build` writes the dataset into an Oxigraph store beside the exports
(`exports/store/`, not committed) together with a fingerprint of what it was built from: the
data folder's files, the ontology and the builder's own code, by name, size and modification
time. `open_stored` gives that store while the fingerprint still matches and None otherwise; the
caller (graph.pipeline.open_graph) then loads the data afresh, so a stale store is never used.
This module never imports the pipeline: what to load is its caller's decision.

A store holds each source's named graph and, in its default graph, their union as a set: each
distinct triple once (`fill_store`). Queries are answered over that default graph, so a triple
that two sources assert is counted once, by Oxigraph as by rdflib (whose union is a set), where
Oxigraph's own union of named graphs (`use_default_graph_as_union`) would give it twice.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cached_property
from pathlib import Path

from graph.rdf.search import write_index
from graph.vocabulary import load_vocabulary, ontology_dir

STORE_DIR = "store"
FINGERPRINT = "policing-kg-store.json"


def fingerprint(data_dir: Path, base: str) -> str:
    """A digest of everything a build reads: data files, ontology files and the package's code."""
    digest = hashlib.sha256(base.encode())
    package = Path(__file__).parents[1]  # all of graph/, not just graph/rdf/
    for root in (Path(data_dir), ontology_dir(), package):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def write_store(kg, directory: Path, data_dir: Path) -> Path:
    """Write `kg`'s dataset into a new Oxigraph store at `directory` (which must not exist yet;
    a build writes it inside its staged generation, graph.rdf.generation)."""
    import pyoxigraph as ox

    graphs = load_store(kg.dataset, kg.base, directory)
    write_index(ox.Store(str(Path(directory) / "oxigraph")), kg.base, directory)
    write_store_meta(directory, data_dir, kg.base, kg.dataset, graphs, [])
    return Path(directory)


def fill_store(store, dataset) -> None:
    """Load `dataset` (graph.rdf.dataset.Dataset) into an empty pyoxigraph store: the named
    graphs, and their union, each distinct triple once, as the default graph."""
    import pyoxigraph as ox

    # lenient: the text is valid by construction (graph.rdf.dataset.Dataset); a second faster at 1M.
    store.bulk_load(dataset.nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
    store.bulk_load(dataset.ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)


# How the store is filled. Oxigraph's bulk loader holds about 1 KB per quad it is given at once
# (up to three batches of a million quads) and adds the sorted files of each load to the store
# at its end. Keys are hashes of the terms, so each load's files overlap every file before them
# and RocksDB merges them again and again: the more loads, the more it rewrites.
# - A big dataset is filled by one load: at ten million triples, 217 s of CPU against 301 s in
#   loads of half a million quads, and no merging left for the next process that opens the store
#   (7.6 s of CPU). It costs 0.6 GB more memory at the peak. Its text is first written, graph by
#   graph, to a file that Oxigraph reads by itself (LOAD_FILE): read from Python, Oxigraph asks
#   for 2 KB at a time and takes the GIL for each, about two million times at ten million
#   triples, each time waiting for the exports' thread (29 s of the GIL spent in those reads).
# - A small one is filled in loads of LOAD_BATCH quads: at a million triples the CPU is the
#   same either way (17 s), and one load would take 0.8 GB more memory (1.9 GB against 1.1).
LOAD_BATCH = 500_000
ONE_LOAD_FROM = 4_000_000  # quads: named graphs' and the union's together
_UNION_PIECE = 100_000  # union triples per piece of text: the text is made a little at a time
LOAD_FILE = "load.nq"  # the one load's text, beside the store while it is loaded


def load_store(dataset, base: str, directory: Path) -> dict[str, str]:
    """Fill a new store at `directory` as fill_store does, without ever holding the whole N-Quads
    text in memory. Returns a digest of each named graph's text."""
    import pyoxigraph as ox

    directory = Path(directory)
    directory.mkdir(parents=True)
    store = ox.Store(str(directory / "oxigraph"))
    graphs: dict[str, str] = {}
    named = _graph_texts(dataset, graphs)
    if dataset.quad_count + len(dataset.triples) >= ONE_LOAD_FROM:
        text_file = directory / LOAD_FILE
        with text_file.open("wb") as out:
            for text, _ in named:
                out.write(text)
            for text in _union_texts(dataset, _UNION_PIECE):  # lines without a graph name: the default graph
                out.write(text)
        # lenient: the text is valid by construction (graph.rdf.dataset.Dataset); faster.
        store.bulk_load(path=str(text_file), format=ox.RdfFormat.N_QUADS, lenient=True)
        text_file.unlink()
    else:
        batch: list[bytes] = []
        size = 0
        for text, count in named:
            batch.append(text)
            size += count
            if size >= LOAD_BATCH:
                _bulk_load(store, batch, ox.RdfFormat.N_QUADS)
                batch, size = [], 0
        _bulk_load(store, batch, ox.RdfFormat.N_QUADS)
        for text in _union_texts(dataset, LOAD_BATCH):
            _bulk_load(store, [text], ox.RdfFormat.N_TRIPLES)
    store.flush()
    return graphs


def _graph_texts(dataset, graphs: dict[str, str]):
    """Each named graph as N-Quads text with its number of lines, recording its digest in `graphs`."""
    from graph.cache import digest

    for name, triples in dataset.graphs.items():
        text = dataset.graph_nquads(name)
        graphs[name] = digest(text)
        yield text, len(triples)


def _union_texts(dataset, piece: int):
    """The union as N-Triples text, `piece` triples at a time."""
    union = dataset.triples
    for start in range(0, len(union), piece):
        yield (" .\n".join(union[start:start + piece]) + " .\n").encode("utf-8")


def update_store(dataset, directory: Path, previous: Path, meta: dict, written, old_chunk, new_chunk
                 ) -> dict[str, str] | None:
    """Fill a new store at `directory` from a copy of the `previous` build's, rewriting only
    what changed: the named graphs whose text differs (written.graphs against the previous
    build's `meta`), and in the default graph (the union) the chunks of graph.rdf.partitions
    whose text differs (the old chunk's triples out, the new chunk's in; `old_chunk(key)` and
    `new_chunk(key)` give their N-Triples). Returns the graph digests, or None when the
    previous store cannot be reused (then nothing is written)."""
    import pyoxigraph as ox

    try:
        before_graphs, before_chunks = dict(meta["graphs"]), list(meta["chunks"])
    except (KeyError, TypeError, ValueError):
        return None
    old_texts = [old_chunk(key) for key in set(before_chunks) - set(written.chunks)]
    new_texts = [new_chunk(key) for key in set(written.chunks) - set(before_chunks)]
    if any(text is None for text in (*old_texts, *new_texts)):
        return None
    directory = Path(directory)
    directory.mkdir(parents=True)
    try:
        ox.Store.read_only(str(Path(previous) / "oxigraph")).backup(str(directory / "oxigraph"))
    except OSError:
        shutil.rmtree(directory, ignore_errors=True)
        return None
    store = ox.Store(str(directory / "oxigraph"))
    graphs: dict[str, str] = written.graphs
    changed: list[bytes] = []
    for name, key in graphs.items():
        if before_graphs.get(name) != key:
            if name in before_graphs:
                store.remove_graph(ox.NamedNode(name[1:-1]))
            changed.append(dataset.graph_nquads(name))
    for name in before_graphs.keys() - graphs.keys():
        store.remove_graph(ox.NamedNode(name[1:-1]))
    _bulk_load(store, changed, ox.RdfFormat.N_QUADS)
    for text in old_texts:  # first out, then in: a triple in both stays
        for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True):
            store.remove(quad)
    _bulk_load(store, new_texts, ox.RdfFormat.N_TRIPLES)
    store.flush()
    return graphs


def _bulk_load(store, texts: list[bytes], format) -> None:
    if texts:
        # lenient: the text is valid by construction (graph.rdf.dataset.Dataset); a second faster.
        store.bulk_load(b"".join(texts), format=format, lenient=True)


def write_store_meta(directory: Path, data_dir: Path, base: str, dataset, graphs: dict[str, str],
                     chunks: list[str], search: str = "", layout: dict | None = None) -> None:
    """Record what the store was built from (open_stored checks it) and what it holds, graph by
    graph and chunk by chunk (update_store compares them), the key of its search index's row
    digests in the build's cache, and where each piece is in the exports (the next build copies
    the pieces it can from there: graph.rdf.partitions.PieceFile)."""
    meta = {"fingerprint": fingerprint(data_dir, base), "base": base, "quads": dataset.quad_count,
            "graphs": graphs, "chunks": chunks, "search": search, "layout": layout or {}}
    (Path(directory) / FINGERPRINT).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


class StoredGraph:
    """The parts of a KnowledgeGraph that querying needs, answered from a store on disk."""

    def __init__(self, directory: Path, base: str):
        self.directory = Path(directory)
        self.base = base
        self.vocabulary = load_vocabulary()

    @cached_property
    def _store(self):
        import pyoxigraph as ox

        return ox.Store.read_only(str(self.directory / "oxigraph"))

    def store(self):
        return self._store

    def prefixes(self) -> dict[str, str]:
        """The prefixes every query has bound (as KnowledgeGraph.prefixes)."""
        return self.vocabulary.prefixes_for(self.base)

    def graph_names(self) -> set[str]:
        return {g.value for g in self._store.named_graphs()}

    @cached_property
    def quads(self) -> list:
        import pyoxigraph as ox

        from graph.rdf.dataset import quad_key

        # The named graphs only: the default graph is their union again (see fill_store).
        return sorted((q for q in self._store.quads_for_pattern(None, None, None, None)
                       if not isinstance(q.graph_name, ox.DefaultGraph)), key=quad_key)


def open_stored(data_dir: Path, base: str, directory: Path) -> StoredGraph | None:
    """The store at `directory` if it was built from `data_dir` as it is now; else None."""
    try:
        meta = json.loads((Path(directory) / FINGERPRINT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("base") != base or meta.get("fingerprint") != fingerprint(data_dir, base):
        return None
    stored = StoredGraph(directory, base)
    try:
        stored.store()  # a store that will not open (damaged, half deleted) is no store: read the data
    except OSError:
        return None
    return stored
