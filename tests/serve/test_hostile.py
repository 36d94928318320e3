"""Hostile input against the real endpoint on 127.0.0.1 (issue 19): queries that try to fetch, read
files, exhaust time or memory, and requests that bend HTTP framing, Host or CORS.

Every fetching attack goes over GET, form POST and application/sparql-query, on both engines,
while a real listener on another loopback port counts connections: it must see none. docs/security.md
names these tests for each defence.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time
from urllib.parse import quote, urlencode

import pytest

from graph.serve.endpoint import make_server

SECRET = "listener-secret-7f3a"


class Listener:
    """A real TCP server on 127.0.0.1 that answers anything with SPARQL JSON holding SECRET and
    counts every connection it accepts."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
            {"s": {"type": "literal", "value": SECRET}}]}}).encode()
        while not self._stop:
            try:
                connection, _ = self.socket.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            try:
                connection.settimeout(0.5)
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                   b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            except OSError:
                pass
            finally:
                connection.close()

    def close(self):
        self._stop = True
        self.thread.join()
        self.socket.close()


@pytest.fixture(scope="module")
def listener():
    listening = Listener()
    yield listening
    listening.close()


def _serve(kg, **options):
    server = make_server(kg, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def server(request, kg):
    server = _serve(kg, store=request.param, timeout=3, max_rows=5000, max_concurrent=2, spares=1,
                    query_memory=512 << 20)
    yield server
    server.shutdown()
    server.server_close()


def send(server, method, path, body=b"", headers=None, host=None):
    """One request over a fresh connection; (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
        for key, value in (headers or {}).items():
            connection.putheader(key, value)
        if body or method == "POST":
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def ask_in_three_ways(server, text):
    """The same query as GET ?query=, form POST and application/sparql-query POST."""
    accept = {"Accept": "application/sparql-results+json"}
    return [send(server, "GET", "/sparql?query=" + quote(text), headers=accept),
            send(server, "POST", "/sparql", urlencode({"query": text}).encode(),
                 {**accept, "Content-Type": "application/x-www-form-urlencoded"}),
            send(server, "POST", "/sparql", text.encode(), {**accept, "Content-Type": "application/sparql-query"})]


def fetching_attacks(port: int, tmp_file: str) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return {
        "service": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "service-lower-case": f"select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
        "service-mixed-case": f"SELECT * WHERE {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }}",
        "service-silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "service-after-cr-comment": f"SELECT * WHERE {{ # x\rSERVICE <{url}> {{ ?s ?p ?o }} \n}}",
        "service-after-crlf-comment": f"SELECT * WHERE {{ # x\r\nSERVICE <{url}> {{ ?s ?p ?o }} \n}}",
        "service-after-lone-cr": f"SELECT * WHERE {{ ?s ?p ?o .\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
        "service-after-quote-in-filter":
            f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<'x>') SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "service-with-quotes-in-iri": f"SELECT * WHERE {{ SERVICE <{url}?'x\"> {{ ?s ?p ?o }} }}",
        "service-unicode-escape": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "service-long-unicode-escape": f"SELECT * WHERE {{ \\U00000053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "service-escape-spelling-an-escape": f"SELECT * WHERE {{ \\u005Cu0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "service-variable": "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
        "service-variable-from-values": f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        "service-variable-from-bind": f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "service-in-subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "service-in-exists": f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "service-in-optional":
            f"SELECT * WHERE {{ ?x a pol:PoliceForce OPTIONAL {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }}",
        "service-in-construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "from-url": f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "from-named-url": f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "from-after-cr-comment": f"SELECT * FROM # c\r<{url}> WHERE {{ ?s ?p ?o }}",
        "from-file": f"SELECT * FROM <file://{tmp_file}> WHERE {{ ?s ?p ?o }}",
        "from-file-after-cr-comment": f"SELECT * FROM # c\r<file://{tmp_file}> WHERE {{ ?s ?p ?o }}",
        "from-relative-to-base": f"BASE <http://127.0.0.1:{port}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
        "load": f"LOAD <{url}>",
        "load-file": f"LOAD <file://{tmp_file}>",
        "load-after-prefix": f"PREFIX x: <{url}> LOAD x:",
        "insert": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "drop": "DROP ALL",
    }


def test_no_query_fetches_anything_over_any_route(server, listener, tmp_path):
    secret_file = tmp_path / "secret.ttl"
    secret_file.write_text(f'<urn:s> <urn:p> "{SECRET}" .\n', encoding="utf-8")
    attacks = fetching_attacks(listener.port, str(secret_file))
    for name, text in attacks.items():
        for status, _, body in ask_in_three_ways(server, text):
            assert status == 400, (name, status, body[:200])
            assert SECRET.encode() not in body and b"Traceback" not in body, name
            assert body.startswith(b"Error 400: "), name
    time.sleep(0.3)
    assert listener.connections == 0


def test_queries_that_name_outside_iris_answer_from_the_dataset_only(server, listener):
    """Not refused, but nothing fetched: an outside IRI is only a name."""
    url = f"http://127.0.0.1:{listener.port}/x"
    for text in (f"DESCRIBE <{url}>", f"ASK {{ <{url}> ?p ?o }}", f"SELECT * WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
                 f"SELECT ?x WHERE {{ BIND(IRI('{url}') AS ?x) }}"):
        for status, _, body in ask_in_three_ways(server, text):
            assert status in (200, 400, 406) and SECRET.encode() not in body, text
    time.sleep(0.3)
    assert listener.connections == 0


def test_query_workers_are_cut_off_by_the_kernel(server):
    """Each worker lives in its own network namespace and under a seccomp filter."""
    for worker in server.pool.workers():
        pid = worker.process.pid
        assert os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")
        status = open(f"/proc/{pid}/status").read()
        assert "Seccomp:\t2" in status
    assert "network namespace" in server.pool.measures and "seccomp" in server.pool.measures


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_even_past_the_text_check_a_confined_engine_cannot_connect(kg, listener, store):
    """The last line: an engine told to fetch by a query that never went through the check."""
    from graph.problems import QueryError
    from graph.sparql.engines import Engine, run_confined
    from graph.sparql.safety import Analysis

    engine = Engine(kg, store)
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    unchecked = Analysis("SELECT", text=text)

    def work():
        try:
            socket.create_connection(("127.0.0.1", listener.port), timeout=2)
            return "connected"
        except OSError:
            pass
        try:
            return engine._store.evaluate(text, unchecked, engine.prefixes, {}, None, None).rows
        except QueryError as error:
            return str(error)

    answer = run_confined(work, 20, 1 << 20)
    assert answer != "connected" and SECRET not in repr(answer)
    time.sleep(0.3)
    assert listener.connections == 0


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ORDERED_CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
DOUBLING = ("SELECT ?x0 WHERE { BIND('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' AS ?x0) "
            + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(40)) + " } LIMIT 1")
DEEP_PATH = "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x>|!<urn:y>)*/(<urn:x>|!<urn:y>)* ?b }"


def _values_bomb() -> str:
    rows = " ".join(f'("{i}")' for i in range(600))
    return (f"ASK {{ VALUES (?a) {{ {rows} }} VALUES (?b) {{ {rows} }} VALUES (?c) {{ {rows} }} "
            "FILTER(?a = ?b && ?b = ?c) }")


def _wait_until_all_ready(server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.pool.ready_count() < 3:
        time.sleep(0.1)
    assert server.pool.ready_count() == 3  # two workers and the spare


def _server_rss(server_pid: int) -> int:
    for line in open(f"/proc/{server_pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@pytest.mark.parametrize("text", [CROSS_JOIN, ORDERED_CROSS_JOIN, DOUBLING, DEEP_PATH, _values_bomb()],
                         ids=["cross-join", "order-by-cross-join", "doubling-concat", "deep-path", "values-bomb"])
def test_heavy_queries_are_stopped_within_their_limits(server, text):
    """Time and memory: each query ends by its time limit (3 s here) or its worker's memory cap
    (512 MiB here) - the server process neither parses nor evaluates, so it does not grow."""
    _wait_until_all_ready(server)  # the workers killed by the cases before are back
    before = _server_rss(os.getpid())
    started = time.monotonic()
    status, _, body = send(server, "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"})
    elapsed = time.monotonic() - started
    assert elapsed < 3 + 2, elapsed
    assert status in (200, 400, 503) and b"Traceback" not in body
    if status == 503:
        assert b"time limit" in body or b"memory" in body
    assert _server_rss(os.getpid()) - before < 64 << 20
    started = time.monotonic()
    status, _, body = send(server, "GET", "/sparql?query=" + quote("ASK { force:kent a pol:PoliceForce }"),
                           headers={"Accept": "application/sparql-results+json"})
    print(f"\n{text[:30]}...: {elapsed:.2f} s, then the next query in {(time.monotonic() - started) * 1000:.0f} ms")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_parallel_values_bombs_are_each_bounded(server):
    """Issue 19: eight parallel 4.5 KB ASK queries with large VALUES ran 53-58 s each (limit 10 s)."""
    text = _values_bomb()
    times = []

    def client():
        started = time.monotonic()
        send(server, "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"})
        times.append(time.monotonic() - started)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # two slots: a query waits at most the queue wait (5 s) for one, then runs at most 3 s
    assert max(times) < 5 + 3 + 3, times


def test_a_killed_worker_is_replaced_and_the_next_query_is_quick(server):
    _wait_until_all_ready(server)
    status, _, body = send(server, "GET", "/sparql?query=" + quote(CROSS_JOIN))
    assert status == 503 and b"time limit" in body
    started = time.monotonic()
    status, _, _ = send(server, "GET", "/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    next_ms = (time.monotonic() - started) * 1000
    print(f"\nnext query after a killed one: {next_ms:.1f} ms")
    assert status == 200 and next_ms < 1000
    _wait_until_all_ready(server)


# --- HTTP: framing, connections, Host, Accept, CORS, bad values ---------------------------------


@pytest.fixture(scope="module")
def http_server(kg):
    server = _serve(kg, timeout=3, max_concurrent=1, spares=1, idle_timeout=1.0, max_connections=6,
                    allowed_origins=["http://localhost:9999"], allowed_hosts=["kg.example"])
    yield server
    server.shutdown()
    server.server_close()


def raw(server, data: bytes, wait: float = 5.0) -> bytes:
    """Send bytes as they are; everything the server answers until it closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=wait) as connection:
        connection.sendall(data)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def _post_head(server, extra: str) -> bytes:
    return (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{server.server_address[1]}\r\n"
            f"Content-Type: application/sparql-query\r\n{extra}\r\n").encode()


@pytest.mark.parametrize("headers", [
    "Content-Length: 14\r\nTransfer-Encoding: chunked\r\n",
    "Transfer-Encoding: chunked\r\nContent-Length: 14\r\n",
    "Transfer-Encoding: chunked\r\n",
    "Content-Length: 14\r\nContent-Length: 20\r\n",
    "Content-Length: +14\r\n",
    "Content-Length: 1_4\r\n",
    "Content-Length: 16\r\nX-Folded: a\r\n b\r\n",
    "Content-Length : 16\r\n",
    "Content-Length: 16\r\nX-A: 1\rTransfer-Encoding: chunked\r\n",
    "Content-Length: 16\r\nX A: 1\r\n",
], ids=["cl-then-te", "te-then-cl", "te-only", "two-lengths", "signed-length", "underscore-length", "obs-fold",
        "space-before-colon", "bare-cr", "name-not-a-token"])
def test_ambiguous_framing_is_refused_and_the_connection_closed(http_server, headers):
    smuggled = f"GET /sparql?query={quote('ASK {}')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    answer = raw(http_server, _post_head(http_server, headers) + b"ASK { ?s ?p ?o }" + smuggled.encode())
    assert answer.startswith(b"HTTP/1.1 400") and answer.count(b"HTTP/1.1") == 1  # nothing smuggled through
    assert b"Connection: close" in answer


def test_other_versions_and_oversized_heads_are_refused(http_server):
    host = f"Host: 127.0.0.1:{http_server.server_address[1]}\r\n".encode()
    assert raw(http_server, b"GET /sparql HTTP/2.0\r\n" + host + b"\r\n").startswith(b"HTTP/1.1 505")
    assert raw(http_server, b"GET /sparql HTTP/1.1\r\n" + host + b"X-Big: " + b"a" * 70_000 + b"\r\n\r\n"
               ).startswith(b"HTTP/1.1 431")
    assert raw(http_server, b"GET  /sparql HTTP/1.1\r\n" + host + b"\r\n").startswith(b"HTTP/1.1 400")


def test_a_trickling_request_is_closed_after_the_idle_timeout(http_server):
    """A request must arrive whole within the idle timeout (1 s here), however often bytes come."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", http_server.server_address[1]), timeout=10) as connection:
        connection.setblocking(False)
        try:
            for byte in b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\n" * 10:  # never ends
                connection.send(bytes([byte]))
                time.sleep(0.1)
                try:
                    if connection.recv(4096) == b"":
                        break
                except BlockingIOError:
                    pass
        except OSError:
            pass
    assert time.monotonic() - started < 1.0 + 1.5


def test_a_silent_connection_is_closed_after_the_idle_timeout(http_server):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", http_server.server_address[1]), timeout=10) as connection:
        connection.sendall(b"GET /sparql HTTP/1.1\r\n")  # and then nothing
        while connection.recv(4096):
            pass
    assert time.monotonic() - started < 1.0 + 2


def test_connections_beyond_the_cap_are_refused(http_server):
    port = http_server.server_address[1]
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(6)]
    try:
        time.sleep(0.2)
        answer = raw(http_server, b"", wait=2)
        assert answer.startswith(b"HTTP/1.1 503") and b"too many open connections" in answer
    finally:
        for connection in held:
            connection.close()
    time.sleep(1.5)  # the held ones are gone (closed by us, or by the idle timeout)
    assert send(http_server, "GET", "/sparql?query=" + quote("ASK {}"))[0] == 200


@pytest.mark.parametrize("host, status", [
    ("evil.example", 421), ("evil.example:{port}", 421), ("127.0.0.1.evil.example:{port}", 421), ("", 400),
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("kg.example", 200), ("kg.example:{port}", 200),
])
def test_the_host_header_must_name_this_server(http_server, host, status):
    """DNS rebinding: a page whose own name resolves to 127.0.0.1 sends its own Host."""
    port = http_server.server_address[1]
    answer = raw(http_server, (f"GET /sparql?query={quote('ASK {}')} HTTP/1.1\r\n"
                               + (f"Host: {host.format(port=port)}\r\n" if host else "")
                               + "Connection: close\r\n\r\n").encode())
    assert answer.startswith(f"HTTP/1.1 {status}".encode()), answer[:200]


@pytest.mark.parametrize("accept", ["*/*;q=abc", "application/sparql-results+json;q=nan", "*/*;q=", "*/*;q=2"])
def test_malformed_accept_weights_are_tolerated(http_server, accept):
    status, headers, _ = send(http_server, "GET", "/sparql?query=" + quote("ASK {}"), headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"


@pytest.mark.parametrize("value", ["<a b>", "<a>b>", '<x"y>', "<{}>", "force:kent>"])
def test_a_bad_value_on_a_catalogue_url_is_a_400(http_server, value):
    status, _, body = send(http_server, "GET", "/catalogue/force-units?force=" + quote(value))
    assert status == 400 and b"not a valid IRI" in body and b"Traceback" not in body


def test_cors_is_off_for_queries_unless_the_origin_is_allowed(http_server, kg):
    path = "/sparql?query=" + quote("ASK {}")
    _, headers, _ = send(http_server, "GET", path, headers={"Origin": "http://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in headers
    _, headers, _ = send(http_server, "GET", path, headers={"Origin": "http://localhost:9999"})
    assert headers["Access-Control-Allow-Origin"] == "http://localhost:9999"
    status, headers, _ = send(http_server, "OPTIONS", "/sparql", headers={"Origin": "http://elsewhere.example"})
    assert status == 204 and "Access-Control-Allow-Origin" not in headers


def test_the_default_server_allows_no_origin(kg):
    server = _serve(kg, max_concurrent=1, spares=0)
    try:
        _, headers, _ = send(server, "GET", "/sparql?query=" + quote("ASK {}"), headers={"Origin": "http://a.example"})
        assert "Access-Control-Allow-Origin" not in headers
    finally:
        server.shutdown()
        server.server_close()


def test_entity_search_route_is_escaped_json_and_tolerant(http_server):
    status, headers, body = send(http_server, "GET", "/search?q=" + quote("PREDPOL"))
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert json.loads(body)[0]["entity"].endswith("/system/pred-pol")
    for hostile in ['"', "a OR b NOT c", "NEAR(x y)", "*", "^x", "'; DROP TABLE entities; --"]:
        status, _, body = send(http_server, "GET", "/search?q=" + quote(hostile))
        assert status == 200 and isinstance(json.loads(body), list), hostile
    assert send(http_server, "GET", "/search?q=kent&limit=0")[0] == 400
