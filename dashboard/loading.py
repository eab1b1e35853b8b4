"""YAML files → validated records with line numbers; returns records and problems, never raises on bad data."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from dashboard.problems import Problem, error
from dashboard.schema import Dismissal, Indicator, Observation, Source

# NOTE: libyaml's C parser does the scanning; we build the Python values ourselves from its nodes,
# so that every value keeps its line and no tag can ever construct an object.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files larger than this are refused before parsing; the real data is a few dozen KB.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Deeper nesting than this is refused; the schema never needs more than five levels.
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_SCALAR = yaml.constructor.SafeConstructor()
#: Plain scalars are converted the way YAML 1.1 reads them, except timestamps, which stay text.
_CONVERT: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _TAG + "str": lambda node: node.value,
    _TAG + "timestamp": lambda node: node.value,
    _TAG + "int": _SCALAR.construct_yaml_int,
    _TAG + "float": _SCALAR.construct_yaml_float,
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

    def is_refused(self, path: Path_) -> bool:
        """Whether `path` or one of its ancestors was refused."""
        return any(path[:n] in self.refused for n in range(len(path) + 1))

    def holds_refused(self, path: Path_) -> bool:
        """Whether something under `path` was refused (so a record-level complaint would only echo it)."""
        return any(refused[: len(path)] == path for refused in self.refused)


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (a byte-order mark is dropped), or the problem that stopped it."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            size = path.stat().st_size // (1024 * 1024)
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, [error("too-large", label, None, None, f"file is {size} MB; the limit is {limit} MB")]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [error("file-missing", label, None, None, f"no such file: {path}")]
    except OSError as exc:
        return None, [error("file-unreadable", label, None, None, f"cannot read {path}: {exc.strerror}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [error("not-utf8", label, line, column, message)]


def parse_yaml(text: str, file: str) -> Document:
    """Parse YAML text into plain values with a mark for every node; problems instead of exceptions."""
    doc = Document(file)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        context, problem = exc.context_mark, exc.problem_mark
        if context is not None and problem is not None and context.line != problem.line:
            what += f" (the construct began at line {exc.context_mark.line + 1})"
        doc.problems.append(error("yaml-syntax", file, line, column, f"YAML syntax: {what}"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(error("yaml-syntax", file, None, None, f"YAML syntax: {exc}"))
        return doc
    except RecursionError:
        doc.problems.append(error("too-large", file, None, None, f"nesting is deeper than {MAX_DEPTH} levels"))
        return doc
    finally:
        loader.dispose()
    if root is None:
        doc.problems.append(error("empty-file", file, 1, 1, "the file is empty (or only comments)"))
        return doc
    doc.data = _build(root, (), doc, set(), 0)
    return doc


def _build(node: yaml.Node, path: Path_, doc: Document, seen: set[int], depth: int) -> Any:
    mark = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen:
        # NOTE: the composer hands an alias back as the very node it names, so a second visit is an alias;
        # the alias has no mark of its own, so it is reported where its key is.
        doc.marks[path] = doc.key_marks.get(path) or doc.mark(path[:-1])
        return doc.refuse(
            "alias-refused", path, "anchors and aliases (&name, *name) are not allowed; write the value out"
        )
    seen.add(id(node))
    doc.marks[path] = mark
    if depth > MAX_DEPTH:
        return doc.refuse("too-large", path, f"nesting is deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.ScalarNode):
        convert = _CONVERT.get(node.tag)
        if convert is None:
            return doc.refuse("tag-refused", path, f"the tag '{_short_tag(node.tag)}' is not allowed; remove it")
        try:
            value = convert(node)
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
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


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
            message = f"key '{key}' appears twice in this mapping (first at line {first.line}); keep one"
            doc.problems.append(error("duplicate-key", doc.file, key_mark.line, key_mark.column, message))
            continue
        doc.key_marks[child] = key_mark
        out[key] = _build(value_node, child, doc, seen, depth + 1)
    return out


@dataclass(frozen=True, slots=True)
class Located:
    """A validated record and where its parts are in the file."""

    record: Any
    path: Path_
    line: int


@dataclass
class IndicatorEntry:
    """A valid indicator, with the line of the record and of each of its observations."""

    indicator: Indicator
    path: Path_
    line: int
    observations: list[Located]


def load_records(path: Path, label: str, key: str) -> tuple[Document, list[tuple[Path_, Any]]]:
    """Read `path` and return the raw records under its top-level `key`, with their paths."""
    text, problems = read_text(path, label)
    if text is None:
        doc = Document(label)
        doc.problems.extend(problems)
        return doc, []
    doc = parse_yaml(text, label)
    data = doc.data
    if doc.problems and data is None:
        return doc, []
    if not isinstance(data, dict):
        doc.error("not-a-mapping", (), f"the file must be a mapping with a top-level '{key}:' list")
        return doc, []
    for extra in data.keys() - {key}:
        doc.error("unknown-field", (extra,), f"unknown top-level key '{extra}'; only '{key}:' is read", key=True)
    if key not in data:
        doc.error("missing-field", (), f"the file has no top-level '{key}:' list")
        return doc, []
    records = data[key]
    if records is None or records == []:
        doc.error("empty-file", (key,), f"'{key}:' holds no records")
        return doc, []
    if not isinstance(records, list):
        doc.error("wrong-type", (key,), f"'{key}:' must be a list of records (each starting with '- ')")
        return doc, []
    return doc, [((key, i), record) for i, record in enumerate(records)]


def load_sources(path: Path, label: str = "data/sources.yaml") -> tuple[list[Located], Document]:
    """Validated sources from data/sources.yaml, with the document that holds their marks and problems."""
    doc, raws = load_records(path, label, "sources")
    out: list[Located] = []
    for rpath, raw in raws:
        source = validate(Source, raw, rpath, doc, record_label(raw, "source"))
        if source is not None:
            out.append(Located(source, rpath, doc.mark(rpath).line))
    return out, doc


def load_dismissals(path: Path, label: str = "data/dismissed.yaml") -> tuple[list[Located], Document]:
    """Validated dismissals from data/dismissed.yaml, with the document that holds their marks and problems."""
    doc, raws = load_records(path, label, "dismissed")
    out: list[Located] = []
    for rpath, raw in raws:
        dismissal = validate(Dismissal, raw, rpath, doc, f"dismissal {rpath[-1] + 1}")
        if dismissal is not None:
            out.append(Located(dismissal, rpath, doc.mark(rpath).line))
    return out, doc


def load_indicators(path: Path, label: str = "indicators.yaml") -> tuple[list[IndicatorEntry], Document]:
    """Validated indicators; an invalid observation is dropped on its own, not with its indicator."""
    doc, raws = load_records(path, label, "indicators")
    out: list[IndicatorEntry] = []
    for rpath, raw in raws:
        if not isinstance(raw, dict):
            doc.error("not-a-mapping", rpath, "an indicator must be a mapping of fields (id:, name:, …)")
            continue
        label = record_label(raw, "indicator")
        raw_obs = raw.get("observations")
        kept: list[Located] = []
        if isinstance(raw_obs, list):
            for i, item in enumerate(raw_obs):
                opath = (*rpath, "observations", i)
                obs = validate(Observation, item, opath, doc, f"{label}, observation {i + 1}")
                if obs is not None:
                    kept.append(Located(obs, opath, doc.mark(opath).line))
        head = {**raw, "observations": [loc.record for loc in kept]} if isinstance(raw_obs, list) else raw
        drop_short = isinstance(raw_obs, list) and bool(raw_obs) and not kept
        indicator = validate(Indicator, head, rpath, doc, label, skip_observations_length=drop_short)
        if indicator is not None:
            out.append(IndicatorEntry(indicator, rpath, doc.mark(rpath).line, kept))
    return out, doc


#: pydantic's error types, grouped under our problem codes.
_ERROR_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "missing_reason": "missing-field",
    "missing_status": "missing-status",
    "bad_period": "bad-period",
}


def validate(
    model: type[BaseModel],
    raw: Any,
    path: Path_,
    doc: Document,
    label: str,
    *,
    skip_observations_length: bool = False,
) -> Any:
    """`model` validated from `raw`, or None with a problem per error at the line of the field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            if skip_observations_length and err["loc"] == ("observations",) and err["type"] == "too_short":
                continue
            if not doc.is_refused((*path, *err["loc"])) and not (err["loc"] == () and doc.holds_refused(path)):
                _report(model, err, path, doc, label)
        return None


def _report(model: type[BaseModel], err: dict, path: Path_, doc: Document, label: str) -> None:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = (*path, *loc)
    field_name = ".".join(str(part) for part in loc) or "record"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = difflib.get_close_matches(name, list(model.model_fields), n=1)
        guess = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(model.model_fields)}"
        doc.error("unknown-field", where, f"{label}: unknown field '{name}'{guess}", key=True)
        return
    if kind == "missing":
        doc.error("missing-field", path, f"{label}: missing required field '{field_name}'")
        return
    code = _ERROR_CODES.get(kind)
    if code is None:
        code = "wrong-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"
    mark = doc.mark(where)
    message = err["msg"]
    if code == "wrong-type":
        message = _type_message(err, mark)
    elif kind == "literal_error":
        allowed = err["msg"].removeprefix("Input should be ").replace(" or ", ", ")
        message = f"'{err['input']}' is not one of {allowed}"
    where_to = where if loc else path
    doc.error(code, where_to, f"{label}: {field_name}: {message}" if loc else f"{label}: {message}")


def _type_message(err: dict, mark: Mark) -> str:
    expected = err["msg"].removeprefix("Input should be ").removeprefix("a valid ")
    given = err["input"]
    raw = mark.raw
    if isinstance(given, bool):
        return f"expected {expected}; YAML read '{raw}' as a yes/no value, so put it in quotes"
    if isinstance(given, int | float) and raw is not None:
        return f"expected {expected}; YAML read '{raw}' as a number, so put it in quotes"
    if given is None:
        return f"expected {expected}, but the value is empty"
    if isinstance(given, dict | list):
        return f"expected {expected}, got a {'mapping' if isinstance(given, dict) else 'list'}"
    return f"expected {expected}, got '{given}'"


def record_label(raw: Any, what: str) -> str:
    """`indicator 'key_rate'`, or just `indicator` when the record has no usable id."""
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str) and ident:
            return f"{what} '{ident}'"
    return what
