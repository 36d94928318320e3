"""Finding evidence quotes in source texts.

Curators write a quote as it reads; the source may be PDF-extracted text in which the same
words are broken across lines, hyphenated at a line end, spaced twice, or written with
no-break spaces, non-breaking hyphens and curly quotes. A quote matches when only such
differences separate it from the text. The match is reported as character offsets into the
original text (Python string indices, i.e. Unicode code points), so a reader can jump to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that PDF extraction and typesetting vary, mapped to one plain form.
_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\t": " ",
        "\r": " ",
        "\f": " ",
        "\v": " ",
    }
)
_CONTEXT = 32


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    exact: str  # the text as it stands in the source
    prefix: str
    suffix: str


_SPACE_RUN = re.compile(r"\s+")


def _normalise(text: str, join_words: bool) -> tuple[str, list[int]]:
    """Plain form of `text` and, for each of its characters, the offset it came from.

    Runs of white space become one space. A hyphen at a line end is joined to the next word:
    kept ("anti-\nsocial" -> "anti-social"), or with `join_words` dropped as well
    ("investi-\ngation" -> "investigation").
    """
    plain = text.translate(_PLAIN)
    parts: list[str] = []
    offsets: list[int] = []
    previous = ""  # the last character kept
    position = 0
    for run in _SPACE_RUN.finditer(plain):
        start, end = run.span()
        if start > position:
            parts.append(plain[position:start])
            offsets.extend(range(position, start))
            previous = plain[start - 1]
        position = end
        if previous == "-" and "\n" in plain[start:end]:
            if join_words:
                parts[-1] = parts[-1][:-1]
                offsets.pop()
                previous = ""
        elif previous:
            parts.append(" ")
            offsets.append(start)
            previous = " "
    if position < len(plain):
        parts.append(plain[position:])
        offsets.extend(range(position, len(plain)))
    return "".join(parts), offsets


class SourceText:
    """A source's text, prepared once for any number of quote look-ups."""

    def __init__(self, text: str):
        self.text = text
        self._plain: dict[bool, tuple[str, list[int]]] = {}

    def _plain_form(self, join_words: bool) -> tuple[str, list[int]]:
        if join_words not in self._plain:
            self._plain[join_words] = _normalise(self.text, join_words)
        return self._plain[join_words]

    def find(self, quote: str) -> Match | None:
        """The first passage that says `quote`, or None."""
        wanted = " ".join(quote.translate(_PLAIN).split())
        if not wanted:
            return None
        for join_words in (False, True):
            plain, offsets = self._plain_form(join_words)
            at = plain.find(wanted)
            if at >= 0:
                start, end = offsets[at], offsets[at + len(wanted) - 1] + 1
                text = self.text
                return Match(
                    start=start,
                    end=end,
                    exact=text[start:end],
                    prefix=text[max(0, start - _CONTEXT) : start],
                    suffix=text[end : end + _CONTEXT],
                )
        return None


def find_quote(quote: str, text: str) -> Match | None:
    """The first passage of `text` that says `quote`, or None."""
    return SourceText(text).find(quote)


_WORD = re.compile(r"\w+")


def closest_passage(quote: str, text: str) -> str:
    """The passage of `text` most like `quote`, to show when the quote is not found."""
    import difflib

    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    wanted = [w.lower() for w in _WORD.findall(quote)]
    if not words or not wanted:
        return ""
    width = len(wanted)
    wanted_set = set(wanted)
    # Score every window of the quote's length by shared words, then compare the best few.
    scores = []
    shared = sum(1 for w in words[:width] if w[0] in wanted_set)
    for i in range(0, max(1, len(words) - width + 1)):
        if i:
            shared += (words[i + width - 1][0] in wanted_set if i + width - 1 < len(words) else 0) - (
                words[i - 1][0] in wanted_set
            )
        scores.append((shared, -i))
    best = sorted(scores, reverse=True)[:5]

    def window(i: int) -> str:
        last = words[min(i + width, len(words)) - 1]
        return " ".join(text[words[i][1] : last[2]].split())

    candidates = [window(-neg_i) for _, neg_i in best]
    return max(candidates, key=lambda c: difflib.SequenceMatcher(None, quote, c).ratio())
