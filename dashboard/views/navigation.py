"""How a page sends the reader to another: the pages, opening an indicator, one history entry per page change."""

from __future__ import annotations

import streamlit as st

#: (url slug, title, script relative to app.py) of every page, in navigation order.
PAGES = [
    ("overview", "Overview", "views/overview.py"),
    ("indicator", "Indicator", "views/indicator.py"),
    ("sources", "Sources", "views/sources.py"),
    ("quality", "Data quality", "views/quality.py"),
]
PAGE = {slug: path for slug, _, path in PAGES}
#: URL parameter naming the record whose quote the Indicator page puts first (a click on a series chart's mark).
RECORD_PARAM = "record"
#: Our own fixed script (no data text in it), installed once per browser tab: a page change that Streamlit 1.67 records
#: as two history entries (the new query on the old path, then the new path) is recorded as one.
HISTORY_FIX = """<script>(() => {
  if (window.__dashboardHistoryFix) return;
  window.__dashboardHistoryFix = true;
  const push = history.pushState.bind(history);
  let last = null;
  history.pushState = (state, title, url) => {
    const next = new URL(url, location.href);
    const now = Date.now();
    if (last && now - last.at < 3000 && next.search === last.search && next.pathname !== last.pathname
        && location.pathname === last.pathname && location.search === last.search) {
      last = null;
      return history.replaceState(state, title, url);
    }
    last = {at: now, search: next.search, pathname: next.pathname};
    return push(state, title, url);
  };
})();</script>"""


def open_indicator(indicator_id: str, record: str | None = None) -> None:
    """Go to the drill-down of `indicator_id` (its id lands in the URL, so the link can be shared), at the quote of
    `record` when a series chart's mark names one."""
    params = {"indicator": indicator_id} | ({RECORD_PARAM: record} if record else {})
    st.switch_page(PAGE["indicator"], query_params=params)


def render_history_fix() -> None:
    """Install HISTORY_FIX in this browser tab, so Back after opening an indicator returns to the Overview at once."""
    # NOTE: st.switch_page with query_params, and a page link, make Streamlit's frontend push the new query string on
    # the old page's path (/?indicator=…, which the Overview turns back into the indicator) and then the new page's
    # path: Back never reached the Overview. The fix turns the second push into a replace of the first.
    st.html(HISTORY_FIX, unsafe_allow_javascript=True)
