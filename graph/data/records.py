"""Reading data/records/*.yaml: every file into the record model (graph.data.model).

    >>> records, problems = load_records(Path("data"))

Each section of a file goes to its parser (graph.data.parsers, which checks each record on its
own: required fields, field names, id forms, dates, numbers). Unreviewed records are kept out of
the graph and counted (`drafts_note`); `load_drafts` reads them apart, for `validate` to check.
Checks that need the whole corpus (ids defined once, references that resolve, quotes found in
their sources) are in graph.data.corpus.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from graph.data.model import SECTIONS, DraftFile, Origin, Records, SkippedDraft
from graph.data.parsers import DRAFT_SUFFIX, PARSERS, marked_unreviewed, parse_recommendation
from graph.data.yamlfile import read_yaml
from graph.problems import DataError, Problem


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
        if is_draft_file or marked_unreviewed(document, Origin(shown, 1), problems):
            count = sum(len(v) for k, v in document.items() if k in PARSERS and isinstance(v, list))
            records.drafts.append(SkippedDraft(shown, count, whole_file=True))
            continue
        unreviewed = _parse_document(document, shown, records, problems, drafts=False)
        if unreviewed:
            records.drafts.append(SkippedDraft(shown, unreviewed, whole_file=False))
    return records, problems


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
        whole = is_draft_file or marked_unreviewed(document, Origin(shown, 1), [])
        records = Records()
        if whole:
            _parse_document(document, shown, records, problems, drafts=True, everything=True)
            count = sum(len(v) for k, v in document.items() if k in PARSERS and isinstance(v, list))
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
        parse = PARSERS[section]
        for raw in items:
            origin = Origin(shown, getattr(raw, "line", 0))
            if not isinstance(raw, dict):
                problems.append(Problem(shown, origin.line, f"each entry of `{section}` should be a mapping", str(raw)))
                continue
            # a bad `reviewed:` value is reported once: with the curated data, or with a whole draft file
            is_unreviewed = marked_unreviewed(raw, origin, problems if everything or not drafts else [])
            unreviewed += is_unreviewed
            if is_unreviewed != drafts and not everything:
                continue
            record = parse_recommendation(raw, default_source, origin, problems, drafts=drafts) \
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
