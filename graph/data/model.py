"""The record model: what data/records/*.yaml hold, as plain objects (data/README.md: the format).

graph.data.records reads the files into these, graph.data.parsers checks each record on its own
(graph.data.fields: the field checks), graph.data.corpus checks them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from graph.data.dates import FuzzyDate, PointDate
from graph.problems import Problem

ID_PATTERN = re.compile(r"[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*")
DURATION_PATTERN = re.compile(r"P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?")
POLARITIES = ("strength", "weakness", "observation")
RECOMMENDATION_KINDS = ("recommendation", "area-for-improvement", "cause-of-concern")
SECTIONS = (
    "source",
    "reviewed",
    "entities",
    "mentions",
    "relations",
    "judgements",
    "findings",
    "recommendations",
    "statistics",
    "quotations",
    "themes",
)


@dataclass(frozen=True)
class Origin:
    file: str
    line: int


@dataclass
class Evidence:
    source: str
    quote: str


@dataclass
class Entity:
    id: str
    type: str
    label: str
    aliases: list[str]
    description: str
    date: FuzzyDate
    identifiers: dict[str, str]
    category: str
    evidence: Evidence
    origin: Origin
    parent_unstated: bool = False  # a unit whose organisation the text does not name


@dataclass
class Theme:
    id: str
    label: str
    aliases: list[str]
    origin: Origin


@dataclass
class Mention:
    entity: str
    evidence: Evidence
    origin: Origin


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: Evidence
    origin: Origin


@dataclass
class Judgement:
    id: str
    subject: str
    inspection: str
    area: str
    grade: str
    themes: list[str]
    evidence: Evidence
    origin: Origin


@dataclass
class Finding:
    id: str
    subject: str
    inspection: str
    area: str
    polarity: str
    summary: str
    concerns: list[str]
    themes: list[str]
    evidence: Evidence
    origin: Origin


@dataclass
class Deadline:
    text: str
    relative: str
    absolute: PointDate | None


@dataclass
class Recommendation:
    id: str
    kind: str
    addressee: str
    inspection: str
    area: str
    summary: str
    deadline: Deadline | None
    themes: list[str]
    evidence: Evidence
    origin: Origin
    items: list[Recommendation] = field(default_factory=list)


@dataclass
class Period:
    label: str
    start: PointDate | None
    end: PointDate | None


@dataclass
class Statistic:
    id: str
    label: str
    value: Decimal
    unit: str
    margin: Decimal | None
    area: str
    period: Period | None
    higher_is_better: bool | None
    comparator: str
    themes: list[str]
    evidence: Evidence
    origin: Origin
    comparison: Comparison | None = None  # how the text itself compares it with the comparator


# How a text may compare a figure with its comparator, in its own words ("broadly in line with").
STATED_COMPARISONS = ("in-line", "better", "worse", "higher", "lower")


@dataclass
class Comparison:
    stated: str  # one of STATED_COMPARISONS
    text: str  # the words of the quote that make the comparison


@dataclass
class Quotation:
    id: str
    speaker: str
    post: str
    themes: list[str]
    evidence: Evidence
    origin: Origin


@dataclass(frozen=True)
class SkippedDraft:
    """Unreviewed records of one file, left out: a draft file, or `reviewed: false` records."""

    file: str
    records: int
    whole_file: bool


@dataclass
class Records:
    """Every record of data/records/, in file order."""

    entities: list[Entity] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    drafts: list[SkippedDraft] = field(default_factory=list)  # unreviewed records kept out of the graph

    def extend(self, other: Records) -> None:
        """Add another file's records after these."""
        for name in self.__dataclass_fields__:
            getattr(self, name).extend(getattr(other, name))

    def all_recommendations(self):
        """Recommendations and their sub-items, depth first."""
        stack = list(reversed(self.recommendations))
        while stack:
            rec = stack.pop()
            yield rec
            stack.extend(reversed(rec.items))

    def identified(self):
        """Every record that has an id of its own."""
        yield from self.entities
        yield from self.themes
        yield from self.judgements
        yield from self.findings
        yield from self.all_recommendations()
        yield from self.statistics
        yield from self.quotations

    def evidenced(self):
        """Every record that carries evidence."""
        yield from self.entities
        yield from self.mentions
        yield from self.relations
        yield from self.judgements
        yield from self.findings
        yield from self.all_recommendations()
        yield from self.statistics
        yield from self.quotations


@dataclass
class DraftFile:
    """The unreviewed records of one file, read for checking (never for the graph): a whole
    draft file (`*.draft.yaml` or `reviewed: false` at its top), or the records marked
    `reviewed: false` in a reviewed file."""

    file: str
    whole_file: bool
    count: int  # unreviewed records (top-level entries of the sections)
    records: Records
    problems: list[Problem]  # what reading and parsing them found
