"""Entity search: a full-text index of names, descriptions and evidence quotes, built with the store.

    >>> from graph.rdf.search import search
    >>> for match in search("exports/store", "pred pol"):          # the store folder `build` wrote
    ...     print(match.entity, match.label, match.kind, match.score)

`build` writes the index as `search.sqlite` inside the store folder (graph.rdf.store), so it is
staged and replaced together with the store and is never out of step with it. It is SQLite's FTS5
(in Python's standard library) with the `unicode61 remove_diacritics 2` tokenizer: matching
ignores case and accents ("Zoe" finds "Zoë"). Every entity under the data's base IRI that has a
name gets a row in the table `entities`, with

- `names`: its preferred label, labels and aliases (skos:prefLabel, rdfs:label, skos:altLabel);
- `joined`: each name with spaces and punctuation taken out ("Pred Pol" -> "predpol"), so that
  "predpol" finds "Pred Pol" and "pred pol" finds "PredPol";
and, when it has any, a row in the table `texts` with

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


_ASCII_PUNCTUATION = re.compile(r"[^0-9a-z]+")


def _joined(name: str) -> str:
    if name.isascii():  # most names, and five times faster: the same letters and digits
        return _ASCII_PUNCTUATION.sub("", name.lower())
    return "".join(ch for ch in _fold(name) if ch.isalnum())


def _fold(text: str) -> str:
    """Lower case without accents, as the tokenizer folds it."""
    if text.isascii():  # ASCII has no accents, and casefold() is lower() on it
        return text.lower()
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


# What the index reads of each triple, by predicate. The index is made from the union graph's
# N-Triples text, chunk by chunk (graph.rdf.partitions): each chunk gives what it says about its
# own subjects (names, texts, classes) and, from its evidence nodes, which quote annotates which
# body; `index_rows` joins the chunks' parts. A chunk's part is kept in the build's cache, so a
# rebuild reads again only the chunks that changed. (Asking the store with SPARQL for the same
# took 7 s of CPU at a million triples.)
_OA = "http://www.w3.org/ns/oa#"
_RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LINKS = (_OA + "hasBody", _OA + "hasTarget", _OA + "hasSelector", _OA + "exact", _RDF_SUBJECT)
_WANTED = frozenset(f"<{p}>" for p in (*_NAMES, *_TEXTS, *_LINKS))
_TYPE, _POL_CLASS = f"<{_RDF_TYPE}>", f"<{_POL}"


@dataclass
class ChunkEntries:
    """What one chunk of the union graph gives the index (lists sorted, for stable pickles)."""

    names: list[tuple[str, str, str]]  # (subject, predicate, name)
    texts: list[tuple[str, str]]  # (subject, description or comment)
    kinds: list[tuple[str, str]]  # (subject, local name of a class of the project's ontology)
    quotes: list[tuple[str, str]]  # (the body an annotation is about, the exact quote it selects)
    claims: list[tuple[str, str]]  # (a node, its rdf:subject)


def chunk_entries(lines, base: str) -> ChunkEntries:
    """The index's parts of one chunk: `lines`, N-Triples lines without the final " .", that
    keep every triple of an evidence annotation and of its target and selectors together
    (graph.rdf.partitions cuts its chunks so)."""
    import pyoxigraph as ox

    wanted = []
    for line in lines:
        _subject, predicate, obj = line.split(" ", 2)
        if predicate in _WANTED or (predicate == _TYPE and obj.startswith(_POL_CLASS)):
            wanted.append(line)
    text = (" .\n".join(wanted) + " .\n").encode("utf-8") if wanted else b""
    names, texts, kinds, claims = [], [], [], []
    bodies, targets, selectors, exacts = {}, {}, {}, {}
    for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if predicate == _RDF_TYPE:
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(base) and obj.value.startswith(_POL):
                kinds.append((subject.value, obj.value[len(_POL):]))
        elif predicate in _NAMES:
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(base):
                names.append((subject.value, predicate, obj.value))
        elif predicate in _TEXTS:
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(base):
                texts.append((subject.value, obj.value))
        elif predicate == _RDF_SUBJECT:
            if isinstance(obj, ox.NamedNode) and obj.value.startswith(base):
                claims.append((str(subject), obj.value))
        elif predicate == _LINKS[0]:
            bodies.setdefault(str(subject), []).append(str(obj))
        elif predicate == _LINKS[1]:
            targets.setdefault(str(subject), []).append(str(obj))
        elif predicate == _LINKS[2]:
            selectors.setdefault(str(subject), []).append(str(obj))
        else:
            exacts.setdefault(str(subject), []).append(obj.value)
    quotes = set()
    for annotation, its_bodies in bodies.items():  # ?a oa:hasBody ?body ; oa:hasTarget/oa:hasSelector/oa:exact ?v
        found = {v for t in targets.get(annotation, ()) for s in selectors.get(t, ()) for v in exacts.get(s, ())}
        quotes.update((body, value) for body in its_bodies for value in found)
    return ChunkEntries(sorted(set(names)), sorted(set(texts)), sorted(set(kinds)), sorted(quotes),
                        sorted(set(claims)))


def index_rows(parts, base: str) -> list[tuple[str, str, str, str, str, str]]:
    """(entity, label, kind, names, joined, text) for each named entity under `base`, sorted,
    from the ChunkEntries of every chunk of the union graph."""
    entities: dict[str, dict] = {}
    texts: list[tuple[str, str]] = []
    kinds: list[tuple[str, str]] = []
    quotes: dict[str, list[str]] = {}  # body, as N-Triples term -> quotes
    claims: list[tuple[str, str]] = []
    for part in parts:
        for subject, predicate, name in part.names:
            found = entities.setdefault(subject, {"pref": [], "names": [], "text": set(), "kinds": set()})
            (found["pref"] if predicate == _NAMES[0] else found["names"]).append(name)
        texts += part.texts
        kinds += part.kinds
        for body, value in part.quotes:
            quotes.setdefault(body, []).append(value)
        claims += part.claims
    for subject, value in texts:
        if subject in entities:
            entities[subject]["text"].add(value)
    for subject, kind in kinds:
        if subject in entities:
            entities[subject]["kinds"].add(kind)
    for body, values in quotes.items():  # { BIND(?body AS ?e) }
        if body.startswith("<") and body[1:-1] in entities:
            entities[body[1:-1]]["text"].update(values)
    for node, subject in claims:  # UNION { ?body rdf:subject ?e }
        if subject in entities and node in quotes:
            entities[subject]["text"].update(quotes[node])
    rows = []
    for iri in sorted(entities):
        found = entities[iri]
        all_names = sorted(set(found["pref"] + found["names"]))
        label = sorted(found["pref"])[0] if found["pref"] else all_names[0]
        rows.append((iri, label, " ".join(sorted(found["kinds"])), "\n".join(all_names),
                     " ".join(sorted({_joined(n) for n in all_names})), "\n".join(sorted(found["text"]))))
    return rows


def write_index(store, base: str, directory: Path) -> Path:
    """Build the index of `store` (a pyoxigraph Store whose default graph is the union of the
    sources' graphs, as graph.rdf.store fills it) into `directory`/search.sqlite, replacing it."""
    return write_index_rows(_rows_of_store(store, base), directory)


def _rows_of_store(store, base: str) -> list[tuple[str, str, str, str, str, str]]:
    """index_rows of the whole default graph of `store`, read as one chunk."""
    import pyoxigraph as ox

    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    return index_rows([chunk_entries([line.removesuffix(" .") for line in text.splitlines()], base)], base)


# Names and texts are two tables, so that BM25, which normalises by the length of a row, ranks
# names among names: in one row, a force with a hundred evidence quotes ranked below every unit
# named after it ("kent pol" did not find Kent Police in the first five).
_SCHEMA = ("CREATE VIRTUAL TABLE entities USING fts5(entity UNINDEXED, label UNINDEXED, kind UNINDEXED, names, "
           "joined, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
           "CREATE VIRTUAL TABLE texts USING fts5(entity UNINDEXED, label UNINDEXED, kind UNINDEXED, text, "
           "tokenize = 'unicode61 remove_diacritics 2')")
_TABLES = ("entities", "texts")
# bm25() takes a weight per column, the unindexed ones included: names count twice the joined names
_NAME_RANK = "bm25(entities, 0, 0, 0, 2.0, 1.0)"


def _insert(connection, rows) -> None:
    rows = list(rows)
    connection.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?)", [row[:5] for row in rows])
    connection.executemany("INSERT INTO texts VALUES (?, ?, ?, ?)", [(*row[:3], row[5]) for row in rows if row[5]])


def write_index_rows(rows, directory: Path, previous: Path | None = None, before: dict | None = None,
                     now: dict | None = None) -> Path:
    """Write the index of `rows` (index_rows) into `directory`/search.sqlite, replacing it.

    Given the `previous` build's index file and `before`, the digest of each of its rows by
    entity (row_digests), that file is copied and only the rows that differ are replaced; a
    search finds the same in it as in a fresh index (ties are ordered by entity). `now` is
    row_digests(rows), when the caller has it."""
    path = Path(directory) / INDEX_FILE
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    incremental = previous is not None and before is not None and previous.is_file()
    if incremental:
        import shutil

        shutil.copyfile(previous, partial)
    connection = sqlite3.connect(partial)
    try:
        if incremental and not _has_tables(connection):  # an index of an older layout: made afresh
            connection.close()
            partial.unlink()
            connection, incremental = sqlite3.connect(partial), False
        if incremental:
            now = now if now is not None else row_digests(rows)
            gone = [entity for entity, key in before.items() if now.get(entity) != key]
            for start in range(0, len(gone), 500):
                some = gone[start:start + 500]
                for table in _TABLES:
                    connection.execute(f"DELETE FROM {table} WHERE entity IN ({', '.join('?' * len(some))})", some)
            _insert(connection, [row for row in rows if before.get(row[0]) != now[row[0]]])
        else:
            for statement in _SCHEMA:
                connection.execute(statement)
            _insert(connection, rows)
            for table in _TABLES:
                connection.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        connection.commit()
    finally:
        connection.close()
    partial.replace(path)
    return path


def _has_tables(connection) -> bool:
    found = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return set(_TABLES) <= found


def row_digests(rows) -> dict[str, str]:
    """entity -> a digest of its row: which rows changed between two builds."""
    import hashlib

    return {row[0]: hashlib.sha1("\0".join(row).encode("utf-8")).hexdigest()[:16] for row in rows}


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
    ranked = f"SELECT entity, label, kind, {_NAME_RANK} FROM entities WHERE entities MATCH ? LIMIT ?"
    ranked_text = "SELECT entity, label, kind, bm25(texts) FROM texts WHERE texts MATCH ? LIMIT ?"
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        exact = {row[0] for row in connection.execute(
            "SELECT entity FROM entities WHERE entities MATCH ? LIMIT 100", (f"joined : {joined}",))}
        rows = connection.execute(ranked, (names, NAME_ROWS)).fetchall()
        found = {row[0] for row in rows}
        missing = exact - found
        if missing:  # beyond the first rows: exact names are always in
            rows += connection.execute(
                f"SELECT entity, label, kind, {_NAME_RANK} FROM entities WHERE entities MATCH ? "
                f"AND entity IN ({', '.join('?' * len(missing))})", (f"joined : {joined}", *sorted(missing))).fetchall()
        if len({row[0] for row in rows if _kept(row[2], kinds)}) < limit:
            rows += [row for row in connection.execute(ranked_text, (in_text, TEXT_ROWS)) if row[0] not in found]
    except sqlite3.OperationalError as error:
        raise ValueError(f"cannot search for {text!r}: {error}") from None
    finally:
        connection.close()
    best: dict[str, Match] = {}
    typed = " ".join(words)
    for entity, label, kind, rank in rows:
        if not _kept(kind, kinds):
            continue
        match = Match(entity, label, kind, round(-rank + _name_bonus(label, typed, len(words), entity in exact), 4))
        if entity not in best or match.score > best[entity].score:
            best[entity] = match
    return sorted(best.values(), key=lambda m: (-m.score, m.label, m.entity))[:limit]


def _name_bonus(label: str, typed: str, typed_words: int, exact: bool) -> float:
    """What a name adds to BM25's score: an exact name first; then a label that starts with what
    was typed, the fewer further words the better ("Essex" -> "Essex Police" before "Essex PEEL
    2016: Effectiveness"). BM25 alone is not enough: it favours short names, and a document's
    title repeats its force's name, so "Essex" ranked a source above Essex Police."""
    label_words = _words(label)
    bonus = 100.0 if exact else 0.0
    if " ".join(label_words).startswith(typed):
        bonus += 5.0 - 0.5 * max(0, len(label_words) - typed_words)
    return bonus


def _kept(kind: str, kinds: tuple[str, ...]) -> bool:
    return not kinds or bool(set(kind.split()) & set(kinds))
