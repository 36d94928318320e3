"""policing-kg: a knowledge graph of UK policing bodies and what inspections found about them.

The public surface is small and re-exported here; everything else is private to its module.
Names are resolved on first use, so `import graph` and `policing-kg --help` import none of the
heavy libraries (rdflib, pyoxigraph, pyshacl, networkx, pyvis).
"""

from __future__ import annotations

import importlib

# public name -> module that defines it
# (No public name is also the name of a module or subpackage, so an imported submodule never hides
# it: that is why the SPARQL layer is graph.sparql, not graph.query.)
_PUBLIC = {
    # the pipeline: read, check, build, export
    "BuildReport": "graph.pipeline",
    "KnowledgeGraph": "graph.pipeline",
    "build": "graph.pipeline",
    "export": "graph.pipeline",
    "export_files": "graph.pipeline",
    "load": "graph.pipeline",
    "validate": "graph.pipeline",
    "check_drafts": "graph.data.drafts",
    "DraftCheck": "graph.data.drafts",
    "DataError": "graph.problems",
    "Problem": "graph.problems",
    "open_graph": "graph.pipeline",
    # SPARQL
    "Engine": "graph.sparql.engines",
    "QueryError": "graph.problems",
    "query": "graph.pipeline",
    "dataframe": "graph.pipeline",
    "make_server": "graph.serve.endpoint",
    # networks and pictures
    "to_networkx": "graph.publish.network",
    "find_node": "graph.publish.network",
    "NameNotFound": "graph.publish.network",
    "View": "graph.publish.views",
    "overview": "graph.publish.views",
    "ego_view": "graph.publish.views",
    "filter_view": "graph.publish.views",
    "construct_view": "graph.publish.views",
    "source_view": "graph.publish.views",
    "theme_view": "graph.publish.views",
    "write_view": "graph.publish.view_page",
    "write_gallery": "graph.publish.gallery",
    "statistics": "graph.publish.analysis",
    "shortest_path": "graph.publish.analysis",
    "NoPath": "graph.publish.analysis",
    "write_site": "graph.publish.site.build",
    # ingesting and scaling
    "extract": "graph.ingest.extraction",
    "synthesise": "graph.scale.synth",
    "push": "graph.scale.push",
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
