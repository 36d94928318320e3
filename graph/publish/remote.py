"""The dataset of a remote SPARQL endpoint, fetched for `view` and `stats --endpoint URL`.

After `policing-kg push`, a team without the data folder draws the same views and counts the
same statistics from the server: `fetch_dataset` asks the endpoint, over the SPARQL 1.1
Protocol, for each named graph's triples (a CONSTRUCT per graph, paged with ORDER BY / LIMIT /
OFFSET when a graph holds more than PAGE triples) and checks the count of each against the
server's own; `sources_of` reads the source documents back from their triples. The result is
the very dataset a local build makes of the same data, so the pictures and figures drawn from
it are the same (tests/scale/test_endpoint_views.py compares them).

Only the named graphs are read: they are what `push` writes, and the union (the default
graph) is made again from them, each triple once.
"""

from __future__ import annotations

from graph.data.dates import FuzzyDate, parse_point
from graph.data.records import Origin
from graph.data.sources import Source
from graph.problems import QueryError
from graph.vocabulary import DCT, ONTOLOGY_NS, POL, RDF_TYPE, Vocabulary

PAGE = 500_000  # triples per request; a larger graph is read in pages
_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def fetch_dataset(url: str, timeout: float | None = None, page: int = PAGE):
    """The named graphs of the endpoint at `url` as a graph.rdf.dataset.Dataset. Raises
    QueryError (kind "failed") when the endpoint cannot be reached or answers less than it holds."""
    import pyoxigraph as ox

    from graph.rdf.dataset import Dataset
    from graph.sparql.remote import RemoteGraph, request

    RemoteGraph(url, "", timeout)  # refuses anything but an http(s) URL
    counts: dict[str, int] = {}
    for row in request(url, _COUNTS, "json", timeout)["results"]["bindings"]:
        name = row.get("g", {})
        if name.get("type") == "uri":
            counts[name["value"]] = int(row["n"]["value"])
    graphs: dict[str, set[str]] = {}
    for name in sorted(counts):
        try:
            iri = str(ox.NamedNode(name))  # a name the server gave: checked before it goes into a query
        except ValueError:
            raise QueryError("failed", f"the endpoint {url} names a graph with an invalid IRI: {name!r}") from None
        pattern = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"
        texts = [request(url, pattern, "nt", timeout)] if counts[name] <= page else [
            request(url, f"{pattern} ORDER BY ?s ?p ?o LIMIT {page} OFFSET {offset}", "nt", timeout)
            for offset in range(0, counts[name], page)]
        triples = graphs[iri] = set()
        for text in texts:
            triples.update(str(triple) for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
        if len(triples) != counts[name]:
            raise QueryError("failed", f"the endpoint {url} holds {counts[name]:,} triples in the graph {name} "
                                       f"but sent {len(triples):,}")
    return Dataset.from_sets(graphs)


def sources_of(dataset, vocabulary: Vocabulary, base: str) -> dict[str, Source]:
    """The source documents of the dataset (id -> Source), read from their triples: what a
    view and `stats` show of them (id, title, kind, publisher, date). Their texts stay on the
    server: `text` is None. In order of id (the data folder's own order is not in the graph)."""
    import pyoxigraph as ox

    document = ONTOLOGY_NS + "SourceDocument"
    prefix = base + "source/"
    facts: dict[str, dict[str, list]] = {}
    for quad in ox.parse(dataset.ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        subject = quad.subject.value
        if isinstance(quad.subject, ox.NamedNode) and subject.startswith(prefix):
            facts.setdefault(subject, {}).setdefault(quad.predicate.value, []).append(quad.object.value)
    sources: dict[str, Source] = {}
    for iri, values in facts.items():
        kinds = [c for c in values.get(RDF_TYPE, ()) if c.startswith(POL) and document in vocabulary.types_of(c)]
        if not kinds or not values.get(DCT + "identifier"):
            continue
        kind = max(kinds, key=lambda c: (len(vocabulary.class_ancestors.get(c, ())), c))

        def one(predicate: str, values=values) -> str:
            found = sorted(values.get(predicate, ()))
            return found[0] if found else ""

        def point(predicate: str, values=values):
            text = one(predicate)
            return parse_point(text) if text else None

        source_id = one(DCT + "identifier")
        sources[source_id] = Source(
            id=source_id, file=one(POL + "fileName"), title=one(DCT + "title"), kind=kind[len(POL):],
            publisher=one(DCT + "publisher").removeprefix(base),
            date=FuzzyDate(point(DCT + "issued"), point(POL + "earliestDate"), point(POL + "latestDate")),
            date_basis=one(POL + "dateBasis"), url=one("http://xmlns.com/foaf/0.1/page"),
            licence=one(DCT + "rights"), note=one("http://www.w3.org/2000/01/rdf-schema#comment"), text=None,
            origin=Origin(iri, 0))
    return dict(sorted(sources.items()))
