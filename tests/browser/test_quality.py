"""The Data quality page in Chromium: a first scan of many texts shows its progress, then the coverage table."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quality import COVERAGE
from tests.browser.support import ARTIFACTS, served

pytestmark = pytest.mark.browser

#: Enough generated texts that a cold scan lasts long enough to be seen, few enough for the suite.
PROGRESS_TEXTS = 300


def test_a_cold_scan_shows_a_progress_bar_then_the_coverage_table(tmp_path: Path, open_page):
    """With an empty scan cache: the page shows the scan's progress bar, then the table without it."""
    from bench.generate import generate

    project = generate(tmp_path, [8], texts=PROGRESS_TEXTS, seed=3)[8]
    with served(project.root) as url:
        page, dialogs = open_page(url + "/quality", 1280, 900)
        bar = page.locator("[data-testid='stProgress']")
        bar.wait_for(state="visible", timeout=180_000)
        label = page.get_by_text(f"Scanning {PROGRESS_TEXTS} stored texts for figure mentions")
        assert label.count() == 1
        page.screenshot(path=ARTIFACTS / "quality-progress.png")
        page.locator(COVERAGE).first.wait_for(state="visible", timeout=300_000)
        # NOTE: the frontend drops the bar when the run that drew the table ends, a moment after the table shows.
        bar.wait_for(state="detached", timeout=60_000)
        assert bar.count() == 0
        assert page.get_by_text("Coverage of the stored texts").count() == 1
        page.close()
        assert dialogs == []
