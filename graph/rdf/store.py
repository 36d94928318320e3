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
import os
import shutil
import tempfile
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
    """Write `kg`'s quads into an Oxigraph store at `directory`, replacing any earlier one whole."""
    return commit_store(stage_store(kg, directory, data_dir), directory)


def stage_store(kg, directory: Path, data_dir: Path) -> Path:
    """Fill a new store in a temporary folder beside `directory`, not yet in use.

    Oxigraph loads without holding the GIL, so a build stages the store while it serialises;
    `commit_store` then puts it in place, or `discard_store` drops it if the data failed.
    """
    import pyoxigraph as ox

    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        store = ox.Store(str(temporary / "oxigraph"))
        fill_store(store, kg.dataset)
        store.flush()
        write_index(store, kg.base, temporary)  # entity search, replaced together with the store
        del store
        meta = {"fingerprint": fingerprint(data_dir, kg.base), "base": kg.base, "quads": kg.dataset.quad_count}
        (temporary / FINGERPRINT).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    except BaseException:
        discard_store(temporary)
        raise
    return temporary


def fill_store(store, dataset) -> None:
    """Load `dataset` (graph.rdf.dataset.Dataset) into an empty pyoxigraph store: the named
    graphs, and their union, each distinct triple once, as the default graph."""
    import pyoxigraph as ox

    # lenient: the text is valid by construction (graph.rdf.dataset.Dataset); a second faster at 1M.
    store.bulk_load(dataset.nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
    store.bulk_load(dataset.ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)


def commit_store(staged: Path, directory: Path) -> Path:
    """Replace the store at `directory` with a staged one."""
    directory = Path(directory)
    try:
        if directory.exists():
            shutil.rmtree(directory)
        os.replace(staged, directory)
    except BaseException:
        discard_store(staged)
        raise
    return directory


def discard_store(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)


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
    return StoredGraph(directory, base)
