"""SHACL validation of the built graph against ontology/shapes.ttl, with pyshacl.

Results are reported like every other problem: the record's file and line (found from the
focus node's IRI), the entity's label, what is wrong and the property concerned.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.problems import Problem
from graph.vocabulary import SH, ontology_dir


@dataclass(frozen=True)
class ShapeResult:
    focus: str
    path: str
    message: str
    severity: str  # Violation | Warning | Info
    value: str


def shacl_results(data) -> list[ShapeResult]:
    """Validate an rdflib graph (the union graph, ontology included) against the shapes."""
    import rdflib
    from pyshacl import validate

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    results = []
    for result in report.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult")):

        def one(predicate: str, result=result) -> str:
            value = report.value(result, rdflib.URIRef(SH + predicate))
            return "" if value is None else str(value)

        results.append(
            ShapeResult(
                one("focusNode"),
                one("resultPath"),
                one("resultMessage"),
                one("resultSeverity").rsplit("#", 1)[-1],
                one("value"),
            )
        )
    return sorted(set(results), key=lambda r: (r.focus, r.path, r.message))


def results_as_problems(results: list[ShapeResult], where: dict[str, tuple[str, int, str]]) -> list[Problem]:
    """Turn results into problems; `where` maps an IRI to (file, line, label) of its record."""
    problems = []
    for r in results:
        file, line, label = where.get(r.focus, ("(built graph)", 0, r.focus))
        prop = r.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        prefix = "warning: " if r.severity != "Violation" else ""
        problems.append(Problem(file, line, f"{prefix}{label}: {r.message}" + (f" [{prop}]" if prop else ""), r.value))
    return problems
