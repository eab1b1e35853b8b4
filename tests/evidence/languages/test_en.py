"""English: the finder's rules read what the language module says (moved from curation/rules.py with the words)."""

import re

import pytest

from dashboard.evidence.languages import en as rules

FURNITURE = ["Get link", "Advertisement", "By Aghakazim Guliyev", "Jun 1, 2025  |", "(Ben Curtis/AP)"]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_lines(line):
    assert rules.FURNITURE.search(line.strip())


@pytest.mark.parametrize("line", ["by two percent", "by the spring", "By then prices rose"])
def test_a_short_line_starting_with_by_is_text_not_a_byline(line):
    # Test text: short lines an article could hold; only capitalised names after "by" make a byline.
    assert not rules.FURNITURE.search(line)


@pytest.mark.parametrize(
    ("pattern", "text", "matched"),
    [
        ("PERCENT", " percentage points later", " percentage points"),
        ("MONEY_AFTER", " trillion rubles", " trillion rubles"),
        ("DURATION", "-day truce", "-day"),
        ("MULTIPLE", "doubled since", "doubled"),
        ("SHARE", "a third of revenue", "a third"),
        ("CHANGE", "the deficit is growing", "growing"),
    ],
)
def test_each_rule_reads_what_the_module_docstring_says(pattern, text, matched):
    found = getattr(rules, pattern).search(text)
    assert found is not None and found.group(0) == matched


def test_a_date_is_not_a_figure():
    assert re.fullmatch(rules.DATE, "Feb. 28, 2025") and re.fullmatch(rules.DATE, "20 April")
