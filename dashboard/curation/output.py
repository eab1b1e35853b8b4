"""The candidates' JSON written as it is made: the same bytes as json.dumps(to_json(…), indent=2), a row at a time.

At 1,000 stored texts the report is ~50,000 candidates and ~30 MB; json.dumps with an indent runs the pure-Python
encoder over all of it (1.3 s) and holds every piece at once (~150 MB). Each candidate is a flat mapping of strings,
numbers and nulls, so its lines are written straight from the C scalar encoder, and the rest through json.dumps.
"""

from __future__ import annotations

import json
from typing import TextIO

from dashboard.curation.candidates import Item, Survey, candidate_json, to_json
from dashboard.curation.suggestions import Suggester

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
