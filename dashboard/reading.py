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

# NOTE: libyaml's C parser does the scanning; we build the Python values ourselves from its nodes,
# so that every value keeps its line and no tag can ever construct an object.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files larger than this are refused unread; the real file is 30 KB and 10,000 indicators about 8 MB.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Deeper nesting than this is refused; the schema never needs more than five levels.
MAX_DEPTH = 64
#: Above this conservative bound the file's depth is measured from parser events before composing,
#: because libyaml's composer recurses in C and overflows the stack somewhere past 10,000 levels.
SAFE_COMPOSE_DEPTH = 1000

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_SCALAR = yaml.constructor.SafeConstructor()
#: C0 and C1 controls other than tab and line ends: invisible, and able to drive a terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: A line whose leading indentation and block indicators could nest blocks deeper than SAFE_COMPOSE_DEPTH.
_DEEP_LINE = re.compile(rf"(?:\A|\n)[ \-?:]{{{SAFE_COMPOSE_DEPTH // 2}}}")


class Surprise(ValueError):
    """A plain scalar that YAML 1.1 reads as something its writer almost surely did not mean."""


def _to_int(node: yaml.ScalarNode) -> int:
    text = node.value.replace("_", "")
    digits = text.lstrip("+-")
    if digits.isdigit() and (len(digits) == 1 or digits[0] != "0"):
        return int(text)
    kind = "base-60" if ":" in text else "hexadecimal" if "x" in text else "binary" if "b" in text else "octal"
    read = _SCALAR.construct_yaml_int(node)
    raise Surprise(f"YAML 1.1 reads '{node.value}' as the {kind} number {read}; write it in plain digits, or quote it")


def _to_float(node: yaml.ScalarNode) -> float:
    if ":" in node.value:
        read = _SCALAR.construct_yaml_float(node)
        raise Surprise(f"YAML 1.1 reads '{node.value}' as the base-60 number {read:g}; write it in plain digits")
    return _SCALAR.construct_yaml_float(node)


#: Plain scalars are converted the way YAML 1.1 reads them, except timestamps, which stay text.
_CONVERT: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _TAG + "timestamp": lambda node: node.value,
    _TAG + "int": _to_int,
    _TAG + "float": _to_float,
    _TAG + "bool": _SCALAR.construct_yaml_bool,
    _TAG + "null": lambda node: None,
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
    aliased: set[int] = field(default_factory=set)

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


def parse_yaml(text: str, file: str) -> Document:
    """Parse YAML text into plain values with a mark for every node; problems instead of exceptions."""
    doc = Document(file)
    try:
        deep = _too_deep(text)
        if deep is not None:
            doc.problems.append(error("too-large", file, deep.line, deep.column, _DEPTH_MESSAGE))
            return doc
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        doc.problems.append(reader_problem(exc, text, file))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(syntax_problem(exc, text, file))
        return doc
    except (RecursionError, MemoryError):
        doc.problems.append(error("too-large", file, None, None, "the file is too deeply nested or too large to read"))
        return doc
    if root is None:
        what = "the file is empty" if not text.strip() else "the file holds only comments, no records"
        doc.problems.append(error("empty-file", file, 1, 1, what))
        return doc
    doc.data = _build(root, (), doc, set(), 0)
    return doc


_DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels; the records need five"


def _too_deep(text: str) -> Mark | None:
    """Where nesting first passes MAX_DEPTH, measured from events only when a cheap bound says it might."""
    bound = text.count("[") + text.count("{")
    if bound <= SAFE_COMPOSE_DEPTH // 2 and _DEEP_LINE.search(text) is None:
        return None
    depth = 0
    loader = _Loader(text)
    try:
        # NOTE: libyaml's parser keeps its own stack on the heap, so walking events cannot overflow ours.
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                # NOTE: the root counts here but not in _build, hence the + 1, so both report the same node.
                if depth > MAX_DEPTH + 1:
                    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _build(node: yaml.Node, path: Path_, doc: Document, seen: set[int], depth: int) -> Any:
    mark = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen:
        # NOTE: the composer hands an alias back as the very node it names, so a second visit is an alias;
        # the alias has no mark of its own, so it is reported where its key is.
        doc.marks[path] = doc.key_marks.get(path) or doc.mark(path[:-1])
        if id(node) in doc.aliased:
            doc.refused.add(path)
            doc.refused_under.update(path[:n] for n in range(len(path) + 1))
            return None
        doc.aliased.add(id(node))
        return doc.refuse(
            "alias-refused", path, "anchors and aliases (&name, *name) are not allowed; write the value out"
        )
    seen.add(id(node))
    doc.marks[path] = mark
    if depth > MAX_DEPTH:
        return doc.refuse("too-large", path, _DEPTH_MESSAGE)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            # NOTE: only double quotes have escapes; libyaml's reader already refuses raw control characters.
            if node.style == '"' and CONTROL.search(node.value):
                char = ord(CONTROL.search(node.value).group())
                return doc.refuse("control-character", path, f"an escape makes control character U+{char:04X}")
            return node.value
        convert = _CONVERT.get(node.tag)
        if convert is None:
            return doc.refuse("tag-refused", path, f"the tag '{_short_tag(node.tag)}' is not allowed; remove it")
        try:
            value = convert(node)
        except Surprise as exc:
            return doc.refuse("ambiguous-number", path, str(exc))
        except (ValueError, yaml.YAMLError):
            value = node.value
        if not isinstance(value, str):
            doc.marks[path] = Mark(mark.line, mark.column, node.value)
        return value
    if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
        return [_build(item, (*path, i), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
        return _build_mapping(node, path, doc, seen, depth)
    return doc.refuse("tag-refused", path, f"the tag '{_short_tag(node.tag)}' is not allowed; remove it")


def _short_tag(tag: str) -> str:
    return shown("!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag)


def _build_mapping(node: yaml.MappingNode, path: Path_, doc: Document, seen: set[int], depth: int) -> dict:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            doc.problems.append(
                error("not-a-mapping", doc.file, key_mark.line, key_mark.column, "a key must be a name")
            )
            continue
        key = key_node.value
        if key == "<<" and key_node.tag == _TAG + "merge":
            doc.problems.append(
                error("alias-refused", doc.file, key_mark.line, key_mark.column, "merge keys (<<) are not allowed")
            )
            continue
        child = (*path, key)
        if key in out:
            first = doc.key_marks[child]
            message = f"key '{shown(key)}' appears twice in this mapping (first at line {first.line}); keep one"
            doc.problems.append(error("duplicate-key", doc.file, key_mark.line, key_mark.column, message))
            continue
        doc.key_marks[child] = key_mark
        out[key] = _build(value_node, child, doc, seen, depth + 1)
    return out
