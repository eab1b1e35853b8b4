"""The sanctions threats chart: each threatened tariff over time, its level, its period and who reported it."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from dashboard.charts.data import threats_frame
from dashboard.charts.parts import (
    CATEGORY_COLORS,
    LINE_BREAK,
    LINE_PX,
    MUTED,
    THREAT_HEIGHT,
    WIDTH,
    capped,
    finish,
    line_counts,
    pick,
    room_to_next,
    spans,
    time_axis,
    wrap_text,
)
from dashboard.records.dataset import Dataset

#: Pixels between a threat's circle and its label.
LABEL_DX = 18


def threat_rows(frame: pd.DataFrame, data: Dataset, height: int | None = None) -> pd.DataFrame:
    """The threats a chart `height` pixels high draws (a row of THREAT_HEIGHT each; THREAT_ROWS without one)."""
    return threats_frame(frame, data, None if height is None else max(1, height // THREAT_HEIGHT))


def threats_chart(
    frame: pd.DataFrame, data: Dataset, width: int = WIDTH + 140, height: int | None = None
) -> alt.VConcatChart:
    """Each threatened tariff over time: circle size is the level threatened, hollow where no level is stated.

    `height` is the most the plot may take: only as many threats as fit it are drawn, and the subtitle says so.
    """
    rows = threat_rows(frame, data, height)
    subtitle = "Tariffs the US has threatened on buyers of Russian energy: how high, by whom, and when"
    subtitle = capped(subtitle, rows, "indicator_id", "top {n} of {total} threats by reports")
    text = ("Sanctions and tariff threats", subtitle, "No sanctions threats match the filters")

    def draw(rows: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
        rows = rows.drop_duplicates(["indicator_id", "period_start"]).drop(columns=["source", "of"])
        # NOTE: a point stands in its period (see period_points); its caption still names the period.
        rows = rows.assign(caption=rows["period_label"] + " · " + rows["first_credit"])
        start, end = pd.to_datetime(rows["period_start"]), pd.to_datetime(rows["period_end"])
        domain = [
            (start.min() - pd.DateOffset(months=1)).isoformat(),
            (end.max() + pd.DateOffset(months=1)).isoformat(),
        ]
        order = list(dict.fromkeys(rows["row"]))
        x = alt.X("at:T", title=None, scale=alt.Scale(domain=domain), axis=time_axis(domain[0], domain[1], width))
        y = alt.Y("row:N", sort=order, axis=None, scale=alt.Scale(paddingOuter=0.3))
        tooltip = [alt.Tooltip("row:N", title="Threat"), alt.Tooltip("said:N", title="Level"),
                   alt.Tooltip("period_label:N", title="Period"),
                   alt.Tooltip("reported_by:N", title="Reported by")]  # fmt: skip
        base = alt.Chart(rows).encode(x=x, y=y, tooltip=tooltip)
        purple = CATEGORY_COLORS["sanctions"]
        size = alt.Size(
            "level:Q", scale=alt.Scale(domain=[0, max(rows["level"].max(), 1)], range=[60, 700]), legend=None
        )
        # NOTE: one layer for stated and unstated levels, so a hollow circle opens its indicator like a filled one.
        # NOTE: conditions as typed channels (SizeValue, FillValue): from a plain dict Altair matches every schema.
        circles = base.mark_point(filled=True, opacity=0.85, strokeWidth=2, color=purple, stroke=purple).encode(
            size=alt.SizeValue(**alt.when("datum.level > 0").then(size).otherwise(alt.value(120))),
            fill=alt.FillValue(**alt.when("datum.level > 0").then(alt.value(purple)).otherwise(alt.value("white"))),
        )
        # NOTE: a label and its credit run only as far as the next circle of their row, so they wrap there instead
        # of running under it (the sheet's narrow column put "Caliber.Az (per" across May's circle).
        area = (60 + rows["level"] / max(rows["level"].max(), 1) * 640).where(rows["level"] > 0, 120)
        room = room_to_next(rows, domain, width, (area / math.pi) ** 0.5) - LABEL_DX
        wrapped = rows.assign(
            label_lines=[wrap_text(t, r, "bold") for t, r in zip(rows["label"], room, strict=True)],
            caption_lines=[wrap_text(t, r, "small") for t, r in zip(rows["caption"], room, strict=True)],
        )
        label_layers = []
        counts = line_counts(wrapped["label_lines"])
        for n in sorted(set(counts)):
            lifted = alt.Chart(wrapped[counts == n]).encode(x=x, y=y, tooltip=tooltip)
            mark = lifted.mark_text(align="left", dx=LABEL_DX, dy=-7 - LINE_PX * (n - 1), fontWeight="bold",
                                    lineHeight=14, lineBreak=LINE_BREAK)  # fmt: skip
            label_layers.append(mark.encode(text=alt.Text("label_lines:N")))
        credits = (
            alt.Chart(wrapped)
            .encode(x=x, y=y, tooltip=tooltip)
            .mark_text(
                align="left",
                dx=LABEL_DX,
                dy=8,
                fontSize=10,
                color=MUTED,
                lineHeight=12,
                baseline="top",
                lineBreak=LINE_BREAK,
            )
            .encode(text=alt.Text("caption_lines:N"))
        )
        names = (
            alt.Chart(rows.drop_duplicates("row"))
            .mark_text(align="left", dy=-50, fontWeight="bold", fontSize=13)
            .encode(x=alt.XValue(0), y=y, text=alt.Text("row:N"))
        )
        ranges = spans(rows, alt.X("period_start:T", scale=alt.Scale(domain=domain), title=None), y, purple)
        layers = alt.layer(ranges, circles.add_params(pick()), *label_layers, credits, names)
        return layers.properties(width=width, height=THREAT_HEIGHT * len(order))

    return finish(rows, data, text, width, draw)
