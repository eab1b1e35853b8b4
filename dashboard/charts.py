"""Frames → Altair charts, each with its title, subtitle and source footer in its own spec; never imports streamlit."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from dashboard.dataset import Dataset
from dashboard.display import format_date, format_period, format_value, source_label
from dashboard.schema import CATEGORIES

#: One colour per category, everywhere (Okabe–Ito based, so colour-blind readers can tell them apart).
CATEGORY_COLORS: dict[str, str] = {
    "prices": "#D55E00",
    "monetary": "#0072B2",
    "banking": "#E69F00",
    "fiscal": "#009E73",
    "reserves": "#56B4E9",
    "energy": "#CC79A7",
    "sanctions": "#7B3294",
    "war": "#6B6B6B",
}
#: Name of the click selection every chart carries; its field is `indicator_id`.
SELECTION = "pick"
#: Width of a chart's plotting area in pixels, readable at 1280×720 beside the sidebar.
WIDTH = 620
ROW_HEIGHT = 24
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
INK, MUTED = "#262730", "#6B6F7B"
STRESS_CATEGORIES = ("banking", "fiscal", "reserves", "energy")
RATE_IDS = ("key_rate", "official_inflation", "consumer_price_growth")


def category_scale() -> alt.Scale:
    """The category → colour scale shared by every chart."""
    return alt.Scale(domain=list(CATEGORIES), range=[CATEGORY_COLORS[c] for c in CATEGORIES])


def pick() -> alt.Parameter:
    """The click selection that opens an indicator."""
    return alt.selection_point(name=SELECTION, fields=["indicator_id"], on="click", clear="dblclick")


def provenance_footer(frame: pd.DataFrame, data: Dataset, chars: int = 120) -> list[str]:
    """Footer lines: the sources behind `frame` (wrapped at `chars`) and the as-of date (the latest text among them)."""
    ids = [s for s in dict.fromkeys(frame["source"].dropna()) if s in data.sources] if len(frame) else []
    ids.sort(key=lambda s: (data.sources[s].published, s))
    names = [
        f"{source_label(data.sources[s], data.sources)} "
        f"({format_date(data.sources[s].published, data.sources[s].published_basis == 'inferred')})"
        for s in ids
    ]
    latest = max((data.sources[s].published for s in ids), default=data.as_of)
    sources = "Sources: " + ("; ".join(names) if names else "none match the filters")
    return [
        *textwrap.wrap(sources, chars),
        f"Data as of {format_date(latest)} (latest text cited; ~ marks an inferred date). "
        "Russia's wartime finances dashboard.",
    ]


def titled(chart: alt.TopLevelMixin, title: str, subtitle: str, footer: list[str]) -> alt.VConcatChart:
    """Wrap a chart so its title and subtitle sit on top and its provenance footer below, inside the spec."""
    body = chart.properties(
        title=alt.Title(
            footer, orient="bottom", anchor="start", fontSize=11, fontWeight="normal", color=MUTED, offset=14
        )
    )
    return alt.vconcat(
        body,
        title=alt.Title(title, subtitle=subtitle, anchor="start", fontSize=17, subtitleFontSize=13, offset=12),
        config=_config(),
    )


def _config() -> dict:
    return {
        "font": FONT,
        "background": "white",
        "view": {"stroke": None},
        "title": {"color": INK, "subtitleColor": MUTED, "font": FONT, "subtitleFont": FONT},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": INK, "titleColor": MUTED, "grid": False},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "text": {"fontSize": 12, "color": INK},
    }


def _legend(rows: pd.DataFrame) -> alt.Legend:
    """A category legend above the chart listing only the categories present."""
    return alt.Legend(
        orient="top", values=[c for c in CATEGORIES if c in set(rows["category"])], direction="horizontal"
    )


def _empty(message: str, width: int) -> alt.Chart:
    frame = pd.DataFrame({"message": [message]})
    return (
        alt.Chart(frame).mark_text(fontSize=14, color=MUTED).encode(text="message:N").properties(width=width, height=80)
    )


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its latest observation; for the same period an independent text beats a retelling."""
    if frame.empty:
        return frame
    ordered = frame.assign(_own=frame["derived_from"].isna()).sort_values(
        ["period_end", "_own", "published"], na_position="first", kind="stable"
    )
    return ordered.groupby("indicator_id", observed=True).tail(1).drop(columns="_own")


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a display label (`label`) and a short source credit (`credit`); charts only show verified rows."""
    out = frame[frame["verified"]].copy() if "verified" in frame else frame.copy()
    out["label"] = [
        format_value(None if pd.isna(v) else float(v), q, u, None if pd.isna(s) else s)
        for v, q, u, s in zip(out["value"], out["qualifier"], out["unit"], out["status"], strict=True)
    ]
    out["period_label"] = out["period"].map(format_period)
    out["category"] = out["category"].astype(str)
    return out


def rates_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Key rate, official inflation and the consumer-price estimate, and the real rate each inflation implies."""
    rows = latest(shown(frame[frame["indicator_id"].isin(RATE_IDS)]))
    rows = rows[rows["value"].notna()]
    out = [
        {
            "indicator_id": r.indicator_id,
            "row": r.name,
            "value": float(r.value),
            "label": f"{r.label}  ({r.period_label})",
            "category": r.category,
            "kind": "reported",
            "source": r.source,
        }
        for r in rows.itertuples()
    ]
    key = rows[rows["indicator_id"] == "key_rate"]
    for r in rows[rows["indicator_id"] != "key_rate"].itertuples():
        if key.empty or key.iloc[0]["period"] != r.period:
            continue
        hedged = "exact" if key.iloc[0]["qualifier"] == "exact" and r.qualifier == "exact" else "about"
        real = float(key.iloc[0]["value"]) - float(r.value)
        out.append(
            {
                "indicator_id": "key_rate",
                "row": f"Real rate vs {r.name.split(' (')[0].lower()}",
                "value": real,
                "label": f"{format_value(real, hedged, '%')}  (derived: key rate − {r.name.split(' (')[0].lower()})",
                "category": "monetary",
                "kind": "derived",
                "source": r.source,
            }
        )
    return pd.DataFrame(out, columns=["indicator_id", "row", "value", "label", "category", "kind", "source"])


def rates_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH) -> alt.VConcatChart:
    """Bars of the key rate against both inflation measures, with the implied real rates (derived, lighter)."""
    rows = rates_frame(frame)
    footer = provenance_footer(rows, data)
    title = "Rates against prices"
    subtitle = "Bank of Russia key rate vs official and unofficial inflation; real rate = key rate − inflation"
    if rows.empty:
        return titled(_empty("No rate or inflation figures match the filters", width), title, subtitle, footer)
    order = list(rows["row"])
    top = max(rows["value"].max(), 0) * 1.45 or 1
    base = alt.Chart(rows).encode(
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title="% a year", scale=alt.Scale(domain=[min(rows["value"].min(), 0), top])),
        tooltip=[alt.Tooltip("row:N", title="Figure"), alt.Tooltip("label:N", title="Value")],
    )
    bars = base.mark_bar(height=18).encode(
        color=alt.Color("category:N", scale=category_scale(), legend=None),
        opacity=alt.Opacity("kind:N", scale=alt.Scale(domain=["reported", "derived"], range=[1, 0.4]), legend=None),
    )
    labels = base.mark_text(align="left", dx=5, fontWeight="bold").encode(text="label:N")
    chart = alt.layer(bars.add_params(pick()), labels).properties(width=width, height=ROW_HEIGHT * len(rows) + 10)
    return titled(chart, title, subtitle, footer)


def _table(rows: pd.DataFrame, columns: list[tuple[str, int, int]], width: int) -> alt.LayerChart:
    """A findings table drawn as a chart: a category dot, then text columns at (field, x, limit) pixel positions."""
    order = list(dict.fromkeys(rows["row"]))
    base = alt.Chart(rows).encode(y=alt.Y("row:N", sort=order, axis=None))
    dot = base.mark_circle(size=130, opacity=1).encode(
        x=alt.value(8), color=alt.Color("category:N", scale=category_scale(), title=None, legend=_legend(rows))
    )
    layers = [dot]
    for i, (field, x, limit) in enumerate(columns):
        layers.append(
            base.mark_text(align="left", limit=limit, fontWeight="bold" if i == 0 else "normal").encode(
                x=alt.value(x), text=f"{field}:N"
            )
        )
    tooltip = [alt.Tooltip(f"{f}:N", title=f.replace("_", " ").capitalize()) for f, _, _ in columns]
    hit = base.mark_rect(color="white", opacity=0.01).encode(x=alt.value(0), x2=alt.value(width), tooltip=tooltip)
    layers.append(hit.add_params(pick()))
    return alt.layer(*layers).properties(width=width, height=ROW_HEIGHT * len(order))


def stress_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The latest finding of each banking, fiscal, reserves and energy indicator, with how many texts state it."""
    rows = shown(frame[frame["category"].astype(str).isin(STRESS_CATEGORIES)])
    if rows.empty:
        return rows.assign(row=[], finding=[], texts=[])
    counts = rows.groupby("indicator_id", observed=True)["source"].nunique()
    last = latest(rows).copy()
    last["category_rank"] = last["category"].map(STRESS_CATEGORIES.index)
    last = last.sort_values(["category_rank", "name"])
    arrows = {"rising": "▲ rising", "falling": "▼ falling", "steady": "► steady"}
    last["row"] = last["name"]
    last["finding"] = [
        f"{label}  {arrows.get(trend, '')}".strip() if isinstance(trend, str) else label
        for label, trend in zip(last["label"], last["trend"], strict=True)
    ]
    retold = rows[rows["derived_from"].notna()].groupby("indicator_id", observed=True)["source"].nunique()
    last["texts"] = [_texts_label(counts[i] - retold.get(i, 0), retold.get(i, 0)) for i in last["indicator_id"]]
    return last


def _texts_label(independent: int, retold: int) -> str:
    text = f"{independent} text{'s' if independent != 1 else ''}"
    return f"{text} + {retold} retold" if retold else text


def stress_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH + 180) -> alt.VConcatChart:
    """Financial stress as a findings table: most of these are statements, not numbers, and are shown as such."""
    rows = stress_frame(frame)
    footer = provenance_footer(rows, data)
    title = "Financial stress by category"
    subtitle = "Latest finding per indicator in banking, fiscal, reserves and energy — the texts' words, not a score"
    if rows.empty:
        return titled(_empty("No banking, fiscal, reserves or energy findings match", width), title, subtitle, footer)
    x_find = min(300, width // 3)
    x_period, x_texts = width - 240, width - 112
    columns = [("row", 24, x_find - 34), ("finding", x_find, x_period - x_find - 10)]
    columns += [("period_label", x_period, x_texts - x_period - 8), ("texts", x_texts, 112)]
    return titled(_table(rows, columns, width), title, subtitle, footer)


def threats_frame(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """Threatened sanctions tariffs: one row per threat and month, the level if a text states one, and who says so."""
    rows = shown(frame)
    rows = rows[(rows["category"] == "sanctions") & (rows["unit"] == "%") & (rows["higher_is"] == "worse")]
    out = []
    for (ind, _period), group in rows.groupby(["indicator_id", "period"], sort=True):
        valued = group[group["value"].notna()]
        first = group.iloc[0]
        credits = [source_label(data.sources.get(s), data.sources) for s in dict.fromkeys(group["source"])]
        out.append(
            {
                "indicator_id": ind,
                "row": first["name"],
                "period_start": first["period_start"],
                "level": float(valued["value"].max()) if len(valued) else 0.0,
                "label": valued.iloc[0]["label"] if len(valued) else "level not stated",
                "stated": "level stated" if len(valued) else "level not stated",
                "reported_by": "; ".join(credits),
                "source": list(group["source"]),
                "period_label": first["period_label"],
            }
        )
    columns = ["indicator_id", "row", "period_start", "level", "label", "stated", "reported_by", "source"]
    out = pd.DataFrame(out, columns=[*columns, "period_label"])
    return out.explode("source") if not out.empty else out


def threats_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH + 140) -> alt.VConcatChart:
    """Each threatened tariff over time: circle size is the level threatened, hollow where no level is stated."""
    rows = threats_frame(frame, data)
    footer = provenance_footer(rows, data)
    title = "Sanctions and tariff threats"
    subtitle = "Tariffs the US has threatened on buyers of Russian energy: how high, by whom, reported when"
    if rows.empty:
        return titled(_empty("No sanctions threats match the filters", width), title, subtitle, footer)
    rows = rows.drop_duplicates(["indicator_id", "period_start"]).drop(columns="source")
    start = pd.to_datetime(rows["period_start"])
    domain = [(start.min() - pd.DateOffset(months=1)).isoformat(), (start.max() + pd.DateOffset(months=1)).isoformat()]
    order = list(dict.fromkeys(rows["row"]))
    x = alt.X("period_start:T", title=None, scale=alt.Scale(domain=domain),
              axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 1}, labelAngle=0, grid=True,
                            gridColor="#EEEEEE"))  # fmt: skip
    y = alt.Y("row:N", sort=order, axis=None, scale=alt.Scale(paddingOuter=0.6))
    tooltip = [alt.Tooltip("row:N", title="Threat"), alt.Tooltip("label:N", title="Level"),
               alt.Tooltip("period_label:N", title="Period"),
               alt.Tooltip("reported_by:N", title="Reported by")]  # fmt: skip
    base = alt.Chart(rows).encode(x=x, y=y, tooltip=tooltip)
    size = alt.Size("level:Q", scale=alt.Scale(domain=[0, max(rows["level"].max(), 1)], range=[60, 700]), legend=None)
    purple = CATEGORY_COLORS["sanctions"]
    stated = base.transform_filter("datum.level > 0").mark_circle(color=purple, opacity=0.85).encode(size=size)
    unstated = base.transform_filter("datum.level <= 0").mark_point(size=120, strokeWidth=2, color=purple)
    # NOTE: a label may run only as far as the next month's mark; the tooltip has the full credit.
    months = (pd.Timestamp(domain[1]) - pd.Timestamp(domain[0])).days / 30.4
    limit = max(70, int(width / months) - 24)
    labels = base.mark_text(align="left", dx=18, dy=-7, fontWeight="bold", limit=limit).encode(text="label:N")
    credits = base.mark_text(align="left", dx=18, dy=8, fontSize=10, color=MUTED, limit=limit).encode(
        text="reported_by:N"
    )
    names = (
        alt.Chart(rows.drop_duplicates("row"))
        .mark_text(align="left", dy=-36, fontWeight="bold", fontSize=13)
        .encode(x=alt.value(0), y=y, text="row:N")
    )
    layers = alt.layer(stated.add_params(pick()), unstated, labels, credits, names)
    return titled(layers.properties(width=width, height=95 * len(order)), title, subtitle, footer)


def timeline_frame(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """One row per observation, positioned along its text's row; rows are texts in order of publication."""
    rows = shown(frame)
    if rows.empty:
        return rows.assign(row=[], slot=[])
    order = {c: i for i, c in enumerate(CATEGORIES)}
    rows = rows.assign(_cat=rows["category"].map(order)).sort_values(["published", "source", "_cat", "name"])
    rows["row"] = [
        f"{format_date(data.sources[s].published, data.sources[s].published_basis == 'inferred')} · "
        f"{source_label(data.sources[s], data.sources)}"
        for s in rows["source"]
    ]
    rows["slot"] = rows.groupby("source").cumcount() + 1
    return rows.drop(columns="_cat")


def timeline_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH - 80) -> alt.VConcatChart:
    """Which text reported what, when: a square per finding, coloured by category, on a row per text."""
    rows = timeline_frame(frame, data)
    footer = provenance_footer(rows, data)
    title = "Reporting timeline"
    subtitle = "Each square is one figure or finding a text reports; texts in order of publication (~ = date inferred)"
    if rows.empty:
        return titled(_empty("No texts match the filters", width), title, subtitle, footer)
    order = list(dict.fromkeys(rows["row"]))
    slots = int(rows["slot"].max())
    chart = (
        alt.Chart(rows[["indicator_id", "name", "category", "label", "period_label", "row", "slot"]])
        .mark_square(size=min(220, max(60, (width / (slots + 1)) ** 2 * 0.5)), opacity=1)
        .encode(
            x=alt.X("slot:Q", title="Findings reported, by category", scale=alt.Scale(domain=[0.5, slots + 0.5]),
                    axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
            color=alt.Color("category:N", scale=category_scale(), title=None, legend=_legend(rows)),
            tooltip=[alt.Tooltip("name:N", title="Indicator"), alt.Tooltip("label:N", title="Finding"),
                     alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("row:N", title="Text")],
        )
        .add_params(pick())
        .properties(width=width, height=34 * len(order))
    )  # fmt: skip
    return titled(chart, title, subtitle, footer)


def corroboration_frame(frame: pd.DataFrame, data: Dataset, minimum: int = 2) -> pd.DataFrame:
    """Indicator × text cells for indicators stated by `minimum` or more texts; retellings marked, not counted."""
    rows = shown(frame)
    if rows.empty:
        return rows.assign(row=[], column=[], independent=[])
    texts = rows.groupby("indicator_id", observed=True)["source"].nunique()
    rows = rows[rows["indicator_id"].map(texts) >= minimum] if (texts >= minimum).any() else rows
    rows = rows.drop_duplicates(["indicator_id", "source"]).copy()
    rows["column"] = [source_label(data.sources[s], data.sources) for s in rows["source"]]
    rows["independent"] = rows["derived_from"].isna() | ~rows.apply(
        lambda r: ((rows["indicator_id"] == r["indicator_id"]) & (rows["source"] == r["derived_from"])).any(), axis=1
    )
    rows["kind"] = rows["independent"].map({True: "independent report", False: "retells a text already counted"})
    count = rows.groupby("indicator_id")["independent"].sum()
    rows["row"] = rows["name"]
    rows["count_label"] = rows["indicator_id"].map(lambda i: f"{count[i]} independent")
    return rows.sort_values(["published", "source"])


def corroboration_chart(frame: pd.DataFrame, data: Dataset, width: int = WIDTH - 200) -> alt.VConcatChart:
    """Indicators × texts: a filled dot where a text states it independently, hollow where it retells another."""
    rows = corroboration_frame(frame, data)
    footer = provenance_footer(rows, data)
    title = "Corroboration: who else says so?"
    subtitle = (
        "Filled: an independent text states it. Hollow: a retelling of a text already counted, not a confirmation"
    )
    if rows.empty:
        return titled(_empty("No findings match the filters", width), title, subtitle, footer)
    order = list(dict.fromkeys(rows.sort_values(["category", "name"])["row"]))
    columns = [*dict.fromkeys(rows["column"]), "count"]
    counts = rows.drop_duplicates("indicator_id").assign(column="count")
    cells = rows[["indicator_id", "row", "column", "category", "kind", "label", "period_label"]]
    rename = "datum.value == 'count' ? 'Independent texts' : datum.value"
    axis = alt.Axis(orient="top", labelAngle=-25, labelLimit=180, labelExpr=rename)
    x = alt.X("column:N", sort=columns, scale=alt.Scale(domain=columns), title=None, axis=axis)
    y = alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    tooltip = [alt.Tooltip("row:N", title="Indicator"), alt.Tooltip("column:N", title="Text"),
               alt.Tooltip("kind:N", title="Counts as"), alt.Tooltip("label:N", title="Says")]  # fmt: skip
    color = alt.Color("category:N", scale=category_scale(), legend=None)
    filled = alt.Chart(cells[cells["kind"] == "independent report"]).mark_circle(size=220, opacity=1)
    hollow = alt.Chart(cells[cells["kind"] != "independent report"]).mark_point(size=220, strokeWidth=2.5)
    text = alt.Chart(counts).mark_text(fontWeight="bold").encode(x=x, y=y, text="count_label:N")
    chart = alt.layer(
        filled.encode(x=x, y=y, color=color, tooltip=tooltip).add_params(pick()),
        hollow.encode(x=x, y=y, color=color, tooltip=tooltip),
        text,
    ).properties(width=width, height=30 * len(order))
    return titled(chart, title, subtitle, footer)


def indicator_chart(frame: pd.DataFrame, data: Dataset, indicator_id: str, width: int = WIDTH) -> alt.VConcatChart:
    """One indicator's numeric observations over their periods, each labelled with its hedged value and source."""
    rows = shown(frame[(frame["indicator_id"] == indicator_id) & frame["value"].notna()])
    footer = provenance_footer(rows, data)
    name = rows["name"].iloc[0] if len(rows) else indicator_id
    unit = rows["unit"].iloc[0] if len(rows) else ""
    title = f"{name} over time"
    subtitle = f"Each point is one text's figure ({unit}), placed at the start of the period it describes"
    if rows["period_start"].nunique() < 2 if len(rows) else True:
        return titled(_empty("Fewer than two periods with a figure", width), title, subtitle, footer)
    rows = rows.assign(credit=[source_label(data.sources.get(s), data.sources) for s in rows["source"]])
    base = alt.Chart(rows[["indicator_id", "period_start", "value", "label", "credit", "period_label", "category"]])
    enc = {
        "x": alt.X("period_start:T", title="Period", scale=alt.Scale(padding=50),
                   axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 1}, labelAngle=0)),
        "y": alt.Y("value:Q", title=unit, scale=alt.Scale(zero=True)),
        "tooltip": [alt.Tooltip("label:N", title="Value"), alt.Tooltip("period_label:N", title="Period"),
                    alt.Tooltip("credit:N", title="Source")],
    }  # fmt: skip
    color = CATEGORY_COLORS.get(str(rows["category"].iloc[0]), INK)
    line = base.mark_line(color=color, strokeDash=[4, 3]).encode(**enc)
    points = base.mark_circle(size=140, color=color, opacity=1).encode(**enc)
    labels = base.mark_text(dy=-14, fontWeight="bold").encode(**enc, text="label:N")
    chart = alt.layer(line, points.add_params(pick()), labels).properties(width=width, height=260)
    return titled(chart, title, subtitle, footer)


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
