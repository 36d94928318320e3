"""Writing the dataset out piece by piece, each piece reused while its input is unchanged.

The union graph, sorted, is cut into chunks at subject boundaries that the subjects choose
themselves: a subject starts a chunk when a hash of it is 0 modulo CHUNK_SUBJECTS (never an
evidence node: see below). So a clean build and a rebuild cut the same chunks, and an edit
changes only the chunks that hold the subjects it touches. Turtle, N-Triples and JSON-LD of
the union graph are written chunk by chunk, and TriG graph by graph: each of these writers puts
out its prefixes and then one self-contained run per subject (or per graph), so the pieces,
concatenated, are byte for byte the file written in one go (tests/rdf/test_partitions.py
compares them). No output is ever held whole in memory: pieces stream into the staged files.

The shapes are checked chunk by chunk too. A chunk holds every triple of its subjects; it is
checked together with the rdf:type triples of the nodes it refers to and the ontology graph
(for rdfs:subClassOf). That is all the shapes look at beyond a focus node's own triples --
sh:class on the values, and sh:node on an evidence's target, whose IRI extends the evidence's
(`...#target`, `...#quote`): no chunk boundary falls inside an evidence node's IRIs, so they
stay in one chunk. The nodes of that context are typed, so the shapes' sh:targetClass would
pick them out as focus nodes too, and check them without their own triples (three quarters of
the time, and many results to drop): the group is checked with the shapes retargeted instead
(_FocusShapes), each sh:targetClass C naming a marker class that only the chunk's own subjects
are given, those that are instances of C. The results are the same (tests/rdf/test_partitions.py
compares them with one check of the whole graph).

A piece is known by a digest of its text. The export files record where each piece lies in
them (their layout, kept with the store's metadata), and the next build copies the byte ranges
of the pieces it needs again from the previous files (PieceFile); the shape results of a group
of chunks (under the digests of its chunks, of every chunk's rdf:type triples, of the ontology
and of the shapes) and each chunk's entries of the search index (graph.rdf.search) are kept in
the build's cache. So a rebuild re-serialises and re-checks only the chunks and graphs whose
text changed.
"""

from __future__ import annotations

import bisect
import json
import os
import pickle
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.cache import PieceCache, digest
from graph.rdf.shacl import ShapeResult
from graph.vocabulary import RDF_TYPE, ontology_dir

# A subject starts a chunk with a chance of one in CHUNK_SUBJECTS: about 3 thousand triples
# a chunk on the synthetic corpora, small enough that one edit re-serialises little, large
# enough that the per-chunk cost of the writers does not show.
CHUNK_SUBJECTS = 512
# The shapes are checked a group of chunks at a time (a chunk starts a group with a chance of
# one in SHAPE_GROUP): each check also reads the chunk's context, and more text per check
# shares the context better.
SHAPE_GROUP = 8
_TYPE = f" <{RDF_TYPE}> "
_OFFSETS = re.compile(r"[0-9]+-")


def chunk_bounds(triples: tuple[str, ...], base: str) -> list[tuple[int, bool]]:
    """(start index, starts a shape group) of each chunk of the sorted union graph."""
    if not triples:
        return []
    evidence = f"<{base}evidence/"
    starts = [(0, True)]
    subject = ""
    for index, line in enumerate(triples):
        if subject and line.startswith(subject):
            continue
        previous, subject = subject, line[: line.index(" ") + 1]  # "<iri> ": <a> is no prefix of <ab>
        hashed = zlib.crc32(subject.encode())
        if index and hashed % CHUNK_SUBJECTS == 0 and (
                not subject.startswith(evidence) or _between_evidence(previous, subject)):
            starts.append((index, hashed % (CHUNK_SUBJECTS * SHAPE_GROUP) == 0))
    return starts


def chunks(triples: tuple[str, ...], base: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Each chunk, and whether it starts a new group of chunks for the shapes."""
    starts = chunk_bounds(triples, base)
    ends = [index for index, _ in starts[1:]] + [len(triples)]
    for (first, group), end in zip(starts, ends, strict=True):
        yield triples[first:end], group


def _between_evidence(previous: str, subject: str) -> bool:
    """Whether a chunk may start at `subject`, an evidence node, after `previous`.

    An evidence node `<.../evidence/SOURCE/12-40>` and its parts (`...12-40#target`,
    `#quote`, `#position`) are checked together, so they must share a chunk; but in sorted
    order other evidence IRIs that extend theirs (`...12-400...`) come between them. A chunk
    may start here unless the two subjects share a prefix reaching into the offsets (`.../12`)."""
    shared = os.path.commonprefix([previous, subject])
    return not _OFFSETS.match(shared[shared.rfind("/") + 1:])


def _split_prefixes(text: bytes) -> tuple[bytes, bytes]:
    """(the @prefix lines, the rest) of a Turtle or TriG text."""
    end = 0
    while text.startswith(b"@prefix", end):
        end = text.index(b"\n", end) + 1
    return text[:end], text[end:]


@dataclass
class Written:
    """What write_rdf returns: the files written and the shape results."""

    files: list[Path]
    results: list[ShapeResult]
    chunks: list[str]  # the digest of each chunk's text, in order
    graphs: dict[str, str]  # the digest of each named graph's N-Quads text
    layout: dict  # where each piece is in each file (PieceFile.layout), for the next build
    reused: int
    made: int
    search_rows: list  # the rows of the entity search index (graph.rdf.search.index_rows)
    timings: dict[str, float]  # CPU seconds of this thread per part of the work (build --timings)


class PieceFile:
    """An export file written piece by piece, each piece taken from the previous build's file
    when that file holds a piece of the same key (its byte range is copied), else made.

    A piece's key is the digest of the text it is made from, so a piece of the same key is
    the same bytes. The previous build's `layout` says where its pieces are (key -> offset,
    length); it is trusted only while its file has the size and modification time it recorded.
    Reusing the previous file's bytes, rather than keeping every piece again in the cache,
    halves what a clean build writes; a rebuild copies the unchanged ranges in the kernel."""

    def __init__(self, path: Path, previous: Path | None, layout: dict | None):
        self.path = path
        self.stream = open(path, "wb")  # noqa: SIM115 - closed by close()
        self.pieces: dict[str, list[int]] = {}
        self.old: dict = {}
        self.source = None
        if previous is not None and layout:
            try:
                stat = previous.stat()
                if [stat.st_size, stat.st_mtime_ns] == layout.get("file"):
                    self.source = open(previous, "rb")  # noqa: SIM115 - closed by close()
                    self.old = layout.get("pieces", {})
            except OSError:
                self.source = None
        self.reused = self.made = 0

    def has(self, key: str) -> bool:
        return key in self.old or key in self.pieces

    def add(self, key: str, make) -> None:
        """Write the piece of `key`: copied from the previous file, or `make()`'s bytes."""
        offset = self.stream.tell()
        if key in self.pieces:  # the same piece twice in one file (never in practice)
            start, length = self.pieces[key][:2]
            self.stream.flush()
            with open(self.path, "rb") as own:
                own.seek(start)
                self.stream.write(own.read(length))
        elif key in self.old:
            start, length = self.old[key][:2]
            self.stream.flush()
            _copy_range(self.source, self.stream, start, length)
            self.reused += 1
        else:
            self.stream.write(make())
            self.made += 1
        self.pieces[key] = [offset, self.stream.tell() - offset]

    def note(self, key: str, make) -> str:
        """A note kept in the layout with the piece of `key` (added already): the previous
        build's note of that piece, or `make()`."""
        old = self.old.get(key)
        note = old[2] if old is not None and len(old) > 2 else make()
        self.pieces[key][2:] = [note]
        return note

    def write(self, data: bytes) -> None:
        """Bytes that are no piece (separators, the head and tail of a document)."""
        self.stream.write(data)

    def close(self) -> dict:
        """Close the files; the layout of this file, for the next build."""
        self.stream.close()
        if self.source is not None:
            self.source.close()
        stat = self.path.stat()
        return {"file": [stat.st_size, stat.st_mtime_ns], "pieces": self.pieces}

    def read(self, key: str) -> bytes | None:
        """A piece of the previous file (None if it has none of that key)."""
        if self.source is None or key not in self.old:
            return None
        start, length = self.old[key][:2]
        self.source.seek(start)
        return self.source.read(length)


def _copy_range(source, target, start: int, length: int) -> None:
    """Append `length` bytes of `source` from `start` to `target` (copy_file_range where possible)."""
    done = 0
    try:
        while done < length:
            copied = os.copy_file_range(source.fileno(), target.fileno(), length - done, start + done)
            if copied == 0:
                break
            done += copied
    except (OSError, AttributeError):
        pass
    if done < length:
        source.seek(start + done)
        target.write(source.read(length - done))
        target.flush()
    target.seek(0, os.SEEK_END)


def read_layout_piece(previous: Path | None, layout: dict | None, name: str, key: str) -> bytes | None:
    """One piece of the previous build's export `name` (e.g. the N-Triples of a chunk), if its
    layout is still true of the file; else None."""
    if previous is None or not layout or name not in layout:
        return None
    path = previous / name
    try:
        stat = path.stat()
        if [stat.st_size, stat.st_mtime_ns] != layout[name].get("file"):
            return None
        start, length = layout[name]["pieces"][key][:2]
        with open(path, "rb") as stream:
            stream.seek(start)
            return stream.read(length)
    except (OSError, KeyError, TypeError, ValueError):
        return None


def write_rdf(dataset, vocabulary, base: str, out: Path, cache: PieceCache, shapes: bool = True,
              previous: Path | None = None, layout: dict | None = None) -> Written:
    """Write policing.nt, .ttl, .jsonld and .trig of `dataset` into `out`, and check the shapes.

    Pieces that the `previous` build's files hold (its `layout`, Written.layout) are copied
    from them, shape results and search entries in `cache` are taken from it; the rest are
    made (and the latter put in the cache).
    """
    import pyoxigraph as ox

    from graph.rdf.exports import prefixes, project_context
    from graph.rdf.jsonld import jsonld_head, jsonld_node_lines
    from graph.rdf.search import chunk_entries, index_rows

    spent: dict[str, float] = {}
    clock = _Clock(spent)
    names = prefixes(vocabulary, base)
    context = project_context(base)
    triples = dataset.triples
    clock("union graph")
    shape_text = (ontology_dir() / "shapes.ttl").read_text(encoding="utf-8") if shapes else ""
    results: set[ShapeResult] = set()
    pieces = list(chunks(triples, base))
    clock("chunks")
    layout = layout or {}

    def opened(name: str) -> PieceFile:
        return PieceFile(out / name, previous / name if previous is not None else None, layout.get(name))

    groups: list[list[tuple[tuple[str, ...], str]]] = []  # the chunks (lines, key) of each shape group
    type_digests: list[str] = []  # of each chunk's rdf:type triples
    keys: list[str] = []
    search_parts = []
    nt, ttl, jsonld = opened("policing.nt"), opened("policing.ttl"), opened("policing.jsonld")
    files = {"policing.nt": nt, "policing.ttl": ttl, "policing.jsonld": jsonld}
    try:
        jsonld.write(jsonld_head(context).encode("utf-8"))
        separator = b""
        for piece, starts_group in pieces:
            text = (" .\n".join(piece) + " .\n").encode("utf-8")
            key = digest(text)
            keys.append(key)
            nt.add(key, lambda text=text: text)
            clock("n-triples")
            if shapes:
                if starts_group or not groups:
                    groups.append([])
                groups[-1].append((piece, key))
                type_digests.append(nt.note(key, lambda piece=piece: _type_digest(piece)))
                clock("shapes")
            if not ttl.pieces:
                ttl.write(prefix_lines(names, ox.RdfFormat.TURTLE))
            ttl.add(key, lambda text=text: _split_prefixes(ox.serialize(
                ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True), format=ox.RdfFormat.TURTLE,
                prefixes=names))[1])
            clock("turtle")
            lines = jsonld.read(key) if jsonld.has(key) else None
            if lines is None:
                lines = ",\n".join(jsonld_node_lines(ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True),
                                                     context)).encode("utf-8")
            if lines:
                jsonld.write(separator)
                jsonld.add(key, lambda lines=lines: lines)
                separator = b",\n"
            clock("json-ld")
            entries = cache.get("search", key)
            search_parts.append(pickle.loads(entries) if entries is not None else chunk_entries(piece, base))
            if entries is None:
                cache.put("search", key, pickle.dumps(search_parts[-1], protocol=pickle.HIGHEST_PROTOCOL))
            clock("search index")
        if shapes:
            results.update(_shape_results(groups, dataset, base, digest(*type_digests), shape_text, cache))
        clock("shapes")
        jsonld.write(b"\n]}\n" if triples else b"]}\n")
        clock("json-ld")
        trig = files["policing.trig"] = opened("policing.trig")
        graphs = _write_trig(dataset, names, trig)
        clock("trig")
    finally:
        new_layout = {name: file.close() for name, file in files.items()}
    ordered = sorted(results, key=lambda r: (r.focus, r.path, r.message))
    rows = index_rows(search_parts, base)
    clock("search index")
    reused = sum(file.reused for file in files.values()) + cache.reused
    made = sum(file.made for file in files.values()) + cache.made
    return Written([out / name for name in files], ordered, keys, graphs, new_layout, reused, made, rows, spent)


class _Clock:
    """Adds the CPU time of this thread since its last call to `spent[part]` (build --timings)."""

    def __init__(self, spent: dict[str, float]):
        self.spent = spent
        self.last = time.thread_time()

    def __call__(self, part: str) -> None:
        now = time.thread_time()
        self.spent[part] = self.spent.get(part, 0.0) + now - self.last
        self.last = now


def _write_trig(dataset, names: dict, trig: PieceFile) -> dict[str, str]:
    """TriG, graph by graph; returns the digest of each graph's N-Quads text."""
    import pyoxigraph as ox

    graphs = {}
    for name in dataset.graphs:
        text = dataset.graph_nquads(name)
        key = graphs[name] = digest(text)

        if not trig.pieces:
            trig.write(prefix_lines(names, ox.RdfFormat.TRIG))
        trig.add(key, lambda text=text: _split_prefixes(ox.serialize(
            ox.parse(text, format=ox.RdfFormat.N_QUADS, lenient=True), format=ox.RdfFormat.TRIG,
            prefixes=names))[1])
    return graphs


def prefix_lines(names: dict, format) -> bytes:
    """The @prefix lines pyoxigraph's Turtle or TriG writer puts before any triple: every one of
    `names`, whatever the triples use (so a file written in pieces has them once, first)."""
    import pyoxigraph as ox

    node = ox.NamedNode("urn:x")
    one = ox.Quad(node, node, node, node) if format == ox.RdfFormat.TRIG else ox.Triple(node, node, node)
    return _split_prefixes(ox.serialize([one], format=format, prefixes=names))[0]


def _type_digest(piece: tuple[str, ...]) -> str:
    """A digest of a chunk's rdf:type triples: those of all chunks are the context of the shapes."""
    return digest("\n".join(line for line in piece if _TYPE in line))


class _TypeContext:
    """The rdf:type triples of the nodes some lines refer to, and the ontology graph: what a
    group of chunks is checked with. Looked up in the sorted union graph, where a node's type
    triples are together. (An index of every type triple by subject was no quicker: at ten
    million triples it took 13 s and 422 MiB to build, and the lookups 8.1 s against 8.3 s.)"""

    def __init__(self, dataset, base: str):
        self.union = dataset.triples
        self.ontology = dataset.graphs.get(f"<{base}graph/ontology>", ())

    def types_of(self, node: str) -> list[str]:
        prefix = node + _TYPE
        found = []
        for index in range(bisect.bisect_left(self.union, prefix), len(self.union)):
            if not self.union[index].startswith(prefix):
                break
            found.append(self.union[index])
        return found

    def context(self, lines: list[str]) -> list[str]:
        """The type triples of the IRIs `lines` refer to, and the ontology graph."""
        found: set[str] = set(self.ontology)
        seen: set[str] = set()
        for line in lines:
            start = line.index(" ", line.index(" ") + 1) + 1
            if line[start] == "<" and line[start:] not in seen:
                seen.add(line[start:])
                found.update(self.types_of(line[start:]))
        return sorted(found)


def _shape_results(groups, dataset, base: str, types: str, shape_text: str, cache: PieceCache) -> list[ShapeResult]:
    """The shape results of every group of chunks: kept in the cache under the group's chunks,
    all type triples (`types`, their digest) and the shapes; the rest checked."""
    import shacl_rust

    from graph.rdf.shacl import results_from_report

    ontology = "\n".join(dataset.graphs.get(f"<{base}graph/ontology>", ()))
    keys = [digest(*(key for _, key in group), types, ontology, shape_text) for group in groups]
    found: list[ShapeResult] = []
    missing = []
    for group, key in zip(groups, keys, strict=True):
        cached = cache.get("shacl", key)
        if cached is None:
            missing.append((group, key))
        else:
            found += [ShapeResult(*fields) for fields in json.loads(cached)]
    context = _TypeContext(dataset, base) if missing else None
    focus = _FocusShapes(shape_text, context.ontology) if missing else None
    for group, key in missing:
        lines = [line for piece, _ in group for line in piece]
        extra = context.context(lines)
        data = "".join(" .\n".join(piece) + " .\n" for piece, _ in group) + (
            " .\n".join(extra) + " .\n" if extra else "") + focus.markers(lines)
        report = shacl_rust.validate(data, focus.shapes, data_format="nt", shapes_format="nt",
                                     experimental_index=True)
        # Only the chunk's own subjects are focus nodes (they alone carry the markers); a
        # result about another node (a value checked by sh:node) is kept by its own group.
        own = {line[: line.index(" ")] for line in lines}
        report["results"] = [r for r in report["results"] if str(r.get("focusNode")) in own]
        made = results_from_report(report)
        cache.put("shacl", key, json.dumps([list(vars(r).values()) for r in made]).encode("utf-8"))
        found += made
    return found


class _FocusShapes:
    """The shapes with each sh:targetClass C replaced by a marker class of C, and the markers
    that make a group's own subjects, and no other node, their focus nodes.

    A subject gets the marker of C when it is an instance of C: typed C or a subclass of C
    (rdfs:subClassOf in the ontology graph, as a check of the whole graph reads it). Nothing
    else in the shapes looks at rdf:type but sh:class, which never names a marker, so every
    own subject is checked against the shapes it would be in a check of the whole graph, and
    the nodes of the context, typed only with their real classes, against none."""

    MARKER = "urn:policing-kg:focus:"
    _TARGET = "http://www.w3.org/ns/shacl#targetClass"
    _SUBCLASS = " <http://www.w3.org/2000/01/rdf-schema#subClassOf> "

    def __init__(self, shape_text: str, ontology):
        import pyoxigraph as ox

        triples, targets = [], set()
        for quad in ox.parse(shape_text, format=ox.RdfFormat.TURTLE):
            if quad.predicate.value == self._TARGET and isinstance(quad.object, ox.NamedNode):
                targets.add(f"<{quad.object.value}>")
                triples.append(ox.Triple(quad.subject, quad.predicate, ox.NamedNode(self.MARKER + quad.object.value)))
            else:
                triples.append(quad.triple)
        self.shapes = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        parents: dict[str, set[str]] = {}
        for line in ontology:
            subject, found, parent = line.partition(self._SUBCLASS)
            if found and parent.startswith("<"):
                parents.setdefault(subject, set()).add(parent)
        self._parents = parents
        self._targets = targets
        self._marks: dict[str, tuple[str, ...]] = {}

    def _marks_of(self, type_iri: str) -> tuple[str, ...]:
        """The markers of the target classes that `type_iri` is, or is a subclass of."""
        found = self._marks.get(type_iri)
        if found is None:
            seen, todo = {type_iri}, [type_iri]
            while todo:
                for parent in self._parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found = self._marks[type_iri] = tuple(sorted(f"<{self.MARKER}{c[1:-1]}>" for c in seen & self._targets))
        return found

    def markers(self, lines) -> str:
        """N-Triples giving the subjects of `lines` the markers of their types."""
        marked = set()
        for line in lines:
            subject = line[: line.index(" ")]
            if line.startswith(_TYPE, len(subject)):
                marked.update(f"{subject}{_TYPE}{mark}" for mark in self._marks_of(line[len(subject) + len(_TYPE):]))
        return "".join(f"{line} .\n" for line in sorted(marked))
