"""The checks every SPARQL query passes before it is evaluated, and the prefixes it has bound.

The project's prefixes (ontology/context.jsonld, plus one per id kind such as `force:` and
`judgement:` taken from the ontology's pol:idPrefix annotations) are bound already; a query may
declare its own as well.

SERVICE, LOAD and updates are refused, and FROM / FROM NAMED may only name graphs already in the
dataset, so no query can make either store fetch a URL or read a file. The lexer below is
hand-written because neither store exposes its parse tree before evaluation (pyoxigraph parses
and evaluates in one call; rdflib's parser gives a pyparsing tree with no positions): it only
finds keywords, prefixed names and FROM clauses so that a refusal names the line and column;
oxigraph's own parser then checks the syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from graph.problems import QueryError

# Words that only appear in SPARQL Update or in clauses that reach outside the dataset.
_UPDATE_WORDS = {"INSERT", "DELETE", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING", "DATA"}
_OUTSIDE_WORDS = {"SERVICE", "LOAD"}


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
