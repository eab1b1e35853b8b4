"""The candidates' JSON written as it is made: the same bytes as json.dumps(to_json(…), indent=2), a row at a time.

At 1,000 stored texts the report is ~50,000 candidates and ~30 MB; json.dumps with an indent runs the pure-Python
encoder over all of it (1.3 s) and holds every piece at once (~150 MB). Each candidate is a flat mapping of strings,
numbers and nulls, so its lines are written straight from the C scalar encoder, and the rest through json.dumps.
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

#: The C encoder for one scalar, exactly as json.dumps(…, ensure_ascii=False) writes it.
_SCALAR = json.JSONEncoder(ensure_ascii=False).encode


def write_json(result: Survey, out: TextIO) -> None:
    """The report `candidates --format json` prints, and a newline, written to `out`."""
    # NOTE: the candidates are left out of to_json's dict and made one at a time, so only one is alive at once.
    report = to_json(Survey(coverage=result.coverage, problems=result.problems))
    report.pop("candidates")
    rows = result.candidates
    parts = [(name, value) for name, value in report.items()]
    out.write("{\n")
    for n, (name, value) in enumerate([*parts[:1], ("candidates", rows), *parts[1:]]):
        out.write(f"  {_SCALAR(name)}: ")
        if name == "candidates":
            _write_rows(rows, out, result.suggester)
        else:
            out.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  "))
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


def _value(value: object) -> str:
    """A candidate's field at the third level of indentation; its suggestions are small mappings of their own."""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n      ")
    return _SCALAR(value)


def _write_rows(rows: list[Item], out: TextIO, suggester: Suggester | None) -> None:
    """A list of flat mappings at the second level of indentation, as json.dumps(indent=2) lays it out."""
    if not rows:
        out.write("[]")
        return
    out.write("[\n")
    last = len(rows) - 1
    for n, row in enumerate(rows):
        fields = ",\n".join(f"      {_SCALAR(k)}: {_value(v)}" for k, v in candidate_json(row, suggester).items())
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
