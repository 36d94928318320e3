"""A SPARQL 1.1 Protocol endpoint over the knowledge graph (standard library http.server).

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

This process only speaks HTTP. A query is handed, as it came, to a pre-started worker process
(graph.sparql.pool) that cannot open a network connection, holds the store open read-only, has a
capped address space and does every piece of work on the query; the slot and the time limit start
before that work, and a worker past its limit is killed and replaced by a spare. What this process
bounds itself: the request's size and framing (Content-Length only, never with Transfer-Encoding),
idle connections (a socket timeout) and their number, the Host header (DNS rebinding) and CORS (off
for queries unless origins are allowed). docs/security.md lists each defence and its test.
"""

from __future__ import annotations

import json
import socket
import tempfile
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graph.problems import QueryError
from graph.sparql.pool import PoolError, WorkerPool

SERVER_NAME = "policing-kg"
# Entity IRIs dereference here: /id/force/kent answers <base>force/kent (HTML or RDF by Accept).
ENTITY_PATHS = ("/id/", "/policing-kg/id/")
# Routes that evaluate queries: cross-origin reads of these are off unless origins are allowed.
QUERY_PATHS = ("/sparql", "/catalogue/")


class SparqlServer(ThreadingHTTPServer):
    """The endpoint. Options (all have defaults that suit one machine):

    store: the engine ("oxigraph" or "rdflib"); timeout: seconds per query; max_rows and
    max_result_bytes: result caps; max_request_bytes: request body cap; max_concurrent: queries
    evaluated at once (one worker each) and spares: workers kept started for when one is killed;
    query_memory: bytes of address space a query may add to its worker (None: no cap);
    queue_wait: seconds a query waits for a slot before 503; idle_timeout: seconds a connection may
    stay silent; max_connections: open connections at once; allowed_origins: origins that may read
    query answers cross-origin ("*" for any); allowed_hosts: Host header names accepted besides the
    bound address ("*" for any); store_dir: a store built by `build` (else one is written for `kg`
    in a temporary folder); load_graph: how to load the graph for entity pages when `kg` is not a
    full KnowledgeGraph.
    """

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, kg, host: str = "127.0.0.1", port: int = 7878, *, store: str = "oxigraph",
                 timeout: float = 10.0, max_rows: int = 10_000, max_result_bytes: int = 32 * 1024 * 1024,
                 max_request_bytes: int = 64 * 1024, max_concurrent: int = 4, spares: int = 1,
                 query_memory: int | None = 1 << 30, queue_wait: float = 5.0, idle_timeout: float = 30.0,
                 max_connections: int = 64, allowed_origins=(), allowed_hosts=(), store_dir=None,
                 load_graph=None, log=None):
        from graph.sparql.catalogue import load_catalogue

        self.max_request_bytes = max_request_bytes
        self.idle_timeout = idle_timeout
        self.allowed_origins = set(allowed_origins)
        self.extra_hosts = {h.lower() for h in allowed_hosts}
        self.log = log
        self.catalogue = load_catalogue()
        self.kg = kg
        self._load_graph = load_graph
        self._site = None
        self._site_lock = threading.Lock()
        self._page = None
        self._page_lock = threading.Lock()
        self._connections = threading.BoundedSemaphore(max_connections)
        self._temporary = None
        self._engine = None
        self._engine_lock = threading.Lock()
        super().__init__((host, port), _Handler)
        try:
            if store_dir is None:
                store_dir = self._write_temporary_store(kg)
            self.pool = WorkerPool(store_dir, kg.base, store, workers=max_concurrent, spares=spares,
                                   timeout=timeout, query_memory=query_memory, max_rows=max_rows,
                                   max_bytes=max_result_bytes, queue_wait=queue_wait)
        except BaseException:
            self.server_close()
            raise
        bound, port = self.server_address[:2]
        names = {bound, "localhost", "127.0.0.1", "[::1]"} if bound in ("127.0.0.1", "::1") else {bound}
        self.allowed_hosts = {f"{name}:{port}" for name in names}

    def _write_temporary_store(self, kg) -> Path:
        from graph.rdf.store import STORE_DIR, write_store

        self._temporary = tempfile.TemporaryDirectory(prefix="policing-kg-serve-")
        # The fingerprint is not needed: this store lives as long as the server.
        return write_store(kg, Path(self._temporary.name) / STORE_DIR, Path(self._temporary.name))

    def server_close(self):
        super().server_close()
        pool = getattr(self, "pool", None)
        if pool is not None:
            pool.close()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    # -- connections: a cap on how many are open, each released when its thread ends ---------

    def process_request(self, request, client_address):
        if not self._connections.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Retry-After: 1\r\nConnection: close\r\nContent-Length: 39\r\n\r\n"
                                b"Error 503: too many open connections\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

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

                store_dir = self.pool.settings["store"]
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


def make_server(kg, host: str = "127.0.0.1", port: int = 7878, **options) -> SparqlServer:
    """A ready-to-serve endpoint for `kg` (port 0 picks a free port; see `server.url`). The query
    workers are started and ready when this returns."""
    return SparqlServer(kg, host, port, **options)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = SERVER_NAME
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.settimeout(self.server.idle_timeout)  # a silent client is dropped
        # Headers and body go out in one write; without this, Nagle's algorithm and the client's
        # delayed ACK add 40 ms to every keep-alive answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")

    # -- responses ------------------------------------------------------------------------

    def _cors(self) -> dict:
        origin = self.headers.get("Origin")
        path = urlsplit(self.path).path
        if not path.startswith(QUERY_PATHS):
            return {"Access-Control-Allow-Origin": "*"}  # pages and the catalogue listing: public data
        if "*" in self.server.allowed_origins:
            return {"Access-Control-Allow-Origin": "*"}
        if origin and origin in self.server.allowed_origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Accept, Origin"}
        return {}

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        headers = {"Content-Type": content_type, "Content-Length": str(len(body)),
                   "X-Content-Type-Options": "nosniff", "Vary": "Accept", **self._cors(), **(extra or {})}
        if "Access-Control-Allow-Origin" in headers:
            headers["Access-Control-Expose-Headers"] = "Content-Type"
        if self.close_connection:
            headers["Connection"] = "close"
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.log_request(status, len(body))
        self.wfile.write(f"{self.protocol_version} {status} {phrase}\r\nServer: {SERVER_NAME}\r\n{head}\r\n"
                         .encode("latin-1") + (body if self.command != "HEAD" else b""))

    def _error(self, status: int, message: str, extra: dict | None = None) -> None:
        self._send(status, f"Error {status}: {message}\n".encode(), "text/plain; charset=utf-8", extra)

    def send_error(self, code, message=None, explain=None):
        """The base class's errors (bad request line, headers too long, timeouts): plain text, closed."""
        self.close_connection = True
        if self.command is None:
            self.command = "GET"
        self._error(code, message or HTTPStatus(code).phrase)

    # -- methods --------------------------------------------------------------------------

    def do_OPTIONS(self):  # noqa: N802 - CORS preflight
        extra = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                 "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}
        if not self._cors():
            extra = {}
        self._send(204, b"", "text/plain", extra)

    def do_GET(self):  # noqa: N802
        self._guard(self._get)

    def do_HEAD(self):  # noqa: N802
        self._guard(self._get)

    def do_POST(self):  # noqa: N802
        self._guard(self._post)

    def _not_allowed(self):
        self._error(405, "method not allowed", {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    def _guard(self, action):
        try:
            if self._refused_framing() or self._refused_host():
                return
            action()
        except QueryError as error:
            self._error(error.status, str(error))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception:  # noqa: BLE001 - never echo internals
            self._error(500, "internal error")

    def _refused_framing(self) -> bool:
        """HTTP/1.1 framing this server will not guess at (RFC 9112 6.1, 6.3): a Transfer-Encoding
        (chunked bodies are not accepted) - above all together with a Content-Length, the request
        smuggling pattern - or several or malformed Content-Lengths. The connection is closed."""
        lengths = self.headers.get_all("Content-Length") or []
        problem = None
        if self.headers.get_all("Transfer-Encoding"):
            problem = ("both Content-Length and Transfer-Encoding given; refused" if lengths
                       else "Transfer-Encoding is not accepted; send the body with a Content-Length")
        elif len(lengths) > 1:
            problem = "more than one Content-Length"
        elif lengths and not lengths[0].strip().isdigit():
            problem = "the Content-Length is not a number"
        if problem:
            self.close_connection = True
            self._error(400, problem)
        return problem is not None

    def _refused_host(self) -> bool:
        """The Host header must name this server (a page on another site that resolves its own name
        to 127.0.0.1 - DNS rebinding - is refused)."""
        host = (self.headers.get("Host") or "").strip().lower()
        if "*" in self.server.extra_hosts or host in self.server.allowed_hosts:
            return False
        if host in self.server.extra_hosts or host.rsplit(":", 1)[0] in self.server.extra_hosts:
            return False
        self.close_connection = True
        self._error(421 if host else 400, f"this server answers to {', '.join(sorted(self.server.allowed_hosts))}, "
                                          f"not to Host {host or '(none)'!r}; start it with --allow-host to add names")
        return True

    # -- routes ---------------------------------------------------------------------------

    def _get(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self._send(200, self.server.page.html(), "text/html; charset=utf-8")
        elif url.path.startswith("/static/"):
            found = self.server.page.asset(url.path.removeprefix("/static/"))
            if found is None:
                self._error(404, "not found")
            else:
                self._send(200, found[1], found[0], {"Cache-Control": "max-age=3600"})
        elif url.path == "/query/entities":
            found = self.server.page.suggest(params.get("q", [""])[0])
            self._send(200, json.dumps(found, ensure_ascii=False).encode(), "application/json")
        elif url.path == "/sparql":
            if "update" in params:
                raise QueryError("refused", "updates are not accepted: this endpoint is read-only")
            if "query" not in params:
                raise QueryError("bad-request", "give the query in the 'query' parameter")
            self._answer(_one(params, "query"), params)
        elif url.path == "/catalogue":
            listing = [{"name": e.name, "title": e.title, "description": e.description,
                        # an optional parameter has no default: unbound, the query ranges over every value
                        "parameters": {p.name: None if p.optional else p.default for p in e.parameters}}
                       for e in self.server.catalogue.values()]
            self._send(200, json.dumps(listing, ensure_ascii=False, indent=1).encode(), "application/json")
        elif url.path.startswith("/catalogue/"):
            from graph.sparql.catalogue import get

            entry = get(url.path.removeprefix("/catalogue/"), self.server.catalogue)
            given = {k: _one(params, k) for k in params if k not in ("format", "output")}
            self._answer(entry.text, params, entry.bindings(given), entry.values_at)
        elif url.path == "/search":
            self._search(params)
        elif url.path.startswith(ENTITY_PATHS):
            from graph.publish.site.serving import respond

            status, content_type, body = respond(self.server.site, url.path, self.headers.get("Accept"))
            self._send(status, body, content_type)
        else:
            self._error(404, "not found; the endpoint is /sparql, entity pages are under /id/")

    def _search(self, params: dict) -> None:
        """/search?q=TEXT[&limit=N][&kind=CLASS...]: entities by name (graph.rdf.search), as JSON."""
        from graph.rdf.search import search

        limit = _one(params, "limit") if "limit" in params else "20"
        if not limit.isdigit() or not 1 <= int(limit) <= 100:
            raise QueryError("bad-request", "limit must be a number from 1 to 100")
        matches = search(self.server.pool.settings["store"], _one(params, "q"), int(limit),
                         tuple(params.get("kind", ())))
        body = json.dumps([m.__dict__ for m in matches], ensure_ascii=False).encode("utf-8")
        self._send(200, body, "application/json")

    def _post(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, "not found; the endpoint is /sparql")
            return
        if "Content-Length" not in self.headers:
            self.close_connection = True
            self._error(411, "a Content-Length is required")
            return
        length = int(self.headers["Content-Length"])
        if length > self.server.max_request_bytes:
            self.close_connection = True
            self._error(413, f"the request is larger than {self.server.max_request_bytes} bytes")
            return
        body = self.rfile.read(length)
        if len(body) < length:
            self.close_connection = True
            return
        body = body.decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            raise QueryError("refused", "updates are not accepted: this endpoint is read-only")
        if media == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
            if "update" in params:
                raise QueryError("refused", "updates are not accepted: this endpoint is read-only")
            if "query" not in params:
                raise QueryError("bad-request", "give the query in the 'query' form field")
            text = _one(params, "query")
        elif media == "application/sparql-query":
            text = body
        else:
            self._error(415, "send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._answer(text, params)

    # -- answering ------------------------------------------------------------------------

    def _answer(self, text: str, params: dict, bindings: dict | None = None, values_at: int | None = None) -> None:
        """Hand the query to a worker as it came; this process neither parses nor evaluates it."""
        # `$name=value` binds ?name, as in RDF4J's protocol (the query page sends parameters so).
        bindings = {**(bindings or {}), **{k[1:]: _one(params, k) for k in params if k.startswith("$")}} or None
        request = {"text": text, "bindings": bindings, "values_at": values_at, "accept": self.headers.get("Accept"),
                   "format": (params.get("format") or params.get("output") or [None])[0],
                   "default_graphs": params.get("default-graph-uri"), "named_graphs": params.get("named-graph-uri")}
        try:
            reply = self.server.pool.ask(request)
        except PoolError as error:
            self._error(error.status, str(error), {"Retry-After": "1"} if error.status == 503 else None)
            return
        if reply.status != 200:
            self._error(reply.status, reply.header.get("message", "the query failed"))
            return
        self._send(200, reply.body, reply.content_type)


def _one(params: dict, name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise QueryError("bad-request", f"give exactly one '{name}' parameter")
    return values[0]
