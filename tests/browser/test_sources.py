"""The Sources page in Chromium: a link to one text opens it with its cited sentences highlighted."""

from __future__ import annotations

import pytest

from tests.browser.support import finish

pytestmark = pytest.mark.browser


def test_a_link_to_a_text_shows_it_with_its_cited_sentences_highlighted(server, open_page):
    page, dialogs = open_page(server + "/sources?source=wapo-2025-05")
    highlight = page.locator(".stMarkdownColoredBackground").first
    highlight.wait_for(timeout=30_000)
    assert highlight.inner_text(), "a cited sentence is highlighted"
    finish(page, "sources-1280.png", dialogs)
