"""Finding evidence quotes in source texts.

Curators write a quote as it reads; the source may be PDF-extracted text in which the same
words are broken across lines, hyphenated at a line end, spaced twice, or written with
no-break spaces, non-breaking hyphens and curly quotes. A quote matches when only such
differences separate it from the text. The match is reported as character offsets into the
original text (Python string indices, i.e. Unicode code points), so a reader can jump to it.
"""

from __future__ import annotations

import functools
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


def _normalise(text: str, join_words: bool) -> tuple[str, list[int]]:
    """Plain form of `text` and, for each of its characters, the offset it came from.

    Runs of white space become one space. A hyphen at a line end is joined to the next word:
    kept ("anti-\nsocial" -> "anti-social"), or with `join_words` dropped as well
    ("investi-\ngation" -> "investigation").
    """
    plain = text.translate(_PLAIN)
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(plain)
    while i < n:
        char = plain[i]
        if char.isspace():
            j = i
            while j < n and plain[j].isspace():
                j += 1
            if out and out[-1] == "-" and "\n" in plain[i:j]:
                if join_words:
                    out.pop()
                    offsets.pop()
            elif out and out[-1] != " ":
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        out.append(char)
        offsets.append(i)
        i += 1
    return "".join(out), offsets


@functools.lru_cache(maxsize=64)
def _normalised(text: str, join_words: bool) -> tuple[str, list[int]]:
    return _normalise(text, join_words)


def find_quote(quote: str, text: str) -> Match | None:
    """The first passage of `text` that says `quote`, or None."""
    wanted = " ".join(quote.translate(_PLAIN).split())
    if not wanted:
        return None
    for join_words in (False, True):
        plain, offsets = _normalised(text, join_words)
        at = plain.find(wanted)
        if at >= 0:
            start, end = offsets[at], offsets[at + len(wanted) - 1] + 1
            return Match(
                start=start,
                end=end,
                exact=text[start:end],
                prefix=text[max(0, start - _CONTEXT) : start],
                suffix=text[end : end + _CONTEXT],
            )
    return None


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
