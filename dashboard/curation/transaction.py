"""Writes that happen all together or not at all: each file through a temporary file beside it, undone on failure.

Every file is written whole to a temporary name in its own folder and then renamed over the target (`os.replace`
is atomic on one filesystem), so a crash leaves the old file or the new one, never half of one. Each step records
how to undo itself; `rollback` undoes them newest first, so a failure at any step leaves every file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Mode of a file this writes anew: readable by all, as a file saved from an editor is.
NEW_FILE_MODE = 0o644


class Transaction:
    """A sequence of whole-file writes, each undone by `rollback` until `commit`."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []
        #: The files written so far, in order (what a dry run would name).
        self.written: list[Path] = []

    def create(self, path: Path, data: bytes) -> None:
        """Write a new file; refused with FileExistsError when one is there, even if it appears meanwhile."""
        temp = _write_temp(path, data)
        try:
            # NOTE: a hard link fails when the target exists, so a file made after our check is never overwritten.
            _publish_new(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        self._undo.append(lambda: path.unlink(missing_ok=True))
        self.written.append(path)

    def replace(self, path: Path, data: bytes) -> None:
        """Write a file whole in place of the old one (or as a new one), keeping the old bytes to undo it."""
        old = path.read_bytes() if path.exists() else None
        temp = _write_temp(path, data)
        try:
            _publish(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if old is None:
            self._undo.append(lambda: path.unlink(missing_ok=True))
        else:
            self._undo.append(lambda: _publish(_write_temp(path, old), path))
        self.written.append(path)

    def rollback(self) -> list[str]:
        """Undo every step, newest first; the files that could not be restored, with why (empty when all were)."""
        failed = []
        while self._undo:
            undo = self._undo.pop()
            try:
                undo()
            except OSError as exc:
                failed.append(f"{exc.filename or '?'}: {exc.strerror or exc}")
        return failed

    def commit(self) -> None:
        """Keep every write: nothing will be undone."""
        self._undo.clear()


def _write_temp(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path`, flushed to disk."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # NOTE: mkstemp makes the file private (0600); the renamed file keeps the target's mode, or a plain file's.
        os.fchmod(fd, path.stat().st_mode & 0o7777 if path.exists() else NEW_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _publish(temp: Path, path: Path) -> None:
    """Rename the finished temporary file over the target, in one step."""
    os.replace(temp, path)


def _publish_new(temp: Path, path: Path) -> None:
    """Give the finished temporary file the target's name, failing if that name is taken."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # NOTE: a filesystem without hard links: claim the name exclusively, then rename the finished file over it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE))
        _publish(temp, path)
