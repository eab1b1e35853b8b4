"""The Overview's tabs: their names, each one's count of the filtered findings, and the one a session opens on."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.export.images import CHART_ROWS
from dashboard.records.dataset import Dataset

#: The Overview's tabs: one per chart, by the chart's slug, then the findings table and picker.
CHART_TABS = {
    "rates-prices": "Rates vs prices",
    "financial-stress": "Financial stress",
    "sanctions-threats": "Sanctions threats",
    "reporting-timeline": "Reporting timeline",
    "corroboration": "Corroboration",
}
FINDINGS_TAB = "Findings"
#: The chart whose click filters the Overview (to one text and one category) instead of opening an indicator.
TIMELINE_SLUG = "reporting-timeline"
#: Session key of the timeline segment whose click last set the filters.
SEGMENT_KEY = "overview-segment"
#: The count a tab's label ends with while a filter is on.
COUNT_SUFFIX = re.compile(r" \([\d,]+\)$")
#: Widget key of the tabs, and the URL parameter that names the open one (`?tab=Corroboration`).
TAB_KEY = "tab"


def tab_counts(frame: pd.DataFrame, data: Dataset) -> dict[str, int]:
    """Each tab's count of the findings in `frame`: for a chart, the findings of the indicators it draws (the timeline
    draws every text's count); for Findings, all of them."""
    counts = {}
    for slug, label in CHART_TABS.items():
        rows = CHART_ROWS[slug](frame, data)
        if slug == TIMELINE_SLUG:
            counts[label] = int(rows["count"].sum()) if len(rows) else 0
        else:
            counts[label] = int(frame["indicator_id"].isin(set(rows["indicator_id"])).sum()) if len(rows) else 0
    counts[FINDINGS_TAB] = len(frame)
    return counts


def tab_labels(counts: dict[str, int]) -> list[str]:
    """The tabs' labels, each with its count of matching findings when `counts` has them ("Financial stress (3)")."""
    names = [*CHART_TABS.values(), FINDINGS_TAB]
    return [f"{name} ({counts[name]:,})" if name in counts else name for name in names]


def tab_name(label: str) -> str:
    """A tab's name without its count: what a link's `?tab=` may say, with or without one."""
    return COUNT_SUFFIX.sub("", label)


def first_tab(frame: pd.DataFrame, data: Dataset) -> str | None:
    """The first chart tab with something to draw for `frame`, or None (the first tab) when none has."""
    # NOTE: worked out once per session (a link's filters), then kept: a changing default would move the open tab.
    shown = (label for slug, label in CHART_TABS.items() if not CHART_ROWS[slug](frame, data).empty)
    return next(shown, None)
