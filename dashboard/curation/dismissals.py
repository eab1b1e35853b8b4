"""The curator's dismissals (data/dismissed.yaml), each located in its stored text, or a problem saying why not."""

from __future__ import annotations

from pathlib import Path

from dashboard.evidence.provenance import closest_passage, locate_quote
from dashboard.problems import Problem, error, sort_problems
from dashboard.records.dataset import Dataset
from dashboard.records.loading import Located, load_dismissals


def locate_dismissals(data: Dataset, path: Path) -> tuple[list[tuple[str, tuple[int, int], Located]], list[Problem]]:
    """Each dismissal located in its stored text, and a problem for each that cannot be."""
    if not path.exists():
        return [], []
    label = _label(path, data.root)
    entries, doc = load_dismissals(path, label)
    problems = list(doc.problems)
    located = []
    for entry in entries:
        dismissal = entry.record
        stored = data.texts.get(dismissal.source)
        if dismissal.source not in data.sources:
            mark = doc.mark((*entry.path, "source"))
            message = f"dismissal {entry.index + 1}: source '{dismissal.source}' is not in data/sources.yaml"
            problems.append(error("unknown-source", label, mark.line, mark.column, message))
            continue
        if stored is None:
            continue
        citation = locate_quote(dismissal.quote, stored)
        if citation is None:
            mark = doc.mark((*entry.path, "quote"))
            file = data.sources[dismissal.source].file
            near = closest_passage(dismissal.quote, stored)
            hint = f"; closest passage at line {near[0]}" if near else "; copy it verbatim from the stored text"
            if near and near[1] and near[2]:
                hint += f" differs: '{near[1]}' vs '{near[2]}'"
            message = f"dismissal {entry.index + 1}: quote not found in {file}{hint}"
            problems.append(error("quote-not-found", label, mark.line, mark.column, message))
            continue
        located.append((dismissal.source, (citation.start, citation.end), entry))
    return located, sort_problems(problems)


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
