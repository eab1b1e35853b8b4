"""The candidates' JSON written as it is made: the same bytes as json.dumps(to_json(…), indent=2), a row at a time.

At 1,000 stored texts the report is ~50,000 candidates and ~45 MB; json.dumps with an indent runs the pure-Python
encoder over all of it and holds every piece at once (~150 MB). Here every container is laid out as json.dumps(…,
indent=2) lays it out, and each scalar is written as the encoder writes it (a string by its C function, a number by
its repr): a warm `candidates --format json` at 1,000 texts took 2.6-2.9 s with the candidates' small suggestion
mappings passed to json.dumps, and 1.85-1.9 s written here.
"""

from __future__ import annotations

import gc
import json
from typing import TextIO

from dashboard.curation import candidates, scans
from dashboard.curation.candidates import Item, Survey
from dashboard.curation.suggestions import Suggester
from dashboard.problems import Problem
from dashboard.records.dataset import Dataset

#: The encoder for one scalar, exactly as json.dumps(…, ensure_ascii=False) writes it.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
#: The C string encoder json.dumps(…, ensure_ascii=False) uses.
_STRING = json.encoder.encode_basestring
_INFINITY = float("inf")
#: A candidate's fields stand at the third level of indentation.
_FIELD = " " * 6


def write_json(result: Survey, out: TextIO) -> None:
    """The report `candidates --format json` prints, and a newline, written to `out`."""
    # NOTE: the candidates are left out of to_json's dict and made one at a time, so only one is alive at once.
    report = to_json(Survey(coverage=result.coverage, problems=result.problems))
    report.pop("candidates")
    rows = result.candidates
    parts = [(name, value) for name, value in report.items()]
    out.write("{\n")
    for n, (name, value) in enumerate([*parts[:1], ("candidates", rows), *parts[1:]]):
        out.write(f"  {_scalar(name)}: ")
        if name == "candidates":
            _write_rows(rows, out, result.suggester)
        else:
            out.write(_indented(value, "  "))
        out.write(",\n" if n < len(report) else "\n")
    out.write("}\n")


def stream_text(
    data: Dataset, out: TextIO, source: str | None = None, progress: scans.Progress | None = None
) -> list[Problem]:
    """The text report of survey() and write_text(), written one text at a time, and the problems it begins with.

    A survey holds every text's mentions (50,000 at 1,000 texts, a quarter of the command's memory); the report
    needs each text's once, and a text's kept suggestions (curation/kept.py) list its every mention's span and
    report lines, so here each text's entry is read, classified by span, written and let go: no scan is read when
    they are all kept. Only the texts with dismissals are classified first, since the dismissals that set nothing
    aside are reported before any candidate. `progress(done, total)` hears of each text scanned in worker processes.
    """
    collecting = gc.isenabled()
    # NOTE: the report makes some 200,000 objects, none in a cycle (the JSON's indenting encoder makes cycles, so it
    # keeps the collector): the collector's passes over them were a fifth of a warm run's time.
    gc.disable()
    try:
        return _stream_text(data, out, source, progress)
    finally:
        if collecting:
            gc.enable()


def _stream_text(data: Dataset, out: TextIO, source: str | None, progress: scans.Progress | None) -> list[Problem]:
    ground = candidates.prepare(data)
    chosen = {sid: stored for sid, stored in data.texts.items() if source is None or sid == source}
    used: set[int] = set()
    for sid in ground.dismissals:
        if sid in chosen:
            ground.classify(sid, scans.mentions_of(chosen[sid]), used)
    candidates.write_head(ground.problems, ground.unused(used) if source is None else [], out)
    suggester = Suggester(data)
    suggester.prepare(chosen, progress)
    per_source = []
    for sid in chosen:
        # NOTE: a text's kept suggestions list its every mention's span and report lines, so its scan is not read.
        entry = suggester.entry(sid)
        states, counted = ground.states(sid, entry.spans, set())
        file = counted.file
        lines = [
            f"{file}:{head}\n  suggested: {entry.line(span)}\n"
            for span, head, state in zip(entry.spans, entry.heads, states, strict=True)
            if state == "candidate"
        ]
        out.write("".join(lines))
        per_source.append(counted)
    candidates.write_coverage(candidates.Coverage(tuple(per_source)), out)
    return ground.problems


def _scalar(value: object) -> str:
    """One scalar as json.dumps(…, ensure_ascii=False) writes it."""
    # NOTE: the encoder's own encode() makes an iterator of chunks for anything but a string (1-2 µs a number).
    if isinstance(value, str):
        return _STRING(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and value == value and -_INFINITY < value < _INFINITY:
        return float.__repr__(value)
    return _ENCODE(value)


def _indented(value: object, indent: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) with its lines after the first indented by `indent`."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            # NOTE: json.dumps writes other keys (numbers, booleans, None) as strings of its own making.
            return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        inner = indent + "  "
        fields = ",\n".join(f"{inner}{_scalar(key)}: {_indented(item, inner)}" for key, item in value.items())
        return "{\n" + fields + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + _indented(item, inner) for item in value) + "\n" + indent + "]"
    return _scalar(value)


def _write_rows(rows: list[Item], out: TextIO, suggester: Suggester | None) -> None:
    """A list of flat mappings at the second level of indentation, as json.dumps(indent=2) lays it out."""
    if not rows:
        out.write("[]")
        return
    out.write("[\n")
    last = len(rows) - 1
    for n, row in enumerate(rows):
        item = candidate_json(row, suggester)
        fields = ",\n".join(f"{_FIELD}{_scalar(key)}: {_indented(value, _FIELD)}" for key, value in item.items())
        out.write("    {\n" + fields + ("\n    },\n" if n < last else "\n    }\n"))
    out.write("  ]")


def to_json(result: Survey) -> dict:
    """Candidates, coverage and problems as plain data for tools."""
    cov = result.coverage
    return {
        "coverage": {
            "mentions": cov.mentions,
            "covered": cov.covered,
            "dismissed": cov.dismissed,
            "candidates": cov.candidates,
            "share": cov.share,
            "sources": [
                {"source": s.source, "file": s.file, "mentions": s.mentions, "covered": s.covered}
                | {"dismissed": s.dismissed, "candidates": s.candidates, "share": s.share}
                for s in cov.sources
            ],
        },
        "candidates": [candidate_json(item, result.suggester) for item in result.candidates],
        "problems": [p.to_dict() for p in result.problems],
    }


def candidate_json(item: Item, suggester: Suggester | None = None) -> dict:
    """One candidate as plain data: where it is, what it says, the sentence and quote, and the suggestions."""
    return {
        "source": item.source,
        "file": item.file,
        "line": item.mention.line,
        "column": item.mention.column,
        "start": item.mention.start,
        "end": item.mention.end,
        "kind": item.mention.kind,
        "mention": item.mention.text,
        "value": item.mention.value,
        "qualifier": item.mention.qualifier,
        "unit": item.mention.unit,
        "sentence": item.sentence,
        "quote": item.quote,
    } | (suggester.fields(item.source, item.mention, item.text) if suggester else {})
