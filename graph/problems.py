"""What goes wrong, said to the person it concerns: problems in the curated data, the error that
carries them, and the error of a refused or failed SPARQL query.

A problem names where it is (file and line), what is wrong, the offending value and what to
do about it. Checks collect every problem they find so that one run reports them all.
QueryError lives here, in the base layer, because every layer that answers queries raises or
catches it (graph.sparql, the views, the endpoint, the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    value: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        if self.value:
            text += f": {self.value!r}" if len(self.value) < 200 else f": {self.value[:200]!r}…"
        if self.hint:
            text += f"\n    {self.hint}"
        return text


class DataError(Exception):
    """The curated data has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems) + f"\n{self.args[0]}."


class QueryError(Exception):
    """A query that was refused or failed. `kind` says why; `status` is the HTTP status to answer with.

    The message is written for the person who sent the query and never carries internals."""

    STATUS = {"syntax": 400, "unknown-prefix": 400, "refused": 400, "bad-request": 400, "unknown-name": 404,
              "too-large": 400, "timeout": 503, "failed": 500, "not-acceptable": 406}

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.status = self.STATUS.get(kind, 400)

