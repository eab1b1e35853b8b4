"""The export rows: each Overview chart and the briefing sheet, built from the data and rendered to PNG at 2×."""

from __future__ import annotations

import importlib.util
from functools import partial

from bench.generate import Project
from bench.table import NOT_BUILT, Figure, sample

#: The issue's targets, in seconds.
CHART_LIMIT = 1.0
SHEET_LIMIT = 3.0
SCALE = 2.0


def measure(projects: dict[int, Project], repeat: int) -> list[Figure]:
    """The slowest chart's median and the sheet's median at each size (chart built from the frame, then rendered)."""
    chart = Figure("export: slowest chart, built + PNG at 2×", "s", target=f"≤{CHART_LIMIT:g} s per chart")
    sheet = Figure("export: briefing sheet, built + PNG at 2×", "s", target=f"≤{SHEET_LIMIT:g} s per sheet")
    if importlib.util.find_spec("dashboard.export.images") is None:
        chart.note = sheet.note = NOT_BUILT
        return [chart, sheet]
    from dashboard.charts import specs
    from dashboard.export import images
    from dashboard.records.dataset import load_dataset
    from dashboard.tables.frames import observations_frame

    for size, project in projects.items():
        data = load_dataset(project.root)
        frame = observations_frame(data)
        frame = frame[frame["verified"]].reset_index(drop=True)
        for fig, measure_size in ((chart, _slowest_chart), (sheet, _sheet)):
            try:
                fig.values[size] = measure_size(images, specs, frame, data, repeat)
            except Exception as exc:  # noqa: BLE001 - a size that fails is reported, the others still measured
                fig.values[size] = None
                fig.note = f"failed at {size:,}: {type(exc).__name__}: {exc}"[:100]
    chart.met = all(v is not None and v <= CHART_LIMIT for v in chart.values.values())
    sheet.met = all(v is not None and v <= SHEET_LIMIT for v in sheet.values.values())
    return [chart, sheet]


def _chart_png(images, build, frame, data) -> bytes:
    return images.render(build(frame, data).to_dict(), "png", SCALE)


def _sheet_png(images, frame, data) -> bytes:
    size = (images.SHEET_WIDTH, images.SHEET_HEIGHT)
    return images.render(images.sheet_spec(data, frame), "png", SCALE, size)


def _slowest_chart(images, specs, frame, data, repeat: int) -> float:
    builds = specs.OVERVIEW_CHARTS.values()
    return max(sample(partial(_chart_png, images, build, frame, data), repeat) for build in builds)


def _sheet(images, specs, frame, data, repeat: int) -> float:
    return sample(partial(_sheet_png, images, frame, data), repeat)
