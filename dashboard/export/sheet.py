"""The briefing sheet as one Vega-Lite spec: headline tiles, the charts that matter most, numbered sources."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import altair as alt
import pandas as pd

from dashboard.charts import specs
from dashboard.charts.data import rates_frame, stress_frame, threats_frame
from dashboard.charts.parts import provenance_footer
from dashboard.export.headlines import MAX_TILES, MUTED, Tile, build_tiles, number_sources, source_lines
from dashboard.export.style import FONT, RATES_AXIS, TEXT_PX, sheet_config, value_lines  # noqa: F401 (re-exported)
from dashboard.records.dataset import Dataset
from dashboard.tables.display import MARKS_LEGEND, format_as_of
from dashboard.tables.freshness import STALE_WORD

#: The sheet's size in CSS pixels; a PNG at scale s is (1920·s)×(1080·s) pixels.
SHEET_WIDTH, SHEET_HEIGHT = 1920, 1080
TITLE = "Russia's wartime finances"
MARGIN = 56
TOP_HEIGHT = 322  # title, subtitle and the tiles
#: Pixels from a tile value's baseline to its first note's.
NOTE_GAP = 26
BOTTOM_HEIGHT = 196  # the numbered sources and the as-of line
#: Characters of a tile's detail line (17 px in a tile ~300 px wide) before it wraps, and of a stale one-line note.
TILE_DETAIL_CHARS, STALE_LINE_CHARS = 36, 40
CHART_GAP = 14
#: Source lines the bottom band holds (two columns of five); past it the last line says how many more are cited.
MAX_SOURCE_LINES = 10
#: Pixels a row takes in the rates and stress charts, and a threat in the threats chart (as specs.py draws them).
ROW_PX, THREAT_PX = specs.ROW_HEIGHT, specs.THREAT_HEIGHT
INK, TILE_FILL = "#1b1f24", "#f2f4f7"
#: A stale figure's line on its tile: a dark red that stays legible on the tile's grey when printed.
STALE_INK = "#a4161a"


def _text_view(rows: list[dict], width: int, height: int, rects: list[dict] | None = None) -> dict:
    """A unit view of text (and rectangles) placed at pixel positions, so layout never depends on data scales."""
    pixel = {"scale": None, "type": "quantitative"}
    layers = []
    if rects:
        layers.append(
            {
                "data": {"values": rects},
                "mark": {"type": "rect", "cornerRadius": 6},
                "encoding": {
                    "x": {"field": "x", **pixel}, "x2": {"field": "x2"},
                    "y": {"field": "y", **pixel}, "y2": {"field": "y2"},
                    "color": {"field": "fill", "type": "nominal", "scale": None},
                },
            }
        )  # fmt: skip
    # NOTE: fontWeight and limit are mark properties here, so each combination of them gets its own layer.
    for weight, limit in sorted({(r["weight"], r["limit"]) for r in rows}):
        layers.append(
            {
                "data": {"values": [r for r in rows if (r["weight"], r["limit"]) == (weight, limit)]},
                "mark": {"type": "text", "align": "left", "baseline": "alphabetic", "font": FONT,
                         "fontWeight": weight, "limit": limit},
                "encoding": {
                    "x": {"field": "x", **pixel}, "y": {"field": "y", **pixel},
                    "text": {"field": "text", "type": "nominal"},
                    "size": {"field": "size", "type": "quantitative", "scale": None},
                    "color": {"field": "colour", "type": "nominal", "scale": None},
                },
            }
        )  # fmt: skip
    return {"width": width, "height": height, "layer": layers}


def _row(x: float, y: float, text: str, size: int, colour: str = INK, weight: str = "normal", limit: int = 0) -> dict:
    return {"x": x, "y": y, "text": text, "size": size, "colour": colour, "weight": weight, "limit": limit}


def top_view(tiles: list[Tile], subtitle: str) -> dict:
    """The title, the subtitle and one tile per headline figure, their lines on rows shared by every tile."""
    rows = [_row(MARGIN, 58, TITLE, 44, weight="bold"), _row(MARGIN, 94, subtitle, 21, MUTED)]
    rects = []
    gap = 24
    width = (SHEET_WIDTH - 2 * MARGIN - gap * (MAX_TILES - 1)) / MAX_TILES
    top, bottom = 116, TOP_HEIGHT - 16
    laid = [(textwrap.wrap(t.name, 30, max_lines=3, placeholder=" …"), _notes(t)) for t in tiles]
    # NOTE: the values stand on one baseline across the row, with the notes under them starting on one line, so a
    # reader's eye runs along the figures; the row's longest name and tallest notes decide where that baseline is.
    name_bottom = top + 30 + 22 * (max((len(names) for names, _ in laid), default=1) - 1) + 8
    tallest = max((notes[-1][0] for _, notes in laid if notes), default=0)
    baseline = bottom - 14 - tallest - NOTE_GAP
    for i, (tile, (names, notes)) in enumerate(zip(tiles, laid, strict=True)):
        x = MARGIN + i * (width + gap)
        rects.append({"x": x, "x2": x + width, "y": top, "y2": bottom, "fill": TILE_FILL})
        rects.append({"x": x, "x2": x + 8, "y": top, "y2": bottom, "fill": tile.colour})
        left, limit = x + 26, int(width - 38)
        rows += [_row(left, top + 30 + 22 * j, line, 18, MUTED, "bold", limit) for j, line in enumerate(names)]
        # NOTE: the value shrinks with its length, and to the room between the names and the baseline, so the two
        # never touch; a long name takes a third line, and a long value more lines, rather than being cut with "…".
        size, lines = value_lines(tile.value, limit, baseline - name_bottom)
        lead = round(size * 1.15)
        rows += [_row(left, baseline - (len(lines) - 1 - j) * lead, line, size, weight="bold", limit=limit)
                 for j, line in enumerate(lines)]  # fmt: skip
        rows += [_row(left, baseline + NOTE_GAP + dy, t, size, c, w, limit) for dy, t, size, c, w in notes]
    return _text_view(rows, SHEET_WIDTH, TOP_HEIGHT, rects)


def _notes(tile: Tile) -> list[tuple[int, str, int, str, str]]:
    """A tile's lines under its value: a stale figure's words (one line when they fit), then its detail (two lines
    when long, rather than cut), each as (pixels below the first, text, size, colour, weight)."""
    stale = [(line, 15, STALE_INK, "bold" if j == 0 else "normal") for j, line in enumerate(_stale_lines(tile.stale))]
    details = textwrap.wrap(f"{tile.detail} · [{tile.source}]", TILE_DETAIL_CHARS, max_lines=2, placeholder=" …")
    lines = stale + [(line, 17, MUTED, "normal") for line in details]
    out, dy = [], 0
    for j, (text, size, colour, weight) in enumerate(lines):
        dy += 0 if j == 0 else size + 3
        out.append((dy, text, size, colour, weight))
    return out


def _stale_lines(stale: str) -> list[str]:
    """A stale figure's age and cadence: one line when they fit, else two; none for a current figure."""
    age, _, cadence = stale.partition("; ")
    together = f"{STALE_WORD} {age}; {cadence}"
    return [] if not stale else [together] if len(together) <= STALE_LINE_CHARS else [f"{STALE_WORD} {age}", cadence]


def bottom_view(lines: list[str], as_of: str) -> dict:
    """The numbered source list and the as-of line, burned into the image."""
    rows = [_row(MARGIN, 34, "Sources", 20, INK, "bold")]
    if len(lines) > MAX_SOURCE_LINES:
        more = len(lines) - MAX_SOURCE_LINES + 1
        lines = [*lines[: MAX_SOURCE_LINES - 1], f"… and {more:,} more texts, named in the chart footers above"]
    columns = 1 if len(lines) <= 5 else 2
    per_column = -(-len(lines) // columns)
    column_width = (SHEET_WIDTH - 2 * MARGIN) / columns
    for i, line in enumerate(lines):
        col, row = divmod(i, per_column)
        rows.append(_row(MARGIN + col * column_width, 62 + 24 * row, line, 16, INK, limit=int(column_width) - 24))
    foot = f"Data as of {as_of}. Every figure quotes its source verbatim. {MARKS_LEGEND}."
    rows.append(_row(MARGIN, BOTTOM_HEIGHT - 14, foot, 16, MUTED))
    return _text_view(rows, SHEET_WIDTH, BOTTOM_HEIGHT)


#: The sheet's charts in priority order, each with how to get its rows capped to `cap`, the pixels a row of it takes,
#: the height of its x axis below the plot, and whether a category legend sits above the plot.
SHEET_CHARTS: dict[str, tuple[Callable[..., pd.DataFrame], int, int, bool]] = {
    "rates-prices": (lambda frame, data, cap: rates_frame(frame, data), ROW_PX, 24, False),
    "financial-stress": (stress_frame, ROW_PX, 0, True),
    "sanctions-threats": (threats_frame, THREAT_PX, 24, False),
}
#: The sheet's charts, which (unlike the timeline and the grid) also take their plot's height.
SIZED_CHARTS: dict[str, Callable[..., alt.VConcatChart]] = {
    "rates-prices": specs.rates_chart,
    # NOTE: the table's cells are wrapped and spaced for the sheet's larger text, so none runs into the next column.
    "financial-stress": partial(specs.stress_chart, text_px=TEXT_PX),
    "sanctions-threats": specs.threats_chart,
}
#: The middle band's two columns: each one's left edge and width.
COLUMNS = ((MARGIN, 860), (1000, SHEET_WIDTH - MARGIN - 1000))
#: A chart's parts around its plot, in CSS pixels at the sheet's fixed font sizes (Liberation Sans, see SHEET_CONFIG).
TITLE_PX, SUBTITLE_PX, LEGEND_PX, FOOTER_LINE_PX, FOOTER_OFFSET = 28, 16, 28, 14, 14


@dataclass(frozen=True)
class Part:
    """One piece of the sheet: a Vega-Lite spec whose plot's top-left corner sits at (x, y) on the sheet."""

    x: float
    y: float
    spec: dict


def _above(name: str, subtitle_lines: int) -> int:
    """Pixels above a chart's plot: its title, subtitle lines and legend."""
    return TITLE_PX + SUBTITLE_PX * subtitle_lines + (LEGEND_PX if SHEET_CHARTS[name][3] else 0)


@dataclass(frozen=True)
class Fit:
    """How a chart fits its slot: the most plot height it may take, the height its rows take, and the pixels above
    and below its plot (title, subtitle and legend; x axis and footer)."""

    space: int
    drawn: int
    above: int
    below: int
    rows: pd.DataFrame


def fit_rows(name: str, rows_of: Callable[[int | None], pd.DataFrame], data: Dataset, room: float) -> Fit:
    """The rows of `name` (`rows_of(cap)`) that fit `room` pixels with title and footer, from the rows, never rendered.

    A capped chart's "top N of M" takes a second subtitle line, and its footer names the texts its rows cite, so
    both start small and grow until the rows they leave room for need no more (fewer rows never need more).
    """
    _, row_px, axis, _ = SHEET_CHARTS[name]
    subtitle_lines, lines = 1, 2
    while True:
        above = _above(name, subtitle_lines)
        space = int(room - above - axis - FOOTER_OFFSET - FOOTER_LINE_PX * lines)
        rows = rows_of(max(1, space // row_px))
        capped = bool(len(rows)) and "of" in rows and rows["indicator_id"].nunique() < int(rows["of"].iloc[0])
        need = (2 if capped else 1, len(provenance_footer(rows, data)))
        if need[0] <= subtitle_lines and need[1] <= lines:
            break
        subtitle_lines, lines = max(subtitle_lines, need[0]), max(lines, need[1])
    drawn = row_px * rows["row"].nunique() + (10 if name == "rates-prices" else 0)
    return Fit(space, drawn, above, axis + FOOTER_OFFSET + FOOTER_LINE_PX * lines, rows)


def chart_parts(
    frame: pd.DataFrame, data: Dataset, config: dict, to_dict: Callable[[alt.TopLevelMixin], dict]
) -> tuple[list[Part], list[pd.DataFrame]]:
    """The charts of the middle band at fixed slots, each drawn at an explicit width and height; and their rows.

    Stress goes in the right column (else threats, when two charts show); the rest stack in the left column, each
    but the last in at most half the band. Every size comes from the rows and fixed font sizes: nothing is
    rendered to find where it goes.
    """
    memo: dict[tuple[str, int | None], pd.DataFrame] = {}

    def rows_of(name: str, cap: int | None) -> pd.DataFrame:
        if (name, cap) not in memo:
            memo[name, cap] = SHEET_CHARTS[name][0](frame, data, cap)
        return memo[name, cap]

    present = [n for n in SHEET_CHARTS if not rows_of(n, None).empty]
    right = "financial-stress" if "financial-stress" in present else present[-1] if len(present) > 1 else None
    parts, shown = [], []
    for (x, width), names in zip(COLUMNS, ([n for n in present if n != right], [right] if right else []), strict=True):
        top = TOP_HEIGHT + 6
        for i, name in enumerate(names):
            room = SHEET_HEIGHT - BOTTOM_HEIGHT - top
            fit = fit_rows(name, partial(rows_of, name), data, room if i == len(names) - 1 else room / 2)
            rates = name == "rates-prices"
            # NOTE: rates' y-axis labels take a fixed RATES_AXIS at the left of its plot; the others have no y axis.
            plot_x, plot_width = (x + RATES_AXIS, width - RATES_AXIS - 60) if rates else (x, width)
            chart = SIZED_CHARTS[name](frame, data, width=plot_width, height=fit.drawn if rates else fit.space)
            parts.append(Part(plot_x, top + fit.above, sheet_chart(to_dict(chart), config)))
            shown.append(fit.rows)
            top += fit.above + fit.drawn + fit.below + CHART_GAP
    return parts, shown


def sheet_chart(spec: dict, config: dict) -> dict:
    """A chart's spec for the sheet: the sheet's config, no click selection, "top N of M" on a line of its own."""
    spec = {k: v for k, v in spec.items() if k not in ("$schema", "autosize", "padding")}
    spec["config"] = config
    title = dict(spec["title"])
    first, sep, rest = title.get("subtitle", "").partition(" · ")
    title["subtitle"] = [first, rest] if sep else first
    spec["title"] = title
    clickless = _without_params(spec)
    assert isinstance(clickless, dict)  # a dict's copy is a dict
    return clickless


def _without_params(node: object) -> object:
    """`node` with every `params` list dropped: an image has nothing to click."""
    if isinstance(node, dict):
        return {k: _without_params(v) for k, v in node.items() if k != "params"}
    if isinstance(node, list):
        return [_without_params(v) for v in node]
    return node


def build_sheet(
    data: Dataset,
    frame: pd.DataFrame,
    colours: dict[str, str],
    config: dict,
    to_dict: Callable[[alt.TopLevelMixin], dict],
) -> list[Part]:
    """The whole sheet as placed parts: title and tiles, the charts at their slots, the numbered sources and as-of.

    The as-of date and the source list come from the rows the sheet shows (tiles and charts), as the charts'
    footers do, so the sheet never dates itself later than the texts it names.
    """
    tiles, tile_rows = build_tiles(frame, colours, data.today)
    middle, chart_rows = chart_parts(frame, data, config, to_dict)
    shown = pd.concat([r[["source"]] for r in [tile_rows, *chart_rows] if len(r)], ignore_index=True)
    tile_sources = [str(s) for s in tile_rows["source"]]
    numbers = number_sources(data, shown, tile_sources)
    tiles = [replace(t, source=numbers[s]) for t, s in zip(tiles, tile_sources, strict=True)]
    as_of = format_as_of(shown, data)
    subtitle = f"Headline figures as the cited texts state them, hedges kept · data as of {as_of}"
    top = Part(0, 0, {**top_view(tiles, subtitle), "config": config})
    bottom = Part(
        0, SHEET_HEIGHT - BOTTOM_HEIGHT, {**bottom_view(source_lines(data, numbers), as_of), "config": config}
    )
    return [top, *middle, bottom]
