"""Bytes → plain YAML values with a mark for every node; size, encoding, depth and syntax answered as problems."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dashboard.problems import Problem, error, shown
from dashboard.yaml_errors import reader_problem, syntax_problem

# NOTE: libyaml's C parser does the scanning; we build the Python values ourselves from its events (no node
# tree, no recursion), so that every value keeps its line and no tag can ever construct an object.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files larger than this are refused unread; the real file is 30 KB and 10,000 indicators about 8 MB.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Deeper nesting than this is refused; the schema never needs more than five levels.
MAX_DEPTH = 64
#: A file that could nest deeper than this is treated as hostile: nesting past MAX_DEPTH anywhere in it
#: refuses the whole file (one problem), where a merely deep value in an ordinary file is refused alone.
HOSTILE_DEPTH = 1000

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = _TAG + "str", _TAG + "seq", _TAG + "map", _TAG + "merge"
_SCALAR = yaml.constructor.SafeConstructor()
#: C0 and C1 controls other than tab and line ends: invisible, and able to drive a terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: A line whose leading indentation and block indicators could nest blocks deeper than HOSTILE_DEPTH.
_DEEP_LINE = re.compile(rf"(?:\A|\n)[ \-?:]{{{HOSTILE_DEPTH // 2}}}")


class Surprise(ValueError):
    """A plain scalar that YAML 1.1 reads as something its writer almost surely did not mean."""


def _to_int(value: str) -> int:
    text = value.replace("_", "")
    digits = text.lstrip("+-")
    if digits.isdigit() and (len(digits) == 1 or digits[0] != "0"):
        return int(text)
    kind = "base-60" if ":" in text else "hexadecimal" if "x" in text else "binary" if "b" in text else "octal"
    read = _SCALAR.construct_yaml_int(yaml.ScalarNode(_TAG + "int", value))
    raise Surprise(f"YAML 1.1 reads '{value}' as the {kind} number {read}; write it in plain digits, or quote it")


def _to_float(value: str) -> float:
    read = _SCALAR.construct_yaml_float(yaml.ScalarNode(_TAG + "float", value))
    if ":" in value:
        raise Surprise(f"YAML 1.1 reads '{value}' as the base-60 number {read:g}; write it in plain digits")
    return read


#: Plain scalars are converted the way YAML 1.1 reads them, except timestamps, which stay text.
_CONVERT: dict[str, Callable[[str], Any]] = {
    _TAG + "timestamp": lambda value: value,
    _TAG + "int": _to_int,
    _TAG + "float": _to_float,
    _TAG + "bool": lambda value: _SCALAR.bool_values[value.lower()],
    _TAG + "null": lambda value: None,
}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a node starts (1-based), and its source text when YAML read it as something other than text."""

    line: int
    column: int
    raw: str | None = None


@dataclass
class Document:
    """A parsed YAML file: plain values, the place of every value and key, and what went wrong."""

    file: str
    data: Any = None
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: set[Path_] = field(default_factory=set)
    #: Every ancestor of a refused path, so that asking "is anything under here refused?" is one lookup.
    refused_under: set[Path_] = field(default_factory=set)
    #: Anchored nodes whose first alias was reported; later aliases of the same anchor are refused quietly.
    aliased: set[str] = field(default_factory=set)

    def mark(self, path: Path_) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one."""
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def error(self, code: str, path: Path_, message: str, *, key: bool = False) -> Problem:
        """An error located at `path` (at its key when `key` is true) in this file."""
        mark = self.key_marks.get(path) if key else None
        mark = mark or self.mark(path)
        problem = error(code, self.file, mark.line, mark.column, message)
        self.problems.append(problem)
        return problem

    def refuse(self, code: str, path: Path_, message: str) -> None:
        """Report a value the loader will not build; later checks stay quiet about the hole it leaves."""
        self.error(code, path, message)
        self.refused.add(path)
        self.refused_under.update(path[:n] for n in range(len(path) + 1))

    def is_refused(self, path: Path_) -> bool:
        """Whether `path` or one of its ancestors was refused."""
        return any(path[:n] in self.refused for n in range(len(path) + 1))

    def holds_refused(self, path: Path_) -> bool:
        """Whether something under `path` was refused (so a record-level complaint would only echo it)."""
        return path in self.refused_under


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (a byte-order mark is dropped), or the problem that stopped it."""
    try:
        # NOTE: a FIFO would block the open and a device would never end, so neither is opened, let alone read.
        kind = _not_regular(os.stat(path).st_mode)
        if kind is None:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "rb") as handle:
                stat_ = os.fstat(handle.fileno())
                # NOTE: checked again on the open file, in case the path was swapped after the first look.
                kind, size = _not_regular(stat_.st_mode), stat_.st_size
                # NOTE: the bounded read also catches a file that grows after the size was taken.
                raw = b"" if kind or size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None, [error("file-missing", label, None, None, f"no such file: {path}")]
    except OSError as exc:
        return None, [error("file-unreadable", label, None, None, f"cannot read {path}: {exc.strerror}")]
    if kind is not None:
        message = f"{path} is {kind}, not a plain file; only plain files are read"
        return None, [error("not-a-file", label, None, None, message)]
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        megabytes, limit = max(size, len(raw)) / 2**20, MAX_FILE_BYTES // 2**20
        return None, [error("too-large", label, None, None, f"file is {megabytes:.0f} MB; the limit is {limit} MB")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # NOTE: everything before the bad byte is valid UTF-8, so the column can count characters, as editors do.
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [error("not-utf8", label, line, column, message)]


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


_SCALAR_EVENT, _ALIAS_EVENT = yaml.ScalarEvent, yaml.AliasEvent
_SEQ_START, _MAP_START = yaml.SequenceStartEvent, yaml.MappingStartEvent
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
#: What the parse returns for a stream with no document at all.
_EMPTY = object()
#: A mapping's pending value that is read and dropped (its key was a duplicate, a merge or not a name).
_DROP = object()
_ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed; write the value out"


class _TooDeep(Exception):
    """Nesting past MAX_DEPTH in a hostile file: the whole file is refused at `mark`."""

    def __init__(self, mark: Mark) -> None:
        self.mark = mark


class _Walk:
    """libyaml's events → plain values and marks, one event at a time with an explicit stack."""

    def __init__(self, loader: Any, doc: Document, hostile: bool) -> None:
        self.loader, self.doc, self.hostile = loader, doc, hostile
        self.get = loader.get_event
        #: Where each anchor was set, for libyaml's own duplicate-anchor error.
        self.anchors: dict[str, yaml.Mark] = {}

    def run(self) -> Any:
        """The document's root value (_EMPTY for no document); raises YAMLError where the composer would."""
        get, doc, marks = self.get, self.doc, self.doc.marks
        get()  # NOTE: stream start
        if type(get()) is yaml.StreamEndEvent:
            return _EMPTY
        #: Open collections: [value, path, depth, next index or pending mapping value path (None: a key is next)].
        stack: list[list[Any]] = []
        root: Any = None
        event = get()
        first = event.start_mark
        while True:
            kind = type(event)
            if kind in _ENDS:
                stack.pop()
                if not stack:
                    break
                event = get()
                continue
            if stack:
                frame = stack[-1]
                parent, depth = frame[0], frame[2] + 1
                if type(parent) is list:
                    path = (*frame[1], frame[3])
                    frame[3] += 1
                else:
                    path, frame[3] = frame[3], None
                    if path is None:
                        frame[3] = self.key(event, frame)
                        event = get()
                        continue
                    if path is _DROP:
                        self.skip(event, depth)
                        event = get()
                        continue
            else:
                parent, path, depth = None, (), 0
            if kind is _ALIAS_EVENT:
                value = self.alias(event, path)
            else:
                if event.anchor is not None:
                    self.anchor(event)
                start = event.start_mark
                mark = marks[path] = Mark(start.line + 1, start.column + 1)
                if depth > MAX_DEPTH:
                    if kind is not _SCALAR_EVENT:
                        if self.hostile:
                            raise _TooDeep(mark)
                        self.skip_rest(depth)
                    value = doc.refuse("too-large", path, _DEPTH_MESSAGE)
                elif kind is _SCALAR_EVENT:
                    value = self.scalar(event, path, mark)
                else:
                    tag = event.tag
                    if tag is None or tag == "!" or tag == (_SEQ if kind is _SEQ_START else _MAP):
                        value = [] if kind is _SEQ_START else {}
                        stack.append([value, path, depth, 0 if kind is _SEQ_START else None])
                    else:
                        self.skip_rest(depth)
                        value = doc.refuse("tag-refused", path, _tag_message(tag))
            if parent is None:
                root = value
            elif type(parent) is list:
                parent.append(value)
            else:
                parent[path[-1]] = value
            if not stack:
                break
            event = get()
        get()  # NOTE: document end
        event = get()
        if type(event) is not yaml.StreamEndEvent:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", first, "but found another document", event.start_mark
            )
        return root

    def scalar(self, event: Any, path: Path_, mark: Mark) -> Any:
        """A scalar's value as YAML 1.1 reads it, or None and a problem when it is refused."""
        value, tag = event.value, self.tag(event)
        if tag == _STR:
            # NOTE: only double quotes have escapes; libyaml's reader already refuses raw control characters.
            if event.style == '"' and CONTROL.search(value):
                char = ord(CONTROL.search(value).group())
                return self.doc.refuse("control-character", path, f"an escape makes control character U+{char:04X}")
            return value
        convert = _CONVERT.get(tag)
        if convert is None:
            return self.doc.refuse("tag-refused", path, _tag_message(tag))
        try:
            read = convert(value)
        except Surprise as exc:
            return self.doc.refuse("ambiguous-number", path, str(exc))
        except (ValueError, yaml.YAMLError):
            read = value
        if not isinstance(read, str):
            self.doc.marks[path] = Mark(mark.line, mark.column, value)
        return read

    def tag(self, event: Any) -> str:
        """A scalar's tag: its own, or the one YAML 1.1 gives its text, as libyaml's composer decides it."""
        tag = event.tag
        return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit) if tag is None or tag == "!" else tag

    def key(self, event: Any, frame: list[Any]) -> Any:
        """The path of the value that follows this key, or _DROP when the key is reported instead."""
        doc, out = self.doc, frame[0]
        mark = _mark(event)
        kind = type(event)
        if kind is _ALIAS_EVENT:
            self.alias(event, None)
            if event.anchor not in doc.aliased:
                doc.aliased.add(event.anchor)
                doc.problems.append(error("alias-refused", doc.file, mark.line, mark.column, _ALIAS_MESSAGE))
            return _DROP
        if event.anchor is not None:
            self.anchor(event)
        if kind is not _SCALAR_EVENT:
            doc.problems.append(error("not-a-mapping", doc.file, mark.line, mark.column, "a key must be a name"))
            self.skip(event, frame[2] + 1, anchored=True)
            return _DROP
        key = event.value
        if key == "<<" and (event.tag or self.loader.resolve(yaml.ScalarNode, key, event.implicit)) == _MERGE:
            doc.problems.append(
                error("alias-refused", doc.file, mark.line, mark.column, "merge keys (<<) are not allowed")
            )
            return _DROP
        child = (*frame[1], key)
        if key in out:
            first = doc.key_marks[child]
            message = f"key '{shown(key)}' appears twice in this mapping (first at line {first.line}); keep one"
            doc.problems.append(error("duplicate-key", doc.file, mark.line, mark.column, message))
            return _DROP
        doc.key_marks[child] = mark
        return child

    def alias(self, event: Any, path: Path_ | None) -> None:
        """Refuse an alias (reported once per anchor), after libyaml's own check that its anchor exists."""
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        if path is None:
            return None
        doc = self.doc
        # NOTE: reported where its key is (or its list starts), as the value it names would have been.
        doc.marks[path] = doc.key_marks.get(path) or doc.mark(path[:-1])
        if event.anchor in doc.aliased:
            doc.refused.add(path)
            doc.refused_under.update(path[:n] for n in range(len(path) + 1))
            return None
        doc.aliased.add(event.anchor)
        return doc.refuse("alias-refused", path, _ALIAS_MESSAGE)

    def anchor(self, event: Any) -> None:
        """Note an anchor; setting one is allowed (only its use is refused), setting it twice is libyaml's error."""
        if event.anchor in self.anchors:
            raise yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence",
                self.anchors[event.anchor],
                "second occurrence",
                event.start_mark,
            )
        self.anchors[event.anchor] = event.start_mark

    def skip(self, event: Any, depth: int, anchored: bool = False) -> None:
        """Read past a whole node that is dropped unbuilt, still checking its anchors, aliases and depth."""
        kind = type(event)
        if kind is _ALIAS_EVENT:
            self.alias(event, None)
            return
        if event.anchor is not None and not anchored:
            self.anchor(event)
        if kind is not _SCALAR_EVENT:
            if self.hostile and depth > MAX_DEPTH:
                raise _TooDeep(_mark(event))
            self.skip_rest(depth)

    def skip_rest(self, depth: int) -> None:
        """Read up to the end of the collection that just started at `depth`."""
        level, get = 1, self.get
        while level:
            event = get()
            kind = type(event)
            if kind in _ENDS:
                level -= 1
            elif kind is _ALIAS_EVENT:
                self.alias(event, None)
            else:
                if event.anchor is not None:
                    self.anchor(event)
                if kind is not _SCALAR_EVENT:
                    level += 1
                    if self.hostile and depth + level - 1 > MAX_DEPTH:
                        raise _TooDeep(_mark(event))


def parse_yaml(text: str, file: str) -> Document:
    """Parse YAML text into plain values with a mark for every node; problems instead of exceptions."""
    doc = Document(file)
    hostile = _may_be_deep(text)
    try:
        loader = _Loader(text)
        try:
            root = _Walk(loader, doc, hostile).run()
        finally:
            loader.dispose()
    except _TooDeep as exc:
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
    if root is _EMPTY:
        what = "the file is empty" if not text.strip() else "the file holds only comments, no records"
        return _failed(file, error("empty-file", file, 1, 1, what))
    doc.data = root
    return doc


_DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels; the records need five"


def _failed(file: str, problem: Problem) -> Document:
    """A document with no data and only the problem that stopped the parse."""
    doc = Document(file)
    doc.problems.append(problem)
    return doc


def _too_deep(file: str, mark: Mark) -> Document:
    return _failed(file, error("too-large", file, mark.line, mark.column, _DEPTH_MESSAGE))


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
                    return _mark(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _mark(event: yaml.Event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


def _tag_message(tag: str) -> str:
    short = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return f"the tag '{shown(short)}' is not allowed; remove it"
