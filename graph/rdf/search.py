"""Entity search: a full-text index of names, descriptions and evidence quotes, built with the store.

    >>> from graph.rdf.search import search
    >>> for match in search("exports/store", "pred pol"):          # the store folder `build` wrote
    ...     print(match.entity, match.label, match.kind, match.score)

`build` writes the index as `search.sqlite` inside the store folder (graph.rdf.store), so it is
staged and replaced together with the store and is never out of step with it. It is SQLite's FTS5
(in Python's standard library) with the `unicode61 remove_diacritics 2` tokenizer: matching
ignores case and accents ("Zoe" finds "Zoë"). Every entity under the data's base IRI that has a
name gets one row, with

- `names`: its preferred label, labels and aliases (skos:prefLabel, rdfs:label, skos:altLabel);
- `joined`: each name with spaces and punctuation taken out ("Pred Pol" -> "predpol"), so that
  "predpol" finds "Pred Pol" and "pred pol" finds "PredPol";
- `text`: its descriptions (dcterms:description, rdfs:comment) and the quotes of the evidence
  annotated to it (oa:hasBody <entity>; oa:hasTarget/oa:hasSelector/oa:exact).

A lookup asks FTS5 for rows whose names hold every word (the last one as a prefix, for completion
as one types), or whose joined names start with the words run together, or whose text holds every
word, ranked by BM25 with names weighted far above text, and an exact name first.
`search(...)` is the one entry point: `find-entity`, `view`/`path` name lookup, the site's search
and the query editor's completion call it.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

INDEX_FILE = "search.sqlite"
_NAMES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "http://www.w3.org/2004/02/skos/core#altLabel")
_TEXTS = ("http://purl.org/dc/terms/description", "http://www.w3.org/2000/01/rdf-schema#comment")
_POL = "https://w3id.org/policing-kg/ontology#"


@dataclass(frozen=True)
class Match:
    entity: str  # the IRI
    label: str  # its preferred label (or first name)
    kind: str  # its classes in the project's ontology, local names, space-separated ("PoliceForce")
    score: float  # higher is better


def _joined(name: str) -> str:
    return "".join(ch for ch in _fold(name) if ch.isalnum())


def _fold(text: str) -> str:
    """Lower case without accents, as the tokenizer folds it."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def _rows(store, base: str) -> list[tuple[str, str, str, str, str, str]]:
    """(entity, label, kind, names, joined, text) for each named entity under `base`, sorted."""
    entities: dict[str, dict] = {}

    def entry(iri: str) -> dict:
        return entities.setdefault(iri, {"pref": [], "names": [], "text": [], "kinds": set()})

    for predicate in _NAMES:
        for subject, value in _pairs(store, f"SELECT ?e ?v WHERE {{ ?e <{predicate}> ?v }}", base):
            found = entry(subject)
            (found["pref"] if predicate == _NAMES[0] else found["names"]).append(value)
    for predicate in _TEXTS:
        for subject, value in _pairs(store, f"SELECT ?e ?v WHERE {{ ?e <{predicate}> ?v }}", base):
            if subject in entities:
                entities[subject]["text"].append(value)
    quotes = ("PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?e ?v WHERE { ?a oa:hasBody ?body ; "
              "oa:hasTarget/oa:hasSelector/oa:exact ?v ."
              " { BIND(?body AS ?e) } UNION { ?body <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?e } }")
    for subject, value in _pairs(store, quotes, base):
        if subject in entities:
            entities[subject]["text"].append(value)
    for subject, kind in _pairs(store, "SELECT ?e ?v WHERE { ?e a ?v }", base):
        if subject in entities and kind.startswith(_POL):
            entities[subject]["kinds"].add(kind[len(_POL):])
    rows = []
    for iri in sorted(entities):
        found = entities[iri]
        all_names = sorted(set(found["pref"] + found["names"]))
        label = sorted(found["pref"])[0] if found["pref"] else all_names[0]
        rows.append((iri, label, " ".join(sorted(found["kinds"])), "\n".join(all_names),
                     " ".join(sorted({_joined(n) for n in all_names})), "\n".join(sorted(set(found["text"])))))
    return rows


def _pairs(store, query: str, base: str):
    import pyoxigraph as ox

    for solution in store.query(query):  # the default graph: the union of the sources (graph.rdf.store)
        subject, value = solution["e"], solution["v"]
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(base) and value is not None:
            yield subject.value, value.value


def write_index(store, base: str, directory: Path) -> Path:
    """Build the index of `store` (a pyoxigraph Store) into `directory`/search.sqlite, replacing it."""
    path = Path(directory) / INDEX_FILE
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.execute("CREATE VIRTUAL TABLE entities USING fts5(entity UNINDEXED, label UNINDEXED, "
                           "kind UNINDEXED, names, joined, text, "
                           "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')")
        connection.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)", _rows(store, base))
        connection.execute("INSERT INTO entities(entities) VALUES ('optimize')")
        connection.commit()
    finally:
        connection.close()
    partial.replace(path)
    return path


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text))


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


# Rows a lookup ranks at most, per part (names, text): FTS5 finds matching rows in index order and
# BM25 is computed per row; `ORDER BY rank` over every match cost 17-23 ms at a million triples for
# common words and short prefixes ("serious crime", "po"), the first rows found cost what they are.
NAME_ROWS = 400
TEXT_ROWS = 100


def search(store_dir: str | Path, text: str, limit: int = 20, kinds: tuple[str, ...] = ()) -> list[Match]:
    """The entities best matching `text`, best first (at most `limit`); [] for no words. `kinds`
    keeps only entities of those classes (local names such as "PoliceForce"). FileNotFoundError
    when the store folder has no index (run `policing-kg build`).

    Names are looked up first: every word in the names (the last as a prefix: completion while
    typing), or the words run together at the start of a joined name ("pred pol" -> predpol*);
    an exact name (the words run together are a whole joined name) ranks first. Only when names
    give fewer than `limit` entities are descriptions and quotes searched (every word in the text).
    Each part ranks at most its first NAME_ROWS / TEXT_ROWS matching rows by BM25 (all of them, when
    there are no more: then the order is exactly BM25's), so a lookup costs the same however common
    the words are."""
    words = _words(text)
    if not words:
        return []
    path = Path(store_dir) / INDEX_FILE
    if not path.is_file():
        raise FileNotFoundError(f"no search index at {path}; run `policing-kg build`")
    every = " AND ".join(_phrase(w) for w in words[:-1]) + (" AND " if len(words) > 1 else "")
    joined = _phrase("".join(words))
    names = f"(names : ({every}{_phrase(words[-1])}*)) OR (joined : ({joined}*))"
    in_text = f"text : ({every}{_phrase(words[-1])})"
    ranked = "SELECT entity, label, kind, bm25(entities, 10.0, 5.0, 1.0) FROM entities WHERE entities MATCH ? LIMIT ?"
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        exact = {row[0] for row in connection.execute(
            "SELECT entity FROM entities WHERE entities MATCH ? LIMIT 100", (f"joined : {joined}",))}
        rows = connection.execute(ranked, (names, NAME_ROWS)).fetchall()
        found = {row[0] for row in rows}
        missing = exact - found
        if missing:  # beyond the first rows: exact names are always in
            rows += connection.execute(
                "SELECT entity, label, kind, bm25(entities, 10.0, 5.0, 1.0) FROM entities WHERE entities MATCH ? "
                f"AND entity IN ({', '.join('?' * len(missing))})", (f"joined : {joined}", *sorted(missing))).fetchall()
        if len({row[0] for row in rows if _kept(row[2], kinds)}) < limit:
            rows += [row for row in connection.execute(ranked, (in_text, TEXT_ROWS)) if row[0] not in found]
    except sqlite3.OperationalError as error:
        raise ValueError(f"cannot search for {text!r}: {error}") from None
    finally:
        connection.close()
    best: dict[str, Match] = {}
    for entity, label, kind, rank in rows:
        if not _kept(kind, kinds):
            continue
        match = Match(entity, label, kind, round(-rank + (100.0 if entity in exact else 0.0), 4))
        if entity not in best or match.score > best[entity].score:
            best[entity] = match
    return sorted(best.values(), key=lambda m: (-m.score, m.label, m.entity))[:limit]


def _kept(kind: str, kinds: tuple[str, ...]) -> bool:
    return not kinds or bool(set(kind.split()) & set(kinds))
