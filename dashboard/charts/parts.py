"""What every chart shares: category colours, the click selection, and the title, subtitle and footer frame."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Literal

import altair as alt
import pandas as pd

from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import MARKS_SHORT, format_as_of, source_credit
from dashboard.tables.freshness import stale_footer

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
#: Name of the click selection every chart carries; its field is `indicator_id` (TIMELINE_PICK's on the timeline).
SELECTION = "pick"
#: The fields a click on a reporting-timeline segment picks: one text and one category, which the Overview filters to.
TIMELINE_PICK = ("source", "category")
#: Width of a chart's plotting area in pixels, readable at 1280×720 beside the sidebar.
WIDTH = 620
ROW_HEIGHT = 24
#: Height of one threat's row in the threats chart (its name above, the circles, their labels).
THREAT_HEIGHT = 150
#: Liberation Sans (which vl-convert ships), else Arial, its metric twin, so that the live chart, its server-drawn
#: preview (preview.py) and the downloads lay out text alike.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK, MUTED = "#262730", "#6B6F7B"
#: Sources a footer names before "and N more": a crop must stay legible, the table lists them all.
FOOTER_SOURCES = 12
MONTHS = alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 1}, labelAngle=0, grid=True,
                  gridColor="#EEEEEE")  # fmt: skip
#: Months between ticks a time axis may use, finest first; past a year the ticks are years.
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60)
#: Room one "%b %Y" tick label needs, so labels never crowd or repeat.
TICK_PX = 80


def time_axis(start: str, end: str, width: int, title: str | None = None) -> alt.Axis:
    """A time axis with one tick every month, or every few months or years when the span is long, each labelled once.

    Ticks fall on month (or year) boundaries, so no two ticks share a label: a tick every few days formatted as a
    month showed "May 2025" eight times in a row.
    """
    months = max(1.0, (pd.Timestamp(end) - pd.Timestamp(start)).days / 30.44)
    most = max(1, width // TICK_PX)
    step = next((s for s in TICK_STEPS if months / s <= most), TICK_STEPS[-1])
    if step >= 12:
        ticks = {"interval": "year", "step": step // 12}
        return alt.Axis(format="%Y", tickCount=ticks, labelAngle=0, grid=True, gridColor="#EEEEEE", title=title)
    ticks = {"interval": "month", "step": step}
    return alt.Axis(format="%b %Y", tickCount=ticks, labelAngle=0, grid=True, gridColor="#EEEEEE", title=title)


#: Average width of a character of the charts' 12 px text, bold and regular (Liberation Sans), kept on the wide side
#: so a wrapped line never runs past its column.
CHAR_PX = {"bold": 6.9, "normal": 6.2, "small": 5.4}
Weight = Literal["bold", "normal"]
#: How a text is set: bold or regular at 12 px, or small (10 px captions).
Style = Literal["bold", "normal", "small"]
NORMAL: Weight = "normal"
#: Height a wrapped line adds to a table row.
LINE_PX = 14
#: The charts' text size, which CHAR_PX measures; a table drawn larger (the sheet's) wraps and spaces for its size.
TEXT_PX = 12
#: Where a wrapped cell breaks: every text mark that draws one sets `lineBreak` to it.
#: NOTE: one string a cell, not a list of lines: Streamlit sends a chart's data as Arrow, where a list cell reaches
#: Vega as one text ("a,b"), so a live chart drew "[…,…]"-like labels while vl-convert's images drew lines.
LINE_BREAK = "\n"


def wrap_text(text: object, limit: float, style: Style = NORMAL) -> str:
    """`text` in lines that fit `limit` pixels, joined by LINE_BREAK, so it is wrapped, never cut with "…"."""
    return LINE_BREAK.join(textwrap.wrap(str(text), max(8, int(limit / CHAR_PX[style]))))


def wrap_cells(values: pd.Series, limit: int, style: Style = NORMAL) -> pd.Series:
    """Each cell's text wrapped to `limit` pixels (wrap_text)."""
    return pd.Series([wrap_text(v, limit, style) for v in values], index=values.index, dtype=object)


def room_to_next(rows: pd.DataFrame, domain: list[str], width: int, reach: pd.Series, gap: int = 8) -> pd.Series:
    """Pixels a label starting beside each mark may run before the next mark of its row (`row`, placed at `at` on a
    time scale over `domain` drawn `width` wide; `reach`: each mark's radius), or to the plot's right edge."""
    start, end = (pd.Timestamp(d) for d in domain)
    x = (pd.to_datetime(rows["at"]) - start) / (end - start) * width
    room = pd.Series(float(width), index=rows.index) - x
    for _, group in rows.assign(_x=x).sort_values("at").groupby("row", sort=False):
        following = group["_x"].shift(-1) - reach[group.index].shift(-1) - gap
        room[group.index] = (following.fillna(width) - group["_x"]).to_numpy()
    return room


#: An axis's labelExpr that draws a wrapped label (wrap_cells) as lines.
AXIS_LINES = "split(datum.label, '\\n')"


def line_counts(cells: pd.Series) -> pd.Series:
    """How many lines each wrapped cell (wrap_cells) takes."""
    return cells.map(lambda text: str(text).count(LINE_BREAK) + 1)


def table_row_px(lines: int, text_px: int = TEXT_PX) -> int:
    """Height of a table row holding `lines` lines of `text_px` text."""
    return ROW_HEIGHT + (text_px + LINE_PX - TEXT_PX) * (lines - 1)


def spans(rows: pd.DataFrame, x: alt.X, y: alt.Y, color: str) -> alt.Chart:
    """A thin bar from each range period's start to its end, so a range reads as the stretch of time it covers."""
    rule = alt.Chart(rows[rows["span"]]).mark_rule(strokeWidth=4, opacity=0.45, strokeCap="round", color=color)
    return rule.encode(x=x, x2=alt.X2("period_end:T"), y=y)


def category_scale() -> alt.Scale:
    """The category → colour scale shared by every chart."""
    return alt.Scale(domain=list(CATEGORIES), range=[CATEGORY_COLORS[c] for c in CATEGORIES])


def pick(fields: tuple[str, ...] = ("indicator_id",)) -> alt.Parameter:
    """The click selection: by indicator (the page opens it), or by other fields (the timeline: text and category)."""
    return alt.selection_point(name=SELECTION, fields=list(fields), on="click", clear="dblclick")


def provenance_footer(frame: pd.DataFrame, data: Dataset, chars: int = 120) -> list[str]:
    """Footer lines: the sources behind `frame` (wrapped at `chars`) and the as-of date of those rows."""
    ids = [s for s in dict.fromkeys(frame["source"].dropna()) if s in data.sources] if len(frame) else []
    ids.sort(key=lambda s: (data.sources[s].published or "", s))
    names = [source_credit(data.sources[s], data.sources) for s in ids]
    lead = "Sources: "
    if len(names) > FOOTER_SOURCES:
        lead, names = f"Sources (latest {FOOTER_SOURCES} of {len(names)} texts): ", names[-FOOTER_SOURCES:]
    sources = lead + ("; ".join(names) if names else "none match the filters")
    # NOTE: a stale figure says so in every chart that shows it, so an exported image cannot pass it off as current.
    stale = stale_footer(data, frame["indicator_id"].dropna()) if len(frame) and "indicator_id" in frame else []
    return [
        *textwrap.wrap(sources, chars),
        *(line for text in stale for line in textwrap.wrap(text, chars)),
        f"Data as of {format_as_of(frame, data)} (latest text cited) · {MARKS_SHORT} · "
        "Russia's wartime finances dashboard.",
    ]


def titled(
    chart: alt.Chart | alt.LayerChart | alt.FacetChart, title: str, subtitle: str, footer: list[str]
) -> alt.VConcatChart:
    """Wrap a chart so its title and subtitle sit on top and its provenance footer below, inside the spec."""
    body = chart.properties(
        title=alt.Title(
            footer, orient="bottom", anchor="start", fontSize=11, fontWeight="normal", color=MUTED, offset=14
        )
    )
    return alt.vconcat(
        body,
        title=alt.Title(title, subtitle=subtitle, anchor="start", fontSize=17, subtitleFontSize=13, offset=12),
        config=config(),
    )


def finish(
    rows: pd.DataFrame,
    data: Dataset,
    text: tuple[str, str, str],
    width: int,
    draw: Callable[[pd.DataFrame], alt.LayerChart | alt.FacetChart],
) -> alt.VConcatChart:
    """A chart of `rows` drawn by `draw` under (title, subtitle, what-to-say-when-empty), with the rows' footer."""
    title, subtitle, message = text
    body = empty(message, width) if rows.empty else draw(rows)
    return titled(body, title, subtitle, provenance_footer(rows, data))


def capped(subtitle: str, rows: pd.DataFrame, key: str, phrase: str) -> str:
    """`subtitle`, ending with `phrase` (e.g. `top {n} of {total} threats`) when fewer `key`s are drawn than `of`."""
    if rows.empty:
        return subtitle
    drawn, total = rows[key].nunique(), int(rows["of"].iloc[0])
    return f"{subtitle} · {phrase.format(n=f'{drawn:,}', total=f'{total:,}')}" if drawn < total else subtitle


def config() -> dict:
    fonts = {"labelFont": FONT, "titleFont": FONT}
    return {
        "font": FONT,
        "background": "white",
        "view": {"stroke": None},
        "title": {"color": INK, "subtitleColor": MUTED, "font": FONT, "subtitleFont": FONT},
        # NOTE: fonts named per part: Streamlit sets its own web font on axes, legends and headers otherwise.
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": INK,
            "titleColor": MUTED,
            "grid": False,
            **fonts,
        },
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", **fonts},
        "header": fonts,
        "text": {"fontSize": 12, "color": INK},
    }


def legend(rows: pd.DataFrame) -> alt.Legend:
    """A category legend above the chart listing only the categories present."""
    return alt.Legend(
        orient="top", values=[c for c in CATEGORIES if c in set(rows["category"])], direction="horizontal"
    )


def empty(message: str, width: int) -> alt.Chart:
    frame = pd.DataFrame({"message": [message]})
    return (
        alt.Chart(frame)
        .mark_text(fontSize=14, color=MUTED)
        .encode(text=alt.Text("message:N"))
        .properties(width=width, height=80)
    )


def _weights(columns: list[tuple[str, int, int]]) -> list[Weight]:
    """The first column (the indicator's name) bold, the rest regular."""
    weights: list[Weight] = ["bold"]
    return weights + [NORMAL] * (len(columns) - 1)


def _wrapped(rows: pd.DataFrame, columns: list[tuple[str, int, int]], text_px: int) -> dict[str, pd.Series]:
    weights = _weights(columns)
    fit = TEXT_PX / text_px  # NOTE: CHAR_PX measures 12 px text; larger text fits fewer characters in a column
    return {f: wrap_cells(rows[f], int(limit * fit), w) for (f, _, limit), w in zip(columns, weights, strict=True)}


def table_lines(rows: pd.DataFrame, columns: list[tuple[str, int, int]], text_px: int = TEXT_PX) -> int:
    """The pixel height one row of findings_table takes for these rows (the tallest wrapped cell sets it)."""
    cells = _wrapped(rows, columns, text_px).values()
    return table_row_px(max((int(line_counts(c).max()) for c in cells if len(c)), default=1), text_px)


def findings_table(
    rows: pd.DataFrame, columns: list[tuple[str, int, int]], width: int, text_px: int = TEXT_PX
) -> alt.LayerChart | alt.FacetChart:
    """A findings table drawn as a chart: a category dot, then text columns at (field, x, width) pixel positions.

    A cell too long for its column is wrapped onto more lines and every row grows to the tallest, never cut.
    """
    order = list(dict.fromkeys(rows["row"]))
    wrapped = _wrapped(rows, columns, text_px)
    weights = _weights(columns)
    line_px = text_px + LINE_PX - TEXT_PX
    lines = max((int(line_counts(cells).max()) for cells in wrapped.values() if len(cells)), default=1)
    rows = rows.copy()
    for field, cells in wrapped.items():
        rows[f"{field}_lines"] = cells
    base = alt.Chart(rows).encode(y=alt.Y("row:N", sort=order, axis=None))
    dot = base.mark_circle(size=130, opacity=1).encode(
        x=alt.XValue(8), color=alt.Color("category:N", scale=category_scale(), title=None, legend=legend(rows))
    )
    layers = [dot]
    for (field, x, _), weight in zip(columns, weights, strict=True):
        counts = line_counts(rows[f"{field}_lines"])
        # NOTE: one layer per number of lines, each lifted by half its extra lines, so a cell is centred on its row.
        for n in sorted(set(counts)):
            cell = alt.Chart(rows[counts == n]).encode(y=alt.Y("row:N", sort=order, axis=None))
            mark = cell.mark_text(
                align="left", fontSize=text_px, lineHeight=line_px, lineBreak=LINE_BREAK, fontWeight=weight,
                dy=-line_px * (n - 1) / 2,
            )  # fmt: skip
            layers.append(mark.encode(x=alt.XValue(x), text=alt.Text(f"{field}_lines:N")))
    tooltip = [alt.Tooltip(f"{f}:N", title=f.replace("_", " ").capitalize()) for f, _, _ in columns]
    hit = base.mark_rect(color="white", opacity=0.01).encode(x=alt.XValue(0), x2=alt.X2Value(width), tooltip=tooltip)
    layers.append(hit.add_params(pick()))
    return alt.layer(*layers).properties(width=width, height=table_row_px(lines, text_px) * len(order))
