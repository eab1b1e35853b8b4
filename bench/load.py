"""The load row: load + validate + quote check against libyaml's C loader reading the same file, in the same run."""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable
from functools import partial

import yaml

from bench.generate import Project
from bench.table import Figure, paired, timed
from dashboard.records import cache
from dashboard.records.dataset import load_dataset

#: The issue's target: the whole load at most this many times the floor at 10,000 indicators.
TARGET_RATIO = 1.3
TARGET_SIZE = 10_000


def floor(text: str) -> object:
    """The floor the issue names: libyaml's C loader building plain Python values from the same text."""
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _without_collector(func: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return func()
        finally:
            gc.enable()

    return run


def check(project: Project) -> None:
    """Refuse to time a generated project whose records do not all verify (the benchmark would be measuring errors)."""
    data = load_dataset(project.root)
    verified = sum(r.verified for r in data.records)
    # NOTE: notices are no failure: random figures of one indicator and period from two texts disagree (texts-disagree).
    failing = [p for p in data.problems if p.severity != "notice"]
    if failing or verified != project.observations:
        first = failing[0].format() if failing else ""
        raise SystemExit(f"generated data at {project.root} does not verify ({verified} verified): {first}")


def measure(projects: dict[int, Project], repeat: int) -> list[Figure]:
    """Medians of the whole load and of its floor at each size, and the median per-pair ratio."""
    load = Figure("load + validate + quote check (load_dataset)", "s", target=f"≤{TARGET_RATIO}× floor at 10,000")
    base = Figure("floor: yaml.load(CSafeLoader), indicators.yaml", "s")
    bare = Figure("floor with the garbage collector off (reference)", "s")
    warm = Figure("load again, sources and texts unchanged (records.cache warm)", "s", target="stretch: ≤1× floor")
    for size, project in projects.items():
        check(project)
        text = (project.root / "indicators.yaml").read_text(encoding="utf-8")
        runs = repeat if size < TARGET_SIZE else max(3, repeat // 2)
        with cache.disabled():
            ours, theirs, ratio = paired(partial(load_dataset, project.root), partial(floor, text), runs)
        load.values[size], load.ratios[size], base.values[size] = ours, ratio, theirs
        floor_off = statistics.median(timed(_without_collector(partial(floor, text))) for _ in range(runs))
        bare.values[size], bare.ratios[size] = floor_off, ours / floor_off
        load_dataset(project.root)
        again, _, warm.ratios[size] = paired(partial(load_dataset, project.root), partial(floor, text), runs)
        warm.values[size] = again
        cache.clear()
    if TARGET_SIZE in load.ratios:
        load.met = load.ratios[TARGET_SIZE] <= TARGET_RATIO
        warm.met = warm.ratios[TARGET_SIZE] <= 1
    return [load, base, bare, warm]
