"""The briefing sheet as one Vega-Lite spec: headline tiles, the charts that matter most, numbered sources."""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import charts
from dashboard.dataset import Dataset
from dashboard.display import format_as_of, format_period, source_credit, value_label

#: The sheet's size in CSS pixels; a PNG at scale s is (1920·s)×(1080·s) pixels.
SHEET_WIDTH, SHEET_HEIGHT = 1920, 1080
#: vl-convert vendors Liberation Sans, so pinning it gives the same text metrics on every machine.
FONT = "Liberation Sans"
#: The headline figures, in order: the briefing's and the Overview's tiles; a filtered sheet keeps those still selected.
HEADLINE_IDS = (
    "official_inflation",
    "key_rate",
    "sberbank_overdue_consumer_loans",
    "nwf_liquid_assets",
    "gazprom_losses",
)
TITLE = "Russia's wartime finances"
MARGIN = 56
TOP_HEIGHT = 292  # title, subtitle and the tiles
BOTTOM_HEIGHT = 196  # the numbered sources and the as-of line
CHART_GAP = 20
MAX_TILES, MAX_CHARTS = 5, 3
INK, MUTED, TILE_FILL = "#1b1f24", "#4a5260", "#f2f4f7"
#: What the sheet changes in the charts' own config: the pinned font and type a little larger for a projector.
SHEET_CONFIG = {
    "font": FONT,
    "background": "white",
    "title": {"font": FONT, "subtitleFont": FONT, "fontSize": 21, "subtitleFontSize": 15},
    "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 14, "titleFontSize": 14},
    "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 14, "titleFontSize": 14},
    "text": {"font": FONT, "fontSize": 14},
}


def sheet_config(chart_config: dict) -> dict:
    """The charts' own config with the sheet's changes merged in, key by key."""
    merged = copy.deepcopy(chart_config)
    for key, value in SHEET_CONFIG.items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return merged


#: Renders a spec and returns its width and height in CSS pixels.
Measure = Callable[[dict], tuple[float, float]]
#: A column of the charts row: the charts' names and its measured size.
Column = tuple[list[str], tuple[float, float]]


@dataclass(frozen=True)
class Tile:
    """One headline figure: the indicator's name, its formatted value, hedge and period, and its source number."""

    name: str
    value: str
    detail: str
    source: int
    colour: str


def headline_ids(frame: pd.DataFrame) -> list[str]:
    """The headline indicators present in `frame`, or its first indicators when none of them is."""
    present = list(dict.fromkeys(frame.loc[frame["verified"], "indicator_id"]))
    chosen = [i for i in HEADLINE_IDS if i in present]
    return (chosen or present)[:MAX_TILES]


def number_sources(data: Dataset, frame: pd.DataFrame, first: list[str]) -> dict[str, int]:
    """Source id → its number on the sheet: the tiles' sources first, then the rest by date, newest first."""
    cited = set(frame.loc[frame["verified"], "source"])
    rest = sorted(cited - set(first), key=lambda s: (data.sources[s].published, s), reverse=True)
    return {source: n for n, source in enumerate(dict.fromkeys([*first, *rest]), start=1)}


def build_tiles(frame: pd.DataFrame, colours: dict[str, str]) -> tuple[list[Tile], list[str]]:
    """The headline tiles (each indicator's latest figure, as the app's charts pick it) and the sources they cite."""
    latest = charts.latest(frame[frame["verified"]]).set_index("indicator_id")
    tiles, sources = [], []
    for ind in headline_ids(frame):
        row = latest.loc[ind]
        value = None if pd.isna(row["value"]) else float(row["value"])
        shown = value_label(row)
        # NOTE: a number keeps its hedge sign on the tile, its unit words and hedge word go to the line below.
        big, _, unit_words = shown.partition(" ") if value is not None else (shown, "", "")
        hedge = row["qualifier"].replace("_", " ") if value is not None and row["qualifier"] != "exact" else ""
        detail = " · ".join(p for p in (hedge, unit_words, format_period(row["period"])) if p)
        tiles.append(Tile(str(row["name"]), big, detail, 0, colours.get(str(row["category"]), MUTED)))
        sources.append(str(row["source"]))
    return tiles, sources


def source_lines(data: Dataset, numbers: dict[str, int]) -> list[str]:
    """`[1] Title — Publisher, ~2 May 2025 (date inferred)`, one line a cited source."""
    lines = []
    for source_id, n in numbers.items():
        src = data.sources[source_id]
        flags = (
            ("title supplied", src.title_basis == "supplied"),
            ("date inferred", src.published_basis == "inferred"),
        )
        marks = [m for m, on in flags if on]
        tail = f" ({', '.join(marks)})" if marks else ""
        lines.append(f"[{n}] {src.title} — {source_credit(src, data.sources)}{tail}")
    return lines


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
    """The title, the subtitle and one tile per headline figure."""
    rows = [_row(MARGIN, 58, TITLE, 44, weight="bold"), _row(MARGIN, 94, subtitle, 21, MUTED)]
    rects = []
    gap = 24
    width = (SHEET_WIDTH - 2 * MARGIN - gap * (MAX_TILES - 1)) / MAX_TILES
    top, bottom = 116, TOP_HEIGHT - 16
    for i, tile in enumerate(tiles):
        x = MARGIN + i * (width + gap)
        rects.append({"x": x, "x2": x + width, "y": top, "y2": bottom, "fill": TILE_FILL})
        rects.append({"x": x, "x2": x + 8, "y": top, "y2": bottom, "fill": tile.colour})
        left, limit = x + 26, int(width - 38)
        names = textwrap.wrap(tile.name, 30, max_lines=2, placeholder=" …")
        # NOTE: the value shrinks with its length and when the name takes two lines, so they never touch.
        size = (64 if len(tile.value) <= 8 else 44 if len(tile.value) <= 13 else 30) - 8 * (len(names) - 1)
        rows += [_row(left, top + 30 + 22 * j, line, 18, MUTED, "bold", limit) for j, line in enumerate(names)]
        rows += [
            _row(left, top + 110, tile.value, size, weight="bold", limit=limit),
            _row(left, bottom - 14, f"{tile.detail} · [{tile.source}]", 17, MUTED, limit=limit),
        ]
    return _text_view(rows, SHEET_WIDTH, TOP_HEIGHT, rects)


def bottom_view(lines: list[str], as_of: str) -> dict:
    """The numbered source list and the as-of line, burned into the image."""
    rows = [_row(MARGIN, 34, "Sources", 20, INK, "bold")]
    columns = 1 if len(lines) <= 5 else 2
    per_column = -(-len(lines) // columns)
    column_width = (SHEET_WIDTH - 2 * MARGIN) / columns
    for i, line in enumerate(lines):
        col, row = divmod(i, per_column)
        rows.append(_row(MARGIN + col * column_width, 62 + 24 * row, line, 16, INK))
    foot = f"Data as of {as_of}. Every figure quotes its source verbatim; in chart footers ~ marks an inferred date."
    rows.append(_row(MARGIN, BOTTOM_HEIGHT - 14, foot, 16, MUTED))
    return _text_view(rows, SHEET_WIDTH, BOTTOM_HEIGHT)


def strip_interaction(spec: dict, suffix: str) -> dict:
    """A chart's spec made fit to nest: no top-level-only keys, its params renamed so several can share a sheet."""
    spec = {
        k: v
        for k, v in copy.deepcopy(spec).items()
        if k not in ("$schema", "config", "autosize", "padding", "datasets")
    }
    names: set[str] = set()

    def walk(node: object) -> object:
        if isinstance(node, dict):
            for param in node.get("params", []):
                names.add(param["name"])
            return {k: (f"{v}{suffix}" if k in ("name", "param") and v in names else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    walk(spec)  # first pass collects the names, second renames every use
    return walk(spec)


def spacer(width: float, height: float) -> dict:
    """An empty view that holds space, so the sheet's parts land at fixed positions."""
    return {"width": width, "height": height, "data": {"values": []}, "mark": "text"}


def column_spec(charts: dict[str, dict], names: list[str]) -> dict:
    """One column of the charts row: a chart, or charts stacked."""
    parts = [strip_interaction(charts[n], "_" + n.replace("-", "_")) for n in names]
    return parts[0] if len(parts) == 1 else {"vconcat": parts, "spacing": CHART_GAP}


def pack_charts(charts: dict[str, dict], config: dict, measure: Measure, width: float, height: float) -> list[Column]:
    """Charts in priority order into columns that fit width × height (measured as rendered), up to MAX_CHARTS."""
    datasets = {k: v for spec in charts.values() for k, v in spec.get("datasets", {}).items()}
    columns: list[Column] = []

    def fits(trial: list[Column]) -> bool:
        return (
            all(h <= height for _, (_, h) in trial)
            and sum(w for _, (w, _) in trial) + CHART_GAP * (len(trial) - 1) <= width
        )

    def sized(names: list[str]) -> Column:
        return names, measure({**column_spec(charts, names), "config": config, "datasets": datasets})

    for name in charts:
        if sum(len(names) for names, _ in columns) == MAX_CHARTS:
            break
        for i, (names, _) in enumerate(columns):
            trial = [*columns[:i], sized([*names, name]), *columns[i + 1 :]]
            if fits(trial):
                columns = trial
                break
        else:
            trial = [*columns, sized([name])]
            if fits(trial):
                columns = trial
    return columns


def middle_views(
    charts: dict[str, dict], config: dict, measure: Measure, height: float
) -> tuple[list[dict], list[str]]:
    """The charts row and a spacer below it, together `height` tall; returns them and the charts shown."""
    room = SHEET_WIDTH - 2 * MARGIN
    columns = pack_charts(charts, config, measure, room, height)
    if not columns:
        return [spacer(SHEET_WIDTH, height)], []
    gap = (room - sum(w for _, (w, _) in columns)) / (len(columns) - 1) if len(columns) > 1 else 0
    row: list[dict] = [spacer(MARGIN, 1)]
    for i, (names, _) in enumerate(columns):
        row += [spacer(gap, 1)] if i else []
        row.append(column_spec(charts, names))
    tallest = max(h for _, (_, h) in columns)
    # NOTE: the spacer sits in the sheet's own vconcat, not a nested one: svg2pdf refuses SVG nested too deep.
    stack = {"hconcat": row, "spacing": 0}
    return [stack, spacer(1, height - tallest)], [n for names, _ in columns for n in names]


def build_sheet(
    data: Dataset,
    frame: pd.DataFrame,
    charts: dict[str, dict],
    colours: dict[str, str],
    config: dict,
    measure: Measure,
) -> dict:
    """The whole sheet as one Vega-Lite spec; `charts` are Vega-Lite dicts in priority order, `measure` sizes a spec."""
    tiles, tile_sources = build_tiles(frame, colours)
    numbers = number_sources(data, frame, tile_sources)
    tiles = [Tile(t.name, t.value, t.detail, numbers[s], t.colour) for t, s in zip(tiles, tile_sources, strict=True)]
    as_of = format_as_of(frame, data)  # the rows shown, as the charts' footers date them
    subtitle = f"Headline figures as the cited texts state them, hedges kept · data as of {as_of}"
    middle, shown = middle_views(charts, config, measure, SHEET_HEIGHT - TOP_HEIGHT - BOTTOM_HEIGHT)
    datasets: dict = {}
    for name in shown:
        datasets.update(charts[name].get("datasets", {}))
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "background": "white",
        "padding": 0,
        "config": config,
        "vconcat": [top_view(tiles, subtitle), *middle, bottom_view(source_lines(data, numbers), as_of)],
        "spacing": 0,
    }
    if datasets:
        spec["datasets"] = datasets
    return spec
