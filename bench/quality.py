"""Browser rows on the text-count axis: the Data quality page's coverage table painted, after a start and after a save.

Each text count gets its own app server, with XDG_CACHE_HOME at a scratch folder of this run's, and a fresh
Chromium tab per visit, timed by the page's own clock (bench.browser.PAINT_CLOCK) from the start of the navigation.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from bench.appworker import APP, BUDGET
from bench.browser import EMPTY_SCRIPT, READY, PlaywrightError, first_paint, server
from bench.curation import TARGET_TEXTS, cache_home, save_indicators
from bench.generate import Project
from bench.load import check
from bench.table import NOT_BUILT, Figure
from dashboard.serve import CHROMIUM, CHROMIUM_ARGS
from dashboard.views.quality import COVERAGE_KEY

#: The coverage table drawn, its cells on screen (the problems' tables come before it: a generated project's texts
#: disagree, texts-disagree notices).
COVERAGE = f"[class*='st-key-{COVERAGE_KEY}'] td"
#: The Data quality page's address under the server's (its url_path, from views/quality.py's file name).
PAGE = "/quality"
#: The issue's target: the coverage table within this many seconds of opening the page, at 1,000 texts.
PAINT_LIMIT = 2.0


def measure(projects: dict[int, Project], repeat: int) -> list[Figure]:
    """The coverage table's first paint: first visit (cold scan, then scans on disk), a later tab, after a save."""
    at = f"≤{PAINT_LIMIT:g} s at {TARGET_TEXTS:,} texts"
    cold = Figure("Data quality, first visit after start, nothing scanned yet: coverage table painted", "s")
    disk = Figure("Data quality, first visit after start, scans on disk: coverage table painted", "s")
    warm = Figure("Data quality, a new tab on a running server: coverage table painted (× empty page)", "s", target=at)
    saved = Figure("Data quality, a new tab after an indicators.yaml save: coverage table painted", "s", target=at)
    figures = [cold, disk, warm, saved]
    if not APP.exists() or not Path(CHROMIUM).exists():
        for fig in figures:
            fig.note = NOT_BUILT if not APP.exists() else f"no browser at {CHROMIUM}"
        return figures
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp, sync_playwright() as pw:
        script = Path(tmp) / "empty.py"
        script.write_text(EMPTY_SCRIPT, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            with server(script, None) as (empty_url, _):
                first_paint(browser, empty_url, READY)
                for texts, project in projects.items():
                    check(project)
                    try:
                        with cache_home(Path(tmp) / f"cache-{texts}"):
                            _measure_size(browser, empty_url, texts, project, repeat, figures)
                    except (PlaywrightError, RuntimeError) as exc:
                        for fig in figures:
                            fig.values.setdefault(texts, None)
                            fig.note = f"at {texts:,}: {str(exc).splitlines()[0][:80]}"
        finally:
            browser.close()
    for fig in (warm, saved):
        value = fig.values.get(TARGET_TEXTS)
        fig.met = None if TARGET_TEXTS not in projects else value is not None and value <= PAINT_LIMIT
    return figures


def _measure_size(browser, empty_url: str, texts: int, project: Project, repeat: int, figs: list[Figure]) -> None:
    """Every figure for one project; a server per first visit, so that its caches start empty."""
    cold, disk, warm, saved = figs
    with server(APP, project.root) as (url, _):
        [cold.values[texts]] = first_paint(browser, url + PAGE, COVERAGE)
    firsts: list[float] = []
    while len(firsts) < max(1, repeat // 2) and sum(firsts) < BUDGET:
        with server(APP, project.root) as (url, _):
            firsts += first_paint(browser, url + PAGE, COVERAGE)
    disk.values[texts] = statistics.median(firsts)
    with server(APP, project.root) as (url, _):
        first_paint(browser, url + PAGE, COVERAGE)
        ours: list[float] = []
        ratios: list[float] = []
        after: list[float] = []
        while len(ours) < repeat and sum(ours) + sum(after) < BUDGET:
            [floor] = first_paint(browser, empty_url, READY)
            ours += first_paint(browser, url + PAGE, COVERAGE)
            ratios.append(ours[-1] / floor)
            save_indicators(project, len(ours))
            after += first_paint(browser, url + PAGE, COVERAGE)
        warm.values[texts], warm.ratios[texts] = statistics.median(ours), statistics.median(ratios)
        saved.values[texts] = statistics.median(after)
