"""A real browser (Debian's Chromium via Playwright) against `streamlit run` on a temporary copy of the project."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop, wait_healthy
from dashboard.views.overview import TILE_HEAD_KEY
from dashboard.views.shared import CHART_STACK, STYLE
from tests.helpers import PAYLOAD, REPO, payload_indicator

pytestmark = pytest.mark.browser

ROOT = REPO
ARTIFACTS = ROOT / "artifacts"
KEY_RATE_BAR = "[data-testid='stVegaLiteChart'] path[aria-label*='row: Bank of Russia key rate']"
LIVE_CHART = ".vega-embed svg, .vega-embed canvas"
PREVIEW = f"[class*='st-key-{CHART_STACK}'] img"
#: A headline tile's label and its value: the first and the last Markdown element of the tile's head.
TILE_LABEL = f"[class*='st-key-{TILE_HEAD_KEY}'] > :first-child [data-testid='stMarkdownContainer']"
TILE_VALUE = f"[class*='st-key-{TILE_HEAD_KEY}'] > :last-child [data-testid='stMarkdownContainer']"
#: Whether the page's own style sheet (STYLE, without its tags) is in the page, so its layout applies.
STYLED = """(css) => [...document.querySelectorAll('style')].some((sheet) => sheet.textContent.trim() === css)"""
STYLE_CSS = STYLE.removeprefix("<style>").removesuffix("</style>").strip()
#: Whether the browser has Liberation Sans or Arial: a text's width in them differs from the monospace fallback's.
HAS_CHART_FONT = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (font) => { ctx.font = font; return ctx.measureText('Real rate vs official inflation').width; };
  const fallback = width('12px monospace');
  return width('12px "Liberation Sans", monospace') !== fallback || width('12px Arial, monospace') !== fallback;
}"""


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium); browser tests need it"
    if os.environ.get("DASHBOARD_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " and DASHBOARD_REQUIRE_BROWSER=1 says they must run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run dashboard/app.py` on a free loopback port, reading a temporary copy of the project."""
    _require_browser()
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "indicators.yaml", root)
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    with _served(root) as url:
        yield url, root


@contextlib.contextmanager
def _served(root: Path):
    """`streamlit run` on `root` on a free loopback port, stopped afterwards; a start that fails shows its log."""
    port = free_port()
    log = root / "streamlit.log"
    with log.open("w") as out:
        proc = start_app(root, port, output=out)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc)
        except RuntimeError as exc:
            pytest.fail(f"{exc}:\n{log.read_text()}")
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def requests(server) -> list[str]:
    """Every URL Chromium asks for during the module's tests (the last test checks none leaves the machine)."""
    return []


@pytest.fixture(scope="module")
def browser(server):
    """One Chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


def _open(browser, url: str, requests: list[str], width: int = 1280, height: int = 720):
    page = browser.new_page(viewport={"width": width, "height": height})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return page, dialogs


def _settle(page) -> None:
    """Wait until Streamlit has finished its run (no running indicator) and fonts have loaded."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)
    page.wait_for_timeout(1200)


def _finish(page, shot: str, dialogs: list[str] | None = None) -> None:
    """Settle, save the screenshot under artifacts/, check that no script opened a dialog, and close the page."""
    _settle(page)
    page.screenshot(path=ARTIFACTS / shot)
    page.close()
    assert dialogs in (None, []), dialogs


def test_overview_chart_click_opens_the_highlighted_quote(server, browser, requests):
    url, _ = server
    ARTIFACTS.mkdir(exist_ok=True)
    wide, _ = _open(browser, url, requests, 1920, 1080)
    wide.wait_for_selector(KEY_RATE_BAR, timeout=60_000)
    _settle(wide)
    wide.screenshot(path=ARTIFACTS / "overview-1920.png")
    wide.close()
    page, dialogs = _open(browser, url, requests)
    page.wait_for_selector(KEY_RATE_BAR, timeout=60_000)
    _settle(page)
    assert page.locator(TILE_VALUE).all_inner_texts() == [
        "nearly 10%",
        "21%",
        "16.1% of portfolio",
        "about −60%",
        "record losses",
    ]
    page.screenshot(path=ARTIFACTS / "overview-1280.png")
    page.locator(KEY_RATE_BAR).first.click()
    page.wait_for_url("**indicator=key_rate**", timeout=30_000)
    quote = page.locator(".stMarkdownColoredBackground", has_text="sky-high interest rates of 21 percent")
    try:
        quote.first.wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=ARTIFACTS / "failure-click.png")
        raise
    assert quote.first.inner_text().startswith("Central bank efforts to combat inflation")
    assert page.locator("h1", has_text="Bank of Russia key rate").count() == 1
    _finish(page, "indicator-1280.png", dialogs)


def test_the_open_tab_is_in_the_url_and_a_link_reopens_it(server, browser, requests):
    url, _ = server
    page, _ = _open(browser, url, requests)
    page.wait_for_selector(KEY_RATE_BAR, timeout=60_000)
    page.get_by_role("tab", name="Corroboration").click()
    page.wait_for_url("**tab=Corroboration**", timeout=30_000)
    link = page.url
    page.close()
    shared, dialogs = _open(browser, link, requests)
    dot = shared.locator("[data-testid='stVegaLiteChart'] path[aria-label*='Counts as: independent report']")
    dot.first.wait_for(timeout=60_000)
    assert shared.get_by_role("tab", name="Corroboration").get_attribute("aria-selected") == "true"
    assert shared.locator(KEY_RATE_BAR).count() == 0, "only the open tab's chart is drawn"
    _finish(shared, "overview-corroboration-1280.png", dialogs)


def test_the_server_drawn_preview_stands_where_the_live_chart_is_then_drawn(server, browser, requests):
    url, _ = server
    # A first visit: the server draws previews once vl-convert has started, which a first visit may not wait for.
    first, _ = _open(browser, url, requests)
    first.locator(LIVE_CHART).first.wait_for(timeout=60_000)
    first.close()
    held = browser.new_page(viewport={"width": 1280, "height": 720})
    held.on("request", lambda request: requests.append(request.url))
    # vega-embed's code held back: what a reader sees before it arrives.
    held.route("**/embed.*.js", lambda route: route.abort())
    held.goto(url)
    shown = held.locator(PREVIEW)
    shown.first.wait_for(timeout=60_000)
    # NOTE: measured once the page's style applies. It comes with st.html, whose code Streamlit fetches when the first
    # one arrives (st.markdown's raw HTML needs a 190 KB chunk too, and no page config or theme option sets the side
    # margins), so on a loaded machine the preview can still be drawn for a moment in Streamlit's own margins: a known
    # limit of the page, not checked here. The tiles above it have their final height as they arrive (Markdown).
    held.wait_for_function(STYLED, arg=STYLE_CSS, timeout=30_000)
    held.wait_for_timeout(500)
    assert held.locator(LIVE_CHART).count() == 0
    before = shown.first.bounding_box()
    held.screenshot(path=ARTIFACTS / "overview-preview-1280.png")
    held.close()
    page, dialogs = _open(browser, url, requests)
    live = page.locator(LIVE_CHART).first
    live.wait_for(timeout=60_000)
    page.wait_for_function(STYLED, arg=STYLE_CSS, timeout=30_000)
    page.wait_for_timeout(500)
    after = live.bounding_box()
    assert (round(after["x"]), round(after["y"])) == (round(before["x"]), round(before["y"]))
    # The sizes match when the browser has the charts' font (Debian's chromium brings fonts-liberation); without it
    # both drawings fall back to another font, which vl-convert did not measure with.
    if page.evaluate(HAS_CHART_FONT):
        assert (round(after["width"]), round(after["height"])) == (round(before["width"]), round(before["height"]))
    footer = page.locator(".vega-embed svg text", has_text="Data as of").first.bounding_box()
    assert footer["y"] + footer["height"] <= 720, "the first chart, with its sources and as-of date, fits the screen"
    assert page.locator(PREVIEW).count() == 1
    assert page.locator(PREVIEW).first.is_hidden(), "the live chart replaces the preview"
    _finish(page, "overview-live-1280.png", dialogs)


def test_saving_the_yaml_changes_the_open_page(server, browser, requests):
    url, root = server
    page, _ = _open(browser, url, requests)
    page.wait_for_selector(KEY_RATE_BAR, timeout=60_000)
    # The tiles are filled after the chart is sent, so the chart can paint before them.
    page.locator(TILE_LABEL).filter(has_text="Bank of Russia key rate").wait_for(timeout=15_000)
    path = root / "indicators.yaml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("name: Bank of Russia key rate", "name: Key rate (edited live)"), "utf-8")
    saved = time.monotonic()
    page.locator(TILE_LABEL).filter(has_text="Key rate (edited live)").wait_for(timeout=15_000)
    seen = time.monotonic() - saved
    (ARTIFACTS / "live-reload.txt").write_text(f"indicators.yaml saved → tile changed in {seen:.2f} s\n")
    path.write_text(original, "utf-8")
    page.locator(TILE_LABEL).filter(has_text="Bank of Russia key rate").wait_for(timeout=15_000)
    page.close()


def _record_checksum(root: Path, seed: Path) -> None:
    """Record the stored text's new checksum, as a curator adding to seeds/ does (else it is `source-changed`)."""
    sums = root / "data" / "seeds.sha256"
    name = f"seeds/{seed.name}"
    lines = [line for line in sums.read_text("utf-8").splitlines() if not line.endswith(f"  {name}")]
    lines.append(f"{hashlib.sha256(seed.read_bytes()).hexdigest()}  {name}")
    sums.write_text("\n".join(lines) + "\n", "utf-8")


def test_markup_in_the_data_is_shown_as_text(server, browser, requests):
    url, root = server
    seed = root / "seeds" / "001_ec0ce2dff5c88c0f.txt"
    with seed.open("a", encoding="utf-8") as out:
        out.write("\n" + PAYLOAD + "\n")
    _record_checksum(root, seed)
    with (root / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + payload_indicator("wapo-2025-05"))
    page, dialogs = _open(browser, url + "/?indicator=payload_probe", requests)
    heading = page.locator("h1", has_text="Probe")
    heading.wait_for(timeout=30_000)
    assert heading.inner_text() == PAYLOAD
    highlight = page.locator(".stMarkdownColoredBackground", has_text="Probe")
    assert highlight.first.inner_text() == PAYLOAD
    live = "[data-testid='stMain'] img[src='x'], [data-testid='stMain'] a[href^='javascript']"
    assert page.locator(live).count() == 0
    assert page.locator("[data-testid='stMain'] .katex").count() == 0
    _finish(page, "payload-1280.png", dialogs)


@pytest.fixture(scope="module")
def series_server(tmp_path_factory):
    """`streamlit run` on a copy of the series test project (test texts: seven key-rate figures from three texts)."""
    _require_browser()
    root = tmp_path_factory.mktemp("series")
    shutil.copytree(ROOT / "tests" / "fixtures" / "series_project", root, dirs_exist_ok=True)
    with _served(root) as url:
        yield url


def test_the_series_chart_draws_seven_figures_and_a_click_shows_its_quote(series_server, browser):
    url = series_server
    seen: list[str] = []
    point = "[data-testid='stVegaLiteChart'] path[aria-label*='Counts as:']"
    wide, _ = _open(browser, url + "/indicator?indicator=key_rate", seen, 1920, 1080)
    wide.locator(point).first.wait_for(timeout=60_000)
    _finish(wide, "indicator-series-1920.png")
    page, dialogs = _open(browser, url + "/indicator?indicator=key_rate", seen)
    page.locator(point).first.wait_for(timeout=60_000)
    _settle(page)
    labels = page.locator(point).evaluate_all("els => els.map((e) => e.getAttribute('aria-label'))")
    assert len(labels) == 7, labels
    assert sum("Counts as: retells a text already counted" in a for a in labels) == 1, labels
    assert sum("Hedge: over" in a and "shape: triangle-up" in a for a in labels) == 1, labels
    page.locator(point).last.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "indicator-series-1280.png")
    page.locator(f"{point}[aria-label*='Value as stated: 18%']").click()
    page.wait_for_url("**record=key_rate%3A32**", timeout=30_000)
    page.get_by_role("heading", name="The quote you clicked").wait_for(timeout=30_000)
    quote = page.locator(".stMarkdownColoredBackground").first
    assert quote.inner_text() == "In June the rate was 18 percent, by our count."
    _finish(page, "indicator-series-clicked-1280.png", dialogs)
    local = re.compile(rf"^(?:{re.escape(url)}/|data:|blob:)")
    assert [r for r in seen if not local.match(r)] == []


def test_no_request_leaves_the_machine(server, browser, requests):
    url, _ = server
    # The Sources page too: it is the one page the other tests do not open.
    page, _ = _open(browser, url + "/sources?source=wapo-2025-05", requests)
    page.locator(".stMarkdownColoredBackground").first.wait_for(timeout=30_000)
    _finish(page, "sources-1280.png")
    assert len(requests) > 20, "the earlier tests' requests were not recorded"
    local = re.compile(rf"^(?:{re.escape(url)}/|data:|blob:)")
    assert [r for r in requests if not local.match(r)] == []


#: Each live chart's drawn width and its column's, and the page's scroll width (what overflows the window).
CHART_WIDTHS = """() => JSON.stringify({
  charts: [...document.querySelectorAll("[class*='st-key-chart-stack-']")].map((stack) => {
    const svg = stack.querySelector('.vega-embed svg');
    return [stack.getBoundingClientRect().width, svg ? svg.getBoundingClientRect().width : null];
  }),
  scroll: document.documentElement.scrollWidth,
})"""
SHEET_BOX = """() => { const r = document.querySelector("[data-testid='stImage'] img").getBoundingClientRect();
  return [r.left, r.top, r.width, r.height]; }"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_charts_fill_a_wide_column_and_never_overflow_a_narrow_one(server, browser, requests, width, height):
    import json

    url, _ = server
    page, dialogs = _open(browser, url, requests, width, height)
    page.locator(LIVE_CHART).first.wait_for(timeout=60_000)
    page.wait_for_function(STYLED, arg=STYLE_CSS, timeout=30_000)
    page.wait_for_timeout(500)
    shown = json.loads(page.evaluate(CHART_WIDTHS))
    (column, drawn), *_ = shown["charts"]
    assert shown["scroll"] <= width, "nothing runs off the window's right edge"
    assert drawn <= column + 1, (drawn, column)
    if width >= 1600:
        # NOTE: a wide screen draws the chart across its whole column, text scaled with it.
        assert abs(drawn - column) <= 1, (drawn, column)
        assert drawn > 1.5 * 832
    _finish(page, f"overview-width-{width}.png", dialogs)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_briefing_sheet_is_as_large_as_the_window_holds_and_centred(server, browser, requests, width, height):
    url, _ = server
    page, dialogs = _open(browser, f"{url}/?view=briefing", requests, width, height)
    page.locator("[data-testid='stImage'] img").first.wait_for(timeout=90_000)
    page.wait_for_timeout(800)
    left, top, shown_width, shown_height = page.evaluate(SHEET_BOX)
    # NOTE: 2rem of side padding and 4.5rem for the download row (views/briefing.ROW_ROOM) are all it gives up.
    assert abs(shown_width - min(width - 32, (height - 72) * 16 / 9)) <= 1, shown_width
    assert abs(shown_width / shown_height - 16 / 9) < 0.01
    assert top + shown_height <= height and left >= 0
    assert abs(left - (width - left - shown_width)) <= 1, "centred"
    _finish(page, f"briefing-{width}.png", dialogs)


def test_back_after_opening_an_indicator_returns_to_the_overview_as_it_was(server, browser, requests):
    url, _ = server
    page, dialogs = _open(browser, url + "/?category=banking", requests)
    page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=60_000)
    page.get_by_role("tab", name="Corroboration").click()
    page.wait_for_url("**tab=Corroboration**", timeout=30_000)
    _settle(page)
    before = page.evaluate("history.length")
    page.locator("a", has_text="Reported by").first.click()
    page.wait_for_url("**/indicator?indicator=**", timeout=30_000)
    _settle(page)
    assert page.evaluate("history.length") == before + 1, "opening an indicator adds one history entry"
    page.go_back()
    page.wait_for_url(re.compile(r"/\?"), timeout=30_000)
    _settle(page)
    assert "category=banking" in page.url and "tab=Corroboration" in page.url, page.url
    assert page.get_by_role("tab", selected=True).inner_text().startswith("Corroboration (")
    assert page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text().count("banking")
    # The sidebar's Indicator and Overview links keep the filters too (the widgets are bound to the URL).
    page.locator("[data-testid='stSidebarNav'] a", has_text="Indicator").click()
    page.wait_for_url("**/indicator**", timeout=30_000)
    _settle(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Overview").click()
    page.wait_for_url(re.compile(r"/\?.*category=banking"), timeout=30_000)
    _finish(page, "overview-back-1280.png", dialogs)


def test_a_click_on_a_timeline_segment_filters_the_overview_to_its_text_and_category(server, browser, requests):
    url, _ = server
    page, dialogs = _open(browser, url + "/?tab=Reporting+timeline", requests)
    segment = "[data-testid='stVegaLiteChart'] path[aria-label*='Category: banking']"
    page.wait_for_selector(segment, timeout=60_000)
    _settle(page)
    page.locator(segment).first.click()
    page.wait_for_url(re.compile(r"category=banking.*sources=|sources=.*category=banking"), timeout=30_000)
    _settle(page)
    assert "/indicator" not in page.url
    assert page.get_by_role("tab", selected=True).inner_text().startswith("Reporting timeline")
    _finish(page, "timeline-click-1280.png", dialogs)


#: Each table's (content width, visible width) in the browser: its scroller's scrollWidth and clientWidth.
TABLE_WIDTHS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] .dvn-scroller")]
  .map((s) => [s.scrollWidth, s.clientWidth])"""
#: A table's column headers, in the order it draws them (its accessible copy of the canvas).
TABLE_HEADERS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] th")].map((t) => t.textContent)"""


def test_tables_keep_their_columns_on_screen_at_1280(server, browser, requests):
    from dashboard.views.overview import FINDINGS_COLUMNS

    url, _ = server
    page, dialogs = _open(browser, url + "/indicator?indicator=consumer_price_growth", requests)
    page.wait_for_selector("[data-testid='stDataFrame'] .dvn-scroller", timeout=60_000)
    _settle(page)
    ((content, visible),) = page.evaluate(TABLE_WIDTHS)
    assert content <= visible, "every column of the observations, Note and Derived too, is on screen"
    page.goto(url + "/?tab=Findings&q=tariff")
    page.wait_for_selector("[data-testid='stDataFrame'] .dvn-scroller", timeout=60_000)
    _settle(page)
    assert page.evaluate(TABLE_HEADERS)[:2] == ["Indicator", "Quote"], "the quote is pinned beside its indicator"
    ((content, visible),) = page.evaluate(TABLE_WIDTHS)
    beyond = sum(int(FINDINGS_COLUMNS[c].get("width") or 0) for c in ("Curator's translation", "Id"))
    assert content - beyond <= visible, "only the translation and the id are past the right edge"
    _finish(page, "findings-table-1280.png", dialogs)
