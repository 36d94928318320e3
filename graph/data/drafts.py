"""Checking the unreviewed drafts apart from the curated data.

`policing-kg extract` writes drafts (`*.draft.yaml`, or files and records marked `reviewed:
false`) that never reach the graph. A curator still wants to know, before accepting one, what
would be wrong with it: a quote the source does not hold, a reference to an id defined nowhere,
an id that is malformed or already taken. `check_drafts` runs the record checks of the curated
data on each draft file's unreviewed records, as if they were accepted: ids against the curated
ids and the draft's own, references against the curated data plus the draft itself, quotes
against the sources of `sources.yaml`. Each draft's problems are its own; they are never mixed
with the curated data's, and nothing here builds RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# the corpus checks are private to graph.data; this module is their second user in the package
from graph.data.corpus import (
    Corpus,
    _check_grades_stated,
    _check_ids,
    _check_references,
    _locate_evidence,
    read_and_check,
)
from graph.data.records import load_drafts
from graph.problems import Problem


@dataclass
class DraftCheck:
    """What checking one file's unreviewed records found.

    `file` is the file as problems name it (`records/x.draft.yaml`); `whole_file` says whether
    the whole file is a draft or only some records of a reviewed file are; `records` is how many
    unreviewed records it holds; `problems` would each stop the build if the draft were
    accepted as it is; `warnings` are what `validate` warns about in curated data."""

    file: str
    whole_file: bool
    records: int
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def heading(self) -> str:
        """One line naming the draft and its verdict, for a report."""
        what = f"{self.records} record{'s' if self.records != 1 else ''}" if self.whole_file \
            else f"{self.records} unreviewed record{'s' if self.records != 1 else ''}"
        count = len(self.problems)
        verdict = f"{count} problem{'s' if count != 1 else ''}" if count else "no problems"
        if self.warnings:
            verdict += f" ({len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''})"
        return f"draft {self.file} ({what}, kept out of the graph): {verdict}"


def check_drafts(data_dir: str | Path = "data", curated: Corpus | None = None) -> list[DraftCheck]:
    """Check every unreviewed draft of `data_dir`, one DraftCheck per file that holds any, in
    file name order. `curated` is the curated corpus already read (read_and_check), if any.

    The curated data's own problems are not repeated here; a draft is checked against whatever
    of the curated data could be read."""
    data_dir = Path(data_dir)
    if curated is None:
        curated, _ = read_and_check(data_dir)
    defined = {}
    for record in curated.records.identified():
        defined.setdefault(record.id, record)
    checks = []
    for draft in load_drafts(data_dir):
        corpus = Corpus(data_dir, curated.vocabulary, curated.sources, draft.records, kinds=dict(curated.kinds))
        problems = list(draft.problems)
        problems += _check_ids(corpus, defined_before=defined)
        problems += _check_references(corpus, sources=False)
        problems += _locate_evidence(corpus)
        grade_problems, warnings = _check_grades_stated(corpus)
        problems += grade_problems
        checks.append(DraftCheck(draft.file, draft.whole_file, draft.count, sorted(set(problems), key=_order),
                                 warnings))
    return checks


def _order(problem: Problem):
    return problem.line, problem.message, problem.value
