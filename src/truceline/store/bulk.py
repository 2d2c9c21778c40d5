"""Building very many small objects at once: the cyclic garbage collector paused.

Reading a store's events builds pydantic objects by the million on a large
store, and every few hundred allocations CPython's cycle collector walks the
objects still alive: the more were built, the longer each walk, so loading
grows faster than the store does. Nothing built here
forms reference cycles that need the collector (plain data freed by
reference counting), so it is paused while such a batch is built and
resumed, with whatever it would have collected, afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause cyclic garbage collection for the block (nested use is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
