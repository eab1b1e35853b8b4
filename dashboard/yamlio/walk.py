"""libyaml's parser events → plain values and marks, iteratively: no node tree, no recursion, no tag ever run."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from dashboard.problems import error, shown
from dashboard.yamlio.document import Document, Mark, Path_, pack

#: Deeper nesting than this is refused; the schema never needs more than five levels.
MAX_DEPTH = 64
DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels; the records need five"
#: C0 and C1 controls other than tab and line ends: invisible, and able to drive a terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = _TAG + "str", _TAG + "seq", _TAG + "map", _TAG + "merge"
_SCALAR = yaml.constructor.SafeConstructor()
_SCALAR_EVENT, _ALIAS_EVENT, _SEQ_START = yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
#: What the walk returns for a stream with no document at all.
EMPTY = object()
#: A mapping's pending value that is read and dropped (its key was a duplicate, a merge or not a name).
_DROP = object()
_ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed; write the value out"


class Surprise(ValueError):
    """A plain scalar that YAML 1.1 reads as something its writer almost surely did not mean."""


class TooDeep(Exception):
    """Nesting past MAX_DEPTH in a file that may be hostile: the whole file is refused at `mark`."""

    def __init__(self, mark: Mark) -> None:
        self.mark = mark


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


def mark_of(event: Any) -> Mark:
    """Where an event starts, 1-based."""
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


def _tag_message(tag: str) -> str:
    short = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return f"the tag '{shown(short)}' is not allowed; remove it"


class Walk:
    """One document's events → its root value, with the doc's marks and problems filled in on the way."""

    def __init__(self, loader: Any, doc: Document, hostile: bool) -> None:
        self.loader, self.doc, self.hostile = loader, doc, hostile
        self.get = loader.get_event
        #: Where each anchor was set, for libyaml's own duplicate-anchor error.
        self.anchors: dict[str, yaml.Mark] = {}

    def run(self) -> Any:
        """The root value (EMPTY for no document); raises YAMLError where libyaml's composer would."""
        get, doc, resolve = self.get, self.doc, self.loader.resolve
        marks = doc.marks
        get()  # NOTE: the stream's start
        if type(get()) is yaml.StreamEndEvent:
            return EMPTY
        # Open collections: [value, path, depth, next index or pending key (None: a key is next), marks of
        # the children, marks of the keys].
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
                parent, at, depth, places = frame[0], frame[1], frame[2] + 1, frame[4]
                if type(parent) is list:
                    key = frame[3]
                    frame[3] = key + 1
                else:
                    key = frame[3]
                    frame[3] = None
                    if key is None:
                        frame[3] = self.key(event, frame)
                        event = get()
                        continue
                    if key is _DROP:
                        self.skip(event, depth)
                        event = get()
                        continue
            else:
                parent, at, key, depth, places = None, None, None, 0, marks.children(None)
            if kind is _ALIAS_EVENT:
                self.alias(event, () if at is None else (*at, key))
                value = None  # NOTE: a refused alias leaves a hole where the value it names would be
            else:
                if event.anchor is not None:
                    self.anchor(event)
                start = event.start_mark
                line, column = start.line + 1, start.column + 1
                places[key] = pack(line, column)
                if kind is _SCALAR_EVENT and depth <= MAX_DEPTH:
                    value, tag = event.value, event.tag
                    if tag is None or tag == "!":
                        tag = resolve(yaml.ScalarNode, value, event.implicit)
                    # NOTE: only double quotes have escapes; libyaml's reader already refuses raw control characters.
                    if tag != _STR or (event.style == '"' and CONTROL.search(value)):
                        value = self.scalar(value, tag, () if at is None else (*at, key), places, key, line, column)
                else:
                    value = self.collection(event, () if at is None else (*at, key), depth, stack, Mark(line, column))
            if parent is None:
                root = value
            elif type(parent) is list:
                parent.append(value)
            else:
                parent[key] = value
            if not stack:
                break
            event = get()
        get()  # NOTE: the document's end
        event = get()
        if type(event) is not yaml.StreamEndEvent:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", first, "but found another document", event.start_mark
            )
        return root

    def scalar(self, value: str, tag: str, path: Path_, places: dict, key: Any, line: int, column: int) -> Any:
        """A scalar that is not plain text: read as YAML 1.1 reads it, or None and a problem when refused."""
        if tag == _STR:
            found = CONTROL.search(value)
            assert found is not None  # only a text with a control character is passed here as text
            char = ord(found.group())
            return self.doc.refuse("control-character", path, f"an escape makes control character U+{char:04X}")
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
            places[key] = Mark(line, column, value)
        return read

    def collection(self, event: Any, path: Path_, depth: int, stack: list[list[Any]], mark: Mark) -> Any:
        """A new list or dict pushed on the stack, or None and a problem when it is refused (too deep, a tag)."""
        doc, kind = self.doc, type(event)
        if depth > MAX_DEPTH:
            if kind is not _SCALAR_EVENT:
                if self.hostile:
                    raise TooDeep(mark)
                self.skip_rest(depth)
            return doc.refuse("too-large", path, DEPTH_MESSAGE)
        tag = event.tag
        if tag is None or tag == "!" or tag == (_SEQ if kind is _SEQ_START else _MAP):
            value: Any = [] if kind is _SEQ_START else {}
            stack.append([value, path, depth, 0 if kind is _SEQ_START else None, doc.marks.children(path), None])
            if kind is not _SEQ_START:
                stack[-1][5] = doc.key_marks.children(path)
            return value
        self.skip_rest(depth)
        return doc.refuse("tag-refused", path, _tag_message(tag))

    def key(self, event: Any, frame: list[Any]) -> Any:
        """The key the next value is stored under, or _DROP when this key is reported instead."""
        doc, kind = self.doc, type(event)
        start = event.start_mark
        # NOTE: a Mark is made only for a problem; an ordinary key (20,000 at 1,000 indicators) needs its numbers.
        line, column = start.line + 1, start.column + 1
        if kind is _ALIAS_EVENT:
            self.alias(event, None)
            if event.anchor not in doc.aliased:
                doc.aliased.add(event.anchor)
                doc.problems.append(error("alias-refused", doc.file, line, column, _ALIAS_MESSAGE))
            return _DROP
        if event.anchor is not None:
            self.anchor(event)
        if kind is not _SCALAR_EVENT:
            doc.problems.append(error("not-a-mapping", doc.file, line, column, "a key must be a name"))
            self.skip(event, frame[2] + 1, anchored=True)
            return _DROP
        key, tag = event.value, event.tag
        if key == "<<" and tag in (None, "!"):
            tag = self.loader.resolve(yaml.ScalarNode, key, event.implicit)
        if key == "<<" and tag == _MERGE:
            message = "merge keys (<<) are not allowed"
            doc.problems.append(error("alias-refused", doc.file, line, column, message))
            return _DROP
        if key in frame[0]:
            first = doc.key_marks[(*frame[1], key)]
            message = f"key '{shown(key)}' appears twice in this mapping (first at line {first.line}); keep one"
            doc.problems.append(error("duplicate-key", doc.file, line, column, message))
            return _DROP
        frame[5][key] = pack(line, column)
        return key

    def alias(self, event: Any, path: Path_ | None) -> None:
        """Refuse an alias (reported once per anchor), after libyaml's own check that its anchor exists."""
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        if path is None:
            return None
        doc = self.doc
        # NOTE: reported where its key is (or its list starts), where the value it names would have been.
        doc.marks.put(path, doc.key_marks.get(path) or doc.mark(path[:-1]))
        if event.anchor in doc.aliased:
            return doc.refuse_quietly(path)
        doc.aliased.add(event.anchor)
        return doc.refuse("alias-refused", path, _ALIAS_MESSAGE)

    def anchor(self, event: Any) -> None:
        """Note an anchor: setting one is allowed (only its use is refused), setting it twice is libyaml's error."""
        if event.anchor in self.anchors:
            first = self.anchors[event.anchor]
            raise yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence", first, "second occurrence", event.start_mark
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
                raise TooDeep(mark_of(event))
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
                        raise TooDeep(mark_of(event))
