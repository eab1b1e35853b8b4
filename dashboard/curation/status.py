"""A status line on the terminal while a long first scan runs, so that a command is never silent for a minute.

`candidates` over 1,000 stored texts it has never scanned takes seconds and over 10,000 most of a minute; a
terminal that shows nothing all that time looks hung. The line is written to stderr, and only when stderr is a
terminal: a report piped to a file or another program is the same bytes either way. Work done within DELAY shows
nothing, and the line is wiped when the work is done, so the report that follows starts on a clean line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

#: Seconds of work before the line first shows: a run done sooner leaves the terminal as it was.
DELAY = 0.5
#: Seconds between rewrites of the line: often enough to move, seldom enough to cost nothing.
EVERY = 0.1


class StatusLine:
    """`what: 430 of 1,000 (kept for the next run)`, rewritten in place as `line(done, total)` is called."""

    def __init__(self, stream: TextIO, what: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream, self._what, self._clock = stream, what, clock
        self._started = clock()
        self._shown: float | None = None
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        """Show that `done` of `total` are done; the last one wipes the line."""
        if done >= total:
            self.close()
            return
        now = self._clock()
        if now - self._started < DELAY or (self._shown is not None and now - self._shown < EVERY):
            return
        text = f"{self._what}: {done:,} of {total:,} (kept for the next run)"
        # NOTE: padded to the last line's width, as a carriage return moves back but leaves what was written.
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._shown, self._width = now, len(text)

    def close(self) -> None:
        """Wipe the line, if one was shown (a run stopped halfway leaves no half line behind either)."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0


def status_line(stream: TextIO, what: str) -> StatusLine | None:
    """A status line on `stream` when it is a terminal, else None (nothing to show it on)."""
    isatty = getattr(stream, "isatty", None)
    return StatusLine(stream, what) if isatty is not None and isatty() else None


@contextmanager
def status_lines(stream: TextIO, *whats: str) -> Iterator[tuple[StatusLine | None, ...]]:
    """One status_line per step named, each wiped when the block ends, however it ends."""
    lines = tuple(status_line(stream, what) for what in whats)
    try:
        yield lines
    finally:
        for line in lines:
            if line is not None:
                line.close()
