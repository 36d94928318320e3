"""A SPARQL 1.1 Protocol endpoint over the knowledge graph (standard library http.server).

    >>> server = make_server(kg, port=0)        # bound to 127.0.0.1 unless told otherwise
    >>> server.serve_forever()

Routes: `/sparql` (GET ?query=..., POST form-encoded or application/sparql-query; read-only: there is
no update route; `$name=value` binds ?name), `/` (the query page, graph.serve.query_page, with its
files under `/static/` and entity-name completion at `/query/entities?q=`), `/catalogue` (the
catalogue as JSON), `/catalogue/NAME?param=value` (a catalogue query with its parameters bound as
variables) and `/id/...` (entity pages of graph.publish.site: each entity IRI answers HTML for browsers
and Turtle, JSON-LD or N-Triples for RDF clients). Each query is checked, then run in a forked
child that is killed at the time limit; results are capped in rows and bytes; requests are capped
in size and in how many run at once. All state lives on the server object: there is no module-level app.
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from graph.problems import QueryError
from graph.sparql.engines import Engine
from graph.sparql.negotiation import negotiate
from graph.sparql.results import MEDIA_TYPES

SERVER_NAME = "policing-kg"
# Entity IRIs dereference here: /id/force/kent answers <base>force/kent (HTML or RDF by Accept).
ENTITY_PATHS = ("/id/", "/policing-kg/id/")


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, kg, host: str = "127.0.0.1", port: int = 7878, *, store: str = "oxigraph",
                 timeout: float = 10.0, max_rows: int = 10_000, max_result_bytes: int = 32 * 1024 * 1024,
                 max_request_bytes: int = 64 * 1024, max_concurrent: int = 4, queue_wait: float = 5.0,
                 log=None):
        self.engine = Engine(kg, store, timeout=timeout, max_rows=max_rows, max_bytes=max_result_bytes)
        self.max_request_bytes = max_request_bytes
        self.slots = threading.BoundedSemaphore(max_concurrent)
        self.queue_wait = queue_wait
        self.log = log
        from graph.sparql.catalogue import load_catalogue

        self.catalogue = load_catalogue()
        self.kg = kg
        self._site = None
        self._site_lock = threading.Lock()
        self._page = None
        self._page_lock = threading.Lock()
        super().__init__((host, port), _Handler)

    @property
    def page(self):
        """The query page (graph.serve.query_page), made on the first request for it."""
        with self._page_lock:
            if self._page is None:
                from graph.serve.query_page import QueryPage

                self._page = QueryPage(self.engine, self.catalogue, self.kg.base, ENTITY_PATHS[0])
            return self._page

    @property
    def site(self):
        """The entity pages (graph.publish.site), built on the first request for one."""
        with self._site_lock:
            if self._site is None:
                from graph.publish.site.build import Site

                self._site = Site(self.kg)
            return self._site

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(kg, host: str = "127.0.0.1", port: int = 7878, **options) -> SparqlServer:
    """A ready-to-serve endpoint for `kg` (port 0 picks a free port; see `server.url`)."""
    return SparqlServer(kg, host, port, **options)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = SERVER_NAME
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")

    # -- responses ------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Content-Type")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict | None = None) -> None:
        self._send(status, f"Error {status}: {message}\n".encode(), "text/plain; charset=utf-8", extra)

    # -- methods --------------------------------------------------------------------------

    def do_OPTIONS(self):  # noqa: N802 - CORS preflight
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

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
            action()
        except QueryError as error:
            self._error(error.status, str(error))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception:  # noqa: BLE001 - never echo internals
            self._error(500, "internal error")

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
                        "parameters": {p.name: p.default for p in e.parameters}}
                       for e in self.server.catalogue.values()]
            self._send(200, json.dumps(listing, ensure_ascii=False, indent=1).encode(), "application/json")
        elif url.path.startswith("/catalogue/"):
            from graph.sparql.catalogue import get

            entry = get(url.path.removeprefix("/catalogue/"), self.server.catalogue)
            given = {k: _one(params, k) for k in params if k not in ("format", "output")}
            self._answer(entry.text, params, entry.bindings(given))
        elif url.path.startswith(ENTITY_PATHS):
            from graph.publish.site.serving import respond

            status, content_type, body = respond(self.server.site, url.path, self.headers.get("Accept"))
            self._send(status, body, content_type)
        else:
            self._error(404, "not found; the endpoint is /sparql, entity pages are under /id/")

    def _post(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, "not found; the endpoint is /sparql")
            return
        if "Content-Length" not in self.headers:
            self._error(411, "a Content-Length is required")
            return
        try:
            length = int(self.headers["Content-Length"])
        except ValueError:
            raise QueryError("bad-request", "bad Content-Length") from None
        if length < 0 or length > self.server.max_request_bytes:
            self.close_connection = True
            self._error(413, f"the request is larger than {self.server.max_request_bytes} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
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

    def _answer(self, text: str, params: dict, bindings: dict | None = None) -> None:
        engine = self.server.engine
        # `$name=value` binds ?name, as in RDF4J's protocol (the query page sends parameters so).
        bindings = {**(bindings or {}), **{k[1:]: _one(params, k) for k in params if k.startswith("$")}} or None
        analysis = engine.analyse(text)
        requested = (params.get("format") or params.get("output") or [None])[0]
        fmt = negotiate(analysis.kind, self.headers.get("Accept"), requested)
        defaults = params.get("default-graph-uri")
        named = params.get("named-graph-uri")
        if not self.server.slots.acquire(timeout=self.server.queue_wait):
            self._error(503, "the server is busy; try again shortly", {"Retry-After": "1"})
            return
        try:
            result = engine.run(text, bindings, analysis=analysis, default_graphs=defaults, named_graphs=named)
        finally:
            self.server.slots.release()
        body = result.serialise(fmt, engine.prefixes)
        self._send(200, body, MEDIA_TYPES[(result.kind, fmt)])


def _one(params: dict, name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise QueryError("bad-request", f"give exactly one '{name}' parameter")
    return values[0]
