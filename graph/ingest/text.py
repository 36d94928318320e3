"""The report as the extractor reads it: blocks of text, folded words, and quotes that find_quote finds.

The text is cut into blocks (paragraphs, bullets, grade lines, page starts); each block is
flattened as graph.data.evidence does (line breaks and line-end hyphens joined) and tokenised.
Every proposal's evidence comes from `make_quote`, so its quote is one the build will find.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from graph.data.evidence import SourceText, _normalise
from graph.ingest import extraction_patterns as P

_FOLD = str.maketrans({"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"', "\u2010": "-", "\u2011": "-",
                       "\u2013": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Case-, diacritic- and quote-insensitive form of `text`, for matching and de-duplicating."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slug(text: str, words: int = 8) -> str:
    parts = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(parts[:words]) or "x"


def flat(text: str) -> str:
    """`text` on one line as a curator would quote it: line-end hyphens joined, white space single."""
    text = re.sub(r"-[ \t\r\f\v\u00a0]*\n\s*", "-", text)
    return " ".join(text.split())



@dataclass
class Block:
    """A paragraph, bullet, heading or grade line of the report, tokenised."""

    start: int
    end: int
    doc: object  # spaCy Doc of the flattened block
    offsets: list[int]  # flattened char -> offset in the report
    question: bool = False
    grade_line: bool = False

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Report offsets of flattened chars [i, j)."""
        return self.start + self.offsets[i], self.start + self.offsets[j - 1] + 1

    def token_span(self, first, last) -> tuple[int, int]:
        return self.span(first.idx, last.idx + len(last.text))


def make_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def set_norms(doc) -> None:
    for token in doc:
        token.norm_ = fold(token.text)


def _block_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs: split at blank lines, bullets, sub-items, page starts and grade lines."""
    bounds: list[tuple[int, int]] = []
    start = None
    pos = 0
    previous_grade = False
    last_end = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        line_start, line_end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        if not body:
            if start is not None:
                bounds.append((start, last_end))
            start = None
            continue
        grade = bool(P.GRADE_LINE.match(body))
        new = (P.BULLET.match(line) or P.SUB_ITEM.match(line) or grade or previous_grade
               or line[:1] in (" ", "\t", "\f"))
        if new and start is not None:
            bounds.append((start, last_end))
            start = None
        if start is None:
            start = line_start + (len(line) - len(line.lstrip()))
        last_end = line_end
        previous_grade = grade
    if start is not None:
        bounds.append((start, last_end))
    return bounds


def read_blocks(nlp, text: str) -> list[Block]:
    bounds = _block_bounds(text)
    flats = [_normalise(text[s:e], False) for s, e in bounds]
    blocks = []
    for (s, e), (plain, offsets), doc in zip(bounds, flats, nlp.pipe(p for p, _ in flats), strict=True):
        set_norms(doc)
        words = [t for t in doc if t.is_alpha]
        plain = plain.strip()
        question = plain.endswith("?") and plain.count("?") == 1 and 2 < len(words) <= 30 and plain[:1].isupper()
        blocks.append(Block(s, e, doc, offsets, question, bool(P.GRADE_LINE.match(plain))))
    return blocks


def make_quote(text: str, start: int, end: int, unique: bool = True,
               source: SourceText | None = None) -> tuple[str, list[int]] | None:
    """A quote of text[start:end] that find_quote finds, and the offsets it finds.

    With `unique`, the quote is widened word by word until its first occurrence is this one
    (a passage printed twice keeps its first occurrence, as the build does).
    """
    # One SourceText for all the quotes of a report: normalising the whole text for each quote made
    # extraction quadratic in the text's length (issue 19: 1 MB took over 200 s).
    source = source or SourceText(text)
    match = None
    for step in range(16):
        quote = flat(text[start:end])
        match = source.find(quote) if quote else None
        if match is None:
            return None
        if not unique or match.start == start:
            break
        if step % 2 == 0:
            after = re.match(r"\s*\S+", text[end:])
            if after:
                end += after.end()
                continue
        before = re.search(r"\S+\s*$", text[:start])
        if before:
            start = before.start()
    return quote, [match.start, match.end]


# ---------------------------------------------------------------------------- known entities
