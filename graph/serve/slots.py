"""A table in shared memory where each query worker says what it is doing, for the server to see.

    >>> slots = Slots.create(64)                 # the server: an anonymous memory file
    >>> slots = Slots.attach(fd, 64)             # a worker, given the file's descriptor
    >>> slots.begin(3, connection_fd)            # worker 3 starts work on a query
    >>> slots.read(3)                            # Slot(state=EVALUATING, started=..., connection=..., ...)

One row per process: its state (idle, evaluating a query since a time, writing an answer), the
descriptor number of the connection it is working for, how many connections it holds open and
whether it takes new ones.
Each process writes only its own row, so no lock is needed; the server reads every row to kill a
worker past its time limit (without a message per query: a point query takes a fraction of a
millisecond) and workers read every row's count for the cap on open connections and to share
the connections out (a worker holding more than another takes no new one).
"""

from __future__ import annotations

import mmap
import os
import struct
import time
from dataclasses import dataclass

IDLE, EVALUATING, WRITING = 0, 1, 2
_ROW = struct.Struct("qqqqq")  # state, started (CLOCK_MONOTONIC ns), connection fd, open connections, accepting
_HELD = struct.Struct("qq")  # open connections, accepting


@dataclass(frozen=True)
class Slot:
    state: int
    started: int  # time.monotonic_ns() when the work began
    connection: int  # the worker's descriptor number of the connection it works for
    connections: int  # connections it holds open
    accepting: int  # 1: it takes new connections (a spare does not)


class Slots:
    def __init__(self, fd: int, count: int):
        self.fd, self.count = fd, count
        self.memory = mmap.mmap(fd, _ROW.size * count)

    @classmethod
    def create(cls, count: int) -> Slots:
        fd = os.memfd_create("policing-kg-slots", 0)  # inherited by workers, never a named file
        os.ftruncate(fd, _ROW.size * count)
        return cls(fd, count)

    @classmethod
    def attach(cls, fd: int, count: int) -> Slots:
        return cls(fd, count)

    def read(self, index: int) -> Slot:
        return Slot(*_ROW.unpack_from(self.memory, index * _ROW.size))

    def begin(self, index: int, connection: int) -> None:
        """Work on a query starts now (the connection's number first, the state last)."""
        struct.pack_into("qq", self.memory, index * _ROW.size + 8, time.monotonic_ns(), connection)
        struct.pack_into("q", self.memory, index * _ROW.size, EVALUATING)

    def set_state(self, index: int, state: int) -> None:
        struct.pack_into("q", self.memory, index * _ROW.size, state)

    def state(self, index: int) -> int:
        """A worker's state; row 0 (the server's): how many connections wait for a free worker."""
        return struct.unpack_from("q", self.memory, index * _ROW.size)[0]

    def set_connections(self, index: int, count: int) -> None:
        struct.pack_into("q", self.memory, index * _ROW.size + 24, count)

    def set_accepting(self, index: int, accepting: bool) -> None:
        struct.pack_into("q", self.memory, index * _ROW.size + 32, int(accepting))

    def clear(self, index: int) -> None:
        _ROW.pack_into(self.memory, index * _ROW.size, IDLE, 0, -1, 0, 0)

    def open_connections(self) -> int:
        return sum(_HELD.unpack_from(self.memory, i * _ROW.size + 24)[0] for i in range(self.count))

    def fewest_connections(self) -> int:
        """The fewest connections any accepting worker holds (0 when none accepts)."""
        held = [_HELD.unpack_from(self.memory, i * _ROW.size + 24) for i in range(self.count)]
        return min((count for count, accepting in held if accepting), default=0)

    def close(self) -> None:
        self.memory.close()
