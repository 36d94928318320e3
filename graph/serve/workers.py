"""The endpoint's query workers (graph.serve.worker) and their supervision, in the server process.

    >>> workers = Workers(listener, settings, workers=4, spares=1, timeout=10, on_handoff=serve_page)
    >>> workers.close()

Started here, the workers accept connections on the server's listening socket and answer queries
themselves; this process does no work on a query. What it does, in one thread:

- keeps `workers` processes accepting and `spares` more started and waiting (their store open), so
  a worker that is killed is replaced at once by a spare and a new spare starts in the background;
- holds a copy of every connection a worker accepted (sent once per connection over a Unix socket
  with SCM_RIGHTS) and closes it when the worker says it closed its own;
- reads the workers' rows in the shared table (graph.serve.slots) at least every 50 ms: a worker
  evaluating past the time limit is killed (SIGKILL: a Rust evaluation cannot be interrupted from
  Python) and this process writes 503 on its copy of the connection; a worker that dies while
  evaluating (its memory cap) gets a 503 the same way. Only a worker that had not begun writing its
  answer is answered for, so a client never gets part of one answer followed by another;
- passes the connections the workers hand over (requests for pages) to `on_handoff`;
- when connections have waited in the listening queue for `queue_wait` seconds (no worker free to
  take them), or a connection released by a busy worker finds no idle worker for as long, answers
  them 503 (busy) itself instead of letting them wait on.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from graph.serve.protocol import close_connection
from graph.serve.slots import EVALUATING, Slots

TICK = 0.05  # seconds: the longest the supervisor sleeps while a query may overrun
RELEASE_AFTER = 0.2  # seconds a query runs before its worker lets its other connections go
REPLACE_AFTER = 1.0  # seconds after a kill before a new spare starts, when a spare took over


class WorkerProcess:
    """One worker: its process, the server's end of its control socket, its row, its connections."""

    def __init__(self, settings: dict, listener: socket.socket, slots: Slots, slot: int):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        for end in (ours, theirs):
            end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        release, asked = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        settings = {**settings, "control": theirs.fileno(), "release": asked.fileno(), "listener": listener.fileno(),
                    "slots": slots.fd, "slot": slot}
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        slots.clear(slot)
        self.process = subprocess.Popen([sys.executable, "-m", "graph.serve.worker", json.dumps(settings)],
                                        pass_fds=(theirs.fileno(), asked.fileno(), listener.fileno(), slots.fd),
                                        close_fds=True, env=environment, cwd="/")
        theirs.close()
        asked.close()
        ours.setblocking(False)
        release.setblocking(False)
        self.control = ours
        self.release = release  # asks the worker's releasing thread to let go of its other connections
        self.released_for = 0  # the start of the query it was last asked during
        self.slot = slot
        self.ready = False
        self.active = False
        self.dead = False
        self.killed = False  # by the server, past the time limit
        self.failure = ""  # why it did not start
        self.measures: list[str] = []
        self.connections: dict[int, socket.socket] = {}  # the worker's descriptor number -> our copy
        # When each connection may have come at the earliest: connections wait unseen in the
        # listening queue, so one taken while the queue was not empty counts from then.
        self.since: dict[int, float] = {}
        # Connections sent to it to adopt, kept until it says it holds them (with what was read of
        # their next request and since when they wait): if it dies first, they go to another.
        self.adopting: list[tuple[socket.socket, bytes, float]] = []

    def send(self, message: bytes) -> None:
        try:
            self.control.send(message)
        except OSError:
            pass

    def send_release(self) -> None:
        try:
            self.release.send(b"R")
        except OSError:
            pass

    def adopt(self, copy: socket.socket, read: bytes, since: float) -> bool:
        """Give this worker a connection (and what was read of its next request)."""
        try:
            socket.send_fds(self.control, [b"A" + read], [copy.fileno()])
        except OSError:
            return False
        self.adopting.append((copy, read, since))
        return True


class Workers:
    def __init__(self, listener: socket.socket, settings: dict, *, workers: int = 4, spares: int = 1,
                 timeout: float = 10.0, query_memory: int | None = 1 << 30, queue_wait: float = 5.0,
                 start_timeout: float = 300.0, on_handoff=None, on_busy=None):
        """`settings` go to every worker (graph.serve.worker.main). `on_handoff(sock, raw)` answers a
        connection a worker handed over with the request it read; `on_busy(sock)` answers one
        that waited too long with 503."""
        self.listener = listener
        self.settings = settings
        self.wanted_active, self.wanted_spares = workers, spares
        self.timeout, self.query_memory, self.queue_wait = timeout, query_memory, queue_wait
        self.on_handoff, self.on_busy = on_handoff, on_busy
        self.slot_count = 2 * (workers + spares) + 2  # room for replacements starting; row 0 is the server's
        self.slots = Slots.create(self.slot_count)
        self.settings = {**settings, "slot_count": self.slot_count}
        self._free_slots = list(range(self.slot_count - 1, 0, -1))
        self._processes: list[WorkerProcess] = []
        self._lock = threading.Lock()
        self._closed = False
        self._waiting_since: float | None = None
        # Connections no worker holds (released by a busy worker, or left by a killed one), with what
        # was read of their next request and since when they wait.
        self._homeless: list[tuple[socket.socket, bytes, float]] = []
        self._wake_read, self._wake_write = os.pipe()
        self.measures: list[str] = []
        try:
            for _ in range(workers + spares):
                self._start()
            self._wait_until_ready(start_timeout)
        except BaseException:
            self.close()
            raise
        self._thread = threading.Thread(target=self._supervise, daemon=True, name="query-workers")
        self._thread.start()

    # -- for the server and its tests ---------------------------------------------------------

    def workers(self) -> list[WorkerProcess]:
        """The live worker processes (each has .process, a subprocess.Popen)."""
        with self._lock:
            return [p for p in self._processes if not p.dead]

    def ready_count(self) -> int:
        """How many workers are started and accepting or waiting as spares."""
        with self._lock:
            return sum(1 for p in self._processes if p.ready and not p.dead)

    def close(self) -> None:
        self._closed = True
        os.write(self._wake_write, b"x")
        thread = getattr(self, "_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)
        with self._lock:
            processes, self._processes = self._processes, []
        for process in processes:
            self._kill(process)
            self._drop_connections(process)
            process.control.close()
            process.release.close()
        for copy, _, _ in self._homeless:
            copy.close()
        self._homeless = []
        for fd in (self._wake_read, self._wake_write):
            try:
                os.close(fd)
            except OSError:
                pass

    # -- starting ---------------------------------------------------------------------------

    def _start(self) -> WorkerProcess | None:
        with self._lock:
            if self._closed:
                return None
            slot = self._free_slots.pop()
            process = WorkerProcess(self.settings, self.listener, self.slots, slot)
            self._processes.append(process)
        return process

    def _wait_until_ready(self, seconds: float) -> None:
        from graph.sparql.confine import ConfinementError

        deadline = time.monotonic() + seconds
        while True:
            with self._lock:
                processes = list(self._processes)
            failed = [p for p in processes if p.dead]
            if failed:
                raise ConfinementError(failed[0].failure or "the query worker did not start")
            if all(p.ready for p in processes):
                return
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the query workers did not start in time")
            readable = select.select([p.control for p in processes if not p.ready], [], [], min(left, 1.0))[0]
            for control in readable:
                self._read_messages(next(p for p in processes if p.control is control), starting=True)

    def _became_ready(self, process: WorkerProcess, header: dict) -> None:
        process.ready = True
        process.measures = header.get("measures", [])
        self.measures = self.measures or process.measures
        with self._lock:
            active = sum(1 for p in self._processes if p.active and not p.dead)
        if active < self.wanted_active:
            self._activate(process)

    def _activate(self, process: WorkerProcess) -> None:
        process.active = True
        process.send(b"G")

    # -- messages from workers --------------------------------------------------------------

    def _read_messages(self, process: WorkerProcess, starting: bool = False) -> None:
        """Every message waiting from `process`; at the end of its socket, the process is gone."""
        while not process.dead:
            try:
                message, fds, _, _ = socket.recv_fds(process.control, 1 << 20, 1)
            except BlockingIOError:
                return
            except OSError:
                message, fds = b"", []
            if not message and not fds:
                process.dead = True
                if starting:
                    process.failure = process.failure or "a query worker exited while starting"
                else:
                    self._gone(process, killed=process.killed)
                return
            kind = message[:1]
            if kind in (b"C", b"c"):  # c: a connection it adopted, the oldest sent to it
                number = int(message[1:])
                for fd in fds:
                    process.connections[number] = socket.socket(fileno=fd)
                if kind == b"c" and process.adopting:
                    copy, _, process.since[number] = process.adopting.pop(0)
                    copy.close()
                else:
                    process.since[number] = self._waiting_since or time.monotonic()
            elif kind == b"X":
                process.since.pop(int(message[1:]), None)
                copy = process.connections.pop(int(message[1:]), None)
                if copy is not None:
                    copy.close()
            elif kind == b"M":
                number, _, read = message[1:].partition(b"\0")
                copy = process.connections.pop(int(number), None)
                if copy is not None:  # it has waited since the query that keeps its worker busy began
                    since = min(self._busy_since(process), process.since.pop(int(number), time.monotonic()))
                    self._homeless.append((copy, read, since))
            elif kind == b"H":
                number, _, raw = message[1:].partition(b"\0")
                process.since.pop(int(number), None)
                copy = process.connections.pop(int(number), None)
                if copy is not None and self.on_handoff is not None:
                    self.on_handoff(copy, raw)
                elif copy is not None:
                    copy.close()
            elif kind == b"W":  # it is free: the connection that has waited longest, if any
                self._give_oldest(process)
            elif kind == b"R":
                header = json.loads(message[1:])
                if header.get("ready"):
                    self._became_ready(process, header)
                else:
                    process.failure = header.get("message", "the query worker did not start")
                    if not starting:  # a replacement that cannot start: not started again
                        process.dead = True
                        self._kill(process)
                        self._remove(process)
            for fd in fds if kind not in (b"C", b"c") else ():
                os.close(fd)

    # -- supervising ------------------------------------------------------------------------

    def _supervise(self) -> None:
        while not self._closed:
            with self._lock:
                processes = [p for p in self._processes if not p.dead]
            wait = TICK
            now = time.monotonic_ns()
            for process in processes:
                if not process.active:
                    continue
                slot = self.slots.read(process.slot)
                if slot.state == EVALUATING:
                    running = (now - slot.started) / 1e9
                    if running >= self.timeout:
                        self._overrun(process)
                        continue
                    wait = min(wait, self.timeout - running)
                    if running >= RELEASE_AFTER and process.released_for != slot.started \
                            and len(process.connections) > 1:
                        process.released_for = slot.started
                        process.send_release()
                    elif process.released_for != slot.started:
                        wait = min(wait, RELEASE_AFTER - running)
            try:
                readable = select.select([self._wake_read, *(p.control for p in processes if not p.dead)], [], [],
                                         max(wait, 0.001))[0]
            except (OSError, ValueError):  # a socket closed meanwhile
                continue
            for control in readable:
                if control == self._wake_read:
                    os.read(self._wake_read, 64)
                    continue
                process = next((p for p in processes if p.control is control), None)
                if process is not None:
                    self._read_messages(process)
            self._place_homeless()
            self._shed_load()

    def _overrun(self, process: WorkerProcess) -> None:
        process.killed = True
        self._kill(process)
        process.control.setblocking(True)
        process.control.settimeout(5)
        self._read_messages(process)  # the connections it registered before it died, then its end
        if not process.dead:
            process.dead = True
            self._gone(process, killed=True)

    def _kill(self, process: WorkerProcess) -> None:
        try:
            process.process.send_signal(signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass
        try:
            process.process.wait(10)
        except subprocess.TimeoutExpired:
            pass

    def _gone(self, process: WorkerProcess, killed: bool) -> None:
        """A worker has ended (killed past the time limit, or dead): answer the query it was working
        on if it had not begun its answer, close its connections, and put a spare in its place."""
        if not killed:
            self._kill(process)  # reaps it
        slot = self.slots.read(process.slot)
        if slot.state == EVALUATING and slot.connection in process.connections:
            if killed:
                message = f"the query was stopped after the time limit of {self.timeout:g} s"
            else:
                limit = f" (at most {self.query_memory >> 20} MiB)" if self.query_memory else ""
                message = (f"the query ran out of the memory a query may use{limit}, or its worker failed; "
                           "narrow the query")
            answered = process.connections.pop(slot.connection)
            _send_now(answered, f"Error 503: {message}\n".encode())
            close_connection(answered)
        busy = slot.started / 1e9 if slot.state == EVALUATING else time.monotonic()
        self._homeless += [(copy, b"", min(busy, process.since.get(number, busy)))  # to another worker
                           for number, copy in process.connections.items()]
        self._homeless += process.adopting
        process.adopting = []
        process.connections.clear()
        self._remove(process)
        with self._lock:
            spare = next((p for p in self._processes if p.ready and not p.active and not p.dead), None)
        if process.active and spare is not None:
            self._activate(spare)
        # A new spare (or worker, if no spare was ready), ready in the background. Its start-up takes
        # a core for a second or more: with a spare in place it waits a moment, so that the queries
        # right after a kill are not slowed by it (on 2 cores the next query took 30-90 ms, not 1-5).
        if process.active and spare is not None:
            timer = threading.Timer(REPLACE_AFTER, self._start)
            timer.daemon = True
            timer.start()
        else:
            self._start()

    def _remove(self, process: WorkerProcess) -> None:
        self._drop_connections(process)
        process.control.close()
        process.release.close()
        self.slots.clear(process.slot)
        with self._lock:
            if process in self._processes:
                self._processes.remove(process)
                self._free_slots.append(process.slot)

    def _drop_connections(self, process: WorkerProcess) -> None:
        for copy in [*process.connections.values(), *(adopted[0] for adopted in process.adopting)]:
            close_connection(copy)
        process.connections.clear()
        process.adopting = []

    def _busy_since(self, process: WorkerProcess) -> float:
        slot = self.slots.read(process.slot)
        return slot.started / 1e9 if slot.state == EVALUATING else time.monotonic()

    def _give_oldest(self, process: WorkerProcess) -> None:
        """A worker that has answered a query asks for a waiting connection: the oldest (one that
        waited past the queue wait is answered busy here instead)."""
        self._homeless.sort(key=lambda waiting: waiting[2])
        while self._homeless:
            copy, read, since = self._homeless.pop(0)
            if time.monotonic() - since >= self.queue_wait and self.on_busy is not None:
                self.on_busy(copy, read)
            elif process.adopt(copy, read, since):
                self.slots.set_state(0, len(self._homeless))
                return
            else:
                self._homeless.insert(0, (copy, read, since))
                break
        self.slots.set_state(0, len(self._homeless))
        process.send(b"N")

    def _place_homeless(self) -> None:
        """Give each connection no worker holds to the idle worker holding fewest; after
        `queue_wait` seconds without one, answer it busy here. Row 0 of the table says how many
        wait, for the workers to ask for them as soon as they are free (`W`)."""
        self.slots.set_state(0, len(self._homeless))
        if not self._homeless:
            return
        with self._lock:
            idle = [p for p in self._processes if p.active and p.ready and not p.dead
                    and self.slots.read(p.slot).state != EVALUATING]
        waiting, now = [], time.monotonic()
        for copy, read, since in self._homeless:
            target = min(idle, key=lambda p: len(p.connections), default=None)
            if now - since >= self.queue_wait and self.on_busy is not None:
                self.on_busy(copy, read)  # waited long enough, even if a worker is free just now
            elif target is not None and target.adopt(copy, read, since):
                pass  # kept until the worker says it holds it
            else:
                waiting.append((copy, read, since))
        self._homeless = waiting
        self.slots.set_state(0, len(self._homeless))

    def _shed_load(self) -> None:
        """Connections waiting in the listening queue: when it has not been empty at any look for
        `queue_wait` seconds (no worker took them), answer them 503 here."""
        waiting = bool(select.select([self.listener], [], [], 0)[0])
        now = time.monotonic()
        if not waiting:
            self._waiting_since = None
            return
        if self._waiting_since is None:
            self._waiting_since = now
            return
        if now - self._waiting_since < self.queue_wait:
            return
        self._waiting_since = None
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            if self.on_busy is not None:
                self.on_busy(sock, b"")
            else:
                sock.close()


def _send_now(sock: socket.socket, body: bytes) -> None:
    """A 503 on a connection whose worker is gone (a few hundred bytes: the socket buffer takes them)."""
    head = (b"HTTP/1.1 503 Service Unavailable\r\nServer: policing-kg\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: %d\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" % len(body))
    try:
        sock.setblocking(False)
        sock.send(head + body)
    except OSError:
        pass


def settings_for(store_dir, base: str, engine: str, *, max_rows, max_bytes, query_memory, idle_timeout,
                 max_request_bytes, max_connections, policy) -> dict:
    """What every worker is told (as JSON on its command line)."""
    return {"store": str(Path(store_dir).resolve()), "base": base, "engine": engine, "max_rows": max_rows,
            "max_bytes": max_bytes, "query_memory": query_memory, "idle_timeout": idle_timeout,
            "max_request_bytes": max_request_bytes, "max_connections": max_connections,
            "allowed_hosts": sorted(policy.allowed_hosts), "extra_hosts": sorted(policy.extra_hosts),
            "allowed_origins": sorted(policy.allowed_origins)}
