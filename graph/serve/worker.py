"""A query worker of the endpoint: a process that accepts connections itself and answers queries.

    python -m graph.serve.worker SETTINGS_JSON     (started by graph.serve.workers, never by hand)

The server binds the listening socket and starts a few of these. Each first cuts itself off the
network (graph.sparql.confine: a network namespace with no interface and a seccomp filter on
socket/connect; accepting on the socket it inherited still works), opens the store read-only, caps
its address space and refuses files outside the Python installation; only then does it say it is
ready. When told to go, it accepts connections on the shared socket and answers the query routes
itself, in this one process: `/sparql` (GET ?query=, POST form or application/sparql-query),
`/catalogue` and `/catalogue/NAME`. A point query so costs one process, no hop between processes
and no Python object per term (Oxigraph serialises the answer). The other routes (the query page,
/search, the entity pages) need the whole graph, which only the server holds: the worker hands such
a connection, with the request it read, to the server (graph.serve.endpoint answers it).

Supervision: each accepted connection's descriptor is sent to the server once (SCM_RIGHTS), and
before any work on a query the worker writes "evaluating since t, for connection n" in its row of
the shared table (graph.serve.slots). A worker past the time limit is killed by the server, which
then writes the 503 on its own copy of that connection; a worker that dies (its memory cap) is
answered for the same way. A worker evaluates one query at a time and accepts new connections only
when it is waiting and holds no more connections than any other worker, so a busy worker leaves
new connections to the idle ones. Its other connections would wait for its query: when one runs
past 0.2 s the server asks a second thread of the worker (which can run then: pyoxigraph lets go of
the interpreter while it evaluates, and the loop lets go of its lock) to hand them back, and the
server gives them to idle workers.

Why one process per query and the HTTP read here (measured on the seed data, 2 cores): the
previous design handed each query over two pipes from a threaded http.server process to a worker,
which made a point query cost 0.4x Oxigraph's throughput with 1 client and 0.03x with 4 (the
server's threads shared one interpreter lock); here a point query's whole work, request bytes to
answer bytes, takes about 72 us in this process, 43 us of it in Oxigraph.
"""

from __future__ import annotations

import json
import select
import socket
import sys
import threading
import time

from graph.serve.protocol import (
    ENTITY_PATHS,
    TOO_MANY_CONNECTIONS,
    Head,
    HttpError,
    Policy,
    Request,
    RequestReader,
    ResponseHeads,
    error_response,
    form_fields,
)
from graph.serve.slots import IDLE, WRITING, Slots

# Routes the server answers (they need the whole graph): a worker hands their connections over.
SERVER_ROUTES = ("/", "/index.html", "/query/entities", "/search")
SERVER_PREFIXES = ("/static/", *ENTITY_PATHS)
CHECK_EVERY = 0.25  # seconds between looks for idle connections to close
SHARE_EVERY = 0.05  # seconds between looks at how many connections the other workers hold
ASK_WAIT = 0.02  # seconds a worker waits for the server's answer when it asks for a waiting connection


class _Refused(Exception):
    """A request refused with a QueryError-like status and message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Connection:
    __slots__ = ("socket", "fd", "buffer", "active", "partial")

    def __init__(self, sock: socket.socket):
        self.socket = sock
        self.fd = sock.fileno()
        self.buffer = bytearray()
        self.active = time.monotonic()  # when it last sent or was answered
        self.partial = None  # when the first byte of an incomplete request came


class Worker:
    """The worker's loop over its connections, the shared listening socket and the server's messages."""

    def __init__(self, settings: dict, answerer, catalogue, listener: socket.socket, control: socket.socket,
                 release: socket.socket, slots: Slots, policy: Policy):
        self.answerer, self.catalogue = answerer, catalogue
        self.listener, self.control, self.release, self.slots, self.policy = listener, control, release, slots, policy
        self.index = settings["slot"]
        self.idle_timeout = settings["idle_timeout"]
        self.max_request_bytes = settings["max_request_bytes"]
        self.max_connections = settings["max_connections"]
        self.connections: dict[int, _Connection] = {}
        self.poll = select.epoll()
        self.poll.register(control.fileno(), select.EPOLLIN)
        self.accepting = False  # told to take connections (a spare is not)
        self.listening = False  # the listening socket is in the poll set
        self._shared_at = (-1, 0.0)  # connections held, and when, at the last look at the others
        self._first: list[_Connection] = []  # adopted connections, answered before the others
        self._last_message = b""
        self._fields: dict[bytes, dict] = {}  # form fields per exact query string or body
        self._reader = RequestReader(self.max_request_bytes)  # heads read once per exact bytes
        self._heads = ResponseHeads()  # response heads made once
        self._plans: dict[Head, tuple] = {}  # what a request head asks for, decided once (see _plan)
        # Held by the loop except while a query is evaluated: then the releasing thread may take it.
        self.lock = threading.Lock()
        self.current: int | None = None  # the connection whose query is being evaluated
        threading.Thread(target=self._release_when_asked, daemon=True, name="release").start()

    # -- the loop ---------------------------------------------------------------------------

    def run(self) -> None:
        with self.lock:
            self._loop()

    def _loop(self) -> None:
        listener, control = self.listener.fileno(), self.control.fileno()
        checked = time.monotonic()
        while True:
            while self._first:
                connection = self._first.pop(0)
                if self.connections.get(connection.fd) is not connection:
                    continue
                if connection.buffer:
                    self._requests(connection)
                else:
                    self._read(connection)
            events = self.poll.poll(CHECK_EVERY if self.connections else -1)
            for fd, _ in events:
                if fd == listener:
                    self._accept()
                elif fd == control:
                    if not self._message():
                        return
                else:
                    connection = self.connections.get(fd)
                    if connection is not None:
                        self._read(connection)
            now = time.monotonic()
            self._share_out(now)
            if now - checked >= CHECK_EVERY:
                checked = now
                self._close_idle(now)

    def _message(self) -> bool:
        """A message from the server: G(o) accept connections, S(top) accepting, A(dopt) a connection
        that waits for a worker, N(one) to adopt; False when the server is gone."""
        try:
            message, fds, _, _ = socket.recv_fds(self.control, 1 << 20, 1)
        except (BlockingIOError, TimeoutError):
            return True
        except OSError:
            return False
        if not message and not fds:
            return False
        self._last_message = message[:1]
        if message[:1] == b"A" and fds:
            self._adopt(socket.socket(fileno=fds[0]), message[1:])
        elif message in (b"G", b"S"):
            self.accepting = message == b"G"
            self.slots.set_accepting(self.index, self.accepting)
            self._shared_at = (-1, 0.0)
        return True

    def _take_waiting(self) -> None:
        """After answering a query: when connections wait at the server for a free worker, ask for
        the oldest and take it before this worker's own clients' next requests (they follow at
        once and would keep it busy, leaving the waiting ones to wait on)."""
        if not self.accepting or self.slots.state(0) <= 0:
            return
        try:
            self.control.send(b"W")
        except OSError:
            return
        deadline = time.monotonic() + ASK_WAIT
        self._last_message = b""
        try:
            while self._last_message not in (b"A", b"N"):
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                self.control.settimeout(left)
                if not self._message():
                    return
        finally:
            self.control.settimeout(None)

    def _share_out(self, now: float) -> None:
        """Listen for new connections only while holding no more than any other accepting worker:
        the kernel wakes the first waiting worker, which would otherwise take most of them. Looked
        at when this worker's count changes, and every SHARE_EVERY seconds for the others'."""
        if len(self.connections) == self._shared_at[0] and now - self._shared_at[1] < SHARE_EVERY:
            return
        self._shared_at = (len(self.connections), now)
        wanted = self.accepting and len(self.connections) <= self.slots.fewest_connections()
        if wanted != self.listening:
            if wanted:
                self.poll.register(self.listener.fileno(), select.EPOLLIN | select.EPOLLEXCLUSIVE)
            else:
                self.poll.unregister(self.listener.fileno())
            self.listening = wanted

    def _accept(self) -> None:
        try:
            sock, _ = self.listener.accept()
        except OSError:  # another worker took it (EAGAIN), or out of descriptors
            return
        sock.setblocking(False)  # read when epoll says so; writes wait in _send, bounded
        if self.slots.open_connections() >= self.max_connections:
            try:
                sock.send(TOO_MANY_CONNECTIONS)
            except OSError:
                pass
            sock.close()
            return
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # headers and body in one segment
        self._hold(sock, b"")

    def _adopt(self, sock: socket.socket, read: bytes) -> None:
        """A connection that waited for a worker, with what was read of its request: it is answered
        first, at the top of the loop."""
        sock.setblocking(False)
        connection = self._hold(sock, read, adopted=True)
        if connection is not None:
            self._first.append(connection)

    def _hold(self, sock: socket.socket, read: bytes, adopted: bool = False) -> _Connection | None:
        """Keep a connection: the server gets a copy of it first (to answer for this worker)."""
        try:
            socket.send_fds(self.control, [b"%s%d" % (b"c" if adopted else b"C", sock.fileno())], [sock.fileno()])
        except OSError:
            sock.close()
            return None
        connection = _Connection(sock)
        connection.buffer += read
        self.connections[connection.fd] = connection
        self.slots.set_connections(self.index, len(self.connections))
        self.poll.register(connection.fd, select.EPOLLIN)
        return connection

    def _release_when_asked(self) -> None:
        """Asked by the server while a query runs long: let go of every other connection (the
        server gives them to idle workers), so that they do not wait for this query."""
        while True:
            try:
                if not self.release.recv(16):
                    return
            except OSError:
                return
            with self.lock:  # free only while the loop evaluates a query
                for connection in list(self.connections.values()):
                    if connection.fd != self.current:
                        self._close(connection, released=bytes(connection.buffer))

    def _close(self, connection: _Connection, handed: bytes | None = None, released: bytes | None = None) -> None:
        """Close a connection; or pass it to the server: `handed` with the request read (a page
        route), or `released` with what was read of the next request (for another worker)."""
        self.connections.pop(connection.fd, None)
        self.slots.set_connections(self.index, len(self.connections))
        try:
            self.poll.unregister(connection.fd)
        except (OSError, ValueError):
            pass
        if handed is None and released is None:
            try:  # the server holds a copy: without shutdown the client would not see the end
                connection.socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        connection.socket.close()
        if handed is not None:
            message = b"H%d\0" % connection.fd + handed
        elif released is not None:
            message = b"M%d\0" % connection.fd + released
        else:
            message = b"X%d" % connection.fd
        try:
            self.control.send(message)
        except OSError:
            pass

    def _close_idle(self, now: float) -> None:
        for connection in list(self.connections.values()):
            since = connection.partial if connection.partial is not None else connection.active
            if now - since > self.idle_timeout:
                self._close(connection)

    def _send(self, connection: _Connection, data: bytes) -> bool:
        """Write an answer; a client that takes none of it for the idle timeout is dropped."""
        view, deadline = memoryview(data), None
        try:
            while view:
                try:
                    view = view[connection.socket.send(view):]
                except BlockingIOError:
                    deadline = deadline or time.monotonic() + self.idle_timeout
                    left = deadline - time.monotonic()
                    if left <= 0 or not select.select([], [connection.socket], [], left)[1]:
                        raise TimeoutError from None
        except OSError:  # gone, or not reading
            self._close(connection)
            return False
        connection.active = time.monotonic()
        return True

    # -- requests ---------------------------------------------------------------------------

    def _read(self, connection: _Connection) -> None:
        try:
            data = connection.socket.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._close(connection)
            return
        connection.buffer += data
        connection.active = time.monotonic()
        self._requests(connection)

    def _requests(self, connection: _Connection) -> None:
        """Answer every whole request read on the connection, in order."""
        while self.connections.get(connection.fd) is connection:
            if not connection.buffer:
                connection.partial = None
                return
            try:
                request, used = self._reader.take(connection.buffer)
            except HttpError as error:
                self._send(connection, error_response(error.status, str(error), close=True))
                self._close(connection)
                return
            if request is None:  # the time its first byte came, kept until the request is whole
                if not connection.buffer:
                    connection.partial = None
                elif connection.partial is None:
                    connection.partial = connection.active
                return
            del connection.buffer[:used]
            connection.partial = None
            self._handle(connection, request)

    def _plan(self, head: Head) -> tuple[HttpError | None, bool, bool, dict]:
        """What a request head asks for, decided once per head (they recur: a client sends the
        same head again and again, and the Host, Origin and Connection headers, the method and
        the path decide these alone): (framing or Host refusal, handed to the server, close after,
        CORS headers)."""
        plan = self._plans.get(head)
        if plan is None:
            refused = head.problem or self.policy.host_refused(head)
            handed = head.method in ("GET", "HEAD") and (head.path in SERVER_ROUTES
                                                         or head.path.startswith(SERVER_PREFIXES))
            plan = (refused, handed, not head.keep_alive, self.policy.cors(head))
            if len(self._plans) >= 256:
                self._plans.clear()
            self._plans[head] = plan
        return plan

    def _handle(self, connection: _Connection, request: Request) -> None:
        refused, handed, close, cors = self._plan(request.head)
        if refused is not None:
            self._send(connection, error_response(refused.status, str(refused), close=True))
            self._close(connection)
            return
        if handed:
            self._close(connection, handed=request.raw)
            return
        try:
            answer = self._route(connection, request, cors, close)
        except _Refused as error:
            close = close or error.status in (411, 413)
            answer = error_response(error.status, str(error), cors, close=close)
        except HttpError as error:
            close = close or error.close
            answer = error_response(error.status, str(error), {**cors, **error.extra}, close=close)
        if answer is None:  # the worker must stop (its memory is in doubt); the answer went out
            self._close(connection)
            raise SystemExit(0)
        if self._send(connection, answer) and close:
            self._close(connection)
        self._take_waiting()

    def _route(self, connection: _Connection, request: Request, cors: dict, close: bool) -> bytes | None:
        method, path = request.method, request.path
        if method == "OPTIONS":
            return self.policy.preflight(request)
        if method in ("PUT", "DELETE", "PATCH"):
            raise HttpError(405, "method not allowed", extra={"Allow": "GET, POST, OPTIONS"})
        if method not in ("GET", "HEAD", "POST"):
            raise HttpError(501, f"unsupported method ({method!r})")
        params = self._form(request.query)
        if method == "POST":
            if path != "/sparql":
                raise _Refused(404, "not found; the endpoint is /sparql")
            text, params = self._posted(request, params)
            return self._query(connection, request, {"text": text}, params, cors, close)
        if path == "/sparql":
            if "update" in params:
                raise _Refused(400, "updates are not accepted: this endpoint is read-only")
            if "query" not in params:
                raise _Refused(400, "give the query in the 'query' parameter")
            return self._query(connection, request, {"text": _one(params, "query")}, params, cors, close)
        if path == "/catalogue":
            # an optional parameter has no default: unbound, the query ranges over every value
            listing = [{"name": e.name, "title": e.title, "description": e.description,
                        "parameters": {p.name: None if p.optional else p.default for p in e.parameters}}
                       for e in self.catalogue.values()]
            body = json.dumps(listing, ensure_ascii=False, indent=1).encode()
            return self._heads.response(200, body, "application/json", cors, close=close, head_only=method == "HEAD")
        if path.startswith("/catalogue/"):
            return self._catalogue(connection, request, path.removeprefix("/catalogue/"), params, cors, close)
        raise _Refused(404, "not found; the endpoint is /sparql, entity pages are under /id/")

    def _form(self, encoded: str | bytes) -> dict:
        """Form fields of a query string or body, kept per exact text: decoding 2.5 KB of
        percent-escapes costs 70-140 us, more than a point query."""
        key = encoded.encode("latin-1", "replace") if isinstance(encoded, str) else encoded
        found = self._fields.get(key)
        if found is None:
            if len(self._fields) >= 256:
                self._fields.clear()
            found = self._fields[key] = form_fields(key)
        return found  # shared: never changed (a POST form makes its own dict)

    def _posted(self, request: Request, params: dict) -> tuple[str, dict]:
        """The query text of a POST, and the parameters with the form's fields."""
        if "content-length" not in request.headers:
            raise _Refused(411, "a Content-Length is required")
        media = (request.header("content-type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise _Refused(400, "updates are not accepted: this endpoint is read-only")
        if media == "application/x-www-form-urlencoded":
            fields = self._form(request.body)
            params = {**params, **fields} if params else fields
            if "update" in params:
                raise _Refused(400, "updates are not accepted: this endpoint is read-only")
            if "query" not in params:
                raise _Refused(400, "give the query in the 'query' form field")
            return _one(params, "query"), params
        if media == "application/sparql-query":
            return request.body.decode("utf-8", errors="replace"), params
        raise _Refused(415, "send application/sparql-query or application/x-www-form-urlencoded")

    def _catalogue(self, connection, request, name: str, params: dict, cors: dict, close: bool) -> bytes | None:
        from graph.problems import QueryError
        from graph.sparql.catalogue import get

        try:
            entry = get(name, self.catalogue)
            bindings = entry.bindings({k: _one(params, k) for k in params if k not in ("format", "output")})
        except QueryError as error:
            raise _Refused(error.status, str(error)) from None
        query = {"text": entry.text, "bindings": bindings, "values_at": entry.values_at}
        return self._query(connection, request, query, params, cors, close)

    def _query(self, connection, request: Request, query: dict, params: dict, cors: dict, close: bool) -> bytes | None:
        """Answer one query: the row of the shared table says "evaluating" from before any work on
        it until the answer is made, and "writing" from then on (the server then leaves it be)."""
        # `$name=value` binds ?name, as in RDF4J's protocol (the query page sends parameters so).
        bound = {k[1:]: _one(params, k) for k in params if k.startswith("$")}
        query["bindings"] = {**(query.get("bindings") or {}), **bound} or None
        query["accept"] = request.header("accept")
        query["format"] = (params.get("format") or params.get("output") or [None])[0]
        query["default_graphs"] = params.get("default-graph-uri")
        query["named_graphs"] = params.get("named-graph-uri")
        self.slots.begin(self.index, connection.fd)
        self.current = connection.fd
        self.lock.release()  # the releasing thread may now hand the other connections on
        try:
            status, media, body, message = self.answerer.answer(query)
        finally:
            self.lock.acquire()
            self.current = None
        self.slots.set_state(self.index, WRITING)
        try:
            if status == 200:
                return self._heads.response(200, body, media, cors, close=close, head_only=request.method == "HEAD")
            extra = {**cors, "Retry-After": "1"} if status == 503 else cors
            answer = error_response(status, message, extra, close=close or status == 503)
            if status == 503:  # a MemoryError: answer, then let the server start a fresh worker
                self._send(connection, answer)
                return None
            return answer
        finally:
            self.slots.set_state(self.index, IDLE)


def _one(params: dict, name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise _Refused(400, f"give exactly one '{name}' parameter")
    return values[0]


def main() -> int:
    settings = json.loads(sys.argv[1])
    control = socket.socket(fileno=settings["control"])
    from graph.sparql.confine import ConfinementError, address_space, cap_memory, confine

    try:
        measures = confine()  # before any thread exists: seccomp covers only threads started after it
    except ConfinementError as error:
        control.send(b"R" + json.dumps({"ready": False, "message": str(error)}).encode())
        return 1
    from graph.rdf.store import StoredGraph
    from graph.sparql.catalogue import load_catalogue
    from graph.sparql.engines import Engine
    from graph.sparql.worker import Answerer, refuse_outside_files

    engine = Engine(StoredGraph(settings["store"], settings["base"]), settings["engine"])
    answerer = Answerer(engine, settings["max_rows"], settings["max_bytes"])
    catalogue = load_catalogue()
    answerer.answer({"text": "ASK { ?s ?p ?o }"})  # load the lazily imported parts now
    if settings.get("query_memory"):
        limit = address_space() + settings["query_memory"]
        cap_memory(limit)
        measures.append(f"address space {limit >> 20} MiB")
    refuse_outside_files()
    listener = socket.socket(fileno=settings["listener"])
    release = socket.socket(fileno=settings["release"])
    slots = Slots.attach(settings["slots"], settings["slot_count"])
    slots.clear(settings["slot"])
    policy = Policy(frozenset(settings["allowed_hosts"]), frozenset(settings["extra_hosts"]),
                    frozenset(settings["allowed_origins"]))
    worker = Worker(settings, answerer, catalogue, listener, control, release, slots, policy)
    control.send(b"R" + json.dumps({"ready": True, "measures": measures}).encode())
    try:
        worker.run()
    except SystemExit:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
