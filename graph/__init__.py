"""policing-kg: a knowledge graph of UK policing bodies and what inspections found about them.

The public surface is small and re-exported here; everything else is private to its module.
Heavy libraries (rdflib, pyoxigraph, pyshacl, networkx, pyvis) are imported only when a
function needs them, so `import graph` and `policing-kg --help` stay fast.
"""

from graph.build import BuildReport, KnowledgeGraph, build, export, load, validate
from graph.problems import DataError, Problem

__all__ = [
    "BuildReport",
    "DataError",
    "KnowledgeGraph",
    "Problem",
    "build",
    "export",
    "load",
    "validate",
]
