"""Smoke run of the finder's bench row (bench/finder.py) on tiny generated projects; no timing asserted."""

from __future__ import annotations

from pathlib import Path

from bench import finder
from bench.generate import generate
from bench.table import render


def test_the_finder_row_reads_every_stored_text_in_its_language(tmp_path: Path) -> None:
    projects = {n: generate(tmp_path / f"t{n}", [6], texts=n, seed=1)[6] for n in (2, 4)}
    texts = finder.stored(projects[2])
    assert [(path.name, lang.CODE) for path, lang in texts] == [("src-0000.txt", "en"), ("src-0001.txt", "ru")]
    assert finder.find_all(texts) > 0
    (row,) = finder.measure(projects, repeat=1)
    assert row.name == "finder, every stored text, one process (× floor)"
    assert set(row.values) == set(row.ratios) == {2, 4}
    assert render([row], [2, 4], axis="stored texts").splitlines()[2].startswith("| finder, every stored text")
