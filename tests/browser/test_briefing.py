"""The briefing view in Chromium: the sheet at the largest 16:9 the window holds, centred."""

from __future__ import annotations

import pytest

from tests.browser.support import finish

pytestmark = pytest.mark.browser

SHEET_BOX = """() => { const r = document.querySelector("[data-testid='stImage'] img").getBoundingClientRect();
  return [r.left, r.top, r.width, r.height]; }"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_briefing_sheet_is_as_large_as_the_window_holds_and_centred(server, open_page, width, height):
    page, dialogs = open_page(f"{server}/?view=briefing", width, height)
    page.locator("[data-testid='stImage'] img").first.wait_for(timeout=90_000)
    page.wait_for_timeout(800)
    left, top, shown_width, shown_height = page.evaluate(SHEET_BOX)
    # NOTE: 2rem of side padding and 4.5rem for the download row (views/briefing.ROW_ROOM) are all it gives up.
    assert abs(shown_width - min(width - 32, (height - 72) * 16 / 9)) <= 1, shown_width
    assert abs(shown_width / shown_height - 16 / 9) < 0.01
    assert top + shown_height <= height and left >= 0
    assert abs(left - (width - left - shown_width)) <= 1, "centred"
    finish(page, f"briefing-{width}.png", dialogs)
