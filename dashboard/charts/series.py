"""The Indicator page's series chart: every numeric observation of one indicator over time, a mark per text's figure.

Decisions (nobody to ask, so written here):
- A point per observation at its period (`period_points`); a range period also gets a span from its start to its end.
- A retelling (a row that is not `independent`: its text `derived_from` one that states the same indicator) is a
  hollow mark, as in the corroboration chart; the text's own reporting is filled.
- A hedge is visible: about/nearly get a light vertical band of ±10% (what a hedged figure is allowed to differ by
  before texts disagree) and "≈" in the label; over is an upward triangle, under and up to a downward one (the side
  the true value lies on), with ">", "<" or "≤" in the label.
- A line joins only the points of one text (same `source`) for single periods at two dates or more: figures from
  different texts are not a series, and a range's figure (an average, a total) is not a step of one.
- A retelling's hollow mark is larger and drawn first, so it rings the figure it retells instead of hiding it; texts
  whose figures stand at the same place share one label ("20% / >20%").
- Records in `disagree` (record ids, see `record_ids`) get a red ring, and the key line under the title says so.
- A click on a mark selects its indicator and its record, which the page turns into "the quote you clicked".
- Qualitative indicators (no number) get no series chart: their findings are words, and the page lists them with
  their quotes in period order, which is the timeline of findings; a chart of words on a time axis cut them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection

import altair as alt
import pandas as pd

from dashboard.charts.data import indicator_frame
from dashboard.charts.parts import CATEGORY_COLORS, CHAR_PX, INK, MUTED, WIDTH, config, provenance_footer, time_axis
from dashboard.records.dataset import Dataset
from dashboard.tables.display import source_label, value_labels

#: The ring of a record another text disagrees with (red reads as "look here" beside every category colour).
DISAGREE_COLOR = "#D62728"
#: How far about/nearly may stray: the band drawn around a hedged figure (the tolerance texts-disagree allows).
HEDGE_BAND = 0.10
#: The hedge as a reader says it, by qualifier.
HEDGE_WORDS = {"exact": "exact", "about": "about", "nearly": "nearly", "over": "over", "under": "under",
               "up_to": "up to"}  # fmt: skip
#: Point shape by qualifier: a triangle points to the side of the figure where the true value lies.
SHAPES = {"over": "triangle-up", "under": "triangle-down", "up_to": "triangle-down"}
#: Characters of the quote a tooltip shows before "…".
QUOTE_CHARS = 90
PLOT_HEIGHT = 300
#: Name of the series chart's click selection: the one every chart carries, with the record as a second field.
SELECTION = "pick"


def plotted_values(rows: pd.DataFrame) -> pd.Series:
    """The value in the indicator's unit: `indicator_value` once the frame has it (unit conversion), else `value`."""
    return (rows["indicator_value"] if "indicator_value" in rows else rows["value"]).astype(float)


def stated_labels(rows: pd.DataFrame) -> pd.Series:
    """Each value as the text states it (hedge, number, the text's own unit once `stated_unit` exists)."""
    return value_labels(rows.assign(unit=rows["stated_unit"]) if "stated_unit" in rows else rows)


def record_ids(rows: pd.DataFrame) -> pd.Series:
    """A record's id: `indicator_id:yaml_line`, the line of its observation in indicators.yaml (unique per record)."""
    return rows["indicator_id"].astype(str) + ":" + rows["yaml_line"].astype(str)


def _quote_start(quote: object) -> str:
    text = " ".join(str(quote).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def series_frame(
    frame: pd.DataFrame, indicator_id: str, data: Dataset, disagree: Collection[str] = frozenset()
) -> pd.DataFrame:
    """The rows the series chart draws: one per verified numeric observation, with where and how it is marked."""
    rows = indicator_frame(frame, indicator_id, data).sort_values(["at", "published", "source"], kind="stable")
    y = plotted_values(rows)
    hedge = rows["qualifier"].fillna("exact").astype(str)
    banded = hedge.isin(["about", "nearly"])
    # NOTE: a range (an average, a total) is not a step of a monthly series, so only single periods are joined.
    single = rows[~rows["span"]]
    joined = single.groupby("source")["at"].nunique()
    in_series = ~rows["span"] & rows["source"].map(joined).fillna(0).ge(2)
    return rows.assign(
        y=y,
        y_low=(y - y.abs() * HEDGE_BAND).where(banded),
        y_high=(y + y.abs() * HEDGE_BAND).where(banded),
        hedge=hedge.map(HEDGE_WORDS).fillna(hedge),
        shape=hedge.map(SHAPES).fillna("circle"),
        retold=~rows["independent"].astype(bool),
        kind=rows["independent"].map({True: "the text's own figure", False: "retells a text already counted"}),
        record=record_ids(rows),
        stated=stated_labels(rows),
        credit=[source_label(data.sources.get(s), data.sources, kind=True) for s in rows["source"]],
        quote_start=rows["quote"].map(_quote_start),
        disagrees=record_ids(rows).isin(set(disagree)),
        in_series=in_series,
    )


def key_line(rows: pd.DataFrame) -> str:
    """The legend line under the title: what filled, hollow, a band, a triangle, a line and a red ring mean."""
    parts = ["Filled: the text's own figure"]
    if rows["retold"].any():
        parts.append("hollow: a retelling")
    if rows["span"].any():
        parts.append("a bar spans a range")
    if rows["y_high"].notna().any():
        parts.append("band: about or nearly (±10%)")
    if (rows["shape"] == "triangle-up").any():
        parts.append("▲ over")
    if (rows["shape"] == "triangle-down").any():
        parts.append("▼ under or up to")
    if rows["in_series"].any():
        parts.append("a line joins one text's figures")
    if rows["disagrees"].any():
        parts.append("red ring: the texts disagree")
    return " · ".join(parts)


#: The columns the chart's inline data carries (the rest of the tidy table stays out of the spec).
FIELDS = ["indicator_id", "record", "source", "at", "period_start", "period_end", "span", "y", "y_low", "y_high",
          "shape", "retold", "disagrees", "in_series", "stated", "hedge", "period_label", "credit", "quote_start",
          "kind", "label"]  # fmt: skip


def _shared_labels(data: pd.DataFrame) -> pd.DataFrame:
    """One label per place (date and value): the distinct labels of the figures standing there, own figures first."""
    ordered = data.sort_values("retold", kind="stable")
    joined = ordered.groupby(["at", "y"], sort=False)["label"].agg(lambda ls: " / ".join(dict.fromkeys(ls)))
    return joined.reset_index()


def _layers(rows: pd.DataFrame, color: str, unit: str, width: int) -> alt.LayerChart | alt.FacetChart:
    first, last = str(rows["period_start"].min()), str(rows["period_end"].max())
    x = alt.X("at:T", title=None, scale=alt.Scale(domain=[first, last], padding=30), axis=time_axis(first, last, width))
    # NOTE: the scale starts at zero only when every figure is the same (a flat domain has no ticks to read).
    flat = bool(rows["y"].min() == rows["y"].max())
    y = alt.Y("y:Q", title=unit or None, scale=alt.Scale(zero=flat, padding=0 if flat else 24))
    tooltip = [alt.Tooltip("credit:N", title="Source"), alt.Tooltip("period_label:N", title="Period"),
               alt.Tooltip("stated:N", title="Value as stated"), alt.Tooltip("hedge:N", title="Hedge"),
               alt.Tooltip("kind:N", title="Counts as"), alt.Tooltip("quote_start:N", title="Quote")]  # fmt: skip
    # NOTE: retellings first, so Vega draws their larger hollow ring under the figure they retell.
    data = rows[FIELDS].sort_values("retold", ascending=False, kind="stable")
    band = (
        alt.Chart(data[data["y_high"].notna()])
        .mark_rule(strokeWidth=10, opacity=0.18, color=color, strokeCap="round")
        .encode(x=x, y=alt.Y("y_low:Q"), y2=alt.Y2("y_high:Q"), tooltip=tooltip)
    )
    span = (
        alt.Chart(data[data["span"]])
        .mark_rule(strokeWidth=4, opacity=0.45, strokeCap="round", color=color)
        .encode(x=alt.X("period_start:T"), x2=alt.X2("period_end:T"), y=y, tooltip=tooltip)
    )
    line = (
        alt.Chart(data[data["in_series"]])
        .mark_line(color=color, strokeWidth=1.5, opacity=0.8)
        .encode(x=x, y=y, detail=alt.Detail("source:N"), order=alt.Order("at:T"))
    )
    # NOTE: fill and ring as typed conditions in one layer, so a hollow or ringed mark opens its quote like any other.
    picked = alt.selection_point(name=SELECTION, fields=["indicator_id", "record"], on="click", clear="dblclick")
    ring = alt.when("datum.disagrees")
    points = (
        alt.Chart(data)
        .mark_point(size=150, opacity=1, filled=False)
        .encode(
            x=x, y=y, tooltip=tooltip,
            size=alt.SizeValue(**alt.when("datum.retold").then(alt.value(330)).otherwise(alt.value(150))),
            shape=alt.Shape("shape:N", scale=None),
            fill=alt.FillValue(**alt.when("datum.retold").then(alt.value("white")).otherwise(alt.value(color))),
            stroke=alt.StrokeValue(**ring.then(alt.value(DISAGREE_COLOR)).otherwise(alt.value(color))),
            strokeWidth=alt.StrokeWidthValue(**ring.then(alt.value(3.5)).otherwise(alt.value(2))),
        )
        .add_params(picked)
    )  # fmt: skip
    labels = (
        alt.Chart(_shared_labels(data))
        # NOTE: above and right of its mark, so a line leaving the mark does not run through the label.
        .mark_text(dx=10, dy=-13, align="left", fontWeight="bold", color=INK)
        .encode(x=x, y=y, text="label:N")
    )
    return alt.layer(band, span, line, points, labels).properties(width=width, height=PLOT_HEIGHT)


def series_chart(
    frame: pd.DataFrame, data: Dataset, indicator_id: str, width: int = WIDTH, disagree: Collection[str] = frozenset()
) -> alt.VConcatChart:
    """Every numeric observation of one indicator over time (see the module docstring for what each mark means)."""
    rows = series_frame(frame, indicator_id, data, disagree)
    name = rows["name"].iloc[0] if len(rows) else indicator_id
    unit = str(rows["unit"].iloc[0]) if len(rows) else ""
    texts = rows["source"].nunique()
    title = f"{name} over time"
    what = f"{len(rows)} figure{'s' if len(rows) != 1 else ''} from {texts} text{'s' if texts != 1 else ''}"
    subtitle = [f"{what}, each in the period it describes ({unit})" if unit else what]
    if rows.empty:
        body: alt.Chart | alt.LayerChart | alt.FacetChart = (
            alt.Chart(pd.DataFrame({"m": ["No figure of this indicator"]}))
            .mark_text(fontSize=14, color=MUTED)
            .encode(text="m:N")
            .properties(width=width, height=80)
        )
    else:
        subtitle += textwrap.wrap(key_line(rows), int(width / CHAR_PX["normal"] * 12 / 13))
        color = CATEGORY_COLORS.get(str(rows["category"].iloc[0]), INK)
        body = _layers(rows, color, unit, width)
    footer = provenance_footer(rows, data)
    bottom = alt.Title(footer, orient="bottom", anchor="start", fontSize=11, fontWeight="normal", color=MUTED)
    bottom.offset = 14
    body = body.properties(title=bottom)
    return alt.vconcat(
        body,
        title=alt.Title(title, subtitle=subtitle, anchor="start", fontSize=17, subtitleFontSize=13, offset=12),
        config=config(),
    )
