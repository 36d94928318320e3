"""Checks of a record's fields on their own: names, single values, ids, dates, numbers.

Each check appends a Problem (file, line, the offending value, what to do) and returns what it
could read, so one pass over a file reports every problem in it.
"""

from __future__ import annotations

import difflib
from decimal import Decimal, InvalidOperation

from graph.data.dates import FuzzyDate, PointDate, parse_date, parse_point
from graph.data.model import ID_PATTERN, Origin
from graph.problems import Problem

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
        elif misshapen(key, mapping[key]):
            shape = "a list" if isinstance(mapping[key], list) else "a mapping"
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    f"`{key}` holds {shape} where one value belongs",
                    preview(mapping[key]),
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


def misshapen(key, value) -> bool:
    if key in _LISTS_OF_VALUES:
        return isinstance(value, list) and any(isinstance(item, (list, dict)) for item in value) or isinstance(
            value, dict
        )
    return key not in STRUCTURED_FIELDS and isinstance(value, (list, dict))


def preview(value, limit: int = 60) -> str:
    """A short rendering of a list or mapping for a message (never the whole of a huge value)."""
    text = repr(value) if not isinstance(value, (list, dict)) or len(value) < 20 else f"<{len(value)} items>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_value(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def id_list(value, origin: Origin, name: str, problems: list[Problem]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(Problem(origin.file, origin.line, f"`{name}` should be a list of ids", str(value)))
        return []
    return [str(v) for v in value]


def check_id(value: str, origin: Origin, problems: list[Problem], prefix: str = "") -> bool:
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


def date_field(value, origin: Origin, problems: list[Problem]) -> FuzzyDate:
    try:
        return parse_date(value)
    except ValueError as error:
        problems.append(Problem(origin.file, origin.line, f"bad date: {error}", str(value)))
        return FuzzyDate()


def point_field(value, origin: Origin, problems: list[Problem]) -> PointDate | None:
    if value is None:
        return None
    try:
        return parse_point(value)
    except ValueError as error:
        problems.append(Problem(origin.file, origin.line, f"bad date: {error}", str(value)))
        return None


def number_field(value, origin: Origin, name: str, problems: list[Problem]) -> Decimal | None:
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
