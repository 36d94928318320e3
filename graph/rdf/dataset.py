"""From checked records to RDF quads.

Each source document gets a named graph holding every fact drawn from it; the ontology and
the theme scheme get graphs of their own. Every fact carries `prov:wasDerivedFrom` its source
and `pol:evidence` a Web Annotation that selects the quoted passage by text and position.
Relations between entities are asserted directly and also reified as `pol:Claim`s, so the
evidence for an edge can be found from the edge itself. All IRIs are minted from record ids:
no blank nodes, and the same records always give the same quads.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox

from graph.cache import digest, map_in_processes
from graph.data.corpus import Corpus
from graph.data.dates import FuzzyDate, PointDate
from graph.data.model import Evidence, Records
from graph.vocabulary import DCT, FOAF, OA, POL, PROV, RDF, RDF_TYPE, RDFS, SCHEMA, SKOS, XSD, XSD_STRING, ontology_dir

_POLARITY = {"strength": POL + "strength", "weakness": POL + "weakness", "observation": POL + "observation"}

# Quads are made as N-Triples text, not as pyoxigraph objects: text sorts with plain string
# comparison and loads straight into pyoxigraph's parsers, which made building, sorting and
# writing a million-triple dataset several times faster. Terms are written exactly as
# pyoxigraph writes them (a test pins this), and every IRI in them has been checked when the
# records were read, so the text always parses.
_ESCAPES = {
    **{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
    ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
    ord("\b"): "\\b", ord("\f"): "\\f",
}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def _n(iri: str) -> str:
    return f"<{iri}>"


def _lit(value, datatype: str | None = None, lang: str | None = None) -> str:
    value = str(value)
    if _NEEDS_ESCAPE.search(value):  # rare, and translate is slow: look first
        value = value.translate(_ESCAPES)
    text = f'"{value}"'
    if lang:
        return f"{text}@{lang.lower()}"
    if datatype and datatype != XSD_STRING:
        return f"{text}^^<{datatype}>"
    return text


def _date_lit(point: PointDate) -> str:
    return _lit(point.text, XSD + point.xsd_type)


class _Writer:
    """Collects the triples of one corpus as text, per named graph; knows the base IRI and
    the named graph in use."""

    def __init__(self, corpus: Corpus, base: str, entity_labels: dict[str, str] | None = None):
        self.corpus = corpus
        self.base = base
        self.graphs: dict[str, set[str]] = {}
        self.graph = _n(base + "graph/ontology")
        self.entity_labels = entity_labels if entity_labels is not None else {
            entity.id: entity.label for entity in corpus.records.entities}

    @property
    def graph(self) -> str:
        return self._graph

    @graph.setter
    def graph(self, name: str) -> None:
        self._graph = name
        self._triples = self.graphs.setdefault(name, set())

    def id(self, record_id: str) -> str:
        return f"<{self.base}{record_id}>"

    def source_graph(self, source_id: str) -> str:
        return f"<{self.base}graph/{source_id}>"

    def add(self, s: str, p: str, o: str) -> None:
        self._triples.add(f"{s} <{p}> {o}")

    def add_triple(self, triple: ox.Triple) -> None:
        self._triples.add(str(triple))

    def types(self, subject, class_iri: str) -> None:
        for iri in self.corpus.vocabulary.types_of(class_iri):
            self.add(subject, RDF_TYPE, _n(iri))

    def labels(self, subject, label: str, aliases=()) -> None:
        text = _lit(label, lang="en")
        self.add(subject, RDFS + "label", text)
        self.add(subject, SKOS + "prefLabel", text)
        for alias in aliases:
            if alias and alias != label:
                self.add(subject, SKOS + "altLabel", _lit(alias, lang="en"))

    def fuzzy_date(self, subject, date: FuzzyDate, predicate: str = DCT + "date") -> None:
        if date.point:
            self.add(subject, predicate, _date_lit(date.point))
        if date.earliest:
            self.add(subject, POL + "earliestDate", _date_lit(date.earliest))
        if date.latest:
            self.add(subject, POL + "latestDate", _date_lit(date.latest))

    def evidence(self, fact, evidence: Evidence) -> None:
        """Tie `fact` to its source and to an annotation of the quoted passage."""
        self.graph = self.source_graph(evidence.source)
        match = self.corpus.matches[(evidence.source, evidence.quote)]
        source = self.id(f"source/{evidence.source}")
        annotation_iri = f"{self.base}evidence/{evidence.source}/{match.start}-{match.end}"
        annotation, target = _n(annotation_iri), _n(annotation_iri + "#target")
        quote, position = _n(annotation_iri + "#quote"), _n(annotation_iri + "#position")
        add = self.add
        add(fact, PROV + "wasDerivedFrom", source)
        add(fact, POL + "evidence", annotation)
        add(annotation, RDF_TYPE, _n(POL + "Evidence"))
        add(annotation, RDF_TYPE, _n(OA + "Annotation"))
        if self.corpus.sources[evidence.source].is_curators_note:
            # what the curators state, not what a document says: typed apart, and commenting
            add(annotation, RDF_TYPE, _n(POL + "CuratorAssertion"))
            add(annotation, OA + "motivatedBy", _n(OA + "commenting"))
        else:
            add(annotation, OA + "motivatedBy", _n(OA + "describing"))
        add(annotation, OA + "hasBody", fact)
        add(annotation, OA + "hasTarget", target)
        add(target, RDF_TYPE, _n(OA + "SpecificResource"))
        add(target, OA + "hasSource", source)
        add(target, OA + "hasSelector", quote)
        add(quote, RDF_TYPE, _n(OA + "TextQuoteSelector"))
        add(quote, OA + "exact", _lit(match.exact))
        add(quote, OA + "prefix", _lit(match.prefix))
        add(quote, OA + "suffix", _lit(match.suffix))
        add(target, OA + "hasSelector", position)
        add(position, RDF_TYPE, _n(OA + "TextPositionSelector"))
        add(position, OA + "start", _lit(match.start, XSD + "nonNegativeInteger"))
        add(position, OA + "end", _lit(match.end, XSD + "nonNegativeInteger"))

    def themes(self, subject, themes) -> None:
        for theme in themes:
            self.add(subject, POL + "theme", self.id(theme))


@dataclass(frozen=True, eq=False)
class Dataset:
    """The dataset as text: for each named graph (its IRI in N-Triples syntax), its triples in
    N-Triples syntax, sorted, so that every serialisation made from it is byte-for-byte stable.

    pyoxigraph parses the text wherever objects are needed (`parse_quads`, `parse_triples`);
    `nquads` and `ntriples` (the union graph: each distinct triple once) load straight into
    stores and validators.
    """

    graphs: dict[str, tuple[str, ...]]

    @classmethod
    def from_sets(cls, graphs: dict[str, set[str]]) -> Dataset:
        return cls({name: tuple(sorted(triples)) for name, triples in sorted(graphs.items()) if triples})

    @classmethod
    def from_quads(cls, quads) -> Dataset:
        """The dataset of pyoxigraph Quads (in any order, duplicates dropped)."""
        graphs: dict[str, set[str]] = {}
        for q in quads:
            graphs.setdefault(str(q.graph_name), set()).add(str(q.triple))
        return cls.from_sets(graphs)

    @classmethod
    def from_runs(cls, runs: list[dict[str, tuple[str, ...]]]) -> Dataset:
        """The dataset of several runs, each a graph -> sorted triples mapping (duplicates
        across runs dropped)."""
        by_graph: dict[str, list[tuple[str, ...]]] = {}
        for run in runs:
            for name, triples in run.items():
                by_graph.setdefault(name, []).append(triples)
        graphs = {}
        for name in sorted(by_graph):
            parts = by_graph[name]
            graphs[name] = parts[0] if len(parts) == 1 else _sorted_unique(parts)
        return cls(graphs)

    @cached_property
    def triples(self) -> tuple[str, ...]:
        """The union graph's triples."""
        # Each graph's triples are sorted already, and Python's sort merges sorted runs: twice
        # as fast as sorting a set. A duplicate is then next to its twin: keeping each line that
        # differs from the next drops them without hashing a line (0.08 s at a million triples,
        # dict.fromkeys 0.6 s).
        return _sorted_unique(self.graphs.values())

    @property
    def quad_count(self) -> int:
        return sum(len(triples) for triples in self.graphs.values())

    @property
    def graph_names(self) -> tuple[str, ...]:
        """The IRIs of the named graphs, in order."""
        return tuple(name[1:-1] for name in self.graphs)

    def graph_nquads(self, name: str) -> bytes:
        """One named graph (`name` as "<iri>") as N-Quads text."""
        end = f" {name} .\n"
        return (end.join(self.graphs[name]) + end).encode("utf-8")

    @cached_property
    def nquads(self) -> bytes:
        return b"".join(self.graph_nquads(name) for name in self.graphs)

    @cached_property
    def ntriples(self) -> bytes:
        return (" .\n".join(self.triples) + " .\n").encode("utf-8") if self.triples else b""

    # The text is valid by construction (see _ESCAPES; ids, URLs and the base IRI are checked
    # when read), so pyoxigraph may skip re-checking IRIs, which makes parsing a million quads
    # 40% faster. tests/test_rdf.py parses the text strictly.

    def parse_quads(self) -> Iterator[ox.Quad]:
        """The quads as pyoxigraph objects, one at a time."""
        return ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS, lenient=True)

    def parse_triples(self) -> Iterator[ox.Quad]:
        """The union graph's triples as pyoxigraph Quads in the default graph, one at a time.

        They are not converted to Triples, which would take another second per million: every
        pyoxigraph writer of triples accepts them, and they have the same subject, predicate
        and object."""
        return ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)


def _sorted_unique(runs) -> tuple[str, ...]:
    """The lines of sorted `runs`, merged, each once."""
    merged = sorted(itertools.chain.from_iterable(runs))
    differs = map(operator.ne, merged, itertools.islice(merged, 1, None))
    return tuple(itertools.compress(merged, itertools.chain(differs, (True,))))


def corpus_dataset(corpus: Corpus, base: str, cache=None) -> Dataset:
    """Every quad of the corpus's dataset.

    With a `cache` (graph.data.cache.RecordCache) and a corpus read through it, the triples
    of each records file are kept under a digest of everything they are made from (the file,
    the texts of the sources it cites, the labels of the areas its judgements name, the base,
    the program and the ontology) and taken from there while that is unchanged. Only the
    ontology, the theme scheme and the sources are made afresh each time: they are small.
    """
    w = _Writer(corpus, base)
    _ontology(w)
    _theme_scheme(w)
    _sources(w)
    if cache is None or not corpus.files:
        _record_triples(w, corpus.records)
        return Dataset.from_sets(w.graphs)
    keys = [digest(cache.code, base, cache.evidence_key(corpus, file)) for file in corpus.files]
    found = [cache.pieces.get("triples", key) for key in keys]
    # The files whose triples are not in the cache are converted on every core.
    missing = [index for index, text in enumerate(found) if text is None]
    made = map_in_processes(_FileTriples(corpus, base, w.entity_labels), [corpus.files[i] for i in missing])
    for index, text in zip(missing, made, strict=True):
        found[index] = cache.pieces.put("triples", keys[index], text)
    return Dataset.from_runs([_sorted_run(w.graphs), *(marshal.loads(text) for text in found)])


class _FileTriples:
    """The triples of one records file, as a marshalled graph -> sorted triples mapping."""

    def __init__(self, corpus: Corpus, base: str, entity_labels: dict[str, str]):
        self.corpus, self.base, self.entity_labels = corpus, base, entity_labels

    def __call__(self, file) -> bytes:
        one = _Writer(self.corpus, self.base, self.entity_labels)
        _record_triples(one, file.records)
        return marshal.dumps(_sorted_run(one.graphs))


def _sorted_run(graphs: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(sorted(triples)) for name, triples in graphs.items() if triples}


def _record_triples(w: _Writer, records: Records) -> None:
    _themes(w, records)
    _entities(w, records)
    _relations(w, records)
    _judgements(w, records)
    _findings(w, records)
    _recommendations(w, records)
    _statistics(w, records)
    _quotations(w, records)


def _ontology(w: _Writer) -> None:
    w.graph = _n(w.base + "graph/ontology")
    for quad in ox.parse(path=str(ontology_dir() / "policing.ttl"), format=ox.RdfFormat.TURTLE):
        w.add_triple(quad.triple)


def _theme_scheme(w: _Writer) -> None:
    w.graph = _n(w.base + "graph/themes")
    scheme = w.id("theme")
    w.add(scheme, RDF_TYPE, _n(SKOS + "ConceptScheme"))
    w.labels(scheme, "Policing themes")


def _themes(w: _Writer, records: Records) -> None:
    w.graph = _n(w.base + "graph/themes")
    scheme = w.id("theme")
    for theme in records.themes:
        node = w.id(theme.id)
        w.types(node, POL + "Theme")
        w.add(node, RDF_TYPE, _n(SKOS + "Concept"))
        w.labels(node, theme.label, theme.aliases)
        w.add(node, SKOS + "inScheme", scheme)
        w.add(scheme, SKOS + "hasTopConcept", node)


def _sources(w: _Writer) -> None:
    for source in w.corpus.sources.values():
        w.graph = w.source_graph(source.id)
        node = w.id(source.ref)
        w.types(node, POL + source.kind)
        w.types(node, POL + "SourceDocument")
        w.labels(node, source.title)
        w.add(node, DCT + "title", _lit(source.title, lang="en"))
        w.add(node, DCT + "identifier", _lit(source.id))
        w.add(node, DCT + "publisher", w.id(source.publisher))
        w.add(node, POL + "fileName", _lit(source.file))
        w.fuzzy_date(node, source.date, DCT + "issued")
        if source.date.unknown:
            w.add(node, POL + "dateUnknown", _lit("true", XSD + "boolean"))
        for predicate, value in (
            (POL + "dateBasis", source.date_basis),
            (DCT + "rights", source.licence),
            (RDFS + "comment", source.note),
        ):
            if value:
                w.add(node, predicate, _lit(value, lang="en"))
        if source.url:
            w.add(node, FOAF + "page", _n(source.url))
        w.add(node, w.corpus.vocabulary.iri("dcterms:extent"), _lit(len(source.text), XSD + "nonNegativeInteger"))


def _entities(w: _Writer, records: Records) -> None:
    types = w.corpus.vocabulary.record_types
    for entity in records.entities:
        node = w.id(entity.id)
        w.evidence(node, entity.evidence)
        w.types(node, types[entity.type].iri)
        w.labels(node, entity.label, entity.aliases)
        if entity.type == "Person":
            w.add(node, FOAF + "name", _lit(entity.label))
        if entity.description:
            w.add(node, DCT + "description", _lit(entity.description, lang="en"))
        w.fuzzy_date(node, entity.date)
        for scheme, value in sorted(entity.identifiers.items()):
            predicate = {"police_uk": POL + "policeUkId", "ons_pfa": POL + "onsPfaCode"}.get(scheme, DCT + "identifier")
            w.add(node, predicate, _lit(value))
        if entity.category:
            w.add(node, POL + "category", _lit(entity.category))
        if entity.parent_unstated:
            w.add(node, POL + "parentUnstated", _lit("true", XSD + "boolean"))
        w.add(w.id(f"source/{entity.evidence.source}"), POL + "mentions", node)
    for mention in records.mentions:
        node = w.id(mention.entity)
        annotation_owner = w.id(mention_id(mention))
        w.evidence(annotation_owner, mention.evidence)
        w.add(annotation_owner, RDF_TYPE, _n(POL + "Mention"))
        w.add(annotation_owner, DCT + "subject", node)
        w.add(w.id(f"source/{mention.evidence.source}"), POL + "mentions", node)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def claim_id(relation) -> str:
    """The id of the claim node that reifies a relation record."""
    return "claim/" + _digest(
        relation.subject, relation.predicate, relation.object, relation.evidence.source, relation.evidence.quote
    )


def mention_id(mention) -> str:
    return "mention/" + _digest(mention.entity, mention.evidence.source, mention.evidence.quote)


def _relations(w: _Writer, records: Records) -> None:
    relations = w.corpus.vocabulary.relations
    for relation in records.relations:
        subject, predicate, obj = w.id(relation.subject), relations[relation.predicate], w.id(relation.object)
        claim = w.id(claim_id(relation))
        w.evidence(claim, relation.evidence)
        w.add(subject, predicate, obj)
        w.add(claim, RDF_TYPE, _n(POL + "Claim"))
        w.add(claim, RDF_TYPE, _n(RDF + "Statement"))
        w.add(claim, RDF + "subject", subject)
        w.add(claim, RDF + "predicate", _n(predicate))
        w.add(claim, RDF + "object", obj)


def _judgements(w: _Writer, records: Records) -> None:
    grades = w.corpus.vocabulary.grades
    for j in records.judgements:
        node = w.id(j.id)
        w.evidence(node, j.evidence)
        w.types(node, POL + "Judgement")
        area_label = w.entity_labels.get(j.area, j.area)
        w.labels(node, f"{j.grade.split('/')[1].replace('-', ' ')}: {area_label}")
        w.add(node, POL + "judgementOf", w.id(j.subject))
        w.add(node, POL + "inspection", w.id(j.inspection))
        w.add(node, POL + "assessedArea", w.id(j.area))
        w.add(node, POL + "grade", _n(grades[j.grade]))
        w.themes(node, j.themes)


def _findings(w: _Writer, records: Records) -> None:
    for f in records.findings:
        node = w.id(f.id)
        w.evidence(node, f.evidence)
        w.types(node, POL + "Finding")
        w.labels(node, f.summary)
        w.add(node, DCT + "description", _lit(f.summary, lang="en"))
        w.add(node, POL + "findingAbout", w.id(f.subject))
        w.add(node, POL + "polarity", _n(_POLARITY[f.polarity]))
        if f.inspection:
            w.add(node, POL + "inspection", w.id(f.inspection))
        if f.area:
            w.add(node, POL + "assessedArea", w.id(f.area))
        for concern in f.concerns:
            w.add(node, POL + "concerns", w.id(concern))
        w.themes(node, f.themes)


# The class of each kind of `recommendations` record (graph.data.model.RECOMMENDATION_KINDS).
_RECOMMENDATION_CLASSES = {"recommendation": "Recommendation", "area-for-improvement": "AreaForImprovement",
                           "cause-of-concern": "CauseOfConcern"}


def _recommendations(w: _Writer, records: Records) -> None:
    for r in records.all_recommendations():
        node = w.id(r.id)
        w.evidence(node, r.evidence)
        w.types(node, POL + _RECOMMENDATION_CLASSES.get(r.kind, "Recommendation"))
        w.labels(node, r.summary)
        w.add(node, DCT + "description", _lit(r.summary, lang="en"))
        w.add(node, POL + "addressee", w.id(r.addressee))
        w.add(node, POL + "inspection", w.id(r.inspection))
        if r.area:
            w.add(node, POL + "assessedArea", w.id(r.area))
        if r.deadline:
            w.add(node, POL + "deadlineText", _lit(r.deadline.text, lang="en"))
            if r.deadline.relative:
                w.add(node, POL + "deadlineDuration", _lit(r.deadline.relative, XSD + "duration"))
            if r.deadline.absolute:
                w.add(node, POL + "deadlineDate", _date_lit(r.deadline.absolute))
        for item in r.items:
            w.graph = w.source_graph(r.evidence.source)
            w.add(node, DCT + "hasPart", w.id(item.id))
        w.themes(node, r.themes)


def _statistics(w: _Writer, records: Records) -> None:
    units = w.corpus.vocabulary.units
    for s in records.statistics:
        node = w.id(s.id)
        w.evidence(node, s.evidence)
        w.types(node, POL + "Statistic")
        w.labels(node, s.label)
        w.add(node, POL + "value", _lit(_decimal(s.value), XSD + "decimal"))
        w.add(node, POL + "unit", _n(units[s.unit]))
        w.add(node, POL + "refArea", w.id(s.area))
        if s.margin is not None:
            w.add(node, POL + "marginOfError", _lit(_decimal(s.margin), XSD + "decimal"))
        if s.period:
            w.add(node, POL + "periodLabel", _lit(s.period.label, lang="en"))
            if s.period.start:
                w.add(node, POL + "periodStart", _date_lit(s.period.start))
            if s.period.end:
                w.add(node, POL + "periodEnd", _date_lit(s.period.end))
        if s.higher_is_better is not None:
            w.add(node, POL + "higherIsBetter", _lit(str(s.higher_is_better).lower(), XSD + "boolean"))
        if s.comparator:
            w.add(node, POL + "comparator", w.id(s.comparator))
        if s.comparison:
            w.add(node, POL + "statedComparison", _n(POL + _STATED_COMPARISON[s.comparison.stated]))
            w.add(node, POL + "comparisonText", _lit(s.comparison.text, lang="en"))
        w.themes(node, s.themes)


# The concepts of pol:StatedComparisons (ontology/policing.ttl) for the record values.
_STATED_COMPARISON = {"in-line": "statedInLine", "better": "statedBetter", "worse": "statedWorse",
                      "higher": "statedHigher", "lower": "statedLower"}


def _decimal(value) -> str:
    text = format(value, "f")
    return text if "." in text else text + ".0"


def _quotations(w: _Writer, records: Records) -> None:
    for q in records.quotations:
        node = w.id(q.id)
        w.evidence(node, q.evidence)
        w.types(node, POL + "Quotation")
        match = w.corpus.matches[(q.evidence.source, q.evidence.quote)]
        text = " ".join(match.exact.split())
        w.labels(node, text if len(text) <= 80 else text[:77] + "...")
        w.add(node, SCHEMA + "text", _lit(q.evidence.quote, lang="en"))
        w.add(node, PROV + "wasAttributedTo", w.id(q.speaker))
        if q.post:
            w.add(node, POL + "speakerPost", w.id(q.post))
        w.themes(node, q.themes)


# Sort keys for pyoxigraph objects, the same order as a Dataset's: a triple's N-Triples text,
# which keeps each subject's triples, and within them each predicate's, together; quads are
# ordered by graph first, so TriG writes each graph once.
triple_key = str


def quad_key(q: ox.Quad) -> tuple[str, str]:
    return (str(q.graph_name), str(q.triple))
