"""The package's layers: no import cycle, and no import from a lower layer into a higher one.

Every module of graph/ is read with `ast` (not imported), and every import is counted: at module
level, inside functions, under TYPE_CHECKING, `from . import x` and other relative forms. The
README's Layout section draws the same layers as LAYERS below.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import graph

# Lowest first. A module may import modules of its own group (its subpackage, or itself for a
# top-level module) and of any group in a lower layer; never one beside it or above it.
LAYERS = [
    ["graph.vocabulary", "graph.problems"],  # base: the ontology's terms; what goes wrong
    ["graph.cache"],  # what a build keeps for the next one
    ["graph.data"],  # the curated YAML read and checked
    ["graph.rdf"],  # records -> quads, exports, SHACL, the persistent store
    ["graph.sparql"],  # safety checks, engines, result formats, the catalogue
    ["graph.publish", "graph.ingest", "graph.scale"],  # pictures and pages; drafting records; synth and push
    ["graph.serve"],  # the HTTP endpoint (serves the site's pages and SPARQL)
    ["graph.pipeline"],  # load / validate / build / export
    ["graph.cli"],  # the command, thin: each a few lines calling the layers below
    ["graph.__main__", "graph"],  # `python -m graph`; the public surface (graph/__init__.py, lazy)
]


@dataclass(frozen=True)
class Import:
    importer: str  # module name
    imported: str  # module name
    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported}"


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Module name -> file, for every .py file of the package at `root` (the package's folder)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imports(root: Path, package: str) -> list[Import]:
    """Every import of a module of the package by a module of the package."""
    modules = module_files(root, package)
    found = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                # `from a import b` imports the module a.b when there is one, else a name of a
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            for target in targets:
                while target and target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]  # `import a.b.c` of a name: the module that holds it
                if target in modules and target != name:
                    found.append(Import(name, target, path, node.lineno))
    return found


def group_of(module: str, layers: list[list[str]]) -> str:
    """The layer group a module belongs to: the longest group name that is it or contains it."""
    groups = [g for layer in layers for g in layer if module == g or module.startswith(g + ".")]
    if not groups:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to the README's Layout)")
    return max(groups, key=len)


def upward_imports(found: list[Import], layers: list[list[str]]) -> list[Import]:
    rank = {g: n for n, layer in enumerate(layers) for g in layer}
    wrong = []
    for imp in found:
        importer, imported = group_of(imp.importer, layers), group_of(imp.imported, layers)
        if importer != imported and rank[imported] >= rank[importer]:
            wrong.append(imp)
    return wrong


def cycles(found: list[Import]) -> list[list[Import]]:
    """Each import cycle once, as the chain of imports that closes it."""
    edges: dict[str, list[Import]] = {}
    for imp in found:
        edges.setdefault(imp.importer, []).append(imp)
    seen, on_path, result = set(), [], []

    def visit(module: str, path: list[Import]) -> None:
        if module in on_path:
            start = on_path.index(module)
            result.append(path[start:])
            return
        if module in seen:
            return
        seen.add(module)
        on_path.append(module)
        for imp in edges.get(module, []):
            visit(imp.imported, [*path, imp])
        on_path.pop()

    for module in sorted(edges):
        visit(module, [])
    return result


def problems(root: Path, package: str, layers: list[list[str]]) -> list[str]:
    found = imports(root, package)
    report = [f"upward import: {imp}" for imp in upward_imports(found, layers)]
    report += ["import cycle:\n    " + "\n    ".join(str(imp) for imp in cycle) for cycle in cycles(found)]
    return report


def test_the_package_has_no_import_cycle_and_no_upward_import():
    root = Path(graph.__file__).parent
    found = problems(root, "graph", LAYERS)
    assert not found, "\n".join(found)


def test_every_subpackage_is_in_a_layer():
    root = Path(graph.__file__).parent
    for module in module_files(root, "graph"):
        group_of(module, LAYERS)  # raises for a module in no layer


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


TINY_LAYERS = [["pkg.low"], ["pkg.high"], ["pkg"]]


@pytest.mark.parametrize("files, expected", [
    ({"low/__init__.py": "", "low/a.py": "from pkg.low import b\n", "low/b.py": "def f():\n    from . import a\n",
      "high.py": ""},
     ["import cycle:", "pkg/low/a.py:1: pkg.low.a imports pkg.low.b", "pkg/low/b.py:2: pkg.low.b imports pkg.low.a"]),
    ({"low/__init__.py": "", "low/a.py": "def f():\n    import pkg.high\n", "high.py": ""},
     ["upward import: ", "pkg/low/a.py:2: pkg.low.a imports pkg.high"]),
    ({"low/__init__.py": "", "low/a.py": "", "high.py": "from .low.a import thing\n"}, []),
    ({"low/__init__.py": "", "low/a.py": "from ..high import f\n", "high.py": ""},
     ["upward import: ", "pkg/low/a.py:1: pkg.low.a imports pkg.high"]),
], ids=["cycle-inside-a-function", "upward-import", "clean", "relative-upward-import"])
def test_the_checker_finds_cycles_and_upward_imports_with_file_and_line(tmp_path, files, expected):
    root = _package(tmp_path, files)
    report = "\n".join(problems(root, "pkg", TINY_LAYERS)).replace(str(tmp_path) + "/", "")
    for part in expected:
        assert part in report, report
    if not expected:
        assert report == ""
