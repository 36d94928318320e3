"""The checks every SPARQL query passes before it is evaluated, and the prefixes it has bound.

The project's prefixes (ontology/context.jsonld, plus one per id kind such as `force:` and
`judgement:` taken from the ontology's pol:idPrefix annotations) are bound already; a query may
declare its own as well.

SERVICE, LOAD and updates are refused, and FROM / FROM NAMED may only name graphs already in the
dataset. The query is read by a real SPARQL parser (rdflib's) and the check walks its parse tree;
what that parser cannot read is refused. Two engines reading one text differently is how such
checks are passed (a comment that ends at CR for one parser and not the other; an escape one
parser expands and the other does not), so the text is first put in one form that leaves no
room for that: codepoint escapes (\\uXXXX, \\UXXXXXXXX) are expanded as SPARQL says, before
parsing, and an escape that would make another escape is refused; CR and CRLF become LF; other
control characters are refused. `Analysis.text` is that form, and it is what the engines evaluate.

This check is the first line and gives the clear messages; the last line is the operating system:
queries are evaluated in processes that cannot open a connection (graph.sparql.confine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from graph.problems import QueryError

# ---------------------------------------------------------------------------------------------
# Prefixes


def default_prefixes(kg) -> dict[str, str]:
    """The prefixes every query has bound: context.jsonld's, `id:` for the data base, and one per id
    kind (`force:`, `unit:`, `judgement:`, `graph:` ...) where that name is not taken already."""
    return kg.vocabulary.prefixes_for(kg.base)


def prologue(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


# ---------------------------------------------------------------------------------------------
# One form of the text for every parser

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFT_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """The query text as every parser reads it alike (see the module's docstring)."""

    def expand(match: re.Match) -> str:
        code = int(match[1] or match[2], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError("syntax", f"syntax error: {match[0]} is not a Unicode code point")
        return chr(code)

    text = _ESCAPE.sub(expand, text)
    if _LEFT_ESCAPE.search(text):
        raise QueryError("refused", "an escape sequence that spells another escape sequence is refused")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        line, col = _line_col(text, control.start())
        raise QueryError("syntax", f"syntax error at line {line}, column {col}: control character "
                                   f"U+{ord(control[0]):04X} is not allowed in a query")
    return text


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


# ---------------------------------------------------------------------------------------------
# The check


@dataclass
class Analysis:
    """What a query is, found before it is evaluated. `text` is the normalised text to evaluate."""

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    default_graphs: list[str] = field(default_factory=list)  # FROM
    named_graphs: list[str] = field(default_factory=list)  # FROM NAMED
    has_dataset: bool = False
    text: str = ""
    # Names of bound prefixes the text may use without declaring them (a superset: every `name:`
    # in the text that the query does not declare), so an engine need be given only these.
    prefixes_used: frozenset[str] = frozenset()
    # `text` without the PREFIX declarations its body never uses (see lean_prologue), and where
    # its body starts in each: an engine reads the same query with less to parse. Empty: `text`.
    lean_text: str = ""
    body_at: int = 0  # where the body (after the prologue) starts in `text`
    lean_body_at: int = 0  # and in `lean_text`

    def lean(self, values_at: int | None) -> tuple[str, int | None]:
        """The text for an engine, with `values_at` (a position in `text`) moved with it."""
        if not self.lean_text or (values_at is not None and values_at < self.body_at):
            return self.text, values_at
        return self.lean_text, None if values_at is None else values_at - self.body_at + self.lean_body_at

    @property
    def kind(self) -> str:
        return "graph" if self.form in ("CONSTRUCT", "DESCRIBE") else "results"


# Every `name:` in a text (in a prefixed name, or not: a superset is enough).
_PREFIX_USE = re.compile(r"([^\W\d_][\w.\-]*)?:")
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
# Parse-tree nodes that reach outside the dataset. rdflib's parser names a SERVICE clause so; LOAD
# and the other updates do not parse as a query at all.
_OUTSIDE = {"ServiceGraphPattern": "SERVICE"}


def _parse(text: str):
    """rdflib's parse tree of the query; QueryError for an update or what cannot be parsed."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(text)
    except ParseBaseException as error:
        failure = error
    except RecursionError:
        raise QueryError("too-large", "the query is nested too deeply to be read") from None
    try:
        parseUpdate(text)
    except (ParseBaseException, RecursionError):
        pass
    else:
        raise QueryError("refused", "updates are not accepted: this endpoint is read-only")
    if re.match(r"\s*(?:(?:PREFIX|BASE)\b[^{]*?)?\b(LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|COPY|MOVE|ADD|WITH)\b",
                text, re.IGNORECASE):
        raise QueryError("refused", "updates are not accepted: this endpoint is read-only")
    line, col = failure.lineno, failure.col
    detail = " ".join(str(failure.msg).split())[:160]
    raise QueryError("syntax", f"syntax error at line {line}, column {col}: {detail}{_excerpt(text, line, col)}")


def _nodes(tree):
    """Every node of a parse tree, without recursion (a hostile query can nest deeply)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)


def analyse(text: str, prefixes: dict[str, str], graphs: set[str]) -> Analysis:
    """Check a query before evaluation. Raises QueryError for anything refused or malformed."""
    if not text.strip():
        raise QueryError("bad-request", "the query is empty")
    text = normalise(text)
    tree = _parse(text)
    prologue, body = tree[0], tree[1]
    declared, base = {}, None
    for item in prologue:
        if item.name == "PrefixDecl":
            declared[item["prefix"] if "prefix" in item else ""] = str(item["iri"])
        elif item.name == "Base":
            base = str(item["iri"])
    for node in _nodes(body):
        if node.name in _OUTSIDE:
            raise QueryError("refused", f"{_OUTSIDE[node.name]} is not allowed: queries are answered from this "
                                        "dataset only and never fetch anything")
        if node.name == "pname":
            prefix = node["prefix"] if "prefix" in node else ""
            if prefix not in declared and prefix not in prefixes:
                # The parse tree has no positions; the first use of the name is where to point.
                seen = re.search(rf"(?<![\w.:-]){re.escape(prefix)}:", text)
                where = ""
                if seen:
                    line, col = _line_col(text, seen.start())
                    where = f" at line {line}, column {col}{_excerpt(text, line, col)}"
                raise QueryError("unknown-prefix", f"unknown prefix '{prefix}:'{where}\n    declare it with PREFIX "
                                 f"{prefix}: <...>, or use one of: {', '.join(sorted(prefixes))}")
    form = _FORMS.get(body.name)
    if form is None:
        raise QueryError("syntax", "the query could not be parsed")
    used = frozenset(name for name in _PREFIX_USE.findall(text) if name not in declared and name in prefixes)
    analysis = Analysis(form, text=text, prefixes_used=used)
    lean = lean_prologue(text, [(item.name, item["prefix"] if "prefix" in item else "", str(item["iri"]))
                                for item in prologue])
    if lean is not None:
        analysis.lean_text, analysis.body_at, analysis.lean_body_at = lean
    for clause in body["datasetClause"] if "datasetClause" in body else []:
        named = "named" in clause
        iri = _resolve(clause["named"] if named else clause["default"], declared, prefixes, base)
        if iri not in graphs:
            raise QueryError("refused", f"FROM{' NAMED' if named else ''} <{iri}> names a graph that is not in this "
                                        "dataset; only these may be named: "
                                        + ", ".join(f"<{g}>" for g in sorted(graphs)))
        (analysis.named_graphs if named else analysis.default_graphs).append(iri)
        analysis.has_dataset = True
    return analysis


# One declaration of a prologue, after white space and comments: PREFIX name: <iri> or BASE <iri>.
_SEPARATION = r"(?:\s|#[^\n]*)*"
_IRIREF = r"<([^<>\"{}|^`\\\x00-\x20]*)>"
_DECLARATION = re.compile(rf"{_SEPARATION}(?:PREFIX{_SEPARATION}([^\s:<>#]*):{_SEPARATION}{_IRIREF}"
                          rf"|BASE{_SEPARATION}{_IRIREF})", re.IGNORECASE)


def lean_prologue(text: str, parsed: list[tuple[str, str, str]]) -> tuple[str, int, int] | None:
    """`text` without the PREFIX declarations its body does not use, where its body starts, and
    where it starts in the lean text; None when the text is not read exactly as `parsed` says
    (rdflib's prologue: ("PrefixDecl", name, iri) and ("Base", "", iri) in order), or nothing goes.

    Why: Oxigraph reads every declaration on every query, and clients send many (the query page
    and SPARQL editors send a stack of them; the benchmark's point query declares 44 and uses 2):
    the point query took Oxigraph 45 us with its 44 declarations, 26 us with the 2 it uses (seed
    data, one process). A declaration is left out only when its name is not written followed by a
    colon anywhere after the prologue (a superset of its uses), and BASE and every kept
    declaration stay in their order, so the lean text means the same query. The declarations are
    found by a regular expression and must match the parser's list exactly, else the text is used
    as it is."""
    found, at = [], 0
    while True:
        matched = _DECLARATION.match(text, at)
        if matched is None:
            break
        found.append(matched)
        at = matched.end()
    read = [("PrefixDecl", m[1], m[2]) if m[2] is not None else ("Base", "", m[3]) for m in found]
    if read != parsed:
        return None
    used = set(_PREFIX_USE.findall(text, at))
    kept = [m[0] for m in found if m[2] is None or m[1] in used]
    if len(kept) == len(found):
        return None
    prologue = "".join(kept)
    return prologue + text[at:], at, len(prologue)


def _resolve(term, declared: dict, prefixes: dict, base: str | None) -> str:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(term, CompValue) and term.name == "pname":
        prefix = term["prefix"] if "prefix" in term else ""
        namespace = declared.get(prefix, prefixes.get(prefix, ""))
        return namespace + (term["localname"] if "localname" in term else "")
    iri = str(term)
    return urljoin(base, iri) if base else iri
