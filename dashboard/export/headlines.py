"""What a briefing says before its charts: the headline tiles and the numbered list of the sources it cites."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import pandas as pd

from dashboard.charts import specs
from dashboard.records import units
from dashboard.records.dataset import Dataset
from dashboard.tables.display import (
    CHANGE_UNIT,
    CURATORS,
    format_period,
    source_credit,
    source_label,
    value_label,
    value_parts,
)
from dashboard.tables.freshness import row_stale_note

#: The headline figures, in order: the briefing's and the Overview's tiles; a filtered sheet keeps those still selected.
HEADLINE_IDS = (
    "official_inflation",
    "key_rate",
    "sberbank_overdue_consumer_loans",
    "nwf_liquid_assets",
    "gazprom_losses",
)
MAX_TILES = 5
#: A tile's colour when its category has none, and the sheet's secondary text.
MUTED = "#4a5260"


@dataclass(frozen=True)
class TileText:
    """A headline tile's words as the app's tiles write them: name, value with hedge and unit (or status), period,
    short credit; the deck writes the same words."""

    name: str
    value: str
    period: str
    credit: str
    #: "19 months old; updated monthly" when the figure is stale on data.today, else "" (the period is said above).
    stale: str = ""


def tile_text(row: pd.Series | dict, data: Dataset) -> TileText:
    """The words of the tile showing `row` (an indicator's latest observation): `nearly 10%`, `Period May 2025`,
    `The Washington Post, published ~2 May 2025`; the hedge is a word, the two dates are labelled."""
    credit = source_credit(data.sources.get(str(row["source"])), data.sources, lead="published ")
    stale = row_stale_note(row, data.today)
    period = f"Period {tile_period(row)}"
    if row.get("unit") == CHANGE_UNIT and not pd.isna(row.get("value")):
        # NOTE: a change keeps its figure short (`about −60%`) and says what it is measured from on the line below, so
        # its tile is no taller than the others at 1280 px.
        big, since = value_parts(row)
        return TileText(str(row["name"]), big, f"{since} · {period}", credit, stale)
    return TileText(str(row["name"]), value_label(row, words=True), period, credit, stale)


def tile_period(row: pd.Series | dict) -> str:
    """The period a tile names, marked when the curator chose it."""
    basis = row.get("period_basis")
    return format_period(str(row["period"]), basis if isinstance(basis, str) else None, words=True)


def disagreement_note(data: Dataset, indicator_id: str, line: int) -> str:
    """`another text gives 31 billion dollars (The Courier)` for a record in an unsettled texts-disagree, else ''."""
    figures = disagreeing_figures(data, indicator_id, line)
    if not figures:
        return ""
    other = "another text gives" if len(figures) == 1 else "other texts give"
    return f"{other} {'; '.join(figures)}"


def disagreeing_figures(data: Dataset, indicator_id: str, line: int) -> list[str]:
    """`31 billion dollars (The Courier)` for each record an unsettled texts-disagree pairs with this one."""
    partners = data.partners((indicator_id, line))
    if not partners:
        return []
    by_key = {(r.indicator.id, r.line): r for r in data.records if r.indicator.id == indicator_id}
    figures = []
    for key in partners:
        record = by_key[key]
        obs, ind = record.observation, record.indicator
        row = obs.model_dump() | {
            "unit": ind.unit,
            "stated_unit": units.stated_unit(ind, obs),
            "indicator_value": units.indicator_value(ind, obs),
        }
        figures.append(f"{value_label(row)} ({source_label(data.sources.get(obs.source), data.sources)})")
    return figures


@dataclass(frozen=True)
class Tile:
    """One headline figure: the indicator's name, its formatted value, hedge and period, and its source number."""

    name: str
    value: str
    detail: str
    source: int
    colour: str
    #: As TileText.stale: the figure's age and cadence when it is stale, else "".
    stale: str = ""


def headline_ids(frame: pd.DataFrame) -> list[str]:
    """The headline indicators present in `frame`, or its first indicators when none of them is."""
    present = list(dict.fromkeys(frame.loc[frame["verified"], "indicator_id"]))
    chosen = [i for i in HEADLINE_IDS if i in present]
    return (chosen or present)[:MAX_TILES]


def number_sources(data: Dataset, shown: pd.DataFrame, first: list[str]) -> dict[str, int]:
    """Source id → its number on the sheet: the tiles' sources first, then the rest shown by date, newest first."""
    cited = {s for s in shown["source"].dropna() if s in data.sources}
    rest = sorted(cited - set(first), key=lambda s: (data.sources[s].published, s), reverse=True)
    return {source: n for n, source in enumerate(dict.fromkeys([*first, *rest]), start=1)}


def build_tiles(
    frame: pd.DataFrame, colours: dict[str, str], today: dt.date | None = None
) -> tuple[list[Tile], pd.DataFrame]:
    """The headline tiles (each indicator's latest figure, as the app's charts pick it) and the rows they show.

    With `today`, a tile whose figure is stale on that day says so (Tile.stale).
    """
    latest = specs.latest(frame[frame["verified"]]).set_index("indicator_id")
    ids = headline_ids(frame)
    tiles = []
    for ind in ids:
        row = cast(pd.Series, latest.loc[ind])  # NOTE: latest holds one row per indicator, so this is a row
        # NOTE: the hedge word and the number are drawn large; the unit's words and the labelled period go below.
        big, unit_words = value_parts(row)
        detail = " · ".join(p for p in (unit_words, f"Period {tile_period(row)}") if p)
        stale = row_stale_note(row, today) if today is not None else ""
        tiles.append(Tile(str(row["name"]), big, detail, 0, colours.get(str(row["category"]), MUTED), stale))
    return tiles, latest.loc[ids].reset_index()


def source_lines(data: Dataset, numbers: dict[str, int]) -> list[str]:
    """`[1] Title (curator's translation: …) — Publisher, ~2 May 2025 (date inferred)`, one line a cited source."""
    lines = []
    for source_id, n in numbers.items():
        src = data.sources[source_id]
        flags = (
            ("title supplied", src.title_basis == "supplied"),
            ("date inferred", src.published_basis == "inferred"),
        )
        # NOTE: the credit says the kind of text, so a reader tells an official release from a report of it.
        marks = [m for m, on in flags if on]
        tail = f" ({', '.join(marks)})" if marks else ""
        # NOTE: the translation stands beside the title it renders, marked as the curator's (it is never checked).
        title = f"{src.title} ({CURATORS} {src.title_translation})" if src.title_translation else src.title
        lines.append(f"[{n}] {title} — {source_credit(src, data.sources)}{tail}")
    return lines
