"""The Overview's tabs: their names, each one's count of the filtered findings, and the one a session opens on."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

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
#: Session key of the name of the tab open at the end of the last run (kept while another page is open).
OPEN_TAB_KEY = "overview-open-tab"
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


def render_tabs(counts: dict[str, int], first: str | None) -> Sequence[TabContainer]:
    """The Overview's tabs, labelled with `counts`, open on the tab of this session or link, else on `first`."""
    labels = tab_labels(counts)
    by_name = {tab_name(label): label for label in labels}
    # NOTE: a label carries its count, which changes with the filters: the open tab (from this session or the link)
    # is matched by its name and set to its label of this run, so it stays open.
    # NOTE: the tab's widget state is dropped while another page is open, and a link's `?tab=` without the count is
    # not a label the browser keeps in the URL: the last open tab's name (kept in the session) reopens it on return.
    wanted = st.session_state.get(TAB_KEY) or st.query_params.get(TAB_KEY) or st.session_state.get(OPEN_TAB_KEY)
    default = by_name.get(first or "")
    if isinstance(wanted, str) and tab_name(wanted) in by_name:
        st.session_state[TAB_KEY] = by_name[tab_name(wanted)]
        default = None  # the state chooses the tab; a default beside it makes Streamlit warn
    tabs = st.tabs(labels, key=TAB_KEY, bind="query-params", default=default)
    st.session_state[OPEN_TAB_KEY] = next(
        (tab_name(la) for tab, la in zip(tabs, labels, strict=True) if tab.open), None
    )
    return tabs
