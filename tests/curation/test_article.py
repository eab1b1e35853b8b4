"""The article out of a page, one paragraph a line, and the test that it holds an article's sentences."""

from __future__ import annotations

from dashboard.curation.article import extract_article, is_article, tidy
from dashboard.evidence import language as languages
from tests.helpers import PAGES

EN = languages.get("en")


def test_menus_banners_share_buttons_read_also_and_footers_stay_out() -> None:
    text = extract_article((PAGES / "en_opengraph.html").read_text())
    assert text is not None and len(text.splitlines()) == 5
    for furniture in ("cookies", "Share on", "Read also", "Tags:", "All rights reserved", "Brent", "Markets"):
        assert furniture not in text


def test_a_home_page_and_a_paywall_hold_no_article() -> None:
    assert extract_article((PAGES / "en_home_page.html").read_text()) is None
    paywall = extract_article((PAGES / "en_paywall.html").read_text())
    assert paywall is not None and not is_article(paywall, EN)


def test_a_text_is_tidied_to_unix_lines_without_blank_ones() -> None:
    assert tidy("  One  line.\r\n\r\nTwo\rthree ") == "One line.\nTwo\nthree\n"
