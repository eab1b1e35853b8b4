"""The cache of sources and stored texts: reused while their files are unchanged, never hiding an edit."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from dashboard.records import cache
from dashboard.records.dataset import load_dataset


def test_unchanged_sources_are_reused_between_loads(project: Path) -> None:
    first = load_dataset(project)
    second = load_dataset(project)
    assert second.texts["gazette-2025-05"] is first.texts["gazette-2025-05"]
    assert second.sources == first.sources
    assert [r.verified for r in second.records] == [r.verified for r in first.records] == [True, True, True, True]


def test_an_edited_stored_text_is_read_again(project: Path) -> None:
    load_dataset(project)
    sample = project / "seeds" / "sample.txt"
    sample.write_text(sample.read_text(encoding="utf-8").replace("21 percent", "22 percent"), encoding="utf-8")
    data = load_dataset(project)
    assert [p.code for p in data.errors] == ["quote-not-found"]
    assert data.errors[0].line == 13


def test_an_edited_sources_file_is_parsed_again(project: Path) -> None:
    load_dataset(project)
    sources = project / "data" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("The Gazette\n", "The Evening Gazette\n", 1))
    assert load_dataset(project).sources["gazette-2025-05"].publisher == "The Evening Gazette"


def test_disabled_cache_reads_everything_again(project: Path) -> None:
    first = load_dataset(project)
    with cache.disabled():
        second = load_dataset(project)
    assert second.texts["gazette-2025-05"] is not first.texts["gazette-2025-05"]
    assert second.texts["gazette-2025-05"].text == first.texts["gazette-2025-05"].text


class _Node:
    """An object that can sit in a reference cycle and be watched through a weak reference."""


def test_what_a_long_lived_block_keeps_is_frozen_and_its_cycles_are_freed_by_the_next_block() -> None:
    with cache.long_lived():
        kept = _Node()
        kept.itself = kept  # a cycle: reference counting alone never frees it
    watch = weakref.ref(kept)
    assert gc.get_freeze_count() > 0
    del kept
    gc.collect()
    assert watch() is not None, "frozen objects are out of the collector's reach"
    with cache.long_lived():
        pass
    assert watch() is None


def test_a_check_is_computed_once_per_key_and_again_when_disabled() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    key = ("test", object())
    assert cache.checked(key, compute) == 1
    assert cache.checked(key, compute) == 1
    with cache.disabled():
        assert cache.checked(key, compute) == 2
    assert cache.checked(("test", "another"), compute) == 3


def test_kept_checks_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(cache, "MAX_CHECKS", 3)
    for n in range(5):
        cache.checked(("bounded", n), lambda n=n: n)
    assert cache.checked(("bounded", 0), lambda: "again") == "again"  # the oldest went first
    assert cache.checked(("bounded", 4), lambda: "again") == 4


def test_a_reload_searches_only_the_quotes_that_changed(project: Path, monkeypatch) -> None:
    from dashboard.records import dataset

    searched: list[str] = []
    real = dataset.search_quote

    def counting(quote, stored):
        searched.append(quote)
        return real(quote, stored)

    monkeypatch.setattr(dataset, "search_quote", counting)
    cache.clear()
    first = load_dataset(project)
    assert len(searched) == 4
    again = load_dataset(project)
    assert len(searched) == 4  # nothing changed: every check was kept
    assert [(p.code, p.line) for p in again.problems] == [(p.code, p.line) for p in first.problems]
    path = project / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("21 percent", "21  percent", 1), encoding="utf-8")
    edited = load_dataset(project)
    assert len(searched) == 5  # only the edited quote was looked for again
    assert [r.verified for r in edited.records] == [r.verified for r in first.records]
