"""The pipeline as plain functions: load a data folder, validate it, build and export it.

    >>> import graph
    >>> kg = graph.load("data")              # read, check, convert to RDF (DataError if bad)
    >>> problems = graph.validate("data")    # every problem, nothing written
    >>> report = graph.build("data", "exports")

The CLI (graph.cli) is a thin layer over these.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from graph.data.corpus import Corpus, read_and_check
from graph.data.yamlfile import gc_paused
from graph.problems import DataError, Problem
from graph.rdf.exports import FORMATS, serialise
from graph.vocabulary import DEFAULT_BASE, ontology_dir

if TYPE_CHECKING:
    from graph.rdf.dataset import Dataset

BASE_ENV = "POLICING_KG_BASE"
CACHE_DIR = "cache"  # in the output folder: what the next build reuses (graph.cache)


def default_base() -> str:
    """The base IRI for minted ids: $POLICING_KG_BASE, or the project's w3id namespace."""
    base = os.environ.get(BASE_ENV, DEFAULT_BASE)
    return base if base.endswith(("/", "#")) else base + "/"


def _checked_base(base: str) -> str:
    """`base`, if ids appended to it make valid IRIs; else a DataError saying what to give."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(base + "force/x")
    except ValueError:
        raise DataError([Problem(f"--base / ${BASE_ENV}", 0, "the base IRI is not an absolute IRI", base,
                                 "Give an http(s) IRI ending in / or #, e.g. https://example.org/id/.")]) from None
    return base


@dataclass
class KnowledgeGraph:
    """A checked corpus and its RDF, ready to query, export or draw.

    The dataset is kept as sorted text (graph.rdf.dataset.Dataset); the pyoxigraph objects, the rdflib
    graph, the query store and the networkx graph are made from it when first asked for.
    """

    corpus: Corpus
    base: str
    dataset: Dataset
    warnings: list[Problem] = field(default_factory=list)

    @property
    def vocabulary(self):
        return self.corpus.vocabulary

    def serialise(self, fmt: str) -> bytes:
        """One file of the graph: an RDF format, or the network as GraphML or GEXF."""
        if fmt in ("graphml", "gexf"):
            return next(iter(self.network_files(fmt).values()))
        return serialise(self, fmt)

    def network_files(self, fmt: str) -> dict[str, bytes]:
        """The network for network tools: GraphML, GEXF, or nodes.csv and edges.csv (file name -> bytes)."""
        from graph.publish.network_formats import network_files

        return network_files(self.networkx(), fmt, self.vocabulary)

    @cached_property
    def quads(self) -> list:
        """Every quad as a pyoxigraph Quad, sorted by graph and then triple."""
        return list(self.dataset.parse_quads())

    def triples(self) -> list:
        """The union graph: each distinct triple once, sorted, as pyoxigraph Quads in the
        default graph (see Dataset.parse_triples)."""
        return self._triples

    @cached_property
    def _triples(self) -> list:
        return list(self.dataset.parse_triples())

    def rdflib(self):
        """The union graph as an rdflib Graph."""
        return self._rdflib

    @cached_property
    def _rdflib(self):
        from graph.rdf.exports import to_rdflib

        return to_rdflib(self.triples())

    def prefixes(self) -> dict[str, str]:
        """The prefixes every query has bound (`pol:`, `org:`, ..., `force:`, `unit:`, ...): pass
        them to the store's own query method, `kg.store().query(text, prefixes=kg.prefixes())`."""
        return self.vocabulary.prefixes_for(self.base)

    def store(self):
        """An in-memory pyoxigraph store holding the dataset: the named graphs, and their union
        (each distinct triple once) as the default graph, as in the persistent store."""
        return self._store

    @cached_property
    def _store(self):
        import pyoxigraph as ox

        from graph.rdf.store import fill_store

        store = ox.Store()
        fill_store(store, self.dataset)
        return store

    def networkx(self):
        from graph.publish.network import to_networkx

        return to_networkx(self.quads, self.vocabulary)

    def graph_names(self) -> set[str]:
        """The IRIs of the dataset's named graphs (one per source, the ontology, the themes)."""
        return set(self.dataset.graph_names)


def _no_progress(label: str) -> None:
    """The default progress callback: say nothing."""


# What `load` and `build` report to a progress callback, in order (the CLI draws a bar from it).
LOAD_STEPS = ("reading and checking the records", "building RDF", "validating against the shapes")
BUILD_STEPS = (*LOAD_STEPS, "serialising", "writing the exports", "writing the query store",
               "drawing the views", "writing the entity pages")


def record_origins(corpus: Corpus, base: str) -> dict[str, tuple[str, int, str]]:
    """IRI -> (file, line, label) of the record it was made from, for error messages."""
    from graph.rdf.dataset import claim_id, mention_id

    where: dict[str, tuple[str, int, str]] = {}
    for record in corpus.records.identified():
        label = getattr(record, "label", "") or getattr(record, "summary", "") or record.id
        where[base + record.id] = (record.origin.file, record.origin.line, label)
    for relation in corpus.records.relations:
        label = f"{relation.subject} {relation.predicate} {relation.object}"
        where[base + claim_id(relation)] = (relation.origin.file, relation.origin.line, label)
    for mention in corpus.records.mentions:
        where[base + mention_id(mention)] = (mention.origin.file, mention.origin.line, mention.entity)
    for source in corpus.sources.values():
        where[base + source.ref] = (source.origin.file, source.origin.line, source.title)
    return where


def _check_shapes(kg: KnowledgeGraph, validator: str = "shacl-rust") -> tuple[list[Problem], list[Problem]]:
    """(violations, warnings) of the SHACL shapes."""
    return _shape_problems(kg, _shacl_results(kg, validator))


def _shape_problems(kg: KnowledgeGraph, results) -> tuple[list[Problem], list[Problem]]:
    """(violations, warnings) of shape results, each at the file and line of its record."""
    from graph.rdf.shacl import results_as_problems

    if not results:
        return [], []
    corpus, base = kg.corpus, kg.base
    where = record_origins(corpus, base)
    violations = results_as_problems([r for r in results if r.severity == "Violation"], where)
    warnings = results_as_problems([r for r in results if r.severity != "Violation"], where)
    return violations, warnings


def load(data_dir: str | Path = "data", base: str | None = None, shapes: bool = True,
         progress=_no_progress, validator: str = "shacl-rust") -> KnowledgeGraph:
    """Read and check `data_dir` and turn it into RDF. Raises DataError listing every problem.

    `shapes=False` skips the SHACL validation (the record checks always run); `validator` is
    shacl-rust or pyshacl (graph.rdf.shacl); `progress` is called with the label of each step
    of LOAD_STEPS as it starts.
    """
    from graph.rdf.dataset import corpus_dataset

    base = _checked_base(base or default_base())
    with gc_paused():
        progress(LOAD_STEPS[0])
        corpus, problems = read_and_check(Path(data_dir))
        if problems:
            raise DataError(problems)
        progress(LOAD_STEPS[1])
        kg = KnowledgeGraph(corpus, base, corpus_dataset(corpus, base))
    if shapes:
        progress(LOAD_STEPS[2])
        violations, shape_warnings = _check_shapes(kg, validator)
        kg.warnings = corpus.warnings + shape_warnings
        if violations:
            raise DataError(violations)
    else:
        kg.warnings = list(corpus.warnings)
    return kg


def validate(data_dir: str | Path = "data", base: str | None = None, progress=_no_progress,
             validator: str = "shacl-rust") -> tuple[list[Problem], list[Problem]]:
    """Every problem (and warning) in `data_dir`, with nothing written."""
    try:
        kg = load(data_dir, base, progress=progress, validator=validator)
    except DataError as error:
        return error.problems, []
    return [], kg.warnings


@dataclass
class BuildReport:
    written: list[Path]
    triples: int
    quads: int
    seconds: float
    warnings: list[Problem]
    # (step, wall seconds, CPU seconds of the whole process) of each step of BUILD_STEPS, then
    # (part, CPU seconds of the thread writing the exports) of graph.rdf.partitions.write_rdf
    timings: list[tuple[str, float, float]] = field(default_factory=list)


class _StepClock:
    """A progress callback that also notes when each step starts (wall and process CPU time)."""

    def __init__(self, progress):
        self.progress = progress
        self.marks: list[tuple[str, float, float]] = []

    def __call__(self, label: str) -> None:
        self.marks.append((label, time.perf_counter(), time.process_time()))
        if label in BUILD_STEPS:
            self.progress(label)

    def steps(self) -> list[tuple[str, float, float]]:
        ends = [*self.marks[1:], ("", time.perf_counter(), time.process_time())]
        return [(label, end[1] - wall, end[2] - cpu) for (label, wall, cpu), end in zip(self.marks, ends, strict=True)]


def _old_gallery(folder: Path | None) -> bool:
    """Whether `folder` is the exports/views/ of builds before the gallery moved into the site:
    nothing but such pages (a build then leaves it out, so that no stale view stays beside the site)."""
    return folder is not None and folder.is_dir() and all(p.is_file() and p.suffix == ".html" for p in folder.iterdir())


def build(data_dir: str | Path = "data", out_dir: str | Path = "exports", base: str | None = None,
          progress=_no_progress, pages: bool = True, validator: str = "shacl-rust") -> BuildReport:
    """Check `data_dir` and write the graph to `out_dir`: every build format, the ontology's
    documentation, the persistent query store (store/) and, unless `pages` is false, the entity
    pages (site/) with the views gallery inside them (site/views/, sharing the site's assets).
    `progress` is called with each label of BUILD_STEPS.

    Nothing is written unless the data is free of problems, and the outputs are replaced as a
    set (graph.rdf.generation). What the previous build made of unchanged records files, chunks
    and graphs is reused (graph.cache, graph.rdf.partitions), with the same bytes as a clean build.
    """
    started = time.perf_counter()
    with gc_paused():
        return _build(data_dir, Path(out_dir), base, progress, pages, validator, started)


def _build(data_dir, out: Path, base, progress, pages: bool, validator: str, started: float) -> BuildReport:
    """The build of `build`: every output is written into a staged generation of `out`
    (graph.rdf.generation), reusing what the previous build made of unchanged input
    (graph.cache), and the generation replaces `out` in one step once all of it is written."""
    from concurrent.futures import ThreadPoolExecutor

    from graph.cache import PieceCache
    from graph.data.cache import RecordCache
    from graph.rdf.dataset import corpus_dataset
    from graph.rdf.generation import Generation
    from graph.rdf.partitions import read_layout_piece, write_rdf
    from graph.rdf.store import STORE_DIR, load_store, update_store, write_store_meta

    base = _checked_base(base or default_base())
    progress = _StepClock(progress)
    with Generation(out) as stage:
        previous = stage.previous
        pieces = PieceCache(stage.path / CACHE_DIR, previous / CACHE_DIR if previous is not None else None)
        cache = RecordCache(pieces)
        progress(LOAD_STEPS[0])
        corpus, problems = read_and_check(Path(data_dir), cache)
        if problems:
            raise DataError(problems)
        progress(LOAD_STEPS[1])
        kg = KnowledgeGraph(corpus, base, corpus_dataset(corpus, base, cache))
        if not pages:  # the records are not needed again, unless to say where a shape failed
            _release_records(corpus)
        progress(LOAD_STEPS[2])
        store_dir = stage.path / STORE_DIR
        meta = _previous_meta(previous, base)
        with ThreadPoolExecutor(max_workers=1) as pool:
            # A store that cannot be updated from the previous one is filled on a second core
            # while this thread writes the exports and checks the shapes (Oxigraph and
            # shacl-rust release the GIL); an update is quick, and needs the chunks' digests.
            loading = None if meta.get("chunks") else pool.submit(load_store, kg.dataset, base, store_dir)
            progress(BUILD_STEPS[3])
            shacl_rust = validator == "shacl-rust"
            written = write_rdf(kg.dataset, kg.vocabulary, base, stage.path, pieces, shapes=shacl_rust,
                                previous=previous, layout=meta.get("layout"))
            results = written.results if shacl_rust else _shacl_results(kg, validator)
            if results and not pages:  # read the records again (from the cache) to say where
                kg.corpus, _ = read_and_check(Path(data_dir), cache)
            violations, shape_warnings = _shape_problems(kg, results)
            kg.warnings = kg.corpus.warnings + shape_warnings
            if violations:
                raise DataError(violations)
            (stage.path / "ontology.html").write_bytes(
                ontology_documentation(previous / "ontology.html" if previous is not None else None))
            progress(BUILD_STEPS[4])
            graphs = None
            if loading is None:
                graphs = update_store(kg.dataset, store_dir, previous / STORE_DIR, meta, written,
                                      lambda key: read_layout_piece(previous, meta.get("layout"), "policing.nt", key),
                                      lambda key: read_layout_piece(stage.path, written.layout, "policing.nt", key))
            if graphs is None:
                graphs = (loading or pool.submit(load_store, kg.dataset, base, store_dir)).result()
        search_key = _write_search_index(written.search_rows, store_dir, previous, meta, pieces)
        write_store_meta(store_dir, Path(data_dir), base, kg.dataset, graphs, written.chunks,
                         search=search_key, layout=written.layout)
        progress(BUILD_STEPS[5])
        files = [*written.files, stage.path / "ontology.html", store_dir]
        if pages:
            from graph.publish.site.build import Site, write_site

            progress(BUILD_STEPS[6])
            site = Site(kg, kg.networkx())  # one conversion serves the gallery and the pages
            site.gallery()
            progress(BUILD_STEPS[7])
            files.append(write_site(site, stage.path / "site") / "views" / "index.html")
            files.append(stage.path / "site")
        # What this build does not write (the pages, with --no-pages) stays; exports/views/ of
        # builds before the gallery moved into the site goes, when it holds nothing but pages.
        progress("committing")
        stage.carry_over(skip={"views"} if pages and _old_gallery(previous / "views" if previous else None) else set())
        stage.commit()
    return BuildReport(
        written=[out / path.relative_to(stage.path) for path in files],
        triples=len(kg.dataset.triples),
        quads=kg.dataset.quad_count,
        seconds=time.perf_counter() - started,
        warnings=kg.warnings,
        timings=[*progress.steps(), *((f"  {part}", 0.0, cpu) for part, cpu in written.timings.items())],
    )


def _write_search_index(rows, store_dir: Path, previous: Path | None, meta: dict, pieces) -> str:
    """The entity search index (graph.rdf.search) beside the store: the previous build's, with
    only the rows that changed replaced, or a new one. Returns the key of its rows' digests in
    the cache (the store's metadata keeps it for the next build)."""
    import pickle

    from graph.cache import digest
    from graph.rdf.search import INDEX_FILE, row_digests, write_index_rows
    from graph.rdf.store import STORE_DIR

    before = old_index = None
    if previous is not None:
        key = meta.get("search")
        found = pieces.previous_piece("search-rows", key) if isinstance(key, str) and key.isalnum() else None
        if found is not None:
            before, old_index = dict(pickle.loads(found)), previous / STORE_DIR / INDEX_FILE
    digests = row_digests(rows)
    write_index_rows(rows, store_dir, old_index, before, digests)
    text = pickle.dumps(sorted(digests.items()), protocol=pickle.HIGHEST_PROTOCOL)
    key = digest(text)
    if not pieces.keep("search-rows", key):
        pieces.put("search-rows", key, text)
    return key


def _previous_meta(previous: Path | None, base: str) -> dict:
    """What the previous build recorded beside its store (graph.rdf.store.write_store_meta), if
    it was built with the same base; else {} (and nothing of it is reused)."""
    import json

    from graph.rdf.store import FINGERPRINT, STORE_DIR

    if previous is None:
        return {}
    try:
        meta = json.loads((previous / STORE_DIR / FINGERPRINT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) and meta.get("base") == base else {}


def _shacl_results(kg: KnowledgeGraph, validator: str):
    from graph.rdf.shacl import shacl_results

    return shacl_results(kg, validator)


def _release_records(corpus: Corpus) -> None:
    """Let the records go: at ten million triples they are a third of the build's memory."""
    from graph.data.records import Records

    corpus.records, corpus.matches, corpus.files = Records(), {}, []


EXPORT_FORMATS = (*FORMATS, "graphml", "gexf", "csv")  # RDF, then the network for network tools


def export(data_dir: str | Path = "data", fmt: str = "ttl", base: str | None = None) -> bytes:
    """The graph of `data_dir` in one file format (graph.rdf.exports.FORMATS, graphml or gexf)."""
    if fmt not in EXPORT_FORMATS or fmt == "csv":
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(f for f in EXPORT_FORMATS if f != 'csv')}"
                         + ("; csv is two tables: use export_files" if fmt == "csv" else ""))
    return load(data_dir, base).serialise(fmt)


def export_files(data_dir: str | Path = "data", fmt: str = "ttl", base: str | None = None) -> dict[str, bytes]:
    """The graph of `data_dir` as the files of one format: file name -> bytes (csv: nodes.csv and
    edges.csv, Gephi's spreadsheet import; the others one file, policing.<extension>)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    kg = load(data_dir, base)
    if fmt in FORMATS:
        return {f"policing.{FORMATS[fmt][0]}": kg.serialise(fmt)}
    return kg.network_files(fmt)


def open_graph(data_dir: str | Path, base: str | None = None, directory: Path | None = None):
    """A graph to query: the persistent store at `directory` when it is fresh (graph.rdf.store),
    otherwise `data_dir` loaded anew."""
    from graph.rdf.store import open_stored

    base = base or default_base()
    if directory is not None:
        stored = open_stored(Path(data_dir), base, directory)
        if stored is not None:
            return stored
    return load(data_dir, base, shapes=False)


def load_endpoint(url: str, base: str | None = None, timeout: float | None = None) -> KnowledgeGraph:
    """The graph a SPARQL endpoint holds (after `policing-kg push`), fetched over the SPARQL
    protocol graph by graph (graph.publish.remote), ready for the views and the statistics:
    the same KnowledgeGraph as `load` gives of the same data, without its records (the
    sources are read back from their triples). Raises QueryError if the endpoint fails."""
    from graph.data.records import Records
    from graph.publish.remote import fetch_dataset, sources_of
    from graph.vocabulary import load_vocabulary

    base = base or default_base()
    dataset = fetch_dataset(url, timeout)
    vocabulary = load_vocabulary()
    corpus = Corpus(Path(), vocabulary, sources_of(dataset, vocabulary, base), Records())
    return KnowledgeGraph(corpus, base, dataset)


def query(kg, sparql: str | None = None, bindings: dict | None = None, *, name: str | None = None,
          store: str = "oxigraph", timeout: float | None = None, max_rows: int | None = None):
    """Answer one SPARQL query over `kg`: a KnowledgeGraph, a stored graph, or a data folder to load.

    Give the query's text, or `name=` a catalogue query (`policing-kg queries` lists them), whose
    parameters take their defaults unless `bindings` sets them: {"force": "force:kent"}. The
    project's prefixes are bound, and the default graph is the union of the sources' graphs, each
    triple once. SELECT gives a list of dicts of plain Python values, ASK a bool, CONSTRUCT and
    DESCRIBE a list of {subject, predicate, object} dicts. A bound IRI that the graph never
    mentions gives a warning (warnings.warn) saying what it may have meant. Raises QueryError.
    """
    return _answer(kg, sparql, bindings, name, store, timeout, max_rows).plain()


def dataframe(kg, sparql: str | None = None, bindings: dict | None = None, *, name: str | None = None,
              store: str = "oxigraph", timeout: float | None = None, max_rows: int | None = None):
    """A SELECT query's answer (given as to `query`) as a pandas DataFrame, a column per variable.

    pandas is an optional extra: `pip install 'policing-kg[dataframe]'`."""
    try:
        import pandas
    except ImportError:
        raise ImportError("graph.dataframe needs pandas: pip install 'policing-kg[dataframe]' "
                          "(or use graph.query, whose rows are plain dicts)") from None
    from graph.problems import QueryError

    result = _answer(kg, sparql, bindings, name, store, timeout, max_rows)
    if result.form != "SELECT":
        raise QueryError("bad-request", f"a DataFrame holds a SELECT query's rows; this query is {result.form}")
    return pandas.DataFrame(result.records(), columns=result.variables)


def _answer(kg, sparql, bindings, name, store, timeout, max_rows):
    """The graph.sparql Result of a query given by text or catalogue name, warning of absent IRIs."""
    import warnings

    from graph.problems import QueryError
    from graph.sparql.engines import Engine

    if (sparql is None) == (name is None):
        raise QueryError("bad-request", "give the query's text or name= a catalogue query (one of them)")
    if name is not None:
        from graph.sparql.catalogue import get

        entry = get(name)
        sparql, bindings = entry.text, entry.bindings(bindings)
    if not hasattr(kg, "quads"):
        kg = open_graph(Path(kg))
    engine = Engine(kg, store)
    result = engine.run(sparql, bindings, timeout=timeout, max_rows=max_rows)
    for warning in engine.absent_iris(bindings):
        warnings.warn(warning, UserWarning, stacklevel=3)
    return result


def ontology_documentation(previous: Path | None = None) -> bytes:
    """HTML documentation of ontology/policing.ttl, generated by pyLODE.

    pyLODE's output depends on Python's string hashing, so it runs in a child process with a
    fixed PYTHONHASHSEED; and as it takes seconds, the page records the ontology's digest and is
    reused while the ontology is unchanged.
    """
    import hashlib
    import subprocess
    import sys

    source = ontology_dir() / "policing.ttl"
    marker = f"<!-- ontology sha256:{hashlib.sha256(source.read_bytes()).hexdigest()} -->\n".encode()
    if previous is not None and previous.is_file():
        existing = previous.read_bytes()
        if existing.startswith(marker):
            return existing
    program = (
        "import logging, sys\n"
        "logging.disable(logging.CRITICAL)\n"
        "from pylode import OntPub\n"
        "sys.stdout.buffer.write(OntPub(ontology=sys.argv[1]).make_html().encode('utf-8'))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-c", program, str(source)], capture_output=True, env=env, check=True)
    return marker + done.stdout
