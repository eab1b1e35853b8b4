"""The Overview's tab labels: a count while a filter is on, and a tab found by its name with or without one."""

from __future__ import annotations

from dashboard.views.tabs import CHART_TABS, FINDINGS_TAB, tab_labels, tab_name


def test_labels_carry_counts_only_when_given():
    names = [*CHART_TABS.values(), FINDINGS_TAB]
    assert tab_labels({}) == names
    counts = {name: n * 1000 for n, name in enumerate(names)}
    assert tab_labels(counts)[-1] == f"{FINDINGS_TAB} (5,000)"


def test_a_tab_is_named_with_or_without_its_count():
    assert tab_name("Corroboration (1,234)") == tab_name("Corroboration") == "Corroboration"
    assert tab_name("Rates (vs) prices") == "Rates (vs) prices", "only a trailing count is taken off"
