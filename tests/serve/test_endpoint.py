"""The SPARQL endpoint over real HTTP on 127.0.0.1: SPARQLWrapper in every advertised format, status
codes, CORS, hostile queries (with proof that nothing was fetched or read) and a bounded load test."""

from __future__ import annotations

import ctypes
import json
import os
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from graph.serve.endpoint import make_server

JOINT_UNITS = "SELECT ?u WHERE { ?u org:unitOf force:essex, force:kent }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(kg):
    server = make_server(kg, port=0, timeout=3.0, max_rows=5000, max_concurrent=4)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def wrapper(server, text, fmt, method=None):
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(text)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(POST)
        client.setRequestMethod(method)
    return client.query()


def fetch(server, path, data=None, headers=None, method=None):
    request = urllib.request.Request(server.url + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_bound_to_localhost(server):
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("method", [None, "urlencoded", POSTDIRECTLY])
def test_select_in_every_results_format(server, kg, method):
    method = {"urlencoded": "urlencoded"}.get(method, method)
    rows = wrapper(server, JOINT_UNITS, JSON, method).convert()["results"]["bindings"]
    assert rows == [{"u": {"type": "uri", "value": kg.base + "unit/serious-crime-directorate"}}]
    document = wrapper(server, JOINT_UNITS, XML, method).convert()
    assert document.getElementsByTagName("uri")[0].firstChild.data.endswith("serious-crime-directorate")
    assert wrapper(server, JOINT_UNITS, CSV, method).convert().decode().splitlines()[1].endswith(
        "serious-crime-directorate")
    assert wrapper(server, JOINT_UNITS, TSV, method).convert().decode().splitlines()[0] == "?u"


def test_ask(server):
    assert wrapper(server, "ASK { force:kent a pol:PoliceForce }", JSON).convert()["boolean"] is True
    document = wrapper(server, "ASK { force:kent a pol:Person }", XML).convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "false"


def test_construct_in_every_graph_format(server, kg):
    text = "CONSTRUCT { ?u org:unitOf force:essex } WHERE { ?u org:unitOf force:essex, force:kent }"
    expected = [f"<{kg.base}unit/serious-crime-directorate>"]
    turtle = wrapper(server, text, TURTLE).convert()
    assert [str(t.subject) for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)] == expected
    assert len(wrapper(server, text, JSONLD).convert()) == 1  # SPARQLWrapper parses JSON-LD with rdflib
    assert len(wrapper(server, text, XML).convert()) == 1  # RDF/XML, SPARQLWrapper's default for graphs
    status, headers, body = fetch(server, "/sparql?query=" + quote(text), headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert [str(t.subject) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)] == expected


def test_status_codes_cors_and_errors_without_internals(server):
    status, headers, body = fetch(server, "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o . FILTER( }"))
    assert status == 400 and b"line 1, column" in body and "Access-Control-Allow-Origin" not in headers
    assert b"Traceback" not in body and b".py" not in body
    assert fetch(server, "/sparql")[0] == 400
    assert fetch(server, "/nowhere")[0] == 404
    assert fetch(server, "/sparql", data=b"x", method="PUT")[0] == 405
    assert fetch(server, "/sparql?query=" + quote(JOINT_UNITS), headers={"Accept": "image/png"})[0] == 406
    big = ("query=" + quote(JOINT_UNITS) + "%20" * 70_000).encode()
    assert fetch(server, "/sparql", data=big, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 413
    assert fetch(server, "/sparql", data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    status, headers, _ = fetch(server, "/sparql", method="OPTIONS")  # CORS is off by default for queries
    assert status == 204 and "Access-Control-Allow-Methods" not in headers


def test_updates_are_refused(server):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert fetch(server, "/sparql?query=" + quote(update))[0] == 400
    update_type = {"Content-Type": "application/sparql-update"}
    assert fetch(server, "/sparql", data=update.encode(), headers=update_type)[0] == 400
    assert fetch(server, "/sparql", data=("update=" + quote(update)).encode(),
                 headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    assert wrapper(server, "ASK { <urn:a> <urn:b> <urn:c> }", JSON).convert()["boolean"] is False


def test_catalogue_route_binds_parameters(server, kg):
    status, _, body = fetch(server, "/catalogue/force-units?force=force:essex&format=json")
    units = {b["unit"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert status == 200 and kg.base + "unit/serious-crime-directorate" in units  # and units only Essex has
    assert fetch(server, "/catalogue/force-unit")[0] == 404
    injected = fetch(server, "/catalogue/person-said-or-led?name=" + quote('x" } ; DROP ALL #') + "&format=json")
    assert injected[0] == 200 and json.loads(injected[2])["results"]["bindings"] == []


class _FileWatch:
    """inotify on one file: proof of whether any process opened or read it."""

    def __init__(self, path):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK)
        assert self.fd >= 0 and self.libc.inotify_add_watch(self.fd, os.fsencode(path), 0x1 | 0x20) >= 0

    def touched(self) -> bool:
        try:
            return bool(os.read(self.fd, 4096))
        except BlockingIOError:
            return False


def test_hostile_queries_fetch_nothing_and_read_nothing(server, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:secret> <urn:is> <urn:here> .\n", encoding="utf-8")
    watch = _FileWatch(secret)
    hostile = [
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
        f"LOAD <{secret.as_uri()}>",
        f"BASE <file://{tmp_path}/> SELECT * FROM <secret.ttl> WHERE {{ ?s ?p ?o }}",
    ]
    for text in hostile:
        for store_path in ("/sparql?query=",):
            status, _, body = fetch(server, store_path + quote(text))
            assert status == 400 and b"urn:secret" not in body, text
    time.sleep(0.3)
    try:
        connection, _ = listener.accept()
        connection.close()
        pytest.fail("the server connected to the local listener")
    except BlockingIOError:
        pass
    finally:
        listener.close()
    assert not watch.touched(), "the secret file was opened"
    secret.read_text()  # the watch works: reading it ourselves is seen
    assert watch.touched()


def test_sandbox_stops_rdflib_reading_files_even_past_the_checks(kg, tmp_path):
    """Second line of defence: the forked child refuses file and network access on its own."""
    from graph.problems import QueryError
    from graph.sparql.engines import Engine, run_confined
    from graph.sparql.safety import Analysis

    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:secret> <urn:is> <urn:here> .\n", encoding="utf-8")
    watch = _FileWatch(secret)
    engine = Engine(kg, "rdflib")
    text = f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    unchecked = Analysis("SELECT", [secret.as_uri()], [], True)  # as if analyse had been fooled

    def work():
        return engine._store.evaluate(text, unchecked, engine.prefixes, {}, None, None)

    try:
        rows = run_confined(work, 20, 1 << 20).rows
    except QueryError:
        rows = []
    assert ("uri", "urn:secret") not in {t for row in rows for t in row}
    assert not watch.touched()


def test_time_limit_then_normal_answers(server):
    started = time.monotonic()
    status, _, body = fetch(server, "/sparql?query=" + quote(CROSS_JOIN))
    assert status == 503 and b"time limit" in body and time.monotonic() - started < 5
    assert wrapper(server, "ASK { force:kent a pol:PoliceForce }", JSON).convert()["boolean"] is True


def test_result_size_limit(server):
    status, _, body = fetch(server, "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }"))
    assert status == 400 and b"LIMIT" in body, body


def test_load(server):
    """Four clients for two seconds: zero errors; latency percentiles printed."""
    queries = ["ASK { force:kent a pol:PoliceForce }", JOINT_UNITS,
               "SELECT ?j ?g WHERE { ?j pol:judgementOf force:kent ; pol:grade ?g }"]
    latencies, errors, stop = [], [], time.monotonic() + 2.0

    def client(index):
        i = index
        while time.monotonic() < stop:
            started = time.perf_counter()
            status, _, _ = fetch(server, "/sparql?query=" + quote(queries[i % len(queries)]),
                                 headers={"Accept": "application/sparql-results+json"})
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    print(f"\nload: {len(latencies)} requests in 2 s from 4 clients, {len(errors)} errors; "
          f"p50 {cuts[49] * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms")
    assert errors == [] and len(latencies) > 20


@pytest.mark.parametrize(
    "accept, media, rdf_format",
    [("text/turtle", "text/turtle", "turtle"), ("application/ld+json", "application/ld+json", "json-ld"),
     ("application/n-triples", "application/n-triples", "nt"), ("text/html,application/xhtml+xml", "text/html", None)],
)
def test_entity_iris_dereference_with_content_negotiation(server, kg, accept, media, rdf_format):
    import rdflib

    status, headers, body = fetch(server, "/id/force/kent", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media)
    if rdf_format is None:
        assert b"Kent Police" in body and b"<html" in body.lower()
    else:
        described = rdflib.Graph().parse(data=body.decode("utf-8"), format=rdf_format)
        kent = rdflib.URIRef(kg.base + "force/kent")
        assert (kent, rdflib.RDFS.label, rdflib.Literal("Kent Police", lang="en")) in described


def test_serve_with_the_default_relative_store_dir(data_copy, cli):
    """Regression: `policing-kg serve` from the project folder failed, its workers (run in "/")
    opening the relative `exports/store` ("CURRENT: No such file or directory")."""
    import subprocess
    import sys

    project = data_copy.parent
    assert cli("build", "--data", data_copy, "--out", project / "exports", "--no-pages").exit_code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", str(port)], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                url = f"http://127.0.0.1:{port}/sparql?query=" + quote(JOINT_UNITS)
                request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    rows = json.loads(response.read())["results"]["bindings"]
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.5)
        assert [row["u"]["value"] for row in rows] == ["https://w3id.org/policing-kg/id/unit/serious-crime-directorate"]
    finally:
        server.terminate()
        server.wait(timeout=30)
