"""One part of a load worked out in a forked process beside the rest, on the command line's second core.

A warm `candidates` or `validate` at 1,000 stored texts spent 0.2-0.3 s reading the texts and 0.2 s reading
indicators.yaml, one after the other on one of two cores. `beside(compute)` forks a child that runs compute() and
sends back its pickled value, while the caller goes on; `wait()` then takes that value. Wherever forking is not safe
or not worth it (another thread runs, as in the app's server; no fork on this system; a small project), and whenever
the child fails in any way, compute() runs in the caller instead, so the result, and any problem or exception, is
the one a plain call gives.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
#: What a child sends in place of a value when compute() raised: the caller runs it again, and raises it itself.
_FAILED = b"\0failed"


class Beside(Generic[T]):
    """compute() running in a forked child, or to be run in the caller when `wait()` is called."""

    def __init__(self, compute: Callable[[], T], fork: bool) -> None:
        self._compute = compute
        self._pid = 0
        self._read = -1
        if fork:
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            os.close(read)
            try:
                try:
                    data = pickle.dumps(self._compute(), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # noqa: BLE001 - whatever it was, the caller runs compute() and meets it
                    data = _FAILED
                with os.fdopen(write, "wb") as out:
                    out.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def wait(self) -> T:
        """The value: the child's when it sent one, else compute() run here."""
        if not self._pid:
            return self._compute()
        with os.fdopen(self._read, "rb") as received:
            data = received.read()
        os.waitpid(self._pid, 0)
        self._pid = 0
        if data and data != _FAILED:
            try:
                return pickle.loads(data)
            except Exception:  # noqa: BLE001 - a child cut short sends a part: worked out here instead
                pass
        return self._compute()


def beside(compute: Callable[[], T], worth_it: bool) -> Beside[T]:
    """compute() started in a forked child when `worth_it` and this process may fork (one thread, fork exists)."""
    # NOTE: a fork copies only the calling thread, so it is safe only in a process with one thread (the command line).
    can = hasattr(os, "fork") and threading.active_count() == 1
    return Beside(compute, fork=worth_it and can)
