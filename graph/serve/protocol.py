"""HTTP/1.1 requests and responses for the endpoint: reading a request from bytes, with every framing
check, and writing a response.

    >>> request, used = take_request(buffer, max_body=64 * 1024)   # None while the request is incomplete
    >>> sock.sendall(response(200, body, "application/json", close=not request.keep_alive))

Hand-written, for a measured reason: the query workers (graph.serve.worker) answer a point query
in well under a millisecond, and `http.server.BaseHTTPRequestHandler` spends 23-30 us per request
reading the request line and headers (email.parser), plus its rfile/wfile layers and a thread per
connection, against 1-2 us here (one-process measurement on the 2-core machine; a request of
2.6 KB). It reads only what the endpoint accepts, and refuses the rest (RFC 9112):

- a request line `METHOD SP target SP HTTP/1.x`, header lines ended by CRLF (a bare CR, a line
  folded onto the next (obs-fold), white space before the colon or a header name that is not a
  token is 400: each is a way two parsers read one request differently);
- a body only by Content-Length: a Transfer-Encoding (with or without a Content-Length: the
  request smuggling pattern), two Content-Lengths or one that is not digits is 400 and the
  connection is closed; a body over the cap is 413 before it is read;
- at most 64 KiB of request line and headers (431), HTTP/1.0 and 1.1 only (505).
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import unquote_to_bytes, urlsplit

SERVER_NAME = "policing-kg"
MAX_HEAD = 64 * 1024
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_REQUEST_LINE = re.compile(rb"([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP/(\d)\.(\d)")
# Entity IRIs dereference here: /id/force/kent answers <base>force/kent (HTML or RDF by Accept).
ENTITY_PATHS = ("/id/", "/policing-kg/id/")
# Routes that evaluate queries: cross-origin reads of these are off unless origins are allowed.
QUERY_PATHS = ("/sparql", "/catalogue/")


class HttpError(Exception):
    """A request answered with an error: `status`, the message, and whether to close afterwards."""

    def __init__(self, status: int, message: str, close: bool = False, extra: dict | None = None):
        super().__init__(message)
        self.status, self.close, self.extra = status, close, extra or {}


class Head:
    """A request's line and headers, read once: what the request asks for and how it is framed.
    Immutable once made; a RequestReader keeps it per exact head bytes."""

    __slots__ = ("method", "target", "version", "headers", "path", "query", "length", "problem", "keep_alive")

    def __init__(self, method: str, target: str, version: tuple[int, int], headers: dict[str, list[str]],
                 length: int, problem: HttpError | None):
        self.method, self.target, self.version, self.headers = method, target, version, headers
        split = urlsplit(target)
        self.path, self.query = split.path, split.query
        self.length = length  # of the body (Content-Length)
        self.problem = problem  # framing refused: answer it, then close
        tokens = {t.strip().lower() for v in headers.get("connection", ()) for t in v.split(",")}
        self.keep_alive = "close" not in tokens if version >= (1, 1) else "keep-alive" in tokens

    def header(self, name: str) -> str | None:
        values = self.headers.get(name)
        return values[0] if values else None


class Request:
    """One request: its head (shared by identical requests), its body and its bytes as they came
    (a worker hands them on with the connection)."""

    __slots__ = ("head", "body", "raw")

    def __init__(self, head: Head, body: bytes = b"", raw: bytes = b""):
        self.head, self.body, self.raw = head, body, raw

    method = property(lambda self: self.head.method)
    target = property(lambda self: self.head.target)
    version = property(lambda self: self.head.version)
    headers = property(lambda self: self.head.headers)  # lower-case names
    path = property(lambda self: self.head.path)
    query = property(lambda self: self.head.query)
    problem = property(lambda self: self.head.problem)
    keep_alive = property(lambda self: self.head.keep_alive)

    def header(self, name: str) -> str | None:
        return self.head.header(name)


def take_request(buffer: bytes | bytearray, max_body: int) -> tuple[Request | None, int]:
    """The first complete request in `buffer` and how many bytes it used; (None, 0) while it is
    incomplete. A request whose framing is refused comes back at once with `problem` set (the
    caller answers it and closes the connection, reading nothing more). HttpError for a request
    that cannot be read at all."""
    return RequestReader(max_body, keep=0).take(buffer)


class RequestReader:
    """take_request for one connection loop, keeping the Head read for each exact head (up to
    `keep` of them): a client sends the same head again and again (a keep-alive client asking
    the same kind of query), and reading one costs 6-9 us of a point query's 100 (one process,
    2-core machine), finding it again 0.3 us."""

    def __init__(self, max_body: int, keep: int = 256):
        self.max_body, self.keep = max_body, keep
        self._heads: dict[bytes, Head] = {}

    def take(self, buffer: bytes | bytearray) -> tuple[Request | None, int]:
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(buffer) > MAX_HEAD:
                raise HttpError(431, "the request line and headers are larger than 64 KiB", close=True)
            return None, 0
        if end > MAX_HEAD:
            raise HttpError(431, "the request line and headers are larger than 64 KiB", close=True)
        key = bytes(memoryview(buffer)[:end])
        head = self._heads.get(key)
        if head is None:
            head = read_head(key, self.max_body)
            if self.keep:
                if len(self._heads) >= self.keep:
                    self._heads.clear()
                self._heads[key] = head
        if head.problem is not None:
            return Request(head), len(buffer)
        start = end + 4
        stop = start + head.length
        if len(buffer) < stop:
            return None, 0
        raw = bytes(memoryview(buffer)[:stop])
        return Request(head, raw[start:], raw), stop


def read_head(head: bytes, max_body: int) -> Head:
    """The Head of a request from its bytes up to the blank line (RFC 9112, as the module says)."""
    lines = head.split(b"\r\n")
    matched = _REQUEST_LINE.fullmatch(lines[0])
    if matched is None:
        raise HttpError(400, "bad request line", close=True)
    method, target, major, minor = matched.groups()
    version = (int(major), int(minor))
    if version not in ((1, 0), (1, 1)):
        raise HttpError(505, "only HTTP/1.0 and HTTP/1.1 are spoken here", close=True)
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN.fullmatch(name) or b"\r" in line or b"\n" in line:
            raise HttpError(400, "malformed header line", close=True)
        headers.setdefault(name.decode("ascii").lower(), []).append(value.strip(b" \t").decode("latin-1"))
    lengths = headers.get("content-length", [])
    problem = None
    if "transfer-encoding" in headers:
        problem = ("both Content-Length and Transfer-Encoding given; refused" if lengths
                   else "Transfer-Encoding is not accepted; send the body with a Content-Length")
    elif len(lengths) > 1:
        problem = "more than one Content-Length"
    elif lengths and not (lengths[0].isascii() and lengths[0].isdigit()):
        problem = "the Content-Length is not a number"
    refused = HttpError(400, problem, close=True) if problem else None
    length = int(lengths[0]) if lengths and not problem else 0
    if refused is None and length > max_body:
        refused = HttpError(413, f"the request is larger than {max_body} bytes", close=True)
    return Head(method.decode("ascii"), target.decode("latin-1"), version, headers, length, refused)


def form_fields(encoded: str | bytes) -> dict[str, list[str]]:
    """application/x-www-form-urlencoded fields (a query string or a form body), as parse_qs gives
    them with keep_blank_values, decoding invalid UTF-8 with replacement characters."""
    if isinstance(encoded, str):
        encoded = encoded.encode("latin-1", "replace") if encoded.isascii() else encoded.encode("utf-8")
    fields: dict[str, list[str]] = {}
    for part in encoded.split(b"&"):
        if not part:
            continue
        name, _, value = part.partition(b"=")
        fields.setdefault(_unquote(name), []).append(_unquote(value))
    return fields


def _unquote(text: bytes) -> str:
    return unquote_to_bytes(text.replace(b"+", b" ")).decode("utf-8", "replace")


def response(status: int, body: bytes, content_type: str, extra: dict | None = None, *, close: bool = False,
             head_only: bool = False) -> bytes:
    """The bytes of a response: status line, the endpoint's headers, `extra`, then the body."""
    before, after = _head_parts(status, content_type, extra, close)
    return b"%s%d%s%s" % (before, len(body), after, b"" if head_only else body)


def _head_parts(status: int, content_type: str, extra: dict | None, close: bool) -> tuple[bytes, bytes]:
    """A response head in two parts, before and after the Content-Length's value."""
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
    before = (f"HTTP/1.1 {status} {phrase}\r\nServer: {SERVER_NAME}\r\nContent-Type: {content_type}\r\n"
              f"Content-Length: ")
    headers = {"Vary": "Accept", **(extra or {})}
    if "Access-Control-Allow-Origin" in headers:
        headers["Access-Control-Expose-Headers"] = "Content-Type"
    if close:
        headers["Connection"] = "close"
    after = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return before.encode("latin-1"), f"\r\nX-Content-Type-Options: nosniff\r\n{after}\r\n".encode("latin-1")


class ResponseHeads:
    """response() for one connection loop, keeping each head made (up to `keep` of them): the
    answers of a server differ in a few ways only, and making a head costs 2.4 us, filling in a
    kept one 0.3 us (one process, 2-core machine)."""

    def __init__(self, keep: int = 64):
        self.keep = keep
        self._parts: dict[tuple, tuple[bytes, bytes]] = {}

    def response(self, status: int, body: bytes, content_type: str, extra: dict | None = None, *,
                 close: bool = False, head_only: bool = False) -> bytes:
        key = (status, content_type, tuple(extra.items()) if extra else (), close)
        parts = self._parts.get(key)
        if parts is None:
            parts = _head_parts(status, content_type, extra, close)
            if len(self._parts) >= self.keep:
                self._parts.clear()
            self._parts[key] = parts
        return b"%s%d%s%s" % (parts[0], len(body), parts[1], b"" if head_only else body)


def error_response(status: int, message: str, extra: dict | None = None, *, close: bool = False) -> bytes:
    """An error as every error of the endpoint looks: `Error NNN: message`, plain text, no internals."""
    return response(status, f"Error {status}: {message}\n".encode(), "text/plain; charset=utf-8", extra, close=close)


@dataclass(frozen=True)
class Policy:
    """What the endpoint accepts besides framing: the Host header (DNS rebinding) and which origins
    may read query answers (CORS)."""

    allowed_hosts: frozenset[str]  # host:port names of the bound address
    extra_hosts: frozenset[str]  # --allow-host names ("*" for any)
    allowed_origins: frozenset[str]  # --allow-origin ("*" for any)

    @classmethod
    def for_address(cls, bound: str, port: int, allowed_hosts=(), allowed_origins=()) -> Policy:
        names = {bound, "localhost", "127.0.0.1", "[::1]"} if bound in ("127.0.0.1", "::1") else {bound}
        return cls(frozenset(f"{name}:{port}" for name in names), frozenset(h.lower() for h in allowed_hosts),
                   frozenset(allowed_origins))

    def host_refused(self, request: Request) -> HttpError | None:
        """The Host header must name this server (a page on another site that resolves its own name
        to 127.0.0.1 - DNS rebinding - is refused)."""
        host = (request.header("host") or "").strip().lower()
        if "*" in self.extra_hosts or host in self.allowed_hosts:
            return None
        if host in self.extra_hosts or host.rsplit(":", 1)[0] in self.extra_hosts:
            return None
        return HttpError(421 if host else 400,
                         f"this server answers to {', '.join(sorted(self.allowed_hosts))}, not to Host "
                         f"{host or '(none)'!r}; start it with --allow-host to add names", close=True)

    def cors(self, request: Request) -> dict:
        if not request.path.startswith(QUERY_PATHS):
            return {"Access-Control-Allow-Origin": "*"}  # pages and the catalogue listing: public data
        if "*" in self.allowed_origins:
            return {"Access-Control-Allow-Origin": "*"}
        origin = request.header("origin")
        if origin and origin in self.allowed_origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Accept, Origin"}
        return {}

    def preflight(self, request: Request) -> bytes:
        """The answer to OPTIONS (a CORS preflight): the methods and headers only where CORS is on."""
        cors = self.cors(request)
        extra = {**cors, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                 "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"} \
            if cors else {}
        return response(204, b"", "text/plain", extra, close=not request.keep_alive)


def close_connection(sock) -> None:
    """Close a client connection so that the client sees its end even where another process holds
    a copy of it (the server holds one of every worker's connections)."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


TOO_MANY_CONNECTIONS = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\n"
                        b"Connection: close\r\nContent-Length: 39\r\n\r\nError 503: too many open connections\r\n")
