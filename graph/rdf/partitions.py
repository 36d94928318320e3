"""Writing the dataset out piece by piece, each piece cached and reused while its input is unchanged.

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
(for rdfs:subClassOf), and only results about its own subjects are kept. That is all the shapes
look at beyond a focus node's own triples -- sh:class on the values, and sh:node on an
evidence's target, whose IRI extends the evidence's (`...#target`, `...#quote`): no chunk
boundary falls inside an evidence node's IRIs, so they stay in one chunk.

Each piece is kept in the cache under a digest of its text (for the shapes, also of every
rdf:type triple and of the shapes themselves), so a rebuild re-serialises and re-checks only
the chunks and graphs whose text changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
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
    reused: int
    made: int
    search_rows: list  # the rows of the entity search index (graph.rdf.search.index_rows)


def write_rdf(dataset, vocabulary, base: str, out: Path, cache: PieceCache, shapes: bool = True) -> Written:
    """Write policing.nt, .ttl, .jsonld and .trig of `dataset` into `out`, and check the shapes.

    Pieces whose text is in `cache` are taken from it; the rest are made and put there.
    """
    import pyoxigraph as ox

    from graph.rdf.exports import prefixes, project_context
    from graph.rdf.jsonld import jsonld_head, jsonld_node_lines
    from graph.rdf.search import chunk_entries, index_rows

    names = prefixes(vocabulary, base)
    context = project_context(base)
    triples = dataset.triples
    shape_text = (ontology_dir() / "shapes.ttl").read_text(encoding="utf-8") if shapes else ""
    type_index = _TypeIndex(dataset, base) if shapes else None
    results: set[ShapeResult] = set()
    pieces = list(chunks(triples, base))
    head_ttl = b""
    json_lines: list[bytes] = []
    group: list[tuple[tuple[str, ...], bytes, str]] = []  # the chunks of the shape group in hand
    keys: list[str] = []
    search_parts = []
    with open(out / "policing.nt", "wb") as nt, open(out / "policing.ttl", "wb") as ttl:
        for piece, starts_group in pieces:
            if shapes and starts_group and group:
                results.update(_group_results(group, type_index, shape_text, cache))
                group = []
            text = (" .\n".join(piece) + " .\n").encode("utf-8")
            key = digest(text)
            nt.write(text)
            keys.append(key)
            if not cache.keep("nt", key):  # the store's next update takes the old chunk out
                cache.put("nt", key, text)
            body = cache.get("ttl", key)
            if body is None:
                written = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True),
                                       format=ox.RdfFormat.TURTLE, prefixes=names)
                head, body = _split_prefixes(written)
                cache.put("ttl", key, body)
                cache.put("ttl-head", "", head)
            if not head_ttl:
                head_ttl = cache.get("ttl-head", "") or b""
                ttl.write(head_ttl)
            ttl.write(body)
            lines = cache.get("jsonld", key)
            if lines is None:
                lines = cache.put("jsonld", key, ",\n".join(jsonld_node_lines(
                    ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True), context)).encode("utf-8"))
            json_lines.append(lines)
            entries = cache.get("search", key)
            search_parts.append(pickle.loads(entries) if entries is not None else chunk_entries(piece, base))
            if entries is None:
                cache.put("search", key, pickle.dumps(search_parts[-1], protocol=pickle.HIGHEST_PROTOCOL))
            if shapes:
                group.append((piece, text, key))
    if shapes and group:
        results.update(_group_results(group, type_index, shape_text, cache))
    with open(out / "policing.jsonld", "wb") as jsonld:
        jsonld.write(jsonld_head(context).encode("utf-8"))
        jsonld.write(b",\n".join(line for line in json_lines if line))
        jsonld.write(b"\n]}\n" if triples else b"]}\n")
    json_lines.clear()
    _write_trig(dataset, names, out / "policing.trig", cache)
    files = [out / f"policing.{ext}" for ext in ("nt", "ttl", "jsonld", "trig")]
    ordered = sorted(results, key=lambda r: (r.focus, r.path, r.message))
    return Written(files, ordered, keys, cache.reused, cache.made, index_rows(search_parts, base))


def _write_trig(dataset, names: dict, path: Path, cache: PieceCache) -> None:
    import pyoxigraph as ox

    head_written = False
    with open(path, "wb") as trig:
        for name, triples in dataset.graphs.items():
            end = f" {name} .\n"
            text = (end.join(triples) + end).encode("utf-8")
            key = digest(text)
            body = cache.get("trig", key)
            if body is None:
                written = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_QUADS, lenient=True),
                                       format=ox.RdfFormat.TRIG, prefixes=names)
                head, body = _split_prefixes(written)
                cache.put("trig", key, body)
                cache.put("trig-head", "", head)
            if not head_written:
                trig.write(cache.get("trig-head", "") or b"")
                head_written = True
            trig.write(body)


class _TypeIndex:
    """The rdf:type triples of the union graph by subject, the ontology graph's triples, and a
    digest of both: the context every chunk is checked in."""

    def __init__(self, dataset, base: str):
        by_subject: dict[str, list[str]] = {}
        for line in dataset.triples:
            if _TYPE in line:
                subject = line[: line.index(" ")]
                by_subject.setdefault(subject, []).append(line)
        self.by_subject = by_subject
        self.ontology = dataset.graphs.get(f"<{base}graph/ontology>", ())
        digest = hashlib.sha1()
        for lines in by_subject.values():
            digest.update("\n".join(lines).encode())
        digest.update("\n".join(self.ontology).encode())
        self.digest = digest.hexdigest()

    def context(self, piece: tuple[str, ...]) -> list[str]:
        """The type triples of the IRIs `piece` refers to, and the ontology graph."""
        lines: set[str] = set(self.ontology)
        by_subject = self.by_subject
        for line in piece:
            start = line.index(" ", line.index(" ") + 1) + 1
            if line[start] == "<":
                lines.update(by_subject.get(line[start:], ()))
        return sorted(lines)


def _group_results(group, types: _TypeIndex, shape_text: str, cache: PieceCache) -> list[ShapeResult]:
    """The shape results about the subjects of a group of chunks."""
    import shacl_rust

    from graph.rdf.shacl import results_from_report

    results_key = digest(*(key for _, _, key in group), types.digest, shape_text)
    cached = cache.get("shacl", results_key)
    if cached is not None:
        return [ShapeResult(*fields) for fields in json.loads(cached)]
    lines = [line for piece, _, _ in group for line in piece]
    context = types.context(lines)
    data = b"".join(text for _, text, _ in group).decode("utf-8") + (" .\n".join(context) + " .\n" if context else "")
    report = shacl_rust.validate(data, shape_text, data_format="nt", shapes_format="turtle",
                                 experimental_index=True)
    # Results about the context's nodes are dropped before they are converted: there are many
    # (they are checked without their own triples), and they are checked in their own chunk.
    own = {line[: line.index(" ")] for line in lines}
    report["results"] = [r for r in report["results"] if str(r.get("focusNode")) in own]
    found = results_from_report(report)
    cache.put("shacl", results_key, json.dumps([list(vars(r).values()) for r in found]).encode("utf-8"))
    return found
