"""Browser rows: first chart painted vs an empty page, live reload from a save, and the app process's peak memory."""

from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.appworker import APP, BUDGET, peak_memory_mb
from bench.generate import Project
from bench.table import NOT_BUILT, Figure
from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop, wait_healthy
from dashboard.views.shared import CHART_STACK

#: Playwright's error, or RuntimeError when Playwright is not installed.
PlaywrightError: type[Exception]
try:
    from playwright.sync_api import Error as _PlaywrightError

    PlaywrightError = _PlaywrightError
except ImportError:  # pragma: no cover - the rows then say why
    PlaywrightError = RuntimeError

#: The live chart drawn: vega-embed's canvas or SVG inside a Streamlit chart element.
LIVE_CHART = ".vega-embed canvas, .vega-embed svg"
#: What counts as a chart drawn: the live chart, or the server-drawn preview the Overview shows in its place until
#: then (dashboard/export/preview.py); the live chart's own time is its own row.
CHART = f"{LIVE_CHART}, [class*='st-key-{CHART_STACK}'] img"
#: The floor page: one line of text, the least a Streamlit page can paint.
EMPTY_SCRIPT = 'import streamlit as st\n\nst.write("ready")\n'
#: The floor page's one line, painted.
READY = "[data-testid='stMarkdownContainer']"
#: The reference page: one three-bar Vega-Lite chart and nothing else, the least any Streamlit chart page costs.
ONE_CHART_SCRIPT = """import streamlit as st

st.vega_lite_chart(
    {"data": {"values": [{"a": "x", "b": 3}, {"a": "y", "b": 1}, {"a": "z", "b": 2}]}, "mark": "bar",
     "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}
)
"""
#: Milliseconds any page may take; a cold 10,000-indicator start on a busy machine is slow.
PAGE_TIMEOUT = 180_000
#: The issue's targets.
PAINT_RATIO, RELOAD_LIMIT, MEMORY_LIMIT = 1.5, 2.0, 500.0
RELOAD_SIZE, MEMORY_SIZE = 1_000, 10_000


@contextlib.contextmanager
def server(script: Path, root: Path | None) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Streamlit server for `script` on a free local port, stopped on exit."""
    port = free_port()
    proc = start_app(root, port, script)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc, timeout=120)
        except RuntimeError:
            raise RuntimeError(f"streamlit did not start for {script}") from None
        yield url, proc
    finally:
        stop(proc)


#: Runs in each page before its own scripts: for every selector in `window.__paintWanted`, when a match was first on
#: screen, in `window.__painted` (milliseconds since the navigation began): the end of the first animation frame in
#: which it is displayed (an image: decoded), read by the first task after that frame. That task may wait behind the
#: page's own work, so a busy page is timed late, never early.
PAINT_CLOCK = """
window.__painted = {};
const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility({visibilityProperty: true})
  && (el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0));
const afterFrame = (done) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => done(performance.now());
  channel.port2.postMessage(null);
});
const watch = () => {
  const pending = (window.__paintWanted || []).filter((s) => !(s in window.__painted));
  if (!pending.length) return;
  afterFrame((now) => {
    for (const selector of pending) {
      if ([...document.querySelectorAll(selector)].some(shown)) window.__painted[selector] = now;
    }
    watch();
  });
};
watch();
"""


def first_paint(browser, url: str, *selectors: str) -> list[float]:
    """Seconds from opening `url` in a fresh tab (a new session) until a match of each of `selectors` is painted.

    Timed by the page's own clock (PAINT_CLOCK), from the start of the navigation. Polling from here instead sees a
    paint only once the page's main thread is free, which for a chart page is when vega-embed has finished compiling,
    not when the first drawing was on screen.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        context.add_init_script(f"window.__paintWanted = {json.dumps(list(selectors))};\n{PAINT_CLOCK}")
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT)
        painted = "(wanted) => wanted.every((s) => s in window.__painted)"
        page.wait_for_function(painted, arg=list(selectors), timeout=PAGE_TIMEOUT, polling=100)
        times = page.evaluate("(wanted) => wanted.map((s) => window.__painted[s])", list(selectors))
        return [t / 1000 for t in times]
    finally:
        context.close()


def _extra_indicator(project: Project) -> str:
    """One more valid indicator, copied from the first one under a new id, to append to indicators.yaml."""
    text = (project.root / "indicators.yaml").read_text(encoding="utf-8")
    first = text.split("\n  - id: ")[1].split("\n  - id: ")[0]
    rest = first.partition("\n")[2]
    return "\n  - id: bench_reload_probe\n" + rest.rstrip("\n") + "\n"


def live_reload(browser, url: str, project: Project, repeat: int) -> float:
    """Median seconds from saving indicators.yaml to the Overview's count of findings showing the change."""
    path = project.root / "indicators.yaml"
    original = path.read_text(encoding="utf-8")
    edited = original.rstrip("\n") + _extra_indicator(project)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url, timeout=PAGE_TIMEOUT)
    page.locator(LIVE_CHART).first.wait_for(state="visible", timeout=PAGE_TIMEOUT)
    times: list[float] = []
    try:
        for n in range(repeat):
            text, count = (edited, project.observations + 3) if n % 2 == 0 else (original, project.observations)
            caption = page.get_by_text(re.compile(rf"\b(?:{count}|{count:,}) verified findings"))
            start = time.perf_counter()
            _save(path, text)
            caption.first.wait_for(state="visible", timeout=PAGE_TIMEOUT)
            times.append(time.perf_counter() - start)
            if sum(times) > BUDGET:
                break
    finally:
        _save(path, original)
        context.close()
    return statistics.median(times)


def _save(path: Path, text: str) -> None:
    """Write as an editor does: a new file renamed over the old one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".bench-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def measure(projects: dict[int, Project], repeat: int, rows: list[str]) -> list[Figure]:
    """First paint against an empty page, live reload and peak memory, each with a real Chromium and server."""
    paint = Figure("first chart painted in Chromium vs empty page", "s", target=f"≤{PAINT_RATIO}× empty page")
    live = Figure("reference: the live (vega-embed) chart drawn over the preview, vs empty page", "s")
    empty = Figure("floor: empty Streamlit page, first paint", "s")
    one_chart = Figure("reference: a page of one 3-bar chart, first chart painted (vs empty page)", "s")
    reload = Figure("live reload: save → page shows the change", "s", target=f"≤{RELOAD_LIMIT:g} s at 1,000")
    memory = Figure("app server peak memory (VmHWM)", "MB", target=f"≤{MEMORY_LIMIT:g} MB at 10,000")
    figures = ([paint, live, empty, one_chart] if "paint" in rows else []) + ([reload] if "reload" in rows else [])
    figures += [memory] if "memory" in rows else []
    if not APP.exists() or not Path(CHROMIUM).exists():
        for fig in figures:
            fig.note = NOT_BUILT if not APP.exists() else f"no browser at {CHROMIUM}"
        return figures
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-empty-") as tmp, sync_playwright() as pw:
        script, chart_script = Path(tmp) / "empty.py", Path(tmp) / "one_chart.py"
        script.write_text(EMPTY_SCRIPT, encoding="utf-8")
        chart_script.write_text(ONE_CHART_SCRIPT, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            with server(script, None) as (empty_url, _):
                first_paint(browser, empty_url, READY)
                if "paint" in rows:
                    with server(chart_script, None) as (chart_url, _):
                        _reference(browser, empty_url, chart_url, repeat, one_chart, list(projects))
                for size, project in projects.items():
                    try:
                        _measure_size(
                            browser, empty_url, size, project, repeat, rows, (paint, live, empty, reload, memory)
                        )
                    except (PlaywrightError, RuntimeError) as exc:
                        for fig in figures:
                            fig.values.setdefault(size, None)
                            fig.note = f"at {size:,}: {str(exc).splitlines()[0][:80]}"
                            fig.met = False if size in (RELOAD_SIZE, MEMORY_SIZE) and fig.target else fig.met
        finally:
            browser.close()
    if paint.ratios:
        paint.met = max(paint.ratios.values()) <= PAINT_RATIO
    if (reload_value := reload.values.get(RELOAD_SIZE)) is not None:
        reload.met = reload_value <= RELOAD_LIMIT
    if (memory_value := memory.values.get(MEMORY_SIZE)) is not None:
        memory.met = memory_value <= MEMORY_LIMIT
    empty.slope_applies = one_chart.slope_applies = live.slope_applies = False
    return figures


def _alternating(
    browser, empty_url: str, url: str, repeat: int, *selectors: str
) -> tuple[list[float], float, list[float]]:
    """`url` and the empty page visited in turn: the median paint of each of `selectors`, the empty page's median,
    and the median ratio of each selector's paint to the empty page's in the same round."""
    ours: list[list[float]] = []
    floor: list[float] = []
    while len(ours) < repeat and sum(times[-1] for times in ours) < BUDGET:
        floor.extend(first_paint(browser, empty_url, READY))
        ours.append(first_paint(browser, url, *selectors))
    medians = [statistics.median(times[i] for times in ours) for i in range(len(selectors))]
    ratios = [statistics.median(t[i] / f for t, f in zip(ours, floor, strict=True)) for i in range(len(selectors))]
    return medians, statistics.median(floor), ratios


def _reference(browser, empty_url: str, chart_url: str, repeat: int, fig: Figure, sizes: list[int]) -> None:
    """The one-chart page against the empty page; it holds no data, so one figure stands for every size."""
    first_paint(browser, chart_url, CHART)
    [value], _, [ratio] = _alternating(browser, empty_url, chart_url, repeat, CHART)
    for size in sizes:
        fig.values[size], fig.ratios[size] = value, ratio


def _measure_size(browser, empty_url: str, size: int, project: Project, repeat: int, rows: list[str], figs) -> None:
    """Every browser figure for one project, against its own app server."""
    paint, live, empty, reload, memory = figs
    with server(APP, project.root) as (url, proc):
        try:
            # NOTE: the first visit fills the data cache; the figures are for a visitor after it.
            first_paint(browser, url, CHART)
            if "paint" in rows:
                medians, empty.values[size], ratios = _alternating(browser, empty_url, url, repeat, CHART, LIVE_CHART)
                paint.values[size], live.values[size] = medians
                paint.ratios[size], live.ratios[size] = ratios
            if "reload" in rows and size <= RELOAD_SIZE:
                reload.values[size] = live_reload(browser, url, project, repeat)
        finally:
            # NOTE: read even after a timeout: the peak of a server that could not finish is the figure that matters.
            memory.values[size] = peak_memory_mb(proc.pid)
