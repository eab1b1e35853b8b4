"""The app rows: cached rerun against an empty script, widgets on the Overview by size, and the cold first run."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.appworker import APP
from bench.generate import Project
from bench.table import NOT_BUILT, Figure

#: The issue's targets.
CACHED_LIMIT = 0.3
COLD_RATIO = 1.5
TARGET_SIZE = 10_000


def run_worker(project: Project, repeat: int) -> dict:
    """The worker's figures for one project, measured in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.appworker", str(project.root), str(repeat)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {"exception": (done.stderr.strip().splitlines() or ["worker printed nothing"])[-1][:160]}


def measure(projects: dict[int, Project], repeat: int, rows: list[str]) -> list[Figure]:
    """The app figures at each size, or rows saying the app is not built yet."""
    cached = Figure("app rerun, data cached (AppTest) vs empty script", "s", target=f"≤{CACHED_LIMIT} s at 10,000")
    empty = Figure("floor: empty Streamlit script run (AppTest)", "s")
    widgets = Figure("Overview elements in the AppTest tree", "", target="same at 100 and 10,000")
    cold = Figure("app first run, cold cache, vs load_dataset", "s", target=f"≤{COLD_RATIO}× load at 10,000")
    figures = ([cached, empty, widgets] if "app" in rows else []) + ([cold] if "cold" in rows else [])
    if not APP.exists():
        for fig in figures:
            fig.note = NOT_BUILT
        return figures
    for size, project in projects.items():
        result = run_worker(project, repeat)
        if "exception" in result:
            for fig in figures:
                fig.values[size] = None
                fig.note = f"failed at {size:,}: {result['exception']}"[:100]
                fig.met = False if size == TARGET_SIZE else fig.met
            continue
        cached.values[size], cached.ratios[size] = result["cached"], result["ratio"]
        empty.values[size] = result["empty"]
        widgets.values[size] = result["elements"]
        cold.values[size], cold.ratios[size] = result["cold"], result["cold"] / result["load"]
    if (at_target := cached.values.get(TARGET_SIZE)) is not None:
        cached.met = at_target <= CACHED_LIMIT
        cold.met = cold.ratios[TARGET_SIZE] <= COLD_RATIO
    small, large = min(projects), max(projects)
    least, most = widgets.values.get(small), widgets.values.get(large)
    if least is not None and most is not None and large > small:
        widgets.met = most <= least
    empty.slope_applies = False
    return figures
