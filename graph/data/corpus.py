"""Checks across the whole corpus: ids, references, vocabulary and evidence.

`read_and_check` reads a data folder and returns every problem at once, each naming the record's
file and line, so a curator can fix a whole batch in one pass. A corpus with no problems is ready for RDF.
"""

from __future__ import annotations

import difflib
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.cache import PARALLEL_FROM
from graph.data.evidence import Match, SourceText, closest_passage
from graph.data.records import Records, load_records
from graph.data.sources import Source, load_sources
from graph.problems import Problem
from graph.vocabulary import Vocabulary, load_vocabulary


@dataclass
class Corpus:
    """Sources, records and the located evidence of one data folder."""

    data_dir: Path
    vocabulary: Vocabulary
    sources: dict[str, Source]
    records: Records
    matches: dict[tuple[str, str], Match] = field(default_factory=dict)  # (source id, quote) -> passage
    kinds: dict[str, str] = field(default_factory=dict)  # id -> record type or section name
    warnings: list[Problem] = field(default_factory=list)  # what may be wrong, reported but not refused
    files: list = field(default_factory=list)  # graph.data.cache.RecordFile of each records file, when cached


def read_and_check(data_dir: Path, cache=None) -> tuple[Corpus, list[Problem]]:
    """Read and check a data folder; the corpus is usable only when no problem is returned.

    With a `cache` (graph.data.cache.RecordCache), files and quotes that an earlier build read
    are not read again; the checks across files run over the whole corpus all the same."""
    vocabulary = load_vocabulary()
    sources, problems = load_sources(data_dir)
    if cache is None:
        records, record_problems = load_records(data_dir)
        files = []
    else:
        records, record_problems, files = cache.load_records(data_dir)
    problems += record_problems
    corpus = Corpus(data_dir, vocabulary, sources, records, files=files)
    problems += _check_ids(corpus)
    problems += _check_references(corpus)
    if cache is not None:
        corpus.matches.update(cache.known_matches(corpus, files))
    problems += _locate_evidence(corpus)
    grade_problems, corpus.warnings = _check_grades_stated(corpus)
    problems += grade_problems
    if cache is not None and not problems:
        cache.keep_matches(corpus, files)
    return corpus, problems


def _suggest(value: str, options) -> str:
    close = difflib.get_close_matches(value, list(options), n=3)
    return f"Did you mean {', '.join(close)}?" if close else ""


def _check_ids(corpus: Corpus, defined_before: dict[str, object] | None = None) -> list[Problem]:
    """Ids defined once, with known types and prefixes. `defined_before`: records (by id) that
    an id of these records must not take again, such as the curated ones when checking a draft."""
    problems: list[Problem] = []
    first_seen: dict[str, object] = dict(defined_before or {})
    types = corpus.vocabulary.record_types
    for source in corpus.sources.values():
        corpus.kinds[source.ref] = "SourceDocument"
    for record in corpus.records.identified():
        origin = record.origin
        if record.id in first_seen or record.id in corpus.kinds:
            earlier = first_seen.get(record.id)
            where = f" (first defined at {earlier.origin.file}:{earlier.origin.line})" if earlier else ""
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    "duplicate id" + where,
                    record.id,
                    "Each id is defined once; refer to it elsewhere, or record a `mentions` entry.",
                )
            )
            continue
        first_seen[record.id] = record
        kind = getattr(record, "type", None) or type(record).__name__
        if hasattr(record, "type"):
            if record.type not in types:
                problems.append(
                    Problem(
                        origin.file,
                        origin.line,
                        "unknown entity type",
                        record.type,
                        _suggest(record.type, types) or "See the type table in data/README.md.",
                    )
                )
            elif types[record.type].id_prefix and not record.id.startswith(types[record.type].id_prefix):
                problems.append(
                    Problem(
                        origin.file,
                        origin.line,
                        f"a {record.type} id starts `{types[record.type].id_prefix}`",
                        record.id,
                    )
                )
        corpus.kinds[record.id] = kind
    return problems


def _check_references(corpus: Corpus, sources: bool = True) -> list[Problem]:
    """Every id a record names resolves, to a record of an allowed type (`sources`: check the
    sources' publishers too; a draft's check leaves them to the curated data's)."""
    problems: list[Problem] = []
    kinds = corpus.kinds
    vocab = corpus.vocabulary
    records = corpus.records

    def ref(value: str, origin, role: str, allowed: tuple[str, ...] = (), optional: bool = False) -> None:
        if not value:
            if not optional:
                problems.append(Problem(origin.file, origin.line, f"missing {role}"))
            return
        if value not in kinds:
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    f"{role} refers to an unknown id",
                    value,
                    _suggest(value, kinds) or "Define it under `entities:` first.",
                )
            )
        elif allowed and kinds[value] not in allowed:
            problems.append(
                Problem(
                    origin.file, origin.line, f"{role} must be a {' or '.join(allowed)}, not a {kinds[value]}", value
                )
            )

    for source in corpus.sources.values() if sources else ():
        ref(source.publisher, source.origin, "publisher")
    for mention in records.mentions:
        ref(mention.entity, mention.origin, "mentioned entity")
    for relation in records.relations:
        ref(relation.subject, relation.origin, "relation subject")
        ref(relation.object, relation.origin, "relation object")
        if relation.predicate not in vocab.relations:
            problems.append(
                Problem(
                    relation.origin.file,
                    relation.origin.line,
                    "unknown predicate",
                    relation.predicate,
                    _suggest(relation.predicate, vocab.relations) or "See the predicate table in data/README.md.",
                )
            )
    for j in records.judgements:
        ref(j.subject, j.origin, "judgement subject")
        ref(j.inspection, j.origin, "inspection", ("Inspection",))
        ref(j.area, j.origin, "area", ("AssessedArea",))
        if j.grade not in vocab.grades:
            problems.append(
                Problem(
                    j.origin.file,
                    j.origin.line,
                    "unknown grade",
                    j.grade,
                    _suggest(j.grade, vocab.grades) or "Grades: " + ", ".join(vocab.grades),
                )
            )
    for f in records.findings:
        ref(f.subject, f.origin, "finding subject")
        ref(f.inspection, f.origin, "inspection", ("Inspection",), optional=True)
        ref(f.area, f.origin, "area", ("AssessedArea",), optional=True)
        for concern in f.concerns:
            ref(concern, f.origin, "concerns")
    for r in records.all_recommendations():
        ref(r.addressee, r.origin, "addressee")
        ref(r.inspection, r.origin, "inspection", ("Inspection",))
        ref(r.area, r.origin, "area", ("AssessedArea",), optional=True)
    for s in records.statistics:
        ref(s.area, s.origin, "statistic area")
        ref(s.comparator, s.origin, "comparator", ("Statistic",), optional=True)
        if s.unit not in vocab.units:
            problems.append(
                Problem(
                    s.origin.file,
                    s.origin.line,
                    "unknown unit",
                    s.unit,
                    _suggest(s.unit, vocab.units) or "Units: " + ", ".join(vocab.units),
                )
            )
        if s.comparator == s.id:
            problems.append(Problem(s.origin.file, s.origin.line, "a statistic cannot be its own comparator", s.id))
    for q in records.quotations:
        ref(q.speaker, q.origin, "speaker", ("Person",))
        ref(q.post, q.origin, "post", ("Post",), optional=True)
    for record in records.evidenced():
        for theme in getattr(record, "themes", ()):
            ref(theme, record.origin, "theme", ("Theme",))
    return problems


def _locate_evidence(corpus: Corpus) -> list[Problem]:
    problems: list[Problem] = []
    prepared: dict[str, SourceText] = {}  # each source text is normalised once, however many quotes cite it
    corpus.matches.update(_found_in_processes(corpus))
    for record in corpus.records.evidenced():
        evidence, origin = record.evidence, record.origin
        if not evidence.source:
            continue  # already reported by the record parser
        source = corpus.sources.get(evidence.source)
        if source is None:
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    "unknown source",
                    evidence.source,
                    _suggest(evidence.source, corpus.sources) or "Sources are listed in sources.yaml.",
                )
            )
            continue
        if source.text is None:
            continue  # the unreadable source file is reported once, in sources.yaml
        if not evidence.quote.strip():
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    "missing evidence quote",
                    hint="Add `quote:` with the words of the source that state this fact.",
                )
            )
            continue
        key = (source.id, evidence.quote)
        if key in corpus.matches:
            continue
        if source.id not in prepared:
            prepared[source.id] = SourceText(source.text)
        match = prepared[source.id].find(evidence.quote)
        if match is None:
            closest = closest_passage(evidence.quote, source.text)
            hint = f"Closest passage in sources/{source.file}: {closest!r}" if closest else ""
            problems.append(
                Problem(origin.file, origin.line, f"quote not found in source {source.id}", evidence.quote, hint)
            )
            continue
        corpus.matches[key] = match
    return problems


def _found_in_processes(corpus: Corpus) -> dict[tuple[str, str], Match]:
    """The quotes not located yet that their sources hold, searched source by source on every
    core (graph.cache.map_in_processes): most of the time of reading a new corpus. What is not
    found is left to _locate_evidence, which reports it."""
    from graph.cache import map_in_processes

    wanted: dict[str, set[str]] = {}
    for record in corpus.records.evidenced():
        evidence = record.evidence
        source = corpus.sources.get(evidence.source)
        if source is not None and source.text is not None and evidence.quote.strip() and (
                (source.id, evidence.quote) not in corpus.matches):
            wanted.setdefault(source.id, set()).add(evidence.quote)
    work = [(source_id, sorted(quotes)) for source_id, quotes in sorted(wanted.items())]
    if len(work) < 2 * PARALLEL_FROM:
        return {}  # few: _locate_evidence finds them here as quickly
    found: dict[tuple[str, str], Match] = {}
    for matches in map_in_processes(_SourceQuotes(corpus), work):
        found.update(pickle.loads(matches))
    return found


class _SourceQuotes:
    """The matches of one source's quotes (pickled: (source id, quote) -> Match; not found: absent)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    def __call__(self, work: tuple[str, list[str]]) -> bytes:
        source_id, quotes = work
        text = SourceText(self.corpus.sources[source_id].text)
        found = {(source_id, quote): match for quote in quotes if (match := text.find(quote)) is not None}
        return pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)


# Where a grade word states a grade: quoted ('good', ‘requires improvement’), alone on its line
# (a report's grade box), after a verb of grading ("is outstanding", "is also good", "was ranked
# as 'adequate'"), before what is graded ("good at tackling", "the inadequate areas"), or the
# phrase "requires improvement", which is only ever a grade. "a consistently good service" is
# none of these: praise, which a curator should record as a finding.
_GRADE_POSITION = (
    r"(?:(?<=['‘’\"“”])(?:{g})(?=['‘’\"“”])"
    r"|(?:^|\n)[ \t]*(?:{g})[ \t]*(?:\n|$)"
    r"|\b(?:is|was|are|were|be|been|being|as|ranked|graded|judged|rated)\s+(?:\w+ly\s+|also\s+|now\s+|still\s+)?"
    r"['‘’\"“”]?(?:{g})\b"
    r"|\b(?:{g})\s+(?:at|in|for|overall|areas?|grades?|ratings?|judge?ments?)\b"
    r"|[:–—-][ \t]*['‘’\"“”]?(?:{g})\b"  # after an area and a colon or dash: "Investigating crime: Adequate"
    r"|\b(?:{g})['‘’\"“”]?[ \t]*[:–—-]"  # before a colon or dash and the areas: "Good – in engaging ..."
    r"|\bhas\s+an?\s+(?:{g})\s+approach\s+to\b"  # HMIC's PEEL 2015-16 wording of a question's grade
    r"|\brequir(?:es|e|ing|ed)\s+improvement\b)"
)


def _grade_words(grade: str) -> str:
    """A pattern for a grade's words as texts write them: 'requires improvement' is also
    "require improvement", "requiring improvement" ("deemed to require improvement")."""
    words = grade.split("/", 1)[1].split("-")
    if words == ["requires", "improvement"]:
        return r"requir(?:es|e|ing|ed)\s+improvement"
    return r"\s+".join(re.escape(w) for w in words)


def _check_grades_stated(corpus: Corpus) -> tuple[list[Problem], list[Problem]]:
    """A judgement's quote should contain its grade word and state it as a grade, not as praise
    ("a consistently good service"). Returns (problems, warnings); both are warnings for now,
    because curated news reports paraphrase grades ("deemed to require improvement", "a thumbs
    up") and each such record needs its curator's reading, not a refused build."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for j in corpus.records.judgements:
        match = corpus.matches.get((j.evidence.source, j.evidence.quote))
        if match is None or j.grade not in corpus.vocabulary.grades:
            continue  # the quote or the grade is already reported
        word = _grade_words(j.grade)
        if not re.search(r"\b" + word + r"\b", match.exact, re.IGNORECASE):
            warnings.append(
                Problem(j.origin.file, j.origin.line, f"warning: the quote does not contain the grade {j.grade!r}",
                        j.evidence.quote, "Quote the words that give the grade ('good', 'requires improvement' ...).")
            )
        elif not re.search(_GRADE_POSITION.format(g=word), match.exact, re.IGNORECASE):
            warnings.append(
                Problem(j.origin.file, j.origin.line, f"warning: the quote may be praise, not the grade {j.grade!r}",
                        j.evidence.quote, "Praise such as 'a consistently good service' is a finding, not a graded "
                        "judgement; quote the words that give the grade.")
            )
    return problems, warnings
