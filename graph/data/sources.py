"""The source documents: their metadata (data/sources/sources.yaml) and their texts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.data.dates import FuzzyDate, parse_date
from graph.data.fields import check_fields
from graph.data.model import ID_PATTERN, Origin
from graph.data.yamlfile import read_yaml
from graph.problems import DataError, Problem

# A note the project's curators wrote: what rests on it is a curators' assertion, shown as such
# everywhere (pages, views, query results), never as documentary evidence.
CURATORS_NOTE = "ReferenceNote"
SOURCE_KINDS = (
    "InspectionReport",
    "PressRelease",
    "NewsArticle",
    "Transcript",
    "WebPage",
    "Dataset",
    "ReferenceNote",
)
SOURCES_FILE = "sources/sources.yaml"
# The largest source text read (the longest real report is well under a megabyte of text).
MAX_SOURCE_BYTES = 32 * 1024 * 1024
_FIELDS = {
    "id": True,
    "file": True,
    "title": True,
    "kind": True,
    "publisher": True,
    "date": True,
    "date_basis": False,
    "url": False,
    "licence": False,
    "note": False,
}


@dataclass
class Source:
    id: str
    file: str
    title: str
    kind: str
    publisher: str
    date: FuzzyDate
    date_basis: str
    url: str
    licence: str
    note: str
    text: str | None  # None when the file could not be read (already reported)
    origin: Origin

    @property
    def is_curators_note(self) -> bool:
        return self.kind == CURATORS_NOTE

    @property
    def ref(self) -> str:
        """How records refer to the source as an entity (e.g. as a relation's subject)."""
        return f"source/{self.id}"


def load_sources(data_dir: Path) -> tuple[dict[str, Source], list[Problem]]:
    """Read sources.yaml and each source's text. Problems are returned, not raised."""
    try:
        entries = read_yaml(data_dir / SOURCES_FILE, SOURCES_FILE)
    except DataError as error:
        return {}, error.problems
    problems: list[Problem] = []
    if not isinstance(entries, list):
        return {}, [Problem(SOURCES_FILE, 1, "expected a list of sources", hint="Start each source with `- id: ...`.")]
    sources: dict[str, Source] = {}
    for entry in entries:
        line = getattr(entry, "line", 0)
        origin = Origin(SOURCES_FILE, line)
        if not isinstance(entry, dict):
            problems.append(Problem(SOURCES_FILE, line, "expected a mapping for each source", str(entry)))
            continue
        fields = check_fields(entry, _FIELDS, origin, problems)
        if fields is None:
            continue
        source_id = str(fields["id"])
        if not ID_PATTERN.fullmatch(f"source/{source_id}"):
            problems.append(Problem(SOURCES_FILE, line, "a source id is lower case words joined by hyphens", source_id))
            continue
        if source_id in sources:
            problems.append(
                Problem(
                    SOURCES_FILE,
                    line,
                    "duplicate source id",
                    source_id,
                    f"It is first defined on line {sources[source_id].origin.line}.",
                )
            )
            continue
        if fields["kind"] not in SOURCE_KINDS:
            problems.append(
                Problem(
                    SOURCES_FILE,
                    line,
                    "unknown source kind",
                    str(fields["kind"]),
                    "Use one of: " + ", ".join(SOURCE_KINDS) + ".",
                )
            )
        try:
            date = parse_date(fields["date"])
        except ValueError as error:
            problems.append(Problem(SOURCES_FILE, line, f"bad date: {error}", str(fields["date"])))
            date = FuzzyDate()
        url = str(fields.get("url") or "")
        if url and not _is_web_address(url):
            problems.append(
                Problem(SOURCES_FILE, line, "not a web address", url, "Give the full http(s) address, without spaces.")
            )
            url = ""
        text = None
        path = _confined(data_dir / "sources", str(fields["file"]))
        try:
            if path is None:
                problems.append(
                    Problem(
                        SOURCES_FILE,
                        line,
                        "source file outside data/sources/",
                        str(fields["file"]),
                        "Give a file name inside data/sources/ (no `..`, no absolute path, no link leading out).",
                    )
                )
            elif path.is_file() and path.stat().st_size > MAX_SOURCE_BYTES:
                problems.append(
                    Problem(
                        SOURCES_FILE,
                        line,
                        f"source file too large: {path.stat().st_size:,} bytes (the limit is {MAX_SOURCE_BYTES:,})",
                        f"sources/{fields['file']}",
                        "Cite the part of the document the records quote.",
                    )
                )
            else:
                text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, IsADirectoryError):
            problems.append(
                Problem(
                    SOURCES_FILE,
                    line,
                    "source file not found",
                    f"sources/{fields['file']}",
                    "Put the document's text in data/sources/ or correct `file:`.",
                )
            )
            text = None
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    SOURCES_FILE,
                    line,
                    "source file is not UTF-8 text",
                    f"sources/{fields['file']}",
                    "Convert the document to UTF-8 text.",
                )
            )
            text = None
        sources[source_id] = Source(
            id=source_id,
            file=str(fields["file"]),
            title=str(fields["title"]),
            kind=str(fields["kind"]),
            publisher=str(fields["publisher"]),
            date=date,
            date_basis=str(fields.get("date_basis") or ""),
            url=url,
            licence=str(fields.get("licence") or ""),
            note=str(fields.get("note") or ""),
            text=text,
            origin=origin,
        )
    return sources, problems


def _confined(folder: Path, name: str) -> Path | None:
    """`folder / name` if it resolves (links followed) inside `folder`, else None.

    `file:` is outside text: without this, `../../etc/passwd`, an absolute path or a link
    would be read, shown in "closest passage" hints and published as a source page.
    """
    root = folder.resolve()
    candidate = (folder / name).resolve()
    return candidate if candidate.is_relative_to(root) and candidate != root else None


def _is_web_address(url: str) -> bool:
    """Whether `url` is an absolute http(s) IRI, as the graph's foaf:page needs."""
    import pyoxigraph as ox

    if not url.startswith(("http://", "https://")):
        return False
    try:
        ox.NamedNode(url)
    except ValueError:
        return False
    return True
