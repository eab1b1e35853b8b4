"""YAML files → validated records with line numbers; returns records and problems, never raises on bad data."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dashboard.problems import shown
from dashboard.records.schema import Dismissal, Indicator, Observation, Source
from dashboard.yamlio.reading import (  # noqa: F401 - re-exported: the loader's public names stay here
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Document,
    Mark,
    Path_,
    parse_yaml,
    read_text,
)


@dataclass(frozen=True, slots=True)
class Located:
    """A validated record and where its parts are in the file."""

    record: Any
    path: Path_
    line: int

    @property
    def index(self) -> int:
        """The record's place in its list, the last step of its path."""
        index = self.path[-1]
        assert isinstance(index, int)  # every record is an item of a list
        return index


@dataclass
class IndicatorEntry:
    """A valid indicator, with the line of the record and of each of its observations."""

    indicator: Indicator
    path: Path_
    line: int
    observations: list[Located]


def load_records(path: Path, label: str, key: str) -> tuple[Document, list[tuple[tuple[str, int], Any]]]:
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
    return _load_located(path, label, "sources", Source, lambda raw, rpath: record_label(raw, "source"))


def load_dismissals(path: Path, label: str = "data/dismissed.yaml") -> tuple[list[Located], Document]:
    """Validated dismissals from data/dismissed.yaml, with the document that holds their marks and problems."""
    return _load_located(path, label, "dismissed", Dismissal, lambda raw, rpath: f"dismissal {rpath[-1] + 1}")


def _load_located(
    path: Path, label: str, key: str, model: type[BaseModel], name: Callable[[Any, tuple[str, int]], str]
) -> tuple[list[Located], Document]:
    """The records under `key` that `model` validates, each with its path and line; `name` says which in a problem."""
    doc, raws = load_records(path, label, key)
    out: list[Located] = []
    for rpath, raw in raws:
        record = validate(model, raw, rpath, doc, name(raw, rpath))
        if record is not None:
            out.append(Located(record, rpath, doc.mark(rpath).line))
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
    "bad_update_period": "bad-update-period",
    "string_too_long": "too-large",
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
            where = (*path, *err["loc"])
            # NOTE: a refused value was reported already; a complaint about it or what holds it would only echo.
            if not doc.is_refused(where) and not doc.holds_refused(where):
                _report(model, err, path, doc, label)
        return None


def _report(model: type[BaseModel], err: ErrorDetails, path: Path_, doc: Document, label: str) -> None:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = (*path, *loc)
    field_name = ".".join(str(part) for part in loc) or "record"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = difflib.get_close_matches(name, list(model.model_fields), n=1)
        guess = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(model.model_fields)}"
        doc.error("unknown-field", where, f"{label}: unknown field '{shown(name)}'{guess}", key=True)
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
        message = f"'{shown(err['input'])}' is not one of {allowed}"
    elif kind == "string_too_long":
        size = len(err["input"]) if isinstance(err["input"], str) else 0
        message = f"{size:,} characters is longer than the limit of {err['ctx']['max_length']:,}; shorten it"
    elif kind == "finite_number":
        message = f"'{mark.raw or err['input']}' is not a finite number; write the figure itself"
    where_to = where if loc else path
    doc.error(code, where_to, f"{label}: {field_name}: {message}" if loc else f"{label}: {message}")


def _type_message(err: ErrorDetails, mark: Mark) -> str:
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
    if expected == "number" and isinstance(given, str) and _reads_as_number(given):
        return (
            f"expected a number; YAML 1.1 reads '{shown(given)}' as text (an exponent needs a dot and a sign, "
            f"as in 1.0e+3), so write the number out: {_plain(float(given))}"
        )
    return f"expected {expected}, got '{shown(given)}'"


def _reads_as_number(text: str) -> bool:
    try:
        return len(text) < 40 and math.isfinite(float(text))
    except ValueError:
        return False


def _plain(number: float) -> str:
    return f"{int(number)}" if number.is_integer() and abs(number) < 1e15 else f"{number:g}"


def record_label(raw: Any, what: str) -> str:
    """`indicator 'key_rate'`, or just `indicator` when the record has no usable id."""
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str) and ident:
            return f"{what} '{shown(ident)}'"
    return what
