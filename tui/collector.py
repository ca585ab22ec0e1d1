"""When the garbage collector scans everything: between keys, not while a frame is drawn.

Automatic full collections (the oldest generation) scan every long-lived object. With the course
frozen out of the collector (`gc.freeze()` after loading) what is left is the interface: its
widgets, styles and caches, plus the widgets each question or step removes (cycles only a full
collection frees, about 13,000 objects each time in a long quiz). A full collection took
12–80 ms there and, being triggered by allocation, fell on a key press: the p95 of answer →
feedback was 96 ms. So automatic full collections are held back (the young generations still run
as usual) and the app asks for one once the reader has paused.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

PAUSE_S = 1.5  # no key or click for this long: the reader is reading, not pressing
CHECK_S = 2.0  # how often the app asks (a timer; see ExplainerApp)
HELD = 1_000_000  # gen-1 collections before an automatic full one: never, in practice


def hold_full_collections() -> None:
    """Stop automatic full collections; young-generation collections go on as before."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, HELD)


class IdleCollector:
    """Runs a full collection after input, once input has paused (and never twice for one
    burst of input: an idle app collects nothing)."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, collect: Callable[[], object] = gc.collect
    ) -> None:
        self.clock = clock
        self.collect = collect
        self.last_input = clock()
        self.pending = False

    def input(self) -> None:
        self.last_input = self.clock()
        self.pending = True

    def tick(self) -> bool:
        """Collect if there was input since the last collection and none for PAUSE_S."""
        if self.pending and self.clock() - self.last_input >= PAUSE_S:
            self.pending = False
            self.collect()
            return True
        return False
