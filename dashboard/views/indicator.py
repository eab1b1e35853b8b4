"""Indicator page: one indicator's definition, observations, chart and each quote highlighted in its paragraph."""

from __future__ import annotations

import difflib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.charts.series import record_ids
from dashboard.charts.specs import indicator_chart
from dashboard.export.headlines import disagreeing_figures
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import (
    CURATORS,
    highlight_markdown,
    paragraph_bounds,
    period_labels,
    source_credit,
    value_labels,
)
from dashboard.tables.downloads import EXPORT_HELP, csv_bytes, export_table
from dashboard.views.shared import (
    PAGE,
    RECORD_PARAM,
    Context,
    chart_spec,
    context,
    md,
    needs_preview,
    quote_pieces,
    render_chart,
    render_notices,
)
from dashboard.views.statictable import render_table

#: The findings table's column for a figure another independent text contradicts (texts-disagree).
DISAGREES = "Another text gives"
#: Key prefix of the indicator select box; the rest of the key is the indicator the URL names.
CHOICE_KEY = "indicator-choice-"
#: What two of the observations' columns hold, said under the table.
COLUMN_HELP = "Status: a qualitative finding's words, or a figure's status · Line: the quote's line in its stored text"


def choose_indicator(ctx: Context) -> tuple[str | None, Callable[[], None]]:
    """The indicator named in the URL (`?indicator=key_rate`), and a function that draws the select box (the page
    draws it into its place at the top once the rest is sent); a choice in the box goes to that indicator's URL."""
    names = {ind.id: ind.name for ind in ctx.data.indicators}
    wanted = st.query_params.get("indicator")
    options = sorted(names, key=lambda i: names[i].lower())
    known = wanted if wanted in names else None
    # NOTE: a box per indicator the URL names (the key), so a new URL (Back, a link) opens a box on it.
    key = f"{CHOICE_KEY}{known or ''}"

    def go() -> None:
        # NOTE: the choice becomes the URL and the box forgets it: a box that kept it would, on Back to this URL,
        # send the reader forward to the choice again (the URL is the one place the page reads its indicator from).
        st.query_params["indicator"] = st.session_state[key]
        del st.session_state[key]

    def draw() -> None:
        if wanted and wanted not in names:
            close = difflib.get_close_matches(wanted, options, n=1)
            hint = f" Did you mean ‘{md(names[close[0]])}’ (`{close[0]}`)?" if close else ""
            st.error(f"No indicator with the id ‘{md(wanted)}’.{hint} Choose one below.")
        index = options.index(known) if known else None
        st.selectbox(
            "Indicator",
            options,
            index=index,
            format_func=names.__getitem__,
            placeholder="Choose an indicator",
            key=key,
            on_change=go,
        )

    return known, draw


def observations_table(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """The indicator's observations as a table: the figure with its unit, the status words (a qualitative finding's
    own text), period, source, where the quote is."""
    notes = _disagreements(ctx, rows)
    # NOTE: a qualitative finding has no figure: its words go under Status, not Value, each thing in its column.
    figures = value_labels(rows.assign(status=None), words=True).tolist()
    table = pd.DataFrame(
        {
            "Value": [f if pd.notna(v) else "" for f, v in zip(figures, rows["value"], strict=True)],
            "Status": [s if isinstance(s, str) else "" for s in rows["status"]],
            "Period": period_labels(rows).tolist(),
            "Trend": rows["trend"].fillna(""),
            "Source": [source_credit(ctx.data.sources.get(s), ctx.data.sources) for s in rows["source"]],
            "Line": rows["quote_line"],
            "Note": rows["note"].fillna(""),
            "Derived": rows["derived"].fillna(""),
        }
    )
    # NOTE: the column is there only when a figure of this indicator is in an unsettled texts-disagree.
    if any(notes):
        table.insert(list(table.columns).index("Source") + 1, DISAGREES, notes)
    return table


def _disagreements(ctx: Context, rows: pd.DataFrame) -> list[str]:
    """Each row's `31 billion dollars (The Courier)` when it is in an unsettled texts-disagree, else ''."""
    keys = zip(rows["indicator_id"], rows["yaml_line"], strict=True)
    return ["; ".join(disagreeing_figures(ctx.data, str(i), int(line))) for i, line in keys]


def translation_markdown(translation: str) -> str:
    """The curator's translation of a quote, marked as theirs and as unchecked, the text escaped."""
    return f":gray[*Curator's translation, not checked against the text:*] {md(translation)}"


def render_citation(ctx: Context, row: pd.Series, pieces: tuple[tuple[int, int], ...]) -> None:
    """The quote's pieces highlighted inside its paragraph, with the text's title, publisher and date, and a link."""
    source = ctx.data.sources[row["source"]]
    stored = ctx.data.texts[row["source"]].text
    left, right = paragraph_bounds(stored, int(row["quote_start"]), int(row["quote_end"]))
    with st.container(border=True):
        # NOTE: an elided quote marks only the words it quotes, not what its "…" left out.
        st.markdown(highlight_markdown(stored[left:right], [(a - left, b - left, None) for a, b in pieces]))
        if isinstance(row["translation"], str):
            st.markdown(translation_markdown(row["translation"]))
        credit = source_credit(source, ctx.data.sources)
        if source.published_basis == "inferred":
            credit += f" (date inferred: {source.published_reason})"
        title = source.title + (" (title supplied by the curator)" if source.title_basis == "supplied" else "")
        if source.title_translation:
            title += f" ({CURATORS} {source.title_translation})"
        st.caption(f"**{md(title)}** · {md(credit)} · line {row['quote_line']}")
        st.page_link(PAGE["sources"], label="Whole text on the Sources page", query_params={"source": source.id})


def render_index(ctx: Context) -> None:
    """Every indicator by category, each a link to its page, for a visit with none chosen yet."""
    st.title("Indicators")
    by_category: dict[str, list[str]] = {}
    order = {c: n for n, c in enumerate(CATEGORIES)}
    for ind in sorted(ctx.data.indicators, key=lambda i: (order[i.category], i.name.lower())):
        by_category.setdefault(ind.category, []).append(ind.id)
    names = {ind.id: ind.name for ind in ctx.data.indicators}
    for category, ids in by_category.items():
        st.subheader(md(category.capitalize()))
        for ident in ids:
            st.page_link(PAGE["indicator"], label=md(names[ident]), query_params={"indicator": ident})


def render_indicator(ctx: Context) -> None:
    """The Indicator page."""
    render_notices(ctx)
    chosen, draw_choice = choose_indicator(ctx)
    # NOTE: the select box's place is kept here and filled after the page: the browser fetches the code of each kind
    # of element when its first one arrives, and the box's (about 150 KB in 20 files) came before everything else.
    place = st.container()
    if chosen is None:
        with place:
            draw_choice()
        render_index(ctx)
        return
    ind = next(i for i in ctx.data.indicators if i.id == chosen)
    st.title(md(ind.name))
    unit = ind.unit if ind.unit and ind.unit != "qualitative" else "none (qualitative findings)"
    st.markdown(
        f"{md(ind.description)}  \n**Category:** {md(ind.category)} · **Unit:** {md(unit)} · "
        f"**Higher is:** {md(ind.higher_is)} · **Id:** {md(ind.id)}"
    )
    if ind.note:
        st.caption(md(ind.note))
    rows = ctx.frame[ctx.frame["indicator_id"] == chosen].sort_values(["period_start", "published"])
    if rows.empty:
        st.warning("No verified observation of this indicator; see Data quality for why.")
        with place:
            draw_choice()
        return
    st.subheader("Observations")
    # NOTE: a static table, not the data grid: its cells wrap to their whole text at any width, and the grid's code
    # (1.2 MB) was the last thing the page waited for (0.6 s of a visit).
    render_table(observations_table(ctx, rows), right=("Line",))
    st.caption(COLUMN_HELP)
    st.download_button(
        "Download observations (CSV)",
        lambda: csv_bytes(export_table(rows, ctx.data)),
        f"{chosen}.csv",
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
        help=EXPORT_HELP,
    )
    render_series(ctx, chosen, rows)
    render_quotes(ctx, rows)
    with place:
        draw_choice()


def render_series(ctx: Context, chosen: str, rows: pd.DataFrame) -> None:
    """The series chart once two figures exist (a qualitative indicator's findings are its table and quotes, see
    charts/series.py); a click on a mark puts that figure's quote first."""
    numeric = int(rows["value"].notna().sum())
    if numeric < 2:
        if numeric == 1:
            st.caption("One figure so far: the chart over time appears once a second text or period gives one.")
        return
    if ctx.indicator_spec:
        chart = ctx.indicator_spec(chosen)
    else:
        chart = chart_spec(indicator_chart(ctx.frame, ctx.data, chosen))
    # NOTE: a tab's first chart waits for vega-embed's code; the server-drawn preview shows it meanwhile.
    drawn = ctx.indicator_preview(chosen) if ctx.indicator_preview and needs_preview() else None
    render_chart(ctx, chart, f"indicator-{chosen}", drawn)
    st.caption("Click a mark to read its quote just below; hover over it for its source, period and hedge.")


def render_quotes(ctx: Context, rows: pd.DataFrame) -> None:
    """Every quote in its paragraph; the one whose chart mark was clicked (`?record=`) first, under its own heading."""
    ids = record_ids(rows)
    clicked = st.query_params.get(RECORD_PARAM)
    pieces = dict(zip(ids, quote_pieces(ctx.data, rows), strict=True))
    if clicked in set(ids):
        st.subheader("The quote you clicked")
        render_citation(ctx, rows[ids == clicked].iloc[0], pieces[clicked])
        rows, ids = rows[ids != clicked], ids[ids != clicked]
        st.subheader("The other quotes")
    else:
        st.subheader("Where the texts say it")
    for (_, row), record in zip(rows.iterrows(), ids, strict=True):
        render_citation(ctx, row, pieces[record])


if __name__ == "__main__":
    render_indicator(context())
