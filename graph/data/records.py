"""The curated records: what data/records/*.yaml hold, read into plain objects.

This module knows the record format (data/README.md) and checks each record on its own:
required fields, field names, id forms, dates, numbers. Checks that need the whole corpus
(ids defined once, references that resolve, quotes found in their sources) are in
graph.data.corpus.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from graph.data.dates import FuzzyDate, PointDate, parse_date, parse_point
from graph.data.yamlfile import read_yaml
from graph.problems import DataError, Problem

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


# ---------------------------------------------------------------------------- field checks


# Fields whose value may be a list or a mapping; every other field holds one value (text, a
# number, true/false). `identifiers`, `period` and `deadline` are mappings, `date` may be one
# (bounds), `offsets` a pair, `comparison` a mapping; the rest are lists of ids or of text.
STRUCTURED_FIELDS = frozenset(
    {"aliases", "themes", "concerns", "items", "deadline", "period", "identifiers", "date", "offsets", "comparison"}
)
# Lists whose items are single values (an alias, an id).
_LISTS_OF_VALUES = frozenset({"aliases", "themes", "concerns"})


def check_fields(mapping: dict, spec: dict[str, bool], origin: Origin, problems: list[Problem]) -> dict | None:
    """Check a mapping's keys against `spec` (name -> required). None when a required one is missing
    or a field holds a list or mapping where one value belongs (`label: [a, b]`)."""
    ok = True
    for key in mapping:
        if key not in spec:
            close = difflib.get_close_matches(str(key), spec, n=1)
            hint = f"Did you mean `{close[0]}`?" if close else "Allowed: " + ", ".join(spec) + "."
            problems.append(Problem(origin.file, origin.line, "unknown field", str(key), hint))
        elif _misshapen(key, mapping[key]):
            shape = "a list" if isinstance(mapping[key], list) else "a mapping"
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    f"`{key}` holds {shape} where one value belongs",
                    _preview(mapping[key]),
                    "Write a single value; put other spellings under `aliases`." if key == "label" else
                    "Write a single value (quote it if it contains `[`, `{` or `: `).",
                )
            )
            ok = False
    for key, required in spec.items():
        if required and (mapping.get(key) is None or mapping.get(key) == ""):
            problems.append(Problem(origin.file, origin.line, f"missing required field `{key}`"))
            ok = False
    return mapping if ok else None


def _misshapen(key, value) -> bool:
    if key in _LISTS_OF_VALUES:
        return isinstance(value, list) and any(isinstance(item, (list, dict)) for item in value) or isinstance(
            value, dict
        )
    return key not in STRUCTURED_FIELDS and isinstance(value, (list, dict))


def _preview(value, limit: int = 60) -> str:
    """A short rendering of a list or mapping for a message (never the whole of a huge value)."""
    text = repr(value) if not isinstance(value, (list, dict)) or len(value) < 20 else f"<{len(value)} items>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def _id_list(value, origin: Origin, name: str, problems: list[Problem]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(Problem(origin.file, origin.line, f"`{name}` should be a list of ids", str(value)))
        return []
    return [str(v) for v in value]


def _check_id(value: str, origin: Origin, problems: list[Problem], prefix: str = "") -> bool:
    if not ID_PATTERN.fullmatch(value):
        problems.append(
            Problem(
                origin.file,
                origin.line,
                "malformed id",
                value,
                "Ids are `kind/slug`: lower case letters and digits, words joined by hyphens.",
            )
        )
        return False
    if prefix and not value.startswith(prefix):
        problems.append(Problem(origin.file, origin.line, f"this kind of record takes ids starting `{prefix}`", value))
        return False
    return True


def _date(value, origin: Origin, problems: list[Problem]) -> FuzzyDate:
    try:
        return parse_date(value)
    except ValueError as error:
        problems.append(Problem(origin.file, origin.line, f"bad date: {error}", str(value)))
        return FuzzyDate()


def _point(value, origin: Origin, problems: list[Problem]) -> PointDate | None:
    if value is None:
        return None
    try:
        return parse_point(value)
    except ValueError as error:
        problems.append(Problem(origin.file, origin.line, f"bad date: {error}", str(value)))
        return None


def _number(value, origin: Origin, name: str, problems: list[Problem]) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        problems.append(Problem(origin.file, origin.line, f"`{name}` must be a number", str(value)))
        return None
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        problems.append(
            Problem(
                origin.file,
                origin.line,
                f"`{name}` must be a number",
                str(value),
                "Write the figure alone, e.g. `86.7` or `39606`; the unit goes in `unit`.",
            )
        )
        return None
    if not number.is_finite():
        problems.append(Problem(origin.file, origin.line, f"`{name}` must be a finite number", str(value)))
        return None
    return number


# ---------------------------------------------------------------------------- record parsers

# `reviewed` and `offsets` are written by `policing-kg extract` on draft records (see data/README.md).
_EVIDENCE = {"source": False, "quote": True, "reviewed": False, "offsets": False}
DRAFT_SUFFIX = ".draft.yaml"


def _unreviewed(mapping: dict, origin: Origin, problems: list[Problem]) -> bool:
    """True when a file or record says `reviewed: false`: a draft, never published."""
    value = mapping.get("reviewed")
    if value is not None and not isinstance(value, bool):
        problems.append(Problem(origin.file, origin.line, "`reviewed` must be true or false", str(value)))
        return True
    return value is False


def _evidence(raw: dict, default_source: str, origin: Origin, problems: list[Problem]) -> Evidence:
    source = str(raw.get("source") or default_source or "")
    if not source:
        problems.append(
            Problem(
                origin.file,
                origin.line,
                "no source for this record",
                hint="Add `source: <source id>` to the record or at the top of the file.",
            )
        )
    return Evidence(source, str(raw.get("quote") or ""))


def _entity(raw, src, origin, problems):
    spec = {
        "id": True,
        "type": True,
        "label": True,
        "aliases": False,
        "description": False,
        "date": False,
        "identifiers": False,
        "category": False,
        "parent_unstated": False,
        **_EVIDENCE,
    }
    if check_fields(raw, spec, origin, problems) is None or not _check_id(str(raw["id"]), origin, problems):
        return None
    parent_unstated = raw.get("parent_unstated", False)
    if not isinstance(parent_unstated, bool):
        problems.append(
            Problem(origin.file, origin.line, "`parent_unstated` must be true or false", str(parent_unstated)))
        parent_unstated = False
    elif parent_unstated and raw.get("type") != "Unit":
        problems.append(Problem(origin.file, origin.line, "`parent_unstated` is for a Unit only", str(raw.get("type")),
                                "Remove the line, or give the record `type: Unit`."))
    identifiers = raw.get("identifiers") or {}
    if not isinstance(identifiers, dict):
        problems.append(Problem(origin.file, origin.line, "`identifiers` should be a mapping", str(identifiers)))
        identifiers = {}
    return Entity(
        id=str(raw["id"]),
        type=str(raw["type"]),
        label=_text(raw["label"]),
        aliases=[_text(a) for a in (raw.get("aliases") or [])],
        description=_text(raw.get("description")),
        date=_date(raw.get("date"), origin, problems),
        identifiers={str(k): str(v) for k, v in identifiers.items()},
        category=_text(raw.get("category")),
        evidence=_evidence(raw, src, origin, problems),
        origin=origin,
        parent_unstated=parent_unstated,
    )


def _theme(raw, src, origin, problems):
    if check_fields(raw, {"id": True, "label": True, "aliases": False}, origin, problems) is None:
        return None
    if not _check_id(str(raw["id"]), origin, problems, "theme/"):
        return None
    return Theme(str(raw["id"]), _text(raw["label"]), [_text(a) for a in raw.get("aliases") or []], origin)


def _mention(raw, src, origin, problems):
    if check_fields(raw, {"entity": True, **_EVIDENCE}, origin, problems) is None:
        return None
    return Mention(str(raw["entity"]), _evidence(raw, src, origin, problems), origin)


def _relation(raw, src, origin, problems):
    if check_fields(raw, {"subject": True, "predicate": True, "object": True, **_EVIDENCE}, origin, problems) is None:
        return None
    return Relation(
        str(raw["subject"]), str(raw["predicate"]), str(raw["object"]), _evidence(raw, src, origin, problems), origin
    )


def _judgement(raw, src, origin, problems):
    spec = {"id": True, "subject": True, "inspection": True, "area": True, "grade": True, "themes": False, **_EVIDENCE}
    if check_fields(raw, spec, origin, problems) is None or not _check_id(
        str(raw["id"]), origin, problems, "judgement/"
    ):
        return None
    return Judgement(
        str(raw["id"]),
        str(raw["subject"]),
        str(raw["inspection"]),
        str(raw["area"]),
        str(raw["grade"]),
        _id_list(raw.get("themes"), origin, "themes", problems),
        _evidence(raw, src, origin, problems),
        origin,
    )


def _finding(raw, src, origin, problems):
    spec = {
        "id": True,
        "subject": True,
        "inspection": False,
        "area": False,
        "polarity": True,
        "summary": True,
        "concerns": False,
        "themes": False,
        **_EVIDENCE,
    }
    if check_fields(raw, spec, origin, problems) is None or not _check_id(str(raw["id"]), origin, problems, "finding/"):
        return None
    if raw["polarity"] not in POLARITIES:
        problems.append(
            Problem(
                origin.file,
                origin.line,
                "unknown polarity",
                str(raw["polarity"]),
                "Use strength, weakness or observation.",
            )
        )
    return Finding(
        str(raw["id"]),
        str(raw["subject"]),
        str(raw.get("inspection") or ""),
        str(raw.get("area") or ""),
        str(raw["polarity"]),
        _text(raw["summary"]),
        _id_list(raw.get("concerns"), origin, "concerns", problems),
        _id_list(raw.get("themes"), origin, "themes", problems),
        _evidence(raw, src, origin, problems),
        origin,
    )


def _deadline(raw, origin, problems) -> Deadline | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(Problem(origin.file, origin.line, "`deadline` should be a mapping with `text`", str(raw)))
        return None
    deadline_origin = Origin(origin.file, getattr(raw, "line", origin.line))
    if check_fields(raw, {"text": True, "relative": False, "absolute": False}, deadline_origin, problems) is None:
        return None
    relative = str(raw.get("relative") or "")
    if relative and (not DURATION_PATTERN.fullmatch(relative) or relative == "P"):
        problems.append(
            Problem(
                deadline_origin.file,
                deadline_origin.line,
                "`relative` must be an ISO 8601 duration",
                relative,
                "Write P3M for three months, P6M for six, P0D for immediate.",
            )
        )
        relative = ""
    return Deadline(_text(raw["text"]), relative, _point(raw.get("absolute"), deadline_origin, problems))


def _recommendation(raw, src, origin, problems, parent: dict | None = None, drafts: bool = False):
    """A recommendation and its items; an unreviewed item is skipped, unless reading `drafts`."""
    spec = {
        "id": True,
        "kind": False,
        "addressee": parent is None,
        "inspection": parent is None,
        "area": False,
        "summary": True,
        "deadline": False,
        "items": False,
        "themes": False,
        **_EVIDENCE,
    }
    if check_fields(raw, spec, origin, problems) is None:
        return None
    if not _check_id(str(raw["id"]), origin, problems, "recommendation/"):
        return None
    inherited = parent or {}
    kind = str(raw.get("kind") or inherited.get("kind") or "recommendation")
    if kind not in RECOMMENDATION_KINDS:
        problems.append(
            Problem(
                origin.file,
                origin.line,
                "unknown recommendation kind",
                kind,
                "Use one of: " + ", ".join(RECOMMENDATION_KINDS) + ".",
            )
        )
    rec = Recommendation(
        id=str(raw["id"]),
        kind=kind,
        addressee=str(raw.get("addressee") or inherited.get("addressee") or ""),
        inspection=str(raw.get("inspection") or inherited.get("inspection") or ""),
        area=str(raw.get("area") or inherited.get("area") or ""),
        summary=_text(raw["summary"]),
        deadline=_deadline(raw.get("deadline"), origin, problems),
        themes=_id_list(raw.get("themes"), origin, "themes", problems),
        evidence=_evidence(raw, src, origin, problems),
        origin=origin,
    )
    context = {"kind": rec.kind, "addressee": rec.addressee, "inspection": rec.inspection, "area": rec.area}
    for item in raw.get("items") or []:
        item_origin = Origin(origin.file, getattr(item, "line", origin.line))
        if not isinstance(item, dict):
            problems.append(Problem(item_origin.file, item_origin.line, "each item should be a mapping", str(item)))
            continue
        if _unreviewed(item, item_origin, problems) and not drafts:
            continue
        sub = _recommendation(item, src, item_origin, problems, parent=context, drafts=drafts)
        if sub:
            rec.items.append(sub)
    return rec


def _statistic(raw, src, origin, problems):
    spec = {
        "id": True,
        "label": True,
        "value": True,
        "unit": True,
        "margin": False,
        "area": True,
        "period": False,
        "higher_is_better": False,
        "comparator": False,
        "comparison": False,
        "themes": False,
        **_EVIDENCE,
    }
    if check_fields(raw, spec, origin, problems) is None or not _check_id(
        str(raw["id"]), origin, problems, "statistic/"
    ):
        return None
    value = _number(raw["value"], origin, "value", problems)
    margin = _number(raw["margin"], origin, "margin", problems) if raw.get("margin") is not None else None
    period = None
    if raw.get("period") is not None:
        p = raw["period"]
        if isinstance(p, dict) and check_fields(p, {"label": True, "start": False, "end": False}, origin, problems):
            period = Period(
                _text(p["label"]), _point(p.get("start"), origin, problems), _point(p.get("end"), origin, problems)
            )
        elif not isinstance(p, dict):
            problems.append(Problem(origin.file, origin.line, "`period` should be a mapping with `label`", str(p)))
    better = raw.get("higher_is_better")
    if better is not None and not isinstance(better, bool):
        problems.append(Problem(origin.file, origin.line, "`higher_is_better` must be true or false", str(better)))
        better = None
    comparison = _comparison(raw, origin, problems)
    if value is None:
        return None
    return Statistic(
        str(raw["id"]),
        _text(raw["label"]),
        value,
        str(raw["unit"]),
        margin,
        str(raw["area"]),
        period,
        better,
        str(raw.get("comparator") or ""),
        _id_list(raw.get("themes"), origin, "themes", problems),
        _evidence(raw, src, origin, problems),
        origin,
        comparison,
    )


def _comparison(raw, origin, problems) -> Comparison | None:
    """A statistic's `comparison: {stated: in-line, text: broadly in line with}`: the words must be
    in the statistic's own quote, and there must be a comparator to compare with."""
    given = raw.get("comparison")
    if given is None:
        return None
    if not isinstance(given, dict) or check_fields(given, {"stated": True, "text": True}, origin, problems) is None:
        if not isinstance(given, dict):
            problems.append(Problem(origin.file, origin.line,
                                    "`comparison` should be a mapping with `stated` and `text`", str(given),
                                    "Write `comparison: {stated: in-line, text: broadly in line with}`."))
        return None
    stated, text = str(given["stated"]), _text(given["text"])
    if stated not in STATED_COMPARISONS:
        problems.append(Problem(origin.file, origin.line, "unknown stated comparison", stated,
                                "Use one of: " + ", ".join(STATED_COMPARISONS) + "."))
        return None
    if not raw.get("comparator"):
        problems.append(Problem(origin.file, origin.line, "a `comparison` needs a `comparator`", stated,
                                "Name the statistic it is compared with in `comparator:`."))
    if " ".join(text.split()).lower() not in " ".join(str(raw.get("quote") or "").split()).lower():
        problems.append(Problem(origin.file, origin.line, "the comparison's words are not in the statistic's quote",
                                text, "Quote the sentence that makes the comparison, or correct `text`."))
    return Comparison(stated, text)


def _quotation(raw, src, origin, problems):
    spec = {"id": True, "speaker": True, "post": False, "themes": False, **_EVIDENCE}
    if check_fields(raw, spec, origin, problems) is None or not _check_id(
        str(raw["id"]), origin, problems, "quotation/"
    ):
        return None
    return Quotation(
        str(raw["id"]),
        str(raw["speaker"]),
        str(raw.get("post") or ""),
        _id_list(raw.get("themes"), origin, "themes", problems),
        _evidence(raw, src, origin, problems),
        origin,
    )


_PARSERS = {
    "entities": _entity,
    "themes": _theme,
    "mentions": _mention,
    "relations": _relation,
    "judgements": _judgement,
    "findings": _finding,
    "recommendations": _recommendation,
    "statistics": _statistic,
    "quotations": _quotation,
}


def load_records(data_dir: Path, paths: list[Path] | None = None) -> tuple[Records, list[Problem]]:
    """Read every data/records/*.yaml file (or those `paths`), in name order. Problems are
    returned, not raised. Unreviewed records are left out and counted in `Records.drafts`; a
    `*.draft.yaml` file that cannot be read is left out too (`load_drafts` reports it)."""
    records = Records()
    problems: list[Problem] = []
    record_dir = data_dir / "records"
    if not record_dir.is_dir():
        return records, [Problem("records/", 0, "no records folder", hint=f"Create {record_dir} with YAML files.")]
    for path in sorted(record_dir.glob("*.yaml")) if paths is None else paths:
        shown = f"records/{path.name}"
        is_draft_file = path.name.endswith(DRAFT_SUFFIX)
        document = _read_document(path, shown, [] if is_draft_file else problems)
        if document is None:
            if is_draft_file:
                records.drafts.append(SkippedDraft(shown, 0, whole_file=True))
            continue
        if is_draft_file or _unreviewed(document, Origin(shown, 1), problems):
            count = sum(len(v) for k, v in document.items() if k in _PARSERS and isinstance(v, list))
            records.drafts.append(SkippedDraft(shown, count, whole_file=True))
            continue
        unreviewed = _parse_document(document, shown, records, problems, drafts=False)
        if unreviewed:
            records.drafts.append(SkippedDraft(shown, unreviewed, whole_file=False))
    return records, problems


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


def load_drafts(data_dir: Path) -> list[DraftFile]:
    """Every unreviewed record of data/records/, file by file in name order, parsed as if it were
    accepted (the same field, id and value checks as curated records), for `validate` to check
    them apart from the curated data. A file with no unreviewed record is not listed."""
    drafts: list[DraftFile] = []
    record_dir = data_dir / "records"
    if not record_dir.is_dir():
        return drafts
    for path in sorted(record_dir.glob("*.yaml")):
        shown = f"records/{path.name}"
        problems: list[Problem] = []
        is_draft_file = path.name.endswith(DRAFT_SUFFIX)
        document = _read_document(path, shown, problems)
        if document is None:
            if is_draft_file:
                drafts.append(DraftFile(shown, True, 0, Records(), problems))
            continue
        whole = is_draft_file or _unreviewed(document, Origin(shown, 1), [])
        records = Records()
        if whole:
            _parse_document(document, shown, records, problems, drafts=True, everything=True)
            count = sum(len(v) for k, v in document.items() if k in _PARSERS and isinstance(v, list))
        else:
            count = _parse_document(document, shown, records, problems, drafts=True)
            if not count:
                continue
        drafts.append(DraftFile(shown, whole, count, records, problems))
    return drafts


def _read_document(path: Path, shown: str, problems: list[Problem]) -> dict | None:
    """A records file as a mapping of sections, or None (the reason added to `problems`)."""
    try:
        document = read_yaml(path, shown)
    except DataError as error:
        problems.extend(error.problems)
        return None
    if document is None:
        return None
    if not isinstance(document, dict):
        problems.append(Problem(shown, 1, "expected a mapping of sections",
                                hint="Start with `entities:` or `source:`."))
        return None
    return document


def _parse_document(document: dict, shown: str, records: Records, problems: list[Problem], *, drafts: bool,
                    everything: bool = False) -> int:
    """Parse a file's sections into `records`; returns how many unreviewed records it met.

    Reviewed records are parsed and unreviewed ones skipped; with `drafts`, the other way round
    (with `everything` too, every record of the file: a whole draft file)."""
    default_source = str(document.get("source") or "")
    unreviewed = 0
    for section, items in document.items():
        if section not in SECTIONS:
            close = difflib.get_close_matches(str(section), SECTIONS, n=1)
            problems.append(
                Problem(
                    shown,
                    getattr(document, "line", 1),
                    "unknown section",
                    str(section),
                    f"Did you mean `{close[0]}`?" if close else "See data/README.md.",
                )
            )
            continue
        if section in ("source", "reviewed"):
            continue
        if not isinstance(items, list):
            problems.append(Problem(shown, getattr(document, "line", 1), f"section `{section}` should be a list"))
            continue
        parse = _PARSERS[section]
        for raw in items:
            origin = Origin(shown, getattr(raw, "line", 0))
            if not isinstance(raw, dict):
                problems.append(Problem(shown, origin.line, f"each entry of `{section}` should be a mapping", str(raw)))
                continue
            # a bad `reviewed:` value is reported once: with the curated data, or with a whole draft file
            is_unreviewed = _unreviewed(raw, origin, problems if everything or not drafts else [])
            unreviewed += is_unreviewed
            if is_unreviewed != drafts and not everything:
                continue
            record = _recommendation(raw, default_source, origin, problems, drafts=drafts) \
                if section == "recommendations" else parse(raw, default_source, origin, problems)
            if record is not None:
                getattr(records, section).append(record)
    return unreviewed


def drafts_note(drafts: list[SkippedDraft]) -> str:
    """One line saying how many unreviewed drafts were kept out of the graph ('' when none)."""
    if not drafts:
        return ""
    records = sum(d.records for d in drafts)
    files = ", ".join(d.file for d in drafts)
    plural = "s" if len(drafts) != 1 else ""
    return (
        f"skipped {len(drafts)} unreviewed draft{plural} ({records} record{'s' if records != 1 else ''} "
        f"kept out of the graph: {files})"
    )
