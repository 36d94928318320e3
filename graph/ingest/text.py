"""The report as the extractor reads it: blocks of text, folded words, and quotes that find_quote finds.

The text is cut into blocks (paragraphs, bullets, grade lines, page starts); each block is
flattened as graph.data.evidence does (line breaks and line-end hyphens joined) and tokenised.
Every proposal's evidence comes from `make_quote`, so its quote is one the build will find.

Tokens and sentences are this module's own (`Doc`: one regular expression for tokens, a
sentence end at ". ! ?" before a word not in lower case, a few abbreviations). They replaced
spaCy (issue 12), of which the extractor used only a blank English tokenizer, the rule-based
sentencizer and a PhraseMatcher (now gazetteer.Gazetteer, a dict of folded token tuples).
Measured on the same work (2 cores, load about 5, whole process, medians):
- the benchmark's precision and recall (benchmarks/extract.py) are the same on every kind, dev,
  holdout and seed texts, and the 56 corpus drafts the same but for which of two entities
  sharing a name ("PCC") a hit goes to;
- importing the extractor and drafting a one-line report: 0.07 s CPU and 15 MiB against 0.89 s
  and 98 MiB with spaCy; the dev texts at 160 KB: 0.98 s against 2.21 s CPU; at 1 MB 7.0 s
  against 7.4 s CPU (the rest of extraction dominates there), peak 150 MiB against 228 MiB;
- installed: spaCy is 126 MB, 203 MB with the 29 distributions only it required (thinc, blis,
  pydantic, typer, requests, ...), none of which the project needs now.
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



# ---------------------------------------------------------------------------- tokens and sentences
# A token: a word (letters and digits, "e.g." with its dots), a number ("1,000", "75.3"), the
# possessive "’s", or any other single character that is not white space. Hyphens, brackets and
# quote marks are tokens of their own, as spaCy's English tokenizer made them, so the rules that
# were written against it read the same tokens.
_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)+\.?|['’][sS](?![^\W_])|\d+(?:[.,]\d+)*|[^\W_]+|\S")
# A sentence ends at ".", "!" or "?" (and the closing quotes and brackets after it) before a word
# that is not in lower case; not after these abbreviations.
_SENTENCE_END = {".", "!", "?", "…"}
_CLOSING = set("\"'”’)]")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "cf", "prof", "supt", "insp", "sgt", "det",
                  "cllr", "rt", "hon", "co", "ltd", "approx", "fig", "para", "paras", "ch", "vol", "pp", "p"}


class Token:
    """A word, number or punctuation mark of a block, with the few properties the rules read
    (named as spaCy names them: the extractor used spaCy's blank tokenizer until issue 12)."""

    __slots__ = ("doc", "i", "idx", "text", "whitespace_", "lower_", "norm_", "sent_start")

    def __init__(self, doc, i: int, idx: int, text: str, whitespace: str):
        self.doc, self.i, self.idx, self.text, self.whitespace_ = doc, i, idx, text, whitespace
        self.lower_ = text.lower()
        self.norm_ = fold(text)
        self.sent_start = 0  # the index of the first token of this token's sentence

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    is_alpha = property(lambda self: self.text.isalpha())
    is_title = property(lambda self: self.text.istitle())
    is_upper = property(lambda self: self.text.isupper())
    is_lower = property(lambda self: self.text.islower())
    is_sent_start = property(lambda self: self.sent_start == self.i)
    sent = property(lambda self: self.doc.sentence_of(self.i))


class Span:
    """Tokens [start, end) of a Doc: a sentence or a name."""

    def __init__(self, doc, start: int, end: int):
        self.doc, self.start, self.end = doc, start, end

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx if self.start < len(self.doc.tokens) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        last = self.doc.tokens[self.end - 1] if self.end > self.start else None
        return last.idx + len(last.text) if last else self.start_char

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self):
        return iter(self.doc.tokens[self.start:self.end])

    def __getitem__(self, i):
        if isinstance(i, slice):
            first, last, _ = i.indices(len(self))
            return Span(self.doc, self.start + first, self.start + max(first, last))
        return self.doc.tokens[self.start:self.end][i]


class Doc:
    """A block's flattened text cut into tokens and sentences."""

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[Token] = []
        for match in _TOKEN.finditer(text):
            end = match.end()
            space = text[end:len(text) - len(text[end:].lstrip())]
            self.tokens.append(Token(self, len(self.tokens), match.start(), match.group(), space))
        self.sents: list[Span] = []
        self._sentence_at: dict[int, Span] = {}  # first token -> its sentence
        start = 0
        for i in range(1, len(self.tokens) + 1):
            if i == len(self.tokens) or self._ends_before(i):
                sentence = Span(self, start, i)
                self.sents.append(sentence)
                self._sentence_at[start] = sentence
                for token in self.tokens[start:i]:
                    token.sent_start = start
                start = i

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, i):
        if isinstance(i, slice):
            first, last, _ = i.indices(len(self.tokens))
            return Span(self, first, max(first, last))
        return self.tokens[i]

    def _ends_before(self, i: int) -> bool:
        """Whether a sentence ends before token i: after ".", "!" or "?" and closing marks, and
        before a token that does not start in lower case."""
        k = i - 1
        while k > 0 and self.tokens[k].text in _CLOSING:
            k -= 1
        stop = self.tokens[k]
        if stop.text not in _SENTENCE_END or self.tokens[i].text in _SENTENCE_END | _CLOSING:
            return False
        if stop.text == "." and k > 0 and not self.tokens[k - 1].whitespace_ and (
                self.tokens[k - 1].lower_ in _ABBREVIATIONS):
            return False
        return not self.tokens[i].text[:1].islower()

    def sentence_of(self, i: int) -> Span:
        return self._sentence_at[self.tokens[i].sent_start]


@dataclass
class Block:
    """A paragraph, bullet, heading or grade line of the report, tokenised."""

    start: int
    end: int
    doc: Doc  # the flattened block
    offsets: list[int]  # flattened char -> offset in the report
    question: bool = False
    grade_line: bool = False

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Report offsets of flattened chars [i, j)."""
        return self.start + self.offsets[i], self.start + self.offsets[j - 1] + 1

    def token_span(self, first, last) -> tuple[int, int]:
        return self.span(first.idx, last.idx + len(last.text))


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


def read_blocks(text: str) -> list[Block]:
    blocks = []
    for s, e in _block_bounds(text):
        plain, offsets = _normalise(text[s:e], False)
        doc = Doc(plain)
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
