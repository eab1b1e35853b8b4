"""The live charts' text in a real browser: wrapped labels drawn as lines, never as "[…,…]" and never cut with "…"."""

from __future__ import annotations

import contextlib
import os
import shutil
from unittest import mock

import pytest

from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop, wait_healthy
from tests.helpers import FIXTURES, REPO

pytestmark = pytest.mark.browser

#: Each text mark of the live charts as the reader sees it: its lines (one per tspan, else its whole text).
TEXT_LINES = """() => [...document.querySelectorAll('.vega-embed svg text')].map((t) => {
  const spans = [...t.querySelectorAll('tspan')].map((s) => s.textContent);
  return spans.length ? spans : [t.textContent];
})"""


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for the module (Playwright's sync API allows one at a time)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not at /usr/bin/chromium; browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()


@contextlib.contextmanager
def _served(root, today: str):
    """`streamlit run` on `root` on a free loopback port with today fixed, stopped afterwards."""
    port = free_port()
    with mock.patch.dict(os.environ, {"DASHBOARD_TODAY": today}):
        proc = start_app(root, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def page(chromium, tmp_path_factory):
    """A 1280×720 page on a temporary copy of the real project."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(REPO / "indicators.yaml", root)
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "seeds", root / "seeds")
    with _served(root, "2026-12-02") as url:
        tab = chromium.new_page(viewport={"width": 1280, "height": 720})
        yield tab, url
        tab.close()


def _chart_lines(page, url: str, tab: str, wanted: str) -> list[list[str]]:
    page.goto(f"{url}/?tab={tab}")
    page.locator(".vega-embed svg text", has_text=wanted).first.wait_for(timeout=90_000)
    return page.evaluate(TEXT_LINES)


def test_the_live_stress_table_draws_a_wrapped_name_as_two_lines(page):
    lines = _chart_lines(*page, "Financial+stress", "Non-payments")
    assert ["Non-payments in the economy and", "banking system"] in lines
    flat = [line for text in lines for line in text]
    assert not any(line.startswith("[") or ",banking" in line for line in flat), flat


def test_the_live_corroboration_grid_wraps_a_long_name_and_cuts_none(page):
    lines = _chart_lines(*page, "Corroboration", "Threatened US tariff")
    assert ["Threatened US tariff on buyers of Russian", "energy (Graham bill)"] in lines
    assert [line for text in lines for line in text if line.endswith("…")] == []


def test_the_live_threats_chart_credits_each_text_with_its_kind_in_lines(page):
    lines = _chart_lines(*page, "Sanctions+threats", "Blog post")
    credits: dict[str, int] = {}
    for text in (t for t in lines if "·" in t[0]):
        credits[" ".join(text)] = max(len(text), credits.get(" ".join(text), 0))
    assert credits["Aug 2025 · Blog post, no outlet named"] >= 1, credits
    # NOTE: the April credit stops before May's circle, so it takes several lines.
    assert credits["Apr 2025 · Caliber.Az (news, per Bloomberg)"] > 1, credits
    assert not any(line.startswith("[") for text in lines for line in text)


@pytest.fixture(scope="module")
def series_page(chromium):
    """A 1280×720 page on the series fixture (an indicator of seven figures, one texts-disagree pair)."""
    with _served(FIXTURES / "series_project", "2025-03-15") as url:
        tab = chromium.new_page(viewport={"width": 1280, "height": 720})
        yield tab, url
        tab.close()


def test_the_indicator_pages_observations_fit_1280_with_the_disagreement_column(series_page):
    page, url = series_page
    page.goto(f"{url}/indicator?indicator=key_rate")
    grid = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first
    grid.wait_for(timeout=90_000)
    assert grid.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), grid.evaluate(
        "(el) => [el.scrollWidth, el.clientWidth]"
    )
