"""Draft records from the text of a new report: `policing-kg extract`.

    >>> from graph.ingest.extraction import extract, read_report
    >>> draft = extract(read_report("data/sources/new.txt"), "hmic-2014-avon-crime", data_dir="data")
    >>> draft.counts()                        # proposals per section
    >>> Path("data/records/new.yaml").write_text(draft.to_yaml())

The draft is a records file in the curated format (data/README.md) with `reviewed: false` on
the file and on every record, so nothing of it reaches the graph until a researcher has read
it and flipped the field (graph.data.records skips unreviewed records). Every proposal carries a
verbatim `quote` from the report that graph.data.evidence.find_quote finds, and the `offsets` of
that passage.

How it reads the text:
- the text is cut into blocks (paragraphs, bullets, grade lines, page starts) and each block is
  flattened as graph.data.evidence does (line breaks and line-end hyphens joined) and tokenised by
  spaCy's blank English pipeline with its rule-based sentencizer: no model is downloaded;
- entities already in the graph are found with a PhraseMatcher on a NORM attribute folded for
  case, diacritics and quote marks (possessives are split off by the tokenizer);
- new entities come from head nouns of units and agencies and from acronyms defined in
  brackets; grades from the inspectorate's grade words; recommendations from the items under a
  recommendations heading; statistics, periods and deadlines from regular expressions
  (graph.ingest.extraction_patterns); quotations from speech verbs next to quotation marks.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graph.data.evidence import _normalise, find_quote
from graph.ingest import extraction_patterns as P

_FOLD = str.maketrans({"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"', "\u2010": "-", "\u2011": "-",
                       "\u2013": "-", "\u00a0": " "})
_AUX = {"has", "have", "had", "is", "are", "was", "were", "been", "be", "it", "they", "we", "he", "she", "who",
        "which", "that"}
_STOP_LEADS = {"the", "a", "an", "this", "that", "its", "our", "their", "his", "her", "these", "those", "and", "in",
               "on", "at", "by", "with", "from", "of", "for", "to", "as", "new", "each", "every"}


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


def read_report(path: str | Path) -> str:
    """The text of a report: a UTF-8 text file, or a PDF read with pypdf."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        return "\n".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the text


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


def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _set_norms(doc) -> None:
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


def _blocks(nlp, text: str) -> list[Block]:
    bounds = _block_bounds(text)
    flats = [_normalise(text[s:e], False) for s, e in bounds]
    blocks = []
    for (s, e), (plain, offsets), doc in zip(bounds, flats, nlp.pipe(p for p, _ in flats), strict=True):
        _set_norms(doc)
        words = [t for t in doc if t.is_alpha]
        plain = plain.strip()
        question = plain.endswith("?") and plain.count("?") == 1 and 2 < len(words) <= 30 and plain[:1].isupper()
        blocks.append(Block(s, e, doc, offsets, question, bool(P.GRADE_LINE.match(plain))))
    return blocks


def make_quote(text: str, start: int, end: int, unique: bool = True) -> tuple[str, list[int]] | None:
    """A quote of text[start:end] that find_quote finds, and the offsets it finds.

    With `unique`, the quote is widened word by word until its first occurrence is this one
    (a passage printed twice keeps its first occurrence, as the build does).
    """
    match = None
    for step in range(16):
        quote = flat(text[start:end])
        match = find_quote(quote, text) if quote else None
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


class Gazetteer:
    """The entities of the graph, matched by label and alias with a spaCy PhraseMatcher."""

    def __init__(self, nlp, data_dir: Path | None, exclude_sources: tuple[str, ...] = ()):
        from spacy.matcher import PhraseMatcher

        self.entities: dict[str, object] = {}
        self.tied: dict[str, set[str]] = {}  # entity -> the forces it belongs to
        self.labels: dict[str, str] = {}  # folded label -> id
        self.generic: set[tuple[str, str]] = set()  # (id, folded alias) written in lower case
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        if data_dir is None or not (Path(data_dir) / "records").is_dir():
            return
        from graph.data.records import load_records

        records, _ = load_records(Path(data_dir))
        keep = [e for e in records.entities if e.evidence.source not in exclude_sources]
        self.entities = {e.id: e for e in keep}
        forces = {e.id for e in keep if e.type == "PoliceForce"}
        for r in records.relations:
            if r.evidence.source in exclude_sources:
                continue
            for a, b in ((r.subject, r.object), (r.object, r.subject)):
                if b in forces and a != b:
                    self.tied.setdefault(a, set()).add(b)
        for entity in keep:
            for force in forces:
                if entity.id.split("/", 1)[1].startswith(force.split("/", 1)[1] + "-"):
                    self.tied.setdefault(entity.id, set()).add(force)
            for name in {entity.label, *entity.aliases}:
                words = name.split()
                if len(name) < 3 or (len(words) == 1 and name.islower()):
                    continue
                if name == name.lower():
                    self.generic.add((entity.id, fold(name)))
                self.labels.setdefault(fold(name), entity.id)
                variants = {name, name.replace("-", " "), name.replace("-", "")}
                docs = []
                for variant in variants:
                    doc = nlp.make_doc(variant)
                    _set_norms(doc)
                    docs.append(doc)
                self.matcher.add(entity.id, docs)

    def lookup(self, label: str) -> str:
        return self.labels.get(fold(flat(label)), "")

    def type_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.type if entity else ""


@dataclass
class Hit:
    entity: str
    start: int  # report offsets
    end: int
    block: int
    first_token: int
    last_token: int


# ---------------------------------------------------------------------------- the draft


@dataclass
class Draft:
    """The proposals of one report, as records of the curated format."""

    source: str
    header: list[str] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    judgements: list[dict] = field(default_factory=list)
    recommendations: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    quotations: list[dict] = field(default_factory=list)

    SECTIONS = ("entities", "mentions", "judgements", "recommendations", "statistics", "quotations")

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.SECTIONS}

    def to_dict(self) -> dict:
        document = {"source": self.source, "reviewed": False}
        for name in self.SECTIONS:
            if getattr(self, name):
                document[name] = getattr(self, name)
        return document

    def to_yaml(self) -> str:
        import yaml

        body = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=1000)
        return "".join(f"# {line}\n".replace("# \n", "#\n") for line in self.header) + body


class _Extractor:
    def __init__(self, text, source_id, data_dir, title, publisher, date, subject, exclude_sources):
        self.text = text
        self.source = source_id
        self.title = title or ""
        self.date = str(date or "")
        self.nlp = _nlp()
        self.gazetteer = Gazetteer(self.nlp, Path(data_dir) if data_dir else None, tuple(exclude_sources))
        self.blocks = _blocks(self.nlp, text)
        self.draft = Draft(source_id)
        self.ids: set[str] = set(self.gazetteer.entities)
        self.used: set[tuple[str, str]] = set()
        self.new_entities: dict[str, dict] = {}  # folded label -> entity record
        self.hits = self._known_hits()
        self.subject = subject or self._subject()
        self.hits = [h for h in self.hits if self._plausible(h)]
        self.claimed: list[tuple[int, int]] = [(h.start, h.end) for h in self.hits]

    # -- helpers
    def new_id(self, prefix: str, name: str) -> str:
        base = prefix + slug(name)
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def quote(self, start: int, end: int, unique: bool = True, kind: str = "") -> dict:
        """Evidence for text[start:end]; {} when not quotable, or when `kind` already has this passage
        (a report printing a section twice yields its records once)."""
        if kind:
            key = (kind, flat(self.text[max(0, start - 80):end + 80]))
            if key in self.used:
                return {}
            self.used.add(key)
        made = make_quote(self.text, start, end, unique)
        if made is None:
            return {}
        quote, offsets = made
        return {"quote": quote, "offsets": offsets, "reviewed": False}

    def entity(self, type_: str, label: str, start: int, end: int, aliases=(), description="",
               reuse: bool = True) -> str:
        """The id of a proposed new entity (one per folded label), or of the known one so labelled."""
        key = fold(label).rstrip("s")
        if key in self.new_entities:
            return self.new_entities[key]["id"]
        known = self.gazetteer.lookup(label) if reuse else ""
        if known:
            return known
        evidence = self.quote(start, end, unique=False)
        if not evidence:
            return ""
        record = {"id": self.new_id(P.TYPE_PREFIX.get(type_, "org/"), label), "type": type_, "label": label}
        aliases = [a for a in dict.fromkeys(aliases) if a != label]
        if aliases:
            record["aliases"] = aliases
        if description:
            record["description"] = description
        record.update(evidence)
        self.new_entities[key] = record
        self.draft.entities.append(record)
        return record["id"]

    def claimed_by(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.claimed)

    # -- known entities
    def _known_hits(self) -> list[Hit]:
        from spacy.util import filter_spans

        hits = []
        for number, block in enumerate(self.blocks):
            doc = block.doc
            spans = [doc[s:e] for match_id, s, e in self.gazetteer.matcher(doc)]
            labels = {(s, e): self.nlp.vocab.strings[m] for m, s, e in self.gazetteer.matcher(doc)}
            for span in filter_spans(spans):
                start, end = block.token_span(span[0], span[-1])
                hits.append(Hit(labels[(span.start, span.end)], start, end, number, span.start, span.end - 1))
        return hits

    def _subject(self) -> str:
        counts: dict[str, int] = {}
        for hit in self.hits:
            if self.gazetteer.type_of(hit.entity) == "PoliceForce":
                counts[hit.entity] = counts.get(hit.entity, 0) + 1
        return max(counts, key=counts.get) if counts else "force/unknown"

    def _plausible(self, hit: Hit) -> bool:
        """A lower-case alias of another force's unit names this report's own unit, not that one;
        an inspection's areas and documents are named as headings, not in passing."""
        if self.gazetteer.type_of(hit.entity) in ("AssessedArea", "Inspection", "Document"):
            block = self.blocks[hit.block].doc.text.strip()
            return fold(block).rstrip("?:. ") == fold(flat(self.text[hit.start:hit.end])).rstrip("?:. ")
        tied = self.gazetteer.tied.get(hit.entity)
        if not tied or self.subject in tied:
            return True
        return (hit.entity, fold(flat(self.text[hit.start:hit.end]))) not in self.gazetteer.generic

    def mentions(self) -> None:
        seen = set()
        for hit in self.hits:
            spelling = flat(self.text[hit.start:hit.end])
            key = (hit.entity, fold(spelling))
            if key in seen:
                continue
            seen.add(key)
            evidence = self.quote(hit.start, hit.end, unique=False)
            if evidence:
                self.draft.mentions.append({"entity": hit.entity, **evidence})

    # -- new entities
    def acronyms(self) -> None:
        for block in self.blocks:
            doc = block.doc
            for i, token in enumerate(doc):
                if token.text != "(" or i + 1 >= len(doc):
                    continue
                inner = re.fullmatch(r"([A-Za-z]{2,9})(\)\d*)?", doc[i + 1].text)
                closed = inner and (inner.group(2) or (i + 2 < len(doc) and doc[i + 2].text == ")"))
                if not closed:
                    continue
                acronym = inner.group(1)
                close = doc[i + 1] if inner.group(2) else doc[i + 2]
                letters = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
                if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8):
                    continue
                first = self._expansion(doc, i, letters.lower())
                if first is None:
                    continue
                expansion = doc[first:i]
                head = fold(expansion[-1].text)
                known = self.gazetteer.lookup(expansion.text) or self.gazetteer.lookup(letters)
                if known or head not in P.ACRONYM_HEADS:
                    continue
                start, end = block.token_span(expansion[0], close)
                label = flat(expansion.text)
                label = label[0].upper() + label[1:]
                self.entity(P.ACRONYM_HEADS[head], label, start, end, aliases=[letters],
                            description=f"Named in the report as {label} ({letters}).")
                self.claimed.append((start, end))

    @staticmethod
    def _expansion(doc, paren: int, letters: str) -> int | None:
        """Index of the first word of the expansion of `letters` before doc[paren], or None."""
        minor = {"of", "and", "the", "for", "&", "in", "on", "to", "-", "'s", "’s"}
        words = []
        k = paren - 1
        while k >= 0 and len(words) < len(letters) + 4:
            token = doc[k]
            if not (token.is_alpha or token.text in minor):
                break
            words.insert(0, k)
            initials = "".join(fold(doc[w].text)[0] for w in words if doc[w].lower_ not in minor)
            if initials == letters and doc[words[0]].lower_ not in minor:
                return words[0]
            k -= 1
        return None

    def units(self) -> None:
        stop = self.nlp.Defaults.stop_words
        for block in self.blocks:
            doc = block.doc
            for i, head in enumerate(doc):
                kind = P.UNIT_HEADS.get(head.lower_)
                if kind and head.is_lower and head.lower_ in P.TITLE_ONLY_HEADS:
                    continue
                if not kind or (i + 1 < len(doc) and doc[i + 1].is_title and not doc[i + 1].is_sent_start):
                    continue
                later = [t for t in doc[i + 1:i + 4] if t.is_alpha and t.is_lower and t.lower_ not in stop]
                if later and (later[0].i == i + 1) and (
                        later[0].lower_.endswith(("ers", "ors")) or any(t.lower_ in P.UNIT_HEADS for t in later)):
                    continue
                first = self._name_start(doc, i, stop)
                if first is None:
                    continue
                start, end = block.token_span(doc[first], head)
                if self.claimed_by(start, end):
                    continue
                label = flat(doc[first:i + 1].text)
                label = label[0].upper() + label[1:]
                self.entity(kind, label, start, end)
                self.claimed.append((start, end))

    @staticmethod
    def _name_start(doc, i: int, stop) -> int | None:
        head = doc[i]
        first = i
        if head.is_title or head.is_upper:
            k = i - 1
            while k >= 0:
                token = doc[k]
                if (token.is_title or token.is_upper) and token.is_alpha and token.lower_ not in _STOP_LEADS:
                    first = k
                elif token.text in P.NAME_JOINERS and k > 0 and (doc[k - 1].is_title or doc[k - 1].is_upper):
                    pass
                else:
                    break
                k -= 1
            return first if first < i else None
        k = i - 1
        modifiers = []
        while k >= 0 and len(modifiers) < 4:
            token = doc[k]
            if token.text == "-" and not token.whitespace_ and k > 0 and not doc[k - 1].whitespace_:
                k -= 1
                continue
            if not (token.is_alpha and token.is_lower) or token.lower_ in stop or token.lower_ in _STOP_LEADS:
                break
            if token.text.endswith(("ly", "ive", "ful", "ous", "ble")):
                break
            if k > 0 and doc[k - 1].lower_ in P.MODALS:
                break
            if k > 0 and doc[k - 1].lower_ in _AUX and token.text.endswith(("ed", "ing", "s")):
                break
            modifiers.insert(0, token.lower_)
            first = k
            k -= 1
        if doc[first].text == "-":
            first += 1
        strong = [m for m in modifiers if m not in P.WEAK_MODIFIERS]
        return first if strong else None

    # -- judgements
    def inspection(self) -> str:
        if not hasattr(self, "_inspection"):
            first = next((b for b in self.blocks if b.doc.text.strip()), None)
            label = self.title or f"Inspection reported in {self.source}"
            about = "The inspection this report gives the findings of."
            self._inspection = self.entity("Inspection", flat(label), first.start, first.end, reuse=False,
                                           description=about) if first else ""
        return self._inspection

    def area(self, label: str, start: int, end: int) -> str:
        label = flat(label).strip(" ,.;:")
        label = label[0].upper() + label[1:]
        return self.entity("AssessedArea", label, start, end)

    def scale(self) -> str:
        year = re.match(r"\d{4}", self.date)
        if year and int(year.group()) >= 2021:
            return "five-point"
        return "five-point" if re.search(r"(?i)[‘'\"“]adequate[’'\"”]|\badequate\b\W*$", self.text) else "four-point"

    def judgements(self) -> None:
        seen = set()
        questions: list[tuple[str, str]] = []  # (area id, folded label)
        scale = self.scale()

        def add(area_id: str, grade: str, start: int, end: int) -> None:
            if not area_id or (area_id, grade) in seen:
                return
            evidence = self.quote(start, end)
            if not evidence:
                return
            seen.add((area_id, grade))
            self.draft.judgements.append({
                "id": self.new_id("judgement/", f"{self.source}-{area_id.split('/', 1)[1]}"),
                "subject": self.subject, "inspection": self.inspection(), "area": area_id,
                "grade": f"{scale}/{P.GRADES[fold(' '.join(grade.split()))]}", **evidence})

        for block in self.blocks:
            doc = block.doc
            if block.question:
                known = self.gazetteer.lookup(doc.text)
                area_id = known or self.area(doc.text, block.start, block.end)
                if area_id and (not questions or questions[-1][0] != area_id):
                    questions = [q for q in questions if q[0] != area_id] + [(area_id, fold(doc.text))]
                continue
            if block.grade_line:
                grades = list(P.GRADE_WORD.finditer(self.text, block.start, block.end))
                for match, (area_id, _) in zip(grades, questions[-len(grades):], strict=False):
                    add(area_id, match.group(), match.start(), match.end())
                continue
            for sentence in doc.sents:
                self._sentence_grades(block, sentence, add)

    def _sentence_grades(self, block: Block, sentence, add) -> None:
        words = list(sentence)
        for n, token in enumerate(words):
            grade = token.lower_
            last = n
            if grade == "requires" and n + 1 < len(words) and words[n + 1].lower_ == "improvement":
                grade, last = "requires improvement", n + 1
            if grade not in P.GRADES:
                continue
            before = words[n - 1] if n else None
            after = words[last + 1] if last + 1 < len(words) else None
            quoted = (before is not None and before.text in P.OPEN_QUOTES and before.whitespace_ == ""
                      and after is not None and after.text in P.CLOSE_QUOTES)
            verbs = {w.lower_ for w in words[max(0, n - 3):n]}
            graded = bool(verbs & {"graded", "ranked", "rated", "judged"})
            strong = grade != "good" and before is not None and before.lower_ in {"is", "was", "were", "be", "been"}
            if not (quoted or graded or strong):
                continue
            area = self._area_after(words, last + (2 if quoted else 1)) or self._area_before(words, n)
            if area is None:
                continue
            for a_first, a_last in area:
                start, end = block.token_span(a_first, a_last)
                g_start, g_end = block.token_span(words[n], words[last])
                area_id = self.gazetteer.lookup(flat(self.text[start:end])) or self.area(
                    self.text[start:end], start, end)
                add(area_id, grade, min(start, g_start), max(end, g_end))

    @staticmethod
    def _area_after(words, k: int):
        text = " ".join(w.lower_ for w in words[k:k + 6]) + " "
        cue = next((c for c in P.AREA_CUES if text.startswith(c + " ")), None)
        if cue is None:
            return None
        k += len(cue.split())
        stops = {",", ".", ";", ":", "with", "because", "which", "but", "where", "while", "?", "!"}
        end = k
        while end < len(words) and words[end].lower_ not in stops and end - k < 10:
            end += 1
        if end == k:
            return None
        spans, first = [], k
        for j in range(k, end + 1):
            if j == end or (cue == "including" and words[j].lower_ == "and"):
                if j > first and words[first].lower_ not in {"several", "some", "many", "all", "a", "the"}:
                    spans.append((words[first], words[j - 1]))
                first = j + 1
        return spans or None

    @staticmethod
    def _area_before(words, n: int):
        verbs = [j for j in range(max(0, n - 3), n) if words[j].lower_ in {"graded", "ranked", "rated", "judged"}]
        if not verbs:
            return None
        j = verbs[0] - 1
        if j >= 0 and words[j].lower_ in {"was", "is", "were", "been", "be"}:
            j -= 1
        last, first = j, j
        while first > 0 and words[first - 1].text not in {",", ";", ":", "."} and words[first - 1].lower_ not in {
                "'s", "’s", "its", "their", "and", "the"}:
            first -= 1
        if last < first or last - first > 8 or words[last].is_stop or words[first].lower_ in {"or", "and", "but"}:
            return None
        return [(words[first], words[last])]

    # -- recommendations
    def recommendations(self) -> None:
        lines = []
        pos = 0
        for line in self.text.splitlines(keepends=True):
            lines.append((pos, pos + len(line.rstrip("\r\n"))))
            pos += len(line)
        found = False
        for i, (s, e) in enumerate(lines):
            heading = fold(self.text[s:e].strip()).rstrip(":")
            if heading in P.REC_HEADINGS:
                found = True
                for item in self._items(lines, i + 1):
                    self._recommendation(item, P.REC_HEADINGS[heading])
        if not found:
            self._prose_recommendations()

    def _items(self, lines, i: int) -> list[dict]:
        items: list[dict] = []
        current = sub = None
        blank = False
        for s, e in lines[i:]:
            line = self.text[s:e]
            body = line.strip()
            if not body:
                blank = True
                continue
            bullet, subitem = P.BULLET.match(line), P.SUB_ITEM.match(line)
            if bullet:
                current = {"start": s + bullet.end(), "end": e, "items": []}
                items.append(current)
                sub = None
            elif subitem and current is not None:
                sub = {"start": s + subitem.end(), "end": e}
                current["items"].append(sub)
            elif P.GRADE_LINE.match(body) or fold(body).rstrip(":") in P.REC_HEADINGS:
                break
            elif current is None and not items:
                if not P.MODAL_ADVICE.search(body) and len(body.split()) <= 8:
                    break  # a heading: the list was empty
                current = {"start": s + len(line) - len(line.lstrip()), "end": e, "items": []}
                items.append(current)
            elif blank or line[:1] in (" ", "\t", "\f"):
                break
            else:
                (sub or current)["end"] = e
            blank = False
        return items

    def _deadline(self, text: str) -> dict | None:
        match = P.DEADLINE.search(text)
        return self._deadline_of(match) if match else None

    @staticmethod
    def _deadline_of(match) -> dict:
        deadline = {"text": flat(match.group())}
        if match.group("immediate"):
            deadline["relative"] = "P0D"
        elif match.group("qty"):
            qty = match.group("qty").lower()
            number = int(qty) if qty.isdigit() else P.NUMBER_WORDS[qty]
            deadline["relative"] = f"P{number}{match.group('unit')[0].upper()}"
        else:
            deadline["absolute"] = f"{match.group('year')}-{P.MONTHS[match.group('month').lower()]:02d}"
        return deadline

    def _lead(self, start: int, end: int, words: int = 40) -> tuple[int, int]:
        """The first clause of text[start:end]: up to a colon or the first sentence's end."""
        body = self.text[start:end]
        stop = re.search(r":|[.;](?=\s+[A-Z(]|\s*$)|;\s*(?:and|or)?\s*$", body)
        cut = stop.start() if stop else len(body.rstrip())
        spans = list(re.finditer(r"\S+", body[:cut]))
        if len(spans) > words:
            cut = spans[words - 1].end()
        return start, start + len(body[:cut].rstrip(" ,;:"))

    def _summary(self, start: int, end: int) -> str:
        text = flat(self.text[start:end]).rstrip(" ;:.")
        text = re.sub(r"(?i)^(?:and|or)\s+", "", text)
        words = text.split()
        text = " ".join(words[:30]) + ("…" if len(words) > 30 else "")
        return text[:1].upper() + text[1:]

    def _addressee(self, start: int, end: int) -> str:
        for hit in self.hits:
            if start <= hit.start < end and self.gazetteer.type_of(hit.entity) == "PoliceForce":
                return hit.entity
        return self.subject

    def _area_at(self, offset: int) -> str:
        area = ""
        for block in self.blocks:
            if block.start > offset:
                break
            if block.question:
                area = self.gazetteer.lookup(block.doc.text) or self.new_entities.get(
                    fold(flat(block.doc.text)).rstrip("s"), {}).get("id", "")
        return area

    def _recommendation(self, item: dict, kind: str) -> None:
        start, end = item["start"], item["end"]
        body = self.text[start:end]
        q_start, q_end = self._lead(start, end)
        evidence = self.quote(q_start, q_end, kind="recommendation")
        if not evidence:
            return
        name = self._summary(q_start, q_end)
        after = re.search(r"\b(?:should|must|needs to)\s+(.*)", name)
        record = {
            "id": self.new_id("recommendation/", f"{self.source}-{slug(after.group(1) if after else name, 6)}"),
            "kind": kind,
            "addressee": self._addressee(start, end),
            "inspection": self.inspection(),
        }
        area = self._area_at(start)
        if area:
            record["area"] = area
        record["summary"] = self._summary(start, end)
        deadlines = list(P.DEADLINE.finditer(body))
        if deadlines:
            record["deadline"] = self._deadline_of(deadlines[0])
        subs = item["items"]
        if not subs and len(deadlines) > 1:
            cuts = [0] + [m.start() for m in deadlines[1:]]
            subs = [{"start": start + a, "end": start + b} for a, b in zip(cuts, [*cuts[1:], len(body)], strict=True)]
        items = []
        for letter, sub in zip("abcdefghijklmnopqrstuvwxyz", subs, strict=False):
            s_start, s_end = self._lead(sub["start"], sub["end"])
            lead = re.match(r"(?i)\s*(?:and|or)\s+", self.text[s_start:s_end])
            if lead:
                s_start += lead.end()
            sub_evidence = self.quote(s_start, s_end)
            if not sub_evidence:
                continue
            sub_record = {"id": f"{record['id']}-{letter}", "summary": self._summary(sub["start"], sub["end"])}
            self.ids.add(sub_record["id"])
            deadline = self._deadline(self.text[sub["start"]:sub["end"]])
            if deadline:
                sub_record["deadline"] = deadline
            sub_record.update(sub_evidence)
            items.append(sub_record)
        if items:
            record["items"] = items
        record.update(evidence)
        self.draft.recommendations.append(record)

    def _prose_recommendations(self) -> None:
        for hit in self.hits:
            if self.gazetteer.type_of(hit.entity) != "PoliceForce":
                continue
            doc = self.blocks[hit.block].doc
            k = hit.last_token + 1
            if k < len(doc) and doc[k].lower_ == "should" and k + 1 < len(doc) and doc[k + 1].is_alpha:
                sentence = doc[k].sent
                start, end = self.blocks[hit.block].token_span(doc[hit.first_token], sentence[-1])
                self._recommendation({"start": start, "end": end, "items": []}, "recommendation")

    # -- statistics
    def statistics(self) -> None:
        table_lines = self._tables()
        period = None
        national = None
        for block in self.blocks:
            if block.question:
                period = None
            if any(block.start <= s < block.end for s in table_lines):
                continue
            for sentence in block.doc.sents:
                s_start, s_end = block.span(sentence.start_char, sentence.end_char)
                sentence_text = self.text[s_start:s_end]
                found = self._numbers(block, sentence, s_start, sentence_text, period)
                periods = list(P.PERIOD.finditer(sentence_text))
                if periods:
                    period = self._period(periods[-1])
                for i, stat in enumerate(found):
                    if stat.pop("_national"):
                        national = national or self._national(s_start, s_end)
                        stat["area"] = national or self.subject
                    if i + 1 < len(found):
                        gap = fold(self.text[stat["_end"]:found[i + 1]["_start"]])
                        if any(c in gap for c in P.COMPARISON_CUES) and found[i + 1]["unit"] == stat["unit"]:
                            stat["comparator"] = found[i + 1]["id"]
                for stat in found:
                    stat.pop("_start"), stat.pop("_end")
                    self._add_stat(stat)

    def _add_stat(self, stat: dict) -> None:
        ordered = {k: stat[k] for k in ("id", "label", "value", "unit", "margin", "area", "period", "comparator")
                   if k in stat}
        ordered.update({k: stat[k] for k in ("quote", "offsets", "reviewed")})
        self.draft.statistics.append(ordered)

    def _national(self, start: int, end: int) -> str:
        known = self.gazetteer.lookup("England and Wales")
        if known:
            return known
        match = re.search(r"(?i)england and wales", self.text)
        return self.entity("Place", "England and Wales", match.start(), match.end()) if match else ""

    def _period(self, match) -> dict:
        label = flat(match.group("label"))
        label = re.sub(r"(?i)^the\s+", "", label)
        period = {"label": label}
        if match.group("n"):
            qty = match.group("n").lower()
            months = int(qty) if qty.isdigit() else P.NUMBER_WORDS[qty]
            year, month = int(match.group("year")), P.MONTHS[match.group("month").lower()]
            first = year * 12 + month - months  # months since year 0 of the first month
            start_year, start_month = divmod(first, 12)
            period["start"] = f"{start_year}-{start_month + 1:02d}-01"
            period["end"] = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        else:
            month_word = match.group("amonth") or match.group("ymonth")
            year = match.group("ayear") or match.group("yyear")
            period["start"] = period["end"] = f"{year}-{P.MONTHS[month_word.lower()]:02d}"
        return period

    def _numbers(self, block: Block, sentence, s_start: int, text: str, period) -> list[dict]:
        periods = list(P.PERIOD.finditer(text))
        skip = [m.span() for m in periods] + [m.span() for m in P.DEADLINE.finditer(text)]
        per_1000 = P.PER_1000.search(text)
        found = []
        candidates = [(m.start("num"), m.end("num"), m.group("num")) for m in P.NUMBER.finditer(text)]
        for token in sentence:
            if token.lower_ in P.NUMBER_WORDS and token.lower_ != "one":
                t0 = block.span(token.idx, token.idx + len(token.text))[0] - s_start
                candidates.append((t0, t0 + len(token.text), token.lower_))
        for start, end, raw in sorted(candidates):
            if any(a <= start < b for a, b in skip):
                continue
            rest, before = text[end:], text[:start]
            word = raw.isalpha()
            value = P.NUMBER_WORDS[raw] if word else float(raw.replace(",", ""))
            if before.endswith((")", "(", "/", "-", "£", "$")) or re.search(r"(?i)(?:per|±|\+/-)\s*$", before):
                continue
            if not before.strip() and sentence.start == 0 and re.match(r"\s+[A-Z]", rest):
                continue  # a footnote's number
            margin = None
            unit = ""
            if P.PERCENTAGE_POINTS.match(rest):
                unit = "percentage-points"
            elif P.PERCENT.match(rest):
                unit = "percent"
                m = P.MARGIN.match(rest)
                if m:
                    margin = m.group("margin")
                    end += m.end()
                else:
                    end += P.PERCENT.match(rest).end()
                near = set(re.findall(r"[a-z]+", fold(before[-40:]))[-4:]) | set(re.findall(
                    r"[a-z]+", fold(text[end:end + 25]))[:2])
                if near & (P.INCREASE_WORDS | P.DECREASE_WORDS):
                    unit = "percent-change"
                    if near & P.DECREASE_WORDS:
                        value = -value
            else:
                next_word = re.match(r"\s*([A-Za-z][\w-]*)", rest)
                if not next_word or next_word.group(1).lower() in P.TIME_NOUNS or P.DATE_WORDS.match(rest):
                    continue
                if not word and ("." in raw or (1900 <= value <= 2100 and "," not in raw)):
                    continue
                if word and (next_word.group(1).lower() in self.nlp.Defaults.stop_words or not raw == raw.lower()):
                    continue
                unit = "count"
                if per_1000 and not word and "." in raw:
                    unit = f"per-1000-{'households' if 'house' in per_1000.group('base') or 'home' in per_1000.group('base') else 'population'}"  # noqa: E501
            q_from = self._clause_start(text, start)
            evidence = self.quote(s_start + q_from, s_start + end, kind="statistic")
            if not evidence:
                continue
            label = flat(text[q_from:start]).strip(" ,(") or flat(text[end:end + 60])
            label = re.sub(r"\s+(?:of|was|were|is|by|at|to|had|has|with)$", "", label)
            number = int(value) if float(value).is_integer() and not (not word and "." in raw) else value
            stat = {"id": self.new_id("statistic/", f"{self.source}-{slug(label, 5)}"),
                    "label": (label[:1].upper() + label[1:]) or "Figure", "value": number, "unit": unit}
            if margin:
                stat["margin"] = float(margin)
            stat["area"] = self._area_for(s_start, s_start + start)
            here = [m for m in periods if m.end() <= start] or periods
            if here:
                stat["period"] = self._period(here[-1])
            elif period:
                stat["period"] = dict(period)
            # A national figure is named in its own clause, before it ("the rate in England and Wales
            # of 85.0 percent") or after it up to the next figure or comparison ("... 16 percent
            # across England and Wales").
            after = re.split(r"\d|compared|than|,|;|\bwhile\b|\bwhereas\b", fold(flat(text[end:])), maxsplit=1)[0]
            clause = fold(flat(text[q_from:start])) + " " + after
            stat["_national"] = any(p in clause for p in P.NATIONAL_PHRASES)
            stat["_start"], stat["_end"] = s_start + start, s_start + end
            stat.update(evidence)
            found.append(stat)
        return found

    @staticmethod
    def _clause_start(text: str, at: int) -> int:
        before = text[:at]
        words = list(re.finditer(r"\S+", before))
        start = words[-10].start() if len(words) >= 10 else (words[0].start() if words else at)
        for match in re.finditer(r"[,;:]\s+|\b(?:compared with|than)\s+", before):
            if match.end() > start and at - match.end() > 8:
                start = match.end()
        return start

    def _area_for(self, sentence_start: int, offset: int) -> str:
        """The force or place named last before a figure in its sentence (default: the subject)."""
        area = self.subject
        for hit in self.hits:
            if hit.start > offset:
                break
            if hit.start >= sentence_start and self.gazetteer.type_of(hit.entity) in ("PoliceForce", "Place"):
                area = hit.entity
        return area

    def _tables(self) -> set[int]:
        """Rows of figures ('Victim-based crime 58.5 53.9') under a header: two columns compared."""
        row = re.compile(r"^(?P<label>[^\d\n]*[A-Za-z][^\d\n]*?)\s+(?P<a>\d+(?:\.\d+)?)\s+(?P<b>\d+(?:\.\d+)?)\s*$")
        rows = set()
        lines, pos = [], 0
        for line in self.text.splitlines(keepends=True):
            lines.append((pos, line.rstrip("\r\n")))
            pos += len(line)
        for n, (s, line) in enumerate(lines):
            m = row.match(line)
            if not m or "." not in m.group("a") + m.group("b"):
                continue
            rows.add(s)
            header = "\n".join(text for _, text in lines[max(0, n - 25):n])
            label = m.group("label").strip()
            clean = label.rstrip("*").strip()
            note = ""
            for k in range(n + 1, min(n + 16, len(lines))):
                if lines[k][1].lstrip().startswith("*"):
                    para = []
                    for _, text in lines[k:]:
                        if not text.strip():
                            break
                        para.append(text)
                    clauses = re.split(r";|\band\b(?= the)|,\s", flat("\n".join(para)))
                    note = next((c for c in clauses if fold(clean) in fold(c)), "")
                    break
            base = P.PER_1000.search(note) or P.PER_1000.search(header)
            unit = "count"
            if base:
                unit = "per-1000-households" if re.search(r"house|home", base.group("base")) else "per-1000-population"
            periods = list(P.PERIOD.finditer(note)) or list(P.PERIOD.finditer(header))
            period = self._period(periods[-1 if note else 0]) if periods else None
            national = "england and wales" in fold(header)
            stats = []
            for column in ("a", "b"):
                evidence = self.quote(s + m.start("label"), s + m.end("b"))
                if not evidence:
                    continue
                value = float(m.group(column))
                stat = {"id": self.new_id("statistic/", f"{self.source}-{slug(clean, 5)}"),
                        "label": clean + (" rate" if unit != "count" else ""),
                        "value": int(value) if value.is_integer() and "." not in m.group(column) else value,
                        "unit": unit,
                        "area": (self._national(s, s) or self.subject) if column == "b" and national else self.subject}
                if period:
                    stat["period"] = period
                stat.update(evidence)
                stats.append(stat)
            if len(stats) == 2:
                stats[0]["comparator"] = stats[1]["id"]
            for stat in stats:
                self._add_stat(stat)
        return rows

    # -- quotations
    def quotations(self) -> None:
        speaker = ""
        previous_quoted = False
        for number, block in enumerate(self.blocks):
            text = self.text[block.start:block.end]
            spans = self._quoted(text)
            if not spans:
                previous_quoted = False
                continue
            found = self._speaker(block, text, spans[0])
            if found:
                speaker = found
            elif not (previous_quoted and text.lstrip()[:1] in P.OPEN_QUOTES):
                previous_quoted = False
                continue
            for a, b in spans:
                if speaker and len(text[a:b].split()) >= 4:
                    start, end = self._quote_extent(block.start + a, block.start + b)
                    evidence = self.quote(start, end, kind="quotation")
                    if evidence:
                        self.draft.quotations.append({
                            "id": self.new_id("quotation/", f"{self.source}-{speaker.split('/', 1)[1]}"),
                            "speaker": speaker, **evidence})
            previous_quoted = True
            del number

    def _quote_extent(self, start: int, end: int) -> tuple[int, int]:
        """At most the first two sentences of a quoted passage."""
        body = self.text[start:end]
        stops = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-Z“\"‘'])", body)]
        if len(stops) >= 2:
            end = start + stops[1]
        return start, start + len(body[:end - start].rstrip(" ,"))

    @staticmethod
    def _quoted(text: str) -> list[tuple[int, int]]:
        """Spans of the words inside quotation marks (an open quote may run to the paragraph's end)."""
        spans = []
        for m in re.finditer(r"(?:^|(?<=[\s(:]))[\"“](?P<body>[^\"“”]+)(?:[\"”]|$)", text):
            spans.append((m.start("body"), m.end("body")))
        return spans

    def _speaker(self, block: Block, text: str, span: tuple[int, int]) -> str:
        """The person a quoted passage is attributed to, by a speech verb just before or after it."""
        before = text[:span[0] - 1]
        after = text[span[1] + 1:]
        candidates = []
        name = r"(?:[A-Z][\w’'.-]*|of|and|for|the)"
        m = re.search(r"(" + name + r"(?:\s+" + name + r")*)\s+(\w+)\s*[:,]?\s*$", before)
        if m and m.group(2).lower() in P.SPEECH_VERBS:
            candidates.append((block.start + m.start(1), block.start + m.end(1), m.group(1)))
        m2 = re.match(r"[,.]?\s*(?:(\w+)\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5})|"
                      r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5})\s+(\w+))", after)
        if m2 and (m2.group(1) or "").lower() in P.SPEECH_VERBS:
            at = block.start + span[1] + 1 + m2.start(2)
            candidates.append((at, at + len(m2.group(2)), m2.group(2)))
        elif m2 and (m2.group(4) or "").lower() in P.SPEECH_VERBS:
            at = block.start + span[1] + 1 + m2.start(3)
            candidates.append((at, at + len(m2.group(3)), m2.group(3)))
        for start, end, name in candidates:
            person = self._person(start, end, name)
            if person:
                return person
        return ""

    def _person(self, start: int, end: int, name: str) -> str:
        for hit in self.hits:
            if start <= hit.start and hit.end <= end and self.gazetteer.type_of(hit.entity) == "Person":
                return hit.entity
        words = [w for w in name.split() if w[:1].isupper()]
        if not words or words[0].lower() in {"he", "she", "they", "it", "we", "i"}:
            return getattr(self, "_last_person", "")
        given = [w for w in words if w.lower().rstrip(".") not in P.HONORIFICS]
        surname = given[-1] if given else ""
        people = getattr(self, "_people", {})
        if len(words) >= 2 and words[-2].lower().rstrip(".") not in P.HONORIFICS and not words[-2].isupper():
            full = f"{words[-2]} {words[-1]}"
            at = self.text.rfind(full, start, end)
            aliases = [flat(name)] if flat(name) != full else []
            person = self.entity("Person", full, at, at + len(full), aliases=aliases)
            people[surname] = person
        elif surname in people:
            person = people[surname]
        else:
            return ""
        self._people = people
        self._last_person = person
        return person


def extract(text: str, source_id: str, *, data_dir: str | Path | None = "data", title: str = "",
            publisher: str = "", date: str = "", subject: str = "", exclude_sources=()) -> Draft:
    """Draft records for the report `text`, to be saved as data/records/<source_id>.yaml and reviewed.

    `data_dir` gives the entities already in the graph (None: none); `exclude_sources` leaves out
    the records drawn from those sources (the benchmark uses it to hide a text's own records);
    `subject` is the force the report is about (default: the force it names most).
    """
    x = _Extractor(text, source_id, data_dir, title, publisher, date, subject, exclude_sources)
    x.acronyms()
    x.units()
    x.mentions()
    x.judgements()
    x.recommendations()
    x.statistics()
    x.quotations()
    draft = x.draft
    draft.header = [
        f"Draft records extracted by `policing-kg extract` from source {source_id}: REVIEW BEFORE USE.",
        "Nothing here is in the graph until you set `reviewed: true` on the file and on each record you",
        "accept (delete or correct the rest); `offsets` are where the quote stands in the report.",
        f"Subject force (the force named most): {x.subject}",
        "",
        "The source must be listed in data/sources/sources.yaml, for example:",
        f"  - id: {source_id}",
        "    file: <the report's text file in data/sources/>",
        f"    title: {title or '<title>'}",
        "    kind: InspectionReport",
        f"    publisher: {publisher or 'org/hmic'}",
        f"    date: \"{date or 'unknown'}\"",
        "",
    ]
    return draft
