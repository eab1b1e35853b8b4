"""Chart data → Altair charts, each with title, subtitle and source footer in its own spec; never imports streamlit."""

from __future__ import annotations

from collections.abc import Collection

import altair as alt
import pandas as pd

from dashboard.charts.data import (  # noqa: F401  (re-exported: views, export and sheet import them from here)
    CORROBORATION_CELLS,
    OFFICIAL,
    RATE_IDS,
    STRESS_CATEGORIES,
    TEXT_KINDS,
    corroboration_frame,
    indicator_frame,
    latest,
    rates_frame,
    shown,
    stress_frame,
    threats_frame,
    timeline_frame,
)
from dashboard.charts.parts import (  # noqa: F401  (re-exported likewise)
    AXIS_LINES,
    CATEGORY_COLORS,
    CHAR_PX,
    FONT,
    INK,
    LINE_BREAK,
    LINE_PX,
    MONTHS,
    MUTED,
    ROW_HEIGHT,
    SELECTION,
    TEXT_PX,
    THREAT_HEIGHT,
    TIMELINE_PICK,
    WIDTH,
    capped,
    category_scale,
    empty,
    findings_table,
    finish,
    legend,
    line_counts,
    pick,
    provenance_footer,
    room_to_next,
    spans,
    table_lines,
    table_row_px,
    time_axis,
    titled,
    wrap_cells,
    wrap_text,
)
from dashboard.charts.series import series_chart
from dashboard.charts.threats import LABEL_DX, threat_rows, threats_chart  # noqa: F401  (re-exported likewise)
from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import source_label  # noqa: F401  (re-exported: tests name it through specs)

#: Width an indicator's name may take on a y axis before it wraps onto another line.
NAME_PX = 280


def rates_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH, height: int | None = None) -> alt.VConcatChart:
    """Bars of the key rate against both inflation measures, with the implied real rates (derived, lighter).

    `height` fixes the plot's height (by default a bar row each, ROW_HEIGHT apart).
    """
    rows = rates_frame(frame, data)
    # NOTE: the subtitle names what is drawn: a filter or an export's --indicator may leave one side out.
    key = rows["indicator_id"] == "key_rate"
    subtitle = (
        "Bank of Russia key rate vs official and unofficial inflation, % a year; real rate = key rate − inflation"
    )
    if len(rows) and key.all():
        subtitle = "Bank of Russia key rate, % a year; no inflation figure among those shown"
    elif not key.any() and len(rows):
        subtitle = "Inflation, % a year; no key rate figure among those shown"
    text = ("Rates against prices", subtitle, "No rate or inflation figures match the filters")

    def draw(rows: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
        top = max(rows["value"].max(), 0) * 1.45 or 1
        base = alt.Chart(rows).encode(
            y=alt.Y("row:N", sort=list(rows["row"]), title=None, axis=alt.Axis(labelLimit=260)),
            # NOTE: the unit is in the subtitle, not an axis title: the line it saved keeps the first chart's footer
            # on a 1280×720 screen under tiles that credit each text with its kind.
            x=alt.X("value:Q", title=None, scale=alt.Scale(domain=[min(rows["value"].min(), 0), top])),
            tooltip=[alt.Tooltip("row:N", title="Figure"), alt.Tooltip("said:N", title="Value")],
        )
        opacity = alt.Opacity("kind:N", scale=alt.Scale(domain=["reported", "derived"], range=[1, 0.4]), legend=None)
        bars = base.mark_bar(height=18).encode(
            color=alt.Color("category:N", scale=category_scale(), legend=None), opacity=opacity
        )
        labels = base.mark_text(align="left", dx=5, fontWeight="bold").encode(text=alt.Text("label:N"))
        plot = ROW_HEIGHT * len(rows) + 10 if height is None else height
        return alt.layer(bars.add_params(pick()), labels).properties(width=width, height=plot)

    return finish(rows, data, text, width, draw)


def stress_columns(width: int) -> list[tuple[str, int, int]]:
    """The stress table's columns (field, x, width) for a chart `width` pixels wide."""
    x_find = min(300, width // 3)
    # NOTE: room for "Feb 2022 – Feb 2025" and "2 texts + 1 retold" on one line even in the sheet's larger text.
    x_period, x_texts = width - 290, width - 140
    columns = [("row", 24, x_find - 34), ("finding", x_find, x_period - x_find - 10)]
    return [*columns, ("period_label", x_period, x_texts - x_period - 8), ("texts", x_texts, 140)]


def stress_rows(
    frame: pd.DataFrame, data: Dataset, width: int = WIDTH + 180, height: int | None = None, text_px: int = TEXT_PX
) -> pd.DataFrame:
    """The stress table's rows: as many as fit `height` pixels once wrapped (all, to STRESS_ROWS, without one)."""
    columns = stress_columns(width)
    rows = stress_frame(frame, data, None if height is None else max(1, height // ROW_HEIGHT))
    # NOTE: wrapped cells make every row taller, so a height-bound table keeps only the rows that still fit.
    while height is not None and len(rows) > 1 and table_lines(rows, columns, text_px) * len(rows) > height:
        rows = stress_frame(frame, data, len(rows) - 1)
    return rows


def stress_chart(
    frame: pd.DataFrame, data: Dataset, width: int = WIDTH + 180, height: int | None = None, text_px: int = TEXT_PX
) -> alt.VConcatChart:
    """Financial stress as a findings table: most of these are statements, not numbers, and are shown as such.

    `height` is the most the plot may take: only as many rows as fit it are drawn, and the subtitle says so;
    `text_px` the cells' text size (the sheet's is larger).
    """
    columns = stress_columns(width)
    rows = stress_rows(frame, data, width, height, text_px)
    subtitle = "Latest finding per indicator in banking, fiscal, reserves and energy — the texts' words, not a score"
    subtitle = capped(subtitle, rows, "indicator_id", "the {n} most recent of {total} indicators")
    text = ("Financial stress by category", subtitle, "No banking, fiscal, reserves or energy findings match")

    def draw(rows: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
        fields = ["indicator_id", "category", "source", *(c for c, _, _ in columns)]
        return findings_table(rows[fields], columns, width, text_px)

    return finish(rows, data, text, width, draw)


def timeline_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH - 80) -> alt.VConcatChart:
    """Which text reported what, when: a bar per text, split by category, as long as its count of findings."""
    rows = timeline_frame(frame, data)
    subtitle = "Figures and findings each text reports, by category; texts in order of publication (~ = date inferred)"
    subtitle = capped(subtitle, rows, "source", "latest {n} of {total} texts")
    text = ("Reporting timeline", subtitle, "No texts match the filters")

    def draw(rows: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
        order = list(dict.fromkeys(rows["row"]))
        totals = rows.groupby("row", sort=False).agg(count=("count", "sum")).reset_index()
        # NOTE: a text's label is never cut: the axis takes the room its longest label needs.
        room = max(300, int(max(map(len, order)) * CHAR_PX["normal"]) + 12)
        y = alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=room))
        rows = rows.assign(category_rank=rows["category"].map(list(CATEGORIES).index))
        bars = (
            alt.Chart(rows.drop(columns=["of", "published"]))
            .mark_bar(height=20)
            .encode(
                x=alt.X("count:Q", title="Findings reported", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
                y=y, order=alt.Order("category_rank:Q"),
                color=alt.Color("category:N", scale=category_scale(), title=None, legend=legend(rows)),
                tooltip=[alt.Tooltip("row:N", title="Text"), alt.Tooltip("category:N", title="Category"),
                         alt.Tooltip("count:Q", title="Findings"), alt.Tooltip("retold:Q", title="Of which retold"),
                         alt.Tooltip("names:N", title="Indicators")],
            )
        )  # fmt: skip
        counts = (
            alt.Chart(totals)
            .mark_text(align="left", dx=4, color=MUTED)
            .encode(x=alt.X("count:Q"), y=y, text=alt.Text("count:Q"))
        )
        # NOTE: a segment holds several indicators: a click filters the Overview to its text and category instead.
        bars = bars.add_params(pick(TIMELINE_PICK))
        return alt.layer(bars, counts).properties(width=width, height=30 * len(order))

    return finish(rows, data, text, width, draw)


def corroboration_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH - 200) -> alt.VConcatChart:
    """Indicators × texts: a filled dot where a text states it independently, hollow where it retells another."""
    rows = corroboration_frame(frame, data)
    subtitle = (
        "Filled: an independent text states it. Hollow: a retelling of a text already counted, not a confirmation"
    )
    if (rows["text_kind"] == TEXT_KINDS["official"]).any():
        subtitle += ". Square: the official release itself; round: a report of it"
    subtitle = capped(subtitle, rows, "indicator_id", "top {n} of {total} indicators by independent texts")
    text = ("Corroboration: who else says so?", subtitle, "No findings match the filters")

    def draw(rows: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
        # NOTE: a long indicator name wraps onto a second line of its axis label instead of being cut ("(Gr…").
        rows = rows.assign(row=wrap_cells(rows["row"], NAME_PX))
        order = list(dict.fromkeys(rows.sort_values(["category", "row"])["row"]))
        extra = ["others"] if rows["others"].any() else []
        columns = [*dict.fromkeys(rows["column"].dropna()), *extra, "count"]
        per_row = rows.drop_duplicates("indicator_id")
        counts = per_row.assign(column="count", text=per_row["count_label"])
        others = per_row[per_row["others"] > 0].assign(column="others")
        others = others.assign(text=["+" + str(n) for n in others["others"]])
        notes = pd.concat([counts, others])[["indicator_id", "row", "column", "text"]]
        cells = rows[rows["column"].notna()]
        cells = cells[CORROBORATION_CELLS]
        rename = "datum.value == 'count' ? 'Independent texts' : datum.value == 'others' ? 'Other texts' : datum.value"
        # NOTE: a text's name is never cut: its header gets the room its longest name needs.
        room = int(max(len(c) for c in [*columns, "Independent texts"]) * CHAR_PX["normal"]) + 12
        axis = alt.Axis(orient="top", labelAngle=-25, labelLimit=room, labelExpr=rename)
        x = alt.X("column:N", sort=columns, scale=alt.Scale(domain=columns), title=None, axis=axis)
        lines = alt.Axis(labelLimit=NAME_PX + 20, labelExpr=AXIS_LINES, labelLineHeight=LINE_PX)
        y = alt.Y("row:N", sort=order, title=None, axis=lines)
        tooltip = [alt.Tooltip("row:N", title="Indicator"), alt.Tooltip("column:N", title="Text"),
                   alt.Tooltip("text_kind:N", title="Text is"), alt.Tooltip("kind:N", title="Counts as"),
                   alt.Tooltip("label:N", title="Says")]  # fmt: skip
        colour = alt.Color("category:N", scale=category_scale(), legend=None)
        filled = alt.Fill("category:N", scale=category_scale(), legend=None)
        # NOTE: filled and hollow dots are one layer, so a retelling's dot opens its indicator too.
        dots = alt.Chart(cells).mark_point(size=220, strokeWidth=2.5, filled=False, opacity=1).encode(
            x=x, y=y, color=colour, tooltip=tooltip,
            fill=alt.FillValue(**alt.when("datum.independent").then(filled).otherwise(alt.value("white"))),
            shape=alt.ShapeValue(**alt.when(OFFICIAL).then(alt.value("square")).otherwise(alt.value("circle"))),
        )  # fmt: skip
        text = alt.Chart(notes).mark_text(fontWeight="bold").encode(x=x, y=y, text=alt.Text("text:N"))
        wide = max(width, 64 * len(columns))
        step = 30 + 12 * (int(line_counts(rows["row"]).max()) - 1)
        return alt.layer(dots.add_params(pick()), text).properties(width=wide, height=step * len(order))

    return finish(rows, data, text, width, draw)


def indicator_chart(
    frame: pd.DataFrame, data: Dataset, indicator_id: str, width: int = WIDTH, disagree: Collection[str] | None = None
) -> alt.VConcatChart:
    """One indicator's every numeric observation over time (series.py draws it; `disagree`: record ids to ring, by
    default those of the data's unsettled texts-disagree notices)."""
    ringed = {f"{i}:{line}" for i, line in data.disagreeing_ids()} if disagree is None else disagree
    return series_chart(frame, data, indicator_id, width, ringed)


#: The overview's charts by stable slug, in the order the page shows them.
OVERVIEW_CHARTS = {
    "rates-prices": rates_chart,
    "financial-stress": stress_chart,
    "sanctions-threats": threats_chart,
    "reporting-timeline": timeline_chart,
    "corroboration": corroboration_chart,
}


def overview_charts(frame: pd.DataFrame, data: Dataset) -> dict[str, alt.VConcatChart]:
    """Every overview chart for `frame` (already filtered as the reader chose), keyed by a stable slug."""
    return {slug: make(frame, data) for slug, make in OVERVIEW_CHARTS.items()}
