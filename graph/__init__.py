"""policing-kg: a knowledge graph of UK policing bodies and what inspections found about them.

The public surface is small and re-exported here; everything else is private to its module.
Names are resolved on first use, so `import graph` and `policing-kg --help` import none of the
heavy libraries (rdflib, pyoxigraph, pyshacl, networkx, pyvis).
"""

from __future__ import annotations

import importlib

# public name -> module that defines it
# (No public name is also the name of a module, so an imported submodule never hides it.)
_PUBLIC = {
    # the pipeline: read, check, build, export
    "BuildReport": "graph.pipeline",
    "KnowledgeGraph": "graph.pipeline",
    "build": "graph.pipeline",
    "export": "graph.pipeline",
    "load": "graph.pipeline",
    "validate": "graph.pipeline",
    "DataError": "graph.problems",
    "Problem": "graph.problems",
    "open_graph": "graph.store",
    # SPARQL
    "Engine": "graph.sparql",
    "QueryError": "graph.sparql",
    "query": "graph.sparql",
    "make_server": "graph.server",
    # networks and pictures
    "to_networkx": "graph.network",
    "find_node": "graph.network",
    "NameNotFound": "graph.network",
    "View": "graph.views",
    "overview": "graph.views",
    "ego_view": "graph.views",
    "filter_view": "graph.views",
    "construct_view": "graph.views",
    "source_view": "graph.views",
    "write_view": "graph.views",
    "write_gallery": "graph.views",
    "statistics": "graph.analysis",
    "shortest_path": "graph.analysis",
    "NoPath": "graph.analysis",
    "write_site": "graph.site",
    # ingesting and scaling
    "extract": "graph.extraction",
    "synthesise": "graph.synth",
    "push": "graph.graph_store",
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
