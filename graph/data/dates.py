"""Dates as precise as the sources allow, and no more.

A source may give a day, a month, a year, only bounds, or nothing. Each is kept as what it
is, so the graph never passes a guess off as a fact.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_FORMS = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}
XSD_TYPE = {"year": "gYear", "month": "gYearMonth", "day": "date"}


@dataclass(frozen=True)
class PointDate:
    """A date known to a year, a month or a day."""

    text: str
    precision: str  # year | month | day

    @property
    def xsd_type(self) -> str:
        return XSD_TYPE[self.precision]


@dataclass(frozen=True)
class FuzzyDate:
    """A date as a source gives it: a point, a bounded range, or unknown."""

    point: PointDate | None = None
    earliest: PointDate | None = None
    latest: PointDate | None = None

    @property
    def unknown(self) -> bool:
        return self.point is None and self.earliest is None and self.latest is None


def parse_point(value) -> PointDate:
    """Parse "2014", "2014-06" or "2014-06-30"; raise ValueError with the reason."""
    text = str(value).strip()
    for precision, pattern in _FORMS.items():
        if pattern.match(text):
            parts = [int(p) for p in text.split("-")] + [1, 1]
            try:
                datetime.date(parts[0], parts[1], parts[2])
            except ValueError as error:
                raise ValueError(f"impossible date {text!r} ({error})") from None
            return PointDate(text, precision)
    raise ValueError(f'not a date: {text!r}; write "2014", "2014-06" or "2014-06-30"')


def parse_date(value) -> FuzzyDate:
    """Parse any date form of the records (see data/README.md)."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "unknown"):
        return FuzzyDate()
    if isinstance(value, dict):
        unexpected = set(value) - {"earliest", "latest"}
        if unexpected or not value:
            raise ValueError(f"a bounded date has `earliest` and/or `latest`, not {sorted(unexpected) or 'nothing'}")
        earliest = parse_point(value["earliest"]) if value.get("earliest") is not None else None
        latest = parse_point(value["latest"]) if value.get("latest") is not None else None
        if earliest and latest and _start(earliest) > _end(latest):
            raise ValueError(f"earliest {earliest.text} is after latest {latest.text}")
        return FuzzyDate(earliest=earliest, latest=latest)
    return FuzzyDate(point=parse_point(value))


def _start(point: PointDate) -> str:
    return (point.text + "-01-01")[:10]


def _end(point: PointDate) -> str:
    """The last day a point covers: a year ends on 31 December, a month on its last day."""
    if point.precision == "day":
        return point.text
    year = int(point.text[:4])
    month = int(point.text[5:7]) if point.precision == "month" else 12
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (next_month - datetime.timedelta(days=1)).isoformat()
