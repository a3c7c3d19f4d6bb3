"""Bulk work (an import, a large save) with the cyclic garbage collector running rarely.

An import creates hundreds of thousands of objects (tokens, documents, rows) that nearly all
live until it ends; the collector, run every 700 allocations, scans the survivors again and
again, which cost as much as a third of an import (and ten times the cost of unpickling what
worker processes send back). Meanwhile the objects from before are frozen (never scanned)
and collections run a hundred times less often; cycles are still collected, only later.
Process-wide settings, so nested and concurrent users share one pause: the first in sets
it, the last out restores it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_YOUNG_THRESHOLD = 70_000
_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(_saved[0], _YOUNG_THRESHOLD), *_saved[1:])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()
