"""What a query worker does with one query: every piece of work, from the text as it came to the
bytes of the answer.

    >>> answerer = Answerer(Engine(StoredGraph(store_dir, base)), max_rows=10_000, max_bytes=32 << 20)
    >>> status, media_type, body, message = answerer.answer({"text": "SELECT ...", "accept": "text/csv"})

The endpoint's worker processes (graph.serve.worker) call it after they have cut themselves off the
network (graph.sparql.confine) and capped their memory: the safety check (graph.sparql.safety),
finding the query form, negotiating the format, evaluating and serialising all happen here, in the
confined process, and never in the process that only speaks HTTP to clients. `refuse_outside_files`
is the Python-level second line those processes add.
"""

from __future__ import annotations

import os
import sys

from graph.problems import QueryError
from graph.sparql.negotiation import negotiate
from graph.sparql.results import MEDIA_TYPES


def refuse_outside_files() -> None:
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

    def __init__(self, engine, max_rows: int | None, max_bytes: int):
        self.engine = engine
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self._formats: dict[tuple, str] = {}  # (kind, Accept, format parameter) -> format

    def _format(self, kind: str, accept: str | None, requested: str | None) -> str:
        key = (kind, accept, requested)
        found = self._formats.get(key)
        if found is None:
            found = negotiate(kind, accept, requested)  # QueryError (406) is not kept
            if len(self._formats) >= 256:
                self._formats.clear()
            self._formats[key] = found
        return found

    def answer(self, request: dict) -> tuple[int, str, bytes, str]:
        """(status, media type, body, message) for one request: `text`, and optionally `bindings`,
        `values_at`, `accept`, `format`, `default_graphs`, `named_graphs`. The message is the error's,
        for a status other than 200; 503 "memory" means the worker must not go on."""
        try:
            text = request["text"]
            analysis = self.engine.analyse(text)  # kept per text by the engine
            fmt = self._format(analysis.kind, request.get("accept"), request.get("format"))
            body = self.engine.serialised(text, fmt, request.get("bindings"), analysis=analysis,
                                          values_at=request.get("values_at"), max_rows=self.max_rows,
                                          max_bytes=self.max_bytes, default_graphs=request.get("default_graphs"),
                                          named_graphs=request.get("named_graphs"))
            return 200, MEDIA_TYPES[(analysis.kind, fmt)], body, ""
        except QueryError as error:
            return error.status, "", b"", str(error)
        except MemoryError:
            return 503, "", b"", "the query needed more memory than a query may use"
        except RecursionError:
            return 400, "", b"", "the query is nested too deeply"
        except Exception:  # noqa: BLE001 - never show internals; the worker goes on
            return 500, "", b"", "the query could not be evaluated"
