"""Data quality page: every problem the loader found, grouped by severity and code, and the curation worklist."""

from __future__ import annotations

from typing import cast

import pandas as pd
import streamlit as st

from dashboard.curation.candidates import COVERAGE_COLUMNS, Coverage, Survey, survey
from dashboard.curation.scans import unscanned
from dashboard.curation.skeletons import skeleton
from dashboard.problems import CODES, summarize
from dashboard.tables.frames import problems_frame
from dashboard.views.shared import Context, context, md, render_notices
from dashboard.views.statictable import render_table

#: Candidates drawn as ready records; past a few hundred the page would take minutes to draw (50,000 at 1,000 texts).
CANDIDATES_SHOWN = 100
#: Ready records drawn at first, and added by each click of "Show more": each is a code block, and 100 of them held
#: the coverage table's paint back by 0.8 s at 1,000 texts.
CANDIDATES_STEP = 20
#: Session key of how many ready records the reader has asked to see.
SHOWN_KEY = "quality-candidates-shown"
#: Texts the coverage table lists, those with the most left to cite first: a row per stored text (1,000 at a desk's
#: scale) would bury the few that need work, and the CLI's JSON gives every text's coverage.
COVERAGE_ROWS = 25
#: Problems of one code listed on the page; `python -m dashboard validate` prints every one.
PROBLEM_ROWS = 200
#: Height (px) of the box a long list of one code's problems scrolls in, as the data grid did, so the coverage below
#: stays a short scroll away; a list of up to SHORT_LIST rows is shown whole.
PROBLEMS_HEIGHT, SHORT_LIST = 420, 6
#: Key of the block that holds the coverage table (the benchmark and the browser tests find it by this class).
COVERAGE_KEY = "coverage-table"
#: The coverage table's columns of counts and shares, aligned right.
COUNTS = ("mentions", "dismissed", "covered", "candidates", "coverage")


def render_quality(ctx: Context) -> None:
    """The Data quality page."""
    st.title("Data quality")
    render_notices(ctx, errors_banner=False)
    render_problems(ctx)
    render_coverage(ctx, survey_shown(ctx))


def survey_shown(ctx: Context) -> Survey:
    """The worklist, with a progress bar while texts never scanned before are scanned (minutes at 10,000 texts)."""
    pending = unscanned(ctx.data.texts.values())
    if not pending:
        return ctx.survey() if ctx.survey else survey(ctx.data)
    label = f"Scanning {pending} stored texts for figure mentions; each is scanned once and kept for next time."
    bar = st.progress(0.0, text=label)

    def tick(done: int, total: int) -> None:
        # NOTE: every text would send 10,000 messages to the browser; a step per 1% is smooth enough.
        if done == total or done % max(1, total // 100) == 0:
            bar.progress(done / total, text=f"{label} {done:,} of {total:,}.")

    # NOTE: scanned here, outside the cached survey: a bar drawn from inside a cached function is replayed by Streamlit
    # on the next run's cache hit, onto a bar that no longer exists, and the page failed on any later rerun (a click).
    # The scans are kept (in memory and on disk), so the cached survey below only re-matches them.
    survey(ctx.data, progress=tick)
    bar.empty()
    return ctx.survey() if ctx.survey else survey(ctx.data)


def render_problems(ctx: Context) -> None:
    """Every loader problem with file, line and message, grouped by severity, then code."""
    data = ctx.data
    problems = problems_frame(data)
    if problems.empty:
        verified = int(ctx.frame.shape[0])
        st.success(
            f"No problems: {verified:,} observations verified against {len(data.texts):,} stored texts "
            f"({len(data.indicators):,} indicators).",
            icon=":material/check_circle:",
        )
        return
    st.markdown(
        f"**{md(summarize(data.problems))}.** Errors leave their record out; warnings keep it; notices say what is "
        "left to do. A warning or notice a curator has checked is accepted on its record (`accept:`) and listed "
        "last, with the reason."
    )
    open_problems = problems[~problems["accepted"]]
    for severity in ("error", "warning", "notice"):
        group = open_problems[open_problems["severity"] == severity]
        if not group.empty:
            st.header(f"{severity.capitalize()}s ({len(group):,})")
            render_codes(group, ["file", "line", "column", "message"])
    accepted = problems[problems["accepted"]]
    if not accepted.empty:
        st.header(f"Accepted ({len(accepted):,})")
        st.caption("Checked by a curator and accepted on the record; they do not fail `validate --strict`.")
        render_codes(accepted, ["file", "line", "severity", "reason", "message"])


def render_codes(group: pd.DataFrame, columns: list[str]) -> None:
    """One table per code of `group`, under the code's count and hint."""
    for code, rows in group.groupby("code", sort=True):
        st.subheader(f"{code} · {len(rows):,}")
        st.caption(md(CODES.get(cast(str, code), "")))
        # NOTE: Markdown tables, not data grids: a grid anywhere on the page held back the whole page's paint until its
        # 1.2 MB of code had arrived, and a static table wraps a long message instead of cutting it.
        box = st.container(height=PROBLEMS_HEIGHT) if len(rows) > SHORT_LIST else st.container()
        with box:
            render_table(rows[columns].head(PROBLEM_ROWS).rename(columns=str.capitalize), right=("Line", "Column"))
        if len(rows) > PROBLEM_ROWS:
            st.caption(
                f"The first {PROBLEM_ROWS} of {len(rows):,}; the other {len(rows) - PROBLEM_ROWS:,} are not shown. "
                "`python -m dashboard validate` lists every one."
            )


def coverage_table(cov: Coverage) -> pd.DataFrame:
    """The first COVERAGE_ROWS texts by mentions left to cite (then by lowest coverage), as the table shows them."""
    ordered = sorted(cov.sources, key=lambda s: (-s.candidates, s.share))[:COVERAGE_ROWS]
    rows = [(s.source, s.file, s.mentions, s.dismissed, s.covered, s.candidates, f"{s.share:.0%}") for s in ordered]
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def render_coverage(ctx: Context, result: Survey) -> None:
    """How many figure mentions in the stored texts the records cite, and a ready record for each one they miss."""
    cov = result.coverage
    st.header("Coverage of the stored texts")
    counted = cov.mentions - cov.dismissed
    # NOTE: said in a line of Markdown, not st.metric: the metric's code (and what it loads, 60 KB) was fetched when it
    # arrived, just before the coverage table, and held the table's paint back; the figures its tooltip hid are said.
    st.markdown(
        f"**{cov.share:.0%}** of the figure mentions are cited by a record: {cov.covered:,} of {counted:,}; "
        f"{cov.dismissed:,} dismissed on purpose in data/dismissed\\.yaml."
    )
    with st.container(key=COVERAGE_KEY):
        render_table(coverage_table(cov), right=COUNTS)
    if len(cov.sources) > COVERAGE_ROWS:
        st.caption(
            f"The {COVERAGE_ROWS} texts with the most mentions not yet cited, of {len(cov.sources):,}; the other "
            f"{len(cov.sources) - COVERAGE_ROWS:,} are not shown. `python -m dashboard candidates --format json` "
            "gives every text's coverage."
        )
    for problem in result.problems:
        st.error(md(problem.format()), icon=":material/error:")
    candidates = result.candidates
    if not candidates:
        st.caption("Every figure mention is cited or dismissed.")
        return
    st.subheader(f"Not cited yet · {len(candidates):,}")
    st.caption(
        "Each is a ready observation: copy it (button at its top right), paste it under its suggested indicator in "
        "indicators.yaml, check the suggested indicator and period and fill in any TODOs; or dismiss it in "
        "data/dismissed.yaml with a reason."
    )
    shown = min(st.session_state.get(SHOWN_KEY, CANDIDATES_STEP), CANDIDATES_SHOWN, len(candidates))
    if len(candidates) > shown:
        st.caption(
            f"Showing the first {shown} of {len(candidates):,}; `python -m dashboard candidates --format yaml` prints "
            "all of them."
        )
    for item in candidates[:shown]:
        m = item.mention
        st.markdown(f"**{md(m.text)}** · {md(m.kind)} · {md(item.file)}, line {m.line}")
        if result.suggester is not None:
            st.caption(f"Suggested: {md(result.suggester.line(item.source, m, item.text))}")
        st.code(skeleton(item, ctx.data, result.suggester), language="yaml")
    more = min(CANDIDATES_STEP, CANDIDATES_SHOWN - shown, len(candidates) - shown)
    if more > 0:
        st.button(f"Show {more} more", on_click=show_more, args=(shown + more,), key="quality-show-more")


def show_more(count: int) -> None:
    """Show the first `count` ready records from the next run on."""
    st.session_state[SHOWN_KEY] = count


if __name__ == "__main__":
    render_quality(context())
