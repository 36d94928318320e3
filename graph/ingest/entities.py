"""Entities: those already in the graph (forces, inspectorates, units ...) found by label and alias,
the report's subject force, and new units and agencies named by a head noun ("Violence Reduction Unit").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.ingest import extraction_patterns as P
from graph.ingest.text import Doc, flat, fold

_AUX = {"has", "have", "had", "is", "are", "was", "were", "been", "be", "it", "they", "we", "he", "she", "who",
        "which", "that"}
_STOP_LEADS = {"the", "a", "an", "this", "that", "its", "our", "their", "his", "her", "these", "those", "and", "in",
               "on", "at", "by", "with", "from", "of", "for", "to", "as", "new", "each", "every"}


class Gazetteer:
    """The entities of the graph, matched by label and alias: each name is a tuple of folded tokens
    (`names`), looked up at every token of a block for the name lengths that start with that word."""

    def __init__(self, data_dir: Path | None, exclude_sources: tuple[str, ...] = ()):
        self.entities: dict[str, object] = {}
        self.tied: dict[str, set[str]] = {}  # entity -> the forces it belongs to
        self.labels: dict[str, str] = {}  # folded label -> id
        self.generic: set[tuple[str, str]] = set()  # (id, folded alias) written in lower case
        self.names: dict[tuple[str, ...], tuple[str, ...]] = {}  # folded tokens of a name -> the ids so named
        self.lengths: dict[str, list[int]] = {}  # first folded token -> the lengths of names so starting, longest first
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
                for variant in (name, name.replace("-", " "), name.replace("-", "")):
                    self.add(entity.id, variant)

    def add(self, entity_id: str, name: str) -> None:
        """Match `name` (as written: tokens folded) as a name of `entity_id`, and of any other entity so named
        ("PCC" is an alias of each force's Police and Crime Commissioner: `resolve_hits` chooses)."""
        words = tuple(token.norm_ for token in Doc(name))
        if not words:
            return
        if entity_id not in self.names.get(words, ()):
            self.names[words] = (*self.names.get(words, ()), entity_id)
        lengths = self.lengths.setdefault(words[0], [])
        if len(words) not in lengths:
            lengths.append(len(words))
            lengths.sort(reverse=True)

    def find(self, doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
        """(first token, end token, ids so named) of the names in `doc`: the longest at each place, no two overlapping
        (a longer name wins over the shorter names inside it, as in "HM Inspectorate of Constabulary and
        Fire & Rescue Services")."""
        norms = [token.norm_ for token in doc]
        found = []
        for i, word in enumerate(norms):
            for length in self.lengths.get(word, ()):
                ids = i + length <= len(norms) and self.names.get(tuple(norms[i:i + length]))
                if ids:
                    found.append((i, i + length, ids))
                    break
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken: set[int] = set()
        kept = []
        for start, end, ids in found:
            if not taken.intersection(range(start, end)):
                taken.update(range(start, end))
                kept.append((start, end, ids))
        return sorted(kept)

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
    candidates: tuple[str, ...] = ()  # every entity so named, when more than one is


# ---------------------------------------------------------------------------- the draft


def known_hits(x) -> list[Hit]:
    hits = []
    for number, block in enumerate(x.blocks):
        doc = block.doc
        for first, end, ids in x.gazetteer.find(doc):
            start, stop = block.token_span(doc[first], doc[end - 1])
            hits.append(Hit(ids[0], start, stop, number, first, end - 1, ids if len(ids) > 1 else ()))
    return hits


def main_force(x) -> str:
    counts: dict[str, int] = {}
    for hit in x.hits:
        if x.gazetteer.type_of(hit.entity) == "PoliceForce":
            counts[hit.entity] = counts.get(hit.entity, 0) + 1
    return max(counts, key=counts.get) if counts else "force/unknown"


def resolve_hits(x, hits: list[Hit]) -> list[Hit]:
    """The hits that name what they seem to, once the subject force is known: a name several
    entities share is the one of the subject's (or the one belonging to no force); then only the
    plausible ones."""
    kept = []
    for hit in hits:
        if hit.candidates:
            own = [c for c in hit.candidates if x.subject in x.gazetteer.tied.get(c, {x.subject})]
            if not own:
                continue
            hit.entity = own[0]
        if plausible(x, hit):
            kept.append(hit)
    return kept


def plausible(x, hit: Hit) -> bool:
    """A lower-case alias or a one-word name ("PCC", "the unit") of another force's unit or post names
    this report's own, not that one; an inspection's areas and documents are named as headings, not
    in passing."""
    if x.gazetteer.type_of(hit.entity) in ("AssessedArea", "Inspection", "Document"):
        block = x.blocks[hit.block].doc.text.strip()
        return fold(block).rstrip("?:. ") == fold(flat(x.text[hit.start:hit.end])).rstrip("?:. ")
    tied = x.gazetteer.tied.get(hit.entity)
    if not tied or x.subject in tied:
        return True
    spelling = fold(flat(x.text[hit.start:hit.end]))
    if (hit.entity, spelling) in x.gazetteer.generic:
        return False
    owned = any(hit.entity.split("/", 1)[1].startswith(force.split("/", 1)[1] + "-") for force in tied)
    return not owned or hit.last_token > hit.first_token


def propose_mentions(x) -> None:
    seen = set()
    for hit in x.hits:
        spelling = flat(x.text[hit.start:hit.end])
        key = (hit.entity, fold(spelling))
        if key in seen:
            continue
        seen.add(key)
        evidence = x.quote(hit.start, hit.end, unique=False)
        if evidence:
            x.draft.mentions.append({"entity": hit.entity, **evidence})


def propose_units(x) -> None:
    stop = P.FUNCTION_WORDS
    for block in x.blocks:
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
            first = _name_start(doc, i, stop)
            if first is None:
                continue
            start, end = block.token_span(doc[first], head)
            if x.claimed_by(start, end):
                continue
            label = flat(doc[first:i + 1].text)
            label = label[0].upper() + label[1:]
            x.entity(kind, label, start, end)
            x.claim(start, end)


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
