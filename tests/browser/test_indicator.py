"""The Indicator page in Chromium: the series chart of a seven-figure test project, and its tables at 1280."""

from __future__ import annotations

import pytest

from tests.browser.support import ARTIFACTS, finish, settle

pytestmark = pytest.mark.browser

#: Each data grid's (content width, visible width) in the browser: its scroller's scrollWidth and clientWidth.
TABLE_WIDTHS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] .dvn-scroller")]
  .map((s) => [s.scrollWidth, s.clientWidth])"""
#: Each Markdown table's (drawn width, its element's width) and its column headers, as the reader sees them.
STATIC_TABLES = """() => [...document.querySelectorAll("[data-testid='stMarkdownContainer'] table")].map((t) => [
  t.getBoundingClientRect().width, t.closest("[data-testid='stMarkdownContainer']").clientWidth,
  [...t.querySelectorAll('th')].map((c) => c.textContent)])"""
#: A table's column headers, in the order it draws them (its accessible copy of the canvas).
TABLE_HEADERS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] th")].map((t) => t.textContent)"""


def test_the_series_chart_draws_seven_figures_and_a_click_shows_its_quote(series_server, open_page):
    point = "[data-testid='stVegaLiteChart'] path[aria-label*='Counts as:']"
    wide, _ = open_page(series_server + "/indicator?indicator=key_rate", 1920, 1080)
    wide.locator(point).first.wait_for(timeout=60_000)
    finish(wide, "indicator-series-1920.png")
    page, dialogs = open_page(series_server + "/indicator?indicator=key_rate")
    page.locator(point).first.wait_for(timeout=60_000)
    settle(page)
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
    finish(page, "indicator-series-clicked-1280.png", dialogs)


def test_tables_keep_their_columns_on_screen_at_1280(server, open_page):
    from dashboard.views.overview import FINDINGS_COLUMNS

    page, dialogs = open_page(server + "/indicator?indicator=consumer_price_growth")
    page.wait_for_selector("[data-testid='stMarkdownContainer'] table td", timeout=60_000)
    settle(page)
    ((drawn, visible, headers),) = page.evaluate(STATIC_TABLES)
    assert headers[-2:] == ["Note", "Derived"]
    assert drawn <= visible + 1, "every column of the observations, Note and Derived too, is on screen"
    page.goto(server + "/?tab=Findings&q=tariff")
    page.wait_for_selector("[data-testid='stDataFrame'] .dvn-scroller", timeout=60_000)
    settle(page)
    assert page.evaluate(TABLE_HEADERS)[:2] == ["Indicator", "Quote"], "the quote is pinned beside its indicator"
    ((content, visible),) = page.evaluate(TABLE_WIDTHS)
    beyond = sum(int(FINDINGS_COLUMNS[c].get("width") or 0) for c in ("Curator's translation", "Id"))
    assert content - beyond <= visible, "only the translation and the id are past the right edge"
    finish(page, "findings-table-1280.png", dialogs)


def test_back_after_choosing_another_indicator_in_the_box_returns_to_the_one_before(server, open_page):
    page, dialogs = open_page(server + "/?category=banking")
    page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=60_000)
    page.goto(server + "/indicator?indicator=graham_bill_tariff")
    settle(page)
    before = page.evaluate("history.length")
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Bank of Russia key rate").click()
    page.wait_for_url("**indicator=key_rate**", timeout=30_000)
    page.get_by_role("heading", name="Bank of Russia key rate").wait_for(timeout=30_000)
    assert page.evaluate("history.length") == before + 1, "a choice in the box adds one history entry"
    page.go_back()
    page.wait_for_url("**indicator=graham_bill_tariff", timeout=30_000)
    settle(page)
    # NOTE: before the fix the box kept its choice and sent the page forward again (the URL replaced by key_rate).
    assert page.url.endswith("indicator=graham_bill_tariff"), page.url
    assert page.locator("h1").first.inner_text().startswith("Threatened US tariff")
    page.go_back()
    page.wait_for_url("**/?category=banking", timeout=30_000)
    finish(page, "indicator-box-back-1280.png", dialogs)
