"""The Overview's Findings tab: a picker that opens an indicator, the filtered findings table, and their CSV."""

from __future__ import annotations

import streamlit as st

from dashboard.tables.downloads import EXPORT_HELP, csv_bytes, export_table
from dashboard.views.shared import Context, Findings, open_indicator

#: Widths (px) for the findings table at 1280×720: the indicator and its quote pinned at the left, the value whole.
FINDINGS_COLUMNS = {
    "Indicator": st.column_config.TextColumn(width=160, pinned=True),
    "Quote": st.column_config.TextColumn(width=320, pinned=True),
    "Category": st.column_config.TextColumn(width=80),
    "Value": st.column_config.TextColumn(width=130),
    "Period": st.column_config.TextColumn(width=80),
    "Source": st.column_config.TextColumn(width=150),
    "Curator's translation": st.column_config.TextColumn(width=250),
    "Id": st.column_config.TextColumn(width=120),
}
#: Row height of the findings table: above 64 px Streamlit's table wraps a cell's text; 112 px holds five lines.
FINDINGS_ROW_HEIGHT = 112
#: Rows the findings table shows: the page stays light at any size, and the CSV download holds every row.
TABLE_ROWS = 200


def render_findings(ctx: Context, found: Findings) -> None:
    """The Findings tab: a picker that opens an indicator, the first TABLE_ROWS filtered findings, the CSV of all."""
    frame = found.frame
    names = ctx.indicator_names()
    choice = st.selectbox(
        "Open an indicator",
        list(names),
        index=None,
        format_func=names.__getitem__,
        placeholder="Choose an indicator, or click a tile or a chart mark",
        key="overview-open",
    )
    if choice:
        open_indicator(choice)
    if len(frame) > TABLE_ROWS:
        st.caption(
            f"Showing the first {TABLE_ROWS:,} of {len(frame):,} findings; refine the filters, or download the CSV "
            "for all of them."
        )
    st.dataframe(
        found.table, hide_index=True, width="stretch", column_config=FINDINGS_COLUMNS, row_height=FINDINGS_ROW_HEIGHT
    )
    st.download_button(
        f"Download the {len(frame):,} findings shown (CSV)",
        lambda: csv_bytes(export_table(frame, ctx.data)),
        "findings.csv",
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
        help=EXPORT_HELP,
    )
