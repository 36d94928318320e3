"""Queries answered by a remote SPARQL endpoint, over the SPARQL 1.1 Protocol.

When one machine is not enough, the dataset is pushed into a SPARQL server (`policing-kg push`:
Oxigraph, Apache Jena Fuseki, QLever, GraphDB) and `policing-kg query --endpoint URL` runs the
same queries -- the catalogue included, with the same bindings and the same output formats --
against it. The query text goes through the same checks as a local one (graph.sparql.safety),
the project's prefixes are declared in front of it, and bound parameters become a VALUES block,
exactly as for the local store.

The catalogue's queries read the default graph as the union of the source graphs, each triple
once, as the local store's default graph is (graph.rdf.store): put that union as the server's
default graph (a Graph Store Protocol PUT of `policing.nt` to `?default`). A server's own union
of its named graphs (Oxigraph `serve --union-default-graph`, Fuseki `tdb2:unionDefaultGraph`)
counts a triple once per graph that holds it, so counts can differ.
"""

from __future__ import annotations

from functools import cached_property

from graph.problems import QueryError
from graph.vocabulary import XSD_STRING, load_vocabulary


class RemoteGraph:
    """What an Engine needs of a graph, for a graph held by a SPARQL endpoint at `url`."""

    def __init__(self, url: str, base: str, timeout: float | None = None):
        if not url.startswith(("http://", "https://")):
            raise QueryError("bad-request", f"--endpoint takes an http(s) URL, not {url!r}")
        self.url = url
        self.base = base
        self.timeout = timeout
        self.vocabulary = load_vocabulary()

    def graph_names(self) -> set[str]:
        return self._graph_names

    @cached_property
    def _graph_names(self) -> set[str]:
        answer = request(self.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "json", self.timeout)
        return {row["g"]["value"] for row in answer["results"]["bindings"] if row.get("g", {}).get("type") == "uri"}


def term(value: dict | None):
    """A term of SPARQL 1.1 Query Results JSON as graph.sparql.results holds terms."""
    if value is None:
        return None
    kind = value["type"]
    if kind == "uri":
        return ("uri", value["value"])
    if kind == "bnode":
        return ("bnode", value["value"])
    language = value.get("xml:lang")
    datatype = None if language else value.get("datatype")
    return ("literal", value["value"], None if datatype == XSD_STRING else datatype, language)


_ACCEPT = {"json": "application/sparql-results+json", "nt": "application/n-triples"}


def request(url: str, query: str, answer: str, timeout: float | None, dataset=None):
    """POST the query to the endpoint (SPARQL 1.1 Protocol: the query as the body, of type
    application/sparql-query; the dataset as default-graph-uri and named-graph-uri); the decoded
    JSON results, or the N-Triples bytes of a graph.

    Plain urllib rather than SPARQLWrapper: SPARQLWrapper picks the Accept header from the
    query's form, which it guesses with a regex, and for CONSTRUCT over POST it sent a request
    that Oxigraph refuses (HTTP 415); here the form comes from graph.sparql.safety's analysis."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    default, named = dataset or ([], [])
    parameters = [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]
    target = url + (("&" if "?" in url else "?") + urllib.parse.urlencode(parameters) if parameters else "")
    request = urllib.request.Request(target, data=query.encode("utf-8"), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": _ACCEPT[answer], "User-Agent": "policing-kg"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked
            body = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
        raise QueryError("failed", f"the endpoint {url} answered HTTP {error.code}"
                                   + (f": {detail[0]}" if detail else "")) from None
    except (OSError, ValueError) as error:
        raise QueryError("failed", f"could not reach the endpoint {url}: {getattr(error, 'reason', error)}") from None
    if answer == "nt":
        return body
    try:
        return json.loads(body)
    except ValueError:
        raise QueryError("failed", f"the endpoint {url} did not answer with SPARQL JSON results") from None
