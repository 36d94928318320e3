"""Problems found in the curated data, and the error that carries them.

A problem names where it is (file and line), what is wrong, the offending value and what to
do about it. Checks collect every problem they find so that one run reports them all.
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
