"""How long the Qt event loop went without running a 10 ms timer: the stall a user feels.

Shared by the benchmarks and the GUI tests that hold a pane to "never blocks typing"."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class LoopGaps:
    """``start()`` … ``stop()``; ``gaps`` are the seconds between consecutive timer ticks."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)
