"""The finder's row on the text-count axis: find_mentions over every stored text in this process, against the floor.

The floor is bench/curation.py's (every stored text read, one combined figure pattern run over it), timed in pairs
with the finder so that noise hits both; the finder reads each text from disk too and is handed the language its
sources.yaml entry gives. Its sentence memo is emptied before each run, so every run is a first one.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from bench.curation import figure_pattern, floor
from bench.generate import Project
from bench.table import Figure, paired
from dashboard.curation import mentions
from dashboard.evidence.language import Language


def stored(project: Project) -> list[tuple[Path, Language]]:
    """Every stored text's file and language, as the project's data/sources.yaml gives them."""
    from dashboard.records.dataset import load_dataset

    data = load_dataset(project.root)
    return [(project.root / data.sources[sid].file, text.language) for sid, text in sorted(data.texts.items())]


def find_all(texts: list[tuple[Path, Language]]) -> int:
    """The finder over every stored text, read from disk: how many mentions it found."""
    mentions._in_sentence.cache_clear()
    return sum(len(mentions.find_mentions(path.read_text(encoding="utf-8"), lang)) for path, lang in texts)


def measure(projects: dict[int, Project], repeat: int) -> list[Figure]:
    """The finder's row at each text count of `projects` (keyed by text count), as a ratio to the floor."""
    row = Figure("finder, every stored text, one process (× floor)", "s")
    pattern = figure_pattern()
    for texts, project in projects.items():
        run, base = partial(find_all, stored(project)), partial(floor, project, pattern)
        row.values[texts], _, row.ratios[texts] = paired(run, base, repeat)
    return [row]
