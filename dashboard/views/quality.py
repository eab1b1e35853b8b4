"""Data quality page: every problem the loader found, grouped by severity and code, with file, line and message."""

from __future__ import annotations

import streamlit as st

from dashboard.frames import problems_frame
from dashboard.problems import CODES, summarize
from dashboard.views.shared import Context, context, md, render_notices


def render_quality(ctx: Context) -> None:
    """The Data quality page."""
    st.title("Data quality")
    render_notices(ctx, errors_banner=False)
    data = ctx.data
    problems = problems_frame(data)
    if problems.empty:
        verified = int(ctx.frame.shape[0])
        st.success(
            f"No problems: {verified} observations verified against {len(data.texts)} stored texts "
            f"({len(data.indicators)} indicators).",
            icon=":material/check_circle:",
        )
        return
    st.markdown(f"**{md(summarize(data.problems))}.** Errors leave their record out; warnings keep it.")
    for severity in ("error", "warning"):
        group = problems[problems["severity"] == severity]
        if group.empty:
            continue
        st.header(f"{severity.capitalize()}s ({len(group)})")
        for code, rows in group.groupby("code", sort=True):
            st.subheader(f"{code} · {len(rows)}")
            st.caption(md(CODES.get(code, "")))
            table = rows[["file", "line", "column", "message"]].rename(columns=str.capitalize)
            st.dataframe(table, hide_index=True, width="stretch")


if __name__ == "__main__":
    render_quality(context())
