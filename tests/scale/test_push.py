"""`push`: the graph into a real SPARQL server (oxigraph) over the Graph Store Protocol, then queried back."""

from __future__ import annotations

import base64
import http.server
import threading

import pytest

import graph
from graph.scale.push import PushError, graph_store_url, push, request, server_counts


@pytest.fixture
def server(oxigraph_server):
    return oxigraph_server


@pytest.fixture(scope="module")
def small_kg(data_dir):
    return graph.load(data_dir, shapes=False)


def _sparqlwrapper(endpoint: str, query: str) -> list[dict]:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(query)
    rows = client.query().convert()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def _local(kg, query: str) -> list[dict]:
    import pyoxigraph as ox

    solutions = kg.store().query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        rows.append({n: solution[n].value for n in names if solution[n] is not None})
    assert isinstance(solutions, ox.QuerySolutions)
    return rows


JUDGEMENTS = """
PREFIX pol: <https://w3id.org/policing-kg/ontology#>
SELECT ?j ?grade ?area WHERE {
  GRAPH ?g { ?j pol:judgementOf <https://w3id.org/policing-kg/id/force/kent> ; pol:grade ?grade ;
             pol:assessedArea ?area }
} ORDER BY ?j
"""
PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?class ORDER BY ?class
"""


def test_push_then_query_the_server_with_a_sparql_client(server, small_kg):
    report = push(small_kg, server)
    graphs = {q.graph_name.value for q in small_kg.quads}
    assert {g.graph for g in report.graphs} == graphs
    assert report.triples == len(small_kg.quads)
    assert report.verified is not None and not report.mismatches()
    assert all(g.status in (200, 201, 204) for g in report.graphs)
    assert "server counts match" in report.summary()
    # One named graph per source document (plus the ontology and the themes).
    assert {f"{small_kg.base}graph/{s}" for s in small_kg.corpus.sources} <= graphs

    remote = _sparqlwrapper(server, JUDGEMENTS)
    assert remote and remote == _local(small_kg, JUDGEMENTS)
    assert _sparqlwrapper(server, PER_CLASS) == _local(small_kg, PER_CLASS)


def test_a_second_push_is_idempotent(server, small_kg):
    push(small_kg, server)
    before = server_counts(server)
    again = push(small_kg, server)
    assert server_counts(server) == before
    assert all(g.status in (200, 204) for g in again.graphs)  # replaced, not created
    total = _sparqlwrapper(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(total[0]["n"]) == len(small_kg.quads)


def test_cli_push(cli, server, data_dir):
    result = cli("push", server, "--data", data_dir, "--quiet")
    assert result.exit_code == 0, result.output
    assert "named graphs" in result.output and "server counts match" in result.output
    assert "/store" in result.output


def test_graph_store_url_conventions():
    assert graph_store_url("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert graph_store_url("http://localhost:3030/policing/sparql") == "http://localhost:3030/policing/data"
    assert graph_store_url("http://localhost:7200/repositories/policing") == (
        "http://localhost:7200/repositories/policing/rdf-graphs/service")
    assert graph_store_url("https://db.cluster-x.eu-west-2.neptune.amazonaws.com:8182/sparql") == (
        "https://db.cluster-x.eu-west-2.neptune.amazonaws.com:8182/sparql/gsp/")
    assert graph_store_url("http://example.org/gsp") == "http://example.org/gsp"


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 to the first `failures` requests, then 204; records what it was sent."""

    failures = 2
    seen: list = []

    def do_PUT(self):  # noqa: N802 - the http.server convention
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.path, self.headers.get("Authorization"), self.headers.get("Content-Type")))
        if self.path.startswith("/bad"):
            self.send_response(400)
        elif len(type(self).seen) <= type(self).failures:
            self.send_response(503)
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    _Flaky.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_transient_failures_are_retried_with_backoff_and_basic_auth(flaky):
    waits = []
    status, _body, attempts = request("PUT", f"{flaky}/store?graph=x", b"", {"Authorization": "Basic dTpw"},
                                      retries=3, backoff=0.1, sleep=waits.append)
    assert (status, attempts) == (204, 3)
    assert waits == [0.1, 0.2]  # exponential backoff


def test_push_sends_basic_auth_and_n_triples(flaky, small_kg):
    _Flaky.failures = 0
    try:
        report = push(small_kg, "", graph_store=f"{flaky}/store", user="loader", password="s3cret", verify=False,
                      graphs=[f"{small_kg.base}graph/themes"])
    finally:
        _Flaky.failures = 2
    assert [g.graph for g in report.graphs] == [f"{small_kg.base}graph/themes"]
    path, auth, content_type = _Flaky.seen[0]
    assert path.startswith("/store?graph=https%3A%2F%2Fw3id.org%2Fpolicing-kg%2Fid%2Fgraph%2Fthemes")
    assert auth == "Basic " + base64.b64encode(b"loader:s3cret").decode()
    assert content_type == "application/n-triples"


def test_permanent_errors_and_dead_servers_are_not_hidden(flaky, free_port):
    with pytest.raises(PushError, match="HTTP 400"):
        request("PUT", f"{flaky}/bad", b"", retries=3, sleep=lambda _s: None)
    assert len(_Flaky.seen) == 1  # a 400 is not retried
    with pytest.raises(PushError, match="after 2 attempts"):
        request("PUT", f"http://127.0.0.1:{free_port}/store", b"", retries=1, sleep=lambda _s: None)
