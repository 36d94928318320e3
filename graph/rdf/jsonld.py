"""Compact JSON-LD written straight from sorted triples, over the project's own context.

What: `compact_jsonld(triples, context)` turns a sorted stream of pyoxigraph triples into a
compact JSON-LD document: `{"@context": <context>, "@graph": [...]}`, one node per line, with
the context's terms as keys, `@type: @id` and datatype coercions applied and IRIs shortened
with the context's prefixes. The output is deterministic, so a line-based git diff of two
exports shows exactly the nodes that changed.

Why: the export used to convert the graph to rdflib and let rdflib's JSON-LD serialiser
compact it, which took ~66 s and 3 GiB at 1 million triples (the target for the whole build
is 30 s and 3 GiB). pyoxigraph 0.5 writes only expanded JSON-LD (it ignores prefixes) and pyld's
compaction is slower still. The project's context is simple - prefixes, plain aliases and
`@type` coercions - so compaction reduces to choosing, per predicate and kind of value, a
key and a value shape, which is cached. Context features this module does not implement
(`@container`, `@language`, `@vocab`, ...) raise ValueError naming the term, so an edit of
ontology/context.jsonld can never silently produce wrong output.

At 1M triples it takes ~3 s (2-core machine), against ~66 s for rdflib.

Correctness is proven by tests/test_jsonld.py: the output is parsed back by rdflib and by
pyld (two independent JSON-LD processors) and must give exactly the triples it was made of,
for the seed graph and for hand-built awkward literals and IRIs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from json.encoder import encode_basestring as string  # as json.dumps(ensure_ascii=False)

import pyoxigraph as ox

from graph.vocabulary import RDF_TYPE, XSD_STRING

# JSON-LD 1.1: a plain term whose IRI ends in one of these may be used as a prefix.
GEN_DELIMS = tuple("/#:?[]@")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def compact_jsonld(triples: Iterable[ox.Triple | ox.Quad], context: dict) -> bytes:
    """The triples as compact JSON-LD (UTF-8), with `context` embedded as "@context".

    `triples` are pyoxigraph Triples, or Quads (as pyoxigraph.parse gives them; their graph
    is ignored), each triple once. They must keep all triples of a subject together (sorting
    by `str(triple)` does): each run of one subject becomes one node, written on its own line
    as soon as it ends. Values of one key keep the order of the triples.
    """
    lines = jsonld_node_lines(triples, context)
    return (jsonld_head(context) + ",\n".join(lines) + ("\n" if lines else "") + "]}\n").encode("utf-8")


def jsonld_head(context: dict) -> str:
    """What comes before the nodes: the embedded context and the opening of "@graph"."""
    return '{"@context": ' + json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True) + ', "@graph": [\n'


def jsonld_node_lines(triples: Iterable[ox.Triple | ox.Quad], context: dict) -> list[str]:
    """The nodes of compact_jsonld, one JSON text each, without the separating commas: the
    document of several runs of subjects is the head and all their lines, joined by ",\\n"."""
    compactor = _Compactor(context)
    NamedNode, BlankNode, Literal = ox.NamedNode, ox.BlankNode, ox.Literal

    # Values are kept as JSON text, from pieces computed once per IRI, predicate, datatype or
    # language and then looked up (they repeat a lot). At 1M triples, joining these texts takes
    # half the time json.dumps took over dict nodes (~0.5 s against ~1.1 s), and writes the
    # same bytes (tests/test_jsonld.py checks every line against json.dumps). The caches are
    # keyed by text, not by pyoxigraph terms: those would be lookups as fast, but 171k more
    # objects for the garbage collector, whose full passes then cost 0.2 s at 1M triples.
    iri_texts = _Cache(lambda iri: string(compactor.compact_iri(iri)))  # '"prefix:local"'
    id_texts = _Cache(lambda iri: '{"@id": ' + iri_texts[iri] + "}")

    def iri_slot(predicate):
        """The key of the predicate's IRI values, and their texts: bare if its term says @id."""
        if predicate == RDF_TYPE:
            return compactor.type_key, iri_texts
        key, coerced = compactor.key(predicate, "@id")
        return key, iri_texts if coerced else id_texts

    def literal_slot(predicate_datatype):
        """The key of the predicate's literals of that datatype, and what goes around them."""
        predicate, datatype = predicate_datatype
        key, coerced = compactor.key(predicate, datatype)
        # Lexical forms stay JSON strings, never numbers or booleans: lossless.
        if coerced or datatype == XSD_STRING:
            return key, "", ""
        return key, '{"@type": ' + iri_texts[datatype] + ', "@value": ', "}"

    def language_slot(predicate_language):
        predicate, language = predicate_language
        return compactor.key(predicate, None)[0], '{"@language": ' + string(language) + ', "@value": '

    iri_slots, literal_slots, language_slots = _Cache(iri_slot), _Cache(literal_slot), _Cache(language_slot)

    lines: list[str] = []
    node: dict[str, list[str]] = {}  # key -> JSON texts of the values, for the current subject
    current = None
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate, triple.object
        # Comparing the terms (in Rust) is cheaper than comparing their texts, and tells a
        # blank node from an IRI of the same text.
        if subject != current:
            if node:
                lines.append(_node_line(node))
            current = subject
            if subject.__class__ is NamedNode:
                node = {"@id": [iri_texts[subject.value]]}
            elif subject.__class__ is BlankNode:
                node = {"@id": [string("_:" + subject.value)]}
            else:
                raise ValueError(f"unsupported subject {subject!r}: only IRIs and blank nodes")
        cls = obj.__class__
        if cls is NamedNode:
            key, texts = iri_slots[predicate.value]
            value = texts[obj.value]
        elif cls is Literal:
            language = obj.language
            if language:
                if obj.direction:
                    raise ValueError(f"literal {obj}: base directions are not supported")
                key, opening = language_slots[predicate.value, language]
                value = opening + string(obj.value) + "}"
            else:
                key, opening, closing = literal_slots[predicate.value, obj.datatype.value]
                value = opening + string(obj.value) + closing
        elif cls is BlankNode:
            key, texts = iri_slots[predicate.value]
            value = string("_:" + obj.value)
            if texts is id_texts:
                value = '{"@id": ' + value + "}"
        else:
            raise ValueError(f"unsupported object {obj!r}: only IRIs, blank nodes and literals")
        values = node.get(key)
        if values is None:
            node[key] = [value]
        else:
            values.append(value)
    if node:
        lines.append(_node_line(node))

    return lines


class _Cache(dict):
    """A dict that computes a missing value with `compute(key)` and keeps it. Lookups of keys
    already there stay in C, which matters a million times over."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


def _node_line(node: dict[str, list[str]]) -> str:
    """A node, as json.dumps(node, ensure_ascii=False, sort_keys=True) writes it: one value
    bare, several as a list."""
    parts = []
    for key in sorted(node):
        values = node[key]
        parts.append(string(key) + ": " + (values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"))
    return "{" + ", ".join(parts) + "}"


class _Compactor:
    """What compaction needs from the context: its terms by IRI, its prefixes, its @type alias.

    Built by reading the context strictly: anything beyond `@version: 1.1`, prefixes, plain
    terms, aliases of `@type` and `{"@id": ..., "@type": ...}` definitions is refused.
    """

    def __init__(self, context: dict):
        if not isinstance(context, dict):
            raise ValueError("the context must be a JSON object (a dict), not a URL or a list")
        self.definitions = context
        self.resolved: dict[str, str] = {}  # term -> its absolute IRI (or keyword)
        self.terms: dict[str, list[tuple[str, str | None]]] = {}  # IRI -> [(term, coercion)]
        prefixes: list[tuple[str, str]] = []  # (namespace, term)
        type_aliases = []
        for term, definition in context.items():
            if term == "@version":
                if definition != 1.1:
                    raise ValueError(f"context term {term!r}: {definition!r}, only 1.1 is supported")
                continue
            if not term or term.startswith("@") or ":" in term or "/" in term:
                # Keywords (@vocab, @base, @language, ...) and IRI-like terms change expansion
                # in ways this module does not reproduce.
                raise ValueError(f"context term {term!r} is not supported (keyword or IRI-like term)")
            iri = self.resolve(term)
            if iri == "@type":
                type_aliases.append(term)
                continue
            coercion = definition.get("@type") if isinstance(definition, dict) else None
            if coercion is not None and coercion != "@id":
                coercion = self.expand(coercion, term)
            self.terms.setdefault(iri, []).append((term, coercion))
            # JSON-LD 1.1 gives only plain terms the prefix flag (without an explicit @prefix).
            if isinstance(definition, str) and iri.endswith(GEN_DELIMS):
                prefixes.append((iri, term))
        self.type_key = min(type_aliases, key=lambda t: (len(t), t), default="@type")
        # namespace -> prefix; of several prefixes for one namespace, the shortest, then least.
        self.prefixes: dict[str, str] = {}
        for namespace, term in prefixes:
            best = self.prefixes.get(namespace)
            if best is None or (len(term), term) < (len(best), best):
                self.prefixes[namespace] = term
        # Matches the longest namespace that leaves a local part neither empty nor starting
        # with "//" (either would expand to another IRI): alternatives are tried in order,
        # longest first, and the lookaheads make the regex backtrack to the next one.
        alternatives = "|".join(re.escape(namespace) for namespace in sorted(self.prefixes, key=len, reverse=True))
        self.namespace = re.compile(f"(?:{alternatives})(?!//)(?=.)", re.DOTALL) if self.prefixes else None

    def resolve(self, term: str) -> str:
        """The IRI (or, for an alias, the keyword) that a term of the context stands for."""
        if term in self.resolved:
            return self.resolved[term]
        definition = self.definitions[term]
        if isinstance(definition, dict):
            unsupported = sorted(set(definition) - {"@id", "@type"})
            if unsupported:
                raise ValueError(f"context term {term!r}: {', '.join(unsupported)} is not supported")
            if not isinstance(definition.get("@id"), str):
                raise ValueError(f"context term {term!r}: an expanded definition needs an @id string")
            coercion = definition.get("@type")  # none, "@id", or a datatype (not @vocab, @json...)
            if coercion not in (None, "@id") and (not isinstance(coercion, str) or coercion.startswith("@")):
                raise ValueError(f"context term {term!r}: @type {coercion!r} is not supported")
            definition = definition["@id"]
            if definition.startswith("@"):
                raise ValueError(f"context term {term!r}: keyword aliases need the plain form")
        elif not isinstance(definition, str):
            raise ValueError(f"context term {term!r}: definition {definition!r} is not supported")
        elif definition.startswith("@"):
            if definition != "@type":
                raise ValueError(f"context term {term!r}: alias of {definition} is not supported (only @type)")
            self.resolved[term] = definition
            return definition
        self.resolved[term] = None  # marks "being resolved", to catch cycles
        self.resolved[term] = self.expand(definition, term)
        return self.resolved[term]

    def expand(self, value: str, term: str) -> str:
        """An absolute IRI or a compact IRI of the context, as an absolute IRI."""
        prefix, colon, suffix = value.partition(":")
        if not colon or not SCHEME.fullmatch(prefix):
            raise ValueError(f"context term {term!r}: {value!r} is neither an absolute nor a compact IRI")
        if suffix.startswith("//") or prefix not in self.definitions:
            return value  # an absolute IRI
        if self.resolved.get(prefix, "") is None:
            raise ValueError(f"context term {term!r}: its IRI depends on itself")
        if not isinstance(self.definitions[prefix], str) or not self.resolve(prefix).endswith(GEN_DELIMS):
            # JSON-LD 1.1 would read value as an absolute IRI, JSON-LD 1.0 as a compact one.
            raise ValueError(f"context term {term!r}: {prefix!r} in {value!r} is not a prefix")
        return self.resolve(prefix) + suffix

    def key(self, predicate: str, kind: str | None) -> tuple[str, bool]:
        """The key for values of `predicate`, and whether its term coerces them.

        `kind` is "@id" for IRIs and blank nodes, the datatype IRI for typed literals and None
        for language strings. As in JSON-LD compaction, a term whose @type coercion matches
        wins, then a term without coercion; ties go to the shortest, then least, term.
        Without a term the key is the predicate's compact (or full) IRI.
        """
        candidates = self.terms.get(predicate, ())
        matching = [term for term, coercion in candidates if kind is not None and coercion == kind]
        plain = [term for term, coercion in candidates if coercion is None]
        for terms, coerced in ((matching, True), (plain, False)):
            if terms:
                return min(terms, key=lambda t: (len(t), t)), coerced
        return self.compact_iri(predicate), False

    def compact_iri(self, iri: str) -> str:
        """`prefix:local` with the longest matching namespace, else the IRI itself.

        Either way the result contains a colon, so it can never be read as a term - which
        matters where JSON-LD expands against the vocabulary (keys and @type values).
        """
        match = self.namespace.match(iri) if self.namespace else None
        if match:
            return self.prefixes[match.group()] + ":" + iri[match.end():]
        scheme = iri.partition(":")[0]
        if scheme in self.definitions:
            raise ValueError(f"IRI {iri!r} would be read as a compact IRI using the term {scheme!r}")
        return iri
