"""A pool of pre-started query workers (graph.sparql.worker), each holding the store open read-only.

    >>> pool = WorkerPool(store_dir, base, workers=4, timeout=10)
    >>> reply = pool.ask({"text": "SELECT ...", "accept": "text/csv"})    # a Reply: status, type, body
    >>> pool.close()

A query takes a slot (at most `workers` evaluate at once; a caller waits `queue_wait` seconds for
one, and for a ready worker, then gets 503), and from then its clock runs, before any work on it:
the request goes to the worker as it came, unparsed, and the worker does every piece of work on it.
If no reply has come when the time limit passes, the worker is killed (SIGKILL: a Rust evaluation
cannot be interrupted from Python) and a spare that was started in advance takes its place, so the
next query does not wait for a process to start; a new spare is started in the background. A worker
that dies (its memory cap hit, or a crash) is replaced the same way. Forking a child per query, as
before, cost 80 ms a query on the seed graph and 300 ms at a million triples (benchmarks/serve.py);
handing a query to a running worker costs two pipe writes and two reads.
"""

from __future__ import annotations

import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from graph.sparql.worker import FrameReader, write_frame


class PoolError(Exception):
    """A query that the pool could not answer. `status` is the HTTP status, `kind` as QueryError's."""

    def __init__(self, status: int, kind: str, message: str):
        super().__init__(message)
        self.status, self.kind = status, kind


@dataclass
class Reply:
    status: int
    header: dict
    body: bytes

    @property
    def content_type(self) -> str:
        return self.header.get("type", "text/plain; charset=utf-8")


class _Worker:
    def __init__(self, settings: dict):
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.process = subprocess.Popen([sys.executable, "-m", "graph.sparql.worker", json.dumps(settings)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True,
                                        env=environment, cwd="/")
        self.requests = self.process.stdin.fileno()
        self.reader = FrameReader(self.process.stdout.fileno())
        self.measures: list[str] = []

    def wait_ready(self, seconds: float) -> None:
        header, _ = self.read(time.monotonic() + seconds)
        if not header.get("ready"):
            self.kill()
            raise PoolError(500, "failed", header.get("message", "the query worker did not start"))
        self.measures = header["measures"]

    def read(self, deadline: float) -> tuple[dict, bytes]:
        def wait(fd):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError

        return self.reader.read(wait)

    def kill(self) -> None:
        try:
            self.process.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()


class WorkerPool:
    def __init__(self, store_dir, base: str, engine: str = "oxigraph", *, workers: int = 4, spares: int = 1,
                 timeout: float = 10.0, query_memory: int | None = 1 << 30, max_rows: int | None = 10_000,
                 max_bytes: int = 32 << 20, queue_wait: float = 5.0, start_timeout: float = 300.0):
        # Absolute: workers run in "/" (they hold no folder of the caller's open).
        self.settings = {"store": str(Path(store_dir).resolve()), "base": base, "engine": engine,
                         "query_memory": query_memory, "max_rows": max_rows, "max_bytes": max_bytes}
        self.timeout, self.queue_wait, self.start_timeout = timeout, queue_wait, start_timeout
        self.query_memory = query_memory
        self._slots = threading.BoundedSemaphore(workers)
        # Last in, first out: the worker that answered last takes the next query, so one client's
        # queries keep to one warm worker (its parsed queries kept, its memory hot) and the spares wait.
        self._ready: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._start() for _ in range(workers + spares)]
        try:
            for worker in started:
                worker.wait_ready(start_timeout)
        except BaseException:
            self.close()
            raise
        self.measures = started[0].measures
        for worker in started:
            self._ready.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.settings)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start another in the background (the spare meanwhile answers)."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()

        def start():
            if self._closed:
                return
            fresh = self._start()
            try:
                fresh.wait_ready(self.start_timeout)
            except (PoolError, TimeoutError, EOFError):
                with self._lock:
                    self._all.discard(fresh)
                fresh.kill()
                return
            self._ready.put(fresh)

        threading.Thread(target=start, daemon=True, name="start-query-worker").start()

    def ask(self, request: dict, timeout: float | None = None) -> Reply:
        """Send one request to a worker; the reply, or PoolError (busy, timeout, worker died)."""
        timeout = self.timeout if timeout is None else timeout
        waited = time.monotonic()
        if not self._slots.acquire(timeout=self.queue_wait):
            raise PoolError(503, "busy", "the server is busy; try again shortly")
        try:
            try:  # a spare is normally ready; after several kills in a row, one may still be starting
                worker = self._ready.get(timeout=max(0.1, self.queue_wait - (time.monotonic() - waited)))
            except queue.Empty:
                raise PoolError(503, "busy", "the server is busy (its query workers are restarting); try again "
                                             "shortly") from None
            deadline = time.monotonic() + timeout  # the clock starts before any work on the query
            try:
                write_frame(worker.requests, request)
                header, body = worker.read(deadline)
            except TimeoutError:
                self._replace(worker)
                raise PoolError(503, "timeout",
                                f"the query was stopped after the time limit of {timeout:g} s") from None
            except (EOFError, OSError):
                self._replace(worker)
                limit = f" (at most {self.query_memory >> 20} MiB)" if self.query_memory else ""
                raise PoolError(503, "memory", f"the query ran out of the memory a query may use{limit}, or "
                                               "its worker failed; narrow the query") from None
            if header.get("exit"):
                self._replace(worker)
            else:
                self._ready.put(worker)
            return Reply(header["status"], header, body)
        finally:
            self._slots.release()

    def workers(self) -> list:
        """The live worker processes (each has .process, a subprocess.Popen)."""
        with self._lock:
            return list(self._all)

    def ready_count(self) -> int:
        """How many workers are started and waiting for a query."""
        return self._ready.qsize()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
