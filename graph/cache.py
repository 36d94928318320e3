"""A cache of a build's pieces, kept with the build's outputs and reused by the next build.

Pieces are bytes stored by kind and by a digest of everything they were made from (see each
user: graph.data.cache for parsed records, graph.rdf.dataset for each file's triples,
graph.rdf.partitions for the serialised chunks and the shape results).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    """A digest of the parts (each one delimited, so ("ab", "c") differs from ("a", "bc"))."""
    hasher = hashlib.sha1()
    for part in parts:
        hasher.update(part.encode() if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def code_digest() -> str:
    """A digest of the program and the ontology (names, sizes and modification times): a piece
    made by other code, or from another ontology, is never reused."""
    from graph.vocabulary import ontology_dir

    hasher = hashlib.sha1()
    for root in (Path(__file__).parent, ontology_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                hasher.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


class PieceCache:
    """Pieces of earlier builds by kind and digest, in a folder of the build's outputs.

    A build reads pieces from the previous build's cache and writes the pieces it uses --
    reused ones hard-linked, new ones written -- into its own, staged with the rest of the
    outputs: a cache holds exactly what its build used, and goes when that build is replaced.
    """

    def __init__(self, directory: Path, previous: Path | None = None):
        self.directory = Path(directory)
        self.previous = Path(previous) if previous is not None else None
        self.directory.mkdir(parents=True, exist_ok=True)
        self.reused = self.made = 0

    def _path(self, root: Path, kind: str, key: str) -> Path:
        return root / f"{kind}-{key}"

    def get(self, kind: str, key: str) -> bytes | None:
        mine = self._path(self.directory, kind, key)
        if mine.is_file():
            return mine.read_bytes()
        if self.previous is not None:
            theirs = self._path(self.previous, kind, key)
            try:
                os.link(theirs, mine)
            except OSError:
                return None
            self.reused += 1
            return mine.read_bytes()
        return None

    def keep(self, kind: str, key: str) -> bool:
        """Whether the piece is there (kept from the previous build if it was made there)."""
        mine = self._path(self.directory, kind, key)
        if mine.is_file():
            return True
        if self.previous is not None:
            try:
                os.link(self._path(self.previous, kind, key), mine)
            except OSError:
                return False
            self.reused += 1
            return True
        return False

    def previous_piece(self, kind: str, key: str) -> bytes | None:
        """A piece of the previous build, read but not kept for the next."""
        if self.previous is None:
            return None
        try:
            return self._path(self.previous, kind, key).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> bytes:
        path = self._path(self.directory, kind, key)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        self.made += 1
        return data


# Below this many items, starting processes costs more than it saves.
PARALLEL_FROM = 8


def map_in_processes(function: Callable, items: list) -> Iterator:
    """function(item) for each item, in order, computed in forked worker processes, one per
    core (in this process on one core, or for a few items).

    For the build's work on files that are not in the cache (parsing a records file, making
    its triples), which is Python and holds the GIL: on two cores a clean build reads and
    converts a national corpus in about half the time. The workers are forked and inherit
    `function` and `items` (the checked corpus they read is never pickled); only an item's
    index goes to a worker, and what `function` returns comes back pickled (bytes, best:
    what the cache keeps anyway)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = min(os.cpu_count() or 1, len(items) // PARALLEL_FROM or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_inherit, initargs=(function, items)) as pool:
        yield from pool.map(_call_inherited, range(len(items)), chunksize=max(1, len(items) // (workers * 8)))


# In a worker process of map_in_processes only: the function and the items it was forked with.
_INHERITED: list = []


def _inherit(function: Callable, items: list) -> None:
    _INHERITED[:] = [function, items]


def _call_inherited(index: int):
    function, items = _INHERITED
    return function(items[index])
