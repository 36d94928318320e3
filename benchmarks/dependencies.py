"""What each runtime dependency costs: installed size and import time, and where graph/ uses it.

    python benchmarks/dependencies.py [--runs 7]

Size: "own" is the sum of the files a distribution installed (its RECORD); "with what only it
brings" adds the distributions it requires that no other dependency of policing-kg requires
(so dropping it would remove them too). Import time is the wall time of a fresh `python -c "import X"` less that
of a bare `python -c pass`, the median of --runs runs (whole-process figures). "Used by" lists
the modules of graph/ that import it (an `import` or `from ... import` line, also inside the
program text graph.pipeline runs in a child process for pyLODE).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# distribution -> module imported
MODULES = {
    "click": "click", "PyYAML": "yaml", "rdflib": "rdflib", "pyoxigraph": "pyoxigraph", "shacl-rust": "shacl_rust",
    "pyshacl": "pyshacl", "pyld": "pyld", "networkx": "networkx", "pyvis": "pyvis", "Jinja2": "jinja2",
    "pylode": "pylode", "numpy": "numpy", "pypdf": "pypdf",
}


def _name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requires(dist: str) -> set[str]:
    try:
        reqs = metadata.requires(dist) or []
    except metadata.PackageNotFoundError:
        return set()
    return {_norm(_name(r)) for r in reqs if "extra ==" not in r}


def closure(dist: str) -> set[str]:
    seen, todo = set(), [_norm(dist)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(requires(name) - seen)
    return seen


def size(dist: str) -> int:
    try:
        files = metadata.distribution(dist).files or []
    except metadata.PackageNotFoundError:
        return 0
    total = 0
    for file in files:
        path = Path(file.locate())
        if path.is_file():
            total += path.stat().st_size
    return total


def import_seconds(module: str, runs: int) -> float:
    def once(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        return time.perf_counter() - started

    bare = statistics.median(once("pass") for _ in range(runs))
    return max(0.0, statistics.median(once(f"import {module}") for _ in range(runs)) - bare)


def users(module: str) -> list[str]:
    name = re.escape(module)
    pattern = re.compile(rf"^\s*(?:import|from)\s+{name}\b|[\"'](?:import|from) {name}\b", re.M)
    return [path.relative_to(ROOT / "graph").with_suffix("").as_posix()
            for path in sorted((ROOT / "graph").rglob("*.py")) if pattern.search(path.read_text(encoding="utf-8"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    closures = {dist: closure(dist) for dist in MODULES}
    own = {_norm(d) for d in MODULES} | {"policing-kg"}
    print("| dependency | installed: own | with what only it brings | import time | used by |")
    print("| --- | --- | --- | --- | --- |")
    for dist, module in MODULES.items():
        others = set().union(*(c for d, c in closures.items() if d != dist))
        exclusive = closures[dist] - others - (own - {_norm(dist)})
        alone = size(dist) / 1e6
        megabytes = sum(size(d) for d in exclusive | {_norm(dist)}) / 1e6
        seconds = import_seconds(module, runs)
        print(f"| {dist} | {alone:.1f} MB | {megabytes:.1f} MB | {seconds * 1000:.0f} ms "
              f"| {', '.join(users(module)) or '-'} |", flush=True)


if __name__ == "__main__":
    main()
