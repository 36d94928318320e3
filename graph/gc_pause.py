"""Pausing Python's cyclic garbage collector while the graph is read and built.

Reading records and building the dataset create millions of objects that all live until the
end, and no reference cycles. Each allocation burst triggers collections that walk these
objects again and again: about a quarter of YAML parsing, and 2 s of a million-triple build.
Reference counting still frees everything, so pausing the collector changes nothing else.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector (if it is on) for the block. The switch is process-wide;
    nested and concurrent pauses leave it as they found it, since only the pause that saw
    it on turns it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
