"""policing-kg: a knowledge graph of UK policing bodies and what inspections found about them.

The public surface is small and re-exported here; everything else is private to its module.
Names are resolved on first use, so `import graph` and `policing-kg --help` import none of the
heavy libraries (rdflib, pyoxigraph, pyshacl, networkx, pyvis).
"""

from __future__ import annotations

import importlib

# public name -> module that defines it
_PUBLIC = {
    "BuildReport": "graph.build",
    "KnowledgeGraph": "graph.build",
    "build": "graph.build",
    "export": "graph.build",
    "load": "graph.build",
    "validate": "graph.build",
    "DataError": "graph.problems",
    "Problem": "graph.problems",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graph' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *__all__])
