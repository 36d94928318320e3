"""The gazetteer: the graph's entities matched by label and alias in a report's tokens.

Each name is a tuple of `name_words` (folded tokens, "&"/"," as "and", plurals as singulars), so
"His Majesty’s Inspectorate of Constabulary, Fire and Rescue Service" finds "Her Majesty’s
Inspectorate of Constabulary and Fire & Rescue Services"; "HM", "Her Majesty's" and "His
Majesty's" are the same; three words a name lists are the same name in any order ("police
efficiency, effectiveness and legitimacy" is PEEL's); a police force is also found by every form of
a force's name around its area ("Norfolk Police" for Norfolk Constabulary, "Police Service of X"); one body curated
twice under one label (two reports' "Engage (HMICFRS enhanced monitoring)") is found as the first's, by either's
names; a one-word name is found in lower case only in quote marks ("placed into ‘engage’ status").
Matching looks up, at
each token, only the name lengths that start with that word: a dict of tuples, which replaced
spaCy's PhraseMatcher (issue 12; figures in graph/ingest/text.py). On the dev texts repeated to
1 MB the lookups take 0.11 s CPU of about 5 s for the whole extraction (900 names, 7,929
matches; cutting the text into tokens and sentences takes 1.1 s), so an Aho-Corasick automaton
(pyahocorasick) would save at most that tenth of a second: not worth a dependency.
"""

from __future__ import annotations

import re
from itertools import permutations
from pathlib import Path

from graph.ingest.text import Doc, flat, fold

# Words that make a force's name from its area ("Durham" -> "Durham Constabulary"), and the ways a
# force is named: "X Police", "X Constabulary", "X Police Service", "X Police Force", "Police Service of X".
_FORCE_WORDS = ("Police Service of", "Police Service", "Police Force", "Constabulary", "Police")
_FORCE_FORMS = ("{} Police", "{} Constabulary", "{} Police Service", "{} Police Force", "Police Service of {}")
# The inspectorate's names are written with "HM", "Her Majesty's" or "His Majesty's" (since 2022).
_MAJESTY = ("HM ", "Her Majesty’s ", "His Majesty’s ", "Her Majesty's ", "His Majesty's ")
# Three words listed in a name, which texts list in any order: PEEL's "police effectiveness, efficiency and
# legitimacy" is also written "police efficiency, effectiveness and legitimacy".
_LIST_OF_THREE = re.compile(r"\b([a-z]+), ([a-z]+),? and ([a-z]+)\b")


def name_words(tokens) -> tuple[str, ...]:
    """Tokens as a name is matched: folded, "&" and "," as "and", a plural as its singular
    ("Fire & Rescue Services" = "Fire and Rescue Service", "Constabularies" = "Constabulary")."""
    words = []
    for token in tokens:
        word = token.norm_
        if word in ("&", ","):
            word = "and"
        elif len(word) > 3 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return tuple(words)


def _quoted(doc: Doc, i: int) -> bool:
    """Whether token i stands alone in quote marks (‘engage’, "engage")."""
    return 0 < i < len(doc) - 1 and doc[i - 1].text in ("‘", "“", "'", '"') and doc[i + 1].text in ("’", "”", "'", '"')


def _in_slug(doc: Doc, i: int) -> bool:
    """Whether token i is joined by hyphens to lower-case words, as in a link's file name
    ("Peel-police-efficiency-2017-press-release"): a word of the slug, not a name (an acronym stays one)."""
    joined = i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_
    return joined and doc[i + 2].is_lower


class Gazetteer:
    """The entities of the graph, matched by label and alias: each name is a tuple of `name_words`
    (`names`), looked up at every token of a block for the name lengths that start with that word.
    A police force is also matched by the other forms of its name ("Norfolk Police" for Norfolk
    Constabulary), and by its area alone where the text speaks of forces (`areas`)."""

    def __init__(self, data_dir: Path | None, exclude_sources: tuple[str, ...] = ()):
        self.entities: dict[str, object] = {}
        self.tied: dict[str, set[str]] = {}  # entity -> the forces it belongs to
        self.labels: dict[str, str] = {}  # folded label -> id
        self.generic: set[tuple[str, tuple[str, ...]]] = set()  # (id, name words of an alias written in lower case)
        self.names: dict[tuple[str, ...], tuple[str, ...]] = {}  # name words -> the ids so named
        self.lengths: dict[str, list[int]] = {}  # first name word -> the lengths of names so starting, longest first
        self.areas: dict[tuple[str, ...], str] = {}  # a force's area's name words ("north", "yorkshire") -> force
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
        same = self._same_bodies(keep)
        for entity in keep:
            named = same.get(entity.id, entity.id)  # (one body curated twice is named as the first)
            for name in {entity.label, *entity.aliases}:
                words = name.split()
                if len(name) < 3 or (len(words) == 1 and name.islower()):
                    continue
                if name == name.lower():
                    self.generic.add((named, name_words(Doc(name))))
                self.labels.setdefault(fold(name), named)
                for variant in self._variants(entity, name):
                    self.add(named, variant)

    def _same_bodies(self, entities) -> dict[str, str]:
        """Entities curated twice under one label (from two reports, with two ids and types: "Engage (HMICFRS
        enhanced monitoring)" a Policy in one, a Programme in the other) -> the first: one body, one entity,
        found by either's aliases (GUIDE.md: one entity per body). Not what belongs to a force: two forces' "Police
        and Crime Plan" are two plans."""
        first: dict[str, str] = {}
        same = {}
        for entity in entities:
            if entity.type in ("PoliceForce", "Person", "Post") or entity.id in self.tied:
                continue
            label = fold(entity.label)
            if label in first:
                same[entity.id] = first[label]
            else:
                first[label] = entity.id
        return same

    def _variants(self, entity, name: str) -> set[str]:
        """The ways `name` is written: with and without hyphens, "HM" or "Her/His Majesty's", and for a
        force every form of a force's name around its area."""
        variants = {name, name.replace("-", " "), name.replace("-", "")}
        listed = _LIST_OF_THREE.search(name)
        if listed:
            variants |= {f"{name[:listed.start()]}{a}, {b} and {c}{name[listed.end():]}"
                         for a, b, c in permutations(listed.groups())}
        for prefix in _MAJESTY:
            if name.startswith(prefix):
                variants |= {other + name[len(prefix):] for other in _MAJESTY}
        if entity.type == "PoliceForce":
            area = name
            for word in _FORCE_WORDS:
                area = area.replace(word, " ")
            area = " ".join(area.split())
            if area and area != name and not area.startswith("the "):
                variants |= {form.format(area) for form in _FORCE_FORMS}
                self.areas.setdefault(name_words(Doc(area)), entity.id)
                # An area written with a hyphen is also written without it ("Dyfed Powys" for Dyfed-Powys).
                self.areas.setdefault(name_words(Doc(area.replace("-", " "))), entity.id)
        return variants

    def add(self, entity_id: str, name: str) -> None:
        """Match `name` as a name of `entity_id`, and of any other entity so named ("PCC" is an alias
        of each force's Police and Crime Commissioner: `resolve_hits` chooses)."""
        words = name_words(Doc(name))
        if not words:
            return
        if entity_id not in self.names.get(words, ()):
            self.names[words] = (*self.names.get(words, ()), entity_id)
        lengths = self.lengths.setdefault(words[0], [])
        if len(words) not in lengths:
            lengths.append(len(words))
            lengths.sort(reverse=True)

    def find(self, doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
        """(first token, end token, ids so named) of every name in `doc`, overlapping ones too
        (`longest` chooses, once the implausible ones are gone)."""
        words = name_words(doc)
        found = []
        for i, word in enumerate(words):
            for length in self.lengths.get(word, ()):
                ids = i + length <= len(words) and self.names.get(words[i:i + length])
                # A one-word name is a proper name or an acronym ("Engage", "PEEL"): not the word in lower case,
                # unless quoted as a name ("placed into ‘engage’ status").
                if ids and not (length == 1 and doc[i].is_lower and not _quoted(doc, i)) and not (
                        length == 1 and not doc[i].is_upper and _in_slug(doc, i)):
                    found.append((i, i + length, ids))
        return found

    def lookup(self, label: str) -> str:
        """The known entity so named (label or alias, in any of its written forms), or ""."""
        ids = self.labels.get(fold(flat(label))) or self.names.get(name_words(Doc(flat(label))), ("",))[0]
        return ids

    def type_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.type if entity else ""
