"""Draft records from the text of a new report: `policing-kg extract`.

    >>> from graph.ingest.extraction import extract, read_report
    >>> draft = extract(read_report("data/sources/new.txt"), "hmic-2014-avon-crime", data_dir="data")
    >>> draft.counts()                        # proposals per section
    >>> Path("data/records/new.yaml").write_text(draft.to_yaml())

The draft is a records file in the curated format (data/README.md) with `reviewed: false` on
the file and on every record, so nothing of it reaches the graph until a researcher has read
it and flipped the field (graph.data.records skips unreviewed records). Every proposal carries a
verbatim `quote` from the report that graph.data.evidence.find_quote finds, and the `offsets` of
that passage.

One module per kind of proposal, run in this order over one `Extraction` (the text, its blocks,
the graph's entities, the draft): reports (reading files, within caps), boilerplate (web page
furniture blanked), text (blocks and quotes), acronyms (defined either way round), people
(Person, Post, holds), entities (known entities, the subject force, new units), grades
(judgements in every written form, mapped to the PEEL framework's areas), recommendations
(with deadlines, addressees, sub-items), statistics (units, margins, periods, comparators) and
quotations. Word lists and formats are in extraction_patterns; the graph's names in gazetteer.

Cost: linear in the text's length (one normalised text for every quote, hits and claims found by
bisection): see BENCHMARKS.md "Extraction" (benchmarks/extract.py --sizes). The tokens,
sentences and name matching are the package's own, not spaCy's (issue 12; figures in text.py).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from graph.data.evidence import SourceText
from graph.ingest import acronyms, boilerplate, entities, grades, people, quotations, recommendations, statistics
from graph.ingest import extraction_patterns as P
from graph.ingest.gazetteer import Gazetteer
from graph.ingest.reports import read_report
from graph.ingest.text import flat, fold, make_quote, read_blocks, slug

__all__ = ["Draft", "Known", "extract", "flat", "fold", "read_report", "slug"]


@dataclass
class Draft:
    """The proposals of one report, as records of the curated format."""

    source: str
    header: list[str] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    judgements: list[dict] = field(default_factory=list)
    recommendations: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    quotations: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    # Acronyms the report defines ({short, long, quote, offsets}): listed in the header for the reviewer.
    acronyms: list[dict] = field(default_factory=list)

    SECTIONS = ("entities", "mentions", "relations", "judgements", "recommendations", "statistics", "quotations")

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.SECTIONS}

    def to_dict(self) -> dict:
        document = {"source": self.source, "reviewed": False}
        for name in self.SECTIONS:
            if getattr(self, name):
                document[name] = getattr(self, name)
        return document

    def to_yaml(self) -> str:
        import yaml

        body = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=1000)
        header = list(self.header)
        if self.acronyms:
            header += ["Acronyms the report defines (add them as aliases where they name an entity):"]
            header += [f"  {a['short']} = {a['long']}" for a in self.acronyms] + [""]
        return "".join(f"# {line}\n".replace("# \n", "#\n") for line in header) + body


class Extraction:
    """What every kind of proposal reads and writes: the text, its blocks, the known entities and the draft."""

    def __init__(self, text, source_id, known: Known, title, publisher, date, subject):
        self.text = text
        self.source = source_id
        self.title = title or ""
        self.publisher = publisher or ""  # an id ("force/lancashire") or a name: the subject when the text names none
        self.date = str(date or "")
        self.source_text = SourceText(text)
        self.gazetteer = known.gazetteer
        self.blocks = read_blocks(boilerplate.mask(text))
        self.draft = Draft(source_id)
        self.ids: set[str] = set(self.gazetteer.entities)
        self.used: set[tuple[str, str]] = set()
        self.new_entities: dict[str, dict] = {}  # folded label -> entity record
        self.people: dict[str, str] = {}  # folded surname -> the person so named first (graph.ingest.people)
        self.hits = entities.known_hits(self)
        self.subject = subject or entities.main_force(self)
        self.hits = entities.resolve_hits(self, self.hits)
        self.claimed: list[tuple[int, int]] = sorted((h.start, h.end) for h in self.hits)  # kept sorted
        self._hit_starts = [h.start for h in self.hits]  # in text order, for hits_in
        self.questions = [b for b in self.blocks if b.question]

    def hits_in(self, start: int, end: int) -> list:
        """The known entities named in text[start:end], found by bisection: a scan of every hit for
        every proposal made extraction quadratic in the text's length."""
        return self.hits[bisect.bisect_left(self._hit_starts, start):bisect.bisect_left(self._hit_starts, end)]

    # -- helpers
    def new_id(self, prefix: str, name: str) -> str:
        base = prefix + slug(name)
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def quote(self, start: int, end: int, unique: bool = True, kind: str = "") -> dict:
        """Evidence for text[start:end]; {} when not quotable, or when `kind` already has this passage
        (a report printing a section twice yields its records once)."""
        if kind:
            key = (kind, flat(self.text[max(0, start - 80):start]), flat(self.text[start:end]),
                   flat(self.text[end:end + 80]))
            if key in self.used:
                return {}
            self.used.add(key)
        made = make_quote(self.text, start, end, unique, self.source_text)
        if made is None:
            return {}
        quote, offsets = made
        return {"quote": quote, "offsets": offsets, "reviewed": False}

    def entity(self, type_: str, label: str, start: int, end: int, aliases=(), description="",
               reuse: bool = True) -> str:
        """The id of a proposed new entity (one per folded label), or of the known one so labelled."""
        key = fold(label).rstrip("s")
        if key in self.new_entities and (reuse or self.new_entities[key]["type"] == type_):
            return self.new_entities[key]["id"]  # (the inspection a page's title names is not its Document)
        known = self.gazetteer.lookup(label) if reuse else ""
        if known:
            return known
        evidence = self.quote(start, end, unique=False)
        if not evidence:
            return ""
        record = {"id": self.new_id(P.TYPE_PREFIX.get(type_, "org/"), label), "type": type_, "label": label}
        aliases = [a for a in dict.fromkeys(aliases) if a != label]
        if aliases:
            record["aliases"] = aliases
        if description:
            record["description"] = description
        record.update(evidence)
        self.new_entities.setdefault(key, record)
        self.draft.entities.append(record)
        return record["id"]

    # No claimed passage is longer than this: a name, an acronym's definition, a person with a post.
    LONGEST_CLAIM = 1000

    def claim(self, start: int, end: int) -> None:
        """Mark text[start:end] as taken by a proposal, so that no other kind proposes it again."""
        bisect.insort(self.claimed, (start, min(end, start + self.LONGEST_CLAIM)))

    def claimed_by(self, start: int, end: int) -> bool:
        """Whether a claimed passage overlaps text[start:end] (by bisection: linear extraction)."""
        first = bisect.bisect_left(self.claimed, (start - self.LONGEST_CLAIM, -1))
        last = bisect.bisect_left(self.claimed, (end, -1))
        return any(s < end and start < e for s, e in self.claimed[first:last])

    # -- judgements
    def inspection(self) -> str:
        if not hasattr(self, "_inspection"):
            first = next((b for b in self.blocks if b.doc.text.strip()), None)
            label = self.title or f"Inspection reported in {self.source}"
            about = "The inspection this report gives the findings of."
            self._inspection = self.entity("Inspection", flat(label), first.start, first.end, reuse=False,
                                           description=about) if first else ""
        return self._inspection


@dataclass
class Known:
    """What the extractor knows before it reads a report: the graph's entities. Made once for many reports."""

    gazetteer: Gazetteer

    @classmethod
    def of(cls, data_dir: str | Path | None, exclude_sources=()) -> Known:
        return cls(Gazetteer(Path(data_dir) if data_dir else None, tuple(exclude_sources)))

    def forces(self) -> set[str]:
        return {i for i, e in self.gazetteer.entities.items() if e.type == "PoliceForce"}


def extract(text: str, source_id: str, *, data_dir: str | Path | None = "data", title: str = "",
            publisher: str = "", date: str = "", subject: str = "", exclude_sources=(),
            known: Known | None = None) -> Draft:
    """Draft records for the report `text`, to be saved as data/records/<source_id>.yaml and reviewed.

    `data_dir` gives the entities already in the graph (None: none), or `known` when many reports
    are read against the same graph; `exclude_sources` leaves out the records drawn from those
    sources (the benchmark uses it to hide a text's own records); `subject` is the force the
    report is about (default: the force it names most).
    """
    known = known or Known.of(data_dir, exclude_sources)
    x = Extraction(text, source_id, known, title, publisher, date, subject)
    acronyms.propose_acronyms(x)
    people.propose_people(x)
    entities.propose_documents(x)
    entities.propose_units(x)
    entities.propose_mentions(x)
    grades.propose_judgements(x)
    recommendations.propose_recommendations(x)
    statistics.propose_statistics(x)
    quotations.propose_quotations(x)
    draft = x.draft
    draft.header = [
        f"Draft records extracted by `policing-kg extract` from source {source_id}: REVIEW BEFORE USE.",
        "Nothing here is in the graph until you set `reviewed: true` on the file and on each record you",
        "accept (delete or correct the rest); `offsets` are where the quote stands in the report.",
        f"Subject force (the force named most): {x.subject}",
        "",
        "The source must be listed in data/sources/sources.yaml, for example:",
        f"  - id: {source_id}",
        "    file: <the report's text file in data/sources/>",
        f"    title: {title or '<title>'}",
        "    kind: InspectionReport",
        f"    publisher: {publisher or 'org/hmic'}",
        f"    date: \"{date or 'unknown'}\"",
        "",
    ]
    return draft
