"""A query worker: one process that holds the store open and answers queries sent over a pipe.

    python -m graph.sparql.worker SETTINGS_JSON     (started by graph.sparql.pool, never by hand)

Before it opens anything it confines itself (graph.sparql.confine: no network, by the kernel); once
the store is open it caps its own address space at its size plus the per-query allowance, and only
then says it is ready. Then, for each request read from standard input, it does ALL the work on the
query - the safety check, finding the query form, negotiating the format, evaluating, serialising -
and writes one reply to standard output. The process that sent the query does none of that work;
it only waits, for at most the time limit, and kills this process if the limit passes.

Framing (both ways): 8 bytes `!II` (header length, body length), a JSON header, the body bytes.
JSON, not pickle, for the replies: the server never unpickles what a query's process wrote.
"""

from __future__ import annotations

import json
import os
import struct
import sys

FRAME = struct.Struct("!II")


def write_frame(fd: int, header: dict, body: bytes = b"") -> None:
    head = json.dumps(header).encode()
    view = memoryview(FRAME.pack(len(head), len(body)) + head + body)
    while view:
        view = view[os.write(fd, view):]


class FrameReader:
    """Reads frames from a pipe with as few system calls as it can (one read per frame, usually)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = b""

    def read(self, wait=None) -> tuple[dict, bytes]:
        """The next frame. `wait(fd)` is called before each read that would block (for a deadline);
        EOFError at the end of the pipe."""
        while True:
            if len(self.buffer) >= FRAME.size:
                head_size, body_size = FRAME.unpack_from(self.buffer)
                end = FRAME.size + head_size + body_size
                if len(self.buffer) >= end:
                    frame, self.buffer = self.buffer[:end], self.buffer[end:]
                    header = json.loads(frame[FRAME.size:FRAME.size + head_size])
                    return header, frame[FRAME.size + head_size:]
            if wait is not None:
                wait(self.fd)
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise EOFError
            self.buffer += chunk


def _refuse_outside_files() -> None:
    """Python-level second line: no file opened outside the Python installation and this package
    (rdflib would read `FROM <file:...>`); the store's own files were opened already."""
    from graph.vocabulary import ontology_dir

    package = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))  # the folder holding graph/
    allowed = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                                           package, ontology_dir())})

    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request", "subprocess.Popen",
                     "os.system", "os.exec", "os.posix_spawn"):
            raise PermissionError("no outside access while answering a query")
        if event == "open" and isinstance(args[0], str | bytes):
            if not os.path.realpath(os.fsdecode(args[0])).startswith(allowed):
                raise PermissionError("no file access while answering a query")

    sys.addaudithook(hook)


class Answerer:
    """Everything a worker does with one request, given an Engine over the open store."""

    def __init__(self, engine, settings: dict):
        self.engine = engine
        self.max_rows = settings.get("max_rows")
        self.max_bytes = settings["max_bytes"]

    def answer(self, request: dict) -> tuple[dict, bytes]:
        from graph.problems import QueryError
        from graph.sparql.negotiation import negotiate
        from graph.sparql.results import MEDIA_TYPES

        try:
            text = request["text"]
            analysis = self.engine.analyse(text)  # kept per text by the engine
            fmt = request.get("format")
            if request.get("strict_format"):
                fmt = _command_format(analysis, fmt)
            else:
                fmt = negotiate(analysis.kind, request.get("accept"), fmt)
            result = self.engine.run(text, request.get("bindings"), timeout=None, analysis=analysis,
                                     values_at=request.get("values_at"),
                                     max_rows=request.get("max_rows", self.max_rows),
                                     default_graphs=request.get("default_graphs"),
                                     named_graphs=request.get("named_graphs"))
            body = result.serialise(fmt, self.engine.prefixes)
            if len(body) > self.max_bytes:
                raise QueryError("too-large", f"the result is larger than {self.max_bytes} bytes; add a LIMIT")
            return ({"status": 200, "type": MEDIA_TYPES[(result.kind, fmt)], "form": result.form,
                     "boolean": result.boolean, "seconds": result.seconds}, body)
        except QueryError as error:
            return {"status": error.status, "kind": error.kind, "message": str(error)}, b""
        except MemoryError:
            return {"status": 503, "kind": "memory", "message": "the query needed more memory than a query "
                    "may use", "exit": True}, b""
        except RecursionError:
            return {"status": 400, "kind": "too-large", "message": "the query is nested too deeply"}, b""
        except Exception:  # noqa: BLE001 - never show internals; the worker goes on
            return {"status": 500, "kind": "failed", "message": "the query could not be evaluated"}, b""


def _command_format(analysis, fmt: str) -> str:
    from graph.problems import QueryError
    from graph.sparql.results import GRAPH_FORMATS, RESULT_FORMATS

    if analysis.kind == "graph" and fmt in RESULT_FORMATS:
        fmt = "ttl" if fmt == "table" else fmt
    if analysis.kind == "graph" and fmt not in GRAPH_FORMATS:
        raise QueryError("bad-request", f"{analysis.form} gives a graph: choose --format ttl, jsonld or nt")
    if analysis.kind == "results" and fmt not in RESULT_FORMATS:
        raise QueryError("bad-request", f"{analysis.form} gives results: choose --format table, csv, tsv, "
                                        "json or xml")
    return fmt


def main() -> int:
    settings = json.loads(sys.argv[1])
    replies = sys.stdout.fileno()
    requests = sys.stdin.fileno()
    from graph.sparql.confine import ConfinementError, address_space, cap_memory, confine

    try:
        measures = confine()  # before any thread exists: seccomp covers only threads started after it
    except ConfinementError as error:
        write_frame(replies, {"ready": False, "message": str(error)})
        return 1
    from graph.rdf.store import StoredGraph
    from graph.sparql.engines import Engine

    engine = Engine(StoredGraph(settings["store"], settings["base"]), settings["engine"])
    answerer = Answerer(engine, settings)
    answerer.answer({"text": "ASK { ?s ?p ?o }"})  # load the lazily imported parts now
    if settings.get("query_memory"):
        limit = address_space() + settings["query_memory"]
        cap_memory(limit)
        measures.append(f"address space {limit >> 20} MiB")
    _refuse_outside_files()
    write_frame(replies, {"ready": True, "measures": measures, "pid": os.getpid()})
    reader = FrameReader(requests)
    while True:
        try:
            request, _ = reader.read()
        except EOFError:
            return 0
        header, body = answerer.answer(request)
        write_frame(replies, header, body)
        if header.get("exit"):
            return 0


if __name__ == "__main__":
    sys.exit(main())
