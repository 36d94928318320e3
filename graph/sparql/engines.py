"""The two stores that answer SPARQL, and the engine that checks, evaluates and limits each query.

    >>> import graph
    >>> from graph.sparql.engines import query
    >>> kg = graph.load("data")
    >>> rows = query(kg, "SELECT ?unit WHERE { ?unit org:unitOf force:kent }")   # a list of dicts
    >>> pandas.DataFrame(rows)

Two stores answer queries: pyoxigraph (the default: an order of magnitude faster) and rdflib.
Every query is first checked (graph.sparql.safety). With a `timeout`, the query runs in a forked
child process (which inherits the in-memory store) and the child is killed when time is up: a
Python thread cannot be stopped, a process can. `graph.query` also takes a data folder; that
form lives in graph.pipeline, which may open the persistent store.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import pickle
import re
import select
import signal
import sys
import time
from pathlib import Path

from graph.problems import QueryError
from graph.sparql.results import Result, Term, _from_ox, _from_rdflib, _to_ox, _to_rdflib, parse_term
from graph.sparql.safety import Analysis, analyse, default_prefixes

STORES = ("oxigraph", "rdflib")
_NATIVE_FORMATS = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV"}


def _bind_with_values(text: str, bindings: dict[str, Term], values_at: int | None) -> tuple[str, dict[str, Term]]:
    """Bind variables with a VALUES block inserted at `values_at`, the start of the query's WHERE
    group (graph.sparql.catalogue finds it in its own files; for other texts it is None and
    everything is bound as substitutions).

    Oxigraph applies `substitutions` after evaluating the whole pattern, so a catalogue query
    bound to one force first computes the answer for every force (24 s instead of 15 ms on 100k
    triples). A VALUES block at the start of the group is joined first instead. What goes into it
    is no user text but the canonical N-Triples form of a term that Oxigraph itself has built and
    validated (an IRI that cannot contain `>` or spaces, a literal with its quotes escaped), so
    the user's value stays a value. Blank nodes, which VALUES cannot hold, are returned to be
    bound as substitutions.
    """
    inline = {name: term for name, term in bindings.items() if term[0] != "bnode"}
    if not inline or values_at is None:
        return text, bindings
    names = sorted(inline)
    row = " ".join(str(_to_ox(inline[name])) for name in names)
    block = f" VALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }} "
    rest = {name: term for name, term in bindings.items() if name not in inline}
    return text[:values_at] + block + text[values_at:], rest


class _OxigraphStore:
    def __init__(self, kg):
        self.store = kg.store()

    def answer(self, text, prefixes, bindings, dataset, values_at=None):
        """Oxigraph's own (lazy) answer: QuerySolutions, QueryBoolean or QueryTriples."""
        import pyoxigraph as ox

        # The store's default graph is the union of the named graphs, each triple once
        # (graph.rdf.store.fill_store): no `use_default_graph_as_union`, which counts a triple
        # once per graph that holds it.
        options = {"prefixes": prefixes} if prefixes else {}
        if dataset is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in dataset[0]]
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset[1]]
        if bindings:
            text, rest = _bind_with_values(text, bindings, values_at)
            if rest:
                options["substitutions"] = {ox.Variable(k): _to_ox(v) for k, v in rest.items()}
        with _oxigraph_errors(bindings):
            return self.store.query(text, **options)

    def evaluate(self, text, analysis: Analysis, prefixes, bindings, dataset, max_rows, values_at=None) -> Result:
        import pyoxigraph as ox

        answer = self.answer(text, prefixes, bindings, dataset, values_at)
        with _oxigraph_errors(bindings):
            if isinstance(answer, ox.QueryBoolean):
                return Result("ASK", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples = []
                for triple in answer:
                    triples.append((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
                    _check_size(len(triples), max_rows, "triples")
                return Result(analysis.form, triples=triples)
            variables = [v.value for v in answer.variables]
            rows = []
            for solution in answer:
                rows.append(tuple(_from_ox(solution[v]) for v in variables))
                _check_size(len(rows), max_rows, "rows")
            return Result("SELECT", variables=variables, rows=rows)


class _oxigraph_errors:  # noqa: N801 - used as a `with` block
    """Oxigraph's errors as QueryError, raised when the query is read and while it is evaluated
    (lazily, as its answer is iterated or serialised); a memory cap reached is let through for the
    caller to report as such."""

    def __init__(self, bindings):
        self.bindings = bindings

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None or isinstance(error, QueryError | MemoryError):
            return False
        if isinstance(error, RuntimeError) and "projection" in str(error) and self.bindings:
            raise QueryError("bad-request", "a bound variable must appear in the SELECT clause") from None
        if isinstance(error, Exception):  # never show internals
            raise QueryError("failed", "the query could not be evaluated") from None
        return False


class _ResultOutput:
    """Where Oxigraph writes a serialised SELECT or ASK answer (it writes 8 KiB at a time): stops
    it past `max_bytes`, and past `max_rows` rows as soon as the bytes written show that many, so a
    query over everything is refused after its first rows, not after all of them.

    Rows are counted exactly where the format allows it while writing: XML writes `<result>` once
    per row (text escapes `<`), TSV one line per row (text escapes line breaks), JSON `{"type":"`
    once per term (text escapes `"`; a quoted triple adds three more terms, counted by its own
    `"type":"triple"`), so rows >= terms / variables. CSV, and JSON with unbound values, are
    counted exactly at the end (`rows()`), read back, and only when larger than `max_rows` bytes."""

    _MARKS = {"xml": (b"<result>",), "tsv": (b"\n",), "json": (b'{"type":"', b'"type":"triple"')}

    def __init__(self, fmt: str, width: int, max_rows: int | None, max_bytes: int | None):
        self.fmt, self.width = fmt, max(width, 1)
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.parts: list[bytes] = []
        self.size = 0
        self.marks = self._MARKS.get(fmt, ()) if max_rows is not None else ()
        self.counts = [0] * len(self.marks)
        self.tails = [b""] * len(self.marks)

    def write(self, data: bytes) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise QueryError("too-large", f"the result is larger than {self.max_bytes} bytes; add a LIMIT")
        self.parts.append(data)
        if self.marks:
            for i, mark in enumerate(self.marks):
                window = self.tails[i] + data  # a mark split between two writes is counted once
                self.counts[i] += window.count(mark)
                self.tails[i] = window[len(window) - len(mark) + 1:] if len(mark) > 1 else b""
            _check_size(self._rows_at_least(), self.max_rows, "rows")
        return len(data)

    def flush(self) -> None:
        pass

    def _rows_at_least(self) -> int:
        if self.fmt == "xml":
            return self.counts[0]
        if self.fmt == "tsv":
            return self.counts[0] - 1  # the header line
        return -(-(self.counts[0] - 3 * self.counts[1]) // self.width)  # json: terms / variables, rounded up

    def body(self) -> bytes:
        return b"".join(self.parts)

    def rows(self, body: bytes) -> int:
        """The exact number of rows of the whole answer."""
        if self.fmt in ("xml", "tsv"):
            return self._rows_at_least()
        if self.fmt == "json":
            return len(json.loads(body)["results"]["bindings"])
        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1


class _EndpointStore:
    """Evaluates queries at a remote SPARQL endpoint (graph.sparql.remote), over the protocol."""

    def __init__(self, kg):  # a graph.sparql.remote.RemoteGraph
        self.kg = kg
        self.timeout = kg.timeout

    def evaluate(self, text, analysis: Analysis, prefixes, bindings, dataset, max_rows, values_at=None) -> Result:
        from graph.sparql.remote import request, term

        if bindings:
            text, rest = _bind_with_values(text, bindings, values_at)
            if any(value[0] == "bnode" for value in rest.values()):
                raise QueryError("bad-request", "a remote endpoint cannot bind a blank node")
            if rest:  # a trailing VALUES block: the protocol has no substitutions
                names = sorted(rest)
                row = " ".join(str(_to_ox(rest[name])) for name in names)
                text = f"{text}\nVALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }}\n"
        query = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(prefixes.items())) + text
        if analysis.kind == "graph":
            import pyoxigraph as ox

            triples = []
            for triple in ox.parse(request(self.kg.url, query, "nt", self.timeout, dataset),
                                   format=ox.RdfFormat.N_TRIPLES):
                triples.append((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
                _check_size(len(triples), max_rows, "triples")
            return Result(analysis.form, triples=triples)
        answer = request(self.kg.url, query, "json", self.timeout, dataset)
        if "boolean" in answer:
            return Result("ASK", boolean=bool(answer["boolean"]))
        variables = list(answer["head"]["vars"])
        rows = []
        for binding in answer["results"]["bindings"]:
            rows.append(tuple(term(binding.get(v)) for v in variables))
            _check_size(len(rows), max_rows, "rows")
        return Result("SELECT", variables=variables, rows=rows)


class _RdflibStore:
    def __init__(self, kg):
        import pyoxigraph as ox
        import rdflib
        import rdflib.plugins.sparql

        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> would otherwise fetch the url
        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(data=ox.serialize(kg.quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"),
                           format="nquads")
        # rdflib looks these up lazily; import them now so a forked child has them all.
        import rdflib.plugins.sparql.evaluate  # noqa: F401
        import rdflib.plugins.sparql.parser  # noqa: F401
        self.dataset.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")

    def _view(self, dataset):
        """A Dataset holding only the chosen graphs (for protocol default-graph-uri / named-graph-uri)."""
        import rdflib

        view = rdflib.Dataset(default_union=False)
        for name in dataset[0]:
            for triple in self.dataset.graph(rdflib.URIRef(name)):
                view.default_graph.add(triple)
        for name in dataset[1]:
            target = view.graph(rdflib.URIRef(name))
            for triple in self.dataset.graph(rdflib.URIRef(name)):
                target.add(triple)
        return view

    def evaluate(self, text, analysis: Analysis, prefixes, bindings, dataset, max_rows, values_at=None) -> Result:
        import rdflib

        target = self.dataset if dataset is None else self._view(dataset)
        try:
            answer = target.query(text, initNs={p: rdflib.Namespace(ns) for p, ns in prefixes.items()},
                                  initBindings={k: _to_rdflib(v) for k, v in (bindings or {}).items()})
            if answer.type == "ASK":
                return Result("ASK", boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                triples = []
                for triple in answer.graph:
                    triples.append(tuple(_from_rdflib(t) for t in triple))
                    _check_size(len(triples), max_rows, "triples")
                return Result(analysis.form, triples=triples)
            variables = [str(v) for v in answer.vars]
            rows = []
            for solution in answer:
                rows.append(tuple(_from_rdflib(t) for t in solution))
                _check_size(len(rows), max_rows, "rows")
            return Result("SELECT", variables=variables, rows=rows)
        except (QueryError, MemoryError):  # a memory cap reached is the caller's to report as such
            raise
        except Exception:  # noqa: BLE001 - never show internals
            raise QueryError("failed", "the query could not be evaluated") from None


def _check_size(count: int, limit: int | None, what: str) -> None:
    if limit is not None and count > limit:
        raise QueryError("too-large", f"the result has more than {limit} {what}; add a LIMIT or narrow the query")


# ---------------------------------------------------------------------------------------------
# The engine: check, evaluate (in a forked child when there is a time limit), answer


class Engine:
    """Answers SPARQL queries over one KnowledgeGraph with one store.

    timeout (seconds) and max_rows are the defaults for `run`; None means no limit. The store is
    built once, up front, so forked children inherit it instead of building it again."""

    def __init__(self, kg, store: str = "oxigraph", timeout: float | None = None, max_rows: int | None = None,
                 max_bytes: int = 64 * 1024 * 1024, query_memory: int | None = 1 << 30):
        if store not in (*STORES, "endpoint"):
            raise ValueError(f"unknown store {store!r}; choose from {', '.join(STORES)}")
        self.kg = kg
        self.store_name = store
        self.prefixes = default_prefixes(kg)
        self.graphs = kg.graph_names()
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.query_memory = query_memory
        self._analyses: dict[str, Analysis] = {}
        self._positions: dict[tuple, int | None] = {}
        if store == "endpoint":  # a remote SPARQL endpoint: kg is a graph.sparql.remote.RemoteGraph
            self._store = _EndpointStore(kg)
        else:
            self._store = _OxigraphStore(kg) if store == "oxigraph" else _RdflibStore(kg)

    def analyse(self, text: str) -> Analysis:
        """The checked analysis of `text` (graph.sparql.safety). Kept per text: reading a query with
        rdflib's parser takes 50 ms to 1 s, and the same texts (the catalogue's, a page's) recur."""
        found = self._analyses.get(text)
        if found is None:
            found = analyse(text, self.prefixes, self.graphs)
            if len(self._analyses) >= 256:
                self._analyses.pop(next(iter(self._analyses)))
            self._analyses[text] = found
        return found

    def _values_position(self, text: str, terms: dict) -> int | None:
        """Where the WHERE group of a checked `text` opens, verified: the text with the VALUES block
        there must parse with that block as the group's first part. None if not (then the values are
        bound as substitutions)."""
        from graph.sparql.safety import _parse

        found = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE) or re.search(r"\{", text)
        if found is None:
            return None
        candidate, _ = _bind_with_values(text, terms, found.end())
        try:
            body = _parse(candidate)[1]
            first = body["where"]["part"][0]
        except (QueryError, KeyError, IndexError, TypeError):
            return None
        return found.end() if getattr(first, "name", None) == "InlineData" else None

    def _request(self, bindings, default_graphs, named_graphs) -> tuple[dict, tuple | None]:
        """The bound terms and the protocol dataset of a request, checked."""
        if not bindings and default_graphs is None and named_graphs is None:
            return {}, None
        terms = {name.lstrip("?$"): value if isinstance(value, tuple) else parse_term(str(value), self.prefixes)
                 for name, value in (bindings or {}).items()}
        for name in terms:
            if not re.fullmatch(r"\w+", name):
                raise QueryError("bad-request", f"not a variable name: {name!r}")
        dataset = None
        if default_graphs is not None or named_graphs is not None:
            for name in [*(default_graphs or []), *(named_graphs or [])]:
                if name not in self.graphs:
                    raise QueryError("refused", "only graphs of this dataset may be named; "
                                     + ", ".join(f"<{g}>" for g in sorted(self.graphs)))
            dataset = (list(default_graphs or []), list(named_graphs or []))
        return terms, dataset

    def _prepared(self, text: str, analysis: Analysis | None, terms: dict, dataset, values_at: int | None):
        """The checked analysis, where to bind the values, and the prefixes to give the engine."""
        checked = analysis or self.analyse(text)
        if dataset is not None and checked.has_dataset:
            raise QueryError("bad-request", "give the dataset either in the query (FROM) or as parameters, "
                                            "not both")
        at = values_at if checked.text == text else None
        if terms and at is None:
            key = (checked.text, tuple(sorted(terms)))
            if key not in self._positions:
                if len(self._positions) >= 256:
                    self._positions.clear()
                self._positions[key] = self._values_position(checked.text, terms)
            at = self._positions[key]
        # Only the bound prefixes the query uses without declaring them: Oxigraph reads every prefix
        # it is given on every query (44 of them cost 20-60 us, as much as a point query itself).
        prefixes = {p: self.prefixes[p] for p in checked.prefixes_used if p in self.prefixes}
        return checked, at, prefixes

    def run(self, text: str, bindings: dict[str, object] | None = None, *, timeout: float | None = ...,
            max_rows: int | None = ..., default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None, analysis: Analysis | None = None,
            values_at: int | None = None) -> Result:
        """Check and evaluate one query. `bindings` maps variable names to terms (see parse_term) or
        plain strings (parsed with parse_term); `values_at` is where a catalogue query's WHERE group
        opens (CatalogueQuery.values_at), to bind them there. Raises QueryError.

        With a `timeout` the query is checked and evaluated in a forked child that cannot open a
        connection (graph.sparql.confine) and is killed at the limit."""
        timeout = self.timeout if timeout is ... else timeout
        max_rows = self.max_rows if max_rows is ... else max_rows
        terms, dataset = self._request(bindings, default_graphs, named_graphs)

        def work():
            checked, at, prefixes = self._prepared(text, analysis, terms, dataset, values_at)
            if self.store_name != "oxigraph":
                return self._store.evaluate(checked.text, checked, self.prefixes, terms, dataset, max_rows, at)
            lean, at = checked.lean(at)
            return self._store.evaluate(lean, checked, prefixes, terms, dataset, max_rows, at)

        started = time.perf_counter()
        if self.store_name == "endpoint":  # the endpoint keeps the time; a confined child may not connect
            self._store.timeout = timeout
            result = work()
        else:
            result = work() if timeout is None else run_confined(work, timeout, self.max_bytes, self.query_memory)
        result.seconds = time.perf_counter() - started
        return result

    def serialised(self, text: str, fmt: str, bindings: dict[str, object] | None = None, *,
                   max_rows: int | None = None, max_bytes: int | None = None,
                   default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                   analysis: Analysis | None = None, values_at: int | None = None) -> bytes:
        """Check and evaluate one query here (no child, no time limit: the caller is a confined
        worker) and give its answer in `fmt` (graph.sparql.results.MEDIA_TYPES). Raises QueryError,
        also for more than `max_rows` rows or `max_bytes` bytes.

        SELECT and ASK answers of Oxigraph in JSON, XML, CSV or TSV are written by Oxigraph's own
        serialisers straight from its answer, without a Python object per term (the same bytes as
        graph.sparql.results writes, but JSON without spaces, and short forms of numbers in TSV);
        the rest goes through Result.serialise."""
        terms, dataset = self._request(bindings, default_graphs, named_graphs)
        checked, at, prefixes = self._prepared(text, analysis, terms, dataset, values_at)
        native = _NATIVE_FORMATS.get(fmt) if self.store_name == "oxigraph" and checked.kind == "results" else None
        if native is None or (checked.form == "ASK" and fmt in ("csv", "tsv")):
            if self.store_name != "oxigraph":
                prefixes = self.prefixes
            result = self._store.evaluate(checked.text, checked, prefixes, terms, dataset, max_rows, at)
            body = result.serialise(fmt, self.prefixes)
            if max_bytes is not None and len(body) > max_bytes:
                raise QueryError("too-large", f"the result is larger than {max_bytes} bytes; add a LIMIT")
            return body
        import pyoxigraph as ox

        lean, at = checked.lean(at)
        answer = self._store.answer(lean, prefixes, terms, dataset, at)
        select = isinstance(answer, ox.QuerySolutions)
        output = _ResultOutput(fmt, len(answer.variables) if select else 0, max_rows if select else None, max_bytes)
        with _oxigraph_errors(terms):
            answer.serialize(output, format=getattr(ox.QueryResultsFormat, native))
        body = output.body()
        if select and max_rows is not None and len(body) > max_rows:  # a row takes a byte at least
            _check_size(output.rows(body), max_rows, "rows")
        return body

    def absent_iris(self, bindings: dict[str, object] | None) -> list[str]:
        """A warning for each bound IRI that the graph never mentions (a typo binds happily and
        matches nothing), naming the closest ids it does mention: "did you mean force:kent?"."""
        from graph.sparql.results import short_form

        warnings = []
        for name, value in (bindings or {}).items():
            term = value if isinstance(value, tuple) else parse_term(str(value), self.prefixes)
            if term[0] != "uri":
                continue
            mentioned = self.run("ASK { { ?x ?p ?o } UNION { ?s ?p ?x } }", {"x": term}, timeout=None)
            if mentioned.boolean:
                continue
            shown = short_form(term[1], self.prefixes)
            namespace = term[1][: max(term[1].rfind("/"), term[1].rfind("#")) + 1]
            subjects = self.run("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?s), ?namespace) }",
                                {"namespace": ("literal", namespace, None, None)}, timeout=None)
            known = {short_form(row[0][1], self.prefixes) for row in subjects.rows if row[0][0] == "uri"}
            close = difflib.get_close_matches(shown, sorted(known), n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            warnings.append(f"?{name.lstrip('?$')} is bound to {shown}, which the graph does not mention{hint}")
        return warnings


def _sandbox(query_memory: int | None = None) -> None:
    """In a forked child only: cut it off the network by the kernel (graph.sparql.confine), cap its
    address space at its size plus `query_memory`, and refuse reading files outside the Python
    install, as the lines of defence behind `analyse`."""
    from graph.sparql.confine import address_space, cap_memory, confine

    confine()  # the child of fork has one thread, so the seccomp filter covers all of it
    if query_memory:
        cap_memory(address_space() + query_memory)
    sparql = sys.modules.get("rdflib.plugins.sparql")  # only if rdflib is in use: importing it costs time
    if sparql is not None:
        sparql.SPARQL_LOAD_GRAPHS = False
    package_parent = os.fspath(Path(__file__).parents[2])  # the folder holding graph/, for lazy imports
    allowed = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                                           package_parent)})

    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "urllib.Request",
                     "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
            raise PermissionError("no outside access while answering a query")
        if event == "open" and isinstance(args[0], str | bytes):
            path = os.path.realpath(os.fsdecode(args[0]))
            if not path.startswith(allowed):
                raise PermissionError("no file access while answering a query")

    sys.addaudithook(hook)


def run_confined(work, timeout: float | None, max_bytes: int | None, query_memory: int | None = None):
    """Run `work` in a forked child that cannot reach the network and has a memory cap; kill it if
    it has not answered within `timeout` seconds (None: no limit). Returns what `work` returned
    (pickled across); QueryError for a refusal, the time limit or the memory cap."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, write, exit - never return into the caller's code
        code = 0
        try:
            os.close(read_end)
            try:
                _sandbox(query_memory)
                payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
            except QueryError as error:
                payload = pickle.dumps(("error", error.kind, str(error)))
            except MemoryError:
                payload = pickle.dumps(("error", "too-large", "the query needed more memory than a query may use"))
            except BaseException as error:  # noqa: BLE001
                from graph.sparql.confine import ConfinementError

                message = str(error) if isinstance(error, ConfinementError) else "the query could not be evaluated"
                payload = pickle.dumps(("error", "failed", message))
            if max_bytes is not None and len(payload) > max_bytes:
                payload = pickle.dumps(("error", "too-large", "the result is too large; add a LIMIT"))
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view):]
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks, size = [], 0
    deadline = time.monotonic() + timeout if timeout is not None else float("inf")
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryError("timeout", f"the query was stopped after the time limit of {timeout:g} s")
            ready, _, _ = select.select([read_end], [], [], None if remaining == float("inf") else remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if max_bytes is not None and size > max_bytes + 4096:
                raise QueryError("too-large", "the result is too large; add a LIMIT")
    finally:
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    try:
        message = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died before answering (its memory cap, or a crash)
        raise QueryError("too-large", "the query stopped before answering: it needed more memory than a query "
                                      "may use, or failed") from None
    if message[0] == "ok":
        return message[1]
    raise QueryError(message[1], message[2])


def query(kg, sparql: str, bindings: dict | None = None, *, store: str = "oxigraph",
          timeout: float | None = None, max_rows: int | None = None):
    """Answer one SPARQL query over `kg` (a KnowledgeGraph or a stored graph; graph.query, in
    graph.pipeline, also takes a data folder).

    SELECT gives a list of dicts of plain Python values (`pandas.DataFrame(rows)` works as is), ASK a
    bool, CONSTRUCT and DESCRIBE a list of {subject, predicate, object} dicts. The project's prefixes
    are bound. `bindings` binds variables to values ({"force": "force:kent"}). Raises QueryError."""
    return Engine(kg, store).run(sparql, bindings, timeout=timeout, max_rows=max_rows).plain()
