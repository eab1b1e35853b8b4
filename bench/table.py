"""Figures of the benchmark, their growth exponent and the one table `make bench` prints."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: Shown in a cell whose piece of the project does not exist yet, so the bench runs at any stage.
NOT_BUILT = "n/a (not built)"
#: Worst growth exponent the issue accepts for any figure.
MAX_SLOPE = 1.1
#: Seconds a slow figure may spend on repeats; past it the median is of fewer runs (a slow figure is slow anyway).
BUDGET = 30.0


@dataclass
class Figure:
    """One row: a value per size, optionally the floor it is measured against, and its target."""

    name: str
    unit: str
    values: dict[int, float | None] = field(default_factory=dict)
    ratios: dict[int, float] = field(default_factory=dict)
    target: str = ""
    met: bool | None = None
    note: str = ""
    slope_applies: bool = True

    def slope(self) -> float | None:
        """Growth exponent: the least-squares slope of log(value) against log(size), from every measured size."""
        return growth_exponent({n: v for n, v in self.values.items() if v is not None})


def growth_exponent(values: dict[int, float]) -> float | None:
    """The log-log slope of `values` by size (1.0 is linear); None with fewer than two sizes."""
    points = [(math.log(n), math.log(v)) for n, v in values.items() if v and v > 0]
    if len(points) < 2:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else None


def timed(func: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def sample(func: Callable[[], object], repeat: int, budget: float = BUDGET) -> float:
    """Median of up to `repeat` timed calls, stopping early once they have taken `budget` seconds together."""
    times: list[float] = []
    while len(times) < repeat and sum(times) < budget:
        times.append(timed(func))
    return statistics.median(times)


def paired(func: Callable[[], object], floor: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Medians of `func`, of `floor` and of their per-pair ratio, the two run alternately so noise hits both."""
    ours, base, ratios = [], [], []
    for _ in range(repeat):
        b = timed(floor)
        a = timed(func)
        ours.append(a)
        base.append(b)
        ratios.append(a / b)
    return statistics.median(ours), statistics.median(base), statistics.median(ratios)


def format_value(value: float | None, unit: str) -> str:
    """A figure as the table prints it."""
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}".strip()


def _cell(fig: Figure, size: int) -> str:
    if fig.note == NOT_BUILT:
        return NOT_BUILT
    if size not in fig.values:
        return "not measured"
    text = format_value(fig.values[size], fig.unit)
    ratio = fig.ratios.get(size)
    return f"{text} ({ratio:.2f}×)" if ratio is not None else text


def render(figures: list[Figure], sizes: list[int], axis: str = "", labels: dict[int, str] | None = None) -> str:
    """The table in Markdown, as docs/performance.md carries it; `axis` names what sizes count, `labels` columns."""
    head = [
        f"figure ({axis})" if axis else "figure",
        *((labels or {}).get(n, f"{n:,}") for n in sizes),
        "growth",
        "target",
        "met",
    ]
    rows = [head, ["---"] * len(head)]
    notes: list[str] = []
    for fig in figures:
        slope = fig.slope() if fig.slope_applies and fig.note != NOT_BUILT else None
        growth = "–" if slope is None else f"{slope:.2f}" + ("" if slope <= MAX_SLOPE else " (>1.1)")
        met = {True: "yes", False: "NO", None: "–"}[fig.met]
        name = fig.name
        if fig.note and fig.note != NOT_BUILT:
            note = " ".join(fig.note.split())
            if note not in notes:
                notes.append(note)
            name += f" [{notes.index(note) + 1}]"
        rows.append([name, *(_cell(fig, n) for n in sizes), growth, fig.target, met])
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines += [""] * bool(notes) + [f"[{i}] {note}" for i, note in enumerate(notes, start=1)]
    return "\n".join(lines)
