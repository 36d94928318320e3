"""Load the graph into an external SPARQL 1.1 server through the Graph Store HTTP Protocol.

    >>> import graph
    >>> from graph.scale.push import push
    >>> report = push(graph.load("data"), "http://localhost:7878/query")
    >>> print(report.summary())

Each named graph of the dataset (one per source document, plus the ontology and the themes) is
sent with an HTTP PUT to `<graph store>?graph=<graph IRI>` as N-Triples. PUT replaces the
graph, so pushing the same data twice leaves the server exactly as one push does. Transient
failures (connection errors, timeouts, 408, 425, 429, 500, 502, 503, 504) are retried with
exponential backoff (a server's Retry-After is honoured); any other error stops the push.

Graph store URL: given explicitly, or derived from the SPARQL endpoint by the conventions of
common servers (see docs/push.md):

    .../query                       -> .../store                      (Oxigraph)
    .../<dataset>/sparql            -> .../<dataset>/data             (Apache Jena Fuseki)
    .../repositories/<id>           -> .../repositories/<id>/rdf-graphs/service   (GraphDB, RDF4J)
    https://*.neptune.amazonaws.com:8182/sparql -> .../sparql/gsp/    (Amazon Neptune)

Only the standard library is used for HTTP, so no extra dependency is needed.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
USER_AGENT = "policing-kg-push"


class PushError(Exception):
    """A push that failed for good (after retries, or on an error that retrying cannot fix)."""


@dataclass
class GraphResult:
    graph: str
    triples: int
    bytes: int
    status: int
    attempts: int
    seconds: float


@dataclass
class PushReport:
    graph_store: str
    graphs: list[GraphResult] = field(default_factory=list)
    seconds: float = 0.0
    verified: dict[str, int] | None = None  # graph IRI -> triples the server reports, when checked

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def retries(self) -> int:
        return sum(g.attempts - 1 for g in self.graphs)

    def mismatches(self) -> list[str]:
        """Graphs whose triple count on the server differs from what was sent."""
        if self.verified is None:
            return []
        return [g.graph for g in self.graphs if self.verified.get(g.graph) != g.triples]

    def summary(self) -> str:
        created = sum(1 for g in self.graphs if g.status == 201)
        text = (f"pushed {self.triples} triples in {len(self.graphs)} named graphs to {self.graph_store} "
                f"in {self.seconds:.1f} s ({created} created, {len(self.graphs) - created} replaced"
                f"{f', {self.retries} retries' if self.retries else ''})")
        if self.verified is not None:
            bad = self.mismatches()
            text += "; server counts match" if not bad else f"; server counts differ for {len(bad)} graphs"
        return text


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL that goes with a SPARQL endpoint (see the module docstring)."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if parts.hostname and parts.hostname.endswith(".neptune.amazonaws.com") and path.endswith("/sparql"):
        path += "/gsp/"
    elif path.endswith("/query"):
        path = path[: -len("/query")] + "/store"
    elif path.endswith("/sparql"):
        path = path[: -len("/sparql")] + "/data"
    elif "/repositories/" in path and path.rsplit("/repositories/", 1)[1].count("/") == 0:
        path += "/rdf-graphs/service"
    else:
        return endpoint
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _auth_header(user: str | None, password: str | None) -> dict[str, str]:
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def _graph_url(graph_store: str, graph: str) -> str:
    separator = "&" if "?" in graph_store else "?"
    return f"{graph_store}{separator}graph={urllib.parse.quote(graph, safe='')}"


def request(method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            retries: int = 4, backoff: float = 0.5, timeout: float = 60.0,
            sleep: Callable[[float], None] = time.sleep) -> tuple[int, bytes, int]:
    """(status, body, attempts) of an HTTP request, retrying transient failures with backoff."""
    headers = {"User-Agent": USER_AGENT, **(headers or {})}
    attempt = 0
    while True:
        attempt += 1
        delay = backoff * 2 ** (attempt - 1)
        try:
            req = urllib.request.Request(url, data=data, method=method, headers=headers)
            with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 - the user's URL
                return response.status, response.read(), attempt
        except urllib.error.HTTPError as error:
            body = error.read()[:500].decode("utf-8", "replace")
            if error.code not in TRANSIENT_STATUS or attempt > retries:
                hint = " (check --user and --password-env)" if error.code in (401, 403) else ""
                raise PushError(f"{method} {url}: HTTP {error.code} {error.reason}{hint}: {body.strip()}") from None
            retry_after = error.headers.get("Retry-After", "")
            if retry_after.isdigit():
                delay = max(delay, min(float(retry_after), 60.0))
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            if attempt > retries:
                reason = getattr(error, "reason", error)
                raise PushError(f"{method} {url}: {reason} (after {attempt} attempts)") from None
        sleep(delay)


def _graphs(quads) -> dict[str, list]:
    """Quads grouped by named graph IRI, in a stable order."""
    groups: dict[str, list] = {}
    for quad in quads:
        name = getattr(quad.graph_name, "value", None)
        if name is None:
            continue  # the default graph: the project never writes to it
        groups.setdefault(name, []).append(quad.triple)
    return dict(sorted(groups.items()))


def push(kg, endpoint: str, graph_store: str | None = None, user: str | None = None, password: str | None = None,
         retries: int = 4, backoff: float = 0.5, timeout: float = 120.0, verify: bool = True,
         on_graph: Callable[[GraphResult], None] | None = None, graphs: Iterable[str] | None = None) -> PushReport:
    """PUT every named graph of `kg` (a KnowledgeGraph, or anything with `.quads`) to the server.

    `endpoint` is the server's SPARQL query endpoint (used to verify the counts afterwards);
    `graph_store` its Graph Store Protocol URL, derived from `endpoint` when not given.
    `graphs` limits the push to those graph IRIs. Raises PushError when a graph cannot be stored.
    """
    import pyoxigraph as ox

    store_url = graph_store or graph_store_url(endpoint)
    auth = _auth_header(user, password)
    report = PushReport(store_url)
    started = time.perf_counter()
    wanted = set(graphs) if graphs is not None else None
    for name, triples in _graphs(kg.quads).items():
        if wanted is not None and name not in wanted:
            continue
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        sent = time.perf_counter()
        status, _body, attempts = request(
            "PUT", _graph_url(store_url, name), body,
            {**auth, "Content-Type": "application/n-triples"}, retries, backoff, timeout)
        result = GraphResult(name, len(triples), len(body), status, attempts, time.perf_counter() - sent)
        report.graphs.append(result)
        if on_graph:
            on_graph(result)
    if verify and endpoint:
        report.verified = server_counts(endpoint, user, password, retries, backoff, timeout)
    report.seconds = time.perf_counter() - started
    return report


def select(endpoint: str, sparql: str, user: str | None = None, password: str | None = None,
           retries: int = 4, backoff: float = 0.5, timeout: float = 120.0) -> list[dict]:
    """Rows of a SELECT query sent to `endpoint` (SPARQL 1.1 Protocol, POST form, JSON results)."""
    headers = {**_auth_header(user, password), "Accept": "application/sparql-results+json",
               "Content-Type": "application/x-www-form-urlencoded"}
    data = urllib.parse.urlencode({"query": sparql}).encode()
    _status, body, _attempts = request("POST", endpoint, data, headers, retries, backoff, timeout)
    results = json.loads(body)
    return [{k: v["value"] for k, v in row.items()} for row in results["results"]["bindings"]]


COUNT_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def server_counts(endpoint: str, user: str | None = None, password: str | None = None,
                  retries: int = 4, backoff: float = 0.5, timeout: float = 120.0) -> dict[str, int]:
    """Triples per named graph as the server reports them."""
    rows = select(endpoint, COUNT_QUERY, user, password, retries, backoff, timeout)
    return {row["g"]: int(row["n"]) for row in rows}
