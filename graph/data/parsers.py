"""One parser per kind of record: a YAML mapping checked field by field into a record object.

`PARSERS` maps a section of a records file (`entities:`, `judgements:`, ...) to its parser;
graph.data.records walks the files and calls them. Problems are collected, never raised, so one
pass reports every problem of a file.
"""

from __future__ import annotations

from graph.data.fields import check_fields, check_id, date_field, id_list, number_field, point_field, text_value
from graph.data.model import (
    DURATION_PATTERN,
    POLARITIES,
    RECOMMENDATION_KINDS,
    STATED_COMPARISONS,
    Comparison,
    Deadline,
    Entity,
    Evidence,
    Finding,
    Judgement,
    Mention,
    Origin,
    Period,
    Quotation,
    Recommendation,
    Relation,
    Statistic,
    Theme,
)
from graph.problems import Problem

# `reviewed` and `offsets` are written by `policing-kg extract` on draft records (see data/README.md).
_EVIDENCE = {"source": False, "quote": True, "reviewed": False, "offsets": False}
DRAFT_SUFFIX = ".draft.yaml"


def marked_unreviewed(mapping: dict, origin: Origin, problems: list[Problem]) -> bool:
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
    if check_fields(raw, spec, origin, problems) is None or not check_id(str(raw["id"]), origin, problems):
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
        label=text_value(raw["label"]),
        aliases=[text_value(a) for a in (raw.get("aliases") or [])],
        description=text_value(raw.get("description")),
        date=date_field(raw.get("date"), origin, problems),
        identifiers={str(k): str(v) for k, v in identifiers.items()},
        category=text_value(raw.get("category")),
        evidence=_evidence(raw, src, origin, problems),
        origin=origin,
        parent_unstated=parent_unstated,
    )


def _theme(raw, src, origin, problems):
    if check_fields(raw, {"id": True, "label": True, "aliases": False}, origin, problems) is None:
        return None
    if not check_id(str(raw["id"]), origin, problems, "theme/"):
        return None
    return Theme(str(raw["id"]), text_value(raw["label"]), [text_value(a) for a in raw.get("aliases") or []], origin)


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
    if check_fields(raw, spec, origin, problems) is None or not check_id(
        str(raw["id"]), origin, problems, "judgement/"
    ):
        return None
    return Judgement(
        str(raw["id"]),
        str(raw["subject"]),
        str(raw["inspection"]),
        str(raw["area"]),
        str(raw["grade"]),
        id_list(raw.get("themes"), origin, "themes", problems),
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
    if check_fields(raw, spec, origin, problems) is None or not check_id(str(raw["id"]), origin, problems, "finding/"):
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
        text_value(raw["summary"]),
        id_list(raw.get("concerns"), origin, "concerns", problems),
        id_list(raw.get("themes"), origin, "themes", problems),
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
    return Deadline(text_value(raw["text"]), relative, point_field(raw.get("absolute"), deadline_origin, problems))


def parse_recommendation(raw, src, origin, problems, parent: dict | None = None, drafts: bool = False):
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
    if not check_id(str(raw["id"]), origin, problems, "recommendation/"):
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
        summary=text_value(raw["summary"]),
        deadline=_deadline(raw.get("deadline"), origin, problems),
        themes=id_list(raw.get("themes"), origin, "themes", problems),
        evidence=_evidence(raw, src, origin, problems),
        origin=origin,
    )
    context = {"kind": rec.kind, "addressee": rec.addressee, "inspection": rec.inspection, "area": rec.area}
    for item in raw.get("items") or []:
        item_origin = Origin(origin.file, getattr(item, "line", origin.line))
        if not isinstance(item, dict):
            problems.append(Problem(item_origin.file, item_origin.line, "each item should be a mapping", str(item)))
            continue
        if marked_unreviewed(item, item_origin, problems) and not drafts:
            continue
        sub = parse_recommendation(item, src, item_origin, problems, parent=context, drafts=drafts)
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
    if check_fields(raw, spec, origin, problems) is None or not check_id(
        str(raw["id"]), origin, problems, "statistic/"
    ):
        return None
    value = number_field(raw["value"], origin, "value", problems)
    margin = number_field(raw["margin"], origin, "margin", problems) if raw.get("margin") is not None else None
    period = None
    if raw.get("period") is not None:
        p = raw["period"]
        if isinstance(p, dict) and check_fields(p, {"label": True, "start": False, "end": False}, origin, problems):
            start, end = point_field(p.get("start"), origin, problems), point_field(p.get("end"), origin, problems)
            period = Period(text_value(p["label"]), start, end)
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
        text_value(raw["label"]),
        value,
        str(raw["unit"]),
        margin,
        str(raw["area"]),
        period,
        better,
        str(raw.get("comparator") or ""),
        id_list(raw.get("themes"), origin, "themes", problems),
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
    stated, text = str(given["stated"]), text_value(given["text"])
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
    if check_fields(raw, spec, origin, problems) is None or not check_id(
        str(raw["id"]), origin, problems, "quotation/"
    ):
        return None
    return Quotation(
        str(raw["id"]),
        str(raw["speaker"]),
        str(raw.get("post") or ""),
        id_list(raw.get("themes"), origin, "themes", problems),
        _evidence(raw, src, origin, problems),
        origin,
    )


PARSERS = {
    "entities": _entity,
    "themes": _theme,
    "mentions": _mention,
    "relations": _relation,
    "judgements": _judgement,
    "findings": _finding,
    "recommendations": parse_recommendation,
    "statistics": _statistic,
    "quotations": _quotation,
}
