"""A progress line for long batches, and the summary at the end.

The progress line (documents, documents per second, errors, and the ETA when the total is known) is
drawn on stderr only when stderr is a terminal, at most a few times a second; anywhere else it stays
silent, so logs and pipes get only the one-line summary.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO


@dataclass
class Counts:
    done: int = 0
    empty: int = 0
    failed: int = 0

    def add(self, status: str) -> None:
        self.done += 1
        if status == "empty":
            self.empty += 1
        elif status == "failed":
            self.failed += 1


def format_duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    s = int(seconds + 0.5)
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


def summary_line(counts: Counts, seconds: float, new: int | None = None) -> str:
    """``new``: documents done by this run, when it resumed an earlier one (the rate is of those)."""
    rate = (counts.done if new is None else new) / seconds if seconds > 0 else 0.0
    return (
        f"{counts.done} done, {counts.empty} empty, {counts.failed} failed "
        f"in {format_duration(seconds)} ({rate:.1f} docs/s)"
    )


class Progress:
    """Call update() after each document; close() before printing anything else to the stream."""

    def __init__(
        self,
        total: int | None = None,
        *,
        start: Counts | None = None,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        interval: float = 0.2,
        clock=time.monotonic,
    ):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.total = total
        # A resumed run starts from the counts of the documents done before; its rate is its own.
        self.counts = Counts(**vars(start)) if start else Counts()
        self._start_done = self.counts.done
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self._last_draw = float("-inf")
        self._width = 0

    def update(self, status: str) -> None:
        self.counts.add(status)
        if self.enabled:
            now = self.clock()
            if now - self._last_draw >= self.interval:
                self._draw(self.line(now))
                self._last_draw = now

    def line(self, now: float | None = None) -> str:
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        c = self.counts
        rate = (c.done - self._start_done) / elapsed
        if self.total:
            head = f"{c.done}/{self.total} docs ({100 * c.done / self.total:.0f}%)"
        else:
            head = f"{c.done} docs"
        line = f"{head}, {rate:.1f} docs/s, {c.failed} errors"
        if self.total and rate > 0 and c.done < self.total:
            line += f", ETA {format_duration((self.total - c.done) / rate)}"
        return line

    def _draw(self, line: str) -> None:
        pad = " " * max(0, self._width - len(line))
        self.stream.write("\r" + line + pad)
        self.stream.flush()
        self._width = len(line)

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def elapsed(self) -> float:
        return self.clock() - self.started


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
