"""The catalogue of research questions: named SPARQL queries in graph/sparql/catalogue/*.rq.

Each file starts with a comment header:

    # Every judgement of a force over time            <- the title: the question it answers
    #
    # Longer description, as many lines as needed.
    #
    # param force: force:kent  The force (an IRI or a CURIE).   <- a parameter and its default
    # param area?: area:peel-effectiveness  The area, or every area.   <- optional, with an example

Parameters are variables of the query that a user may set (`--bind force=force:essex` on the
command line, `?force=force:essex` on /catalogue/NAME over HTTP). They are bound as variables
when the query is evaluated, never pasted into its text; a parameter the user does not set takes
its default. An optional parameter (`name?:`) has an example instead of a default: left unset, its
variable stays unbound and the query ranges over every value (it tests `!BOUND(?area)`, or just
uses the variable in its patterns). Parameters are bound by a VALUES block at the start of the
query's WHERE group (graph.sparql.engines), so a query should use them in its top-level patterns
and filters, not in a BIND inside a nested group.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.problems import QueryError

CATALOGUE_DIR = Path(__file__).parent / "catalogue"


@dataclass(frozen=True)
class Parameter:
    name: str
    default: str  # the value bound when none is given; for an optional parameter, an example
    description: str
    optional: bool = False  # unbound when not given (the query ranges over every value)


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    title: str
    description: str
    text: str
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    values_at: int | None = None  # where the WHERE group opens: parameters are bound there

    def bindings(self, given: dict[str, str] | None = None) -> dict[str, str]:
        """Every parameter's value: the one given, else the default. Unknown names are an error."""
        given = {k.lstrip("?$"): v for k, v in (given or {}).items()}
        known = {p.name for p in self.parameters}
        unknown = sorted(set(given) - known)
        if unknown:
            offered = ", ".join(sorted(known)) or "none"
            raise QueryError("bad-request", f"query {self.name!r} has no parameter {unknown[0]!r} "
                                            f"(its parameters: {offered})")
        for parameter in self.parameters:
            value = given.get(parameter.name)
            if value is not None and _is_iri_like(parameter.default) and _is_plain_text(value):
                raise QueryError("bad-request", f"parameter {parameter.name!r} of {self.name!r} takes an IRI, "
                                 f"such as {parameter.default}; {value!r} is plain text. Give a prefixed name "
                                 f"(e.g. {parameter.default.split(':')[0]}:{value.strip().lower()}), an IRI in "
                                 "<...>, or \"quote\" it to mean text")
        return {p.name: given[p.name] if p.name in given else p.default for p in self.parameters
                if p.name in given or not p.optional}


def _is_iri_like(value: str) -> bool:
    return not value.startswith('"') and (":" in value or value.startswith("<"))


def _is_plain_text(value: str) -> bool:
    """Neither an IRI (<...>, http...), a prefixed name, nor quoted text: what a user means as an id."""
    value = value.strip()
    return not (value.startswith(("<", '"')) or ":" in value)


def parse_entry(name: str, text: str) -> CatalogueQuery:
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].strip())
    if not header or not header[0]:
        raise ValueError(f"catalogue query {name}: the first line must be a '# title' comment")
    parameters, description = [], []
    for line in header[1:]:
        found = re.match(r"param\s+\??(\w+)(\?)?\s*:\s*(\"[^\"]*\"(?:@[\w-]+)?|\S+)\s*(.*)", line)
        if found:
            parameters.append(Parameter(found[1], found[3], found[4].strip(), optional=bool(found[2])))
        elif line or description:
            description.append(line)
    return CatalogueQuery(name, header[0], " ".join(" ".join(description).split()), text, tuple(parameters),
                          where_group(text))


def where_group(text: str) -> int | None:
    """Where the top-level WHERE group of one of the catalogue's own queries opens (just after its
    brace), or None for CONSTRUCT WHERE (triple patterns only). Only for these files, whose text
    is ours: comment lines are skipped and no string or IRI in them holds `WHERE {`; a test
    checks every file."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            found = re.search(r"\bWHERE\s*\{", line, re.IGNORECASE)
            if found:
                if re.search(r"\bCONSTRUCT\s+$", text[:offset + found.start()], re.IGNORECASE):
                    return None
                return offset + found.end()
        offset += len(line)
    return None


def load_catalogue(directory: Path | None = None) -> dict[str, CatalogueQuery]:
    """Every catalogue query by name (the file name without .rq), sorted by name."""
    directory = directory or CATALOGUE_DIR
    return {path.stem: parse_entry(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.rq"))}


def get(name: str, catalogue: dict[str, CatalogueQuery] | None = None) -> CatalogueQuery:
    """One catalogue query; an unknown name raises QueryError suggesting the closest names."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, catalogue, n=3, cutoff=0.4)
    close += [n for n in catalogue if name and name.lower() in n and n not in close][: 3 - len(close)]
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `policing-kg queries` lists them"
    raise QueryError("unknown-name", f"no catalogue query named {name!r}{hint}")


def run(kg_or_engine, name: str, bindings: dict[str, str] | None = None, **options):
    """Run a catalogue query by name; returns a graph.sparql.Result."""
    from graph.sparql.engines import Engine

    engine = kg_or_engine if isinstance(kg_or_engine, Engine) else Engine(kg_or_engine)
    entry = get(name)
    return engine.run(entry.text, entry.bindings(bindings), values_at=entry.values_at, **options)
