"""The reader's rows: seconds to an idle page of the real project, against an empty page; a full export.

A page is idle when Streamlit's script has finished (its running indicator gone: the app element's
`data-test-script-state` is `notRunning`) and the page's main content is on screen. Each visit opens a fresh browser
context (a new session), so no visit reuses another's Streamlit session; the empty page is visited just before each
of ours, and the ratio is taken per pair, so a burst of load on the shared machine hits both. Each server's start is
timed too, to its first healthy answer: the app's launcher does the first visit's work before it opens its port.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.table import Figure
from dashboard.serve import APP, CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop, wait_healthy

#: The floor page, kept in bench/ so anyone can `streamlit run` it: one line of text.
EMPTY_APP = Path(__file__).resolve().parent / "empty_app.py"
#: The empty page's main content: its one line of Markdown.
EMPTY_CONTENT = "[data-testid='stMarkdownContainer']"
#: The Overview's and the Indicator page's main content: the chart, live or as the server-drawn preview.
CHART_CONTENT = (
    ".vega-embed canvas, .vega-embed svg, [data-testid='stImage'] img, [data-testid='stMarkdownContainer'] img"
)
#: The briefing view's main content: the sheet's image, decoded.
SHEET_CONTENT = "[data-testid='stImage'] img"
#: The indicator opened on the Indicator page (a time series with several findings, so its chart is drawn).
INDICATOR = "graham_bill_tariff"
#: True in the page once the script has finished and a match of the selector is displayed (an image: decoded).
IDLE = """(selector) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return [...document.querySelectorAll(selector)].some((el) => el.getClientRects().length > 0
    && (el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0)));
}"""
#: Milliseconds any visit may take on a loaded machine before it counts as a failure.
PAGE_TIMEOUT = 120_000
#: The issue's targets.
PAGE_RATIO, EXPORT_LIMIT = 1.5, 6.0


@dataclass
class Visit:
    """One row's page: its name, its path and query on the app, and what shows it is drawn."""

    name: str
    path: str
    content: str


OVERVIEW_FIRST = Visit("Overview, first visit after the server started", "/", CHART_CONTENT)
OVERVIEW_LATER = Visit("Overview, a later visit (new session)", "/", CHART_CONTENT)
INDICATOR_PAGE = Visit(
    f"Indicator page (?indicator={INDICATOR}), a later visit", f"/indicator?indicator={INDICATOR}", CHART_CONTENT
)
BRIEFING_COLD = Visit("briefing view, first visit after the server started", "/?view=briefing", SHEET_CONTENT)
BRIEFING_WARM = Visit("briefing view, a later visit", "/?view=briefing", SHEET_CONTENT)
#: The start-up rows: seconds from starting a server to its first healthy answer, the empty page's and the app's.
EMPTY_START = "empty page's server (plain `streamlit run`), start to healthy"
START = "the app's server (`python -m dashboard.serve`, warm-up included), start to healthy"
#: The visits of one round, server by server: a new server for each list, its first visit timed as a first visit.
ROUNDS = (
    [OVERVIEW_FIRST, OVERVIEW_LATER, INDICATOR_PAGE, OVERVIEW_LATER, INDICATOR_PAGE],
    [BRIEFING_COLD, BRIEFING_WARM, BRIEFING_WARM],
)


def idle_time(browser, url: str, content: str) -> float:
    """Seconds from opening `url` in a new browser context until its script has finished and `content` is shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT)
        page.wait_for_function(IDLE, arg=content, timeout=PAGE_TIMEOUT, polling=50)
        return time.perf_counter() - start
    finally:
        context.close()


def serving(script: Path, root: Path | None) -> tuple[str, subprocess.Popen, float]:
    """A started, healthy server of `script` on a free loopback port, as `make run` starts it, and the seconds from
    its start to its first healthy answer (the app's warm-up included: dashboard/serve.py)."""
    port = free_port()
    start = time.perf_counter()
    proc = start_app(root, port, script)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, timeout=180)
    except RuntimeError:
        stop(proc)
        raise
    return f"http://127.0.0.1:{port}", proc, time.perf_counter() - start


def measure_pages(
    root: Path | None, repeat: int, rounds: tuple[list[Visit], ...] = ROUNDS
) -> dict[str, tuple[list[float], list[float]]]:
    """Per row name, every visit's seconds and its ratio to the empty page visited just before, over `repeat` rounds."""
    from playwright.sync_api import sync_playwright

    found: dict[str, tuple[list[float], list[float]]] = {"empty": ([], []), EMPTY_START: ([], []), START: ([], [])}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        empty_url, empty_proc, took = serving(EMPTY_APP, None)
        found[EMPTY_START][0].append(took)
        try:
            idle_time(browser, empty_url, EMPTY_CONTENT)  # NOTE: the empty server's own first run is not a floor.
            for _ in range(repeat):
                for visits in rounds:
                    url, proc, took = serving(APP, root)
                    found[START][0].append(took)
                    try:
                        for visit in visits:
                            floor = idle_time(browser, empty_url, EMPTY_CONTENT)
                            ours = idle_time(browser, url + visit.path, visit.content)
                            times, ratios = found.setdefault(visit.name, ([], []))
                            times.append(ours)
                            ratios.append(ours / floor)
                            found["empty"][0].append(floor)
                    finally:
                        stop(proc)
        finally:
            stop(empty_proc)
            browser.close()
    return found


def export_time(root: Path | None, fmt: str = "png") -> float:
    """Seconds a full `python -m dashboard export --format fmt` takes, from a new process to its exit."""
    env_root = [] if root is None else ["env", f"DASHBOARD_ROOT={root}"]
    with tempfile.TemporaryDirectory(prefix="bench-export-") as out:
        command = [*env_root, sys.executable, "-m", "dashboard", "export", "--out", out, "--format", fmt]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=APP.parent.parent, capture_output=True, text=True, check=False)
        took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"export exited with {done.returncode}: {done.stderr.strip()[-160:]}")
    return took


def measure(repeat: int, rows: list[str], root: Path | None = None, size: int = 0) -> list[Figure]:
    """The page rows and the export row for the project at `root` (the repository's own when None), in column `size`."""
    figures: list[Figure] = []
    # NOTE: the servers and the export keep their scans in a scratch cache, never the user's ~/.cache.
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        previous = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache
        try:
            return _measure(repeat, rows, root, size, figures)
        finally:
            if previous is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = previous


def _measure(repeat: int, rows: list[str], root: Path | None, size: int, figures: list[Figure]) -> list[Figure]:
    if "pages" in rows:
        figures += _page_figures(root, repeat, size)
    if "fullexport" in rows:
        fig = Figure(
            "full `export --format png` (every chart and the sheet), new process", "s", target=f"<{EXPORT_LIMIT:g} s"
        )
        try:
            fig.values[size] = _median(lambda: export_time(root), repeat)
            fig.met = (fig.values[size] or 0) < EXPORT_LIMIT
        except RuntimeError as exc:
            fig.values[size], fig.note = None, str(exc)[:100]
        fig.slope_applies = False
        figures.append(fig)
    return figures


def _page_figures(root: Path | None, repeat: int, size: int) -> list[Figure]:
    names = ["empty", EMPTY_START, START, *dict.fromkeys(v.name for visits in ROUNDS for v in visits)]
    figs = {n: Figure(n, "s", target=f"≤{PAGE_RATIO:g}× empty page") for n in names}
    figs["empty"] = Figure(f"floor: empty Streamlit page ({EMPTY_APP.name}) idle", "s")
    # NOTE: no target (the issue sets none): the start rows show the work the warm-up moved out of the first visits.
    figs |= {name: Figure(name, "s") for name in (EMPTY_START, START)}
    if not Path(CHROMIUM).exists():
        for fig in figs.values():
            fig.note = f"no browser at {CHROMIUM}"
        return list(figs.values())
    try:
        found = measure_pages(root, repeat)
    except Exception as exc:  # noqa: BLE001 - a failed browser run is a row's note, never a lost table
        for fig in figs.values():
            fig.note = f"failed: {type(exc).__name__}: {str(exc).splitlines()[0]}"[:100]
        return list(figs.values())
    for name, fig in figs.items():
        times, ratios = found.get(name, ([], []))
        fig.slope_applies = False
        if times:
            fig.values[size] = statistics.median(times)
        if ratios:
            fig.ratios[size] = statistics.median(ratios)
            fig.met = fig.ratios[size] <= PAGE_RATIO
    return list(figs.values())


def _median(func: Callable[[], float], repeat: int) -> float:
    return statistics.median(func() for _ in range(max(1, repeat)))
