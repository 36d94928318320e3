"""The network in the files network tools read as they are: GraphML, GEXF and two CSV tables.

    >>> files = network_files(kg.networkx(), "csv")     # {"nodes.csv": b"...", "edges.csv": b"..."}

All three carry the whole network of graph.publish.network (every entity and fact, every
relation) with one row or element per edge, and every edge has a unique id (`e0`, `e1`, ... in
sorted order): Gephi and yEd keep one edge per id, so the predicate, which networkx would use
as the id of a multigraph's edge, loses all but one edge of a kind.

- GraphML (networkx's writer; Gephi, yEd, Cytoscape): typed attributes, declared with their
  names: node `label`, `class`, `class_label`, `aliases`, `sources`, `evidence`, `date`, `year`
  (an int, -1 where unknown); edge `label`, `relation` (the property's IRI), `evidence` (the
  quotes), `source_document` (the documents' ids), `date`, `year`.
- GEXF 1.2 (networkx's writer; Gephi): the same attributes, and the date of each fact and of
  each edge as a Gephi time interval (`start`/`end`, `timeformat="date"`): a year is its first
  and last day, a month likewise, a bounded range its bounds; actors and undated edges have none,
  so they are there at every time.
- CSV in the shape of Gephi's spreadsheet import: `nodes.csv` (`Id`, `Label`, then the other
  node attributes) and `edges.csv` (`Source`, `Target`, `Type`, `Id`, `Label`, `relation`,
  `evidence`, `source_document`, `date`). Python's csv module quotes what needs quoting.
"""

from __future__ import annotations

import calendar
import csv
import io
import re

FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "csv": "text/csv"}
NODE_FIELDS = ("label", "class", "class_label", "aliases", "sources", "evidence", "date")
EDGE_FIELDS = ("label", "relation", "evidence", "source_document", "date")
# The folded classes whose instances are dated facts (see graph.publish.folding): they get an interval.
_DATED = ("Judgement", "Finding", "Recommendation", "AreaForImprovement", "CauseOfConcern", "Statistic", "Quotation",
          "Inspection")
_POINT = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_interval(text: str) -> tuple[str, str] | None:
    """(first day, last day) of a date as the graph states it: 2014, 2014-06, 2014-06-30, or a
    bounded range "2015–2019" (an open side is ""); None when nothing is known."""
    if not text:
        return None
    earliest, ranged, latest = text.partition("–")
    first = _bounds(earliest)
    last = _bounds(latest) if ranged else first
    if first is None and last is None:
        return None
    return (first[0] if first else ""), (last[1] if last else "")


def _bounds(text: str) -> tuple[str, str] | None:
    match = _POINT.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def tool_network(network, vocabulary=None):
    """A copy of `network` (graph.publish.network.to_networkx) ready for the tools: edges keyed by
    unique ids in sorted order, with the attribute names above, and a year (int) where dated."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for node in sorted(network):
        data = network.nodes[node]
        attributes = {name: data.get(name, "") for name in NODE_FIELDS}
        attributes["year"] = _year(attributes["date"])
        out.add_node(node, **attributes)
    edges = sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", "")))
    for number, (u, v, data) in enumerate(edges):
        out.add_edge(u, v, key=f"e{number}", id=f"e{number}", label=data.get("label", ""),
                     relation=data.get("predicate", ""), evidence=data.get("evidence", ""),
                     source_document=data.get("sources", ""), date=data.get("date", ""),
                     year=_year(data.get("date", "")))
    return out


def _year(date: str) -> int:
    match = re.match(r"\d{4}", date or "")
    return int(match.group(0)) if match else -1


def graphml(network) -> bytes:
    import networkx as nx

    g = tool_network(network)
    for _, _, data in g.edges(data=True):
        del data["id"]  # the key is the id GraphML writes
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, named_key_ids=True)
    return buffer.getvalue()


def gexf(network, vocabulary=None) -> bytes:
    import networkx as nx

    from graph.vocabulary import ONTOLOGY_NS

    g = tool_network(network)
    dated = {ONTOLOGY_NS + name for name in _DATED}
    elements = [data for _, data in g.nodes(data=True)
                if set(vocabulary.types_of(data["class"]) if vocabulary else (data["class"],)) & dated]
    for data in [*elements, *(data for _, _, data in g.edges(data=True))]:
        start, end = date_interval(data["date"]) or ("", "")
        if start:
            data["start"] = start
        if end:
            data["end"] = end
    buffer = io.BytesIO()
    nx.write_gexf(g, buffer, version="1.2draft")
    return buffer.getvalue()


def tables(network) -> dict[str, bytes]:
    """nodes.csv and edges.csv in the shape of Gephi's spreadsheet import."""
    g = tool_network(network)
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(["Id", "Label", "class", "class_label", "aliases", "sources", "evidence", "date"])
    for node, data in g.nodes(data=True):
        writer.writerow([node, data["label"], data["class"], data["class_label"], data["aliases"], data["sources"],
                         data["evidence"], data["date"]])
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(["Source", "Target", "Type", "Id", "Label", "relation", "evidence", "source_document", "date"])
    for u, v, data in g.edges(data=True):
        writer.writerow([u, v, "Directed", data["id"], data["label"], data["relation"], data["evidence"],
                         data["source_document"], data["date"]])
    return {"nodes.csv": nodes.getvalue().encode("utf-8"), "edges.csv": edges.getvalue().encode("utf-8")}


def network_files(network, fmt: str, vocabulary=None) -> dict[str, bytes]:
    """The files of one format: {"policing.graphml": ...}, {"policing.gexf": ...} or the two tables."""
    if fmt == "graphml":
        return {"policing.graphml": graphml(network)}
    if fmt == "gexf":
        return {"policing.gexf": gexf(network, vocabulary)}
    if fmt == "csv":
        return tables(network)
    raise ValueError(f"unknown network format {fmt!r}; choose from {', '.join(FORMATS)}")
