"""A SPARQL 1.1 Protocol endpoint over the knowledge graph.

    >>> server = make_server(kg, port=0)        # bound to 127.0.0.1 unless told otherwise
    >>> server.serve_forever()

Routes: `/sparql` (GET ?query=..., POST form-encoded or application/sparql-query; read-only: there is
no update route; `$name=value` binds ?name), `/` (the query page, graph.serve.query_page, with its
files under `/static/` and entity-name completion at `/query/entities?q=`), `/search?q=TEXT`
(entities by name, as JSON: graph.rdf.search), `/catalogue` (the
catalogue as JSON), `/catalogue/NAME?param=value` (a catalogue query with its parameters bound as
variables) and `/id/...` (entity pages of graph.publish.site: each entity IRI answers HTML for browsers
and Turtle, JSON-LD or N-Triples for RDF clients). All state lives on the server object: there is
no module-level app.

This process binds the listening socket and starts the query workers (graph.serve.worker,
supervised by graph.serve.workers): pre-started processes that cannot open a network connection,
hold the store open read-only and have a capped address space, and that accept connections on
that socket and answer the query routes themselves - this process neither parses nor evaluates a
query. A worker past the time limit is killed and a spare takes its place; the client gets 503.
The workers hand this process the connections that ask for pages (the query page, /search and the
entity pages need the whole graph, which only this process holds); it answers one request on each
and closes it. Bounded in both: the request's size and framing (graph.serve.protocol: Content-Length
only, never with Transfer-Encoding), idle connections and their number (counted across processes),
the Host header (DNS rebinding) and CORS (off for queries unless origins are allowed).
docs/security.md lists each defence and its test.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
from pathlib import Path
from urllib.parse import parse_qs

from graph.problems import QueryError
from graph.serve.protocol import (
    ENTITY_PATHS,
    HttpError,
    Policy,
    close_connection,
    error_response,
    response,
    take_request,
)


class SparqlServer:
    """The endpoint. Options (all have defaults that suit one machine):

    store: the engine ("oxigraph" or "rdflib"); timeout: seconds per query; max_rows and
    max_result_bytes: result caps; max_request_bytes: request body cap; max_concurrent: worker
    processes accepting connections, each evaluating one query at a time (None: 4, or one per CPU
    core where there are more: on 2 shared cores, 2 and 4 workers each answered up to twice as many
    point queries as the other, depending on the moment: benchmarks/serve.py), and
    spares: workers kept started for when one is killed; query_memory: bytes of address space a query may add to its
    worker (None: no cap); queue_wait: seconds connections may wait while every worker is busy before
    503; idle_timeout: seconds a connection may stay silent; max_connections: open connections at
    once; allowed_origins: origins that may read query answers cross-origin ("*" for any);
    allowed_hosts: Host header names accepted besides the bound address ("*" for any); store_dir: a
    store built by `build` (else one is written for `kg` in a temporary folder); load_graph: how to
    load the graph for entity pages when `kg` is not a full KnowledgeGraph.
    """

    request_queue_size = 128

    def __init__(self, kg, host: str = "127.0.0.1", port: int = 7878, *, store: str = "oxigraph",
                 timeout: float = 10.0, max_rows: int = 10_000, max_result_bytes: int = 32 * 1024 * 1024,
                 max_request_bytes: int = 64 * 1024, max_concurrent: int | None = None, spares: int = 1,
                 query_memory: int | None = 1 << 30, queue_wait: float = 5.0, idle_timeout: float = 30.0,
                 max_connections: int = 64, allowed_origins=(), allowed_hosts=(), store_dir=None,
                 load_graph=None, log=None):
        from graph.serve.workers import Workers, settings_for
        from graph.sparql.catalogue import load_catalogue

        self.max_request_bytes = max_request_bytes
        self.idle_timeout = idle_timeout
        self.max_connections = max_connections
        self.log = log
        self.catalogue = load_catalogue()
        self.kg = kg
        self._load_graph = load_graph
        self._site = None
        self._site_lock = threading.Lock()
        self._page = None
        self._page_lock = threading.Lock()
        self._temporary = None
        self._engine = None
        self._engine_lock = threading.Lock()
        self._stopped = threading.Event()
        self._connections = 0  # connections this process answers (handed over, or refused as busy)
        self._connections_lock = threading.Lock()
        self.pool = None
        # Bound here, not with socket.create_server: its errors reword the system's ("Address already
        # in use (while attempting to bind on ...)"), which the command prints as it is.
        self.socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind((host, port))
            self.socket.listen(self.request_queue_size)
        except BaseException:
            self.socket.close()
            raise
        self.socket.setblocking(False)  # workers and this process take connections without waiting
        try:
            self.server_address = self.socket.getsockname()
            self.policy = Policy.for_address(self.server_address[0], self.server_address[1], allowed_hosts,
                                             allowed_origins)
            if store_dir is None:
                store_dir = self._write_temporary_store(kg)
            self.store_dir = Path(store_dir).resolve()
            settings = settings_for(self.store_dir, kg.base, store, max_rows=max_rows, max_bytes=max_result_bytes,
                                    query_memory=query_memory, idle_timeout=idle_timeout,
                                    max_request_bytes=max_request_bytes, max_connections=max_connections,
                                    policy=self.policy)
            # One worker per core (two at least). Measured on 2 cores against Oxigraph's server on the same
            # store (benchmarks/serve.py, ratios of throughput): 4 workers gave the point query 0.54-0.58 at 4
            # clients (each request woke a process; more runnable processes than cores pay in switches and
            # in per-process caches); 3 workers 0.70 to 0.78 at 1M, heavy 0.62 to 0.73 at 1M and 4 clients;
            # 2 workers 0.88 and heavy 0.85. A slow query holds one worker; the others' connections are
            # handed on after 0.2 s (graph.serve.workers), and --max-concurrent raises the count.
            workers = max_concurrent or max(2, len(os.sched_getaffinity(0)))
            self.pool = Workers(self.socket, settings, workers=workers, spares=spares, timeout=timeout,
                                query_memory=query_memory, queue_wait=queue_wait, on_handoff=self._handed,
                                on_busy=self._busy)
        except BaseException:
            self.server_close()
            raise

    @property
    def allowed_hosts(self) -> set[str]:
        return set(self.policy.allowed_hosts)

    def _write_temporary_store(self, kg) -> Path:
        from graph.rdf.store import STORE_DIR, write_store

        self._temporary = tempfile.TemporaryDirectory(prefix="policing-kg-serve-")
        # The fingerprint is not needed: this store lives as long as the server.
        return write_store(kg, Path(self._temporary.name) / STORE_DIR, Path(self._temporary.name))

    def serve_forever(self) -> None:
        """Serve until shutdown() (the workers accept and answer; this waits)."""
        self._stopped.wait()

    def shutdown(self) -> None:
        self._stopped.set()

    def server_close(self) -> None:
        self._stopped.set()
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        self.socket.close()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    @property
    def engine(self):
        """An engine in this process for the query page's own fixed queries (classes, properties,
        entity names), never for a request's query: those go to the workers."""
        with self._engine_lock:
            if self._engine is None:
                from graph.sparql.engines import Engine

                self._engine = Engine(self.kg)
            return self._engine

    @property
    def page(self):
        """The query page (graph.serve.query_page), made on the first request for it."""
        with self._page_lock:
            if self._page is None:
                from graph.rdf.search import search
                from graph.serve.query_page import QueryPage

                store_dir = self.store_dir
                self._page = QueryPage(self.engine, self.catalogue, self.kg.base, ENTITY_PATHS[0],
                                       search=lambda text, limit: search(store_dir, text, limit))
            return self._page

    @property
    def site(self):
        """The entity pages (graph.publish.site), built on the first request for one."""
        with self._site_lock:
            if self._site is None:
                from graph.publish.site.build import Site

                if not hasattr(self.kg, "networkx") and self._load_graph is not None:
                    self.kg = self._load_graph()
                self._site = Site(self.kg)
            return self._site

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    # -- connections this process answers ----------------------------------------------------

    def _count(self, change: int) -> None:
        with self._connections_lock:
            self._connections += change
            if self.pool is not None:
                self.pool.slots.set_connections(0, self._connections)

    def _handed(self, sock: socket.socket, raw: bytes) -> None:
        """A connection a worker handed over, with the request it read (a page route)."""
        self._count(1)
        threading.Thread(target=self._answer_page, args=(sock, raw), daemon=True, name="page").start()

    def _busy(self, sock: socket.socket, read: bytes) -> None:
        """A connection that waited while every worker was busy: read its request, answer 503."""
        self._count(1)
        threading.Thread(target=self._answer_busy, args=(sock, read), daemon=True, name="busy").start()

    def _answer_page(self, sock: socket.socket, raw: bytes) -> None:
        try:
            sock.settimeout(self.idle_timeout)
            request, _ = take_request(raw, self.max_request_bytes)
            if request is not None:
                sock.sendall(self._page_answer(request))
        except (HttpError, OSError):
            pass
        finally:
            close_connection(sock)
            self._count(-1)

    def _answer_busy(self, sock: socket.socket, buffer: bytes) -> None:
        try:
            sock.settimeout(min(self.idle_timeout, 2.0))
            while take_request(buffer, self.max_request_bytes)[0] is None:
                data = sock.recv(65536)
                if not data:
                    return
                buffer += data
            sock.sendall(error_response(503, "the server is busy; try again shortly", {"Retry-After": "1"},
                                        close=True))
        except (HttpError, OSError):
            pass
        finally:
            close_connection(sock)
            self._count(-1)

    def _page_answer(self, request) -> bytes:
        """The answer to one request for a page route (the connection is closed after it)."""
        cors = self.policy.cors(request)
        head_only = request.method == "HEAD"
        try:
            status, body, media, extra = self._page_route(request)
        except QueryError as error:
            return error_response(error.status, str(error), cors, close=True)
        except Exception:  # noqa: BLE001 - never echo internals
            return error_response(500, "internal error", cors, close=True)
        return response(status, body, media, {**cors, **extra}, close=True, head_only=head_only)

    def _page_route(self, request) -> tuple[int, bytes, str, dict]:
        path = request.path
        params = parse_qs(request.query, keep_blank_values=True)
        if path in ("/", "/index.html"):
            return 200, self.page.html(), "text/html; charset=utf-8", {}
        if path.startswith("/static/"):
            found = self.page.asset(path.removeprefix("/static/"))
            if found is None:
                raise QueryError("unknown-name", "not found")
            return 200, found[1], found[0], {"Cache-Control": "max-age=3600"}
        if path == "/query/entities":
            found = self.page.suggest(params.get("q", [""])[0])
            return 200, json.dumps(found, ensure_ascii=False).encode(), "application/json", {}
        if path == "/search":
            return 200, self._search(params), "application/json", {}
        if path.startswith(ENTITY_PATHS):
            from graph.publish.site.serving import respond

            status, content_type, body = respond(self.site, path, request.header("accept"))
            return status, body, content_type, {}
        raise QueryError("unknown-name", "not found; the endpoint is /sparql, entity pages are under /id/")

    def _search(self, params: dict) -> bytes:
        """/search?q=TEXT[&limit=N][&kind=CLASS...]: entities by name (graph.rdf.search), as JSON."""
        from graph.rdf.search import search

        limit = _one(params, "limit") if "limit" in params else "20"
        if not limit.isdigit() or not 1 <= int(limit) <= 100:
            raise QueryError("bad-request", "limit must be a number from 1 to 100")
        matches = search(self.store_dir, _one(params, "q"), int(limit), tuple(params.get("kind", ())))
        return json.dumps([m.__dict__ for m in matches], ensure_ascii=False).encode("utf-8")


def make_server(kg, host: str = "127.0.0.1", port: int = 7878, **options) -> SparqlServer:
    """A ready-to-serve endpoint for `kg` (port 0 picks a free port; see `server.url`). The query
    workers are started and ready when this returns."""
    return SparqlServer(kg, host, port, **options)


def _one(params: dict, name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise QueryError("bad-request", f"give exactly one '{name}' parameter")
    return values[0]
