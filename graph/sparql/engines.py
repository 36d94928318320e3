"""SPARQL over the knowledge graph: prefixes, safety checks, evaluation and result formats.

    >>> import graph
    >>> from graph.sparql import query
    >>> kg = graph.load("data")
    >>> rows = query(kg, "SELECT ?unit WHERE { ?unit org:unitOf force:kent }")   # a list of dicts
    >>> pandas.DataFrame(rows)

The project's prefixes (ontology/context.jsonld, plus one per id kind such as `force:` and
`judgement:` taken from the ontology's pol:idPrefix annotations) are bound already; a query may
declare its own as well.

Two stores answer queries: pyoxigraph (the default: an order of magnitude faster) and rdflib.
Before anything is evaluated every query is checked: SERVICE, LOAD and updates are refused, and
FROM / FROM NAMED may only name graphs already in the dataset, so no query can make either store
fetch a URL or read a file. With a `timeout`, the query runs in a forked child process (which
inherits the in-memory store) and the child is killed when time is up: a Python thread cannot be
stopped, a process can.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import select
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

from graph.vocabulary import XSD, XSD_STRING

STORES = ("oxigraph", "rdflib")
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")  # SELECT and ASK
GRAPH_FORMATS = ("ttl", "jsonld", "nt", "xml")  # CONSTRUCT and DESCRIBE
MEDIA_TYPES = {
    ("results", "json"): "application/sparql-results+json",
    ("results", "xml"): "application/sparql-results+xml",
    ("results", "csv"): "text/csv; charset=utf-8",
    ("results", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("results", "table"): "text/plain; charset=utf-8",
    ("graph", "ttl"): "text/turtle; charset=utf-8",
    ("graph", "jsonld"): "application/ld+json",
    ("graph", "nt"): "application/n-triples",
    ("graph", "xml"): "application/rdf+xml",
}
# Words that only appear in SPARQL Update or in clauses that reach outside the dataset.
_UPDATE_WORDS = {"INSERT", "DELETE", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING", "DATA"}
_OUTSIDE_WORDS = {"SERVICE", "LOAD"}


class QueryError(Exception):
    """A query that was refused or failed. `kind` says why; `status` is the HTTP status to answer with.

    The message is written for the person who sent the query and never carries internals."""

    STATUS = {"syntax": 400, "unknown-prefix": 400, "refused": 400, "bad-request": 400, "unknown-name": 404,
              "too-large": 400, "timeout": 503, "failed": 500, "not-acceptable": 406}

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.status = self.STATUS.get(kind, 400)


# ---------------------------------------------------------------------------------------------
# Prefixes


def default_prefixes(kg) -> dict[str, str]:
    """The prefixes every query has bound: context.jsonld's, `id:` for the data base, and one per id
    kind (`force:`, `unit:`, `judgement:`, `graph:` ...) where that name is not taken already."""
    return kg.vocabulary.prefixes_for(kg.base)


def prologue(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


# ---------------------------------------------------------------------------------------------
# A small SPARQL lexer: enough to find keywords, prefixed names and FROM clauses outside strings,
# IRIs and comments. The real parser (oxigraph's) then checks the syntax.

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<pname>(?:[^\W\d_][\w.\-\u00B7]*)?:(?:[\w\-:%\u00B7]|\\[^\s]|\.(?=[\w\-:%\\]))*)
  | (?P<word>[^\W\d][\w]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class _Token:
    kind: str
    text: str
    pos: int


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            found.append(_Token(kind, match.group(), match.start()))
    return found


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _excerpt(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1]
    start = max(0, col - 41)
    snippet = shown[start:start + 80]
    return f"\n    {snippet}\n    {' ' * (col - 1 - start)}^"


@dataclass
class Analysis:
    """What a query is, found before it is evaluated."""

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    default_graphs: list[str] = field(default_factory=list)  # FROM
    named_graphs: list[str] = field(default_factory=list)  # FROM NAMED
    has_dataset: bool = False

    @property
    def kind(self) -> str:
        return "graph" if self.form in ("CONSTRUCT", "DESCRIBE") else "results"


def analyse(text: str, prefixes: dict[str, str], graphs: set[str]) -> Analysis:
    """Check a query before evaluation. Raises QueryError for anything refused or malformed."""
    if not text.strip():
        raise QueryError("bad-request", "the query is empty")
    tokens = _tokens(text)
    declared: dict[str, str] = {}
    base = None
    from_clauses: list[tuple[bool, str, int]] = []
    for i, token in enumerate(tokens):
        if token.kind == "word":
            word = token.text.upper()
            if word in _OUTSIDE_WORDS:
                line, col = _line_col(text, token.pos)
                raise QueryError("refused", f"{word} is not allowed (line {line}, column {col}): queries are "
                                            "answered from this dataset only and never fetch anything")
            if word in _UPDATE_WORDS:
                raise QueryError("refused", "updates are not accepted: this endpoint is read-only")
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if word == "PREFIX" and following and following.kind == "pname" and following.text.endswith(":"):
                after = tokens[i + 2] if i + 2 < len(tokens) else None
                if after and after.kind == "iri":
                    declared[following.text[:-1]] = after.text[1:-1]
            elif word == "BASE" and following and following.kind == "iri":
                base = following.text[1:-1]
            elif word == "FROM" and following:
                named = following.kind == "word" and following.text.upper() == "NAMED"
                target = tokens[i + 2] if named and i + 2 < len(tokens) else following
                from_clauses.append((named, _resolve(target, declared, prefixes, base), target.pos))
        elif token.kind == "pname":
            prefix = token.text.split(":", 1)[0]
            if prefix != "_" and prefix not in declared and prefix not in prefixes:
                line, col = _line_col(text, token.pos)
                raise QueryError("unknown-prefix", f"unknown prefix '{prefix}:' at line {line}, column {col}"
                                 f"{_excerpt(text, line, col)}\n    declare it with PREFIX {prefix}: <...>, "
                                 f"or use one of: {', '.join(sorted(prefixes))}")
    analysis = Analysis(_form(text, prefixes))
    for named, iri, pos in from_clauses:
        if iri not in graphs:
            line, col = _line_col(text, pos)
            raise QueryError("refused", f"FROM{' NAMED' if named else ''} at line {line}, column {col} names a graph "
                                        "that is not in this dataset; only these may be named: "
                                        + ", ".join(f"<{g}>" for g in sorted(graphs)))
        (analysis.named_graphs if named else analysis.default_graphs).append(iri)
        analysis.has_dataset = True
    return analysis


def _resolve(token: _Token, declared: dict, prefixes: dict, base: str | None) -> str:
    if token.kind == "iri":
        iri = token.text[1:-1]
        return urljoin(base, iri) if base else iri
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = declared.get(prefix, prefixes.get(prefix))
        if namespace is not None:
            return namespace + re.sub(r"\\(.)", r"\1", local)
    return ""  # a variable or something odd: never a graph of the dataset


def _form(text: str, prefixes: dict[str, str]) -> str:
    """Parse with oxigraph (against an empty store, nothing is evaluated) to check the syntax and
    learn the query form."""
    import pyoxigraph as ox

    try:
        result = ox.Store().query(text, prefixes=prefixes)
    except SyntaxError as error:
        message = str(error)
        found = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
        if not found:
            raise QueryError("syntax", f"syntax error: {message.splitlines()[0][:200]}") from None
        line, col, detail = int(found[1]), int(found[2]), found[3]
        detail = " ".join(detail.split())
        if len(detail) > 160:
            detail = detail[:157] + "..."
        raise QueryError("syntax", f"syntax error at line {line}, column {col}: {detail}"
                                   f"{_excerpt(text, line, col)}") from None
    except Exception:  # noqa: BLE001 - any other parser complaint
        raise QueryError("syntax", "the query could not be parsed") from None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    if isinstance(result, ox.QueryTriples):
        return "DESCRIBE" if re.search(r"\bDESCRIBE\b", _strip(text), re.IGNORECASE) else "CONSTRUCT"
    return "SELECT"


def _strip(text: str) -> str:
    return " ".join(t.text for t in _tokens(text) if t.kind == "word")


# ---------------------------------------------------------------------------------------------
# Terms, bindings and results

Term = tuple  # ("uri", iri) | ("bnode", id) | ("literal", value, datatype, language)


def parse_term(text: str, prefixes: dict[str, str]) -> Term:
    """A value given by a user (a CLI --bind or a URL parameter) as an RDF term: `<iri>`, a CURIE with
    a known prefix (`force:kent`, `id:force/kent`), an http(s) IRI, `"text"` or `"text"@en`, or else
    plain text. It is bound to a variable, never pasted into query text."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return ("uri", text[1:-1])
    literal = re.fullmatch(r'"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?', text, re.DOTALL)
    if literal:
        return ("literal", literal[1], None, literal[2])
    if re.match(r"https?://\S+$", text):
        return ("uri", text)
    prefix, colon, local = text.partition(":")
    if colon and prefix in prefixes and not re.search(r"\s", local):
        return ("uri", prefixes[prefix] + local)
    return ("literal", text, None, None)


def _from_ox(term) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    datatype = term.datatype.value if term.language is None else None
    if datatype == XSD_STRING:
        datatype = None
    return ("literal", term.value, datatype, term.language)


def _to_ox(term: Term):
    import pyoxigraph as ox

    if term[0] == "uri":
        return ox.NamedNode(term[1])
    if term[0] == "bnode":
        return ox.BlankNode(term[1])
    _, value, datatype, language = term
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)


def _from_rdflib(term) -> Term | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return ("bnode", str(term))
    datatype = str(term.datatype) if term.datatype is not None else None
    if datatype == XSD_STRING:
        datatype = None
    return ("literal", str(term), datatype, term.language)


def _to_rdflib(term: Term):
    import rdflib

    if term[0] == "uri":
        return rdflib.URIRef(term[1])
    if term[0] == "bnode":
        return rdflib.BNode(term[1])
    _, value, datatype, language = term
    return rdflib.Literal(value, lang=language, datatype=rdflib.URIRef(datatype) if datatype else None)


_NUMBERS = {XSD + t: int for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                                   "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}
_NUMBERS.update({XSD + t: float for t in ("decimal", "double", "float")})


def python_value(term: Term | None):
    """A term as a plain Python value: IRIs and text as str, numbers as int or float, booleans as bool."""
    if term is None:
        return None
    if term[0] != "literal":
        return term[1]
    _, value, datatype, _ = term
    try:
        if datatype in _NUMBERS:
            return _NUMBERS[datatype](value)
        if datatype == XSD + "boolean":
            return value in ("true", "1")
    except ValueError:
        pass
    return value


def _nt(term: Term | None) -> str:
    """N-Triples / Turtle syntax of a term."""
    if term is None:
        return ""
    if term[0] == "uri":
        return f"<{term[1]}>"
    if term[0] == "bnode":
        return f"_:{term[1]}"
    return str(_to_ox(term))


@dataclass
class Result:
    """The answer to one query, independent of the store that computed it."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # SELECT: one tuple of terms (or None) per row
    boolean: bool | None = None  # ASK
    triples: list[tuple] = field(default_factory=list)  # CONSTRUCT / DESCRIBE: (s, p, o) terms
    seconds: float = 0.0

    @property
    def kind(self) -> str:
        return "graph" if self.form in ("CONSTRUCT", "DESCRIBE") else "results"

    def records(self) -> list[dict]:
        """SELECT rows as dicts of plain Python values (what pandas.DataFrame wants)."""
        return [{v: python_value(t) for v, t in zip(self.variables, row, strict=True)} for row in self.rows]

    def plain(self):
        """The plainest Python form: rows as dicts (SELECT), a bool (ASK) or triples as dicts."""
        if self.form == "ASK":
            return self.boolean
        if self.kind == "graph":
            return [{"subject": python_value(s), "predicate": python_value(p), "object": python_value(o)}
                    for s, p, o in self.triples]
        return self.records()

    def rdf_triples(self) -> list:
        """A CONSTRUCT or DESCRIBE result as pyoxigraph Triples (e.g. to draw with graph.views)."""
        import pyoxigraph as ox

        return [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in self.triples]

    def serialise(self, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
        """The result in one format: table/csv/tsv/json/xml for SELECT and ASK, ttl/jsonld/nt/xml for graphs."""
        prefixes = prefixes or {}
        if self.kind == "graph":
            return _graph_bytes(self.triples, fmt, prefixes)
        if fmt == "json":
            return _json(self)
        if fmt == "xml":
            return _xml(self)
        if self.form == "ASK":
            return ("true" if self.boolean else "false").encode() + b"\n"
        if fmt == "csv":
            return _csv(self)
        if fmt == "tsv":
            return _tsv(self)
        if fmt == "table":
            return _table(self, prefixes).encode("utf-8")
        raise QueryError("bad-request", f"unknown format {fmt!r} for {self.form} results")


def _json(result: Result) -> bytes:
    if result.form == "ASK":
        document = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = []
        for row in result.rows:
            binding = {}
            for name, term in zip(result.variables, row, strict=True):
                if term is None:
                    continue
                if term[0] == "literal":
                    value = {"type": "literal", "value": term[1]}
                    if term[3]:
                        value["xml:lang"] = term[3]
                    elif term[2]:
                        value["datatype"] = term[2]
                else:
                    value = {"type": term[0], "value": term[1]}
                binding[name] = value
            bindings.append(binding)
        document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _xml(result: Result) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    if result.form == "ASK":
        out.append(f"</head>\n<boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    out.extend(f'<variable name="{xml_escape(v)}"/>' for v in result.variables)
    out.append("</head>\n<results>\n")
    for row in result.rows:
        out.append("<result>")
        for name, term in zip(result.variables, row, strict=True):
            if term is None:
                continue
            out.append(f'<binding name="{xml_escape(name)}">')
            if term[0] == "uri":
                out.append(f"<uri>{xml_escape(term[1])}</uri>")
            elif term[0] == "bnode":
                out.append(f"<bnode>{xml_escape(term[1])}</bnode>")
            else:
                attrs = (f' xml:lang="{xml_escape(term[3])}"' if term[3]
                         else f' datatype="{xml_escape(term[2])}"' if term[2] else "")
                out.append(f"<literal{attrs}>{xml_escape(term[1])}</literal>")
            out.append("</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv(result: Result) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t[1]}" if t[0] == "bnode" else t[1] for t in row])
    return out.getvalue().encode("utf-8")


def _tsv(result: Result) -> bytes:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_nt(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _short(term: Term | None, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if term[0] == "uri":
        best = max((ns for ns in prefixes.values() if term[1].startswith(ns)), key=len, default=None)
        if best is not None:
            name = next(p for p, ns in sorted(prefixes.items()) if ns == best)
            return f"{name}:{term[1][len(best):]}"
        return term[1]
    if term[0] == "bnode":
        return f"_:{term[1]}"
    return " ".join(term[1].split())


def _table(result: Result, prefixes: dict[str, str], width: int = 60) -> str:
    def cell(term):
        text = _short(term, prefixes)
        return text if len(text) <= width else text[:width - 1] + "…"

    rows = [[cell(t) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _graph_bytes(triples: list[tuple], fmt: str, prefixes: dict[str, str]) -> bytes:
    import pyoxigraph as ox

    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
               "jsonld": ox.RdfFormat.JSON_LD}
    if fmt not in formats:
        raise QueryError("bad-request", f"unknown format {fmt!r} for graph results; choose from "
                                        f"{', '.join(GRAPH_FORMATS)}")
    ordered = sorted({tuple(t) for t in triples}, key=lambda t: tuple(_nt(x) for x in t))
    oxtriples = [ox.Triple(*(_to_ox(t) for t in triple)) for triple in ordered]
    if fmt == "nt":
        return ox.serialize(oxtriples, format=formats[fmt])
    return ox.serialize(oxtriples, format=formats[fmt], prefixes=prefixes)


# ---------------------------------------------------------------------------------------------
# Stores


def _bind_with_values(text: str, bindings: dict[str, Term]) -> tuple[str, dict[str, Term]]:
    """Bind variables with a VALUES block at the start of the query's WHERE group.

    Oxigraph applies `substitutions` after evaluating the whole pattern, so a catalogue query
    bound to one force first computes the answer for every force (24 s instead of 15 ms on 100k
    triples). A VALUES block at the start of the group is joined first instead. What goes into it
    is no user text but the canonical N-Triples form of a term that Oxigraph itself has built and
    validated (an IRI that cannot contain `>` or spaces, a literal with its quotes escaped), so
    the user's value stays a value. Blank nodes, which VALUES cannot hold, are returned to be
    bound as substitutions, as is everything when no WHERE group is found.
    """
    tokens = _tokens(text)
    where = next((i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() == "WHERE"), None)
    if where and tokens[where - 1].kind == "word" and tokens[where - 1].text.upper() == "CONSTRUCT":
        return text, bindings  # CONSTRUCT WHERE { ... } admits triple patterns only
    start = where + 1 if where is not None else 0
    brace = next((t for t in tokens[start:] if t.kind == "other" and t.text == "{"), None)
    inline = {name: term for name, term in bindings.items() if term[0] != "bnode"}
    if brace is None or not inline:
        return text, bindings
    names = sorted(inline)
    row = " ".join(str(_to_ox(inline[name])) for name in names)
    block = f" VALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }} "
    rest = {name: term for name, term in bindings.items() if name not in inline}
    return text[: brace.pos + 1] + block + text[brace.pos + 1 :], rest


class _OxigraphStore:
    def __init__(self, kg):
        self.store = kg.store()

    def evaluate(self, text, analysis: Analysis, prefixes, bindings, dataset, max_rows) -> Result:
        import pyoxigraph as ox

        options = {"prefixes": prefixes}
        if dataset is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in dataset[0]] or [ox.DefaultGraph()]
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset[1]]
        elif not analysis.has_dataset:
            options["use_default_graph_as_union"] = True
        if bindings:
            text, rest = _bind_with_values(text, bindings)
            if rest:
                options["substitutions"] = {ox.Variable(k): _to_ox(v) for k, v in rest.items()}
        try:
            answer = self.store.query(text, **options)
            if isinstance(answer, ox.QueryBoolean):
                return Result("ASK", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples = []
                for triple in answer:
                    triples.append((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
                    _check_size(len(triples), max_rows, "triples")
                return Result(analysis.form, triples=triples)
            variables = [v.value for v in answer.variables]
            rows = []
            for solution in answer:
                rows.append(tuple(_from_ox(solution[v]) for v in variables))
                _check_size(len(rows), max_rows, "rows")
            return Result("SELECT", variables=variables, rows=rows)
        except QueryError:
            raise
        except RuntimeError as error:
            if "projection" in str(error) and bindings:
                raise QueryError("bad-request", "a bound variable must appear in the SELECT clause") from None
            raise QueryError("failed", "the query could not be evaluated") from None
        except Exception:  # noqa: BLE001 - never show internals
            raise QueryError("failed", "the query could not be evaluated") from None


class _RdflibStore:
    def __init__(self, kg):
        import pyoxigraph as ox
        import rdflib

        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(data=ox.serialize(kg.quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"),
                           format="nquads")
        # rdflib looks these up lazily; import them now so a forked child has them all.
        import rdflib.plugins.sparql.evaluate  # noqa: F401
        import rdflib.plugins.sparql.parser  # noqa: F401
        self.dataset.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")

    def _view(self, dataset):
        """A Dataset holding only the chosen graphs (for protocol default-graph-uri / named-graph-uri)."""
        import rdflib

        view = rdflib.Dataset(default_union=False)
        for name in dataset[0]:
            for triple in self.dataset.graph(rdflib.URIRef(name)):
                view.default_graph.add(triple)
        for name in dataset[1]:
            target = view.graph(rdflib.URIRef(name))
            for triple in self.dataset.graph(rdflib.URIRef(name)):
                target.add(triple)
        return view

    def evaluate(self, text, analysis: Analysis, prefixes, bindings, dataset, max_rows) -> Result:
        import rdflib

        target = self.dataset if dataset is None else self._view(dataset)
        try:
            answer = target.query(text, initNs={p: rdflib.Namespace(ns) for p, ns in prefixes.items()},
                                  initBindings={k: _to_rdflib(v) for k, v in (bindings or {}).items()})
            if answer.type == "ASK":
                return Result("ASK", boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                triples = []
                for triple in answer.graph:
                    triples.append(tuple(_from_rdflib(t) for t in triple))
                    _check_size(len(triples), max_rows, "triples")
                return Result(analysis.form, triples=triples)
            variables = [str(v) for v in answer.vars]
            rows = []
            for solution in answer:
                rows.append(tuple(_from_rdflib(t) for t in solution))
                _check_size(len(rows), max_rows, "rows")
            return Result("SELECT", variables=variables, rows=rows)
        except QueryError:
            raise
        except Exception:  # noqa: BLE001 - never show internals
            raise QueryError("failed", "the query could not be evaluated") from None


def _check_size(count: int, limit: int | None, what: str) -> None:
    if limit is not None and count > limit:
        raise QueryError("too-large", f"the result has more than {limit} {what}; add a LIMIT or narrow the query")


# ---------------------------------------------------------------------------------------------
# The engine: check, evaluate (in a forked child when there is a time limit), answer


class Engine:
    """Answers SPARQL queries over one KnowledgeGraph with one store.

    timeout (seconds) and max_rows are the defaults for `run`; None means no limit. The store is
    built once, up front, so forked children inherit it instead of building it again."""

    def __init__(self, kg, store: str = "oxigraph", timeout: float | None = None, max_rows: int | None = None,
                 max_bytes: int = 64 * 1024 * 1024):
        if store not in STORES:
            raise ValueError(f"unknown store {store!r}; choose from {', '.join(STORES)}")
        self.kg = kg
        self.store_name = store
        self.prefixes = default_prefixes(kg)
        self.graphs = kg.graph_names()
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self._store = _OxigraphStore(kg) if store == "oxigraph" else _RdflibStore(kg)

    def analyse(self, text: str) -> Analysis:
        return analyse(text, self.prefixes, self.graphs)

    def run(self, text: str, bindings: dict[str, object] | None = None, *, timeout: float | None = ...,
            max_rows: int | None = ..., default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None, analysis: Analysis | None = None) -> Result:
        """Check and evaluate one query. `bindings` maps variable names to terms (see parse_term) or
        plain strings (parsed with parse_term). Raises QueryError."""
        timeout = self.timeout if timeout is ... else timeout
        max_rows = self.max_rows if max_rows is ... else max_rows
        analysis = analysis or self.analyse(text)
        terms = {name.lstrip("?$"): value if isinstance(value, tuple) else parse_term(str(value), self.prefixes)
                 for name, value in (bindings or {}).items()}
        for name in terms:
            if not re.fullmatch(r"\w+", name):
                raise QueryError("bad-request", f"not a variable name: {name!r}")
        dataset = None
        if default_graphs is not None or named_graphs is not None:
            if analysis.has_dataset:
                raise QueryError("bad-request", "give the dataset either in the query (FROM) or as parameters, "
                                                "not both")
            for name in [*(default_graphs or []), *(named_graphs or [])]:
                if name not in self.graphs:
                    raise QueryError("refused", "only graphs of this dataset may be named; "
                                     + ", ".join(f"<{g}>" for g in sorted(self.graphs)))
            dataset = (list(default_graphs or []), list(named_graphs or []))

        def work():
            return self._store.evaluate(text, analysis, self.prefixes, terms, dataset, max_rows)

        started = time.perf_counter()
        result = work() if timeout is None else _in_child(work, timeout, self.max_bytes)
        result.seconds = time.perf_counter() - started
        return result


def _sandbox() -> None:
    """In a forked child only: refuse network access and reading files outside the Python install,
    as a second line of defence behind `analyse`."""
    sparql = sys.modules.get("rdflib.plugins.sparql")  # only if rdflib is in use: importing it costs time
    if sparql is not None:
        sparql.SPARQL_LOAD_GRAPHS = False
    allowed = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                                           os.path.dirname(os.path.dirname(__file__)))})

    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "urllib.Request",
                     "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
            raise PermissionError("no outside access while answering a query")
        if event == "open" and isinstance(args[0], str | bytes):
            path = os.path.realpath(os.fsdecode(args[0]))
            if not path.startswith(allowed):
                raise PermissionError("no file access while answering a query")

    sys.addaudithook(hook)


def _in_child(work, timeout: float, max_bytes: int) -> Result:
    """Run `work` in a forked child; kill it if it has not answered within `timeout` seconds."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, write, exit - never return into the caller's code
        code = 0
        try:
            os.close(read_end)
            _sandbox()
            try:
                payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
            except QueryError as error:
                payload = pickle.dumps(("error", error.kind, str(error)))
            except BaseException:  # noqa: BLE001
                payload = pickle.dumps(("error", "failed", "the query could not be evaluated"))
            if len(payload) > max_bytes:
                payload = pickle.dumps(("error", "too-large", "the result is too large; add a LIMIT"))
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view):]
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks, size, deadline = [], 0, time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryError("timeout", f"the query was stopped after the time limit of {timeout:g} s")
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes + 4096:
                raise QueryError("too-large", "the result is too large; add a LIMIT")
    finally:
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    try:
        message = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died before answering
        raise QueryError("failed", "the query could not be evaluated") from None
    if message[0] == "ok":
        return message[1]
    raise QueryError(message[1], message[2])


def query(kg, sparql: str, bindings: dict | None = None, *, store: str = "oxigraph",
          timeout: float | None = None, max_rows: int | None = None):
    """Answer one SPARQL query over `kg` (a KnowledgeGraph, or a data folder to load).

    SELECT gives a list of dicts of plain Python values (`pandas.DataFrame(rows)` works as is), ASK a
    bool, CONSTRUCT and DESCRIBE a list of {subject, predicate, object} dicts. The project's prefixes
    are bound. `bindings` binds variables to values ({"force": "force:kent"}). Raises QueryError."""
    if not hasattr(kg, "quads"):
        from graph.store import open_graph

        kg = open_graph(Path(kg))
    return Engine(kg, store).run(sparql, bindings, timeout=timeout, max_rows=max_rows).plain()


# ---------------------------------------------------------------------------------------------
# Content negotiation


_ACCEPT = {
    "application/sparql-results+json": ("results", "json"), "application/json": ("results", "json"),
    "application/sparql-results+xml": ("results", "xml"), "application/xml": ("results", "xml"),
    "text/xml": ("results", "xml"), "text/csv": ("results", "csv"), "text/tab-separated-values": ("results", "tsv"),
    "text/turtle": ("graph", "ttl"), "application/x-turtle": ("graph", "ttl"), "application/turtle": ("graph", "ttl"),
    "application/ld+json": ("graph", "jsonld"), "application/n-triples": ("graph", "nt"),
    "application/rdf+xml": ("graph", "xml"),
}
_FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "ttl": "ttl", "turtle": "ttl",
                 "jsonld": "jsonld", "json-ld": "jsonld", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                 "rdfxml": "xml", "rdf+xml": "xml"}


def negotiate(kind: str, accept: str | None, requested: str | None = None) -> str:
    """The format to answer a `kind` ("results" or "graph") result in, from a `format` parameter or
    the Accept header. Raises QueryError("not-acceptable") when nothing offered is acceptable."""
    default = "json" if kind == "results" else "ttl"
    if requested:
        name = _FORMAT_NAMES.get(requested.lower())
        if name is None and requested.lower() in _ACCEPT:
            name = _ACCEPT[requested.lower()][1]
        offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
        if name in offered and name != "table":
            return name
        if name == "json" and kind == "graph":
            return "jsonld"
    if not accept:
        return default
    choices = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        choices.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(choices):
        if negative_quality >= 0:
            break
        if media in ("*/*", "application/*", "text/*") and not (kind == "graph" and media == "application/*"):
            return default
        if _ACCEPT.get(media, ("", ""))[0] == kind:
            return _ACCEPT[media][1]
        if media == "text/plain" and kind == "graph":
            return "nt"
    raise QueryError("not-acceptable", "none of the accepted media types can express this result; offered: "
                     + ", ".join(m.split(";")[0] for (k, _), m in MEDIA_TYPES.items() if k == kind and _ != "table"))


# ---------------------------------------------------------------------------------------------
# The `policing-kg query` command


def run_command(text, query_file, name, binds, fmt, timeout, store, data_dir, base, store_dir=None) -> int:
    """What `policing-kg query` does; returns the exit status (ASK: 0 true, 1 false; errors: 2)."""
    import click

    from graph.store import open_graph

    try:
        sources = [s for s in (text is not None, query_file is not None, name is not None) if s]
        if len(sources) > 1:
            raise QueryError("bad-request", "give the query one way only: as an argument, -f FILE or --name")
        bindings = {}
        for bind in binds:
            variable, equals, value = bind.partition("=")
            if not equals:
                raise QueryError("bad-request", f"--bind takes VAR=VALUE, not {bind!r}")
            bindings[variable.strip()] = value
        if name is not None:
            from graph.catalogue import get

            entry = get(name)
            text, bindings = entry.text, entry.bindings(bindings)
        elif query_file is not None:
            text = query_file.read()
        elif text is None:
            stdin = sys.stdin
            if stdin.isatty():
                raise QueryError("bad-request", "give a query: as an argument, -f FILE, --name NAME or on stdin")
            text = stdin.read()
        engine = Engine(open_graph(data_dir, base, store_dir), store)
        analysis = engine.analyse(text)
        if analysis.kind == "graph" and fmt in RESULT_FORMATS:
            fmt = "ttl" if fmt == "table" else fmt
        if analysis.kind == "graph" and fmt not in GRAPH_FORMATS:
            raise QueryError("bad-request", f"{analysis.form} gives a graph: choose --format ttl, jsonld or nt")
        if analysis.kind == "results" and fmt not in RESULT_FORMATS:
            raise QueryError("bad-request", f"{analysis.form} gives results: choose --format table, csv, tsv, "
                                            "json or xml")
        result = engine.run(text, bindings, timeout=timeout, analysis=analysis)
    except QueryError as error:
        click.echo(f"error: {error}", err=True)
        return 2
    click.echo(result.serialise(fmt, engine.prefixes), nl=False)
    if result.form == "ASK":
        return 0 if result.boolean else 1
    return 0
