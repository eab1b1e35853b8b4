"""Bytes → plain YAML values with a mark for every node; size, encoding, depth and syntax answered as problems."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

import yaml

from dashboard.problems import Problem, error
from dashboard.yamlio.document import Document, Mark, Path_  # noqa: F401 - re-exported: the reader's public names
from dashboard.yamlio.errors import reader_problem, syntax_problem
from dashboard.yamlio.walk import DEPTH_MESSAGE, EMPTY, MAX_DEPTH, TooDeep, Walk, mark_of

# NOTE: libyaml's C parser does the scanning; dashboard.yamlio.walk builds the Python values from its events
# (no node tree, no recursion), so that every value keeps its line and no tag can ever construct an object.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files larger than this are refused unread; the real file is 30 KB and 10,000 indicators about 8 MB.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: A file that could nest deeper than this is treated as hostile: nesting past MAX_DEPTH anywhere in it
#: refuses the whole file (one problem), where a merely deep value in an ordinary file is refused alone.
HOSTILE_DEPTH = 1000
#: A line whose leading indentation and block indicators could nest blocks deeper than HOSTILE_DEPTH.
_DEEP_LINE = re.compile(rf"(?:\A|\n)[ \-?:]{{{HOSTILE_DEPTH // 2}}}")


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (a byte-order mark is dropped), or the problem that stopped it."""
    raw, problems = read_bytes(path, label)
    if raw is None:
        return None, problems
    return decode_text(raw, label)


def decode_text(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """A file's bytes as UTF-8 text (a byte-order mark is dropped), or the problem with the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # NOTE: everything before the bad byte is valid UTF-8, so the column can count characters, as editors do.
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [error("not-utf8", label, line, column, message)]


def read_bytes(path: Path, label: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, at most `limit` of them, or the problem that stopped it (a FIFO or device is not opened)."""
    try:
        # NOTE: a FIFO would block the open and a device would never end, so neither is opened, let alone read.
        kind = _not_regular(os.stat(path).st_mode)
        if kind is None:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "rb") as handle:
                stat_ = os.fstat(handle.fileno())
                # NOTE: checked again on the open file, in case the path was swapped after the first look.
                kind, size = _not_regular(stat_.st_mode), stat_.st_size
                raw = b"" if kind or size > limit else _bounded_read(handle, size, limit)
    except FileNotFoundError:
        return None, [error("file-missing", label, None, None, f"no such file: {path}")]
    except OSError as exc:
        return None, [error("file-unreadable", label, None, None, f"cannot read {path}: {exc.strerror}")]
    if kind is not None:
        message = f"{path} is {kind}, not a plain file; only plain files are read"
        return None, [error("not-a-file", label, None, None, message)]
    if size > limit or len(raw) > limit:
        return None, [error("too-large", label, None, None, too_large_message(max(size, len(raw)), limit))]
    return raw, []


def _bounded_read(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the open file, whose size was `size` when it was opened."""
    # NOTE: asked for limit + 1 bytes at once, the reader sets aside a buffer of that size (32 MB) for each file:
    # that was two thirds of reading 1,000 texts. Reading on past `size` still catches a file that grew since.
    raw = handle.read(size + 1)
    if len(raw) > size:
        raw += handle.read(limit + 1 - len(raw))
    return raw


def too_large_message(size: int, limit: int) -> str:
    """`file is 40 MB; the limit is 32 MB` (in bytes when the limit is under a megabyte)."""
    if limit < 2**20:
        return f"file is {size:,} bytes; the limit is {limit:,} bytes"
    return f"file is {size / 2**20:.0f} MB; the limit is {limit // 2**20} MB"


#: What a file that is not a plain one is, in words, by the stat test that recognises it.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a file of this mode is, in words, when it is not a plain file (None when it is)."""
    return None if stat.S_ISREG(mode) else next((what for test, what in _KINDS if test(mode)), "not a plain file")


def parse_yaml(text: str, file: str) -> Document:
    """Parse YAML text into plain values with a mark for every node; problems instead of exceptions."""
    doc = Document(file)
    hostile = _may_be_deep(text)
    try:
        loader = _Loader(text)
        try:
            root = Walk(loader, doc, hostile).run()
        finally:
            loader.dispose()
    except TooDeep as exc:
        return _too_deep(file, exc.mark)
    except yaml.reader.ReaderError as exc:
        return _failed(file, reader_problem(exc, text, file))
    except yaml.composer.ComposerError as exc:
        # NOTE: a hostile file is refused for its depth before any anchor or document error, wherever it sits.
        deep = _deepest(text) if hostile else None
        return _too_deep(file, deep) if deep else _failed(file, syntax_problem(exc, text, file))
    except yaml.YAMLError as exc:
        return _failed(file, syntax_problem(exc, text, file))
    except (RecursionError, MemoryError):
        return _failed(file, error("too-large", file, None, None, "the file is too deeply nested or too large to read"))
    if root is EMPTY:
        what = "the file is empty" if not text.strip() else "the file holds only comments, no records"
        return _failed(file, error("empty-file", file, 1, 1, what))
    doc.data = root
    return doc


def _failed(file: str, problem: Problem) -> Document:
    """A document with no data and only the problem that stopped the parse."""
    doc = Document(file)
    doc.problems.append(problem)
    return doc


def _too_deep(file: str, mark: Mark) -> Document:
    return _failed(file, error("too-large", file, mark.line, mark.column, DEPTH_MESSAGE))


def _may_be_deep(text: str) -> bool:
    """Whether the text could nest past HOSTILE_DEPTH at all (a cheap bound from brackets and indentation)."""
    bound = text.count("[") + text.count("{")
    return bound > HOSTILE_DEPTH // 2 or _DEEP_LINE.search(text) is not None


def _deepest(text: str) -> Mark | None:
    """Where nesting first passes MAX_DEPTH anywhere in the stream, from parser events alone."""
    depth = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return mark_of(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None
