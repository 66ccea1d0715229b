"""A one-line progress bar on stderr, shown only for work that takes more than a moment."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class ProgressBar:
    """`update(done, total)` as work advances (bytes of a file, say), `finish()` at the end."""

    def __init__(self, label: str, *, stream: TextIO | None = None, delay: float = 1.0, width: int = 30,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label, self.stream, self.delay, self.width, self.clock = label, stream or sys.stderr, delay, width, clock
        self.started = clock()
        self.last = float("-inf")
        self.shown = False

    def update(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.delay or (now - self.last < 0.2 and done < total):
            return
        self.last = now
        fraction = min(1.0, done / total) if total else 1.0
        filled = int(fraction * self.width)
        rate = done / max(now - self.started, 1e-9) / 1e6
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%}  "
                          f"{done / 1e6:.1f}/{total / 1e6:.1f} MB  {rate:.1f} MB/s ")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
